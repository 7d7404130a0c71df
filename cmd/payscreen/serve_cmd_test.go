package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a buffer written by the command and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args   []string
		want   string
		reason string
	}{
		{[]string{"--tls-cert", "c.pem"}, "--tls-cert and --tls-key go together", "TLS needs both files"},
		{[]string{"--download", "--lists", "sample"}, "--download updates the cache", "--download is for the cache"},
		{[]string{"--log-level", "loud"}, "--log-level wants", "unknown level"},
		{[]string{"extra"}, "no arguments expected", "serve takes flags only"},
		{[]string{"--mirror", "https://mirror.internal/lists"}, "--mirror is where --download downloads from", "without --download nothing is downloaded"},
		{[]string{"--download", "--mirror", "mirror.internal/lists"}, "--mirror: lists: invalid mirror URL", "a mirror URL must be absolute"},
		{[]string{"--download", "--mirror", "https://u:secret@mirror.internal/"}, "no user name or password", "credentials in a URL would be logged"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"serve"}, tt.args...), &stdout, &stderr)
		assert.Equal(t, exitUsage, code, tt.reason)
		assert.Contains(t, stderr.String(), tt.want, tt.reason)
	}
}

func TestServeFailsWithoutLists(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "--lists", t.TempDir(), "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	assert.Equal(t, exitError, code, "no list, no service")
	assert.Contains(t, stderr.String(), "payscreen serve:")
}

// startServe runs "payscreen serve args..." in-process on a loopback
// address given in args and returns its base URL, its standard error, and
// stop, which stops it and returns its exit status; serve is stopped at
// the end of the test if stop was not called.
func startServe(t *testing.T, args ...string) (base string, stderr *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), stdout, stderr) }()
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	re := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(stdout.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 60*time.Second, 10*time.Millisecond, "stderr: %s", stderr)
	return base, stderr, stop
}

// TestServeCommand runs "payscreen serve --lists sample" with API keys on
// a free loopback port, screens one payee and stops it.
func TestServeCommand(t *testing.T) {
	d := sha256.Sum256([]byte("cmd-key"))
	keys := filepath.Join(t.TempDir(), "keys")
	require.NoError(t, os.WriteFile(keys, []byte(hex.EncodeToString(d[:])+" cmd-test\n"), 0o600))
	base, stderr, stop := startServe(t, "--lists", "sample", "--addr", "127.0.0.1:0", "--api-keys", keys, "--refresh", "1h")

	req, _ := http.NewRequest("POST", base+"/v1/screen", strings.NewReader(`{"id":"E1","name":"Sim Hyeon Seop","dob":"1983-11-25","country":"CN"}`))
	req.Header.Set("Authorization", "Bearer cmd-key")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Contains(t, string(body), `"decision":"block"`)
	assert.Contains(t, string(body), `"sample_lists"`, "the sample is marked as such")

	resp, err = http.Post(base+"/v1/screen", "application/json", strings.NewReader(`{"id":"E1"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	assert.Equal(t, exitOK, stop(), stderr.String())
	assert.Contains(t, stderr.String(), `"msg":"lists loaded"`, "JSON logs on stderr")
	assert.NotContains(t, stderr.String(), "Sim Hyeon", "no payee data in the logs")
}
