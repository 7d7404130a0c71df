package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/internal/benchtest"
	"github.com/stretchr/testify/require"
)

// benchPayee is a payroll-like payee: a name, a date of birth, a country,
// an e-mail, a phone and a US bank account.
const benchPayee = `{"id":"EMP-0000001","name":"Dmitri Romano","type":"person","dob":"1995-06-12","country":"US","email":"payee1@example.com","phone":"+1 200 0000000","account_number":"661259239","routing_number":"021000021","bank_country":"US","amount":"1637.43","currency":"EUR"}`

// BenchmarkHandler measures the server's own cost per request, on the
// real lists, without the network: the handler with its middleware. On a
// shared machine ns/op is wall time, inflated by whatever else runs;
// cpu-ns/op is the processor time of the whole process per request (the
// garbage collector's included), less sensitive to it.
func BenchmarkHandler(b *testing.B) {
	s, err := New(Config{Load: fixed(realSet(b)), Policy: noAgePolicy(), Logger: discardLogger()})
	require.NoError(b, err)
	require.NoError(b, s.Refresh(b.Context()))
	h := s.Handler()
	for _, bc := range []struct{ name, method, path, body string }{
		{"screen", "POST", "/v1/screen", benchPayee},
		{"search", "GET", "/v2/search?name=Dmitri+Romano&type=person", ""},
		{"readyz", "GET", "/readyz", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			reportCPU := benchtest.ReportCPU(b)
			for b.Loop() {
				req := httptest.NewRequest(bc.method, bc.path, strings.NewReader(bc.body))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatal(rec.Code, rec.Body)
				}
			}
			reportCPU()
		})
	}
}
