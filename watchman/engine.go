package watchman

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// Defaults of [Options].
const (
	// DefaultTimeout bounds one Match call, retries included. A Watchman
	// server answers a name search in milliseconds; ten seconds leaves room
	// for a loaded server without holding a batch row for long.
	DefaultTimeout = 10 * time.Second
	// DefaultRetries is how many times a search is retried after a
	// transport error that came before any answer.
	DefaultRetries = 2
	// DefaultMaxConns is the most connections kept open to the server.
	DefaultMaxConns = 32
)

// maxResults is the most results Watchman v0.65.1 returns for a search
// (its hard limit); a search asks for that many, and an answer that
// fills it may be incomplete.
const maxResults = 100

// maxAnswer bounds the size of an answer read from the server.
const maxAnswer = 32 << 20

// nameOnlyFactor is the smallest factor by which Watchman v0.65.1's
// default scoring scales the name score into the overall score of a search
// that gives only a name: 0.95 (few of the entry's fields compared) × 0.90
// (fewer than two required fields) × 0.95 (name-only match). An entry
// whose name scores t scores at least t × nameOnlyFactor overall, so
// searching down to that overall score finds every name scoring t or more.
const nameOnlyFactor = 0.95 * 0.90 * 0.95

// Options configure an [Engine]. The zero value gives the defaults.
type Options struct {
	// Timeout bounds each Match call, retries included; zero means
	// DefaultTimeout.
	Timeout time.Duration
	// Retries is how many times a search is retried after a transport
	// error that came before any answer (connection refused or reset): a
	// search is a GET, safe to repeat. Timeouts and HTTP errors are not
	// retried. Zero means DefaultRetries; a negative value, none.
	Retries int
	// MaxConns is the most idle connections kept open to the server; zero
	// means DefaultMaxConns.
	MaxConns int
	// ServerDetails takes the score pieces from the server (a search with
	// debug=yes) instead of running Watchman's scoring code on the
	// returned entries in the client. Use it against a server whose
	// scoring is tuned (TF-IDF, FINAL_SCORE_* variables), which otherwise
	// makes every Match fail with ErrScoreMismatch. It roughly halves the
	// server's throughput.
	ServerDetails bool
	// Lists, when set, is the list set the Screener uses: a result on an
	// entry it lacks is then an error wrapping ErrUnmapped, and
	// [screening.EngineMatch.MatchedName] is spelled as in the list
	// (Watchman turns OFAC's "LAST, First" into "First LAST").
	Lists *lists.Set
	// Ignore names Watchman source lists whose results are dropped: lists
	// a server also holds that payscreen does not read, such as "us_csl".
	// A result from any other list payscreen does not read is an error.
	Ignore []search.SourceList
	// CacheSize is how many listed entries' prepared names the Engine
	// keeps between searches; zero means DefaultCacheSize, a negative
	// value none.
	CacheSize int
	// HTTPClient, when set, sends the requests; by default the Engine
	// uses its own, connecting directly (no proxy).
	HTTPClient *http.Client
}

// Engine screens payee names with a Moov Watchman server. It implements
// [screening.Engine]: the Screener applies its policy to what the server
// matched. An Engine is safe for concurrent use.
//
// Each Match sends one search (GET /v2/search) with the payee's name and,
// for a person, the type "person": nothing else of the payee leaves the
// process, since the Screener itself weighs dates of birth, countries and
// identifiers. The name score of a match is Watchman's name piece, not
// its overall score, which for a name-only search never exceeds about
// 0.81 (see the package documentation).
type Engine struct {
	base    *url.URL
	client  *http.Client
	timeout time.Duration
	retries int
	details bool
	ignore  []search.SourceList
	names   map[entityKey][]string // listed names, when Options.Lists is set
	prep    *prepCache
}

type entityKey struct {
	source lists.Source
	id     string
}

var _ screening.Engine = (*Engine)(nil)

// New returns an Engine for the Watchman server at baseURL (such as
// "http://127.0.0.1:8084"). It does not contact the server; use
// [Engine.CheckLists] to check that the server holds the lists the
// Screener loaded.
func New(baseURL string, opts Options) (*Engine, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(baseURL), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("watchman: base URL %q is not an http(s) URL without query", baseURL)
	}
	e := &Engine{
		base:    u,
		client:  opts.HTTPClient,
		timeout: cmp.Or(opts.Timeout, DefaultTimeout),
		retries: opts.Retries,
		details: opts.ServerDetails,
		ignore:  slices.Clone(opts.Ignore),
		prep:    newPrepCache(cmp.Or(opts.CacheSize, DefaultCacheSize)),
	}
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("watchman: negative timeout %v", opts.Timeout)
	}
	switch {
	case e.retries == 0:
		e.retries = DefaultRetries
	case e.retries < 0:
		e.retries = 0
	}
	if e.client == nil {
		t := &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        cmp.Or(opts.MaxConns, DefaultMaxConns),
			MaxIdleConnsPerHost: cmp.Or(opts.MaxConns, DefaultMaxConns),
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 5 * time.Second,
			ForceAttemptHTTP2:   true,
		}
		e.client = &http.Client{Transport: t}
	}
	if opts.Lists != nil {
		e.names = map[entityKey][]string{}
		for _, l := range opts.Lists.Lists {
			for i := range l.Entities {
				ent := &l.Entities[i]
				ns := make([]string, len(ent.Names))
				for j, n := range ent.Names {
					ns[j] = n.Full
				}
				e.names[entityKey{l.Source, ent.ID}] = ns
			}
		}
	}
	return e, nil
}

// Name returns "watchman".
func (e *Engine) Name() string { return "watchman" }

// Match returns the listed entries whose names Watchman scores at least
// threshold against the payee's name, best first. Every failure is an
// error, never an empty answer: the server unreachable or answering an
// error (wrapping ErrUnavailable, ErrTimeout, ErrServer, ErrProtocol), a
// result payscreen cannot identify (ErrUnmapped), or more results than
// the server returns (ErrTruncated). It returns ctx's error when ctx is
// done first.
func (e *Engine) Match(ctx context.Context, p screening.Payee, threshold float64) ([]screening.EngineMatch, error) {
	hits, err := e.Search(ctx, p, threshold)
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	out := make([]screening.EngineMatch, len(hits))
	for i, h := range hits {
		out[i] = h.EngineMatch
	}
	return out, nil
}

// Hit is an entry a search found, with Watchman's own scores.
type Hit struct {
	screening.EngineMatch
	// Overall is Watchman's overall match score, which a Watchman user
	// sees: for a name-only search, the name score scaled down by about
	// 0.81 (see the package documentation).
	Overall float64
	// Exact is set when Watchman marks the name comparison exact.
	Exact bool
}

// Search is Match returning Watchman's overall scores as well.
func (e *Engine) Search(ctx context.Context, p screening.Payee, threshold float64) ([]Hit, error) {
	name := strings.TrimSpace(p.Name)
	if name == "" {
		return nil, nil
	}
	threshold = clamp01(threshold)
	q := queryEntity(name, p.Type)
	ctx, cancel := context.WithTimeoutCause(ctx, e.timeout, ErrTimeout)
	defer cancel()
	resp, err := e.search(ctx, q, minMatch(threshold))
	if err != nil {
		return nil, err
	}
	return e.results(q, resp, threshold)
}

// results turns a search's answer into matches.
func (e *Engine) results(q search.Entity[search.Value], resp search.SearchResponse, threshold float64) ([]Hit, error) {
	if len(resp.Entities) >= maxResults {
		return nil, &Error{Op: "search", Err: fmt.Errorf("%w: the server returned its maximum of %d results; entries scoring %.2f or more may be missing", ErrTruncated, maxResults, threshold)}
	}
	// The server's own normalization of the query is what it scored.
	sq := q.Normalize()
	var out []Hit
	for i := range resp.Entities {
		r := &resp.Entities[i]
		if slices.Contains(e.ignore, r.Source) {
			continue
		}
		src, id, err := entityRef(r.Entity)
		if err != nil {
			return nil, &Error{Op: "search", Err: err}
		}
		idx := e.prep.prepared(r.Entity)
		s, err := scoreResult(sq, r, idx, e.details)
		if err != nil {
			return nil, &Error{Op: "search", Err: err}
		}
		if s.name < threshold {
			continue
		}
		matched := bestName(sq, &idx)
		if e.names != nil {
			listed, ok := e.names[entityKey{src, id}]
			if !ok {
				return nil, &Error{Op: "search", Err: fmt.Errorf("%w: the server matched %s %s, which the loaded lists do not hold", ErrUnmapped, src, id)}
			}
			matched = respell(matched, listed)
		}
		out = append(out, Hit{
			EngineMatch: screening.EngineMatch{
				Source:      src,
				EntityID:    id,
				MatchedName: matched,
				Score:       s.name,
				Detail:      s.detail(),
			},
			Overall: s.final,
			Exact:   s.exact,
		})
	}
	slices.SortStableFunc(out, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return strings.Compare(a.EntityID, b.EntityID)
	})
	return out, nil
}

// queryEntity is the search for a payee: the name, and the type only for
// a person. Watchman files listed organizations as either "business" or
// "organization", so an organization is searched without a type (the
// Screener excludes listed persons itself).
func queryEntity(name string, t screening.PayeeType) search.Entity[search.Value] {
	q := search.Entity[search.Value]{Name: name, Source: search.SourceAPIRequest}
	if t == screening.Person {
		q.Type = search.EntityPerson
		q.Person = &search.Person{Name: name}
	}
	return q
}

// minMatch is the overall score to search down to for names scoring
// threshold: threshold × nameOnlyFactor, rounded down to the two decimals
// the API takes.
func minMatch(threshold float64) float64 {
	return math.Floor(threshold*nameOnlyFactor*100) / 100
}

// search sends one search, retrying transport errors.
func (e *Engine) search(ctx context.Context, q search.Entity[search.Value], min float64) (search.SearchResponse, error) {
	vals := search.BuildQueryParameters(url.Values{}, q)
	// The API wants no source for a search over every list.
	vals.Del("source")
	vals = search.SetSearchOpts(vals, search.SearchOpts{Limit: maxResults, MinMatch: min, Debug: e.details})
	u := *e.base
	u.Path += "/v2/search"
	u.RawQuery = vals.Encode()
	var out search.SearchResponse
	err := e.get(ctx, "search", u.String(), &out)
	return out, err
}

// get GETs target and decodes the JSON answer into out, retrying
// transport errors that came before any answer.
func (e *Engine) get(ctx context.Context, op, target string, out any) error {
	for attempt := 1; ; attempt++ {
		status, err := e.getOnce(ctx, target, out)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return &Error{Op: op, Attempts: attempt, Err: ctxError(ctx)}
		}
		if status != 0 || !retryable(err) || attempt > e.retries {
			return &Error{Op: op, Status: status, Attempts: attempt, Err: err}
		}
		t := time.NewTimer(time.Duration(50<<attempt) * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return &Error{Op: op, Attempts: attempt, Err: ctxError(ctx)}
		case <-t.C:
		}
	}
}

func (e *Engine) getOnce(ctx context.Context, target string, out any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrProtocol, withoutURL(err))
	}
	req.Header.Set("Accept", "application/json")
	resp, err := e.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrUnavailable, withoutURL(err))
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
	}()
	body := io.LimitReader(resp.Body, maxAnswer)
	if resp.StatusCode != http.StatusOK {
		var msg struct {
			Error string `json:"error"`
		}
		b, _ := io.ReadAll(io.LimitReader(body, 4<<10))
		text := strings.TrimSpace(string(b))
		if json.Unmarshal(b, &msg) == nil && msg.Error != "" {
			text = msg.Error
		}
		text = truncate(text, 200)
		if text == "" {
			text = http.StatusText(resp.StatusCode)
		}
		return resp.StatusCode, fmt.Errorf("%w: %s", ErrServer, text)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctxError(ctx)
		}
		return 0, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	if len(b) == maxAnswer {
		return resp.StatusCode, fmt.Errorf("%w: answer larger than %d bytes", ErrProtocol, maxAnswer)
	}
	// Watchman reports some failures as a 200 with an "error" field.
	var probe struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(b, &probe) == nil && probe.Error != "" {
		return resp.StatusCode, fmt.Errorf("%w: %s", ErrServer, truncate(probe.Error, 200))
	}
	if err := json.Unmarshal(b, out); err != nil {
		return resp.StatusCode, fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	return 0, nil
}

// truncate cuts s to at most n bytes, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// ctxError explains why ctx is done: the engine's timeout, or the
// caller's context.
func ctxError(ctx context.Context) error {
	if c := context.Cause(ctx); errors.Is(c, ErrTimeout) {
		return fmt.Errorf("%w: %w", ErrTimeout, context.DeadlineExceeded)
	}
	return ctx.Err()
}

// retryable reports whether a transport error came before the server
// could have acted on the request, so that sending it again is safe and
// may succeed.
func retryable(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// withoutURL drops the request URL, which holds the payee's name, from
// net/http's errors.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// respell returns the listed name whose words are those of name in any
// order (Watchman turns "LAST, First" into "First LAST"), or name itself.
func respell(name string, listed []string) string {
	for _, n := range listed {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	k := wordKey(name)
	for _, n := range listed {
		if wordKey(n) == k {
			return n
		}
	}
	return name
}

// wordKey is the sorted lower-case words of s.
func wordKey(s string) string {
	w := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	slices.Sort(w)
	return strings.Join(w, " ")
}
