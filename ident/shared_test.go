package ident

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/internal/sharedtest"
)

// sharedVectors returns the path of rel under ../shared/vectors (see [sharedtest.Path]).
func sharedVectors(tb testing.TB, rel string) string {
	tb.Helper()
	return sharedtest.Path(tb, "vectors/"+rel)
}

// readTSV returns the tab-separated rows of a shared vectors file, without
// comment lines (starting with #) and blank lines.
func readTSV(tb testing.TB, rel string) [][]string {
	tb.Helper()
	f, err := os.Open(sharedVectors(tb, rel))
	require.NoError(tb, err)
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	require.NoError(tb, sc.Err())
	return rows
}
