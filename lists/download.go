package lists

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Download errors, wrapped by [DownloadError].
var (
	// ErrHTTPStatus means the server answered with a status other than
	// 200 OK or 304 Not Modified.
	ErrHTTPStatus = errors.New("unexpected HTTP status")
	// ErrTooLarge means a download exceeded [Downloader.MaxBytes].
	ErrTooLarge = errors.New("file too large")
)

// The official download locations.
const (
	OFACBaseURL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
	EUXMLURL    = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
	EUCSVURL    = "https://webgate.ec.europa.eu/fsd/fsf/public/files/csvFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
	UNXMLURL    = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
	UKXMLURL    = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
	UKCSVURL    = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
)

// Defaults of [Downloader].
const (
	DefaultMaxShrink      = 0.10
	DefaultRetries        = 4
	DefaultBackoff        = 2 * time.Second
	DefaultAttemptTimeout = 10 * time.Minute
	DefaultMaxBytes       = 1 << 30
	DefaultUserAgent      = "payscreen (+https://github.com/payscreen/payscreen)"
	maxBackoff            = 2 * time.Minute
)

// Feed says where one list is downloaded from: the files of one
// publication of a source, in one format.
type Feed struct {
	Source Source
	Format Format
	// Files are the files of the publication; for the legacy OFAC CSV
	// format, the four files in the order primary, alt, address, comments.
	Files []FeedFile
}

// FeedFile is one file of a Feed.
type FeedFile struct {
	// Name is the file's name in the cache; it must be a name
	// [DetectFormat] accepts for the feed's format ("sdn.csv",
	// "consolidated.xml", any name with the right extension for the EU).
	Name string
	URL  string
}

// OfficialFeed returns the official download location of src in format.
// The formats offered are: for OFAC, FormatOFACCSV (both sources),
// FormatOFACXML (SDN.XML, CONSOLIDATED.XML) and FormatOFACAdvanced
// (SDN_ADVANCED.XML, OFACSDN only); for the EU, FormatEUXML and
// FormatEUCSV; for the UN, FormatUNXML; for the UK, FormatUKXML and
// FormatUKCSV.
func OfficialFeed(src Source, format Format) (Feed, error) {
	if f, ok := officialFeed(src, format); ok {
		return f, nil
	}
	return Feed{}, fmt.Errorf("lists: no official download of %s in format %s", src, format)
}

func officialFeed(src Source, format Format) (Feed, bool) {
	ofac := func(names ...string) Feed {
		f := Feed{Source: src, Format: format}
		for _, n := range names {
			f.Files = append(f.Files, FeedFile{Name: n, URL: OFACBaseURL + n})
		}
		return f
	}
	one := func(name, u string) Feed {
		return Feed{Source: src, Format: format, Files: []FeedFile{{Name: name, URL: u}}}
	}
	switch {
	case src == OFACSDN && format == FormatOFACCSV:
		f := ofac("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")
		for i, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
			f.Files[i].Name = n
		}
		return f, true
	case src == OFACNonSDN && format == FormatOFACCSV:
		f := ofac("CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV")
		for i, n := range []string{"cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"} {
			f.Files[i].Name = n
		}
		return f, true
	case src == OFACSDN && format == FormatOFACXML:
		return ofac("SDN.XML"), true
	case src == OFACNonSDN && format == FormatOFACXML:
		return ofac("CONSOLIDATED.XML"), true
	case src == OFACSDN && format == FormatOFACAdvanced:
		return ofac("SDN_ADVANCED.XML"), true
	case src == UN && format == FormatUNXML:
		return one("consolidated.xml", UNXMLURL), true
	case src == EU && format == FormatEUXML:
		return one("xmlFullSanctionsList_1_1.xml", EUXMLURL), true
	case src == EU && format == FormatEUCSV:
		return one("csvFullSanctionsList_1_1.csv", EUCSVURL), true
	case src == UK && format == FormatUKXML:
		return one("UK-Sanctions-List.xml", UKXMLURL), true
	case src == UK && format == FormatUKCSV:
		return one("UK-Sanctions-List.csv", UKCSVURL), true
	}
	return Feed{}, false
}

// OfficialFeeds returns the default feed of every source, in [Sources]
// order.
//
// OFAC's lists come as the legacy CSV files rather than SDN_ADVANCED.XML:
// the four CSV files hold the same entries in about 8 MB where the
// advanced XML is about 120 MB, so daily updates are quick and light, and
// the CSV format is the one OFAC has published the longest. The CSV files
// state no publish date; the list is dated by the server's Last-Modified
// header, and its freshness rests on the time it was retrieved. Choose
// FormatOFACAdvanced with [OfficialFeed] for the structured features of
// the advanced format. The EU, UN and UK lists come as XML, whose files
// state their generation date.
func OfficialFeeds() []Feed {
	var feeds []Feed
	for _, sf := range []struct {
		src    Source
		format Format
	}{{OFACSDN, FormatOFACCSV}, {OFACNonSDN, FormatOFACCSV}, {UN, FormatUNXML}, {EU, FormatEUXML}, {UK, FormatUKXML}} {
		f, _ := officialFeed(sf.src, sf.format)
		feeds = append(feeds, f)
	}
	return feeds
}

// Downloader downloads lists from their publishers into a cache directory
// that [LoadCache] reads.
//
// Each source is kept in its own snapshot directory, and its metadata
// sidecar (<CacheDir>/<source>.json, with each file's URL, ETag,
// Last-Modified, sha256 and size, the time retrieved and the entity count)
// names the current snapshot. A new snapshot is written to a temporary
// directory inside the cache, synced, parsed and checked before it
// replaces the old one by renaming, and the sidecar is replaced the same
// way (temporary file, fsync, rename) as the last step: a failed or
// interrupted update leaves the previous files and metadata of that
// source, and of every other source, as they were. The previous snapshot
// is kept until the next update replaces it, so that a reader that has
// just read the old sidecar still finds its files.
//
// Zero fields take their defaults. A Downloader must not be changed while
// Update runs; two Updates of one cache directory must not run at once.
type Downloader struct {
	// Client makes the requests; nil means a client with default settings.
	Client *http.Client
	// CacheDir is the cache directory; it is created if needed.
	CacheDir string
	// Sources selects the feeds to update; empty means every feed.
	Sources []Source
	// Feeds are the download locations; nil means [OfficialFeeds].
	Feeds []Feed
	// MaxShrink is the largest share of the previous snapshot's entities a
	// new snapshot may lose; a bigger loss is refused with an error
	// wrapping [ErrShrunk] unless Force is set. Zero means
	// DefaultMaxShrink; 1 or more disables the check.
	MaxShrink float64
	// Force downloads every file again, without conditional requests, and
	// accepts a snapshot that shrank more than MaxShrink.
	Force bool
	// Retries is how many times a request is retried after a server
	// error (5xx, 408, 429), a timeout, a connection error or a truncated
	// body; zero means DefaultRetries, negative means none.
	Retries int
	// Backoff is the wait before the first retry, doubled at each
	// following one (up to two minutes); zero means DefaultBackoff.
	Backoff time.Duration
	// AttemptTimeout bounds each request; zero means DefaultAttemptTimeout.
	AttemptTimeout time.Duration
	// MaxBytes bounds each downloaded file; zero means DefaultMaxBytes.
	MaxBytes int64
	// UserAgent is sent with every request; empty means DefaultUserAgent.
	UserAgent string
}

// NewDownloader returns a Downloader of the official feeds into cacheDir
// with the defaults filled in.
func NewDownloader(cacheDir string) *Downloader {
	return &Downloader{
		Client:         &http.Client{},
		CacheDir:       cacheDir,
		Feeds:          OfficialFeeds(),
		MaxShrink:      DefaultMaxShrink,
		Retries:        DefaultRetries,
		Backoff:        DefaultBackoff,
		AttemptTimeout: DefaultAttemptTimeout,
		MaxBytes:       DefaultMaxBytes,
		UserAgent:      DefaultUserAgent,
	}
}

// withDefaults returns a copy of d with zero fields set to their defaults.
func (d *Downloader) withDefaults() Downloader {
	c := *d
	if c.Client == nil {
		c.Client = &http.Client{}
	}
	if c.Feeds == nil {
		c.Feeds = OfficialFeeds()
	}
	if c.MaxShrink == 0 {
		c.MaxShrink = DefaultMaxShrink
	}
	switch {
	case c.Retries == 0:
		c.Retries = DefaultRetries
	case c.Retries < 0:
		c.Retries = 0
	}
	if c.Backoff <= 0 {
		c.Backoff = DefaultBackoff
	}
	if c.AttemptTimeout <= 0 {
		c.AttemptTimeout = DefaultAttemptTimeout
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	return c
}

// UpdateOutcome is what an update did to one source's cache.
type UpdateOutcome uint8

// Update outcomes.
const (
	// Updated means a new snapshot was downloaded, checked and stored.
	Updated UpdateOutcome = iota + 1
	// NotModified means the publisher's files are those in the cache (a
	// 304 Not Modified answer, or identical content); only the time
	// retrieved was updated.
	NotModified
	// Failed means the update failed; the cache of the source is as it was.
	Failed
)

// String returns "updated", "not modified" or "failed".
func (o UpdateOutcome) String() string {
	switch o {
	case Updated:
		return "updated"
	case NotModified:
		return "not modified"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("UpdateOutcome(%d)", uint8(o))
}

// MarshalText implements encoding.TextMarshaler.
func (o UpdateOutcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// SourceUpdate is the outcome of updating one source.
type SourceUpdate struct {
	Source  Source
	Format  Format
	Outcome UpdateOutcome
	// Err is why the update failed (a *DownloadError), for Outcome Failed.
	Err error `json:"-"`
	// Entities is the number of entities of the snapshot now cached (the
	// new one, or the one kept); Previous that of the snapshot before the
	// update (0 if there was none).
	Entities, Previous int
	// Retrieved is when the cached snapshot was last confirmed current.
	Retrieved time.Time `json:",omitzero"`
	// Files are the cached snapshot's files.
	Files []FileInfo `json:",omitempty"`
}

// UpdateReport is the outcome of [Downloader.Update], one entry per feed.
type UpdateReport struct {
	Sources []SourceUpdate
}

// Failed returns the updates that failed.
func (r UpdateReport) Failed() []SourceUpdate {
	var f []SourceUpdate
	for _, s := range r.Sources {
		if s.Outcome == Failed {
			f = append(f, s)
		}
	}
	return f
}

// DownloadError is a failed update of one source. URL is the file being
// downloaded or checked; Status the last HTTP status (0 if none); Attempts
// how many requests were made.
type DownloadError struct {
	Source   Source
	URL      string
	Status   int
	Attempts int
	Err      error
}

// Error names the source, the URL and the cause.
func (e *DownloadError) Error() string {
	s := fmt.Sprintf("lists: updating %s from %s", e.Source, e.URL)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *DownloadError) Unwrap() error { return e.Err }

// Update downloads every selected feed into the cache, one source after the
// other, and reports each source's outcome. The error is nil if every
// source was updated or not modified, and otherwise joins the failures
// (each a *DownloadError naming the source and URL). A source that fails
// leaves its cache, and every other source's, as it was. When ctx is done,
// the sources not yet updated fail with ctx's error.
func (d *Downloader) Update(ctx context.Context) (UpdateReport, error) {
	c := d.withDefaults()
	var report UpdateReport
	if c.CacheDir == "" {
		return report, errors.New("lists: downloader has no cache directory")
	}
	feeds := c.Feeds
	if len(c.Sources) > 0 {
		feeds = nil
		for _, src := range c.Sources {
			i := slices.IndexFunc(c.Feeds, func(f Feed) bool { return f.Source == src })
			if i < 0 {
				return report, fmt.Errorf("lists: no feed of source %s", src)
			}
			feeds = append(feeds, c.Feeds[i])
		}
	}
	if err := os.MkdirAll(c.CacheDir, 0o755); err != nil {
		return report, fmt.Errorf("lists: creating cache: %w", err)
	}
	var errs []error
	for _, f := range feeds {
		if err := f.validate(); err != nil {
			return report, err
		}
		u := c.updateFeed(ctx, f)
		if u.Err != nil {
			errs = append(errs, u.Err)
		}
		report.Sources = append(report.Sources, u)
	}
	return report, errors.Join(errs...)
}

// validate checks that the feed is usable.
func (f Feed) validate() error {
	if len(f.Files) == 0 {
		return fmt.Errorf("lists: feed of %s has no file", f.Source)
	}
	if f.Format == FormatOFACCSV && len(f.Files) != 4 {
		return fmt.Errorf("lists: OFAC CSV feed of %s needs four files, has %d", f.Source, len(f.Files))
	}
	if f.Format != FormatOFACCSV && len(f.Files) != 1 {
		return fmt.Errorf("lists: %s feed of %s needs one file, has %d", f.Format, f.Source, len(f.Files))
	}
	seen := map[string]bool{}
	for _, ff := range f.Files {
		if ff.Name == "" || filepath.Base(ff.Name) != ff.Name || ff.Name[0] == '.' || seen[ff.Name] {
			return fmt.Errorf("lists: feed of %s has an invalid or repeated file name %q", f.Source, ff.Name)
		}
		seen[ff.Name] = true
		if u, err := url.Parse(ff.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("lists: feed of %s has an invalid URL %q", f.Source, ff.URL)
		}
	}
	return nil
}

// fetched is the result of one file's download.
type fetched struct {
	notModified  bool
	etag         string
	lastModified string
	sha256       string
	size         int64
	attempts     int
}

// retryable marks an error worth retrying.
type retryable struct{ err error }

func (r retryable) Error() string { return r.err.Error() }
func (r retryable) Unwrap() error { return r.err }

// fetch downloads ff into dst (a new file), retrying transient failures
// with exponential backoff. prev holds the cached copy's validators, or is
// nil for an unconditional request.
func (d *Downloader) fetch(ctx context.Context, src Source, ff FeedFile, prev *cacheFile, dst string) (fetched, error) {
	wait := d.Backoff
	for attempt := 1; ; attempt++ {
		res, status, err := d.fetchOnce(ctx, ff, prev, dst)
		res.attempts = attempt
		if err == nil {
			return res, nil
		}
		os.Remove(dst)
		var r retryable
		isRetryable := errors.As(err, &r)
		if isRetryable {
			err = r.err
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = ctxErr
			isRetryable = false
		}
		if !isRetryable || attempt > d.Retries {
			return res, &DownloadError{Source: src, URL: ff.URL, Status: status, Attempts: attempt, Err: err}
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return res, &DownloadError{Source: src, URL: ff.URL, Status: status, Attempts: attempt, Err: ctx.Err()}
		}
		wait = min(2*wait, maxBackoff)
	}
}

// fetchOnce makes one request. Errors worth retrying are wrapped in
// retryable.
func (d *Downloader) fetchOnce(ctx context.Context, ff FeedFile, prev *cacheFile, dst string) (fetched, int, error) {
	var res fetched
	actx, cancel := context.WithTimeout(ctx, d.AttemptTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, ff.URL, nil)
	if err != nil {
		return res, 0, err
	}
	req.Header.Set("User-Agent", d.UserAgent)
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := d.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is in the DownloadError already
		}
		return res, 0, retryable{err}
	}
	defer resp.Body.Close()
	status := resp.StatusCode
	switch {
	case status == http.StatusNotModified:
		if prev == nil {
			return res, status, fmt.Errorf("%w: 304 Not Modified to an unconditional request", ErrHTTPStatus)
		}
		res.notModified = true
		res.etag, res.lastModified = prev.ETag, prev.LastModified
		if v := resp.Header.Get("ETag"); v != "" {
			res.etag = v
		}
		if v := resp.Header.Get("Last-Modified"); v != "" {
			res.lastModified = v
		}
		return res, status, nil
	case status >= 500, status == http.StatusRequestTimeout, status == http.StatusTooManyRequests:
		return res, status, retryable{fmt.Errorf("%w: %s", ErrHTTPStatus, resp.Status)}
	case status != http.StatusOK:
		return res, status, fmt.Errorf("%w: %s", ErrHTTPStatus, resp.Status)
	}
	res.etag = resp.Header.Get("ETag")
	res.lastModified = resp.Header.Get("Last-Modified")

	sum, n, err := d.saveBody(ctx, actx, resp, dst)
	if err != nil {
		return res, status, err
	}
	res.sha256 = hex.EncodeToString(sum)
	res.size = n
	return res, status, nil
}

// saveBody writes the body of resp to the new file dst, synced, and
// returns its sha256 and size. actx is the attempt's context, ctx the
// whole download's. Errors worth retrying (a timed out attempt, a body cut
// short) are wrapped in retryable; errors writing the file are not.
func (d *Downloader) saveBody(ctx, actx context.Context, resp *http.Response, dst string) (sum []byte, n int64, err error) {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, 0, fmt.Errorf("writing cache: %w", err)
	}
	defer out.Close()
	h := sha256.New()
	n, err = io.Copy(io.MultiWriter(out, h), io.LimitReader(resp.Body, d.MaxBytes+1))
	switch {
	case err != nil && ctx.Err() == nil && actx.Err() != nil:
		return nil, n, retryable{fmt.Errorf("attempt timed out after %s: %w", d.AttemptTimeout, err)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, n, retryable{fmt.Errorf("%w: body ended after %d of %d bytes", ErrTruncated, n, resp.ContentLength)}
	case err != nil:
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, n, fmt.Errorf("writing cache: %w", err) // the disk, not the network
		}
		return nil, n, retryable{err}
	case n > d.MaxBytes:
		return nil, n, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, d.MaxBytes)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return nil, n, retryable{fmt.Errorf("%w: body of %d bytes, Content-Length %d", ErrTruncated, n, resp.ContentLength)}
	case n == 0:
		return nil, n, fmt.Errorf("%w: empty body", ErrEmpty)
	}
	if err := out.Sync(); err != nil {
		return nil, n, fmt.Errorf("writing cache: %w", err)
	}
	if err := out.Close(); err != nil {
		return nil, n, fmt.Errorf("writing cache: %w", err)
	}
	return h.Sum(nil), n, nil
}
