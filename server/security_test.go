package server

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLogsHoldNoPayeeData sends payees, batches, searches and bad
// requests carrying distinctive personal data, with every request logged
// (debug), and checks that none of it reaches the logs.
func TestLogsHoldNoPayeeData(t *testing.T) {
	keys, err := ParseAPIKeys(strings.NewReader(digest("log-key")+" logtest\n"), "keys")
	require.NoError(t, err)
	_, ts, logs := start(t, Config{Load: fixed(realSet(t)), Keys: keys, MaxFieldBytes: 200})
	secret := []string{"Zebulon", "Quixotically", "GB82WEST12345698765432", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40", "zq@example.org", "EMP-77123"}
	payee := `{"id":"EMP-77123","name":"Zebulon Quixotically","iban":"GB82WEST12345698765432","email":"zq@example.org","wallet":"0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"}`
	key := []string{"X-API-Key", "log-key"}
	do(t, "POST", ts.URL+"/v1/screen", payee, key...)
	do(t, "POST", ts.URL+"/v1/screen", payee) // 401
	do(t, "POST", ts.URL+"/v1/screen", `{"id":"EMP-77123","name":"Zebulon Quixotically","type":"Zebulon"}`, key...)
	do(t, "POST", ts.URL+"/v1/screen", `{"id":"EMP-77123","name":"Zebulon Quixotically`+strings.Repeat("x", 300)+`"}`, key...)
	do(t, "POST", ts.URL+"/v1/screen/batch", payee+"\n"+payee+"\n", key...)
	do(t, "GET", ts.URL+"/v2/search?name=Zebulon+Quixotically&emailAddress=zq@example.org", "", key...)
	do(t, "GET", ts.URL+"/v2/search?name=Zebulon+Quixotically&Zebulon=1", "", key...)
	out := logs.String()
	require.Contains(t, out, `"route":"POST /v1/screen"`, "requests are logged")
	require.Contains(t, out, `"route":"GET /v2/search"`)
	require.Contains(t, out, `"code":400`)
	for _, s := range secret {
		assert.NotContains(t, out, s, "payee data in the logs")
	}
}

// selfSigned writes a certificate and key for 127.0.0.1 and returns
// their paths and the certificate pool trusting it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "payscreen test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	require.NoError(t, err)
	kb, err := x509.MarshalECPrivateKey(k)
	require.NoError(t, err)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600))
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestServeTLS(t *testing.T) {
	s, _, _ := start(t, Config{Load: fixed(sharedSet(t, "un/2026-02")), ReadTimeout: 2 * time.Second})
	certFile, keyFile, pool := selfSigned(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, l, certFile, keyFile, 5*time.Second) }()
	url := "https://" + l.Addr().String()

	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	resp, err := client.Get(url + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotNil(t, resp.TLS, "answered over TLS")

	resp, err = client.Post(url+"/v1/screen", "application/json", strings.NewReader(`{"id":"1","name":"Anna Schmidt"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	plain, err := http.Get("http://" + l.Addr().String() + "/readyz")
	if err == nil {
		assert.Equal(t, http.StatusBadRequest, plain.StatusCode, "plain HTTP to the TLS port is refused")
		plain.Body.Close()
	}
	cancel()
	assert.NoError(t, <-errc, "a graceful shutdown")
}

// TestSlowClientTimesOut: a request whose body never ends is cut at the
// read timeout rather than holding the server.
func TestSlowClientTimesOut(t *testing.T) {
	s, _, _ := start(t, Config{Load: fixed(sharedSet(t, "un/2026-02")), ReadTimeout: 300 * time.Millisecond})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Serve(ctx, l, "", "", time.Second)
	c, err := net.Dial("tcp", l.Addr().String())
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Write([]byte("POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"id\":"))
	require.NoError(t, err)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(10*time.Second)))
	buf := make([]byte, 4096)
	n, err := c.Read(buf)
	// The server gives up reading: the answer is an error or the
	// connection is closed, before the client's own deadline.
	assert.False(t, errors.Is(err, os.ErrDeadlineExceeded), "the server still waits for the body")
	if n > 0 {
		assert.Contains(t, string(buf[:n]), "400 Bad Request")
	}
}
