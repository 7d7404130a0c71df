package lists

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// DefaultCacheDir returns the default cache directory of downloaded
// lists: payscreen/lists under the user's cache directory
// (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches
// on macOS, %LocalAppData% on Windows).
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("lists: no default cache directory: %w", err)
	}
	return filepath.Join(d, "payscreen", "lists"), nil
}

// cacheSchema is the version of the cache metadata format.
const cacheSchema = 1

// cacheMeta is the metadata sidecar of one source in a cache directory,
// <dir>/<source>.json. It is the commit point of an update: it names the
// snapshot directory <dir>/<source>/<Snapshot>/ holding the files.
type cacheMeta struct {
	Schema        int
	Source        Source
	Format        cacheFormat
	Snapshot      string
	Previous      string `json:",omitempty"`
	Retrieved     time.Time
	Published     time.Time `json:",omitzero"`
	PublishedFrom string    `json:",omitempty"`
	Entities      int
	Files         []cacheFile
}

// cacheFormat is a Format as the sidecar stores it: its String form.
type cacheFormat Format

func (f cacheFormat) MarshalText() ([]byte, error) { return []byte(Format(f).String()), nil }

func (f *cacheFormat) UnmarshalText(b []byte) error {
	for v := FormatOFACCSV; int(v) < len(formatNames); v++ {
		if v.String() == string(b) {
			*f = cacheFormat(v)
			return nil
		}
	}
	return fmt.Errorf("unknown format %q", b)
}

// cacheFile is one downloaded file of a cached snapshot.
type cacheFile struct {
	Name         string
	URL          string
	ETag         string `json:",omitempty"`
	LastModified string `json:",omitempty"` // the Last-Modified header, verbatim
	SHA256       string
	Size         int64
}

func cacheMetaPath(dir string, src Source) string {
	return filepath.Join(dir, src.String()+".json")
}

func cacheSourceDir(dir string, src Source) string {
	return filepath.Join(dir, src.String())
}

// readCacheMeta reads the sidecar of src in dir; it returns nil, nil when
// there is none.
func readCacheMeta(dir string, src Source) (*cacheMeta, error) {
	b, err := os.ReadFile(cacheMetaPath(dir, src))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lists: reading cache metadata: %w", err)
	}
	var m cacheMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("lists: cache metadata %s: %w: %w", cacheMetaPath(dir, src), ErrMalformed, err)
	}
	switch {
	case m.Schema != cacheSchema:
		return nil, fmt.Errorf("lists: cache metadata %s: %w: schema %d, want %d", cacheMetaPath(dir, src), ErrMalformed, m.Schema, cacheSchema)
	case m.Source != src:
		return nil, fmt.Errorf("lists: cache metadata %s: %w: source %s", cacheMetaPath(dir, src), ErrMalformed, m.Source)
	case m.Snapshot == "" || filepath.Base(m.Snapshot) != m.Snapshot || len(m.Files) == 0:
		return nil, fmt.Errorf("lists: cache metadata %s: %w: no snapshot", cacheMetaPath(dir, src), ErrMalformed)
	}
	for _, f := range m.Files {
		if f.Name == "" || filepath.Base(f.Name) != f.Name {
			return nil, fmt.Errorf("lists: cache metadata %s: %w: file name %q", cacheMetaPath(dir, src), ErrMalformed, f.Name)
		}
	}
	return &m, nil
}

// writeCacheMeta replaces the sidecar of m.Source atomically.
func writeCacheMeta(dir string, m *cacheMeta) error {
	m.Schema = cacheSchema
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(cacheMetaPath(dir, m.Source), append(b, '\n'))
}

// writeFileAtomic writes b to path through a synced temporary file in the
// same directory, renamed over path.
func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot sync directories.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// snapshotPaths returns the paths of m's files.
func (m *cacheMeta) snapshotPaths(dir string) []string {
	paths := make([]string, len(m.Files))
	for i, f := range m.Files {
		paths[i] = filepath.Join(cacheSourceDir(dir, m.Source), m.Snapshot, f.Name)
	}
	return paths
}

// unit returns the load unit of m's snapshot.
func (m *cacheMeta) unit(dir string) *loadUnit {
	u := &loadUnit{format: Format(m.Format), source: m.Source, paths: m.snapshotPaths(dir), retrieved: m.Retrieved}
	for _, f := range m.Files {
		u.wantSHA = append(u.wantSHA, f.SHA256)
	}
	if t, err := http.ParseTime(m.Files[0].LastModified); err == nil {
		u.lastModified = t
	}
	return u
}

// intact reports whether every file of m's snapshot is present with its
// recorded sha256.
func (m *cacheMeta) intact(dir string) bool {
	for i, p := range m.snapshotPaths(dir) {
		f, err := os.Open(p)
		if err != nil {
			return false
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil || hex.EncodeToString(h.Sum(nil)) != m.Files[i].SHA256 {
			return false
		}
	}
	return true
}

// LoadCache loads the lists a [Downloader] stored in the cache directory
// dir, as [LoadDirs] loads a directory: every file is hashed and must
// still have the sha256 recorded when it was downloaded (or the error
// wraps [ErrIntegrity]); each list's Retrieved is the time the publisher
// last confirmed it current, and a list whose format states no publish
// date is dated by the publisher's Last-Modified header
// ([PublishedFromLastModified]) where the download had one. A cache
// without any list is an error wrapping [ErrNoList], and so is one
// lacking a source of opts.Sources. Freshness is checked against
// opts.MaxAge as for LoadDirs.
func LoadCache(ctx context.Context, dir string, opts LoadOptions) (*Set, error) {
	var units []*loadUnit
	for _, src := range Sources {
		m, err := readCacheMeta(dir, src)
		if err != nil {
			return nil, err
		}
		if m != nil {
			units = append(units, m.unit(dir))
		}
	}
	if len(units) == 0 {
		return nil, fmt.Errorf("lists: cache %s holds no list (download the lists first): %w", dir, ErrNoList)
	}
	return loadUnits(ctx, units, opts)
}

// updateFeed updates the cache of one feed; it never returns with the
// cache half-changed. It fetches the feed's files into a temporary
// directory, then either confirms the cached snapshot (nothing changed),
// or checks the new one and commits it.
func (d *Downloader) updateFeed(ctx context.Context, feed Feed) SourceUpdate {
	up := SourceUpdate{Source: feed.Source, Format: feed.Format, Outcome: Failed}
	fail := func(u string, err error) SourceUpdate {
		var de *DownloadError
		if !errors.As(err, &de) {
			err = &DownloadError{Source: feed.Source, URL: u, Err: err}
		}
		up.Err = err
		return up
	}
	primaryURL := feed.Files[0].URL

	old, err := readCacheMeta(d.CacheDir, feed.Source)
	if err != nil {
		// A damaged sidecar is replaced by a fresh download; it cannot
		// vouch for the old files.
		old = nil
	}
	if old != nil {
		up.Previous = old.Entities
	}

	srcDir := cacheSourceDir(d.CacheDir, feed.Source)
	if err := os.MkdirAll(srcDir, 0o755); err != nil {
		return fail(primaryURL, fmt.Errorf("creating cache: %w", err))
	}
	tmp, err := os.MkdirTemp(srcDir, ".tmp-")
	if err != nil {
		return fail(primaryURL, fmt.Errorf("creating cache: %w", err))
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()

	retrieved := time.Now().UTC()
	files, allNotModified, u, err := d.fetchFeedFiles(ctx, feed, old, tmp)
	if err != nil {
		return fail(u, err)
	}

	sameContent := old != nil && Format(old.Format) == feed.Format && len(old.Files) == len(files)
	for i := range files {
		sameContent = sameContent && old.Files[i].Name == files[i].Name && old.Files[i].SHA256 == files[i].SHA256
	}
	if allNotModified || (sameContent && old.intact(d.CacheDir)) {
		// The cached snapshot is current: record the new validators and
		// the time it was confirmed.
		m := *old
		m.Files = files
		m.Retrieved = retrieved
		if err := writeCacheMeta(d.CacheDir, &m); err != nil {
			return fail(primaryURL, fmt.Errorf("writing cache metadata: %w", err))
		}
		up.Outcome, up.Entities, up.Retrieved, up.Files = NotModified, m.Entities, retrieved, m.fileInfos()
		return up
	}

	l, u, err := d.checkSnapshot(ctx, feed, old, tmp, files, retrieved)
	if err != nil {
		return fail(u, err)
	}
	committed, err = d.commitSnapshot(feed, old, srcDir, tmp, files, l, retrieved)
	if err != nil {
		return fail(primaryURL, err)
	}
	up.Outcome, up.Entities, up.Retrieved, up.Files = Updated, len(l.Entities), retrieved, l.Files
	return up
}

// fetchFeedFiles fetches the files of feed into tmp, with conditional
// requests when the cached files (old) are intact and are the same feed's;
// a file not modified is linked from the cached snapshot. It returns the
// files, whether none was modified, and on error the URL it concerns.
func (d *Downloader) fetchFeedFiles(ctx context.Context, feed Feed, old *cacheMeta, tmp string) (files []cacheFile, allNotModified bool, u string, err error) {
	conditional := old != nil && !d.Force && Format(old.Format) == feed.Format && len(old.Files) == len(feed.Files) && old.intact(d.CacheDir)
	if conditional {
		for i, f := range old.Files {
			conditional = conditional && f.Name == feed.Files[i].Name && f.URL == feed.Files[i].URL
		}
	}
	files = make([]cacheFile, len(feed.Files))
	allNotModified = conditional
	for i, ff := range feed.Files {
		var prev *cacheFile
		if conditional {
			prev = &old.Files[i]
		}
		dst := filepath.Join(tmp, ff.Name)
		res, err := d.fetch(ctx, feed.Source, ff, prev, dst)
		if err != nil {
			return nil, false, ff.URL, err
		}
		files[i] = cacheFile{Name: ff.Name, URL: ff.URL, ETag: res.etag, LastModified: res.lastModified, SHA256: res.sha256, Size: res.size}
		if res.notModified {
			files[i].SHA256, files[i].Size = prev.SHA256, prev.Size
			if err := linkOrCopy(old.snapshotPaths(d.CacheDir)[i], dst); err != nil {
				return nil, false, ff.URL, fmt.Errorf("writing cache: %w", err)
			}
		} else {
			allNotModified = false
		}
	}
	return files, allNotModified, "", nil
}

// checkSnapshot checks the new snapshot in tmp: each file is what its name
// says, it parses, it is not empty, and it did not shrink too much from
// old. It returns the parsed list, or the error and the URL it concerns.
func (d *Downloader) checkSnapshot(ctx context.Context, feed Feed, old *cacheMeta, tmp string, files []cacheFile, retrieved time.Time) (*List, string, error) {
	primaryURL := feed.Files[0].URL
	u := &loadUnit{format: feed.Format, source: feed.Source, retrieved: retrieved}
	for i, f := range files {
		p := filepath.Join(tmp, f.Name)
		found, err := sniffPath(p)
		if err != nil {
			return nil, feed.Files[i].URL, err
		}
		if found.format != feed.Format {
			return nil, feed.Files[i].URL, fmt.Errorf("%w: downloaded %s, expected %s", ErrFormatMismatch, found.format, feed.Format)
		}
		u.paths = append(u.paths, p)
		u.wantSHA = append(u.wantSHA, f.SHA256)
	}
	if t, err := http.ParseTime(files[0].LastModified); err == nil {
		u.lastModified = t
	}
	l, err := loadUnitList(ctx, u)
	if err != nil {
		return nil, primaryURL, err
	}
	n := len(l.Entities)
	if old != nil && old.Entities > 0 && !d.Force && d.MaxShrink < 1 {
		if lost := old.Entities - n; lost > 0 && float64(lost) > d.MaxShrink*float64(old.Entities) {
			return nil, primaryURL, fmt.Errorf("%w: %d entities, %d before (%.1f%% lost, at most %.1f%% allowed)",
				ErrShrunk, n, old.Entities, 100*float64(lost)/float64(old.Entities), 100*d.MaxShrink)
		}
	}
	if ctx.Err() != nil {
		return nil, primaryURL, ctx.Err()
	}
	return l, "", nil
}

// commitSnapshot syncs and renames the snapshot directory tmp into srcDir,
// then writes the sidecar and prunes older snapshots. It reports whether
// tmp was renamed (and so must not be removed); after the rename, an
// error removes the new snapshot.
func (d *Downloader) commitSnapshot(feed Feed, old *cacheMeta, srcDir, tmp string, files []cacheFile, l *List, retrieved time.Time) (renamed bool, err error) {
	if err := syncDir(tmp); err != nil {
		return false, fmt.Errorf("writing cache: %w", err)
	}
	snapshot := retrieved.Format("20060102T150405Z") + "-" + strings.TrimPrefix(filepath.Base(tmp), ".tmp-")
	if err := os.Rename(tmp, filepath.Join(srcDir, snapshot)); err != nil {
		return false, fmt.Errorf("writing cache: %w", err)
	}
	m := &cacheMeta{
		Source: feed.Source, Format: cacheFormat(feed.Format), Snapshot: snapshot,
		Retrieved: retrieved, Published: l.Published, PublishedFrom: l.PublishedFrom,
		Entities: len(l.Entities), Files: files,
	}
	if old != nil {
		m.Previous = old.Snapshot
	}
	if err := syncDir(srcDir); err != nil {
		os.RemoveAll(filepath.Join(srcDir, snapshot))
		return true, fmt.Errorf("writing cache: %w", err)
	}
	if err := writeCacheMeta(d.CacheDir, m); err != nil {
		os.RemoveAll(filepath.Join(srcDir, snapshot))
		return true, fmt.Errorf("writing cache metadata: %w", err)
	}
	pruneSnapshots(srcDir, m.Snapshot, m.Previous)
	return true, nil
}

// fileInfos returns the FileInfo of m's files.
func (m *cacheMeta) fileInfos() []FileInfo {
	fi := make([]FileInfo, len(m.Files))
	for i, f := range m.Files {
		fi[i] = FileInfo{Name: f.Name, SHA256: f.SHA256, Size: f.Size}
	}
	return fi
}

// pruneSnapshots removes the snapshot directories of srcDir other than
// keep, and temporary directories left for more than an hour by
// interrupted updates. Failures are harmless and ignored: what is left is
// removed next time.
func pruneSnapshots(srcDir string, keep ...string) {
	entries, err := os.ReadDir(srcDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || slices.Contains(keep, name) {
			continue
		}
		if strings.HasPrefix(name, ".tmp-") {
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < time.Hour {
				continue // perhaps an update running now
			}
		}
		os.RemoveAll(filepath.Join(srcDir, name))
	}
}

// linkOrCopy makes dst a hard link to src, or a synced copy where links
// are not possible.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
