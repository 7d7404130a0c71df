package lists

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyTestFile copies ../testdata/lists/<from> (fixtures shared with
// cmd/payscreen) to dir/<to>.
func copyTestFile(t *testing.T, from, dir, to string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "lists", filepath.FromSlash(from)))
	require.NoError(t, err)
	return writeTestFile(t, dir, to, b)
}

func writeTestFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

func copyOFACQuartet(t *testing.T, dir string) {
	t.Helper()
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		copyTestFile(t, "ofac/"+n, dir, n)
	}
}

// describeSet summarizes a set as "source/format/files" items.
func describeSet(s *Set) string {
	var parts []string
	for _, l := range s.Lists {
		var names []string
		for _, f := range l.Files {
			names = append(names, f.Name)
		}
		parts = append(parts, fmt.Sprintf("%s/%s/%s", l.Source, l.Format, strings.Join(names, "+")))
	}
	return strings.Join(parts, " ")
}

func TestLoadDir(t *testing.T) {
	const ofacSet = "ofac_sdn/ofac_csv/sdn.csv+alt.csv+add.csv+sdn_comments.csv"
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string)
		want   string // describeSet of the result
		err    error
		inErr  string // what the error message must name
		reason string
	}{
		{
			name:   "ofac quartet",
			setup:  copyOFACQuartet,
			want:   ofacSet,
			reason: "the four OFAC CSV files make one list, in role order",
		},
		{
			name: "quartet with docs, hidden files and a subdirectory",
			setup: func(t *testing.T, dir string) {
				copyOFACQuartet(t, dir)
				writeTestFile(t, dir, "README.md", []byte("# notes\n"))
				writeTestFile(t, dir, "LICENSE", []byte("Public domain.\n"))
				writeTestFile(t, dir, "dat_spec.txt", []byte("OFFICE OF FOREIGN ASSETS CONTROL\n"))
				writeTestFile(t, dir, "SHA256SUMS.sha256", []byte("abc  sdn.csv\n"))
				writeTestFile(t, dir, ".DS_Store", []byte("\x00\x00\x00\x01Bud1"))
				writeTestFile(t, dir, "sdn.csv~", []byte("old"))
				writeTestFile(t, dir, "older/junk.bin", []byte("\x00\x01"))
			},
			want:   ofacSet,
			reason: "documentation, hidden and backup files and subdirectories are skipped",
		},
		{
			name: "several sources, sorted",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "consolidated.xml", unFixture(3, "2026-02-27"))
				copyOFACQuartet(t, dir)
			},
			want:   ofacSet + " un/un_xml/consolidated.xml",
			reason: "lists are ordered by source whatever the file names",
		},
		{
			name: "bzip2 copy",
			setup: func(t *testing.T, dir string) {
				copyTestFile(t, "un/consolidated.xml.bz2", dir, "consolidated.xml.bz2")
			},
			want:   "un/un_xml/consolidated.xml.bz2",
			reason: "a .bz2 copy is decompressed transparently",
		},
		{
			name: "same publication twice",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "consolidated.xml", unFixture(3, "2026-02-27"))
				writeTestFile(t, dir, "un-copy.xml", unFixture(3, "2026-02-27"))
			},
			want:   "un/un_xml/consolidated.xml",
			reason: "identical files of one source count once",
		},
		{
			name: "two publications of a source",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "consolidated.xml", unFixture(3, "2026-02-27"))
				writeTestFile(t, dir, "un-2025.xml", unFixture(4, "2025-04-19"))
			},
			err: ErrConflict, inErr: "un-2025.xml",
			reason: "a Set holds one publication per source",
		},
		{
			name: "missing alt.csv",
			setup: func(t *testing.T, dir string) {
				copyOFACQuartet(t, dir)
				os.Remove(filepath.Join(dir, "alt.csv"))
			},
			err: ErrIncomplete, inErr: "alt.csv",
			reason: "an OFAC CSV set without its aliases would drop names silently",
		},
		{
			name: "unknown data file",
			setup: func(t *testing.T, dir string) {
				copyOFACQuartet(t, dir)
				writeTestFile(t, dir, "extra.dat", []byte("1|2|3\n"))
			},
			err: ErrUnknown, inErr: "extra.dat",
			reason: "a file that is not documentation must be a list",
		},
		{
			name: "list saved as text",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "un.txt", unFixture(3, "2026-02-27"))
			},
			err: ErrFormatMismatch, inErr: "un.txt",
			reason: "a list is never skipped for its name",
		},
		{
			name: "name and content disagree",
			setup: func(t *testing.T, dir string) {
				copyOFACQuartet(t, dir)
				writeTestFile(t, dir, "UK-Sanctions-List.xml", unFixture(3, "2026-02-27"))
			},
			err: ErrFormatMismatch, inErr: "UK-Sanctions-List.xml",
			reason: "an official name with another list inside",
		},
		{
			name:   "empty directory",
			setup:  func(t *testing.T, dir string) {},
			err:    ErrNoList,
			reason: "nothing to load fails closed",
		},
		{
			name: "documentation only",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "README.md", []byte("# lists\n"))
			},
			err:    ErrNoList,
			reason: "a folder of documentation holds no list",
		},
		{
			name: "empty list file",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "consolidated.xml", nil)
			},
			err: ErrEmpty, inErr: "consolidated.xml",
			reason: "an empty file is an error, not an empty list",
		},
		{
			name: "list without entries",
			setup: func(t *testing.T, dir string) {
				writeTestFile(t, dir, "consolidated.xml", unFixture(0, "2026-02-27"))
			},
			err: ErrEmpty, inErr: "consolidated.xml",
			reason: "a list with no entries fails closed",
		},
		{
			name: "truncated bzip2",
			setup: func(t *testing.T, dir string) {
				b, err := os.ReadFile(filepath.Join("..", "testdata", "lists", "un", "consolidated.xml.bz2"))
				require.NoError(t, err)
				writeTestFile(t, dir, "consolidated.xml.bz2", b[:len(b)-40])
			},
			err: ErrTruncated, inErr: "consolidated.xml.bz2",
			reason: "a cut .bz2 stream is a truncated file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			set, err := LoadDir(t.Context(), dir, LoadOptions{})
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err, "%s", tt.reason)
				assert.Contains(t, err.Error(), tt.inErr, "the error names the file (%s)", tt.reason)
				return
			}
			require.NoError(t, err, "LoadDir (%s)", tt.reason)
			assert.Equal(t, tt.want, describeSet(set), "%s", tt.reason)
		})
	}
}

func TestLoadDirFileInfo(t *testing.T) {
	dir := t.TempDir()
	copyOFACQuartet(t, dir)
	copyTestFile(t, "un/consolidated.xml.bz2", dir, "consolidated.xml.bz2")
	mtime := time.Date(2025, 12, 2, 8, 0, 0, 0, time.UTC)
	for _, n := range []string{"sdn.csv", "alt.csv", "add.csv"} {
		os.Chtimes(filepath.Join(dir, n), mtime.Add(time.Hour), mtime.Add(time.Hour))
	}
	os.Chtimes(filepath.Join(dir, "sdn_comments.csv"), mtime, mtime)
	set, err := LoadDir(t.Context(), dir, LoadOptions{})
	require.NoError(t, err)
	ofac, un := set.Lists[0], set.Lists[1]
	for i, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, n))
		require.NoError(t, err)
		if f := ofac.Files[i]; f.Name != n || f.SHA256 != sha(b) || f.Size != int64(len(b)) {
			t.Errorf("file %d = %+v, want %s of %d bytes, sha256 %s", i, f, n, len(b), sha(b))
		}
	}
	assert.True(t, ofac.Published.Equal(mtime), "OFAC CSV published %v, want the oldest file time %v", ofac.Published, mtime)
	assert.Equal(t, PublishedFromFileTime, ofac.PublishedFrom, "OFAC CSV published %v, want the oldest file time %v", ofac.Published, mtime)
	assert.True(t, ofac.Retrieved.IsZero(), "local files have Retrieved %v", ofac.Retrieved)
	// The .bz2 copy is identified by the sha256 of the XML it holds.
	xml := unFixture(3, "2026-02-27")
	if f := un.Files[0]; f.Name != "consolidated.xml.bz2" || f.SHA256 != sha(xml) || f.Size != int64(len(xml)) {
		t.Errorf("bz2 file = %+v, want the sha256 %s and size %d of the decompressed XML", f, sha(xml), len(xml))
	}
	assert.Equal(t, PublishedFromContent, un.PublishedFrom)

	// Staleness by file time.
	now := mtime.Add(10 * 24 * time.Hour)
	if _, err := LoadDir(t.Context(), dir, LoadOptions{Now: now, MaxAge: 9 * 24 * time.Hour}); !errors.Is(err, ErrStale) {
		t.Errorf("LoadDir 10 days after the files' time with max age 9 days: %v, want ErrStale", err)
	}
	if _, err := LoadDir(t.Context(), dir, LoadOptions{Now: now, MaxAge: 11 * 24 * time.Hour, Sources: []Source{OFACSDN}}); err != nil {
		t.Errorf("LoadDir within max age: %v", err)
	}
}

func TestLoadDirsAndFiles(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	copyOFACQuartet(t, a)
	writeTestFile(t, b, "consolidated.xml", unFixture(3, "2026-02-27"))
	ctx := t.Context()

	set, err := LoadDirs(ctx, []string{b, a}, LoadOptions{})
	require.NoError(t, err)
	if got := describeSet(set); !strings.HasPrefix(got, "ofac_sdn/") || !strings.HasSuffix(got, "un/un_xml/consolidated.xml") {
		t.Errorf("LoadDirs = %s, want OFAC then UN", got)
	}
	set, err = LoadDirs(ctx, []string{a, b}, LoadOptions{Sources: []Source{UN}})
	assert.NoError(t, err, "LoadDirs(Sources UN) = %v", set)
	assert.Equal(t, "un/un_xml/consolidated.xml", describeSet(set), "LoadDirs(Sources UN) = %v", set)
	if _, err := LoadDirs(ctx, []string{a}, LoadOptions{Sources: []Source{UN}}); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadDirs requiring UN from an OFAC folder: %v, want ErrNoList", err)
	}
	if _, err := LoadDirs(ctx, []string{a, a}, LoadOptions{}); err != nil {
		t.Errorf("LoadDirs of one folder twice: %v, want the same list once", err)
	}
	if _, err := LoadDirs(ctx, nil, LoadOptions{}); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadDirs(nil): %v, want ErrNoList", err)
	}
	if _, err := LoadDirs(ctx, []string{a, t.TempDir()}, LoadOptions{}); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadDirs with an empty folder: %v, want ErrNoList", err)
	}

	// A second OFAC publication in another folder conflicts.
	c := t.TempDir()
	copyOFACQuartet(t, c)
	p := filepath.Join(c, "sdn_comments.csv")
	writeTestFile(t, c, "sdn_comments.csv", []byte("9002,\"Another comment.\"\r\n\x1a"))
	if _, err := LoadDirs(ctx, []string{a, c}, LoadOptions{}); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), c) {
		t.Errorf("LoadDirs of two OFAC publications: %v, want ErrConflict naming %s", err, c)
	}

	var paths []string
	for _, n := range []string{"sdn_comments.csv", "sdn.csv", "add.csv", "alt.csv"} {
		paths = append(paths, filepath.Join(a, n))
	}
	set, err = LoadFiles(ctx, append(paths, filepath.Join(b, "consolidated.xml")), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, "ofac_sdn/ofac_csv/sdn.csv+alt.csv+add.csv+sdn_comments.csv un/un_xml/consolidated.xml", describeSet(set))
	if _, err := LoadFiles(ctx, paths[1:], LoadOptions{}); !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "sdn_comments.csv") {
		t.Errorf("LoadFiles without sdn_comments.csv: %v, want ErrIncomplete naming it", err)
	}
	if _, err := LoadFiles(ctx, []string{paths[1], paths[2], paths[3], p}, LoadOptions{}); !errors.Is(err, ErrIncomplete) {
		t.Errorf("LoadFiles with the quartet split over two folders: %v, want ErrIncomplete", err)
	}
	if _, err := LoadFiles(ctx, []string{filepath.Join(a, "missing.xml")}, LoadOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadFiles of a missing file: %v, want ErrNotExist", err)
	}
}

func TestLoadCanceled(t *testing.T) {
	dir := t.TempDir()
	copyOFACQuartet(t, dir)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := LoadDir(ctx, dir, LoadOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("LoadDir with a canceled context: %v, want context.Canceled", err)
	}
}

// TestLoadDirShared loads every folder of ../shared/lists.
func TestLoadDirShared(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every real list")
	}
	tests := []struct {
		dir      string
		want     string
		entities int // 0: not checked here (see the parser's tests)
		dprk     int // -1: not checked
		err      error
		reason   string
	}{
		{"ofac/2025-12", "ofac_sdn/ofac_csv/sdn.csv+alt.csv+add.csv+sdn_comments.csv", 18494, -1, nil, "the SDN CSV quartet"},
		{"ofac/2025-02", "ofac_sdn/ofac_csv/sdn.csv+alt.csv+add.csv+sdn_comments.csv", 0, -1, nil, "an older SDN CSV quartet"},
		{"ofac/2025-11-advanced", "ofac_sdn/ofac_advanced_xml/SDN_ADVANCED.XML.bz2", 18367, -1, nil, "the compressed advanced XML"},
		{"ofac/spec", "", 0, -1, ErrNoList, "only OFAC's specification, a .txt file"},
		{"ofac-nonsdn/2025-12", "ofac_cons/ofac_csv/cons_prim.csv+cons_alt.csv+cons_add.csv+cons_comments.csv", 442, -1, nil, "the non-SDN CSV quartet"},
		{"ofac-nonsdn/2025-03", "ofac_cons/ofac_xml/CONSOLIDATED.XML", 443, -1, nil, "OFAC's CONSOLIDATED.XML, not the UN's consolidated.xml"},
		{"un/2026-02", "un/un_xml/consolidated.xml", 1003, 155, nil, "the UN list"},
		{"un/2025-04", "un/un_xml/consolidated.xml", 0, -1, nil, "an older UN list"},
		{"eu/2024-01", "eu/eu_csv/eu_csl.csv", 0, -1, nil, "the EU CSV"},
		{"eu/2026-08-excerpt", "eu/eu_xml/fsf-1.1-excerpt.xml", 2, -1, nil, "the EU XML excerpt"},
		{"uk/2024-01", "uk/ofsi_csv/ConList.csv", 0, -1, nil, "the legacy OFSI CSV"},
		{"uk/2026-08-excerpt", "uk/uk_xml/UK-Sanctions-List-excerpt.xml", 2, 1, nil, "the FCDO XML excerpt"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			set, err := LoadDir(t.Context(), sharedList(t, tt.dir), LoadOptions{})
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err, "%s", tt.reason)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, describeSet(set), "%s", tt.reason)
			c := set.Lists[0].Counts()
			if tt.entities != 0 && c.Entities != tt.entities {
				t.Errorf("%d entities, want %d", c.Entities, tt.entities)
			}
			if tt.dprk >= 0 && c.DPRK != tt.dprk {
				t.Errorf("%d DPRK entries, want %d", c.DPRK, tt.dprk)
			}
			t.Logf("%s: %+v", describeSet(set), c)
			if tt.dir == "ofac/2025-11-advanced" {
				// The README gives the sha256 of the XML inside the .bz2.
				const want = "36c517bd264d8d97eff353eadd8d84427d5eb293505a8ce07271a5bc258c3117"
				assert.Equal(t, want, set.Lists[0].Files[0].SHA256)
			}
		})
	}
	// Two OFAC SDN publications together are a user error.
	_, err := LoadDirs(t.Context(), []string{sharedList(t, "ofac/2025-12"), sharedList(t, "ofac/2025-02")}, LoadOptions{})
	assert.ErrorIs(t, err, ErrConflict, "LoadDirs of the December and February OFAC lists")
}

// BenchmarkLoadAll loads the current real list of every source.
func BenchmarkLoadAll(b *testing.B) {
	var dirs []string
	for _, d := range []string{"ofac/2025-12", "ofac-nonsdn/2025-12", "un/2026-02", "eu/2024-01", "uk/2024-01"} {
		dirs = append(dirs, sharedList(b, d))
	}
	b.ReportAllocs()
	for b.Loop() {
		set, err := LoadDirs(b.Context(), dirs, LoadOptions{})
		require.NoError(b, err)
		require.Len(b, set.Lists, len(dirs))
	}
}

func ExampleLoadDir() {
	// ../testdata/lists/ofac holds a small publication of the OFAC SDN list
	// in the legacy CSV format: four files read as one list.
	set, err := LoadDir(context.Background(), "../testdata/lists/ofac", LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range set.Lists {
		fmt.Println(l.Source.Title(), l.Format, len(l.Entities), "entities, dated by", l.PublishedFrom)
		for _, f := range l.Files {
			fmt.Println(f.Name, f.SHA256[:12])
		}
	}
	// Output:
	// OFAC SDN list ofac_csv 3 entities, dated by file-mtime
	// sdn.csv 2614b1efca52
	// alt.csv e513ab8962f3
	// add.csv 7d8c6afb6ae9
	// sdn_comments.csv 911896a190e6
}
