package lists

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ukFixtureEntities are the four designations of the fixtures
// testdata/uk/UK-Sanctions-List.xml and .csv, as both parsers must read them.
func ukFixtureEntities() []Entity {
	rus := "The Russia (Sanctions) (EU Exit) Regulations 2019"
	dprk := "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"
	return []Entity{
		{
			Source: UK, ID: "RUS9001", Type: Person,
			Names: []Name{
				{Full: "Ivan Petrovich SAMPLOV", Kind: Primary, Parts: []NamePart{ukGiven("Ivan"), ukMiddle("Petrovich"), ukFamily("SAMPLOV")}},
				{Full: "Ivan Petrovich SAMPLOFF", Kind: AKA, Parts: []NamePart{ukGiven("Ivan"), ukMiddle("Petrovich"), ukFamily("SAMPLOFF")}},
				{Full: "Vanya SAMPLOV", Kind: AKA, Parts: []NamePart{ukGiven("Vanya"), ukFamily("SAMPLOV")}},
				{Full: "Vanya", Kind: AKA, Strength: Weak, Parts: []NamePart{ukFamily("Vanya")}},
				{Full: "Иван Петрович Самплов", Kind: AKA, Script: "Cyrillic", Language: "Russian"},
			},
			BirthDates:    []DateOfBirth{{From: Date{1971, 2, 14}}, {From: Date{Year: 1972}}},
			BirthPlaces:   []Place{{Text: "Kaliningrad, Russia", Country: "RU"}},
			Nationalities: []string{"RU", "IL"},
			Addresses: []Address{
				{Street: "10 Primer Street", City: "Moscow", PostalCode: "101000", Country: "RU", CountryName: "Russia"},
				{Street: "Flat 2, 5 Example Road", City: "London", PostalCode: "SW1A 0AA", Country: "GB", CountryName: "United Kingdom"},
			},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "OFSI Group ID", Value: "99001"},
				{Type: IDPassport, Label: "Passport number", Value: "7200000001", Country: "RU", Note: "Russia passport number, issued 2015"},
				{Type: IDPassport, Label: "Passport number", Value: "P1234567", Country: "IL", Note: "Israel passport"},
				{Type: IDNationalID, Label: "National Identifier number", Value: "770000000001", Country: "RU", Note: "Russia tax number (INN)"},
			},
			Programs: []string{rus},
			Gender:   "Male",
			Titles:   []string{"Colonel", "Director of Example Holdings"},
			Remarks: "Associated with EXAMPLE HOLDINGS JSC (RUS9002).\n" +
				"UK Statement of Reasons: Ivan Petrovich SAMPLOV is an invented person used to test the parser.\n" +
				"Sanctions imposed: Asset freeze|Travel Ban|Director disqualification sanction\n" +
				"Designation source: UK",
			Listed: Date{2022, 3, 15},
		},
		{
			Source: UK, ID: "RUS9002", Type: Organization,
			Names: []Name{
				{Full: "EXAMPLE HOLDINGS JSC", Kind: Primary},
				{Full: "AO PRIMER HOLDINGS", Kind: AKA},
				{Full: "EXHOLD", Kind: AKA}, // no alias strength: strong
				{Full: "АО Пример Холдингс", Kind: AKA, Script: "Cyrillic"},
			},
			Addresses: []Address{{Street: "Office 5, 1 Sample Embankment", City: "St Petersburg", PostalCode: "190000", Country: "RU", CountryName: "Russia"}},
			Identifiers: []Identifier{
				{Type: IDRegistration, Label: "Business registration number", Value: "INN: 7800000000"},
				{Type: IDEmail, Label: "Email address", Value: "info@example-holdings.example"},
				{Type: IDWebsite, Label: "Website", Value: "www.example-holdings.example"},
				{Type: IDPhone, Label: "Phone number", Value: "+7 812 000 00 00"},
				{Type: IDPhone, Label: "Phone number", Value: "+7 812 000 00 01"},
			},
			Programs: []string{rus},
			Remarks: "Invented entity: holds shares in sample companies, Moscow & St Petersburg.\n" +
				"Type of entity: Joint Stock Company\n" +
				"Parent company: State Example Corporation\n" +
				"Subsidiary: Example Logistics LLC\n" +
				"Subsidiary: Example Shipping LLC\n" +
				"Sanctions imposed: Asset freeze|Trust services sanctions\n" +
				"Designation source: UK",
			Listed: Date{2023, 2, 24},
		},
		{
			Source: UK, ID: "DPR9003", Type: Person,
			Names: []Name{
				{Full: "Chol Su KIM", Kind: Primary, Parts: []NamePart{ukGiven("Chol"), ukMiddle("Su"), ukFamily("KIM")}},
				{Full: "Chol-su Kim", Kind: AKA, Parts: []NamePart{ukGiven("Chol-su"), ukFamily("Kim")}},
				{Full: "김철수", Kind: AKA, Script: "Hangul", Language: "Korean"},
			},
			BirthDates:    []DateOfBirth{{From: Date{Year: 1980, Month: 5}}},
			BirthPlaces:   []Place{{Text: "Pyongyang, North Korea", Country: "KP"}},
			Nationalities: []string{"KP"},
			Addresses:     []Address{{Country: "CN", CountryName: "China"}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "OFSI Group ID", Value: "99003"},
				{Type: IDOther, Label: "UN Reference Number", Value: "KPi.999"},
				{Type: IDPassport, Label: "Passport number", Value: "745000000", Country: "KP", Note: "Democratic People's Republic of Korea passport, expires 2025"},
			},
			Programs: []string{dprk}, DPRK: true,
			Titles: []string{"Representative of Example Trading Corporation"},
			Remarks: "Invented representative of an invented trading company.\n" +
				"Sanctions imposed: Asset freeze|Travel Ban\n" +
				"Designation source: UN",
			Listed: Date{2016, 3, 2},
		},
		{
			Source: UK, ID: "DPR9004", Type: Vessel,
			Names: []Name{
				{Full: "EXAMPLE STAR", Kind: Primary},
				{Full: "EXAMPLE STAR 1", Kind: AKA},
				{Full: "SAMPLE WAVE", Kind: AKA},
			},
			Identifiers: []Identifier{{Type: IDIMO, Label: "IMO number", Value: "IMO9000001"}},
			Programs:    []string{dprk}, DPRK: true,
			Remarks: "Invented tanker, \"ship-to-ship\" transfers of sample cargo, 2017.\n" +
				"Previous owner/operator: Old Example Shipping Ltd\n" +
				"Previous flag: Panama\n" +
				"Previous flag: Sierra Leone\n" +
				"Length of ship: 80\n" +
				"Year built: 1990\n" +
				"Sanctions imposed: Asset freeze|Prohibition of port entry|Deflag\n" +
				"Designation source: UN",
			Listed: Date{2018, 3, 30},
			Vessel: &VesselInfo{Type: "Oil Tanker", Tonnage: "1500", Flag: "North Korea", Owner: "Example Star Shipping Co"},
		},
	}
}

func TestParseUKXMLFixture(t *testing.T) {
	l, err := ParseUKXML(File{Name: "UK-Sanctions-List.xml", R: bytes.NewReader(ukTestdata(t, "UK-Sanctions-List.xml"))})
	require.NoError(t, err)
	if l.Source != UK || l.Format != FormatUKXML || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("list header = %v %v %q %v", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	if want := time.Date(2026, 8, 14, 23, 0, 4, 744e6, time.UTC); !l.Published.Equal(want) {
		t.Errorf("Published = %v, want %v from the dateGenerated attribute", l.Published, want)
	}
	ukCheckEntities(t, l.Entities, ukFixtureEntities())
}

// TestParseUKXMLExcerpt checks the two records of the hand-transcribed
// excerpt of the real FCDO file of 14 August 2026.
func TestParseUKXMLExcerpt(t *testing.T) {
	l, err := ParseUKXML(openShared(t, "uk/2026-08-excerpt/UK-Sanctions-List-excerpt.xml"))
	require.NoError(t, err)
	if want := time.Date(2026, 8, 14, 23, 0, 4, 744e6, time.UTC); !l.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", l.Published, want)
	}
	want := []Entity{
		{
			Source: UK, ID: "AQD0128", Type: Person,
			Names: []Name{
				{Full: "AKRAM TURKI HISHAN AL-MAZIDIH", Kind: Primary, Parts: []NamePart{ukGiven("AKRAM"), ukMiddle("TURKI"), ukMiddle("HISHAN"), ukFamily("AL-MAZIDIH")}},
				{Full: "Abu Akram", Kind: AKA, Strength: Weak, Parts: []NamePart{ukGiven("Abu"), ukFamily("Akram")}},
				{Full: "Akram Turki Al-Hishan", Kind: AKA, Parts: []NamePart{ukGiven("Akram"), ukMiddle("Turki"), ukFamily("Al-Hishan")}},
				{Full: "Abu Jarrah", Kind: AKA, Strength: Weak, Parts: []NamePart{ukGiven("Abu"), ukFamily("Jarrah")}},
				{Full: "أكرم تركي هاشم المزيده", Kind: AKA, Script: "Arabic"},
			},
			BirthDates: []DateOfBirth{
				{From: Date{Year: 1974}}, {From: Date{Year: 1975}}, {From: Date{Year: 1979}},
				{From: Date{Year: 1958, Month: 9}}, {From: Date{Year: 1985}},
			},
			Addresses: []Address{
				{Country: "IQ", CountryName: "Iraq"},
				{City: "Deir ez-Zor Governorate", Country: "SY", CountryName: "Syria"},
			},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "OFSI Group ID", Value: "11050"},
				{Type: IDOther, Label: "UN Reference Number", Value: "QDi.276"},
				{Type: IDNationalID, Label: "National Identifier number", Value: "0075258", Note: "Ration card no."},
			},
			Programs: []string{"Isil (Da'esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) Regulations 2019"},
			Remarks: "Other possible date of birth: 1979. He is a cousin of Ghazy Fezza Hishan Al Mazidih (QDi.277). Financial facilitator of the Islamic State in Iraq and the Levant, listed as Al-Qaida in Iraq (AQI) (QDe.115) as of 2015. Review pursuant to Security Council resolution 2253 (2015) was concluded on 21 Feb. 2019. INTERPOL-UN Security Council Special Notice web link: https://www.interpol.int/en/notice/search/un/1605607\n" +
				"Sanctions imposed: Asset freeze|Arms embargo|Travel Ban\n" +
				"Designation source: UN",
			Listed: Date{2010, 3, 11},
		},
		{
			Source: UK, ID: "DPR0075", Type: Vessel,
			Names: []Name{
				{Full: "Petrel 8", Kind: Primary},
				{Full: "Jal Vahini", Kind: AKA},
				{Full: "Jal_Vahini", Kind: AKA},
				{Full: "Tian Tai 36", Kind: AKA},
			},
			Identifiers: []Identifier{{Type: IDIMO, Label: "IMO number", Value: "IMO9562233"}},
			Programs:    []string{"The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"},
			DPRK:        true,
			Remarks: "Pursuant to paragraph 6 of Security Council Resolution 2371 (2017) and paragraph 6 of Security Council Resolution 2375 (2017)\n" +
				"Previous flag: India\nLength of ship: 134.5\nYear built: 2011\n" +
				"Sanctions imposed: Prohibition of port entry\nDesignation source: UN",
			Listed: Date{2017, 10, 3},
			Vessel: &VesselInfo{Type: "Bulk Carrier", Tonnage: "7078", Flag: "Comoros", Owner: "Global United Shipping India"},
		},
	}
	ukCheckEntities(t, l.Entities, want)
}

func TestParseUKXMLDetails(t *testing.T) {
	head := `<?xml version="1.0" encoding="utf-8"?>` + "\n<Designations>\n"
	tests := []struct {
		name, body string
		check      func(*testing.T, *List)
		reason     string
	}{
		{
			"DateGenerated element", `<DateGenerated>14/08/2026</DateGenerated>
<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>A</Name6><NameType>Primary Name</NameType></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip></Designation>`,
			func(t *testing.T, l *List) {
				if want := time.Date(2026, 8, 14, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) || l.PublishedFrom != PublishedFromContent {
					t.Errorf("Published = %v (%q), want %v", l.Published, l.PublishedFrom, want)
				}
			},
			"without the dateGenerated attribute, the DateGenerated element dates the list",
		},
		{
			"no date", `<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>A</Name6><NameType>Primary Name</NameType></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip></Designation>`,
			func(t *testing.T, l *List) {
				assert.True(t, l.Published.IsZero(), "Published = %v", l.Published)
				assert.Empty(t, l.PublishedFrom, "Published = %v", l.Published)
			},
			"a file that states no date leaves it to the loader",
		},
		{
			"unknown elements", `<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>A</Name6><NameType>Primary Name</NameType></Name></Names><IndividualEntityShip>Ship</IndividualEntityShip>
<FutureElement>kept <b>text</b></FutureElement><ShipDetails><Ship><HullIdentificationNumbers><HullIdentificationNumber>HIN-1</HullIdentificationNumber></HullIdentificationNumbers></Ship></ShipDetails></Designation>`,
			func(t *testing.T, l *List) {
				want := "HullIdentificationNumbers: HIN-1\nFutureElement: kept text"
				assert.Equal(t, want, l.Entities[0].Remarks)
			},
			"elements the parser does not know are kept in the remarks, not dropped",
		},
		{
			"no primary name", `<Designation><UniqueID>X1</UniqueID><NonLatinNames><NonLatinName><NameNonLatinScript>АБВ</NameNonLatinScript></NonLatinName></NonLatinNames>
<Names><Name><Name6>B</Name6><NameType>Alias</NameType><AliasStrength>Low quality a.k.a</AliasStrength></Name><Name><Name6>C</Name6><NameType>Alias</NameType></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip></Designation>`,
			func(t *testing.T, l *List) {
				want := []Name{{Full: "B", Kind: Primary}, {Full: "C", Kind: AKA}, {Full: "АБВ", Kind: AKA, Script: "Cyrillic"}}
				ukCheckEntities(t, []Entity{{Names: l.Entities[0].Names}}, []Entity{{Names: want}})
			},
			"without a primary name the first Latin name is primary, and strong",
		},
		{
			"two primary names", `<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>A</Name6><NameType>Primary Name</NameType></Name><Name><Name6>B</Name6><NameType>Primary Name</NameType></Name><Name><Name6>A</Name6><NameType>Alias</NameType><AliasStrength>Low quality a.k.a</AliasStrength></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip></Designation>`,
			func(t *testing.T, l *List) {
				want := []Name{{Full: "A", Kind: Primary}, {Full: "B", Kind: AKA}}
				ukCheckEntities(t, []Entity{{Names: l.Entities[0].Names}}, []Entity{{Names: want}})
			},
			"one primary name: a second is kept as a strong alias, and a repeat of the primary as a weak alias is dropped",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseUKXML(File{Name: "f.xml", R: strings.NewReader(head + tt.body + "\n</Designations>")})
			require.NoError(t, err, "%s", tt.reason)
			tt.check(t, l)
		})
	}
}

func FuzzParseUKXML(f *testing.F) {
	f.Add(ukTestdata(f, "UK-Sanctions-List.xml"))
	f.Add([]byte(`<Designations><Designation><UniqueID>X</UniqueID><Names><Name><Name6>A</Name6></Name></Names><IndividualEntityShip>Ship</IndividualEntityShip></Designation></Designations>`))
	f.Add([]byte(`<Designations dateGenerated="2026-01-01T00:00:00Z"><DateGenerated>01/01/2026</DateGenerated></Designations>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ukCheckFuzz(t, ParseUKXML, data)
	})
}

// BenchmarkParseUKXMLFixture parses the fixture (no full FCDO XML is
// available offline).
func BenchmarkParseUKXMLFixture(b *testing.B) {
	ukBench(b, ParseUKXML, "testdata/uk/UK-Sanctions-List.xml")
}

// BenchmarkParseUKXMLExcerpt parses the two real records of the excerpt.
func BenchmarkParseUKXMLExcerpt(b *testing.B) {
	ukBench(b, ParseUKXML, sharedList(b, "uk/2026-08-excerpt/UK-Sanctions-List-excerpt.xml"))
}
