package server

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func digest(key string) string {
	d := sha256.Sum256([]byte(key))
	return hex.EncodeToString(d[:])
}

func TestParseAPIKeys(t *testing.T) {
	tests := []struct {
		name, file string
		wantErr    string
		wantKeys   int
		reason     string
	}{
		{"two keys", "# payroll team\n" + digest("k1") + " payroll\n\nsha256:" + strings.ToUpper(digest("k2")) + "\n", "", 2,
			"comments and blank lines skipped; prefix and upper case accepted"},
		{"raw key", "s3cr3t-key\n", "keys.txt:1: not a sha256 digest", 0, "a key stored in clear is refused, not hashed on the fly"},
		{"short hex", digest("k1")[:60] + "\n", "keys.txt:1: not a sha256 digest", 0, "a digest must be 32 bytes"},
		{"empty", "# nothing yet\n\n", "no API key", 0, "an empty key file must not open the service"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ParseAPIKeys(strings.NewReader(tt.file), "keys.txt")
			if tt.wantErr != "" {
				require.Error(t, err, tt.reason)
				assert.Contains(t, err.Error(), tt.wantErr, tt.reason)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.wantKeys, k.Len())
		})
	}
	_, err := ParseAPIKeys(strings.NewReader(""), "keys.txt")
	assert.True(t, errors.Is(err, ErrNoKeys))
}

func TestAPIKeysCheck(t *testing.T) {
	k, err := ParseAPIKeys(strings.NewReader(digest("alpha")+" team-a\n"+digest("beta")+"\n"), "keys")
	require.NoError(t, err)
	tests := []struct {
		key, label string
		ok         bool
		reason     string
	}{
		{"alpha", "team-a", true, "first key, labelled"},
		{"beta", "line 2", true, "unlabelled keys are named by their line"},
		{"Alpha", "", false, "keys are case-sensitive"},
		{"alph", "", false, "a prefix is not the key"},
		{"", "", false, "no key"},
		{digest("alpha"), "", false, "the digest itself is not a key"},
	}
	for _, tt := range tests {
		label, ok := k.Check(tt.key)
		assert.Equal(t, tt.ok, ok, tt.reason)
		assert.Equal(t, tt.label, label, tt.reason)
	}
}

func TestAuth(t *testing.T) {
	keys, err := ParseAPIKeys(strings.NewReader(digest("good-key")+" tests\n"), "keys")
	require.NoError(t, err)
	_, ts, logs := start(t, Config{Load: fixed(realSet(t)), Keys: keys})
	payee := `{"id":"E1","name":"Anna Schmidt"}`
	tests := []struct {
		name, method, path string
		header             []string
		code               int
		reason             string
	}{
		{"no key", "POST", "/v1/screen", nil, 401, "screening needs a key"},
		{"wrong key", "POST", "/v1/screen", []string{"Authorization", "Bearer bad-key"}, 401, "an unknown key is refused"},
		{"digest as key", "POST", "/v1/screen", []string{"X-API-Key", digest("good-key")}, 401, "the stored digest is not a key"},
		{"basic auth", "POST", "/v1/screen", []string{"Authorization", "Basic Z29vZC1rZXk6"}, 401, "only bearer keys"},
		{"bearer", "POST", "/v1/screen", []string{"Authorization", "Bearer good-key"}, 200, "a good key as a bearer token"},
		{"bearer lower case", "POST", "/v1/screen", []string{"Authorization", "bearer good-key"}, 200, "the scheme is case-insensitive"},
		{"x-api-key", "POST", "/v1/screen", []string{"X-API-Key", "good-key"}, 200, "a good key in X-API-Key"},
		{"batch no key", "POST", "/v1/screen/batch", nil, 401, "batches need a key"},
		{"search no key", "GET", "/v2/search?name=Anna", nil, 401, "the Watchman search needs a key"},
		{"lists no key", "GET", "/v1/lists", nil, 401, "list versions need a key"},
		{"metrics no key", "GET", "/metrics", nil, 401, "metrics need a key"},
		{"metrics key", "GET", "/metrics", []string{"X-API-Key", "good-key"}, 200, "metrics with a key"},
		{"healthz open", "GET", "/healthz", nil, 200, "load balancers probe without a key"},
		{"readyz open", "GET", "/readyz", nil, 200, "load balancers probe without a key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := ""
			if tt.method == "POST" {
				body = payee
			}
			code, out, h := do(t, tt.method, ts.URL+tt.path, body, tt.header...)
			assert.Equal(t, tt.code, code, "%s: %s", tt.reason, out)
			if code == 401 {
				assert.Contains(t, out, "missing or invalid API key")
				assert.Equal(t, `Bearer realm="payscreen"`, h.Get("WWW-Authenticate"))
			}
		})
	}
	assert.Contains(t, logs.String(), `"key":"tests"`, "the key's label is logged")
	assert.NotContains(t, logs.String(), "good-key", "never the key")
	assert.NotContains(t, logs.String(), "bad-key", "never a presented key")
}
