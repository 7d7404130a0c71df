package lists

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	ofacAdvFixture = "testdata/ofac_advanced/sdn_advanced_min.xml"
	ofacAdvReal    = "ofac/2025-11-advanced/SDN_ADVANCED.XML.bz2"
	// ofacAdvRealSHA256 is the sha256 of the decompressed SDN_ADVANCED.XML
	// given in ../shared/lists/README.md.
	ofacAdvRealSHA256 = "36c517bd264d8d97eff353eadd8d84427d5eb293505a8ce07271a5bc258c3117"
)

func ofacAdvReadFixture(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(ofacAdvFixture)
	require.NoError(tb, err)
	return string(b)
}

func ofacAdvParseString(doc string) (*List, error) {
	return ParseOFACAdvanced(File{Name: "SDN_ADVANCED.XML", R: strings.NewReader(doc)})
}

// ofacAdvFixtureEntities is what the hand-written fixture holds, entity by
// entity, as the mapping documented on ParseOFACAdvanced gives it.
func ofacAdvFixtureEntities() []Entity {
	return []Entity{{
		Source: OFACSDN, ID: "90001", Type: Person,
		Names: []Name{
			// The primary alias first, its Latin name before its Korean one,
			// although the document lists the aka and the Korean name first.
			{Full: "HONG, Gil Dong", Kind: Primary, Parts: []NamePart{{PartFamily, "Hong"}, {PartGiven, "Gil"}, {PartMiddle, "Dong"}}},
			{Full: "홍길동", Kind: Primary, Script: "Korean", Parts: []NamePart{{PartFamily, "홍"}, {PartGiven, "길동"}}},
			// Parts in document order, Full as OFAC writes it.
			{Full: "HONG, Kil Tong", Kind: AKA, Parts: []NamePart{{PartGiven, "Kil Tong"}, {PartFamily, "Hong"}}},
			{Full: "Gildong", Kind: AKA, Strength: Weak},
			// Patronymic + Matronymic are the (Spanish) family names.
			{Full: "PEREZ GOMEZ, Juan", Kind: AKA, Parts: []NamePart{{PartPatronymic, "Perez"}, {PartGiven, "Juan"}, {PartFamily, "Gomez"}}},
		},
		BirthDates: []DateOfBirth{
			{From: Date{1980, 5, 12}},
			{From: Date{Year: 1979}, To: Date{Year: 1981}},
			{From: Date{Year: 1978}, Approximate: true},
			{From: Date{Year: 1982, Month: 3}, To: Date{Year: 1983, Month: 2}},
		},
		BirthPlaces:   []Place{{Text: "Pyongyang, Korea, North", Country: "KP"}},
		Nationalities: []string{"KP"},
		Citizenships:  []string{"CN"},
		Addresses:     []Address{{City: "Dandong", Region: "Liaoning", PostalCode: "118000", Country: "CN", CountryName: "China"}},
		Identifiers: []Identifier{
			{Type: IDPassport, Label: "Passport", Value: "836110034", Country: "KP", Note: "issued 2016-03-01; expires 2021-02-28; issued in Pyongyang, Korea, North"},
			{Type: IDEmail, Label: "Email Address", Value: "gil.dong@example.test"},
		},
		Crypto: []CryptoAddress{
			{Currency: "XBT", Address: "1ExampLeXbtAddre55xxxxxxxxxxxxxxxx"},
			{Currency: "USDT", Address: "TExampleUsdtAddressxxxxxxxxxxxxxxx"},
		},
		Programs: []string{"DPRK3", "CYBER2"},
		DPRK:     true,
		Gender:   "Male",
		Titles:   []string{"Deputy Director"},
		Remarks:  "Citizenship Country China: Alt. Citizenship; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210",
		Listed:   Date{2018, 9, 13},
	}, {
		Source: OFACSDN, ID: "90002", Type: Organization,
		Names: []Name{
			{Full: "EXAMPLE TRADE BANK", Kind: Primary},
			{Full: "First Example Bank", Kind: FKA},
			{Full: "ETB", Kind: AKA, Strength: Weak},
		},
		Addresses: []Address{
			{Street: "Example Street 1, Central District", City: "Pyongyang", Country: "KP", CountryName: "Korea, North"},
			// The non-primary (Korean) values of the location's parts.
			{Street: "Example Street 1, Central District", City: "평양", Country: "KP", CountryName: "Korea, North", Note: "Korean"},
		},
		Identifiers: []Identifier{
			{Type: IDRegistration, Label: "Registration Number", Value: "EX-0042", Country: "KP", Note: "issued by Example Registry; Registered with the Example Chamber; validity Fraudulent"},
			{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "EXTBKPPY"},
			{Type: IDWebsite, Label: "Website", Value: "www.example-bank.test", Note: "Defunct since 2020"},
		},
		// Programs over both entries (SDN List and SSI); Listed from the SDN List entry.
		Programs: []string{"DPRK3", "UKRAINE-EO13662"},
		DPRK:     true,
		Remarks:  "all offices worldwide; Organization Established Date 1995",
		Listed:   Date{2013, 3, 11},
	}, {
		Source: OFACSDN, ID: "90003", Type: Vessel,
		Names: []Name{
			{Full: "OCEAN EXAMPLE", Kind: Primary},
			{Full: "SEA SAMPLE", Kind: FKA},
		},
		Identifiers: []Identifier{
			{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 9999991"},
			{Type: IDOther, Label: "Vessel Call Sign", Value: "HMXX2"}, // the second call sign
		},
		Programs: []string{"DPRK4"},
		DPRK:     true,
		Remarks:  "Former Vessel Flag Panama; Linked To: EXAMPLE TRADE BANK (Owned or Controlled By)",
		Listed:   Date{2017, 10, 16},
		Vessel:   &VesselInfo{CallSign: "HMXX1", Type: "Crude Oil Tanker", Tonnage: "5,000", GRT: "3,000", Flag: "Korea, North", Owner: "Example Shipping Co"},
	}}
}

// ofacAdvDiff reports the first differing entity as JSON.
func ofacAdvDiff(t *testing.T, got, want []Entity) {
	t.Helper()
	assert.Len(t, got, len(want))
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.MarshalIndent(got[i], "", "  ")
			w, _ := json.MarshalIndent(want[i], "", "  ")
			t.Errorf("entity %d differs:\ngot  %s\nwant %s", i, g, w)
		}
	}
}

func TestParseOFACAdvancedFixture(t *testing.T) {
	doc := ofacAdvReadFixture(t)
	l, err := ofacAdvParseString(doc)
	require.NoError(t, err)
	if l.Source != OFACSDN || l.Format != FormatOFACAdvanced || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("list = %v %v %q files %v, want ofac_sdn ofac_advanced_xml content nil", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	if want := time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", l.Published, want)
	}
	ofacAdvDiff(t, l.Entities, ofacAdvFixtureEntities())
}

// TestParseOFACAdvancedVariants checks behaviour that depends on the
// document's content rather than on fixed IDs or names.
func TestParseOFACAdvancedVariants(t *testing.T) {
	doc := ofacAdvReadFixture(t)
	tests := []struct {
		name   string
		reason string
		edit   func(string) string
		check  func(t *testing.T, l *List)
	}{{
		name:   "renumbered reference values",
		reason: "IDs are read from the ReferenceValueSets, never hard-coded: renumbering Birthdate, Gender, SWIFT/BIC and the SDN List changes nothing",
		edit: strings.NewReplacer(
			`FeatureType ID="8" `, `FeatureType ID="7008" `, `FeatureTypeID="8"`, `FeatureTypeID="7008"`,
			`FeatureType ID="224" `, `FeatureType ID="7224" `, `FeatureTypeID="224"`, `FeatureTypeID="7224"`,
			`FeatureType ID="13" `, `FeatureType ID="7013" `, `FeatureTypeID="13"`, `FeatureTypeID="7013"`,
			`List ID="1550"`, `List ID="7550"`, `ListID="1550"`, `ListID="7550"`,
			`NamePartType ID="1520"`, `NamePartType ID="7520"`, `NamePartTypeID="1520"`, `NamePartTypeID="7520"`,
		).Replace,
		check: func(t *testing.T, l *List) { ofacAdvDiff(t, l.Entities, ofacAdvFixtureEntities()) },
	}, {
		name:   "consolidated (non-SDN) document",
		reason: "a document whose sanctions entries are all on non-SDN lists is CONS_ADVANCED.XML: Source OFACNonSDN, Listed from its own entries",
		edit:   func(s string) string { return strings.ReplaceAll(s, `ListID="1550"`, `ListID="91507"`) },
		check: func(t *testing.T, l *List) {
			assert.Equal(t, OFACNonSDN, l.Source)
			for _, e := range l.Entities {
				if e.Source != OFACNonSDN {
					t.Errorf("entity %s Source = %v", e.ID, e.Source)
				}
			}
			if got := l.Entities[1].Listed; got != (Date{2010, 1, 15}) {
				t.Errorf("bank Listed = %v, want its earliest entry 2010-01-15", got)
			}
		},
	}, {
		name:   "no sanctions entries",
		reason: "parties without entries are kept, with no programs; an SDN_ADVANCED document is the default",
		edit: func(s string) string {
			i, j := strings.Index(s, "<SanctionsEntries>"), strings.Index(s, "</SanctionsEntries>")
			return s[:i] + "<SanctionsEntries />" + s[j+len("</SanctionsEntries>"):]
		},
		check: func(t *testing.T, l *List) {
			require.Equal(t, OFACSDN, l.Source)
			require.Len(t, l.Entities, 3)
			for _, e := range l.Entities {
				// DPRK may still be set: the remarks cite the North Korea
				// Sanctions Regulations.
				if len(e.Programs) != 0 || !e.Listed.IsZero() {
					t.Errorf("entity %s: programs %v DPRK %v listed %v", e.ID, e.Programs, e.DPRK, e.Listed)
				}
			}
		},
	}, {
		name:   "legacy namespace",
		reason: "SDN_ADVANCED.XML before 2023 used the UN namespace; elements are matched by local name",
		edit: func(s string) string {
			return strings.Replace(s, `xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"`, `xmlns="http://www.un.org/sanctions/1.0"`, 1)
		},
		check: func(t *testing.T, l *List) { ofacAdvDiff(t, l.Entities, ofacAdvFixtureEntities()) },
	}, {
		name:   "day range",
		reason: "a DatePeriod that is neither one day, whole years nor whole months is a range of days",
		edit: func(s string) string {
			return strings.Replace(s, "<Year>1983</Year>\n                  <Month>2</Month>\n                  <Day>28</Day>", "<Year>1983</Year>\n                  <Month>2</Month>\n                  <Day>27</Day>", 1)
		},
		check: func(t *testing.T, l *List) {
			want := DateOfBirth{From: Date{1982, 3, 1}, To: Date{1983, 2, 27}}
			assert.Equal(t, want, l.Entities[0].BirthDates[3])
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edited := tt.edit(doc)
			require.NotEqual(t, doc, edited, "edit changed nothing")
			l, err := ofacAdvParseString(edited)
			require.NoError(t, err, "%s", tt.reason)
			tt.check(t, l)
		})
	}
}

func TestParseOFACAdvancedErrors(t *testing.T) {
	doc := ofacAdvReadFixture(t)
	cut := func(marker string) string { // the document up to the end of marker
		i := strings.Index(doc, marker)
		if i < 0 {
			t.Fatalf("marker %q not in fixture", marker)
		}
		return doc[:i+len(marker)]
	}
	replace := func(old, new string) string {
		require.Contains(t, doc, old)
		return strings.Replace(doc, old, new, 1)
	}
	tests := []struct {
		name    string
		reason  string
		doc     string
		want    error
		element string // substring of ParseError.Element
		field   string
	}{{
		name:    "truncated inside a party",
		reason:  "a download cut short inside a DistinctParty names that party",
		doc:     cut(`<NamePartValue NamePartGroupID="80021" ScriptID="215"`),
		want:    ErrTruncated,
		element: "DistinctParty[FixedRef=90002]",
	}, {
		name:    "truncated between parties",
		reason:  "a document cut between two parties is still truncated",
		doc:     cut("    </DistinctParty>\n"),
		want:    ErrTruncated,
		element: "DistinctParties",
	}, {
		name:    "truncated in the sanctions entries",
		reason:  "the programs come last: losing them must not pass silently",
		doc:     cut(`<SanctionsEntry ID="90003" ProfileID="90003" ListID="1550">`),
		want:    ErrTruncated,
		element: "SanctionsEntry[ID=90003]",
	}, {
		name:    "truncated after the last entry",
		reason:  "even with every party and entry read, a missing </Sanctions> is truncation",
		doc:     cut("</SanctionsEntries>"),
		want:    ErrTruncated,
		element: "Sanctions",
	}, {
		name:   "empty",
		reason: "an empty file is not an empty list",
		doc:    "",
		want:   ErrEmpty,
	}, {
		name:    "no parties",
		reason:  "a document without any DistinctParty is refused, never an empty list",
		doc:     doc[:strings.Index(doc, "<DistinctParties>")] + "<DistinctParties />\n</Sanctions>",
		want:    ErrEmpty,
		element: "DistinctParties",
	}, {
		name:    "unknown feature type",
		reason:  "a feature referencing a FeatureTypeID not in FeatureTypeValues cannot be mapped",
		doc:     replace(`<Feature ID="100021" FeatureTypeID="13">`, `<Feature ID="100021" FeatureTypeID="99999">`),
		want:    ErrMalformed,
		element: "DistinctParty[FixedRef=90002]/Profile[ID=90002]/Feature[ID=100021]",
		field:   "FeatureTypeID",
	}, {
		name:    "bad birth month",
		reason:  "month 13 is not a date",
		doc:     replace("<Year>1980</Year>\n                  <Month>5</Month>", "<Year>1980</Year>\n                  <Month>13</Month>"),
		want:    ErrDate,
		element: "Feature[ID=100002]",
		field:   "FeatureVersion/DatePeriod",
	}, {
		name:    "non-numeric year",
		reason:  "a year must be digits",
		doc:     replace("<Year>1979</Year>", "<Year>19x9</Year>"),
		want:    ErrDate,
		element: "Feature[ID=100003]",
		field:   "FeatureVersion/DatePeriod",
	}, {
		name:    "period ends before it starts",
		reason:  "a DatePeriod whose End precedes its Start is not a date range",
		doc:     replace("<Year>1981</Year>\n                  <Month>12</Month>", "<Year>1971</Year>\n                  <Month>12</Month>"),
		want:    ErrDate,
		element: "Feature[ID=100003]",
		field:   "FeatureVersion/DatePeriod",
	}, {
		name:    "bad document date",
		reason:  "31 Feb does not exist",
		doc:     replace("<Year>2021</Year>\n              <Month>2</Month>\n              <Day>28</Day>", "<Year>2021</Year>\n              <Month>2</Month>\n              <Day>31</Day>"),
		want:    ErrDate,
		element: "IDRegDocument[ID=701]",
		field:   "DocumentDate/DatePeriod",
	}, {
		name:    "bad date of issue",
		reason:  "the publication date must be a date",
		doc:     replace("<Month>11</Month>", "<Month>0</Month>"),
		want:    ErrDate,
		element: "DateOfIssue",
	}, {
		name:    "bad listing date",
		reason:  "an EntryEvent date must be a date",
		doc:     replace("<Year>2018</Year>", "<Year>18</Year>"),
		want:    ErrDate,
		element: "SanctionsEntry[ID=90001]",
		field:   "EntryEvent/Date",
	}, {
		name:    "no date of issue",
		reason:  "Published comes from the content and must be there",
		doc:     doc[:strings.Index(doc, "<DateOfIssue")] + doc[strings.Index(doc, "</DateOfIssue>")+len("</DateOfIssue>"):],
		want:    ErrMissing,
		element: "DateOfIssue",
	}, {
		name:    "unknown location",
		reason:  "a feature pointing at a Location the document lacks is malformed",
		doc:     replace(`<VersionLocation LocationID="502" />`, `<VersionLocation LocationID="999" />`),
		want:    ErrMalformed,
		element: "Feature[ID=100014]",
		field:   "VersionLocation",
	}, {
		name:    "entry for an unknown profile",
		reason:  "programs must attach to a party",
		doc:     replace(`ProfileID="90003" ListID="1550"`, `ProfileID="12345" ListID="1550"`),
		want:    ErrMalformed,
		element: "SanctionsEntry[ID=90003]",
		field:   "ProfileID",
	}, {
		name:    "document of no party",
		reason:  "an identity document whose IdentityID belongs to no party would be lost",
		doc:     replace(`IdentityID="60003" ValidityID="1"`, `IdentityID="61111" ValidityID="1"`),
		want:    ErrMalformed,
		element: "IDRegDocuments",
		field:   "IdentityID",
	}, {
		name:    "program without a name",
		reason:  "a Program measure must say which program",
		doc:     replace("<Comment>DPRK4</Comment>", "<Comment />"),
		want:    ErrMissing,
		element: "SanctionsEntry[ID=90003]",
		field:   "SanctionsMeasure/Comment",
	}, {
		name:   "unknown alias type",
		reason: "AliasTypeID must be defined",
		doc: replace(`AliasTypeID="1401" Primary="false" LowQuality="false">
            <DocumentedName ID="70021"`, `AliasTypeID="4242" Primary="false" LowQuality="false">
            <DocumentedName ID="70021"`),
		want:    ErrMalformed,
		element: "DistinctParty[FixedRef=90003]",
		field:   "AliasTypeID",
	}, {
		name:    "duplicate party",
		reason:  "two parties with one FixedRef would give two entities with one ID",
		doc:     replace(`<DistinctParty FixedRef="90003">`, `<DistinctParty FixedRef="90002">`),
		want:    ErrMalformed,
		field:   "FixedRef",
		element: "DistinctParty[FixedRef=90002]",
	}, {
		name:    "sections out of order",
		reason:  "the schema puts Locations before the parties that reference them",
		doc:     replace("<Locations>", "<DistinctParties />\n  <Locations>"),
		want:    ErrMalformed,
		element: "Locations",
	}, {
		name:   "invalid UTF-8",
		reason: "bytes that are not UTF-8 in a UTF-8 document are an encoding error",
		doc:    replace("EXAMPLE TRADE BANK</NamePartValue>", "EXAMPLE TRADE \xff BANK</NamePartValue>"),
		want:   ErrEncoding,
	}, {
		name:   "undeclared encoding",
		reason: "a document in another encoding is refused as an encoding error",
		doc:    replace(`encoding="utf-8"`, `encoding="windows-1252"`),
		want:   ErrEncoding,
	}, {
		name:    "other XML",
		reason:  "a document whose root is not Sanctions is not this format",
		doc:     `<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>`,
		want:    ErrUnknown,
		element: "sdnList",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ofacAdvParseString(tt.doc)
			if err == nil {
				t.Fatalf("no error, %d entities (%s)", len(l.Entities), tt.reason)
			}
			if l != nil {
				t.Errorf("got a list with the error")
			}
			assert.ErrorIs(t, err, tt.want, "%s", tt.reason)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "SDN_ADVANCED.XML", pe.File)
			assert.Contains(t, pe.Element, tt.element, "%v", err)
			assert.Equal(t, tt.field, pe.Field, "%v", err)
			if tt.doc != "" && pe.Line <= 0 {
				t.Errorf("Line = %d, want a line number (%v)", pe.Line, err)
			}
		})
	}
}

func TestOFACAdvPeriod(t *testing.T) {
	ymd := func(y, m, d string) *ofacAdvYMD { return &ofacAdvYMD{Year: y, Month: m, Day: d} }
	bound := func(from, to *ofacAdvYMD) *ofacAdvDateBound { return &ofacAdvDateBound{From: from, To: to} }
	tests := []struct {
		name   string
		reason string
		dp     ofacAdvDatePeriod
		want   DateOfBirth
		err    error
	}{
		{"day", "equal bounds are one day",
			ofacAdvDatePeriod{bound(ymd("1970", "2", "5"), ymd("1970", "2", "5")), bound(ymd("1970", "2", "5"), ymd("1970", "2", "5"))},
			DateOfBirth{From: Date{1970, 2, 5}}, nil},
		{"year", "1 Jan to 31 Dec of one year is that year",
			ofacAdvDatePeriod{bound(ymd("1946", "1", "1"), ymd("1946", "1", "1")), bound(ymd("1946", "12", "31"), ymd("1946", "12", "31"))},
			DateOfBirth{From: Date{Year: 1946}}, nil},
		{"years", "a start within one year and an end within a later one is a range of years",
			ofacAdvDatePeriod{bound(ymd("1955", "1", "1"), ymd("1955", "12", "31")), bound(ymd("1957", "1", "1"), ymd("1957", "12", "31"))},
			DateOfBirth{From: Date{Year: 1955}, To: Date{Year: 1957}}, nil},
		{"month", "the first to the last day of one month is that month",
			ofacAdvDatePeriod{bound(ymd("1938", "9", "1"), ymd("1938", "9", "1")), bound(ymd("1938", "9", "30"), ymd("1938", "9", "30"))},
			DateOfBirth{From: Date{Year: 1938, Month: 9}}, nil},
		{"leap February", "29 Feb is the last day of February 1960",
			ofacAdvDatePeriod{bound(ymd("1960", "2", "1"), ymd("1960", "2", "1")), bound(ymd("1960", "2", "29"), ymd("1960", "2", "29"))},
			DateOfBirth{From: Date{Year: 1960, Month: 2}}, nil},
		{"start only", "an absent End takes the Start's bounds",
			ofacAdvDatePeriod{Start: bound(ymd("2001", "6", "1"), ymd("2001", "6", "1"))},
			DateOfBirth{From: Date{2001, 6, 1}}, nil},
		{"year only", "a date given only to the year is that year",
			ofacAdvDatePeriod{Start: bound(ymd("1977", "", ""), nil)},
			DateOfBirth{From: Date{Year: 1977}}, nil},
		{"approximate", "an approximate bound makes the date approximate",
			ofacAdvDatePeriod{&ofacAdvDateBound{Approximate: "true", From: ymd("1951", "1", "1")}, bound(ymd("1951", "12", "31"), nil)},
			DateOfBirth{From: Date{Year: 1951}, Approximate: true}, nil},
		{"empty", "a DatePeriod with no dates is an error", ofacAdvDatePeriod{}, DateOfBirth{}, ErrDate},
		{"day without month", "a Day without a Month is not a date",
			ofacAdvDatePeriod{Start: bound(ymd("1977", "", "3"), nil)}, DateOfBirth{}, ErrDate},
		{"huge year", "more than four digits is not a year",
			ofacAdvDatePeriod{Start: bound(ymd("19770", "1", "1"), nil)}, DateOfBirth{}, ErrDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ofacAdvPeriod(&tt.dp)
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("error %v, want %v (%s)", err, tt.err, tt.reason)
			}
			assert.Equal(t, tt.want, got, "%s", tt.reason)
		})
	}
}

func FuzzParseOFACAdvanced(f *testing.F) {
	doc := ofacAdvReadFixture(f)
	f.Add(doc)
	f.Add(doc[:len(doc)/2])
	f.Add(strings.ReplaceAll(doc, `ListID="1550"`, `ListID="91507"`))
	f.Add(`<Sanctions><DateOfIssue><Year>2025</Year><Month>1</Month><Day>1</Day></DateOfIssue></Sanctions>`)
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ofacAdvParseString(s)
		if (l == nil) == (err == nil) {
			t.Fatalf("list %v and error %v: want exactly one", l != nil, err)
		}
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		if len(l.Entities) == 0 || l.Published.IsZero() {
			t.Fatalf("a list without entities or publish date")
		}
		for _, e := range l.Entities {
			require.NotEmpty(t, e.ID)
			require.NotEmpty(t, e.Names)
			require.Equal(t, Primary, e.Names[0].Kind)
			require.NotEmpty(t, e.Names[0].Full)
		}
	})
}

func ExampleParseOFACAdvanced() {
	f, err := os.Open("testdata/ofac_advanced/sdn_advanced_min.xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	l, err := ParseOFACAdvanced(File{Name: "SDN_ADVANCED.XML", R: f})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Source, l.Format, l.Published.Format("2006-01-02"))
	for _, e := range l.Entities {
		fmt.Println(e.ID, e.Type, e.PrimaryName(), e.Programs, e.DPRK)
	}
	// Output:
	// ofac_sdn ofac_advanced_xml 2025-11-19
	// 90001 person HONG, Gil Dong [DPRK3 CYBER2] true
	// 90002 organization EXAMPLE TRADE BANK [DPRK3 UKRAINE-EO13662] true
	// 90003 vessel OCEAN EXAMPLE [DPRK4] true
}

// ---- the real file ----

// ofacAdvOpenReal streams the shared SDN_ADVANCED.XML.bz2, decompressed
// in a goroutine (so that decompression overlaps parsing), and returns a
// function giving the sha256 of the decompressed bytes once they are read.
func ofacAdvOpenReal(tb testing.TB) (File, func() string) {
	tb.Helper()
	f := openShared(tb, ofacAdvReal)
	pr, pw := io.Pipe()
	h := sha256.New()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, err := io.Copy(io.MultiWriter(pw, h), bzip2.NewReader(bufio.NewReaderSize(f.R, 1<<16)))
		pw.CloseWithError(err)
	}()
	tb.Cleanup(func() { pr.Close(); <-done })
	sum := func() string {
		io.Copy(io.Discard, pr) // anything after </Sanctions>
		<-done
		return hex.EncodeToString(h.Sum(nil))
	}
	return File{Name: "SDN_ADVANCED.XML", R: pr}, sum
}

// TestParseOFACAdvancedReal parses the real SDN_ADVANCED.XML of 2025-11-19
// once and checks it in subtests.
func TestParseOFACAdvancedReal(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a 120 MB file")
	}
	f, sum := ofacAdvOpenReal(t)
	start := time.Now()
	l, err := ParseOFACAdvanced(f)
	require.NoError(t, err)
	t.Logf("parsed %d entities in %v (decompressing alongside)", len(l.Entities), time.Since(start))
	require.Equal(t, ofacAdvRealSHA256, sum())
	byID := make(map[string]*Entity, len(l.Entities))
	for i := range l.Entities {
		byID[l.Entities[i].ID] = &l.Entities[i]
	}

	t.Run("list", func(t *testing.T) {
		assert.Equal(t, OFACSDN, l.Source)
		assert.Equal(t, FormatOFACAdvanced, l.Format)
		assert.Equal(t, PublishedFromContent, l.PublishedFrom)
		if want := time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) {
			t.Errorf("Published = %v, want %v", l.Published, want)
		}
		assert.Len(t, byID, len(l.Entities))
	})

	t.Run("counts", func(t *testing.T) {
		c := l.Counts()
		// Counted in the file: 18,367 DistinctParty elements; PartySubType
		// Individual 7,303, Entity 9,359, Vessel 1,370, Aircraft 335;
		// 42,777 Alias elements with 48,482 DocumentedNames, of which
		// 4,454 LowQuality; 21,078 IDRegDocuments + 2,376 identifier
		// features; the Digital Currency Address features by tag.
		want := Counts{
			Entities:      18367,
			ByType:        map[EntityType]int{Person: 7303, Organization: 9359, Vessel: 1370, Aircraft: 335},
			StrongAliases: 21330,
			WeakAliases:   4454,
			DPRK:          668, // 538 under a DPRK program + 130 under the North Korea Sanctions Regulations (as the CSV)
			Identifiers:   23454,
			Crypto: map[string]int{"ARB": 1, "BCH": 7, "BNB": 1, "BSC": 1, "BSV": 1, "BTG": 1, "DASH": 3, "ETC": 1,
				"ETH": 77, "LTC": 11, "SOL": 1, "TRX": 29, "USDC": 2, "USDT": 93, "XBT": 519, "XMR": 8, "XRP": 1, "XVG": 1, "ZEC": 3},
		}
		assert.Equal(t, want, c, "counts")
		var names, primaries, scripts, dobs, pobs, nats, cits, titles, genders, vessels, addrs int
		for i := range l.Entities {
			e := &l.Entities[i]
			names += len(e.Names)
			for _, n := range e.Names {
				if n.Kind == Primary {
					primaries++
				}
				if n.Script != "" {
					scripts++
				}
			}
			dobs += len(e.BirthDates)
			pobs += len(e.BirthPlaces)
			nats += len(e.Nationalities)
			cits += len(e.Citizenships)
			titles += len(e.Titles)
			addrs += len(e.Addresses)
			if e.Gender != "" {
				genders++
			}
			if e.Vessel != nil {
				vessels++
			}
			assert.NotEmpty(t, e.ID, "no ID or no Latin primary name first")
			assert.NotEmpty(t, e.Names, "no ID or no Latin primary name first")
			assert.Equal(t, Primary, e.Names[0].Kind, "no ID or no Latin primary name first")
			assert.Empty(t, e.Names[0].Script, "no ID or no Latin primary name first")
			if len(e.Programs) == 0 || e.Listed.IsZero() {
				t.Errorf("entity %s: programs %v listed %v", e.ID, e.Programs, e.Listed)
			}
		}
		got := []int{names, primaries, scripts, dobs, pobs, nats, cits, titles, genders, vessels, addrs}
		// Counted in the file: every one of the 48,482 DocumentedNames is a
		// name, 22,698 of them in primary aliases and 5,530 in non-Latin
		// scripts; 7,984 Birthdate, 4,862 Place of Birth, 1,216 Title and
		// 5,127 Gender features; 1,367 parties with vessel features; 22,074
		// Location features, 215 of them with other-script renderings.
		wantAll := []int{48482, 22698, 5530, 7984, 4862, 5522, 1172, 1216, 5127, 1367, 22074 + 215}
		assert.Equal(t, wantAll, got, "names, primaries, non-Latin names, DOBs, POBs, nationalities, citizenships, titles, genders, vessels, addresses")
	})

	t.Run("entities", func(t *testing.T) {
		dprkRemarks := "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; " +
			"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214"
		want := []Entity{{
			// A DPRK individual with a Korean-script name and a passport.
			Source: OFACSDN, ID: "24979", Type: Person,
			Names: []Name{
				{Full: "JONG, Song Hwa", Kind: Primary, Parts: []NamePart{{PartFamily, "Jong"}, {PartGiven, "Song Hwa"}}},
				{Full: "정성화", Kind: Primary, Script: "Korean", Parts: []NamePart{{PartFamily, "정"}, {PartGiven, "성화"}}},
			},
			BirthDates:    []DateOfBirth{{From: Date{1970, 2, 5}}},
			Nationalities: []string{"KP"},
			Identifiers:   []Identifier{{Type: IDPassport, Label: "Passport", Value: "927220230", Country: "KP", Note: "issued 2017-05-11; expires 2022-05-11"}},
			Programs:      []string{"DPRK4"},
			DPRK:          true,
			Gender:        "Male",
			Remarks:       dprkRemarks,
			Listed:        Date{2018, 9, 13},
		}, {
			// A DPRK bank with a SWIFT/BIC.
			Source: OFACSDN, ID: "15603", Type: Organization,
			Names: []Name{
				{Full: "FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", Kind: Primary},
				{Full: "NORTH KOREA'S FOREIGN TRADE BANK", Kind: AKA},
				{Full: "Mooyokbank", Kind: AKA},
				{Full: "Korea Trade Bank", Kind: AKA},
			},
			Addresses:   []Address{{Street: "FTB Building, Jungsong-dong, Central District", City: "Pyongyang", Country: "KP", CountryName: "Korea, North"}},
			Identifiers: []Identifier{{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "FTBDKPPY"}},
			Programs:    []string{"DPRK3", "NPWMD"},
			DPRK:        true,
			Remarks:     dprkRemarks,
			Listed:      Date{2013, 3, 11},
		}, {
			// A DPRK vessel.
			Source: OFACSDN, ID: "17069", Type: Vessel,
			Names:       []Name{{Full: "Chong Chon Gang", Kind: Primary}},
			Identifiers: []Identifier{{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 7937317"}},
			Programs:    []string{"DPRK"},
			DPRK:        true,
			Remarks:     dprkRemarks,
			Listed:      Date{2014, 7, 30},
			Vessel:      &VesselInfo{Type: "General Cargo", Flag: "Democratic People's Republic of Korea"},
		}, {
			// A vessel with call sign, owner and GRT.
			Source: OFACSDN, ID: "4238", Type: Vessel,
			Names:     []Name{{Full: "MAR AZUL", Kind: Primary}},
			Addresses: []Address{{CountryName: "undetermined"}},
			Programs:  []string{"CUBA"},
			Listed:    Date{1989, 1, 5},
			Vessel:    &VesselInfo{CallSign: "CL2192", Type: "Tug", GRT: "212", Flag: "Cuba", Owner: "Samir de Navegacion S.A."},
		}}
		for _, w := range want {
			e := byID[w.ID]
			if e == nil {
				t.Errorf("entity %s missing", w.ID)
				continue
			}
			ofacAdvDiff(t, []Entity{*e}, []Entity{w})
		}
		// A DPRK-linked cyber actor with eight XBT addresses, a Chinese
		// name, a national ID and a relationship.
		e := byID["28263"]
		if e == nil {
			t.Fatal("entity 28263 missing")
		}
		if e.Names[0].Full != "TIAN, Yinyin" || e.Names[1].Full != "田寅寅" || e.Names[1].Script != "Chinese Simplified" ||
			len(e.Crypto) != 8 || e.Crypto[0] != (CryptoAddress{"XBT", "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak"}) ||
			!reflect.DeepEqual(e.Programs, []string{"CYBER2", "DPRK3"}) || !e.DPRK ||
			!strings.HasSuffix(e.Remarks, "; Linked To: Lazarus Group (Providing support to)") {
			g, _ := json.Marshal(e)
			t.Errorf("entity 28263: %s", g)
		}
	})

	t.Run("dprk crypto", func(t *testing.T) {
		rows := ofacAdvDPRKCrypto(t)
		found, absent := 0, 0
		for _, r := range rows {
			e := byID[r.uid]
			if e == nil {
				absent++ // delisted or not yet listed in this snapshot
				continue
			}
			ok := false
			for _, a := range e.Crypto {
				ok = ok || a == (CryptoAddress{Currency: r.tag, Address: r.address})
			}
			assert.True(t, ok, "entity %s lacks %s address %s", r.uid, r.tag, r.address)
			found++
		}
		t.Logf("%d of %d DPRK crypto addresses found on their entities; %d rows name entities not in this snapshot", found, len(rows), absent)
		if len(rows) != 118 || found < 100 {
			t.Errorf("%d rows, %d found", len(rows), found)
		}
	})

	t.Run("against sdn.csv", func(t *testing.T) {
		// The CSV of 2025-12 is a month later, so a few entries differ.
		rows := ofacAdvSDNCSV(t)
		fold := func(s string) string {
			return strings.ToUpper(strings.ReplaceAll(foldAccents(s), `"`, "'"))
		}
		var both, names, types, programs int
		csvType := map[string]EntityType{"individual": Person, "vessel": Vessel, "aircraft": Aircraft, "": Organization}
		for _, r := range rows {
			e := byID[r[0]]
			if e == nil {
				continue
			}
			both++
			if fold(e.PrimaryName()) == fold(r[1]) {
				names++
			}
			if csvType[strings.TrimSpace(strings.TrimPrefix(r[2], "-0-"))] == e.Type {
				types++
			}
			p := strings.Split(r[3], "] [")
			if ofacAdvSameSet(p, e.Programs) {
				programs++
			}
		}
		t.Logf("%d entries in both; primary names equal %d, types %d, programs %d", both, names, types, programs)
		if both < 18000 || names < both*995/1000 || types < both*999/1000 || programs < both*998/1000 {
			t.Errorf("%d entries in both; primary names equal %d, types %d, programs %d", both, names, types, programs)
		}
	})
}

func ofacAdvSameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !containsString(b, x) {
			return false
		}
	}
	return true
}

type ofacAdvCryptoRow struct{ tag, address, uid string }

// ofacAdvDPRKCrypto reads ../shared/dprk/ofac_dprk_crypto_addresses.csv.
func ofacAdvDPRKCrypto(tb testing.TB) []ofacAdvCryptoRow {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "dprk", "ofac_dprk_crypto_addresses.csv")
	f, err := os.Open(p)
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s is required in CI: %v", p, err)
		}
		tb.Skipf("%s not present: %v", p, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(tb, err)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var rows []ofacAdvCryptoRow
	for _, r := range recs[1:] {
		rows = append(rows, ofacAdvCryptoRow{tag: r[col["ofac_tag"]], address: r[col["address_as_published"]], uid: r[col["sdn_uid"]]})
	}
	return rows
}

// ofacAdvSDNCSV reads the legacy sdn.csv of 2025-12 (ent_num, name, type,
// programs, ...).
func ofacAdvSDNCSV(tb testing.TB) [][]string {
	tb.Helper()
	f := openShared(tb, "ofac/2025-12/sdn.csv")
	r := csv.NewReader(f.R)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil && len(rec) >= 4 { // not the 0x1A end-of-file byte
			rows = append(rows, rec)
		}
	}
	return rows
}

// BenchmarkParseOFACAdvanced parses the real SDN_ADVANCED.XML from its
// bzip2-compressed bytes in memory: decompression included.
func BenchmarkParseOFACAdvanced(b *testing.B) {
	bz, err := os.ReadFile(sharedList(b, ofacAdvReal))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		l, err := ParseOFACAdvanced(File{Name: "SDN_ADVANCED.XML", R: bzip2.NewReader(bytes.NewReader(bz))})
		if err != nil || len(l.Entities) != 18367 {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseOFACAdvancedXML parses the real SDN_ADVANCED.XML from its
// decompressed bytes in memory, and reports the heap the list retains.
func BenchmarkParseOFACAdvancedXML(b *testing.B) {
	bz, err := os.ReadFile(sharedList(b, ofacAdvReal))
	require.NoError(b, err)
	xmlBytes, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(bz)))
	require.NoError(b, err)
	b.SetBytes(int64(len(xmlBytes)))
	b.ReportAllocs()
	var l *List
	for b.Loop() {
		l, err = ParseOFACAdvanced(File{Name: "SDN_ADVANCED.XML", R: bytes.NewReader(xmlBytes)})
		if err != nil || len(l.Entities) != 18367 {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var with, without runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(l)
	l = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	b.ReportMetric(float64(with.HeapAlloc-without.HeapAlloc)/(1<<20), "list-MB")
	runtime.KeepAlive(xmlBytes)
}
