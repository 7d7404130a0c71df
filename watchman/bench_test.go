package watchman

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/moov-io/watchman/pkg/search"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/screening"
)

// BenchmarkResults measures the client's share of a Match: scoring and
// mapping an answer of three results (the answer to an exact listed name,
// 41 names in all), with the entries' prepared names cached (warm) or
// prepared again each time (cold).
func BenchmarkResults(b *testing.B) {
	var resp search.SearchResponse
	require.NoError(b, json.Unmarshal(readTestdata(b, "search_zawahiri.json"), &resp))
	q := queryEntity("Ayman al-Zawahiri", screening.Person)
	for _, bc := range []struct {
		name  string
		cache int
	}{{"warm", 0}, {"cold", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := New("http://127.0.0.1:1", Options{CacheSize: bc.cache})
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.results(q, resp, 0.8); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMatchReal measures whole Matches against the real server, one
// connection, for a name on no list and for a listed name.
func BenchmarkMatchReal(b *testing.B) {
	srv, _ := realServer(b)
	e, err := New(srv.URL, Options{})
	require.NoError(b, err)
	for _, bc := range []struct{ name, payee string }{{"unlisted", "Anna Schmidt"}, {"listed", "Ayman al-Zawahiri"}} {
		b.Run(bc.name, func(b *testing.B) {
			p := screening.Payee{Name: bc.payee, Type: screening.Person}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Match(context.Background(), p, 0.8); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
