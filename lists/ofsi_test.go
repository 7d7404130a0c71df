package lists

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseOFSICSVFixture checks every entity of testdata/uk/ConList.csv, a
// hand-written file in the OFSI format: rows sorted by name as OFSI sorts
// them, so the rows of a group are not next to each other, and repeated for
// each date of birth, address and regime.
func TestParseOFSICSVFixture(t *testing.T) {
	l, err := ParseOFSICSV(File{Name: "ConList.csv", R: bytes.NewReader(ukTestdata(t, "ConList.csv"))})
	require.NoError(t, err)
	if l.Source != UK || l.Format != FormatOFSICSV || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("list header = %v %v %q %v", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	if want := time.Date(2024, 1, 25, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) {
		t.Errorf("Published = %v, want %v from the Last Updated line", l.Published, want)
	}
	dprk := "Democratic People's Republic of Korea"
	want := []Entity{
		{ // first row of the file; its primary name row comes third
			Source: UK, ID: "90002", Type: Organization,
			Names: []Name{
				{Full: "EXAMPLE HOLDINGS JSC", Kind: Primary},
				{Full: "AO PRIMER HOLDINGS", Kind: AKA},
				{Full: "EXAMPLE HOLDINGS AO", Kind: AKA}, // "Primary name variation"
				{Full: "OLD EXAMPLE HOLDINGS", Kind: FKA},
				{Full: "АО Пример Холдингс", Kind: AKA, Script: "Cyrillic"}, // no script type published
			},
			Addresses: []Address{{Street: "Office 5, 1 Sample Embankment", City: "St Petersburg", PostalCode: "190000", Country: "RU", CountryName: "Russia"}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "RUS9002"},
				{Type: IDRegistration, Label: "Business Reg No", Value: "INN: 7800000000"},
				{Type: IDRegistration, Label: "Business Reg No", Value: "OGRN: 1027800000000"},
				{Type: IDEmail, Label: "Email address", Value: "info@example-holdings.example"},
				{Type: IDEmail, Label: "Email address", Value: "press@example-holdings.example"},
				{Type: IDWebsite, Label: "Website", Value: "www.example-holdings.example"},
				{Type: IDPhone, Label: "Phone number", Value: "+7 812 000 00 00"},
			},
			Programs: []string{"Russia", "Belarus"},
			Remarks:  "(UK Sanctions List Ref):RUS9002. (UK Statement of Reasons):Invented entity. (Phone number):+7 812 000 00 00 (Website):www.example-holdings.example (Email address):(1) info@example-holdings.example (2) press@example-holdings.example (Type of entity):Joint Stock Company (Business Reg No):(1) INN: 7800000000 (2) OGRN: 1027800000000 (Parent company):State Example Corporation",
			Listed:   Date{2022, 3, 2}, // the earlier of its two regimes
		},
		{
			Source: UK, ID: "90004", Type: Vessel,
			Names: []Name{{Full: "EXAMPLE STAR", Kind: Primary}, {Full: "SAMPLE WAVE", Kind: AKA}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "DPR9004"},
				{Type: IDIMO, Label: "IMO number", Value: "9000001"},
			},
			Programs: []string{dprk}, DPRK: true,
			Remarks: "(UK Sanctions List Ref):DPR9004. (IMO number):9000001 (Current owners):Example Star Shipping Co (Flag of ship):North Korea (Previous flags):Panama. Sierra Leone (Type of ship):Oil tanker (Tonnage of ship):1500 (Length of ship):80 (Year built):1990",
			Listed:  Date{2018, 3, 30},
			Vessel:  &VesselInfo{Type: "Oil tanker", Tonnage: "1500", Flag: "North Korea", Owner: "Example Star Shipping Co"},
		},
		{
			Source: UK, ID: "90005", Type: Person,
			Names: []Name{
				{Full: "Abdul Sample EXAMPLEZAI", Kind: Primary, Parts: []NamePart{ukGiven("Abdul"), ukMiddle("Sample"), ukFamily("EXAMPLEZAI")}},
				{Full: "Abu Sample", Kind: AKA, Strength: Weak, Parts: []NamePart{ukGiven("Abu"), ukFamily("Sample")}},
			},
			BirthDates: []DateOfBirth{{From: Date{Year: 1960}}, {From: Date{1962, 1, 1}}},
			BirthPlaces: []Place{ // the n-th town goes with the n-th country
				{Text: "Baghlan Jadid District, Baghlan Province, Afghanistan", Country: "AF"},
				{Text: "Pul-e-Khumri, Afghanistan", Country: "AF"},
			},
			Nationalities: []string{"AF"},
			Addresses:     []Address{{City: "Kandahar", Country: "AF", CountryName: "Afghanistan"}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "AFG9005"},
				{Type: IDOther, Label: "UN Ref", Value: "TAi.999"},
				{Type: IDNationalID, Label: "National Identification Number", Value: "1111", Country: "AF", Note: "Afghan tazkira"},
				{Type: IDNationalID, Label: "National Identification Number", Value: "2222", Country: "PK", Note: "Pakistan national identity card"},
			},
			Programs: []string{"Afghanistan"},
			Gender:   "Male",
			Titles:   []string{"Mullah", "Maulavi"},
			Remarks:  "(UK Sanctions List Ref):AFG9005 (UN Ref):TAi.999. Invented. Review pursuant to Security Council resolution 1822 (2008) was concluded on 21 Jul. 2010. (Gender):Male",
			Listed:   Date{2001, 2, 23},
		},
		{
			Source: UK, ID: "90003", Type: Person,
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
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "DPR9003"},
				{Type: IDOther, Label: "UN Ref", Value: "KPi.999"},
				{Type: IDPassport, Label: "Passport Number", Value: "745000000", Country: "KP", Note: "Democratic People's Republic of Korea passport, expires 2025"},
			},
			Programs: []string{dprk}, DPRK: true,
			Gender:  "Male", // published "male"
			Titles:  []string{"Mr", "Representative of Example Trading Corporation"},
			Remarks: "(UK Sanctions List Ref):DPR9003. (UN Ref):KPi.999. Invented representative of an invented trading company. (Gender):male",
			Listed:  Date{2016, 3, 2},
		},
		{ // 12 rows: 3 names x 2 dates of birth x 2 addresses
			Source: UK, ID: "90001", Type: Person,
			Names: []Name{
				{Full: "Ivan Petrovich SAMPLOV", Kind: Primary, Parts: []NamePart{ukGiven("Ivan"), ukMiddle("Petrovich"), ukFamily("SAMPLOV")}},
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
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "RUS9001"},
				{Type: IDPassport, Label: "Passport Number", Value: "7200000001", Country: "RU", Note: "Russia number, issued 2015"},
				{Type: IDPassport, Label: "Passport Number", Value: "P1234567", Country: "IL", Note: "Israel passport"},
				{Type: IDNationalID, Label: "National Identification Number", Value: "770000000001", Country: "RU", Note: "Russia tax number (INN)"},
				{Type: IDEmail, Label: "Email address", Value: "ivan@example.example"},
				{Type: IDPhone, Label: "Phone number", Value: "+7 495 000 00 00"},
				{Type: IDPhone, Label: "Phone number", Value: "+7 495 000 00 01"},
			},
			Programs: []string{"Russia"},
			Gender:   "Male",
			Titles:   []string{"Colonel", "Director of Example Holdings", "Member of the Example Council"},
			Remarks:  "(UK Sanctions List Ref):RUS9001. (UK Statement of Reasons):Ivan Petrovich SAMPLOV is an invented person (“test”) used to test the parser. (Phone number):(1) +7 495 000 00 00 (2) +7 495 000 00 01 (Email address):ivan@example.example (Gender):Male",
			Listed:   Date{2022, 3, 15},
		},
	}
	ukCheckEntities(t, l.Entities, want)
}

// TestParseOFSICSVReal parses the real ConList.csv of 25 January 2024.
func TestParseOFSICSVReal(t *testing.T) {
	data, err := os.ReadFile(sharedList(t, "uk/2024-01/ConList.csv"))
	require.NoError(t, err)
	l, err := ParseOFSICSV(File{Name: "ConList.csv", R: bytes.NewReader(data)})
	require.NoError(t, err)
	if want := time.Date(2024, 1, 25, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) || l.PublishedFrom != PublishedFromContent {
		t.Errorf("Published = %v (%s), want %v from the content", l.Published, l.PublishedFrom, want)
	}

	// An independent count with encoding/csv: distinct Group IDs, their
	// Group Type and whether a row names the DPRK regime.
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err)
	groupType := map[string]string{}
	dprkGroups := map[string]bool{}
	for _, rec := range recs[2:] {
		id := rec[35]
		groupType[id] = rec[28]
		if rec[31] == "Democratic People's Republic of Korea" {
			dprkGroups[id] = true
		}
	}
	byType := map[EntityType]int{}
	for _, gt := range groupType {
		byType[map[string]EntityType{"Individual": Person, "Entity": Organization, "Ship": Vessel}[gt]]++
	}

	c := l.Counts()
	checks := []struct {
		what      string
		got, want int
		simple    int // the independent count, or -1
	}{
		{"rows", len(recs) - 2, 17642, -1},
		{"entities (groups)", c.Entities, 4254, len(groupType)},
		{"persons", c.ByType[Person], 3422, byType[Person]},
		{"organizations", c.ByType[Organization], 817, byType[Organization]},
		{"vessels", c.ByType[Vessel], 15, byType[Vessel]},
		{"DPRK entities", c.DPRK, 236, len(dprkGroups)},
		{"strong aliases", c.StrongAliases, 9813, -1},
		{"weak aliases", c.WeakAliases, 586, -1},
		{"identifiers", c.Identifiers, 7358, -1},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %d, want %d", ck.what, ck.got, ck.want)
		}
		if ck.simple >= 0 && ck.simple != ck.want {
			t.Errorf("%s by a simple count = %d, want %d", ck.what, ck.simple, ck.want)
		}
	}

	ents := map[string]*Entity{}
	var noRef []string
	for i := range l.Entities {
		e := &l.Entities[i]
		if ents[e.ID] != nil {
			t.Errorf("group %s appears twice", e.ID)
		}
		ents[e.ID] = e
		if len(e.Names) == 0 || e.Names[0].Kind != Primary {
			t.Errorf("group %s has no primary name first", e.ID)
		}
		for _, n := range e.Names[1:] {
			if n.Kind == Primary {
				t.Errorf("group %s has a second primary name %q", e.ID, n.Full)
			}
		}
		if len(e.Identifiers) == 0 || e.Identifiers[0].Label != "UK Sanctions List Ref" {
			noRef = append(noRef, e.ID)
		}
	}
	// Every row of this file but one (line 14748) gives its UK Sanctions List Ref.
	assert.True(t, slices.Equal(noRef, []string{"15878"}), "groups without a UK Sanctions List Ref: %v", noRef)
	if first := l.Entities[0].ID; first != recs[2][35] {
		t.Errorf("first entity %s, want the group of the first row %s", first, recs[2][35])
	}

	// Four groups field by field, read from the file by hand.
	want := []Entity{
		{ // DPRK person: 16 rows (8 names x 2 dates of birth); the primary name is the 11th row
			Source: UK, ID: "12441", Type: Person,
			Names: []Name{
				{Full: "KIM TONG MY'ONG", Kind: Primary, Parts: []NamePart{ukGiven("KIM"), ukFamily("TONG MY'ONG")}},
				{Full: "Kim CHIN-SO'K", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("CHIN-SO'K")}},
				{Full: "Kim HYOK CHOL", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("HYOK CHOL")}},
				{Full: "Kim HYOK-CHOL", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("HYOK-CHOL")}},
				{Full: "Kim JIN-SOK", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("JIN-SOK")}},
				{Full: "Kim TONG MYONG", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("TONG MYONG")}},
				{Full: "Kim TONG-MYO’NG", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("TONG-MYO’NG")}},
				{Full: "Kim TONG-MYONG", Kind: AKA, Parts: []NamePart{ukGiven("Kim"), ukFamily("TONG-MYONG")}},
			},
			BirthDates:    []DateOfBirth{{From: Date{Year: 1964}}, {From: Date{1962, 8, 28}}},
			Nationalities: []string{"KP"},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "DPR0239"},
				{Type: IDOther, Label: "UN Ref", Value: "KPi.023"},
				{Type: IDPassport, Label: "Passport Number", Value: "290320764", Country: "KP", Note: "Issued by the Democratic People's Republic of Korea"},
			},
			Programs: []string{"Democratic People's Republic of Korea"}, DPRK: true,
			Titles:  []string{"President of Tanchon Commercial Bank"},
			Remarks: "(UK Sanctions List Ref):DPR0239. (UN Ref):KPi.023. Kim Tong My’ong is the President of Tanchon Commercial Bank and has held various positions within Tanchon Commercial bank since at least 2002. He has also played a role in managing Amroggang’s affairs.",
			Listed:  Date{2011, 12, 21},
		},
		{ // DPRK ship: two rows, lines 4783 and 6168
			Source: UK, ID: "13656", Type: Vessel,
			Names: []Name{{Full: "CHON MA SAN", Kind: Primary}, {Full: "GO MAL SAN 4", Kind: AKA}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "DPR0105"},
				{Type: IDIMO, Label: "IMO number", Value: "8660313"},
			},
			Programs: []string{"Democratic People's Republic of Korea"}, DPRK: true,
			Remarks: "(UK Sanctions List Ref):DPR0105. Pursuant to paragraph 6 of Security Council Resolution 2371 (2017), paragraph 6 of Security Council Resolution 2375 (2017)and paragraph 12 of Security Council resolution 2321 (2016). DPRK vessel M/V CHON MA SAN was involved in ship-to-ship transfer operations for oil in mid-November 2017. Listed as asset of Korea Achim Shipping Co (OFSI ID: 13632, UN Reference Number: UN Ref KPe.061) (IMO number):8660313 (Current owners):Korea Achim Shipping Co (Flag of ship):North Korea (Type of ship):Oil tanker (Tonnage of ship):2808 (Length of ship):83 (Year built):2005",
			Listed:  Date{2018, 4, 3},
			Vessel:  &VesselInfo{Type: "Oil tanker", Tonnage: "2808", Flag: "North Korea", Owner: "Korea Achim Shipping Co"},
		},
		{ // entity with a Cyrillic name, an address and contacts in Other Information
			Source: UK, ID: "15982", Type: Organization,
			Names: []Name{
				{Full: "AFK SISTEMA", Kind: Primary},
				{Full: "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО «АКЦИОНЕРНАЯ ФИНАНСОВАЯ КОРПОРАЦИЯ «СИСТЕМА»", Kind: AKA, Script: "Cyrillic", Language: "Russian"},
			},
			Addresses: []Address{{Street: "13/1, Mokhovaya St.", City: "Moscow", PostalCode: "125009", Country: "RU", CountryName: "Russia"}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "RUS1926"},
				{Type: IDRegistration, Label: "Business Reg No", Value: "TIN - 7703104630"},
				{Type: IDWebsite, Label: "Website", Value: "https://sistema.com"},
				{Type: IDPhone, Label: "Phone number", Value: "+7 (495) 737-01-01"},
			},
			Programs: []string{"Russia"},
			Listed:   Date{2023, 5, 19},
		},
		{ // person listed under two regimes, with two references of each kind
			Source: UK, ID: "6995", Type: Person,
			Names: []Name{
				{Full: "Hassan Dahir AWEYS", Kind: Primary, Parts: []NamePart{ukGiven("Hassan"), ukMiddle("Dahir"), ukFamily("AWEYS")}},
				{Full: "Sheikh Hassan Dahir Aweys ALI", Kind: AKA, Parts: []NamePart{ukGiven("Sheikh"), ukMiddle("Hassan"), ukMiddle("Dahir"), ukMiddle("Aweys"), ukFamily("ALI")}},
				{Full: "Hassan Dahir AWES", Kind: AKA, Parts: []NamePart{ukGiven("Hassan"), ukMiddle("Dahir"), ukFamily("AWES")}},
				{Full: "Shaykh Hassan Dahir AWES", Kind: AKA, Parts: []NamePart{ukGiven("Shaykh"), ukMiddle("Hassan"), ukMiddle("Dahir"), ukFamily("AWES")}},
				{Full: "Hassen Dahir AWEYES", Kind: AKA, Parts: []NamePart{ukGiven("Hassen"), ukMiddle("Dahir"), ukFamily("AWEYES")}},
				{Full: "Ahmed Dahir AWEYS", Kind: AKA, Parts: []NamePart{ukGiven("Ahmed"), ukMiddle("Dahir"), ukFamily("AWEYS")}},
				// Low quality on some rows and good quality on others: strong.
				{Full: "Sheikh AWEYS", Kind: AKA, Parts: []NamePart{ukGiven("Sheikh"), ukFamily("AWEYS")}},
				{Full: "Sheikh Hassan Dahir AWEYS", Kind: AKA, Parts: []NamePart{ukGiven("Sheikh"), ukMiddle("Hassan"), ukMiddle("Dahir"), ukFamily("AWEYS")}},
				{Full: "Aweys Hassan DAHIR", Kind: AKA, Parts: []NamePart{ukGiven("Aweys"), ukMiddle("Hassan"), ukFamily("DAHIR")}},
				{Full: "Sheikh HASSAN", Kind: AKA, Parts: []NamePart{ukGiven("Sheikh"), ukFamily("HASSAN")}},
				{Full: "Mohammed Hassan IBRAHIM", Kind: AKA, Parts: []NamePart{ukGiven("Mohammed"), ukMiddle("Hassan"), ukFamily("IBRAHIM")}},
				{Full: "Hassan Tahir OAIS", Kind: AKA, Parts: []NamePart{ukGiven("Hassan"), ukMiddle("Tahir"), ukFamily("OAIS")}},
				{Full: "Hassan Tahir UWAYS", Kind: AKA, Parts: []NamePart{ukGiven("Hassan"), ukMiddle("Tahir"), ukFamily("UWAYS")}},
				{Full: "حسن ظاهرعويس", Kind: AKA, Script: "Arabic"},
			},
			BirthDates:    []DateOfBirth{{From: Date{Year: 1935}}},
			BirthPlaces:   []Place{{Text: "Somalia", Country: "SO"}},
			Nationalities: []string{"SO"},
			Addresses:     []Address{{Country: "ER", CountryName: "Eritrea"}, {Country: "SO", CountryName: "Somalia"}},
			Identifiers: []Identifier{
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "AQD0194"},
				{Type: IDOther, Label: "UK Sanctions List Ref", Value: "SOM0003"},
				{Type: IDOther, Label: "UN Ref", Value: "QDi.042"},
				{Type: IDOther, Label: "UN Ref", Value: "SOi.002"},
			},
			Programs: []string{"Somalia", "ISIL (Da'esh) and Al-Qaida"},
			Titles:   []string{"Colonel", "Sheikh"},
			Listed:   Date{2001, 11, 8}, // the earlier regime
		},
	}
	remarks := map[string][2]string{ // long remarks: start and end
		"15982": {"(UK Sanctions List Ref):RUS1926. Financial sanctions imposed in addition to an asset freeze: Trust services.", "(Phone number):+7 (495) 737-01-01 (Website):https://sistema.com (Business Reg No):TIN - 7703104630"},
		"6995":  {"(UK Sanctions List Ref):AQD0194 and SOM0003. (UN Ref):QDi.042 and SOi.002. Listed under", "INTERPOL-UN Security Council Special Notice web link: https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals"},
	}
	var got []Entity
	for _, w := range want {
		e := ents[w.ID]
		if e == nil {
			t.Fatalf("group %s not found", w.ID)
		}
		g := *e
		if r, ok := remarks[w.ID]; ok {
			if !strings.HasPrefix(g.Remarks, r[0]) || !strings.HasSuffix(g.Remarks, r[1]) {
				t.Errorf("group %s: remarks %q do not start with %q and end with %q", w.ID, g.Remarks, r[0], r[1])
			}
			g.Remarks = ""
		}
		got = append(got, g)
	}
	ukCheckEntities(t, got, want)
}

func FuzzParseOFSICSV(f *testing.F) {
	f.Add(ukTestdata(f, "ConList.csv"))
	f.Add([]byte("Last Updated,25/01/2024\r\n" + strings.Join(ofsiColumns[:], ",") + "\r\n"))
	f.Add([]byte("Last Updated,25/01/2024\r\nName 6\r\nX\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ukCheckFuzz(t, ParseOFSICSV, data)
	})
}

// ukCheckFuzz checks that parse returns either a list of entities that each
// have an ID and a primary name first, or a *ParseError.
func ukCheckFuzz(t *testing.T, parse func(File) (*List, error), data []byte) {
	l, err := parse(File{Name: "fuzz", R: bytes.NewReader(data)})
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) || l != nil {
			t.Fatalf("error %v (list %v) is not a lone *ParseError", err, l)
		}
		return
	}
	if l == nil || len(l.Entities) == 0 {
		t.Fatalf("no error and no entities")
	}
	for _, e := range l.Entities {
		require.NotEmpty(t, e.ID, "entity without ID or primary name: %+v", e)
		require.NotEmpty(t, e.Names, "entity without ID or primary name: %+v", e)
		require.Equal(t, Primary, e.Names[0].Kind, "entity without ID or primary name: %+v", e)
		require.NotEmpty(t, e.Names[0].Full, "entity without ID or primary name: %+v", e)
		require.Equal(t, UK, e.Source, "entity without ID or primary name: %+v", e)
		for _, n := range e.Names[1:] {
			if n.Kind == Primary || n.Full == "" {
				t.Fatalf("entity %s: bad alias %+v", e.ID, n)
			}
		}
	}
}

// BenchmarkParseOFSICSV parses the real ConList.csv (14 MB, 17,642 rows).
func BenchmarkParseOFSICSV(b *testing.B) {
	ukBench(b, ParseOFSICSV, sharedList(b, "uk/2024-01/ConList.csv"))
}

func BenchmarkParseOFSICSVFixture(b *testing.B) {
	ukBench(b, ParseOFSICSV, "testdata/uk/ConList.csv")
}

// ukBench benchmarks parse on the file at path, read into memory first.
func ukBench(b *testing.B, parse func(File) (*List, error), path string) {
	data, err := os.ReadFile(path)
	require.NoError(b, err)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parse(File{Name: "bench", R: bytes.NewReader(data)}); err != nil {
			b.Fatal(err)
		}
	}
}
