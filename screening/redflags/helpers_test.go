package redflags

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
	"github.com/stretchr/testify/require"
)

// sliceReader reads rows from a slice, then returns err (io.EOF if nil).
type sliceReader struct {
	rows []screening.Row
	i    int
	err  error
}

func (r *sliceReader) Read() (screening.Row, error) {
	if r.i >= len(r.rows) {
		if r.err != nil {
			return screening.Row{}, r.err
		}
		return screening.Row{}, io.EOF
	}
	r.i++
	return r.rows[r.i-1], nil
}

func sampleScreener(tb testing.TB, p screening.Policy) *screening.Screener {
	tb.Helper()
	set, err := lists.Sample()
	require.NoError(tb, err)
	s, err := screening.New(set, p, screening.Options{})
	require.NoError(tb, err)
	return s
}

var (
	realOnce     sync.Once
	realScreener *screening.Screener
	realErr      error
)

// realLists returns a Screener over the real lists of ../shared/lists
// (skipped without them, except in CI).
func realLists(tb testing.TB) *screening.Screener {
	tb.Helper()
	var dirs []string
	for _, d := range []string{"ofac/2025-12", "ofac-nonsdn/2025-12", "un/2026-02", "eu/2024-01", "uk/2024-01"} {
		dirs = append(dirs, sharedPath(tb, filepath.Join("lists", d)))
	}
	realOnce.Do(func() {
		set, err := lists.LoadDirs(tb.Context(), dirs, lists.LoadOptions{})
		if err != nil {
			realErr = err
			return
		}
		p := screening.DefaultPolicy()
		p.MaxListAge = "0"
		realScreener, realErr = screening.New(set, p, screening.Options{})
	})
	require.NoError(tb, realErr)
	return realScreener
}

// sharedPath returns a path under ../shared beside the checkout. When it
// is absent the test is skipped, except in CI (CI set), where it fails.
func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared %s is required in CI: %v", rel, err)
		}
		tb.Skipf("shared %s not present: %v", rel, err)
	}
	return p
}
