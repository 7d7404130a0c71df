package lists

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/internal/sharedtest"
)

// sharedList returns the path of rel under ../shared/lists (see [sharedtest.Path]).
func sharedList(tb testing.TB, rel string) string {
	tb.Helper()
	return sharedtest.Path(tb, "lists/"+rel)
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
