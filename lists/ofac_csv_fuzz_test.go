package lists

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParseOFACCSV feeds arbitrary sdn.csv, alt.csv, add.csv and
// sdn_comments.csv contents (an empty input is an absent file, except for
// the primary) to ParseOFACCSV: it must not panic, must return a list or a
// *ParseError, and what it reads from remarks must come from the remarks.
func FuzzParseOFACCSV(f *testing.F) {
	for _, dir := range []string{"sdn", "cp1252"} {
		var in [4][]byte
		for i, n := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
			b, err := os.ReadFile(filepath.Join("testdata", "ofac_csv", dir, n))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				f.Fatal(err)
			}
			in[i] = b
		}
		if in[0] == nil {
			f.Fatalf("fixture %s has no sdn.csv", dir)
		}
		f.Add(in[0], in[1], in[2], in[3])
	}
	f.Add([]byte(ofacCSVRow+ofacCSVRow2+"\x1a"), []byte(`2,7,"aka","A",-0- `+"\r\n\x1a"), []byte(`1,8,-0- ,"Havana","Cuba",-0- `+"\r\n\x1a"), []byte(`2,"; Gender Male."`+"\r\n\x1a"))
	f.Add([]byte(strings.ReplaceAll(ofacCSVRow, "\r\n", "\r")+"\x1a"), []byte{}, []byte{}, []byte{})
	f.Add([]byte("\xef\xbb\xbf"+ofacCSVRow+"\x1a"), []byte("\x1a"), []byte("\x1a"), []byte("\x1a"))
	f.Fuzz(func(t *testing.T, primary, alt, add, comments []byte) {
		files := OFACCSVFiles{Primary: File{Name: "sdn.csv", R: bytes.NewReader(primary)}}
		if len(alt) > 0 {
			files.Alt = File{Name: "alt.csv", R: bytes.NewReader(alt)}
		}
		if len(add) > 0 {
			files.Address = File{Name: "add.csv", R: bytes.NewReader(add)}
		}
		if len(comments) > 0 {
			files.Comments = File{Name: "sdn_comments.csv", R: bytes.NewReader(comments)}
		}
		l, err := ParseOFACCSV(OFACSDN, files)
		if err != nil {
			var pe *ParseError
			if l != nil || !errors.As(err, &pe) || pe.File == "" {
				t.Fatalf("ParseOFACCSV = %v, %v (%T); want nil and a *ParseError naming a file", l, err, err)
			}
			return
		}
		require.NotEmpty(t, l.Entities)
		require.Equal(t, OFACSDN, l.Source)
		require.Equal(t, FormatOFACCSV, l.Format)
		ids := map[string]bool{}
		for i := range l.Entities {
			e := &l.Entities[i]
			if !allDigits(e.ID) || ids[e.ID] {
				t.Fatalf("entity %d: bad or repeated ID %q", i, e.ID)
			}
			ids[e.ID] = true
			if e.Source != OFACSDN || len(e.Names) == 0 || e.Names[0].Kind != Primary || e.Names[0].Full == "" {
				t.Fatalf("entity %s: source %v, names %+v", e.ID, e.Source, e.Names)
			}
			checkOFACCSVRemarksFields(t, e, e.Remarks)
		}
	})
}

// FuzzParseOFACRemarks feeds arbitrary remarks to parseOFACRemarks: it
// must not panic, and everything it reads must come from the text.
func FuzzParseOFACRemarks(f *testing.F) {
	for _, s := range []string{
		ofacCSVFixture102Remarks,
		"DOB 12 Feb 1970; alt. DOB circa 1979-1982; DOB 01 Jan 1958 to 31 Dec 1959; POB Sinuiju, Korea, North; nationality Korea, North; citizen Russia; Gender Male.",
		"Passport 0310857 (Eritrea) issued 21 Aug 2006 expires 20 Aug 2008; (Following data: Alt. DOB: 10 October 1969; National ID No.: 1372584, Kenya); a.k.a. 'ABU MANSUR'.",
		"Registration Number HRB 770549 (Stuttgart) (Germany); National ID No. D489833(9) (Hong Kong); Telephone (357)(22660766); Title Director.",
		"Digital Currency Address - XBT 1ABC; alt. Digital Currency Address - ETH 0xAbC; f.k.a. 'X'; n.k.a. 'Y'.",
		"a.k.a. '; DOB (; POB ; nationality ; Passport (; Digital Currency Address - ",
		"Registration Number  0", // found by fuzzing: the value is trimmed
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var e Entity
		for _, u := range parseOFACRemarks(&e, s) {
			if u == "" || len(s) <= 4096 && !strings.Contains(s, u) {
				t.Fatalf("unparsed item %q is not in the remarks", u)
			}
		}
		checkOFACCSVRemarksFields(t, &e, s)
	})
}

// checkOFACCSVRemarksFields checks that what parseOFACRemarks put in e comes
// from remarks and is well formed.
func checkOFACCSVRemarksFields(t *testing.T, e *Entity, remarks string) {
	t.Helper()
	// The substring checks cost O(len(remarks)) per value found; keep the
	// fuzzer fast on large inputs by checking small remarks only.
	small := len(remarks) <= 4096
	for _, n := range e.Names[min(1, len(e.Names)):] {
		require.NotEqual(t, Primary, n.Kind, "alias %+v", n)
		require.NotEmpty(t, n.Full, "alias %+v", n)
		if small && n.Strength == Weak && !strings.Contains(remarks, n.Full) {
			t.Fatalf("weak alias %q is not in the remarks", n.Full)
		}
	}
	for _, a := range e.Crypto {
		if a.Currency == "" || a.Address == "" || small && (!strings.Contains(remarks, a.Address) || !strings.Contains(remarks, a.Currency)) {
			t.Fatalf("crypto address %+v is not in the remarks", a)
		}
	}
	for _, id := range e.Identifiers {
		if id.Value == "" || id.Label == "" || small && (!strings.Contains(remarks, id.Label) || !strings.Contains(remarks, id.Value)) {
			t.Fatalf("identifier %+v is not in the remarks", id)
		}
	}
	for _, b := range e.BirthDates {
		if b.From.validate() != nil || (!b.To.IsZero() && (b.To.validate() != nil || b.To.Before(b.From))) {
			t.Fatalf("birth date %+v is not valid", b)
		}
	}
	for _, c := range append(append([]string(nil), e.Nationalities...), e.Citizenships...) {
		require.Len(t, c, 2)
	}
}
