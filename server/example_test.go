package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/server"
)

// A service over the built-in SAMPLE lists (use real lists for real
// payments), screening one payee.
func Example() {
	s, err := server.New(server.Config{
		Load:   func(context.Context) (*lists.Set, error) { return lists.Sample() },
		Policy: screening.DefaultPolicy(),
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		panic(err)
	}
	if err := s.Refresh(context.Background()); err != nil {
		panic(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	resp, err := http.Post(ts.URL+"/v1/screen", "application/json",
		strings.NewReader(`{"id":"EMP-1","name":"Sim Hyeon Seop","dob":"1983-11-25","country":"CN"}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var out struct {
		ID       string `json:"id"`
		Decision string `json:"decision"`
		Matches  []struct {
			Source   string `json:"source"`
			EntityID string `json:"entity_id"`
		} `json:"matches"`
	}
	json.NewDecoder(resp.Body).Decode(&out)
	fmt.Println(resp.StatusCode, out.ID, out.Decision, out.Matches[0].Source, out.Matches[0].EntityID)
	// Output: 200 EMP-1 block ofac_sdn 42498
}

func ExampleParseAPIKeys() {
	d := sha256.Sum256([]byte("my-secret-key"))
	file := "# one sha256 per line, then a label\n" + hex.EncodeToString(d[:]) + " payroll-service\n"
	keys, err := server.ParseAPIKeys(strings.NewReader(file), "keys")
	if err != nil {
		panic(err)
	}
	fmt.Println(keys.Check("my-secret-key"))
	fmt.Println(keys.Check("another-key"))
	// Output:
	// payroll-service true
	//  false
}
