package screening

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/require"
)

// sharedPath returns a path under ../shared. When it is absent the test is
// skipped, except in CI (CI set), where it fails.
func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared %s is required in CI: %v", rel, err)
		}
		tb.Skipf("shared %s not present: %v", rel, err)
	}
	return p
}

var (
	realOnce     sync.Once
	realSet      *lists.Set
	realErr      error
	realScreener *Screener
)

// realLists loads the current real lists of ../shared/lists (OFAC SDN and
// non-SDN 2025-12, UN 2026-02, EU 2024-01, UK 2024-01) once per test
// binary, and a Screener over them with the default policy (no age limit:
// the shared copies are older than any sensible limit).
func realLists(tb testing.TB) (*lists.Set, *Screener) {
	tb.Helper()
	dirs := []string{"lists/ofac/2025-12", "lists/ofac-nonsdn/2025-12", "lists/un/2026-02", "lists/eu/2024-01", "lists/uk/2024-01"}
	var paths []string
	for _, d := range dirs {
		paths = append(paths, sharedPath(tb, d))
	}
	realOnce.Do(func() {
		realSet, realErr = loadRealLists(paths)
		if realErr != nil {
			return
		}
		p := DefaultPolicy()
		p.MaxListAge = "0"
		realScreener, realErr = New(realSet, p, Options{})
	})
	require.NoError(tb, realErr)
	return realSet, realScreener
}
