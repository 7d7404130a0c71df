// Package sharedtest finds the shared material (../shared beside the
// checkout: the real official lists, the public evaluation sets, the test
// vectors) for the tests of every package.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of rel (slash-separated) under the shared folder
// beside the module's root. When it is absent the test is skipped, except
// when the environment variable CI is set: there it fails, so that CI
// never passes without the real lists.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p, err := path(rel)
	if err == nil {
		_, err = os.Stat(p)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared %s is required in CI: %v", rel, err)
		}
		tb.Skipf("shared %s not present: %v", rel, err)
	}
	return p
}

// path is rel under ../shared of the directory holding go.mod, found
// upwards from the working directory (a package's directory in go test).
func path(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", filepath.FromSlash(rel)), nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", os.ErrNotExist
		}
		dir = up
	}
}
