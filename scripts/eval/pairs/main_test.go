package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
)

func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared file %s is required in CI: %v", rel, err)
		}
		t.Skipf("shared file %s not present: %v", rel, err)
	}
	return p
}

func TestPairs(t *testing.T) {
	tests := []struct {
		set, file             string
		read                  func(string) ([]pair, error)
		pairs, matches, names int
		reason                string
	}{
		{"name_bench", "name_bench_cases.csv", readNameBench, 826, 425, 630, "633 distinct name2/schema pairs, 630 once Company, Organization and LegalEntity are one kind"},
		{"cross_script", "cross_script_pairs.csv", readCrossScript, 22, 22, 21, "Kim Jong Un is the Latin side of two pairs"},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			pairs, err := tt.read(shared(t, "eval-public/"+tt.file))
			require.NoError(t, err)
			dir := t.TempDir()
			require.NoError(t, write(dir, pairs))
			f, err := os.Open(filepath.Join(dir, "list", "consolidated.xml"))
			require.NoError(t, err)
			defer f.Close()
			l, err := lists.ParseUNXML(lists.File{Name: "consolidated.xml", R: f})
			require.NoError(t, err, "the synthetic list does not parse as a UN list")
			assert.Len(t, l.Entities, tt.names, "%s", tt.reason)
			ids := map[string]string{}
			for _, e := range l.Entities {
				ids[e.ID] = e.Names[0].Full
			}
			lf, err := os.Open(filepath.Join(dir, "labels.csv"))
			require.NoError(t, err)
			defer lf.Close()
			recs, err := csv.NewReader(lf).ReadAll()
			require.NoError(t, err)
			matches := 0
			for i, r := range recs[1:] {
				if r[3] == "review" {
					matches++
				}
				if ids[r[5]] != pairs[i].listed {
					t.Errorf("row %d names entry %s (%q), want the pair's listed name %q", i+1, r[5], ids[r[5]], pairs[i].listed)
				}
			}
			if len(recs)-1 != tt.pairs || matches != tt.matches {
				t.Errorf("%d rows, %d expected review; want %d and %d", len(recs)-1, matches, tt.pairs, tt.matches)
			}
		})
	}
}
