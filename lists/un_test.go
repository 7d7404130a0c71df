package lists

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseUNXMLFixture(t *testing.T) {
	want := []Entity{
		{
			Source: UN, ID: "KPi.901", Type: Person,
			Names: []Name{
				{Full: "PAK CHOL SU", Parts: []NamePart{{PartOther, "PAK"}, {PartOther, "CHOL SU"}}},
				{Full: "박철수", Script: "Hangul"},
				{Full: "Pak Chol-su", Kind: AKA},
				{Full: "Mr. Pak", Kind: AKA, Strength: Weak},
			},
			BirthDates:    []DateOfBirth{{From: Date{1970, 2, 12}}, {From: Date{Year: 1971}, Approximate: true}},
			BirthPlaces:   []Place{{Text: "Hamhung, Democratic People's Republic of Korea", Country: "KP"}},
			Nationalities: []string{"KP"},
			Addresses:     []Address{{City: "Pyongyang", Country: "KP", CountryName: "Democratic People's Republic of Korea"}},
			Identifiers: []Identifier{{Type: IDPassport, Label: "Passport", Value: "990000123", Country: "KP",
				Note: "issued 2016-03-01; expires on 1 Mar. 2021"}},
			Programs: []string{"DPRK", "UN List"},
			DPRK:     true,
			Gender:   "Male",
			Titles:   []string{"Colonel", "Representative of Example Bank"},
			Remarks:  "Fictitious entry for tests. Representative of an example bank abroad.",
			Listed:   Date{2017, 8, 5},
		},
		{
			Source: UN, ID: "QDi.901", Type: Person,
			Names: []Name{
				{Full: "AHMAD SAMIR AL-EXAMPLE AL-TEST", Parts: []NamePart{{PartOther, "AHMAD"}, {PartOther, "SAMIR"}, {PartOther, "AL-EXAMPLE"}, {PartOther, "AL-TEST"}}},
				{Full: "أحمد سمير", Script: "Arabic"},
				{Full: "Abu Example", Kind: AKA},
				{Full: "Ahmad Samir Example", Kind: FKA},
				{Full: "Ahmed Test", Kind: FKA},
			},
			BirthDates: []DateOfBirth{
				{From: Date{Year: 1965}},
				{From: Date{Year: 1973, Month: 11}},
				{From: Date{Year: 1960}, To: Date{Year: 1962}, Approximate: true},
			},
			BirthPlaces:   []Place{{Text: "Aleppo, Syrian Arab Republic", Country: "SY"}},
			Nationalities: []string{"SU", "SY"},
			Identifiers: []Identifier{{Type: IDNationalID, Label: "National Identification Number", Value: "12345", Country: "SY",
				Note: "Birth certificate; issued in Aleppo"}},
			Programs: []string{"Al-Qaida", "UN List"},
			Remarks: "Fictitious entry for tests.; alias Ahmed Test: In Arabic: أحمد; nationality na; " +
				"date of birth: 30-35 years old; document Passport: Example passport number A 111111, expired",
			Listed: Date{2015, 4, 7},
		},
		{
			Source: UN, ID: "KPe.901", Type: Organization,
			Names: []Name{
				{Full: "KOREA EXAMPLE TRADING CORPORATION"},
				{Full: "KETC", Kind: AKA},
				{Full: "朝鲜示例贸易公司", Kind: AKA, Script: "Han"},
			},
			Addresses: []Address{
				{Street: "Sosong Street", City: "Pyongyang", Country: "KP", CountryName: "Democratic People's Republic of Korea"},
				{Street: "Example Road 1", City: "Majuro", PostalCode: "96960", Country: "MH", CountryName: "Marshall Islands", Note: "as at 2017"},
			},
			Programs: []string{"DPRK", "UN List"},
			DPRK:     true,
			Remarks:  "Fictitious entry for tests.",
			Listed:   Date{2016, 3, 2},
		},
		{
			Source: UN, ID: "LYe.901", Type: Organization,
			Names: []Name{
				{Full: "EXAMPLE SHIPPING LLC"},
				{Full: "Пример Шиппинг", Script: "Cyrillic"},
			},
			Programs: []string{"Libya", "UN List"},
			Listed:   Date{2011, 3, 17},
		},
	}
	l, err := ParseUNXML(File{Name: "consolidated.xml", R: bytes.NewReader(xmlListTestdata(t, "un/consolidated.xml"))})
	require.NoError(t, err)
	if l.Source != UN || l.Format != FormatUNXML || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("got source %v format %v published from %q files %v", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	if w := time.Date(2026, 1, 15, 0, 0, 5, 123e6, time.UTC); !l.Published.Equal(w) {
		t.Errorf("published %v, want %v (dateGenerated)", l.Published, w)
	}
	xmlListCheckEntities(t, l, want, true)
}

func TestParseUNXML2026(t *testing.T) {
	l, err := ParseUNXML(openShared(t, "un/2026-02/consolidated.xml"))
	require.NoError(t, err)
	if w := time.Date(2026, 2, 27, 0, 0, 9, 554e6, time.UTC); !l.Published.Equal(w) {
		t.Errorf("published %v, want %v", l.Published, w)
	}
	c := l.Counts()
	// Counted in the file: 730 INDIVIDUAL, 273 ENTITY, 155 with UN_LIST_TYPE
	// DPRK; 2,752 named aliases: 1,524 Good + 594 a.k.a. + 19 f.k.a. strong,
	// 615 Low weak; 454 documents with a NUMBER.
	assert.Equal(t, 1003, c.Entities, "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 730, c.ByType[Person], "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 273, c.ByType[Organization], "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 155, c.DPRK, "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 2137, c.StrongAliases)
	assert.Equal(t, 615, c.WeakAliases)
	assert.Equal(t, 454, c.Identifiers)
	unXMLCheckInvariants(t, l)

	// 378 NAME_ORIGINAL_SCRIPT: 366 Arabic and 11 Cyrillic names, and one
	// (QDe.164) that repeats the Latin primary name and is not added again.
	scripts := map[string]int{}
	var original, fka int
	for _, e := range l.Entities {
		for i, n := range e.Names {
			if i > 0 && n.Kind == Primary {
				original++
				scripts[n.Script]++
			}
			if n.Kind == FKA {
				fka++
			}
		}
	}
	assert.Equal(t, 377, original, "original-script names %v: 366 Arabic, 11 Cyrillic", scripts)
	assert.Equal(t, 366, scripts["Arabic"], "original-script names %v: 366 Arabic, 11 Cyrillic", scripts)
	assert.Equal(t, 11, scripts["Cyrillic"], "original-script names %v: 366 Arabic, 11 Cyrillic", scripts)
	// 19 f.k.a. and 34 aliases noted "previously listed as" or "formerly listed as".
	if fka != 19+26+7+1 {
		t.Errorf("%d former names, want %d", fka, 19+26+7+1)
	}

	// Every nationality maps to a country except SDi.001's "na".
	for _, e := range l.Entities {
		n := strings.Count("; "+e.Remarks, "; nationality ")
		if e.ID == "SDi.001" {
			assert.Equal(t, 1, n, "SDi.001: nationality \"na\" must be kept in remarks, not mapped (Namibia is NA)")
			assert.True(t, strings.HasSuffix(e.Remarks, "; nationality na"), "SDi.001: nationality \"na\" must be kept in remarks, not mapped (Namibia is NA)")
			assert.Empty(t, e.Nationalities, "SDi.001: nationality \"na\" must be kept in remarks, not mapped (Namibia is NA)")
			continue
		}
		if n != 0 {
			t.Errorf("%s: a nationality was not mapped to a country code", e.ID)
		}
	}

	want := []Entity{
		{
			Source: UN, ID: "KPi.033", Type: Person,
			Names:         []Name{{Full: "RI WON HO", Parts: []NamePart{{PartOther, "RI"}, {PartOther, "WON HO"}}}},
			BirthDates:    []DateOfBirth{{From: Date{1964, 7, 17}}},
			Nationalities: []string{"KP"},
			Identifiers:   []Identifier{{Type: IDPassport, Label: "Passport", Value: "381310014"}},
			Programs:      []string{"DPRK", "UN List"},
			DPRK:          true,
			Titles:        []string{"DPRK Ministry of State Security Official"},
			Remarks:       "Ri Won Ho is a DPRK Ministry of State Security Official stationed in Syria supporting KOMID.",
			Listed:        Date{2016, 11, 30},
		},
		{
			Source: UN, ID: "KPe.001", Type: Organization,
			Names: []Name{
				{Full: "KOREA MINING DEVELOPMENT TRADING CORPORATION"},
				{Full: "CHANGGWANG SINYONG CORPORATION", Kind: AKA},
				{Full: "EXTERNAL TECHNOLOGY GENERAL CORPORATION", Kind: AKA},
				{Full: "DPRKN MINING DEVELOPMENT TRADING COOPERATION", Kind: AKA},
				{Full: `"KOMID"`, Kind: AKA},
			},
			Addresses: []Address{{Street: "Central District", City: "Pyongyang", Country: "KP", CountryName: "Democratic People's Republic of Korea"}},
			Programs:  []string{"DPRK", "UN List"},
			DPRK:      true,
			Remarks:   "Primary arms dealer and main exporter of goods and equipment related to ballistic missiles and conventional weapons.",
			Listed:    Date{2009, 4, 24},
		},
		{
			Source: UN, ID: "KPe.055", Type: Organization,
			Names: []Name{
				{Full: "CHANG AN SHIPPING & TECHNOLOGY"},
				{Full: "長安海連技術有限公司", Kind: AKA, Script: "Han"},
				{Full: "CHANG AN SHIPPING AND TECHNOLOGY", Kind: AKA},
			},
			Addresses: []Address{{Street: "Room 2105, DL1849, Trend Centre, 29-31 Cheung Lee Street, Chai Wan", Region: "Hong Kong",
				Country: "CN", CountryName: "China"}},
			Programs: []string{"DPRK", "UN List"},
			DPRK:     true,
			Remarks:  "Registered owner, ship manager, and commercial manager of Panama-flagged vessel HUA FU, a cargo ship that loaded DPRK coal at Najin, DPRK on 24 September 2017.",
			Listed:   Date{2018, 3, 30},
		},
		{
			Source: UN, ID: "SDi.001", Type: Person,
			Names: []Name{
				{Full: "GAFFAR MOHAMMED ELHASSAN", Parts: []NamePart{{PartOther, "GAFFAR"}, {PartOther, "MOHAMMED"}, {PartOther, "ELHASSAN"}}},
				{Full: "Gaffar Mohmed Elhassan", Kind: AKA},
			},
			BirthDates:  []DateOfBirth{{From: Date{1952, 6, 24}}},
			Addresses:   []Address{{Street: "El Waha", City: "Omdurman", Country: "SD", CountryName: "Sudan"}},
			Identifiers: []Identifier{{Type: IDNationalID, Label: "National Identification Number", Value: "4302", Note: "Ex-serviceman’s identification card"}},
			Programs:    []string{"Sudan", "UN List"},
			Titles:      []string{"Major-General and Commander of the Western Military Region for the Sudanese Armed Forces (SAF)"},
			Remarks:     "Retired from the Sudanese Army. INTERPOL-UN Security Council Special Notice web link:https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals; nationality na",
			Listed:      Date{2006, 4, 25},
		},
	}
	for _, w := range want {
		if d := xmlListEntityDiff(xmlListFind(t, l, w.ID), w, false); len(d) > 0 {
			t.Errorf("entry %s differs from the file in %s", w.ID, strings.Join(d, ", "))
		}
	}
}

func TestParseUNXML2025(t *testing.T) {
	l, err := ParseUNXML(openShared(t, "un/2025-04/consolidated.xml"))
	require.NoError(t, err)
	if w := time.Date(2025, 4, 19, 23, 0, 4, 625e6, time.UTC); !l.Published.Equal(w) {
		t.Errorf("published %v, want %v", l.Published, w)
	}
	c := l.Counts()
	// Counted in the file: 684 INDIVIDUAL, 193 ENTITY, 155 DPRK; aliases
	// 1,507 Good + 560 a.k.a. + 18 f.k.a. strong, 619 Low weak.
	assert.Equal(t, 877, c.Entities, "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 684, c.ByType[Person], "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 193, c.ByType[Organization], "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 155, c.DPRK, "%v, 155 DPRK", c.ByType)
	assert.Equal(t, 2085, c.StrongAliases)
	assert.Equal(t, 619, c.WeakAliases)
	assert.Equal(t, 431, c.Identifiers)
	unXMLCheckInvariants(t, l)
}

// unXMLCheckInvariants checks what holds for every entry of a real UN list.
func unXMLCheckInvariants(t *testing.T, l *List) {
	t.Helper()
	for _, e := range l.Entities {
		// The regime and the reference number agree on DPRK.
		assert.Equal(t, strings.HasPrefix(e.ID, "KP"), IsDPRKProgram(e.Programs[0]), "%s: UN_LIST_TYPE %q and the reference number disagree on DPRK", e.ID, e.Programs[0])
		// "KPi.033" is an individual, "KPe.001" an entity.
		if len(e.ID) < 4 || (e.ID[2] == 'i') != (e.Type == Person) || (e.ID[2] == 'e') != (e.Type == Organization) {
			t.Errorf("%s: type %v does not match the reference number", e.ID, e.Type)
		}
		if e.Listed.IsZero() || len(e.Names) == 0 || e.Source != UN {
			t.Errorf("%s: no listing date, name or source", e.ID)
		}
		for _, n := range e.Names {
			if n.Full == "" || n.Full != strings.TrimSpace(n.Full) {
				t.Errorf("%s: empty or untrimmed name", e.ID)
			}
		}
	}
}

func TestParseUNXMLBirthDates(t *testing.T) {
	tests := []struct {
		in     unXMLDOB
		want   DateOfBirth
		ok     bool
		remark string
		reason string
	}{
		{unXMLDOB{TypeOfDate: "EXACT", Date: "1964-07-17"}, DateOfBirth{From: Date{1964, 7, 17}}, true, "", "an exact date"},
		{unXMLDOB{TypeOfDate: "EXACT", Year: "1971"}, DateOfBirth{From: Date{Year: 1971}}, true, "", "an exact year"},
		{unXMLDOB{TypeOfDate: "APPROXIMATELY", Year: "1958"}, DateOfBirth{From: Date{Year: 1958}, Approximate: true}, true, "", "an approximate year"},
		{unXMLDOB{TypeOfDate: "BETWEEN", FromYear: "1960", ToYear: "1962"}, DateOfBirth{From: Date{Year: 1960}, To: Date{Year: 1962}}, true, "", "a range of years"},
		{unXMLDOB{TypeOfDate: "BETWEEN", FromYear: "1960", ToYear: "1962", Note: "Approximately "}, DateOfBirth{From: Date{Year: 1960}, To: Date{Year: 1962}, Approximate: true}, true, "", "the note makes a range approximate"},
		{unXMLDOB{TypeOfDate: "EXACT", Year: "1975", Note: "Sep."}, DateOfBirth{From: Date{Year: 1975, Month: 9}}, true, "", "the month given in the note"},
		{unXMLDOB{TypeOfDate: "EXACT", Note: "August 1961"}, DateOfBirth{From: Date{Year: 1961, Month: 8}}, true, "", "a date given only in the note"},
		{unXMLDOB{TypeOfDate: "EXACT", Date: "1970-01-01", Note: "from false passport"}, DateOfBirth{From: Date{1970, 1, 1}}, true, "date of birth 1970-01-01: from false passport", "a note that is not a date is kept"},
		{unXMLDOB{TypeOfDate: "EXACT", Note: "24/06/1402 (Hijri Calendar)"}, DateOfBirth{}, false, "date of birth: 24/06/1402 (Hijri Calendar)", "a date that cannot be read is kept as a remark"},
		{unXMLDOB{}, DateOfBirth{}, false, "", "the empty element the UN emits"},
	}
	for _, tc := range tests {
		got, ok, remark, err := unXMLBirthDate(tc.in)
		if err != nil || ok != tc.ok || remark != tc.remark || (ok && got != tc.want) {
			t.Errorf("unXMLBirthDate(%+v) = %v, %v, %q, %v; want %v, %v, %q: %s", tc.in, got, ok, remark, err, tc.want, tc.ok, tc.remark, tc.reason)
		}
	}
}

func TestScriptOfName(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"RI WON HO", "", "Latin"},
		{"Müller", "", "Latin with diacritics"},
		{"리원호", "Hangul", "Korean"},
		{"Умаров Доку", "Cyrillic", "Russian"},
		{"أحمد سمير", "Arabic", "Arabic"},
		{"長安海連技術有限公司", "Han", "Chinese"},
		{"Jin Tiesan (金铁三)", "Han", "a Latin name with its Han original in brackets"},
		{"", "", "empty"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, ScriptOf(tc.in), "ScriptOf(%q): %s", tc.in, tc.reason)
	}
}

func TestParseUNXMLMalformed(t *testing.T) {
	fixture := string(xmlListTestdata(t, "un/consolidated.xml"))
	doc := func(individual string) string {
		return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL>` +
			individual + `</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`
	}
	const ok = `<FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER><LISTED_ON>2017-01-01</LISTED_ON>`
	tests := []struct {
		name    string
		input   string
		wantErr error
		field   string
		reason  string
	}{
		{"empty", "", ErrEmpty, "", "an empty file is not an empty list"},
		{"not xml", "Name,Reference\nX,KPi.999\n", ErrUnknown, "", "a CSV file is not the UN list"},
		{"truncated", fixture[:len(fixture)/2], ErrTruncated, "", "a download cut in the middle"},
		{"truncated before end", strings.TrimSuffix(strings.TrimSpace(fixture), "</CONSOLIDATED_LIST>"), ErrTruncated, "", "the root is never closed"},
		{"wrong root", ofacXMLDoc(ofacXMLNamespaceNew, ofacXMLTestPub, ofacXMLTestEntry), ErrUnknown, "", "OFAC's sdnList is not the UN list"},
		{"namespaced root", strings.Replace(doc(ok), "<CONSOLIDATED_LIST ", `<CONSOLIDATED_LIST xmlns="http://example.com/un" `, 1), ErrUnknown, "", "the UN list has no namespace"},
		{"no dateGenerated", strings.Replace(doc(ok), ` dateGenerated="2026-02-27T00:00:09.554Z"`, "", 1), ErrMissing, "dateGenerated", "the publish date is required"},
		{"bad dateGenerated", strings.Replace(doc(ok), "2026-02-27T00:00:09.554Z", "27/02/2026", 1), ErrDate, "dateGenerated", "dateGenerated is an RFC 3339 time"},
		{"no entries", `<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>`, ErrEmpty, "", "a list without entries fails closed"},
		{"missing reference number", doc(`<FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>`), ErrMissing, "REFERENCE_NUMBER", "every entry has a reference number"},
		{"duplicate reference number", strings.Replace(doc(ok), "</INDIVIDUAL>", "</INDIVIDUAL><INDIVIDUAL>"+ok+"</INDIVIDUAL>", 1), ErrMalformed, "REFERENCE_NUMBER", "reference numbers identify entries"},
		{"missing name", doc(`<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>`), ErrMissing, "FIRST_NAME", "an entry without a name cannot be screened"},
		{"missing list type", doc(`<FIRST_NAME>X</FIRST_NAME><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>`), ErrMissing, "UN_LIST_TYPE", "the regime is required"},
		{"bad listed on", doc(strings.Replace(ok, "2017-01-01", "2017-13-01", 1)), ErrDate, "LISTED_ON", "month 13"},
		{"bad date of birth", doc(ok + `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-02-30</DATE></INDIVIDUAL_DATE_OF_BIRTH>`),
			ErrDate, "INDIVIDUAL_DATE_OF_BIRTH[1]/DATE", "30 February does not exist"},
		{"bad year of birth", doc(ok + `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>64</YEAR></INDIVIDUAL_DATE_OF_BIRTH>`),
			ErrDate, "INDIVIDUAL_DATE_OF_BIRTH[1]/YEAR", "a year has four digits"},
		{"reversed range", doc(ok + `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1960</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>`),
			ErrDate, "INDIVIDUAL_DATE_OF_BIRTH[1]/TO_YEAR", "a range ends after it starts"},
		{"half range", doc(ok + `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR></INDIVIDUAL_DATE_OF_BIRTH>`),
			ErrMissing, "INDIVIDUAL_DATE_OF_BIRTH[1]/FROM_YEAR", "a range needs both years"},
		{"unknown type of date", doc(ok + `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>SOMETIME</TYPE_OF_DATE><YEAR>1970</YEAR></INDIVIDUAL_DATE_OF_BIRTH>`),
			ErrMalformed, "INDIVIDUAL_DATE_OF_BIRTH[1]/TYPE_OF_DATE", "only EXACT, APPROXIMATELY and BETWEEN exist"},
		{"bad alias date of birth", doc(ok + `<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Y</ALIAS_NAME><DATE_OF_BIRTH>13/04/1964</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>`),
			ErrDate, "INDIVIDUAL_ALIAS[1]/DATE_OF_BIRTH", "alias dates are xs:date"},
		{"unknown alias quality", doc(ok + `<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>Y</ALIAS_NAME></INDIVIDUAL_ALIAS>`),
			ErrMalformed, "INDIVIDUAL_ALIAS[1]/QUALITY", "an unknown quality must not pass as strong"},
		{"alias without name", doc(ok + `<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME/></INDIVIDUAL_ALIAS>`),
			ErrMissing, "INDIVIDUAL_ALIAS[1]/ALIAS_NAME", "a quality without a name is not the empty alias element"},
		{"bad date of issue", doc(ok + `<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>1</NUMBER><DATE_OF_ISSUE>2001-02-29</DATE_OF_ISSUE></INDIVIDUAL_DOCUMENT>`),
			ErrDate, "INDIVIDUAL_DOCUMENT[1]/DATE_OF_ISSUE", "2001 is not a leap year"},
		{"invalid UTF-8", doc(strings.Replace(ok, "<FIRST_NAME>X", "<FIRST_NAME>X\xc3\x28", 1)), ErrEncoding, "", "bytes that are not UTF-8"},
		{"latin-1 declared", strings.Replace(doc(ok), `encoding="UTF-8"`, `encoding="windows-1252"`, 1), ErrEncoding, "", "the UN publishes UTF-8 only"},
		{"content after root", doc(ok) + "<CONSOLIDATED_LIST/>", ErrMalformed, "", "a second root element"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseUNXML(File{Name: "consolidated.xml", R: strings.NewReader(tc.input)})
			checkParseError(t, l, err, "consolidated.xml", tc.field, tc.wantErr, tc.reason)
		})
	}
}

func TestParseUNXMLErrorPosition(t *testing.T) {
	// A bad date in the second entry of the fixture: the error names the
	// entry's line and reference number.
	b := bytes.Replace(xmlListTestdata(t, "un/consolidated.xml"), []byte("<FROM_YEAR>1960</FROM_YEAR>"), []byte("<FROM_YEAR>196O</FROM_YEAR>"), 1)
	_, err := ParseUNXML(File{Name: "consolidated.xml", R: bytes.NewReader(b)})
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 65, pe.Line, "the INDIVIDUAL start tag, element INDIVIDUAL[QDi.901], field INDIVIDUAL_DATE_OF_BIRTH[2]/FROM_YEAR, ErrDate")
	assert.Equal(t, "INDIVIDUAL[QDi.901]", pe.Element, "the INDIVIDUAL start tag, element INDIVIDUAL[QDi.901], field INDIVIDUAL_DATE_OF_BIRTH[2]/FROM_YEAR, ErrDate")
	assert.Equal(t, "INDIVIDUAL_DATE_OF_BIRTH[2]/FROM_YEAR", pe.Field, "the INDIVIDUAL start tag, element INDIVIDUAL[QDi.901], field INDIVIDUAL_DATE_OF_BIRTH[2]/FROM_YEAR, ErrDate")
	assert.ErrorIs(t, err, ErrDate, "the INDIVIDUAL start tag, element INDIVIDUAL[QDi.901], field INDIVIDUAL_DATE_OF_BIRTH[2]/FROM_YEAR, ErrDate")
}

func FuzzParseUNXML(f *testing.F) {
	f.Add(xmlListTestdata(f, "un/consolidated.xml"))
	f.Add([]byte(`<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseUNXML(File{Name: "consolidated.xml", R: bytes.NewReader(b)})
		if (l == nil) == (err == nil) {
			t.Fatalf("got list %v and error %v: want exactly one", l != nil, err)
		}
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		if len(l.Entities) == 0 || l.Published.IsZero() {
			t.Fatalf("a list without entities or publish date was returned")
		}
		for _, e := range l.Entities {
			require.NotEmpty(t, e.ID, "entity without ID, name or program: %+v", e)
			require.NotEmpty(t, e.Names, "entity without ID, name or program: %+v", e)
			require.NotEmpty(t, e.Names[0].Full, "entity without ID, name or program: %+v", e)
			require.NotEmpty(t, e.Programs, "entity without ID, name or program: %+v", e)
		}
	})
}

func BenchmarkParseUNXML(b *testing.B) {
	data, err := os.ReadFile(sharedList(b, "un/2026-02/consolidated.xml"))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseUNXML(File{Name: "consolidated.xml", R: bytes.NewReader(data)}); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleParseUNXML() {
	un := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME>PAK</FIRST_NAME>
      <SECOND_NAME>CHOL SU</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPi.901</REFERENCE_NUMBER>
      <LISTED_ON>2017-08-05</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>박철수</NAME_ORIGINAL_SCRIPT>
      <LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Mr. Pak</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>`
	l, err := ParseUNXML(File{Name: "consolidated.xml", R: strings.NewReader(un)})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entities[0]
	fmt.Println(l.Source, l.Published.Format(time.RFC3339))
	fmt.Println(e.ID, e.Type, e.PrimaryName(), e.Programs, "DPRK:", e.DPRK)
	for _, n := range e.Names[1:] {
		fmt.Printf("%s %s %s script %q\n", n.Full, n.Kind, n.Strength, n.Script)
	}
	fmt.Println("born", e.BirthDates[0], "listed", e.Listed)
	// Output:
	// un 2026-02-27T00:00:09Z
	// KPi.901 person PAK CHOL SU [DPRK UN List] DPRK: true
	// 박철수 primary strong script "Hangul"
	// Mr. Pak aka weak script ""
	// born 1960..1962 listed 2017-08-05
}
