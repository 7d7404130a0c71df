package lists

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedList returns the path of a file or folder under ../shared/lists
// (the real official lists kept beside the checkout). When it is absent the
// test is skipped, except in CI (CI set), where it fails: CI must exercise
// the real lists.
func sharedList(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "lists", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared list %s is required in CI: %v", rel, err)
		}
		tb.Skipf("shared list %s not present: %v", rel, err)
	}
	return p
}

// openShared opens a file under ../shared/lists as a File named by its
// base name; it is closed when the test ends.
func openShared(tb testing.TB, rel string) File {
	tb.Helper()
	f, err := os.Open(sharedList(tb, rel))
	require.NoError(tb, err)
	tb.Cleanup(func() { f.Close() })
	return File{Name: filepath.Base(rel), R: f}
}

// checkParseError asserts that a parser failed with a *ParseError naming
// file and field and wrapping want. got is the number of entities parsed,
// reported when the parser wrongly succeeded.
func checkParseError(tb testing.TB, l *List, err error, file, field string, want error, reason string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got a list of %d entities, want an error: %s", len(l.Entities), reason)
	}
	var pe *ParseError
	require.ErrorAs(tb, err, &pe, "%s", reason)
	assert.ErrorIs(tb, err, want, "%s", reason)
	assert.Equal(tb, file, pe.File, "%s", reason)
	assert.Equal(tb, field, pe.Field, "%s", reason)
}
