package lists

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// euOpenFixture opens a file of testdata/eu; it is closed when the test ends.
func euOpenFixture(tb testing.TB, name string) File {
	tb.Helper()
	f, err := os.Open("testdata/eu/" + name)
	require.NoError(tb, err)
	tb.Cleanup(func() { f.Close() })
	return File{Name: name, R: f}
}

// euReadFixture returns the bytes of a file of testdata/eu.
func euReadFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/eu/" + name)
	require.NoError(tb, err)
	return b
}

// euDiffEntities reports, entity by entity, how got differs from want.
func euDiffEntities(t *testing.T, got, want []Entity) {
	t.Helper()
	assert.Len(t, got, len(want))
	for i := 0; i < len(got) && i < len(want); i++ {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.MarshalIndent(got[i], "", "  ")
			w, _ := json.MarshalIndent(want[i], "", "  ")
			t.Errorf("entity %d (%s) differs:\ngot  %s\nwant %s", i, want[i].ID, g, w)
		}
	}
}

// euFixtureEntities is what both fixtures, fsf-1.1.xml and fsf-1.1.csv,
// hold, read by hand from the XML (Remarks aside: the CSV puts every
// entity remark in parentheses).
func euFixtureEntities() []Entity {
	kp := "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"
	return []Entity{
		{
			Source: EU, ID: "900001", Type: Person,
			Names: []Name{
				{Full: "KIM Chol-su", Kind: Primary, Language: "EN", Parts: []NamePart{{PartGiven, "Chol-su"}, {PartFamily, "KIM"}}},
				{Full: "Chol Su KIM", Kind: AKA, Parts: []NamePart{{PartGiven, "Chol Su"}, {PartFamily, "KIM"}}},
				{Full: "김철수", Kind: AKA, Script: "Hangul", Language: "KO"},
				{Full: "Kim the Trader", Kind: AKA, Strength: Weak},
			},
			BirthDates: []DateOfBirth{
				{From: Date{1975, 3, 14}},
				{From: Date{Year: 1974}, Approximate: true},
			},
			BirthPlaces:   []Place{{Text: "Pyongyang", Country: "KP"}},
			Nationalities: []string{"KP"},
			Identifiers: []Identifier{
				{Type: IDPassport, Label: "National passport", Value: "836210123", Country: "KP", Note: "known to be expired; expired passport"},
				{Type: IDPassport, Label: "National passport", Value: "654320987", Country: "KP", Note: "diplomatic; issued by Ministry of Foreign Affairs"},
			},
			Programs: []string{"PRK"}, DPRK: true, Gender: "Male",
			Titles:  []string{"Colonel", "Representative of Example Korea Trading Corporation"},
			Remarks: "Date of UN designation: 2016-03-02",
			Listed:  Date{2016, 3, 2},
		},
		{
			Source: EU, ID: "900002", Type: Organization,
			Names: []Name{
				{Full: "Example Korea Trading Corporation", Kind: Primary},
				{Full: "EKTC", Kind: AKA},
				{Full: "Korea Example General Trading", Kind: FKA},
			},
			Addresses: []Address{{Street: "Sosong Street 12", City: "Pyongyang", Country: "KP", CountryName: kp, Note: "Head office"}},
			Identifiers: []Identifier{
				{Type: IDPhone, Label: "PHONE", Value: "+850 2 381 0000; +850 2 381 0001"},
				{Type: IDEmail, Label: "EMAIL", Value: "info@ektc.example"},
				{Type: IDWebsite, Label: "WEB", Value: "http://www.ektc.example"},
				{Type: IDRegistration, Label: "Registration Number", Value: "RN-4455", Country: "KP"},
				{Type: IDSWIFTBIC, Label: "SWIFT BIC", Value: "EXKTKPPY"},
			},
			Programs: []string{"PRK"}, DPRK: true,
			Titles:  []string{"Procures equipment for the nuclear programme."},
			Remarks: "Date of UN designation: 2017-08-05",
			Listed:  Date{2017, 8, 5},
		},
		{
			Source: EU, ID: "900003", Type: Person,
			Names: []Name{
				{Full: "Ivan Petrovich SIDOROV", Kind: Primary, Parts: []NamePart{{PartGiven, "Ivan"}, {PartMiddle, "Petrovich"}, {PartFamily, "SIDOROV"}}},
				{Full: "Иван Петрович СИДОРОВ", Kind: AKA, Script: "Cyrillic", Language: "RU", Parts: []NamePart{{PartGiven, "Иван"}, {PartMiddle, "Петрович"}, {PartFamily, "СИДОРОВ"}}},
			},
			BirthDates: []DateOfBirth{
				{From: Date{Year: 1960}, To: Date{Year: 1962}, Approximate: true},
				{From: Date{Year: 1961, Month: 8}},
			},
			// The range's place has only the country, which the second
			// birthdate's place gives too.
			BirthPlaces:   []Place{{Text: "Example-on-Volga, Example Oblast", Country: "RU"}},
			Nationalities: []string{"RU"},
			Addresses:     []Address{{Street: "Example Prospekt 1", City: "Moscow", PostalCode: "101000", Country: "RU", CountryName: "RUSSIAN FEDERATION"}},
			Identifiers:   []Identifier{{Type: IDTaxID, Label: "National Fiscal Code", Value: "770000000001", Country: "RU", Note: "Tax Identification Number"}},
			Programs:      []string{"UKR"}, Gender: "Male",
			Titles:  []string{"Member of the Example Assembly"},
			Remarks: "Member of the Example Assembly.",
			Listed:  Date{2022, 2, 23},
		},
		{
			Source: EU, ID: "900004", Type: Person,
			Names: []Name{
				{Full: "Reza EXAMPLEI", Kind: Primary, Parts: []NamePart{{PartGiven, "Reza"}, {PartFamily, "EXAMPLEI"}}},
				{Full: "رضا مثالی", Kind: AKA, Script: "Arabic", Language: "FA"},
			},
			// The Hijri year 1343 is not read as a Gregorian year.
			BirthDates:  []DateOfBirth{{From: Date{Year: 1965}}, {From: Date{Year: 1964}}},
			BirthPlaces: []Place{{Text: "Exampleshahr", Country: "IR"}},
			Addresses:   []Address{{City: "Tehran", Country: "IR", CountryName: "IRAN (ISLAMIC REPUBLIC OF)", Note: "P.O. Box 11365; as at listing time"}},
			Programs:    []string{"IRN", "TERR"}, Gender: "Male",
			Remarks: "date of birth in the ISLAMIC calendar: 1343\nIranian Hijri calendar",
		},
		{
			Source: EU, ID: "900005", Type: Organization,
			Names: []Name{{Full: "Example Maritime Company", Kind: Primary}},
			Identifiers: []Identifier{
				{Type: IDIMO, Label: "IMO (vessel identification)", Value: "9123456"},
				{Type: IDOther, Label: "Other identification number", Value: "Licence 55/2001", Country: "IQ"},
			},
			Programs: []string{"IRQ"},
			Listed:   Date{2004, 5, 20},
		},
	}
}

func TestParseEUXMLFixture(t *testing.T) {
	l, err := ParseEUXML(euOpenFixture(t, "fsf-1.1.xml"))
	require.NoError(t, err)
	if l.Source != EU || l.Format != FormatEUXML || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("list header = %v %v %q files %v", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	want := time.Date(2026, 3, 10, 18, 2, 11, 125e6, time.FixedZone("", 3600))
	assert.True(t, l.Published.Equal(want), "Published = %v, want %v (the export's generationDate)", l.Published, want)
	euDiffEntities(t, l.Entities, euFixtureEntities())
}

func TestParseEUCSVFixture(t *testing.T) {
	l, err := ParseEUCSV(euOpenFixture(t, "fsf-1.1.csv"))
	require.NoError(t, err)
	if l.Source != EU || l.Format != FormatEUCSV || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("list header = %v %v %q files %v", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	if want := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) {
		t.Errorf("Published = %v, want %v (fileGenerationDate 10/03/2026)", l.Published, want)
	}
	// The same entities as the XML fixture: the CSV's composite
	// identification numbers, contact info column, swapped subject type
	// columns, "low quality alias" remarks and the citizenship row of
	// 900001 written last of all are undone; only the CSV's parentheses
	// around entity remarks remain.
	want := euFixtureEntities()
	for i := range want {
		if want[i].Remarks != "" && !strings.HasPrefix(want[i].Remarks, "date of birth") {
			want[i].Remarks = "(" + want[i].Remarks + ")"
		}
	}
	euDiffEntities(t, l.Entities, want)
}

func TestEUScript(t *testing.T) {
	tests := []struct {
		in, want, reason string
	}{
		{"KIM Chol-su", "", "Latin letters only"},
		{"Müller-Lüdenscheidt", "", "Latin with diacritics is still Latin"},
		{"김철수", "Hangul", "Korean"},
		{"Иван Петрович СИДОРОВ", "Cyrillic", "Russian"},
		{"رضا مثالی", "Arabic", "Persian is written in the Arabic script"},
		{"Организация за подпомагане на Ulema, Пакистан", "Cyrillic", "mostly Cyrillic with a Latin word"},
		{"Sergei Ivanovich IVANOV (Иван)", "Cyrillic", "a Latin name with a Cyrillic part gets the script of that part"},
		{"金正恩", "Han", "Chinese characters"},
		{"Σπύρος", "Greek", "Greek"},
		{"12345 -", "", "no letters"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ScriptOf(tt.in), "ScriptOf(%q) (%s)", tt.in, tt.reason)
	}
}

func TestEUAliasRemark(t *testing.T) {
	tests := []struct {
		in                 string
		weak, former, only bool
		reason             string
	}{
		{"low quality alias", true, false, true, "the usual weak marker"},
		{"Low quality a.k.a.", true, false, true, "capitals and a.k.a."},
		{"low quality alias:", true, false, true, "trailing colon"},
		{"Lo quality alias", true, false, true, "misspelt, as published"},
		{"good quality alias", false, false, true, "strong marker says nothing else"},
		{"qood quality alias", false, false, true, "misspelt strong marker"},
		{"formerly known as", false, true, true, "a former name"},
		{"formerly known as PJSC Example", false, true, false, "a former name with more text, kept as a remark"},
		{"born on 13.11.1960 in Libya;\nlow quality alias", true, false, false, "weak, with other information kept"},
		{"combat name, good quality alias", false, false, false, "other information kept"},
		{"", false, false, false, "no remark"},
	}
	for _, tt := range tests {
		weak, former, only := euAliasRemark(tt.in)
		assert.Equal(t, tt.weak, weak, "euAliasRemark(%q) (%s)", tt.in, tt.reason)
		assert.Equal(t, tt.former, former, "euAliasRemark(%q) (%s)", tt.in, tt.reason)
		assert.Equal(t, tt.only, only, "euAliasRemark(%q) (%s)", tt.in, tt.reason)
	}
}

func TestEUCountry(t *testing.T) {
	tests := []struct {
		code, desc, want string
		wantErr          error
		reason           string
	}{
		{"KP", "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "KP", nil, "the code as published"},
		{"FR", "FRANCE", "FR", nil, "the code wins over the description"},
		{"00", "UNKNOWN", "", nil, "the EU's unknown country"},
		{"00", "", "", nil, "unknown code, no description"},
		{"", "IRAQ", "IQ", nil, "no code: the description is mapped"},
		{"00", "Atlantis", "", nil, "an unmappable description is unknown, not an error"},
		{"XK", "KOSOVO", "XK", nil, "a user-assigned code the EU uses"},
		{"IRQ", "", "", ErrMalformed, "three letters are not an alpha-2 code"},
		{"k1", "", "", ErrMalformed, "not letters"},
	}
	for _, tt := range tests {
		got, err := euCountry(tt.code, tt.desc)
		if got != tt.want || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
			t.Errorf("euCountry(%q, %q) = %q, %v, want %q, %v (%s)", tt.code, tt.desc, got, err, tt.want, tt.wantErr, tt.reason)
		}
	}
}

func TestEUBirthdate(t *testing.T) {
	tests := []struct {
		name    string
		in      euBirthdate
		want    []DateOfBirth
		remarks string
		wantErr error
		attr    string
		reason  string
	}{
		{"exact", euBirthdate{Birthdate: "1937-04-28", Day: "28", Month: "4", Year: "1937", Circa: "false"},
			[]DateOfBirth{{From: Date{1937, 4, 28}}}, "", nil, "", "the birthdate attribute"},
		{"month", euBirthdate{Month: "8", Year: "1961"}, []DateOfBirth{{From: Date{Year: 1961, Month: 8}}}, "", nil, "", "year and month only"},
		{"year circa", euBirthdate{Year: "1967", Circa: "YES"}, []DateOfBirth{{From: Date{Year: 1967}, Approximate: true}}, "", nil, "", "CSV boolean YES"},
		{"range", euBirthdate{YearRangeFrom: "1953", YearRangeTo: "1958", Circa: "true"},
			[]DateOfBirth{{From: Date{Year: 1953}, To: Date{Year: 1958}, Approximate: true}}, "", nil, "", "a range of years"},
		{"range open below", euBirthdate{YearRangeTo: "1980"}, []DateOfBirth{{To: Date{Year: 1980}}}, "", nil, "",
			"born by 1980: From stays zero"},
		{"range open above", euBirthdate{YearRangeFrom: "1980"}, []DateOfBirth{{From: Date{Year: 1980}, Approximate: true}}, "", nil, "",
			"born in or after 1980: the model has no open range, kept as approximately 1980"},
		{"place only", euBirthdate{City: "Luhansk", CountryIso2Code: "UA"}, nil, "", nil, "", "no date, only a place"},
		{"islamic with conversion", euBirthdate{Birthdate: "1982-04-19", Day: "24", Month: "6", Year: "1402", CalendarType: "ISLAMIC"},
			[]DateOfBirth{{From: Date{1982, 4, 19}}}, "date of birth in the ISLAMIC calendar: 1402-6-24", nil, "",
			"the birthdate attribute holds the Gregorian date"},
		{"islamic year", euBirthdate{Year: "1343", CalendarType: "ISLAMIC"}, nil, "date of birth in the ISLAMIC calendar: 1343", nil, "",
			"a Hijri year is never read as Gregorian"},
		{"bad month", euBirthdate{Month: "13", Year: "1961"}, nil, "", ErrDate, "monthOfYear", "month past December"},
		{"bad day", euBirthdate{Birthdate: "1961-02-30"}, nil, "", ErrDate, "birthdate", "30 February"},
		{"month without year", euBirthdate{Month: "8"}, nil, "", ErrDate, "year", "a month needs a year"},
		{"day without month", euBirthdate{Day: "8", Year: "1961"}, nil, "", ErrDate, "dayOfMonth", "a day needs a month"},
		{"year and range", euBirthdate{Year: "1950", YearRangeFrom: "1953"}, nil, "", ErrDate, "yearRangeFrom", "both a year and a range"},
		{"reversed range", euBirthdate{YearRangeFrom: "1958", YearRangeTo: "1953"}, nil, "", ErrDate, "yearRangeTo", "range ends before it starts"},
		{"two digit year", euBirthdate{Year: "61"}, nil, "", ErrDate, "year", "years have four digits"},
		{"bad circa", euBirthdate{Year: "1961", Circa: "maybe"}, nil, "", ErrMalformed, "circa", "not a boolean"},
		{"bad country", euBirthdate{Year: "1961", CountryIso2Code: "Iraq"}, nil, "", ErrMalformed, "countryIso2Code", "not an alpha-2 code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c euConverter
			var e Entity
			err := c.birthdate(&e, &tt.in)
			if tt.wantErr != nil {
				var fe *euFieldError
				require.ErrorIs(t, err, tt.wantErr, "%s", tt.reason)
				require.ErrorAs(t, err, &fe, "%s", tt.reason)
				require.Equal(t, tt.attr, fe.Attr, "%s", tt.reason)
				return
			}
			require.NoError(t, err, "%s", tt.reason)
			assert.Equal(t, tt.want, e.BirthDates, "%s", tt.reason)
			assert.Equal(t, tt.remarks, strings.Join(c.remarks, "\n"), "%s", tt.reason)
		})
	}
}

func TestEUSubjectType(t *testing.T) {
	tests := []struct {
		code, class string
		want        EntityType
		wantErr     error
		reason      string
	}{
		{"person", "P", Person, nil, "as the XML writes it"},
		{"P", "person", Person, nil, "as the CSV writes it, the columns swapped"},
		{"enterprise", "E", Organization, nil, "an enterprise"},
		{"", "E", Organization, nil, "the classification code alone"},
		{"person", "E", TypeUnknown, ErrMalformed, "the two disagree"},
		{"vessel", "V", TypeUnknown, ErrMalformed, "a type the EU does not publish"},
		{"", "", TypeUnknown, ErrMissing, "no subject type"},
	}
	for _, tt := range tests {
		got, err := euSubjectTypeOf(euSubjectType{Code: tt.code, ClassificationCode: tt.class})
		if got != tt.want || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
			t.Errorf("euSubjectTypeOf(%q, %q) = %v, %v, want %v, %v (%s)", tt.code, tt.class, got, err, tt.want, tt.wantErr, tt.reason)
		}
	}
}

func TestEUIDType(t *testing.T) {
	tests := []struct {
		code, desc string
		want       IDType
		reason     string
	}{
		{"passport", "National passport", IDPassport, "passport"},
		{"travelcardid", "Temporary Travel Document", IDPassport, "a travel document"},
		{"id", "National identification card", IDNationalID, "identity card"},
		{"ssn", "Social Security Number", IDNationalID, "social security number"},
		{"fiscalcode", "National Fiscal Code", IDTaxID, "tax number"},
		{"regnumber", "Registration Number", IDRegistration, "company registration"},
		{"tradelic", "Trade license", IDRegistration, "trade licence"},
		{"swiftbic", "SWIFT BIC", IDSWIFTBIC, "bank code"},
		{"imo", "IMO (vessel identification)", IDIMO, "vessel number"},
		{"drivinglicence", "Driving licence", IDDriversLicense, "driving licence"},
		{"other", "Other identification number", IDOther, "other stays other, not read from its description"},
		{"newcode", "Tax ID No.", IDTaxID, "an unknown code is classified by its description"},
		{"newcode", "Something", IDOther, "unknown code and description"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, euIDType(tt.code, tt.desc), "euIDType(%q, %q) (%s)", tt.code, tt.desc, tt.reason)
	}
}

func TestEUNamesPrimary(t *testing.T) {
	tests := []struct {
		name    string
		aliases []euNameAlias
		want    []string // Full names in result order, the primary first
		kinds   []NameKind
		reason  string
	}{
		{"first strong", []euNameAlias{{WholeName: "A"}, {WholeName: "B"}}, []string{"A", "B"}, []NameKind{Primary, AKA}, "the first name is strong"},
		{"weak first", []euNameAlias{{WholeName: "A", Strong: "false"}, {WholeName: "B"}}, []string{"B", "A"}, []NameKind{Primary, AKA},
			"a weak first name does not become primary"},
		{"former first", []euNameAlias{{WholeName: "A", Remarks: []string{"formerly known as"}}, {WholeName: "B", Remarks: []string{"low quality alias"}}, {WholeName: "C"}},
			[]string{"C", "A", "B"}, []NameKind{Primary, FKA, AKA}, "neither a former nor a weak name is primary"},
		{"all weak", []euNameAlias{{WholeName: "A", Strong: "false"}, {WholeName: "B", Strong: "false"}}, []string{"A", "B"}, []NameKind{Primary, AKA},
			"with no strong name, the first one is primary"},
		{"parts only", []euNameAlias{{FirstName: "Ivan", LastName: "IVANOV"}}, []string{"Ivan IVANOV"}, []NameKind{Primary},
			"no wholeName: the parts are joined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c euConverter
			var e Entity
			require.NoError(t, c.names(&e, tt.aliases))
			var got []string
			var kinds []NameKind
			for _, n := range e.Names {
				got = append(got, n.Full)
				kinds = append(kinds, n.Kind)
			}
			assert.Equal(t, tt.want, got, "%s", tt.reason)
			assert.Equal(t, tt.kinds, kinds, "%s", tt.reason)
		})
	}
}

// ExampleParseEUXML reads a small EU FSF XML 1.1 export.
func ExampleParseEUXML() {
	const export = `<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-03-10T18:02:11.125+01:00">
  <sanctionEntity designationDate="2016-03-02" euReferenceNumber="EU.9001.11" logicalId="900001">
    <regulation programme="PRK" publicationDate="2016-03-04"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Chol-su" lastName="KIM" wholeName="KIM Chol-su" strong="true" logicalId="1"/>
    <nameAlias wholeName="김철수" nameLanguage="KO" strong="true" logicalId="2"/>
    <nameAlias wholeName="Kim the Trader" strong="false" logicalId="3"/>
    <identification identificationTypeCode="passport" identificationTypeDescription="National passport" number="836210123" countryIso2Code="KP" logicalId="4"/>
  </sanctionEntity>
</export>`
	l, err := ParseEUXML(File{Name: "export.xml", R: strings.NewReader(export)})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entities[0]
	fmt.Println(l.Published.Format(time.DateOnly), e.ID, e.Type, e.Programs, "DPRK:", e.DPRK)
	for _, n := range e.Names {
		if n.Script != "" {
			fmt.Println(n.Kind, n.Strength, n.Full, "in", n.Script)
			continue
		}
		fmt.Println(n.Kind, n.Strength, n.Full)
	}
	fmt.Println(e.Identifiers[0].Type, e.Identifiers[0].Value, e.Identifiers[0].Country)
	// Output:
	// 2026-03-10 900001 person [PRK] DPRK: true
	// primary strong KIM Chol-su
	// aka strong 김철수 in Hangul
	// aka weak Kim the Trader
	// passport 836210123 KP
}
