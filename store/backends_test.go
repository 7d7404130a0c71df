package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// backend opens fresh, empty stores of one kind for a test.
type backend struct {
	name string
	// target returns where a new empty store is; each call, a new one.
	target func(t *testing.T) string
}

var schemaSeq atomic.Int64

// backends returns SQLite and, when PAYSCREEN_TEST_POSTGRES names a
// PostgreSQL database (scripts/postgres/start.sh prints one), PostgreSQL.
// Under CI (CI set) PostgreSQL must be there: its tests fail rather than
// skip.
func backends(t *testing.T) []backend {
	t.Helper()
	out := []backend{{name: "sqlite", target: func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "payscreen.db")
	}}}
	pg := os.Getenv("PAYSCREEN_TEST_POSTGRES")
	if pg == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("PAYSCREEN_TEST_POSTGRES is required in CI (.ci/run starts PostgreSQL and sets it)")
		}
		t.Log("PAYSCREEN_TEST_POSTGRES not set: PostgreSQL tests skipped (scripts/postgres/start.sh starts one)")
		return out
	}
	admin, err := sql.Open("pgx", pg)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		t.Fatalf("PostgreSQL at PAYSCREEN_TEST_POSTGRES unreachable: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	out = append(out, backend{name: "postgres", target: func(t *testing.T) string {
		schema := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.Add(1))
		_, err := admin.Exec(`CREATE SCHEMA ` + schema)
		require.NoError(t, err)
		t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
		u, err := url.Parse(pg)
		require.NoError(t, err)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}})
	return out
}

// forEachBackend runs f as a subtest on every backend.
func forEachBackend(t *testing.T, f func(t *testing.T, b backend)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

func openStore(t *testing.T, target string) *Store {
	t.Helper()
	s, err := Open(context.Background(), target)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}
