package ident

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// sharedVectors returns the path of a file under ../shared/vectors. When
// it is absent the test is skipped, except in CI (CI set), where it fails.
func sharedVectors(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "vectors", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared vectors %s are required in CI: %v", rel, err)
		}
		tb.Skipf("shared vectors %s not present: %v", rel, err)
	}
	return p
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
