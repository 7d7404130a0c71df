package watchman_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/watchman"
)

// A stand-in for a Watchman server: it answers every search as a real
// v0.65.1 server loaded with OFAC, the UN and the EU answered a search for
// "Ayman al-Zawahiri".
func fakeWatchman() *httptest.Server {
	answer, err := os.ReadFile("testdata/search_zawahiri.json")
	if err != nil {
		panic(err)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(answer)
	}))
}

func ExampleEngine_Match() {
	srv := fakeWatchman()
	defer srv.Close()

	e, err := watchman.New(srv.URL, watchman.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ms, err := e.Match(context.Background(), screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person}, 0.8)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Printf("%s %s %q %.2f\n", m.Source, m.EntityID, m.MatchedName, m.Score)
	}
	// Output:
	// ofac_sdn 2676 "Ayman AL-ZAWAHIRI" 1.00
	// un QDi.006 "Al Zawahiri Ayman" 1.00
	// eu 551 "Ayman Al Zawahiri" 1.00
}

func ExampleEngine_Search() {
	srv := fakeWatchman()
	defer srv.Close()

	e, err := watchman.New(srv.URL, watchman.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	hits, err := e.Search(context.Background(), screening.Payee{Name: "Ayman al-Zawahiri", Type: screening.Person}, 0.8)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The name scores 1, but Watchman's own overall score of a name-only
	// search stops at 0.81225.
	h := hits[0]
	fmt.Printf("%s %s: name %.2f, Watchman overall %.5f\n", h.Source, h.EntityID, h.Score, h.Overall)
	// Output:
	// ofac_sdn 2676: name 1.00, Watchman overall 0.81225
}
