package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/screening/redflags"
)

// ListsHeader names the list set an answer was decided against (a short
// hash of the publications, as GET /v1/lists shows it).
const ListsHeader = "Payscreen-Lists"

// ErrFieldTooLong is the cause of a row error for a field over
// Config.MaxFieldBytes.
var ErrFieldTooLong = errors.New("field too long")

func (s *Server) routes(gat prometheus.Gatherer) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/screen", s.handleScreen)
	mux.HandleFunc("POST /v1/screen/batch", s.handleBatch)
	mux.HandleFunc("GET /v1/lists", s.handleLists)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /readyz", s.handleReady)
	mux.Handle("GET /metrics", promhttp.HandlerFor(gat, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelError)}))
	mux.HandleFunc("GET /v2/search", s.handleSearch)
	mux.HandleFunc("GET /v2/listinfo", s.handleListInfo)
	return s.middleware(mux)
}

// respWriter records what the middleware logs and counts.
type respWriter struct {
	http.ResponseWriter
	code     int
	bytes    int64
	decision string
}

func (w *respWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *respWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *respWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush implements http.Flusher.
func (w *respWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func setDecision(w http.ResponseWriter, d string) {
	if rw, ok := w.(*respWriter); ok {
		rw.decision = d
	}
}

// open paths need no API key: load balancers probe them.
func openPath(p string) bool { return p == "/healthz" || p == "/readyz" }

// middleware authenticates, counts, times and logs every request. It
// logs the route pattern, never the URL's query (a /v2/search query holds
// a name).
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &respWriter{ResponseWriter: w}
		key := ""
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					s.log.Warn("request aborted", "route", r.Pattern, "method", r.Method, "duration", time.Since(start))
					panic(v)
				}
				s.log.Error("panic in handler", "route", r.Pattern, "panic", fmt.Sprint(v))
				if rw.code == 0 {
					writeError(rw, http.StatusInternalServerError, "internal error")
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			code := rw.code
			if code == 0 {
				code = http.StatusOK
			}
			dur := time.Since(start)
			s.metrics.observe(route, code, rw.decision, dur)
			level := slog.LevelDebug
			switch {
			case code >= 500:
				level = slog.LevelWarn
			case code >= 400:
				level = slog.LevelInfo
			}
			if s.log.Enabled(r.Context(), level) {
				s.log.LogAttrs(r.Context(), level, "request",
					slog.String("method", r.Method), slog.String("route", route), slog.Int("code", code),
					slog.Duration("duration", dur), slog.Int64("bytes_in", r.ContentLength), slog.Int64("bytes_out", rw.bytes),
					slog.String("key", key), slog.String("remote", r.RemoteAddr))
			}
		}()
		if s.cfg.Keys != nil && !openPath(r.URL.Path) {
			label, ok := s.cfg.Keys.Check(apiKey(r))
			if !ok {
				rw.Header().Set("WWW-Authenticate", `Bearer realm="payscreen"`)
				writeError(rw, http.StatusUnauthorized, "missing or invalid API key: send it as \"Authorization: Bearer KEY\" or \"X-API-Key: KEY\"")
				return
			}
			key = label
		}
		next.ServeHTTP(rw, r)
	})
}

// apiKey returns the key a request presents.
func apiKey(r *http.Request) string {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k
	}
	if a := r.Header.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		return strings.TrimSpace(a[7:])
	}
	return ""
}

type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(errorBody{msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the answer failed")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// notReady answers 503 to a screening request without fresh lists.
func (s *Server) notReady(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "60")
	writeError(w, http.StatusServiceUnavailable, "not screening: "+ErrNotReady.Error()+" (see /readyz)")
}

// bodyError answers a body that could not be read: 413 over the limit.
func bodyError(w http.ResponseWriter, err error, limit int64) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than the limit of %d bytes", limit))
		return
	}
	writeError(w, http.StatusBadRequest, "reading the request body failed")
}

// checkFields returns an error wrapping ErrFieldTooLong, naming the field,
// if a field of row is longer than max bytes.
func checkFields(row *screening.Row, max int) error {
	p := &row.Payee
	fields := [...]struct {
		name, v string
	}{
		{"id", p.ID}, {"name", p.Name}, {"dob", p.DOB}, {"country", p.Country}, {"address", p.Address},
		{"email", p.Email}, {"phone", p.Phone}, {"iban", p.Bank.IBAN}, {"bic", p.Bank.BIC},
		{"account_number", p.Bank.AccountNumber}, {"routing_number", p.Bank.RoutingNumber},
		{"bank_country", p.Bank.Country}, {"currency", row.Currency},
	}
	for _, f := range fields {
		if len(f.v) > max {
			return fieldTooLong(f.name, len(f.v), max)
		}
	}
	for _, wl := range p.Wallets {
		if len(wl.Address) > max {
			return fieldTooLong("wallet", len(wl.Address), max)
		}
		if len(wl.Currency) > max {
			return fieldTooLong("wallet_currency", len(wl.Currency), max)
		}
	}
	return nil
}

func fieldTooLong(field string, n, max int) error {
	return fmt.Errorf("field %s: %d bytes, more than the limit of %d: %w", field, n, max, ErrFieldTooLong)
}

// screenBuf is the per-request buffers of /v1/screen, pooled: the
// payroll writer's buffer is 64 KiB.
type screenBuf struct {
	in  bytes.Buffer
	out bytes.Buffer
	jw  *payroll.JSONLWriter
}

var screenBufs = sync.Pool{New: func() any {
	b := &screenBuf{}
	b.jw = payroll.NewJSONLWriter(&b.out)
	return b
}}

// jsonContentType is the Content-Type header of a JSON answer.
var jsonContentType = []string{"application/json"}

// handleScreen screens one payee: POST /v1/screen.
func (s *Server) handleScreen(w http.ResponseWriter, r *http.Request) {
	snap := s.current()
	if snap == nil {
		s.notReady(w)
		return
	}
	buf := screenBufs.Get().(*screenBuf)
	defer func() {
		if buf.in.Cap() <= 1<<20 {
			buf.in.Reset()
			buf.out.Reset()
			screenBufs.Put(buf)
		}
	}()
	if _, err := buf.in.ReadFrom(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)); err != nil {
		bodyError(w, err, s.cfg.MaxBodyBytes)
		return
	}
	if len(bytes.TrimSpace(buf.in.Bytes())) == 0 {
		writeError(w, http.StatusBadRequest, "empty body: want one payee as a JSON object")
		return
	}
	row := payroll.ReadObject(buf.in.Bytes(), "request")
	if row.Err == nil {
		row.Err = checkFields(&row, s.cfg.MaxFieldBytes)
	}
	if row.Err != nil {
		writeError(w, http.StatusBadRequest, row.Err.Error())
		return
	}
	res, err := snap.screener.Screen(r.Context(), row.Payee)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "screening did not complete: the payee is not cleared")
		return
	}
	rr := screening.RowResult{Row: row, Result: res}
	if err := buf.jw.Write(rr); err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the result failed")
		return
	}
	buf.jw.Flush()
	setDecision(w, payroll.Outcome(rr).String())
	// Set as h.Set would, without canonicalizing the keys (they are) or
	// allocating the values (shared, never changed).
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h[ListsHeader] = snap.idHeader
	w.Write(buf.out.Bytes())
}

// batchReader bounds the fields of each row of a batch: a row with a
// field too long gets an error, and still a result.
type batchReader struct {
	screening.RowReader
	io.Closer
	max int
}

func (b batchReader) Read() (screening.Row, error) {
	row, err := b.RowReader.Read()
	if err == nil && row.Err == nil {
		if ferr := checkFields(&row, b.max); ferr != nil {
			row.Err = &payroll.RowError{File: "batch", Line: row.Line, Err: ferr}
		}
	}
	return row, err
}

// flushEvery is how often a batch answer is flushed to the client.
const flushEvery = 100 * time.Millisecond

// handleBatch screens JSON Lines: POST /v1/screen/batch.
func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) {
	snap := s.current()
	if snap == nil {
		s.notReady(w)
		return
	}
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(s.cfg.BatchTimeout)
	rc.SetReadDeadline(deadline)
	rc.SetWriteDeadline(deadline)

	f, err := s.tempFile()
	if err != nil {
		s.log.Error("batch: no temporary file", "err", err)
		writeError(w, http.StatusInternalServerError, "no room to spool the batch")
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := io.Copy(f, http.MaxBytesReader(w, r.Body, s.cfg.MaxBatchBytes)); err != nil {
		bodyError(w, err, s.cfg.MaxBatchBytes)
		return
	}
	open := func() (screening.RowReader, error) {
		in, err := os.Open(f.Name())
		if err != nil {
			return nil, err
		}
		return batchReader{payroll.NewJSONLReader(in, "batch"), in, s.cfg.MaxFieldBytes}, nil
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-ndjson")
	h.Set(ListsHeader, snap.id)
	jw := payroll.NewJSONLWriter(w)
	rows := 0
	last := time.Now()
	emit := func(rr screening.RowResult) error {
		rows++
		s.metrics.batchRows.WithLabelValues(payroll.Outcome(rr).String()).Inc()
		if err := jw.Write(rr); err != nil {
			return err
		}
		if time.Since(last) >= flushEvery {
			last = time.Now()
			if err := jw.Flush(); err != nil {
				return err
			}
			rc.Flush()
		}
		return nil
	}
	err = redflags.ScreenBatch(r.Context(), snap.screener, open,
		redflags.Options{Policy: s.cfg.Policy.RedFlags}, screening.BatchOptions{Workers: s.cfg.BatchWorkers}, emit)
	if err == nil {
		err = jw.Flush()
	}
	if err == nil {
		return
	}
	if rows == 0 {
		if errors.Is(err, bufio.ErrTooLong) {
			writeError(w, http.StatusBadRequest, "a line of the batch is longer than 16 MiB")
			return
		}
		if r.Context().Err() != nil {
			return
		}
		s.log.Error("batch failed before any result", "err", err)
		writeError(w, http.StatusBadRequest, "batch not screened: "+err.Error())
		return
	}
	// Results were sent: cut the answer short rather than end it as if
	// complete, so the client sees a failure, not a shorter batch.
	s.log.Error("batch failed after results were sent; aborting the answer", "rows_sent", rows, "err", err)
	panic(http.ErrAbortHandler)
}

// listInfo is one list in /v1/lists.
type listInfo struct {
	lists.Version
	Entities int       `json:"entities"`
	AsOf     time.Time `json:"as_of"`
}

type listsAnswer struct {
	ID         string     `json:"id"`
	Ready      bool       `json:"ready"`
	LoadedAt   time.Time  `json:"loaded_at"`
	FreshUntil *time.Time `json:"fresh_until,omitempty"`
	Lists      []listInfo `json:"lists"`
}

// handleLists shows the lists in use: GET /v1/lists.
func (s *Server) handleLists(w http.ResponseWriter, r *http.Request) {
	snap := s.cur.Load()
	if snap == nil {
		writeError(w, http.StatusServiceUnavailable, "no lists loaded")
		return
	}
	a := listsAnswer{ID: snap.id, Ready: snap.fresh(s.cfg.Now()), LoadedAt: snap.loadedAt, Lists: []listInfo{}}
	if !snap.expires.IsZero() {
		a.FreshUntil = &snap.expires
	}
	for _, l := range snap.set.Lists {
		a.Lists = append(a.Lists, listInfo{Version: l.Version(), Entities: len(l.Entities), AsOf: listAsOf(l)})
	}
	w.Header().Set(ListsHeader, snap.id)
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

type readyAnswer struct {
	Ready      bool       `json:"ready"`
	Lists      string     `json:"lists,omitempty"`
	FreshUntil *time.Time `json:"fresh_until,omitempty"`
	Reason     string     `json:"reason,omitempty"`
	// LastRefreshError is the error of the last refresh, if it failed.
	LastRefreshError string `json:"last_refresh_error,omitempty"`
}

// handleReady answers 200 only with lists loaded and within the maximum
// list age: GET /readyz.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	var a readyAnswer
	if e := s.lastErr.Load(); e != nil {
		a.LastRefreshError = *e
	}
	snap := s.cur.Load()
	switch {
	case snap == nil:
		a.Reason = "no lists loaded"
	case !snap.fresh(s.cfg.Now()):
		a.Lists = snap.id
		a.Reason = fmt.Sprintf("the lists in use passed the maximum list age at %s", snap.expires.UTC().Format(time.RFC3339))
	default:
		a.Ready, a.Lists = true, snap.id
	}
	if snap != nil && !snap.expires.IsZero() {
		a.FreshUntil = &snap.expires
	}
	code := http.StatusOK
	if !a.Ready {
		code = http.StatusServiceUnavailable
	}
	writeJSON(w, code, a)
}
