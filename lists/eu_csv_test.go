package lists

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const euRealCSV = "eu/2024-01/eu_csl.csv"

// euCSVScan holds figures of the real CSV found by a plain scan of its rows,
// independently of the parser.
type euCSVScan struct {
	entities, persons, orgs, dprk  int
	nameRows, weakRows, formerRows int
	idCodes                        map[string]int // Identification_TypeCode -> rows
	contacts                       map[string]int // Address_ContactInfo key -> entries
	firstID, lastID                string
	contiguous                     bool
}

func euScanCSV(t *testing.T, path string) euCSVScan {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	s := euCSVScan{idCodes: map[string]int{}, contacts: map[string]int{}, contiguous: true}
	seen := map[string]bool{}
	dprk := map[string]bool{}
	prev := ""
	for _, row := range rows[1:] {
		id := row[col["Entity_LogicalId"]]
		if id != prev && seen[id] {
			s.contiguous = false
		}
		if !seen[id] {
			seen[id] = true
			s.entities++
			if s.firstID == "" {
				s.firstID = id
			}
			s.lastID = id
			switch row[col["Entity_SubjectType"]] {
			case "P":
				s.persons++
			case "E":
				s.orgs++
			}
		}
		prev = id
		if row[col["Entity_Regulation_Programme"]] == "PRK" && !dprk[id] {
			dprk[id] = true
			s.dprk++
		}
		if row[col["NameAlias_LogicalId"]] != "" {
			s.nameRows++
			rem := strings.ToLower(row[col["NameAlias_Remark"]])
			if strings.Contains(rem, "low quality") || strings.Contains(rem, "lo quality") {
				s.weakRows++
			}
			if strings.HasPrefix(strings.TrimLeft(rem, "("), "formerly known as") {
				s.formerRows++
			}
		}
		if code := row[col["Identification_TypeCode"]]; row[col["Identification_LogicalId"]] != "" {
			s.idCodes[code]++
		}
		for _, part := range strings.Split(row[col["Address_ContactInfo"]], `\n`) {
			if i := strings.IndexByte(part, '['); i > 0 && strings.HasSuffix(part, "]") && strings.ToUpper(part[:i]) == part[:i] {
				s.contacts[part[:i]]++
			}
		}
	}
	return s
}

// TestParseEUCSVReal checks the counts of the real list against a plain scan
// of its rows and against the figures pinned here.
func TestParseEUCSVReal(t *testing.T) {
	path := sharedList(t, euRealCSV)
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	l, err := ParseEUCSV(File{Name: "eu_csl.csv", R: f})
	require.NoError(t, err)
	scan := euScanCSV(t, path)
	c := l.Counts()

	if want := time.Date(2024, 1, 24, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) || l.PublishedFrom != PublishedFromContent {
		t.Errorf("Published = %v from %q, want %v from content", l.Published, l.PublishedFrom, want)
	}
	if !scan.contiguous {
		t.Log("the rows of some entity are not contiguous")
	}
	assert.Equal(t, scan.firstID, l.Entities[0].ID)
	assert.Equal(t, scan.lastID, l.Entities[len(l.Entities)-1].ID)

	var fka, listed, birthDates, addresses, nationalities int
	byID := map[IDType]int{}
	for _, e := range l.Entities {
		for _, n := range e.Names {
			if n.Kind == FKA {
				fka++
			}
		}
		for _, id := range e.Identifiers {
			byID[id.Type]++
		}
		if !e.Listed.IsZero() {
			listed++
		}
		birthDates += len(e.BirthDates)
		addresses += len(e.Addresses)
		nationalities += len(e.Nationalities)
	}

	// Against the independent scan.
	for _, tt := range []struct {
		what      string
		got, want int
	}{
		{"entities", c.Entities, scan.entities},
		{"persons", c.ByType[Person], scan.persons},
		{"organizations", c.ByType[Organization], scan.orgs},
		{"DPRK entities (programme PRK)", c.DPRK, scan.dprk},
		{"aliases (every name but the primary)", c.StrongAliases + c.WeakAliases, scan.nameRows - scan.entities},
		{"weak aliases (low quality remarks)", c.WeakAliases, scan.weakRows},
		{"former names", fka, scan.formerRows},
		{"passports", byID[IDPassport], scan.idCodes["passport"] + scan.idCodes["travelcardid"]},
		{"national ids", byID[IDNationalID], scan.idCodes["id"] + scan.idCodes["ssn"] + scan.idCodes["birthcert"] +
			scan.idCodes["nationcert"] + scan.idCodes["electionid"] + scan.idCodes["residentperm"]},
		{"tax ids", byID[IDTaxID], scan.idCodes["fiscalcode"]},
		{"registrations", byID[IDRegistration], scan.idCodes["regnumber"] + scan.idCodes["tradelic"]},
		{"SWIFT/BIC", byID[IDSWIFTBIC], scan.idCodes["swiftbic"]},
		{"IMO", byID[IDIMO], scan.idCodes["imo"]},
		{"driving licences", byID[IDDriversLicense], scan.idCodes["drivinglicence"]},
		{"other ids", byID[IDOther], scan.idCodes["other"]},
		{"phones and faxes", byID[IDPhone], scan.contacts["PHONE"] + scan.contacts["FAX"]},
		{"emails", byID[IDEmail], scan.contacts["EMAIL"]},
		{"websites", byID[IDWebsite], scan.contacts["WEB"]},
	} {
		assert.Equal(t, tt.want, tt.got, "%s", tt.what)
	}

	// Pinned figures of the 2024-01-24 publication.
	for _, tt := range []struct {
		what      string
		got, want int
	}{
		{"entities", c.Entities, 4589},
		{"persons", c.ByType[Person], 3619},
		{"organizations", c.ByType[Organization], 970},
		{"DPRK", c.DPRK, 246},
		{"strong aliases", c.StrongAliases, 18649},
		{"weak aliases", c.WeakAliases, 186},
		{"former names", fka, 60},
		{"identifiers", c.Identifiers, 2154},
		{"passports", byID[IDPassport], 494},
		{"national ids", byID[IDNationalID], 209},
		{"tax ids", byID[IDTaxID], 172},
		{"registrations", byID[IDRegistration], 206},
		{"SWIFT/BIC", byID[IDSWIFTBIC], 6},
		{"IMO", byID[IDIMO], 17},
		{"driving licences", byID[IDDriversLicense], 3},
		{"other ids", byID[IDOther], 237},
		{"phones", byID[IDPhone], 340},
		{"emails", byID[IDEmail], 229},
		{"websites", byID[IDWebsite], 241},
		{"birth dates", birthDates, 3398},
		{"addresses", addresses, 1592},
		{"nationalities", nationalities, 1943},
		{"listed (designation date)", listed, 3865},
	} {
		assert.Equal(t, tt.want, tt.got, "%s", tt.what)
	}
}

// TestParseEUCSVRealEntities checks entities of the real list field by
// field against their rows.
func TestParseEUCSVRealEntities(t *testing.T) {
	l, err := ParseEUCSV(openShared(t, euRealCSV))
	require.NoError(t, err)
	byID := map[string]*Entity{}
	for i := range l.Entities {
		e := &l.Entities[i]
		if byID[e.ID] != nil {
			t.Fatalf("entity %s twice", e.ID)
		}
		byID[e.ID] = e
	}
	kp := "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"
	want := []Entity{
		{ // lines 2-6: the first entity
			Source: EU, ID: "13", Type: Person,
			Names: []Name{
				{Full: "Saddam Hussein Al-Tikriti", Kind: Primary, Parts: []NamePart{{PartGiven, "Saddam"}, {PartFamily, "Hussein Al-Tikriti"}}},
				{Full: "Abu Ali", Kind: AKA},
				{Full: "Abou Ali", Kind: AKA, Language: "FR"},
			},
			BirthDates:    []DateOfBirth{{From: Date{1937, 4, 28}}},
			BirthPlaces:   []Place{{Text: "al-Awja, near Tikrit", Country: "IQ"}},
			Nationalities: []string{"IQ"},
			Programs:      []string{"IRQ"},
			Gender:        "Male",
			Remarks:       "(UNSC RESOLUTION 1483)",
		},
		{ // lines 6509-6522: a DPRK person with a passport
			Source: EU, ID: "6859", Type: Person,
			Names: []Name{
				{Full: "Tong My'ong KIM", Kind: Primary, Parts: []NamePart{{PartGiven, "Tong My'ong"}, {PartFamily, "KIM"}}},
				{Full: "Chin-so'k KIM", Kind: AKA, Parts: []NamePart{{PartGiven, "Chin-so'k"}, {PartFamily, "KIM"}}},
				{Full: "Hyok-Chol KIM", Kind: AKA, Language: "EN", Parts: []NamePart{{PartGiven, "Hyok-Chol"}, {PartFamily, "KIM"}}},
				{Full: "Jin-Sok KIM", Kind: AKA, Language: "EN", Parts: []NamePart{{PartGiven, "Jin-Sok"}, {PartFamily, "KIM"}}},
				{Full: "Tong-Myong KIM", Kind: AKA, Language: "EN", Parts: []NamePart{{PartGiven, "Tong-Myong"}, {PartFamily, "KIM"}}},
				{Full: "Hyok Chol KIM", Kind: AKA, Parts: []NamePart{{PartGiven, "Hyok Chol"}, {PartFamily, "KIM"}}},
				{Full: "Tong Myong KIM", Kind: AKA, Parts: []NamePart{{PartGiven, "Tong Myong"}, {PartFamily, "KIM"}}},
				{Full: "Tong-Myo’ng KIM", Kind: AKA, Parts: []NamePart{{PartGiven, "Tong-Myo’ng"}, {PartFamily, "KIM"}}},
				{Full: "Tong-Myong KIM", Kind: AKA, Parts: []NamePart{{PartGiven, "Tong-Myong"}, {PartFamily, "KIM"}}},
				{Full: "Chin-sok Kim", Kind: AKA, Language: "SV", Parts: []NamePart{{PartGiven, "Chin-sok"}, {PartFamily, "Kim"}}},
			},
			BirthDates:    []DateOfBirth{{From: Date{Year: 1964}}, {From: Date{1962, 8, 28}}},
			Nationalities: []string{"KP"},
			Identifiers:   []Identifier{{Type: IDPassport, Label: "National passport", Value: "290320764", Country: "KP"}},
			Programs:      []string{"PRK"}, DPRK: true, Gender: "Male",
			Titles:  []string{"President of Tanchon Commercial Bank (TCB) and has held  various positions within TCB since at least 2002. He has also played a role in managing Amroggang’s affairs."},
			Remarks: "(Date of UN designation: 2016-03-02)",
			Listed:  Date{2016, 3, 2},
		},
		{ // lines 4207-4211: a DPRK organisation
			Source: EU, ID: "5482", Type: Organization,
			Names: []Name{
				{Full: "General Bureau of Atomic Energy", Kind: Primary},
				{Full: "GBAE", Kind: AKA},
				{Full: "General Department of Atomic Energy", Kind: AKA},
				{Full: "GDAE", Kind: AKA},
			},
			Addresses: []Address{{Street: "Haeudong, Pyongchen District", City: "Pyongyang", Country: "KP", CountryName: kp}},
			Programs:  []string{"PRK"}, DPRK: true,
			Titles:  []string{"The GBAE is responsible for the DPRK's nuclear programme."},
			Remarks: "(Date of UN designation: 2009-07-16)",
			Listed:  Date{2009, 7, 16},
		},
	}
	for i := range want {
		got := byID[want[i].ID]
		if got == nil {
			t.Errorf("entity %s missing", want[i].ID)
			continue
		}
		euDiffEntities(t, []Entity{*got}, want[i:i+1])
	}

	// Entity 547 has rows under two regulations (TAQA and AFG), its
	// designation date and remark on the AFG rows only.
	if e := byID["547"]; e == nil || !reflect.DeepEqual(e.Programs, []string{"AFG", "TAQA"}) || e.Listed != (Date{2001, 2, 23}) ||
		!strings.HasPrefix(e.Remarks, "(Date of UN designation: 2001-02-23)\n(Believed to be in Afghanistan") ||
		!reflect.DeepEqual(e.BirthDates, []DateOfBirth{{From: Date{Year: 1967}, Approximate: true}}) {
		t.Errorf("entity 547 = %+v", e)
	}
	// Entity 127388: the Hijri year 1343 stays out of the birth dates.
	if e := byID["127388"]; e == nil || !reflect.DeepEqual(e.BirthDates, []DateOfBirth{{From: Date{Year: 1965}}, {From: Date{Year: 1964}}}) ||
		!strings.Contains(e.Remarks, "date of birth in the ISLAMIC calendar: 1343") {
		t.Errorf("entity 127388 = %+v", e)
	}
	// Entity 330: its phone numbers come from Address_ContactInfo
	// ("PHONE[668 33 01; 0300- 820 91 99]\nFAX[662 38 14]").
	if e := byID["330"]; e == nil || len(e.Identifiers) != 6 || len(e.Addresses) != 11 ||
		e.Identifiers[1] != (Identifier{Type: IDPhone, Label: "PHONE", Value: "668 33 01; 0300- 820 91 99"}) ||
		e.Identifiers[2] != (Identifier{Type: IDPhone, Label: "FAX", Value: "662 38 14"}) {
		t.Errorf("entity 330 = %+v", e)
	}
}

// euCSVFixture returns the header line and the data lines of fsf-1.1.csv
// (without the byte order mark and line ends).
func euCSVFixture(t testing.TB) (header string, rows []string) {
	b := euReadFixture(t, "fsf-1.1.csv")
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(string(b), "\ufeff"), "\r\n"), "\r\n")
	return lines[0], lines[1:]
}

func euJoinCSV(header string, rows []string) string {
	return header + "\r\n" + strings.Join(rows, "\r\n") + "\r\n"
}

// euCSVRow returns the first fixture row that contains s.
func euCSVRow(t testing.TB, rows []string, s string) int {
	for i, r := range rows {
		if strings.Contains(r, s) {
			return i
		}
	}
	t.Fatalf("no fixture row holds %q", s)
	return -1
}

func TestParseEUCSVMalformed(t *testing.T) {
	header, rows := euCSVFixture(t)
	edit := func(s, old, new string) string {
		i := euCSVRow(t, rows, s)
		out := append([]string(nil), rows...)
		out[i] = strings.Replace(out[i], old, new, 1)
		return euJoinCSV(header, out)
	}
	tests := []struct {
		name    string
		csv     string
		wantErr error
		line    int    // 0: not checked
		element string // substring of ParseError.Element
		field   string
		reason  string
	}{
		{"empty", "", ErrEmpty, 0, "", "", "no bytes at all"},
		{"bom only", "\ufeff", ErrEmpty, 0, "", "", "a byte order mark and nothing else"},
		{"header only", header + "\r\n", ErrEmpty, 0, "", "", "no entity rows: never an empty list"},
		{"not EU", "Last Updated,28/01/2026\r\nName 6,Name 1\r\n", ErrUnknown, 1, "", "", "the OFSI list"},
		{"missing column", strings.Replace(header, ";NameAlias_WholeName;", ";NameAlias_Whole;", 1) + "\r\n" + rows[0] + "\r\n", ErrMissing, 1, "", "",
			"a column the parser reads is absent"},
		{"wrong column count", euJoinCSV(header, append([]string{rows[0] + ";extra"}, rows[1:]...)), ErrFieldCount, 2, "", "", "a row with 119 fields"},
		{"truncated", euJoinCSV(header, rows)[:len(euJoinCSV(header, rows))-300], ErrFieldCount, len(rows) + 1, "", "",
			"the last row cut short"},
		{"unterminated quote", edit("910001", "KIM Chol-su", `"KIM Chol-su`), ErrMalformed, 0, "", "", "a quote never closed"},
		{"bare quote", edit("910001", "KIM Chol-su", `KIM "Chol-su"`), ErrMalformed, 2, "", "", "a quote inside an unquoted field"},
		{"invalid UTF-8", edit("910003", "김철수", "\xff\xfe"), ErrEncoding, 4, "", "NameAlias_WholeName", "bytes that are not UTF-8"},
		{"missing logicalId", edit("910002", ";900001;", ";;"), ErrMissing, 3, "Entity_LogicalId=", "Entity_LogicalId", "every row names its entity"},
		{"bad designation date", strings.ReplaceAll(euJoinCSV(header, rows), ";2016-03-02;", ";2016-13-02;"), ErrDate, 2, "Entity_LogicalId=900001", "Entity_DesignationDate",
			"month 13"},
		{"bad birth date", edit("930001", "1975-03-14", "1975-02-30"), ErrDate, 6, "Entity_LogicalId=900001", "BirthDate_BirthDate", "30 February"},
		{"bad birth year", edit("930022", ";1961;", ";61;"), ErrDate, 0, "Entity_LogicalId=900003", "BirthDate_Year", "two-digit year"},
		{"bad circa", edit("930002", ";YES;", ";SOMETIMES;"), ErrMalformed, 7, "Entity_LogicalId=900001", "BirthDate_Circa", "booleans are YES or NO"},
		{"bad generation date", strings.ReplaceAll(euJoinCSV(header, rows), "10/03/2026", "2026-03-10"), ErrDate, 0, "", "fileGenerationDate",
			"the publish date is DD/MM/YYYY"},
		{"mixed generation dates", edit("910012", "10/03/2026", "11/03/2026"), ErrMalformed, 11, "", "fileGenerationDate",
			"rows of two publications"},
		{"subject types disagree", edit("910002", ";P;person;", ";E;enterprise;"), ErrMalformed, 3, "Entity_LogicalId=900001", "Entity_SubjectType",
			"the rows of one entity give two types"},
		{"unknown subject type", strings.ReplaceAll(euJoinCSV(header, rows), ";P;person;", ";V;vessel;"), ErrMalformed, 0, "Entity_LogicalId=900001",
			"Entity_SubjectType", "the EU lists persons and enterprises only"},
		{"bad country code", edit("920021", ";RU;RUSSIAN FEDERATION;920021", ";RUS;RUSSIAN FEDERATION;920021"), ErrMalformed, 0, "Entity_LogicalId=900003",
			"Citizenship_CountryIso2Code", "alpha-3 where alpha-2 is due"},
		{"nameless alias", edit("910012", ";EKTC;", ";;"), ErrMissing, 11, "Entity_LogicalId=900002", "NameAlias_WholeName", "an alias with no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseEUCSV(File{Name: "fsf.csv", R: strings.NewReader(tt.csv)})
			if l != nil || err == nil {
				t.Fatalf("got a list and err %v, want an error (%s)", err, tt.reason)
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe, "%s", tt.reason)
			require.ErrorIs(t, err, tt.wantErr, "%s", tt.reason)
			if pe.File != "fsf.csv" || (tt.line != 0 && pe.Line != tt.line) || !strings.Contains(pe.Element, tt.element) || pe.Field != tt.field {
				t.Errorf("error at %s:%d element %q field %q, want line %d element %q field %q (%s): %v",
					pe.File, pe.Line, pe.Element, pe.Field, tt.line, tt.element, tt.field, tt.reason, err)
			}
		})
	}
}

// TestParseEUCSVRowOrder checks that the rows of an entity are merged
// wherever they stand, and that a repeated row is read once.
func TestParseEUCSVRowOrder(t *testing.T) {
	header, rows := euCSVFixture(t)
	want, err := ParseEUCSV(File{Name: "fsf.csv", R: strings.NewReader(euJoinCSV(header, rows))})
	require.NoError(t, err)
	tests := []struct {
		name   string
		rows   func() []string
		want   func() []Entity
		reason string
	}{
		{"interleaved", func() []string {
			// The second alias rows of 900003 and 900004 change places.
			out := append([]string(nil), rows...)
			a, b := euCSVRow(t, out, "910022"), euCSVRow(t, out, "910032")
			out[a], out[b] = out[b], out[a]
			return out
		}, func() []Entity {
			// 900004's Persian alias now comes first: it is the first
			// strong name, so it is the primary one.
			w := euFixtureEntities()
			for i := range w {
				if w[i].Remarks != "" && !strings.HasPrefix(w[i].Remarks, "date of birth") {
					w[i].Remarks = "(" + w[i].Remarks + ")"
				}
			}
			n := w[3].Names
			n[0].Kind, n[1].Kind = AKA, Primary
			n[0], n[1] = n[1], n[0]
			return w
		}, "rows of two entities mixed: each keeps its own sub-records, in row order"},
		{"duplicated rows", func() []string {
			out := append([]string(nil), rows...)
			return append(out, rows[0], rows[euCSVRow(t, rows, "940001")], rows[euCSVRow(t, rows, "950001")])
		}, func() []Entity { return want.Entities }, "a sub-record repeated on a later row is read once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEUCSV(File{Name: "fsf.csv", R: strings.NewReader(euJoinCSV(header, tt.rows()))})
			require.NoError(t, err, "%s", tt.reason)
			euDiffEntities(t, got.Entities, tt.want())
		})
	}
}

func TestEUCSVIDNumber(t *testing.T) {
	tests := []struct {
		in, code, want, reason string
	}{
		{"488555 (passport-National passport) ", "passport", "488555", "the usual form"},
		{"D 0001203 (passport-National passport) ((afghan passport))", "passport", "D 0001203", "with a remark"},
		{"784-1976-7135283-5 (residentperm-Resident&apos;s Permit) (UAE Resident card)", "residentperm", "784-1976-7135283-5",
			"the description XML-escaped in the number column"},
		{"SSN 156-92-9858 (id-National identification card) ((usa national identification no))", "id", "SSN 156-92-9858", "a number with a prefix"},
		{"12345", "passport", "12345", "no type suffix"},
		{"12345 (id-National identification card)", "", "12345 (id-National identification card)", "no type code to look for"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, euCSVIDNumber(tt.in, tt.code), "euCSVIDNumber(%q, %q) (%s)", tt.in, tt.code, tt.reason)
	}
}

func TestEUCSVContactInfo(t *testing.T) {
	tests := []struct {
		in       string
		contacts []euContactInfo
		rest     string
		reason   string
	}{
		{"PHONE[042-681 20 81]", []euContactInfo{{"PHONE", "042-681 20 81"}}, "", "one entry"},
		{"PHONE[668 33 01; 0300- 820 91 99]\nFAX[662 38 14]", []euContactInfo{{"PHONE", "668 33 01; 0300- 820 91 99"}, {"FAX", "662 38 14"}}, "",
			"two entries"},
		{"WEB[http://www.mehl.com.mm]\nPHONE[01-290843]\n(Principal place of business: Myanmar/Burma)",
			[]euContactInfo{{"WEB", "http://www.mehl.com.mm"}, {"PHONE", "01-290843"}}, "(Principal place of business: Myanmar/Burma)",
			"entries, then the remark in parentheses"},
		{"PHONE[+850-2-18111, 18222 (ext. 8573)]\nFAX[+850-2-381-4687]", []euContactInfo{{"PHONE", "+850-2-18111, 18222 (ext. 8573)"}, {"FAX", "+850-2-381-4687"}},
			"", "brackets and parentheses inside a value"},
		{"((at the time of listing))", nil, "((at the time of listing))", "the remark only"},
		{"EMAIL[info@x.example ]", []euContactInfo{{"EMAIL", "info@x.example"}}, "", "value trimmed"},
		{"PHONE[unclosed", nil, "PHONE[unclosed", "no closing bracket: kept as text"},
		{"", nil, "", "empty"},
	}
	for _, tt := range tests {
		contacts, rest := euCSVContactInfo(tt.in)
		assert.Equal(t, tt.contacts, contacts, "euCSVContactInfo(%q) (%s)", tt.in, tt.reason)
		assert.Equal(t, tt.rest, rest, "euCSVContactInfo(%q) (%s)", tt.in, tt.reason)
	}
}

// TestParseEUCSVReadError checks that an error of the underlying reader is
// passed on, not taken for a fault of the file.
func TestParseEUCSVReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	b := euReadFixture(t, "fsf-1.1.csv")
	_, err := ParseEUCSV(File{Name: "fsf.csv", R: io.MultiReader(bytes.NewReader(b[:3000]), iotest.ErrReader(boom))})
	var pe *ParseError
	require.ErrorIs(t, err, boom)
	require.ErrorAs(t, err, &pe)
	require.NotErrorIs(t, err, ErrMalformed)
}

func FuzzParseEUCSV(f *testing.F) {
	fixture := euReadFixture(f, "fsf-1.1.csv")
	f.Add(fixture)
	header, rows := euCSVFixture(f)
	f.Add([]byte(euJoinCSV(header, rows[:3])))
	f.Add([]byte(euJoinCSV(header, rows[len(rows)-4:])))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseEUCSV(File{Name: "fuzz.csv", R: bytes.NewReader(data)})
		if err != nil {
			var pe *ParseError
			if l != nil || !errors.As(err, &pe) {
				t.Fatalf("err %v with list %v: want a *ParseError and no list", err, l)
			}
			return
		}
		if l == nil || len(l.Entities) == 0 || l.Published.IsZero() {
			t.Fatalf("no error but list %+v", l)
		}
		ids := map[string]bool{}
		for _, e := range l.Entities {
			if e.ID == "" || ids[e.ID] || len(e.Names) == 0 || e.Names[0].Kind != Primary || e.Names[0].Full == "" {
				t.Fatalf("entity without id or primary name, or twice: %+v", e)
			}
			ids[e.ID] = true
		}
	})
}

// BenchmarkParseEUCSV parses the real list (18 MB, 31,987 rows, 4,589
// entities) from memory.
func BenchmarkParseEUCSV(b *testing.B) {
	data, err := os.ReadFile(sharedList(b, euRealCSV))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := ParseEUCSV(File{Name: "eu_csl.csv", R: bytes.NewReader(data)})
		if err != nil || len(l.Entities) != 4589 {
			b.Fatal(err)
		}
	}
}
