package sharedtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPath(t *testing.T) {
	p, err := path("lists/README.md")
	require.NoError(t, err)
	want, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "lists", "README.md"))
	require.NoError(t, err)
	assert.Equal(t, want, p, "../shared beside the module root, found from a package two levels down")
	if _, err := os.Stat(want); err == nil || os.Getenv("CI") != "" {
		assert.Equal(t, want, Path(t, "lists/README.md"), "present (always in CI)")
	}
}
