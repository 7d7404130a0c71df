package lists

import (
	"bufio"
	"cmp"
	"compress/bzip2"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Loading errors, wrapped by [LoadDir], [LoadDirs], [LoadFiles] and [LoadCache].
var (
	// ErrNoList means there was no list to load: an empty directory, one
	// holding only documentation, an empty cache, or a required source
	// missing.
	ErrNoList = errors.New("no sanctions list found")
	// ErrConflict means two different publications of the same source
	// were loaded together (say OFAC's lists of December and of February):
	// a Set holds one publication per source.
	ErrConflict = errors.New("two publications of the same list")
	// ErrIncomplete means a legacy OFAC CSV set lacks one of its four files.
	ErrIncomplete = errors.New("incomplete set of files")
	// ErrIntegrity means a file no longer has the sha256 recorded for it
	// when it was downloaded.
	ErrIntegrity = errors.New("file does not match its recorded sha256")
)

// LoadOptions controls how lists are loaded. The zero value loads every
// list found, with no freshness check, on all cores.
type LoadOptions struct {
	// MaxAge, when positive, makes loading fail with an error wrapping
	// [ErrStale] if a list was published and last confirmed current more
	// than MaxAge before Now (see [Set.CheckFresh]).
	MaxAge time.Duration
	// Now is the time MaxAge is measured from; zero means time.Now().
	Now time.Time
	// Sources, when not empty, restricts loading to these sources, and
	// requires a list of each: a missing one is an error wrapping
	// [ErrNoList].
	Sources []Source
	// Workers is how many lists are parsed at once; zero or less means
	// runtime.GOMAXPROCS(0).
	Workers int
}

// isDocFile reports whether name is that of a file a list directory may
// hold beside the lists: specifications, READMEs, licences, schemas,
// checksums, signatures. LoadDir skips such files, unless their content is
// a list.
func isDocFile(name string) bool {
	plain, _ := trimCompressionExt(name)
	ext := strings.ToLower(filepath.Ext(plain))
	switch strings.ToUpper(strings.TrimSuffix(plain, filepath.Ext(plain))) {
	case "README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGES", "CHANGELOG":
		return true
	}
	switch ext {
	case ".md", ".txt", ".pdf", ".htm", ".html", ".rtf", ".doc", ".docx", ".xsd", ".dtd", ".json",
		".sha256", ".sha512", ".md5", ".asc", ".sig", ".log":
		return true
	}
	return false
}

// LoadDir loads every list file in dir into a Set. See [LoadDirs].
func LoadDir(ctx context.Context, dir string, opts LoadOptions) (*Set, error) {
	return LoadDirs(ctx, []string{dir}, opts)
}

// LoadDirs loads every list file in the directories dirs into one Set.
//
// Each regular file of a directory is recognized with [DetectFormat]
// (subdirectories are not entered). Files whose names start with "." or end
// in "~" are skipped, and so are documentation files (README, LICENSE,
// NOTICE and files ending in .md, .txt, .pdf, .html, .xsd, .json, checksums
// and signatures...) unless their content is a list, which is an error: a
// list is never skipped for its name. Any
// other file that is not a recognized list is an error naming it. The four
// files of a legacy OFAC CSV publication (sdn.csv, alt.csv, add.csv,
// sdn_comments.csv, or the cons_*.csv set) make one list and must all be
// present in the same directory. A directory (or all of dirs) without any
// list is an error wrapping [ErrNoList].
//
// Lists are parsed in parallel but returned in a stable order: by source,
// then format, then file name. A Set holds one publication per source:
// two different publications of a source (in any formats) are an error
// wrapping [ErrConflict]; the same files loaded twice count once.
//
// Every [FileInfo] gets the sha256 and size of the file as published (for
// a .bz2 copy, of the decompressed content: what the publisher published
// and states the checksum of). A list whose format states no publish date
// (the legacy OFAC CSV files) is dated by its oldest file's modification
// time, with PublishedFrom [PublishedFromFileTime]. Finally the Set is
// checked with [Set.CheckFresh] against opts.MaxAge: a stale list is an
// error wrapping [ErrStale].
func LoadDirs(ctx context.Context, dirs []string, opts LoadOptions) (*Set, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("lists: no directory given: %w", ErrNoList)
	}
	var units []*loadUnit
	for _, dir := range dirs {
		us, err := scanDir(dir)
		if err != nil {
			return nil, err
		}
		if len(us) == 0 {
			return nil, fmt.Errorf("lists: %s holds no sanctions list file: %w", dir, ErrNoList)
		}
		units = append(units, us...)
	}
	return loadUnits(ctx, units, opts)
}

// LoadFiles loads the list files at paths into one Set, as [LoadDirs] does
// for the files of a directory. Every path must be a list file (the
// documentation rule of LoadDirs does not apply); the files of a legacy
// OFAC CSV publication must all be given, from one directory.
func LoadFiles(ctx context.Context, paths []string, opts LoadOptions) (*Set, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("lists: no file given: %w", ErrNoList)
	}
	var found []loadFound
	for _, p := range paths {
		f, err := sniffPath(p)
		if err != nil {
			return nil, err
		}
		found = append(found, f)
	}
	units, err := groupFound(found)
	if err != nil {
		return nil, err
	}
	return loadUnits(ctx, units, opts)
}

// loadFound is one recognized file.
type loadFound struct {
	path   string
	format Format
	source Source
	role   ofacCSVRole
}

// loadUnit is what makes one List: one file, or an OFAC CSV quartet in
// role order (primary, alt, address, comments).
type loadUnit struct {
	format Format
	source Source
	paths  []string
	// What a cache knows of the files (zero for plain files).
	wantSHA      []string  // expected sha256 per path; "" = not checked
	lastModified time.Time // the publisher's Last-Modified of the primary file
	retrieved    time.Time
}

// name is the unit's first file name, used to order and name lists.
func (u *loadUnit) name() string { return filepath.Base(u.paths[0]) }

// scanDir recognizes the list files of dir.
func scanDir(dir string) ([]*loadUnit, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("lists: %w", err)
	}
	var found []loadFound
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		p := filepath.Join(dir, name)
		st, err := os.Stat(p) // follows symbolic links
		if err != nil {
			return nil, fmt.Errorf("lists: %w", err)
		}
		if !st.Mode().IsRegular() {
			continue
		}
		if isDocFile(name) {
			head, err := readHead(p)
			if err != nil {
				return nil, err
			}
			if f, _, _ := detectContent(head); f == FormatUnknown {
				continue
			}
		}
		f, err := sniffPath(p)
		if err != nil {
			return nil, err
		}
		found = append(found, f)
	}
	return groupFound(found)
}

// sniffPath recognizes the file at p.
func sniffPath(p string) (loadFound, error) {
	head, err := readHead(p)
	if err != nil {
		return loadFound{}, err
	}
	format, src, role, err := detectFile(filepath.Base(p), head)
	if err != nil {
		var de *DetectError
		if errors.As(err, &de) {
			de.File = p
		}
		return loadFound{}, fmt.Errorf("lists: %w", err)
	}
	return loadFound{path: p, format: format, source: src, role: role}, nil
}

// readHead returns the first DetectHeadSize bytes of the file at p,
// decompressed if it is a bzip2 file.
func readHead(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("lists: %w", err)
	}
	defer f.Close()
	r, err := openContent(f)
	if err != nil {
		return nil, fmt.Errorf("lists: %s: %w", p, err)
	}
	head := make([]byte, DetectHeadSize)
	n := 0
	for n < len(head) {
		m, err := r.Read(head[n:])
		n += m
		if err == io.EOF {
			break
		}
		if err != nil {
			// Not io.ReadFull: its io.ErrUnexpectedEOF would hide a
			// truncated bzip2 stream.
			return nil, fmt.Errorf("lists: %s: %w", p, readErr(err))
		}
	}
	return head[:n], nil
}

// openContent returns a reader of the content of r, decompressing it if
// it starts with the bzip2 magic.
func openContent(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return nil, readErr(err)
	}
	if isBzip2(magic) {
		return bzip2.NewReader(br), nil
	}
	return br, nil
}

// readErr maps low-level read errors to the package's sentinels.
func readErr(err error) error {
	var se bzip2.StructuralError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	case errors.As(err, &se):
		return fmt.Errorf("%w: bzip2: %w", ErrMalformed, err)
	}
	return err
}

// groupFound makes load units of recognized files, joining the OFAC CSV
// files of one directory and source.
func groupFound(found []loadFound) ([]*loadUnit, error) {
	type quartetKey struct {
		dir    string
		source Source
	}
	quartets := map[quartetKey]*[5]string{}
	var keys []quartetKey
	var units []*loadUnit
	for _, f := range found {
		if f.format != FormatOFACCSV {
			units = append(units, &loadUnit{format: f.format, source: f.source, paths: []string{f.path}})
			continue
		}
		k := quartetKey{filepath.Dir(f.path), f.source}
		q := quartets[k]
		if q == nil {
			q = new([5]string)
			quartets[k] = q
			keys = append(keys, k)
		}
		if prev := q[f.role]; prev != "" {
			if sameFile(prev, f.path) {
				continue
			}
			return nil, fmt.Errorf("lists: %s and %s are both the %s file of %s: %w", prev, f.path, f.role, f.source.Title(), ErrConflict)
		}
		q[f.role] = f.path
	}
	for _, k := range keys {
		q := quartets[k]
		names := ofacCSVNames(k.source)
		var paths []string
		for role := ofacRolePrimary; role <= ofacRoleComments; role++ {
			if q[role] == "" {
				return nil, fmt.Errorf("lists: %s: %s is missing: the legacy OFAC CSV files %s are read together: %w",
					k.dir, names[role], strings.Join(names[1:], ", "), ErrIncomplete)
			}
			paths = append(paths, q[role])
		}
		units = append(units, &loadUnit{format: FormatOFACCSV, source: k.source, paths: paths})
	}
	return units, nil
}

// ofacCSVNames returns the official file names of the legacy OFAC CSV
// publication of src, indexed by role.
func ofacCSVNames(src Source) [5]string {
	if src == OFACNonSDN {
		return [5]string{"", "cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"}
	}
	return [5]string{"", "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}
}

// sameFile reports whether a and b are the same file.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// loadedList is a parsed unit.
type loadedList struct {
	list *List
	unit *loadUnit
}

// loadUnits parses units in parallel and assembles the Set.
func loadUnits(ctx context.Context, units []*loadUnit, opts LoadOptions) (*Set, error) {
	if len(opts.Sources) > 0 {
		// Drop the units whose source is known and not wanted before
		// parsing them; units of unknown source are parsed and filtered after.
		units = slices.DeleteFunc(units, func(u *loadUnit) bool {
			return u.source != SourceUnknown && !slices.Contains(opts.Sources, u.source)
		})
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(units))

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]*List, len(units))
	errs := make([]error, len(units))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = loadUnitList(ctx, units[i])
				if errs[i] != nil {
					cancel()
				}
			}
		})
	}
feed:
	for i := range units {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := parent.Err(); err != nil {
		return nil, fmt.Errorf("lists: loading canceled: %w", err)
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}

	var loaded []loadedList
	for i, l := range results {
		if l == nil {
			continue
		}
		if len(opts.Sources) > 0 && !slices.Contains(opts.Sources, l.Source) {
			continue
		}
		loaded = append(loaded, loadedList{l, units[i]})
	}
	return assembleSet(loaded, opts)
}

// assembleSet orders the loaded lists, rejects conflicting publications,
// checks the required sources and freshness.
func assembleSet(loaded []loadedList, opts LoadOptions) (*Set, error) {
	slices.SortStableFunc(loaded, func(a, b loadedList) int {
		return cmp.Or(
			cmp.Compare(a.list.Source, b.list.Source),
			cmp.Compare(a.list.Feed, b.list.Feed),
			cmp.Compare(a.list.Format, b.list.Format),
			cmp.Compare(a.unit.name(), b.unit.name()),
			cmp.Compare(a.unit.paths[0], b.unit.paths[0]),
		)
	})
	set := &Set{}
	var kept []loadedList
	for _, ld := range loaded {
		if n := len(kept); n > 0 && kept[n-1].list.Source == ld.list.Source && kept[n-1].list.Feed == ld.list.Feed {
			prev := kept[n-1]
			if prev.list.Format == ld.list.Format && prev.list.Version().SHA256() == ld.list.Version().SHA256() {
				continue // the same publication twice
			}
			return nil, fmt.Errorf("lists: %s loaded twice, from %s (%s) and %s (%s): load one publication per list: %w",
				ld.list.Source.Title(), prev.unit.paths[0], prev.list.Format, ld.unit.paths[0], ld.list.Format, ErrConflict)
		}
		kept = append(kept, ld)
		set.Lists = append(set.Lists, ld.list)
	}
	if len(set.Lists) == 0 {
		return nil, fmt.Errorf("lists: no list loaded: %w", ErrNoList)
	}
	for _, src := range opts.Sources {
		if !slices.ContainsFunc(set.Lists, func(l *List) bool { return l.Source == src }) {
			return nil, fmt.Errorf("lists: no %s (%s) found: %w", src.Title(), src, ErrNoList)
		}
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if err := set.CheckFresh(now, opts.MaxAge); err != nil {
		return nil, fmt.Errorf("lists: %w", err)
	}
	return set, nil
}

// hashingReader hashes and counts what is read through it, checks ctx
// before every read, and remembers the first read error.
type hashingReader struct {
	ctx  context.Context
	r    io.Reader
	h    hash.Hash
	n    int64
	err  error
	done bool // io.EOF seen
}

func (hr *hashingReader) Read(p []byte) (int, error) {
	if err := hr.ctx.Err(); err != nil {
		if hr.err == nil {
			hr.err = err
		}
		return 0, err
	}
	n, err := hr.r.Read(p)
	if n > 0 {
		hr.h.Write(p[:n])
		hr.n += int64(n)
	}
	switch {
	case err == io.EOF:
		hr.done = true
	case err != nil && hr.err == nil:
		hr.err = readErr(err)
		err = hr.err
	}
	return n, err
}

// finish reads what the parser left unread (trailing bytes after the XML
// root, the DOS end-of-file mark), so that the hash covers the whole file.
func (hr *hashingReader) finish() error {
	if hr.err == nil && !hr.done {
		if _, err := io.Copy(io.Discard, hr); err != nil && hr.err == nil {
			hr.err = err
		}
	}
	return hr.err
}

// loadUnitList opens, hashes and parses one unit.
func loadUnitList(ctx context.Context, u *loadUnit) (*List, error) {
	readers := make([]*hashingReader, len(u.paths))
	files := make([]File, len(u.paths))
	var oldest time.Time
	for i, p := range u.paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("lists: %w", err)
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, fmt.Errorf("lists: %w", err)
		}
		if mt := st.ModTime(); oldest.IsZero() || mt.Before(oldest) {
			oldest = mt
		}
		content, err := openContent(f)
		if err != nil {
			return nil, fmt.Errorf("lists: %s: %w", p, err)
		}
		readers[i] = &hashingReader{ctx: ctx, r: content, h: sha256.New()}
		files[i] = File{Name: filepath.Base(p), R: readers[i]}
	}

	l, perr := parseFormat(u.format, u.source, files)
	// Files from a cache are checked against their recorded sha256 first,
	// even when they did not parse: a damaged file explains the rest.
	verify := perr == nil || slices.ContainsFunc(u.wantSHA, func(s string) bool { return s != "" })
	infos, err := finishReaders(ctx, u, readers, files, verify)
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, fmt.Errorf("lists: loading %s: %w", u.paths[0], perr)
	}
	if l == nil || len(l.Entities) == 0 {
		return nil, fmt.Errorf("lists: loading %s: no entries: %w", u.paths[0], ErrEmpty)
	}
	if l.Format != u.format {
		return nil, fmt.Errorf("lists: loading %s: read as %s but the parser says %s: %w", u.paths[0], u.format, l.Format, ErrFormatMismatch)
	}
	if u.source != SourceUnknown && l.Source != u.source {
		return nil, fmt.Errorf("lists: loading %s: the name says %s but the content is %s: %w", u.paths[0], u.source, l.Source, ErrFormatMismatch)
	}
	l.Files = infos
	switch {
	case !l.Published.IsZero():
		if l.PublishedFrom == "" {
			l.PublishedFrom = PublishedFromContent
		}
	case !u.lastModified.IsZero():
		l.Published, l.PublishedFrom = u.lastModified.UTC(), PublishedFromLastModified
	default:
		l.Published, l.PublishedFrom = oldest.UTC(), PublishedFromFileTime
	}
	if !u.retrieved.IsZero() {
		l.Retrieved = u.retrieved.UTC()
	}
	return l, nil
}

// finishReaders checks the reads of the files of u once parsed: a read
// error explains a parse error better than the parser can. When verify is
// set, it reads what the parser left unread, so that the sha256 covers the
// whole file, checks the sha256 recorded for the unit, if any, and returns
// the files' FileInfo; else the FileInfo are zero.
func finishReaders(ctx context.Context, u *loadUnit, readers []*hashingReader, files []File, verify bool) ([]FileInfo, error) {
	for i, hr := range readers {
		// A read error: truncated or corrupt bzip2 stream, I/O error,
		// cancellation.
		err := hr.err
		if verify {
			err = hr.finish()
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, fmt.Errorf("lists: loading %s: %w", u.paths[i], ctxErr)
			}
			return nil, fmt.Errorf("lists: reading %s: %w", u.paths[i], err)
		}
	}
	infos := make([]FileInfo, len(u.paths))
	if verify {
		for i, hr := range readers {
			sum := hex.EncodeToString(hr.h.Sum(nil))
			if i < len(u.wantSHA) && u.wantSHA[i] != "" && u.wantSHA[i] != sum {
				return nil, fmt.Errorf("lists: %s: sha256 %s, recorded %s: %w", u.paths[i], sum, u.wantSHA[i], ErrIntegrity)
			}
			infos[i] = FileInfo{Name: files[i].Name, SHA256: sum, Size: hr.n}
		}
	}
	return infos, nil
}

// parseFormat calls the parser of format on files (for FormatOFACCSV, the
// four files in role order).
func parseFormat(format Format, src Source, files []File) (*List, error) {
	switch format {
	case FormatOFACCSV:
		if len(files) != 4 {
			return nil, fmt.Errorf("%w: OFAC CSV needs four files, got %d", ErrIncomplete, len(files))
		}
		return ParseOFACCSV(src, OFACCSVFiles{Primary: files[0], Alt: files[1], Address: files[2], Comments: files[3]})
	case FormatOFACXML:
		return ParseOFACXML(files[0])
	case FormatOFACAdvanced:
		return ParseOFACAdvanced(files[0])
	case FormatUNXML:
		return ParseUNXML(files[0])
	case FormatEUXML:
		return ParseEUXML(files[0])
	case FormatEUCSV:
		return ParseEUCSV(files[0])
	case FormatUKXML:
		return ParseUKXML(files[0])
	case FormatUKCSV:
		return ParseUKCSV(files[0])
	case FormatOFSICSV:
		return ParseOFSICSV(files[0])
	}
	return nil, fmt.Errorf("%w: no parser for format %s", ErrUnknown, format)
}
