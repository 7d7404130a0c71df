package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shared returns the path of a file under ../../../../shared; the test is
// skipped when it is absent, except in CI, where it fails.
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

func TestRun(t *testing.T) {
	in := shared(t, "eval-public")
	un := shared(t, "lists/un/2026-02/consolidated.xml")
	out := filepath.Join(t.TempDir(), "labels.csv")
	require.NoError(t, run(in, un, out))
	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	if len(recs) != 1+678+678+1000+1000 {
		t.Fatalf("%d records, want the header, 678 of each positive file (683 less 3 delisted and 2 listed twice) and 1000 of each negative file", len(recs))
	}
	byCat := map[string]map[string]int{}
	for _, r := range recs[1:] {
		if byCat[r[8]] == nil {
			byCat[r[8]] = map[string]int{}
		}
		byCat[r[8]][r[5]]++
		if r[8] == "un_treated" && (r[6] != "un" || r[7] == "") {
			t.Errorf("positive %v without source un and an entity id", r[0])
		}
	}
	if byCat["neg_global"]["clear"] != 1000 || byCat["neg_us"]["clear"] != 1000 {
		t.Errorf("negatives %v: want every one expected clear", byCat)
	}
	// A positive expects block when it gives a date of birth or a
	// nationality, which corroborate a name.
	if n := byCat["un_untreated"]["block"] + byCat["un_untreated"]["review"]; n != 678 || byCat["un_untreated"]["block"] < 600 {
		t.Errorf("untreated positives %v", byCat["un_untreated"])
	}
	// Row 2 of both files: "JANAN AGHA", UN TAi.091, 1958, Afghanistan.
	want := []string{"un_untreated-0002", "JANAN AGHA", "person", "1958", "AF", "block", "un", "TAi.091", "un_untreated"}
	for i, v := range want {
		if recs[2][i] != v {
			t.Errorf("record 2 %v, want %v", recs[2], want)
			break
		}
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"SALEK, ABDULHAI", "SALEK ABDULHAI"},
		{"Abdul-Hai  Salek", "ABDUL HAI SALEK"},
		{" al-Jawlani. ", "AL JAWLANI"},
	}
	for _, tt := range tests {
		assert.Equal(t, nameKey(tt.b), nameKey(tt.a), "nameKey(%q)", tt.a)
		assert.Equal(t, tt.b, nameKey(tt.a), "nameKey(%q)", tt.a)
	}
}
