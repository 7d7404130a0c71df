package wmserver

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/payscreen/payscreen/lists"
)

// ErrUnsupported means a list file is in a format Watchman cannot read,
// or a list lacks one of its files.
var ErrUnsupported = errors.New("not a list Watchman reads")

// DataFile is a list file as Watchman's initial data directory must hold
// it.
type DataFile struct {
	// Path is the file's path.
	Path string
	// Name is the name Watchman looks for (case-insensitively).
	Name string
	// List is the Watchman source list the file belongs to.
	List search.SourceList
}

// The files of each list as Watchman v0.65.1 looks for them in its
// INITIAL_DATA_DIRECTORY (pkg/sources/*/download*.go).
var (
	ofacFiles   = []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}
	nonSDNFiles = []string{"CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV"}
)

// DataFiles finds the list files of dirs (as given to payscreen's --lists)
// and names them as Watchman expects: OFAC's legacy CSV files (us_ofac:
// sdn.csv, alt.csv, add.csv, sdn_comments.csv; us_non_sdn: the cons_*.csv
// files), the UN consolidated XML (un_csl: un_consolidated.xml), the EU
// FSF CSV 1.1 (eu_csl: eu_csl.csv) and the FCDO UK Sanctions List CSV
// (uk_csl: UK_Sanctions_List.csv). Files whose names start with "." and
// documentation (README, LICENSE, .md, .txt, .pdf, .html, .xsd, .json,
// checksums and signatures) are skipped. Any other file, such as an XML
// publication of OFAC or the EU, a compressed file, or the legacy OFSI
// CSV, is an error wrapping ErrUnsupported: Watchman would not screen
// against it, so the comparison would not be over the same lists.
func DataFiles(dirs []string) ([]DataFile, error) {
	var out []DataFile
	byName := map[string]string{}
	for _, dir := range dirs {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("wmserver: %w", err)
		}
		for _, de := range ents {
			name := de.Name()
			path := filepath.Join(dir, name)
			if skipFile(name) {
				continue
			}
			st, err := os.Stat(path)
			if err != nil {
				return nil, fmt.Errorf("wmserver: %w", err)
			}
			if !st.Mode().IsRegular() {
				continue
			}
			f, err := dataFile(path)
			if err != nil {
				return nil, err
			}
			key := strings.ToLower(f.Name)
			if prev, ok := byName[key]; ok {
				return nil, fmt.Errorf("wmserver: %s and %s are both Watchman's %s: give one publication of each list", prev, path, f.Name)
			}
			byName[key] = path
			out = append(out, f)
		}
	}
	for _, set := range []struct {
		list  search.SourceList
		files []string
	}{{search.SourceUSOFAC, ofacFiles}, {search.SourceUSNonSDN, nonSDNFiles}} {
		n := 0
		for _, f := range set.files {
			if _, ok := byName[strings.ToLower(f)]; ok {
				n++
			}
		}
		if n > 0 && n < len(set.files) {
			return nil, fmt.Errorf("wmserver: %s needs all of %s: %w", set.list, strings.Join(set.files, ", "), ErrUnsupported)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("wmserver: no list file in %s: %w", strings.Join(dirs, ", "), ErrUnsupported)
	}
	slices.SortFunc(out, func(a, b DataFile) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Lists returns the source lists of files, sorted, without repeats.
func Lists(files []DataFile) []search.SourceList {
	var out []search.SourceList
	for _, f := range files {
		out = append(out, f.List)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func dataFile(path string) (DataFile, error) {
	fd, err := os.Open(path)
	if err != nil {
		return DataFile{}, fmt.Errorf("wmserver: %w", err)
	}
	head := make([]byte, lists.DetectHeadSize)
	n, err := io.ReadFull(fd, head)
	fd.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return DataFile{}, fmt.Errorf("wmserver: %s: %w", path, err)
	}
	base := filepath.Base(path)
	format, src, err := lists.DetectFormat(base, head[:n])
	if err != nil {
		return DataFile{}, fmt.Errorf("wmserver: %w: %w", ErrUnsupported, err)
	}
	switch {
	case format == lists.FormatOFACCSV && src == lists.OFACSDN:
		return DataFile{Path: path, Name: strings.ToLower(base), List: search.SourceUSOFAC}, nil
	case format == lists.FormatOFACCSV && src == lists.OFACNonSDN:
		return DataFile{Path: path, Name: strings.ToUpper(base), List: search.SourceUSNonSDN}, nil
	case format == lists.FormatUNXML:
		return DataFile{Path: path, Name: "un_consolidated.xml", List: search.SourceUNCSL}, nil
	case format == lists.FormatEUCSV:
		return DataFile{Path: path, Name: "eu_csl.csv", List: search.SourceEUCSL}, nil
	case format == lists.FormatUKCSV:
		return DataFile{Path: path, Name: "UK_Sanctions_List.csv", List: search.SourceUKCSL}, nil
	}
	return DataFile{}, fmt.Errorf("wmserver: %s is a %s file (%s), which Watchman %s does not read: %w", path, format, src.Title(), Version, ErrUnsupported)
}

// skipFile reports whether a directory entry is not a list: hidden files,
// backups and documentation.
func skipFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	stem := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch stem {
	case "README", "LICENSE", "LICENCE", "NOTICE", "COPYING", "CHANGES", "CHANGELOG":
		return true
	}
	switch ext {
	case ".md", ".txt", ".pdf", ".htm", ".html", ".rtf", ".xsd", ".dtd", ".json",
		".sha256", ".sha512", ".md5", ".asc", ".sig", ".log":
		return true
	}
	return false
}
