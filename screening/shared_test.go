package screening

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/internal/sharedtest"
	"github.com/payscreen/payscreen/lists"
)

// sharedPath returns the path of rel under ../shared (see [sharedtest.Path]).
func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	return sharedtest.Path(tb, rel)
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
