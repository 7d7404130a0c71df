package lists

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseEUXMLExcerpt checks the two records of the shared excerpt of the
// official export field by field.
func TestParseEUXMLExcerpt(t *testing.T) {
	l, err := ParseEUXML(openShared(t, "eu/2026-08-excerpt/fsf-1.1-excerpt.xml"))
	require.NoError(t, err)
	want := time.Date(2026, 8, 5, 16, 47, 4, 449e6, time.FixedZone("", 2*3600))
	assert.True(t, l.Published.Equal(want), "Published %v, want %v from the content", l.Published, want)
	assert.Equal(t, PublishedFromContent, l.PublishedFrom, "Published %v, want %v from the content", l.Published, want)
	euDiffEntities(t, l.Entities, []Entity{
		{
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
			Remarks:       "UNSC RESOLUTION 1483",
		},
		{
			Source: EU, ID: "980", Type: Organization,
			Names: []Name{{Full: "Global Relief Foundation (GRF)", Kind: Primary}},
			Addresses: []Address{
				{City: "Bridgeview, Illinois", PostalCode: "PO Box 1406 - 60455", Country: "US", CountryName: "UNITED STATES"},
				{Street: "9935 South 76th Avenue, Unit 1", City: "Bridgeview, Illinois", PostalCode: "60455", Country: "US", CountryName: "UNITED STATES"},
			},
			Programs: []string{"TAQA"},
		},
	})
}

func TestParseEUXMLMalformed(t *testing.T) {
	fixture := string(euReadFixture(t, "fsf-1.1.xml"))
	end := strings.LastIndex(fixture, "</sanctionEntity>") + len("</sanctionEntity>")
	tests := []struct {
		name    string
		xml     string
		wantErr error
		element string // substring of ParseError.Element
		field   string // ParseError.Field
		reason  string
	}{
		{"empty", "", ErrEmpty, "", "", "no bytes at all"},
		{"truncated in an entity", fixture[:len(fixture)/2], ErrTruncated, "", "", "cut in the middle of the file"},
		{"truncated in a tag", fixture[:strings.Index(fixture, `logicalId="900003"`)], ErrTruncated, "", "", "cut inside a start tag"},
		{"root not closed", fixture[:end], ErrTruncated, "export", "", "every entity complete, </export> missing"},
		{"wrong root", `<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27"/>`, ErrUnknown, "CONSOLIDATED_LIST", "", "the UN list"},
		{"wrong namespace", strings.Replace(fixture, `xmlns="`+euNamespace, `xmlns="http://example.com/other`, 1), ErrUnknown, "export", "", "another export format"},
		{"no generationDate", strings.Replace(fixture, `generationDate="2026-03-10T18:02:11.125+01:00"`, "", 1), ErrMissing, "export", "generationDate",
			"the publish date is required"},
		{"bad generationDate", strings.Replace(fixture, `generationDate="2026-03-10T18:02:11.125+01:00"`, `generationDate="yesterday"`, 1), ErrDate, "export", "generationDate",
			"not a date-time"},
		{"no entities", `<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01T00:00:00Z"></export>`, ErrEmpty, "export", "",
			"an empty list is never a valid list"},
		{"missing logicalId", strings.Replace(fixture, `logicalId="900003"`, "", 1), ErrMissing, "export/sanctionEntity", "logicalId", "every entity needs its id"},
		{"bad designationDate", strings.Replace(fixture, `designationDate="2016-03-02"`, `designationDate="2016-02-30"`, 1), ErrDate, "logicalId=900001",
			"designationDate", "30 February"},
		{"bad birth month", strings.Replace(fixture, `monthOfYear="8" year="1961"`, `monthOfYear="13" year="1961"`, 1), ErrDate, "logicalId=900003",
			"birthdate[logicalId=930022]@monthOfYear", "month past December"},
		{"hijri ok but circa bad", strings.Replace(fixture, `circa="true" calendarType="GREGORIAN" city="" zipCode="" year="1974"`,
			`circa="maybe" calendarType="GREGORIAN" city="" zipCode="" year="1974"`, 1), ErrMalformed, "logicalId=900001", "birthdate[logicalId=930002]@circa",
			"booleans are true or false"},
		{"bad strong", strings.Replace(fixture, `strong="false"`, `strong="no way"`, 1), ErrMalformed, "logicalId=900001", "nameAlias[logicalId=910004]@strong",
			"booleans are true or false"},
		{"unknown subject type", strings.Replace(fixture, `code="person" classificationCode="P"`, `code="vessel" classificationCode="V"`, 1), ErrMalformed,
			"logicalId=900001", "subjectType@classificationCode", "the EU lists persons and enterprises only"},
		{"no subject type", strings.Replace(fixture, `<subjectType code="enterprise" classificationCode="E"/>`, "", 1), ErrMissing,
			"logicalId=900002", "subjectType@classificationCode", "an entity needs its type"},
		{"nameless alias", strings.Replace(fixture, `wholeName="EKTC"`, `wholeName=""`, 1), ErrMissing, "logicalId=900002",
			"nameAlias[logicalId=910012]@wholeName", "an alias with no name at all"},
		{"bad country code", strings.Replace(fixture, `countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="920021"`,
			`countryIso2Code="RUS" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="920021"`, 1), ErrMalformed, "logicalId=900003",
			"citizenship[logicalId=920021]@countryIso2Code", "alpha-3 where alpha-2 is due"},
		{"number missing", strings.Replace(fixture, `number="RN-4455"`, `number=""`, 1), ErrMissing, "logicalId=900002",
			"identification[logicalId=940011]@number", "an identification without its number"},
		{"renamed record", strings.Replace(strings.Replace(fixture, "<sanctionEntity ", "<renamedEntity ", 1), "</sanctionEntity>", "</renamedEntity>", 1),
			ErrMalformed, "export/renamedEntity", "", "an unknown record element is refused, not skipped"},
		{"invalid UTF-8", strings.Replace(fixture, "김철수", "\xff\xfe", 1), ErrEncoding, "", "", "bytes that are not UTF-8"},
		{"declared Latin-1", strings.Replace(fixture, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), ErrEncoding, "", "", "the EU publishes UTF-8 only"},
		{"mismatched tags", strings.Replace(fixture, "</nameAlias>", "</nameAliasX>", 1), ErrMalformed, "", "", "not well-formed XML"},
		{"undefined entity", strings.Replace(fixture, "Sosong Street 12", "Sosong&nbsp;Street", 1), ErrMalformed, "", "", "HTML entities are not XML"},
		{"second root", fixture + `<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01"/>`, ErrMalformed, "export", "",
			"two exports in one file"},
		{"text after root", fixture + "trailing", ErrMalformed, "", "", "text after the export"},
		{"text in export", strings.Replace(fixture, "  <sanctionEntity designationDate=\"2017", "stray text <sanctionEntity designationDate=\"2017", 1), ErrMalformed,
			"export", "", "text outside the entities"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseEUXML(File{Name: "fsf.xml", R: strings.NewReader(tt.xml)})
			if l != nil || err == nil {
				t.Fatalf("got a list of %d entities and err %v, want an error (%s)", len(l.Entities), err, tt.reason)
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe, "%s", tt.reason)
			require.ErrorIs(t, err, tt.wantErr, "%s", tt.reason)
			assert.Equal(t, "fsf.xml", pe.File, "%s: %v", tt.reason, err)
			assert.Contains(t, pe.Element, tt.element, "%s: %v", tt.reason, err)
			assert.Equal(t, tt.field, pe.Field, "%s: %v", tt.reason, err)
		})
	}
}

// TestParseEUXMLTruncations cuts the fixture at every 97th byte: every cut
// must fail, never yield the entities read so far.
func TestParseEUXMLTruncations(t *testing.T) {
	fixture := euReadFixture(t, "fsf-1.1.xml")
	for n := 0; n < len(fixture)-len("</export>\n"); n += 97 {
		l, err := ParseEUXML(File{Name: "cut.xml", R: bytes.NewReader(fixture[:n])})
		if err == nil || l != nil {
			t.Fatalf("cut at %d: no error", n)
		}
		// A cut inside a multi-byte character leaves invalid UTF-8.
		if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrEncoding) {
			t.Fatalf("cut at %d: err = %v, want ErrTruncated (or ErrEmpty, ErrMalformed, ErrEncoding)", n, err)
		}
	}
}

// TestParseEUXMLReadError checks that an error of the underlying reader is
// passed on, not taken for a fault of the file.
func TestParseEUXMLReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	fixture := euReadFixture(t, "fsf-1.1.xml")
	r := io.MultiReader(bytes.NewReader(fixture[:3000]), iotest.ErrReader(boom))
	_, err := ParseEUXML(File{Name: "fsf.xml", R: r})
	var pe *ParseError
	require.ErrorIs(t, err, boom)
	require.ErrorAs(t, err, &pe)
	require.NotErrorIs(t, err, ErrMalformed)
	require.NotErrorIs(t, err, ErrTruncated)
}

// TestParseEUXMLChunked reads the fixture one byte at a time.
func TestParseEUXMLChunked(t *testing.T) {
	fixture := euReadFixture(t, "fsf-1.1.xml")
	l, err := ParseEUXML(File{Name: "fsf.xml", R: iotest.OneByteReader(bytes.NewReader(fixture))})
	require.NoError(t, err)
	euDiffEntities(t, l.Entities, euFixtureEntities())
}

func FuzzParseEUXML(f *testing.F) {
	f.Add(euReadFixture(f, "fsf-1.1.xml"))
	f.Add([]byte(`<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01"><sanctionEntity logicalId="1">` +
		`<subjectType classificationCode="P"/><nameAlias wholeName="A" strong="false"/><birthdate yearRangeTo="1980"/></sanctionEntity></export>`))
	f.Add([]byte(`<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01"></export>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseEUXML(File{Name: "fuzz.xml", R: bytes.NewReader(data)})
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
		for _, e := range l.Entities {
			if e.ID == "" || len(e.Names) == 0 || e.Names[0].Kind != Primary || e.Names[0].Full == "" || (e.Type != Person && e.Type != Organization) {
				t.Fatalf("entity without id, type or primary name: %+v", e)
			}
		}
	})
}

// BenchmarkParseEUXML parses the fixture repeated to the size of the real
// list (about 5,000 entities, 5 distinct ones with fresh logicalIds).
func BenchmarkParseEUXML(b *testing.B) {
	fixture := string(euReadFixture(b, "fsf-1.1.xml"))
	start := strings.Index(fixture, "  <sanctionEntity")
	end := strings.LastIndex(fixture, "</export>")
	var buf strings.Builder
	buf.WriteString(fixture[:start])
	for i := range 1000 {
		buf.WriteString(strings.ReplaceAll(fixture[start:end], `logicalId="90000`, fmt.Sprintf(`logicalId="%d`, i)))
	}
	buf.WriteString(fixture[end:])
	data := []byte(buf.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := ParseEUXML(File{Name: "bench.xml", R: bytes.NewReader(data)})
		if err != nil || len(l.Entities) != 5000 {
			b.Fatal(err)
		}
	}
}
