package watchman

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/moov-io/watchman/pkg/search"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// FuzzResults feeds arbitrary answers to the code that maps and scores
// them: it must never panic, and must return either matches with scores in
// [0,1] on payscreen's sources, or an error of the package.
func FuzzResults(f *testing.F) {
	for _, name := range []string{"search_zawahiri.json", "search_ri_won_ho_debug.json", "search_aqsa.json", "search_none.json", "listinfo.json"} {
		f.Add(readTestdata(f, name), "Ayman al-Zawahiri", false)
	}
	f.Add([]byte(`{"entities":[{"sourceList":"un_csl","sourceID":"UN-1","sourceData":{"ReferenceNumber":7},"match":0.9}]}`), "x", true)
	f.Add([]byte(`{"entities":[{"sourceList":"us_ofac","sourceID":"12a","match":"NaN"}]}`), "", false)
	// Two engines for the whole run: their caches keep the prepared names
	// of the seeds' entries, which are slow to prepare.
	var engines [2]*Engine
	for i := range engines {
		e, err := New("http://127.0.0.1:1", Options{ServerDetails: i == 1})
		require.NoError(f, err)
		engines[i] = e
	}
	f.Fuzz(func(t *testing.T, body []byte, name string, details bool) {
		var resp search.SearchResponse
		if json.Unmarshal(body, &resp) != nil {
			return
		}
		e := engines[btoi(details)]
		hits, err := e.results(queryEntity(name, screening.Person), resp, 0.8)
		if err != nil {
			var we *Error
			require.ErrorAs(t, err, &we)
			return
		}
		for _, h := range hits {
			if h.Overall < 0 || h.Overall > 1 {
				t.Errorf("overall %v out of [0,1]", h.Overall)
			}
			if h.Score < 0.8 || h.Score > 1 || math.IsNaN(h.Score) {
				t.Errorf("score %v out of [0.8,1]", h.Score)
			}
			if _, ok := SourceListOf(h.Source); !ok || h.Source == lists.SourceUnknown || h.EntityID == "" {
				t.Errorf("hit on %v %q", h.Source, h.EntityID)
			}
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
