package wmserver

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shared returns a directory of ../shared/lists, skipping the test when it
// is absent (failing in CI).
func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "lists", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared list %s is required in CI: %v", rel, err)
		}
		t.Skipf("shared list %s not present: %v", rel, err)
	}
	return p
}

func TestDataFiles(t *testing.T) {
	dirs := []string{shared(t, "ofac/2025-12"), shared(t, "ofac-nonsdn/2025-12"), shared(t, "un/2026-02"), shared(t, "eu/2024-01")}
	files, err := DataFiles(dirs)
	require.NoError(t, err)
	var got []string
	for _, f := range files {
		got = append(got, f.Name+"="+string(f.List))
	}
	want := []string{
		"CONS_ADD.CSV=us_non_sdn", "CONS_ALT.CSV=us_non_sdn", "CONS_COMMENTS.CSV=us_non_sdn", "CONS_PRIM.CSV=us_non_sdn",
		"add.csv=us_ofac", "alt.csv=us_ofac", "eu_csl.csv=eu_csl", "sdn.csv=us_ofac", "sdn_comments.csv=us_ofac",
		"un_consolidated.xml=un_csl",
	}
	assert.Equal(t, want, got, "DataFiles")
	assert.Equal(t, []search.SourceList{"eu_csl", "un_csl", "us_non_sdn", "us_ofac"}, Lists(files))
}

func TestDataFilesRefused(t *testing.T) {
	// A directory holding part of OFAC's quartet.
	partial := t.TempDir()
	b, err := os.ReadFile(filepath.Join(shared(t, "ofac/2025-12"), "sdn.csv"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(partial, "sdn.csv"), b, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(partial, "README.md"), []byte("# notes\n"), 0o600))
	tests := []struct {
		dirs   []string
		want   string
		reason string
	}{
		{[]string{shared(t, "uk/2024-01")}, "does not read", "Watchman v0.65.1 reads the FCDO CSV, not OFSI's retired ConList.csv"},
		{[]string{shared(t, "ofac-nonsdn/2025-03")}, "does not read", "OFAC's XML is not a format Watchman reads"},
		{[]string{shared(t, "ofac/2025-11-advanced")}, "", "a compressed file cannot be given to Watchman"},
		{[]string{partial}, "us_ofac needs all of", "one file of the quartet (the README beside it is skipped)"},
		{[]string{shared(t, "ofac/2025-12"), shared(t, "ofac/2025-02")}, "are both Watchman's", "two publications of one list"},
		{[]string{t.TempDir()}, "no list file", "an empty directory"},
		{[]string{filepath.Join(partial, "nope")}, "", "a missing directory"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := DataFiles(tt.dirs)
			if assert.Error(t, err, tt.reason) {
				assert.Contains(t, err.Error(), tt.want, tt.reason)
			}
		})
	}
	_, err = DataFiles([]string{shared(t, "uk/2024-01")})
	assert.ErrorIs(t, err, ErrUnsupported)
}

// TestEnvNeverReachesOut: every download URL Watchman v0.65.1 reads from
// the environment points at the sink, and nothing is inherited.
func TestEnvNeverReachesOut(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.example:4317")
	env := Env("/h", "/h/config.yml", "/h/data", "http://127.0.0.1:9/", []string{"us_ofac", "un_csl"})
	got := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = v
	}
	for _, k := range []string{"OFAC_DOWNLOAD_TEMPLATE", "US_NON_SDN_DOWNLOAD_TEMPLATE", "UN_CONSOLIDATED_LIST_URL", "EU_CSL_DOWNLOAD_URL",
		"UK_SANCTIONS_LIST_URL", "US_CSL_DOWNLOAD_URL", "US_CSL_DOWNLOAD_TEMPLATE", "FINCEN_311_DOWNLOAD_URL", "US_TEL_URL"} {
		assert.True(t, strings.HasPrefix(got[k], "http://127.0.0.1:9/"), "%s = %q", k, got[k])
	}
	assert.Equal(t, "us_ofac,un_csl", got["INCLUDED_LISTS"], "env %v", env)
	assert.Equal(t, "/h/data", got["INITIAL_DATA_DIRECTORY"], "env %v", env)
	assert.Equal(t, "/h/config.yml", got["APP_CONFIG"], "env %v", env)
	if _, ok := got["OTEL_EXPORTER_OTLP_ENDPOINT"]; ok {
		t.Error("the caller's environment leaked into the server's")
	}
}

func TestStartFailures(t *testing.T) {
	dirs := []string{shared(t, "un/2026-02")}
	silent := filepath.Join(t.TempDir(), "silent")
	require.NoError(t, os.WriteFile(silent, []byte("#!/bin/sh\nexec sleep 30\n"), 0o700))
	tests := []struct {
		binary string
		want   string
		reason string
	}{
		{filepath.Join(t.TempDir(), "absent"), "build it with scripts/watchman/build.sh", "no binary"},
		{"/bin/false", "exited", "a server that exits at once"},
		{silent, "not ready", "a server that never answers is stopped"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			if _, err := os.Stat(tt.binary); err != nil && tt.reason != "no binary" {
				t.Skip(err)
			}
			t.Setenv("TMPDIR", t.TempDir()) // where Start makes the server's directory
			before, _ := filepath.Glob(filepath.Join(os.TempDir(), "payscreen-watchman-*"))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s, err := Start(ctx, Config{Binary: tt.binary, Dirs: dirs, StartTimeout: time.Second})
			if err == nil {
				s.Close()
				t.Fatalf("Start succeeded (%s)", tt.reason)
			}
			assert.Contains(t, err.Error(), tt.want, "err = %v (%s)", err, tt.reason)
			after, _ := filepath.Glob(filepath.Join(os.TempDir(), "payscreen-watchman-*"))
			if len(after) > len(before) {
				t.Errorf("a failed start left %v behind", after)
			}
		})
	}
}
