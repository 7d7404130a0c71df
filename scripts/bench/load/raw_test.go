package main

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRawSender checks the raw client against net/http's server: every
// way an answer's body is framed, on one keep-alive connection, with the
// request arriving whole (method, path and query, headers, body).
func TestRawSender(t *testing.T) {
	var conns atomic.Int32
	var got atomic.Value // what /echo received
	big := strings.Repeat("x", 100<<10)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/echo": // Content-Length: net/http sets it for a small body
			assert.Equal(t, "k1", r.Header.Get("X-API-Key"))
			if r.Method == "POST" {
				assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			}
			got.Store(r.Method + " " + r.URL.RequestURI() + " " + string(body))
			w.Write(body)
		case "/chunked": // a body larger than net/http's buffer is chunked
			w.Write([]byte(big))
			w.(http.Flusher).Flush()
			w.Write([]byte(big))
		case "/empty":
			w.WriteHeader(http.StatusNoContent)
		case "/fail":
			http.Error(w, "no", http.StatusServiceUnavailable)
		case "/close":
			w.Header().Set("Connection", "close")
			w.Write([]byte("bye"))
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	reqs := []request{
		{method: "POST", url: srv.URL + "/echo?a=1&b=%20", ctype: "application/json", body: []byte(`{"name":"x"}`)},
		{method: "GET", url: srv.URL + "/chunked"},
		{method: "GET", url: srv.URL + "/empty"},
		{method: "GET", url: srv.URL + "/fail"},
		{method: "POST", url: srv.URL + "/echo", ctype: "application/json", body: []byte(`{}`)},
		{method: "GET", url: srv.URL + "/close"},
		{method: "GET", url: srv.URL + "/echo"},
	}
	mk, err := senders("raw", &http.Client{Timeout: 5 * time.Second}, "k1", reqs)
	require.NoError(t, err)
	s := mk()
	defer s.close()
	for _, c := range []struct {
		req   int
		want  string
		conns int32
		why   string
	}{
		{0, "", 1, "a POST with a query and a body, answered with Content-Length"},
		{1, "", 1, "a chunked body of 200 KiB is read to its end: the connection is reused"},
		{2, "status 204", 1, "204 has no body (any status but 200 is an error kind, as in do)"},
		{3, "status 503", 1, "an error status is an error kind, and its body is read"},
		{4, "", 1, "the connection is still in step after an error answer"},
		{5, "", 1, "Connection: close is honoured"},
		{6, "", 2, "the next request opens a new connection"},
	} {
		assert.Equal(t, c.want, s.send(&reqs[c.req]), c.why)
		assert.Equal(t, c.conns, conns.Load(), c.why)
		if c.req == 0 {
			assert.Equal(t, `POST /echo?a=1&b=%20 {"name":"x"}`, got.Load(), "the request arrives whole")
		}
	}

	_, err = senders("raw", &http.Client{}, "", []request{{method: "GET", url: srv.URL}, {method: "GET", url: "http://127.0.0.2:1/"}})
	assert.Error(t, err, "one target's requests must go to one host")
	_, err = senders("quic", &http.Client{}, "", nil)
	assert.Error(t, err, "an unknown client kind is refused")
}
