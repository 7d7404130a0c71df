package lists

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the UK parser tests.

// ukTestdata returns the bytes of a file in testdata/uk.
func ukTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "uk", name))
	require.NoError(tb, err)
	return b
}

// ukCheckEntities fails the test for each entity of got that is not the
// one of want, showing both as JSON.
func ukCheckEntities(t *testing.T, got, want []Entity) {
	t.Helper()
	assert.Len(t, got, len(want))
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.MarshalIndent(got[i], "", "  ")
			w, _ := json.MarshalIndent(want[i], "", "  ")
			t.Errorf("entity %d (%s):\ngot  %s\nwant %s", i, want[i].ID, g, w)
		}
	}
}

// Name part shorthands.
func ukGiven(v string) NamePart  { return NamePart{Kind: PartGiven, Value: v} }
func ukMiddle(v string) NamePart { return NamePart{Kind: PartMiddle, Value: v} }
func ukFamily(v string) NamePart { return NamePart{Kind: PartFamily, Value: v} }

// ukCSVLines writes a header of cols and one line per row (values by column
// name, "" elsewhere), each line ended by eol.
func ukCSVLines(cols []string, eol string, rows ...map[string]string) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = eol == "\r\n"
	w.Write(cols)
	for _, r := range rows {
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = r[c]
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.String()
}

func TestUKSplitNumbered(t *testing.T) {
	tests := []struct {
		in     string
		want   []string
		reason string
	}{
		{"", nil, "an empty field holds no value"},
		{"Russia", []string{"Russia"}, "a value without numbering is one value"},
		{"(1) Russia (2) Israel", []string{"Russia", "Israel"}, "the numbered form packs several values"},
		{"(1) Central African Republic. (2) South Sudan", []string{"Central African Republic", "South Sudan"}, "a full stop separating the items is not part of them"},
		{"(1) Uganda (2) Uganda (3)Uganda", []string{"Uganda", "Uganda", "Uganda"}, "the marker may be glued to the value; duplicates are the caller's to drop"},
		{"(1) Review (2008) concluded (2) Other", []string{"Review (2008) concluded", "Other"}, "only the next number in sequence splits, so (2008) stays inside"},
		{"(laissez-Passer) issued 2019", []string{"(laissez-Passer) issued 2019"}, "a value starting with another parenthesis is not a numbered list"},
		{"(1) (2) B", []string{"B"}, "empty items are dropped"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ukSplitNumbered(tt.in), "ukSplitNumbered(%q): %s", tt.in, tt.reason)
	}
}

func TestUKSplitMulti(t *testing.T) {
	tests := []struct {
		in     string
		want   []string
		reason string
	}{
		{"dd/mm/1968|12/11/1967", []string{"dd/mm/1968", "12/11/1967"}, "the FCDO CSV may separate values with |"},
		{"(1) A|B (2) C", []string{"A", "B", "C"}, "both forms combine"},
		{"A", []string{"A"}, "one value"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ukSplitMulti(tt.in), "ukSplitMulti(%q): %s", tt.in, tt.reason)
	}
}

func TestUKParseDMY(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
		reason  string
	}{
		{"14/02/1971", Date{1971, 2, 14}, false, "a complete date"},
		{"00/00/1972", Date{Year: 1972}, false, "OFSI writes unknown day and month as 00"},
		{"00/05/1980", Date{Year: 1980, Month: 5}, false, "month precision"},
		{"dd/mm/1968", Date{Year: 1968}, false, "the FCDO writes unknown parts as dd and mm"},
		{"dd/09/1958", Date{Year: 1958, Month: 9}, false, "FCDO month precision"},
		{"1985", Date{Year: 1985}, false, "the FCDO XML also writes a year alone"},
		{"1/2/1970", Date{1970, 2, 1}, false, "single-digit day and month are read"},
		{"31/02/1970", Date{}, true, "February has no 31st"},
		{"29/02/1971", Date{}, true, "1971 is not a leap year"},
		{"05/00/1970", Date{}, true, "a day without a month is not a date"},
		{"1970-01-01", Date{}, true, "ISO dates are not the UK form"},
		{"mm/dd/1970", Date{}, true, "the placeholders are positional"},
		{"01/13/1970", Date{}, true, "there is no month 13"},
		{"01/01/70", Date{}, true, "the year has four digits"},
		{"", Date{}, true, "an empty date is the caller's to skip"},
	}
	for _, tt := range tests {
		got, err := ukParseDMY(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ukParseDMY(%q) = %v, %v; want %v, error %v: %s", tt.in, got, err, tt.want, tt.wantErr, tt.reason)
		}
		if err != nil && !errors.Is(err, ErrDate) {
			t.Errorf("ukParseDMY(%q) error %v does not wrap ErrDate", tt.in, err)
		}
	}
}

func TestUKScriptOf(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"Иван Петров", "Cyrillic", "Russian names"},
		{"أكرم تركي هاشم المزيده", "Arabic", "Arabic names"},
		{"محمد حسن آخوند", "Arabic", "Persian is written in the Arabic script"},
		{"김철수", "Hangul", "Korean names"},
		{"李明", "Han", "Chinese names"},
		{"Ivan Petrov", "", "Latin names have no script"},
		{"АО «Пример» 1", "Cyrillic", "digits and punctuation do not count"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ScriptOf(tt.in), "ScriptOf(%q): %s", tt.in, tt.reason)
	}
}

func TestUKLeadingCountry(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"Pakistan number, issued on 8 Sep. 2008", "PK", "the country starts the details"},
		{"Syrian Arab Republic number", "SY", "a country of several words"},
		{"Issued by the Democratic People's Republic of Korea", "KP", "\"Issued by the\" is skipped"},
		{"Issued in Jordan", "JO", "\"Issued in\" is skipped"},
		{"British passport number", "GB", "CountryCode knows the common nationality adjectives"},
		{"Diplomatic passport", "", "no country named"},
		{"No. 123, ID card", "", "short words are not read as country codes (NO is Norway, ID Indonesia)"},
		{"UK passport", "GB", "but UK is"},
		{"Expires 21 Aug 2005 (Iraq)", "", "only the start of the text is read"},
		{"", "", "no details"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ukLeadingCountry(tt.in), "ukLeadingCountry(%q): %s", tt.in, tt.reason)
	}
}

func TestOFSISplitInfo(t *testing.T) {
	in := "(UK Sanctions List Ref):RUS0001. (UK Statement of Reasons):Text (with brackets) (United States of America): x. (Gender):Male"
	want := []ofsiInfoPart{
		{"UK Sanctions List Ref", "RUS0001"},
		{"UK Statement of Reasons", "Text (with brackets) (United States of America): x"},
		{"Gender", "Male"},
	}
	assert.Equal(t, want, ofsiSplitInfo(in), "only the known labels split the text")
}

func TestOFSIRefs(t *testing.T) {
	tests := []struct {
		in     string
		want   []string
		reason string
	}{
		{"RUS0001", []string{"RUS0001"}, "one reference"},
		{"RUS0001. Financial sanctions imposed", []string{"RUS0001"}, "the remark after the full stop is not a reference"},
		{"AQD0194 and SOM0003. Listed under", []string{"AQD0194", "SOM0003"}, "a person listed under two regimes has two references"},
		{"QDi.042 and SOi.002.", []string{"QDi.042", "SOi.002"}, "UN references hold a full stop inside"},
		{"CAF0001\u00a0", []string{"CAF0001"}, "a trailing no-break space is not part of it"},
		{"A1, B2 & C3", []string{"A1", "B2", "C3"}, "commas and ampersands join references too"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ofsiRefs(tt.in), "ofsiRefs(%q): %s", tt.in, tt.reason)
	}
}

// TestUKParseErrors runs the three parsers on malformed input and checks the
// error names the right place and wraps the right sentinel.
func TestUKParseErrors(t *testing.T) {
	// A minimal valid ConList.csv row and FCDO CSV row, and an XML
	// designation, that the cases below break one way each.
	ofsiRow := map[string]string{
		"Name 6": "SAMPLOV", "Name 1": "Ivan", "Group Type": "Individual", "Alias Type": "Primary name",
		"Regime": "Russia", "Listed On": "15/03/2022", "Group ID": "90001", "DOB": "14/02/1971",
	}
	with := ukWith
	ofsi := func(rows ...map[string]string) string {
		return "Last Updated,25/01/2024\r\n" + ukCSVLines(ofsiColumns[:], "\r\n", rows...)
	}
	ukRow := map[string]string{
		"Unique ID": "RUS9001", "Name 6": "SAMPLOV", "Name 1": "Ivan", "Name type": "Primary Name",
		"Regime Name": "Russia", "Designation Type": "Individual", "Date Designated": "15/03/2022", "D.O.B": "14/02/1971",
	}
	ukc := func(rows ...map[string]string) string {
		return "Report Date: 14-Aug-2026\n" + ukCSVLines(ukCSVColumns[:], "\n", rows...)
	}
	const des = `<Designation><UniqueID>RUS9001</UniqueID><Names><Name><Name1>Ivan</Name1><Name6>SAMPLOV</Name6><NameType>Primary Name</NameType></Name></Names>` +
		`<RegimeName>Russia</RegimeName><IndividualEntityShip>Individual</IndividualEntityShip>` +
		`<IndividualDetails><Individual><DOBs><DOB>14/02/1971</DOB></DOBs></Individual></IndividualDetails></Designation>`
	xmlDoc := func(body string) string {
		return `<?xml version="1.0" encoding="utf-8"?>` + "\n<Designations dateGenerated=\"2026-08-14T23:00:04.744Z\">\n" + body + "\n</Designations>\n"
	}
	parsers := map[string]func(File) (*List, error){"ofsi": ParseOFSICSV, "ukcsv": ParseUKCSV, "ukxml": ParseUKXML}

	tests := []struct {
		name, parser, in string
		want             error
		line             int    // 0: not checked
		field            string // "": not checked
		reason           string
	}{
		// The valid inputs first: the cases below differ from them in one way.
		{"ofsi valid", "ofsi", ofsi(ofsiRow), nil, 0, "", "the base row parses"},
		{"ukcsv valid", "ukcsv", ukc(ukRow), nil, 0, "", "the base row parses"},
		{"ukxml valid", "ukxml", xmlDoc(des), nil, 0, "", "the base designation parses"},

		{"ofsi empty", "ofsi", "", ErrEmpty, 0, "", "an empty file is no list"},
		{"ofsi no date line", "ofsi", ukCSVLines(ofsiColumns[:], "\r\n", ofsiRow), ErrMalformed, 1, "Last Updated", "ConList.csv starts with its Last Updated line"},
		{"ofsi bad publish date", "ofsi", strings.Replace(ofsi(ofsiRow), "25/01/2024", "32/01/2024", 1), ErrDate, 1, "Last Updated", "January has no 32nd"},
		{"ofsi no header", "ofsi", "Last Updated,25/01/2024\r\n", ErrTruncated, 1, "", "a file that stops after its first line is truncated"},
		{"ofsi header only", "ofsi", ofsi(), ErrEmpty, 0, "", "a list without rows is no list"},
		{"ofsi header lacks a column", "ofsi", strings.Replace(ofsi(ofsiRow), ",Group ID", ",Group", 1), ErrMissing, 2, "Group ID", "the columns are found by name"},
		{"ofsi wrong column count", "ofsi", ofsi(ofsiRow) + "SAMPLOV,Ivan,,\r\n", ErrFieldCount, 4, "", "a row shorter than the header"},
		{"ofsi impossible DOB", "ofsi", ofsi(with(ofsiRow, "DOB", "31/02/1970")), ErrDate, 3, "DOB", "February has no 31st"},
		{"ofsi ISO DOB", "ofsi", ofsi(with(ofsiRow, "DOB", "1970-02-01")), ErrDate, 3, "DOB", "ConList writes dd/mm/yyyy"},
		{"ofsi bad Listed On", "ofsi", ofsi(with(ofsiRow, "Listed On", "00/03/2022")), ErrDate, 3, "Listed On", "a listing date is complete"},
		{"ofsi bad Last Updated", "ofsi", ofsi(with(ofsiRow, "Last Updated", "2022")), ErrDate, 3, "Last Updated", "dates with no field are still checked"},
		{"ofsi windows-1252", "ofsi", ofsi(with(ofsiRow, "Position", "Cleric (\x93Pir\x94)")), ErrEncoding, 3, "", "curly quotes in Windows-1252 are not UTF-8"},
		{"ofsi no group id", "ofsi", ofsi(with(ofsiRow, "Group ID", " ")), ErrMissing, 3, "Group ID", "rows are merged by group ID"},
		{"ofsi unknown group type", "ofsi", ofsi(with(ofsiRow, "Group Type", "Aircraft")), ErrMalformed, 3, "Group Type", "ConList lists individuals, entities and ships"},
		{"ofsi group of two types", "ofsi", ofsi(ofsiRow, with(ofsiRow, "Group Type", "Entity")), ErrMalformed, 4, "Group Type", "one group is one kind of thing"},
		{"ofsi row without name", "ofsi", ofsi(with(ofsiRow, "Name 6", "", "Name 1", "")), ErrMissing, 3, "Name 6", "a row is one name"},
		{"ofsi bare quote", "ofsi", ofsi(ofsiRow) + "SAMP\"LOV" + strings.Repeat(",", 35) + "\r\n", ErrMalformed, 4, "", "a quote inside an unquoted field"},
		{"ofsi ends in a quoted field", "ofsi", ofsi(ofsiRow) + "\"SAMPLOV,Ivan", ErrMalformed, 4, "", "a file cut inside a quoted field"},

		{"ukcsv empty", "ukcsv", "", ErrEmpty, 0, "", "an empty file is no list"},
		{"ukcsv bad report date", "ukcsv", strings.Replace(ukc(ukRow), "14-Aug-2026", "31-Feb-2026", 1), ErrDate, 1, "Report Date", "February has no 31st"},
		{"ukcsv first line", "ukcsv", "Sanctions list\n" + ukc(ukRow), ErrMalformed, 1, "Report Date", "the file starts with its report date or its header"},
		{"ukcsv no header", "ukcsv", "Report Date: 14-Aug-2026\n", ErrTruncated, 1, "", "a file that stops after its first line is truncated"},
		{"ukcsv header lacks a column", "ukcsv", strings.Replace(ukc(ukRow), ",Unique ID,", ",Unique,", 1), ErrMissing, 2, "Unique ID", "the columns are found by name"},
		{"ukcsv missing unique id", "ukcsv", ukc(with(ukRow, "Unique ID", "")), ErrMissing, 3, "Unique ID", "rows are merged by unique ID"},
		{"ukcsv wrong column count", "ukcsv", ukc(ukRow) + "01/01/2024,RUS9002\n", ErrFieldCount, 4, "", "a row shorter than the header"},
		{"ukcsv unknown DOB", "ukcsv", ukc(with(ukRow, "D.O.B", "dd/mm/yyyy")), nil, 0, "", "a date of birth with no known part is no date, not an error"},
		{"ukcsv one-digit report day", "ukcsv", strings.Replace(ukc(ukRow), "14-Aug-2026", "8-Oct-2026", 1), nil, 0, "", "the day of the report date may have one digit"},
		{"ukcsv impossible DOB", "ukcsv", ukc(with(ukRow, "D.O.B", "31/02/1970")), ErrDate, 3, "D.O.B", "February has no 31st"},
		{"ukcsv bad date designated", "ukcsv", ukc(with(ukRow, "Date Designated", "dd/mm/2022")), ErrDate, 3, "Date Designated", "a designation date is complete"},
		{"ukcsv unknown type", "ukcsv", ukc(with(ukRow, "Designation Type", "Aircraft")), ErrMalformed, 3, "Designation Type", "the list designates individuals, entities and ships"},
		{"ukcsv no type", "ukcsv", ukc(with(ukRow, "Designation Type", "")), ErrMissing, 3, "Designation Type", "the type is required"},
		{"ukcsv latin-1", "ukcsv", ukc(with(ukRow, "Name 6", "M\xfcller")), ErrEncoding, 3, "", "ü in Latin-1 is not UTF-8"},

		{"ukxml empty", "ukxml", "", ErrEmpty, 0, "", "an empty file is no list"},
		{"ukxml no designations", "ukxml", xmlDoc(""), ErrEmpty, 0, "", "a list without designations is no list"},
		{"ukxml truncated in a designation", "ukxml", xmlDoc(des)[:200], ErrTruncated, 0, "", "the file stops inside a designation"},
		{"ukxml truncated after a designation", "ukxml", strings.TrimSuffix(xmlDoc(des), "\n</Designations>\n"), ErrTruncated, 0, "", "the root element is never closed"},
		{"ukxml wrong root", "ukxml", `<CONSOLIDATED_LIST>` + des + `</CONSOLIDATED_LIST>`, ErrMalformed, 1, "", "another list's XML"},
		{"ukxml missing unique id", "ukxml", xmlDoc(strings.Replace(des, "<UniqueID>RUS9001</UniqueID>", "", 1)), ErrMissing, 3, "UniqueID", "a designation is known by its unique ID"},
		{"ukxml impossible DOB", "ukxml", xmlDoc(strings.Replace(des, "14/02/1971", "31/02/1970", 1)), ErrDate, 3, "IndividualDetails/Individual/DOBs/DOB", "February has no 31st"},
		{"ukxml unknown type", "ukxml", xmlDoc(strings.Replace(des, ">Individual<", ">Aircraft<", 1)), ErrMalformed, 3, "IndividualEntityShip", "the list designates individuals, entities and ships"},
		{"ukxml no names", "ukxml", xmlDoc(strings.Replace(des, "<Name><Name1>Ivan</Name1><Name6>SAMPLOV</Name6>", "<Name>", 1)), ErrMissing, 3, "Names", "a designation has a name"},
		{"ukxml invalid UTF-8", "ukxml", xmlDoc(strings.Replace(des, "SAMPLOV", "SAMPL\xd6V", 1)), ErrEncoding, 0, "", "Ö in Latin-1 is not UTF-8"},
		{"ukxml declared windows-1252", "ukxml", strings.Replace(xmlDoc(des), "utf-8", "windows-1252", 1), ErrEncoding, 0, "", "only UTF-8 is read"},
		{"ukxml mismatched tags", "ukxml", xmlDoc(strings.Replace(des, "</Names>", "</Name>", 1)), ErrMalformed, 0, "", "XML that is not well formed"},
		{"ukxml bad dateGenerated", "ukxml", strings.Replace(xmlDoc(des), "2026-08-14T23:00:04.744Z", "14/08/2026", 1), ErrDate, 0, "dateGenerated", "the attribute is an RFC 3339 time"},
		{"ukxml element after root", "ukxml", xmlDoc(des) + "<Designations/>", ErrMalformed, 0, "", "one root element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parsers[tt.parser](File{Name: "f", R: strings.NewReader(tt.in)})
			if tt.want == nil {
				if err != nil || l == nil || len(l.Entities) != 1 {
					t.Fatalf("got %v, %v; want one entity: %s", l, err, tt.reason)
				}
				return
			}
			require.ErrorIs(t, err, tt.want, "%s", tt.reason)
			if l != nil {
				t.Errorf("got a list with an error")
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "f", pe.File)
			if tt.line != 0 && pe.Line != tt.line {
				t.Errorf("ParseError.Line = %d, want %d (%v): %s", pe.Line, tt.line, err, tt.reason)
			}
			if tt.field != "" && pe.Field != tt.field {
				t.Errorf("ParseError.Field = %q, want %q (%v): %s", pe.Field, tt.field, err, tt.reason)
			}
		})
	}
}
