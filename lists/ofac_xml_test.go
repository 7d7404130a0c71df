package lists

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xmlListTestdata returns the bytes of a file under testdata/.
func xmlListTestdata(tb testing.TB, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(rel)))
	require.NoError(tb, err)
	return b
}

// xmlListEntityDiff names the fields of got that differ from want, with
// both values when show is set (fixtures hold made-up data only; entries
// of the real lists are reported by field name).
func xmlListEntityDiff(got, want Entity, show bool) []string {
	var diffs []string
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if reflect.DeepEqual(g, w) {
			continue
		}
		name := gv.Type().Field(i).Name
		if show {
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(w)
			name += fmt.Sprintf("\n\tgot:  %s\n\twant: %s", gj, wj)
		}
		diffs = append(diffs, name)
	}
	return diffs
}

// xmlListCheckEntities compares the entities of l with want, in order.
func xmlListCheckEntities(t *testing.T, l *List, want []Entity, show bool) {
	t.Helper()
	require.Len(t, l.Entities, len(want))
	for i := range want {
		if d := xmlListEntityDiff(l.Entities[i], want[i], show); len(d) > 0 {
			t.Errorf("entity %s differs in %s", want[i].ID, strings.Join(d, ", "))
		}
	}
}

// xmlListFind returns the entity of l with the given ID.
func xmlListFind(t *testing.T, l *List, id string) Entity {
	t.Helper()
	for _, e := range l.Entities {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entity %s", id)
	return Entity{}
}

func TestParseOFACXMLFixtures(t *testing.T) {
	dprkPerson := Entity{
		Source: OFACSDN, ID: "90001", Type: Person,
		Names: []Name{
			{Full: "PAK, Chol Su", Parts: []NamePart{{PartGiven, "Chol Su"}, {PartFamily, "PAK"}}},
			{Full: "PAK, Chol-su", Kind: AKA, Parts: []NamePart{{PartGiven, "Chol-su"}, {PartFamily, "PAK"}}},
			{Full: "Big Pak", Kind: AKA, Strength: Weak},
		},
		BirthDates:    []DateOfBirth{{From: Date{1970, 2, 12}}, {From: Date{Year: 1971}, Approximate: true}},
		BirthPlaces:   []Place{{Text: "Pyongyang, Korea, North", Country: "KP"}},
		Nationalities: []string{"KP"},
		Addresses:     []Address{{City: "Pyongyang", Country: "KP", CountryName: "Korea, North"}},
		Identifiers: []Identifier{{Type: IDPassport, Label: "Passport", Value: "563410123", Country: "KP",
			Note: "issued 01 Jan 2015; expires 01 Jan 2020"}},
		Crypto: []CryptoAddress{
			{Currency: "XBT", Address: "1TestAddrXBT9xkzTgyx6qsswXJ6sCXkSR"},
			{Currency: "ETH", Address: "0x00000000000000000000000000000000000dEaD1"},
		},
		Programs: []string{"DPRK3", "DPRK-NKSPEA"},
		DPRK:     true,
		Gender:   "Male",
		Titles:   []string{"Test Official of the Example Bureau"},
		Remarks:  "Fictitious entry for tests.; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210",
	}
	dprkEntity := Entity{
		Source: OFACSDN, ID: "90002", Type: Organization,
		Names: []Name{
			{Full: "KOREA EXAMPLE TRADING CORPORATION"},
			{Full: "EXAMPLE GENERAL TRADING", Kind: FKA},
		},
		Addresses: []Address{{Street: "Building 5, Sosong Street", City: "Pyongyang", PostalCode: "00000",
			Country: "KP", CountryName: "Korea, North"}},
		Identifiers: []Identifier{
			{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "KETCKPPY"},
			{Type: IDWebsite, Label: "Website", Value: "www.example.com"},
		},
		Programs: []string{"DPRK"},
		DPRK:     true,
		Remarks:  "Nationality of Registration Korea, North; Target Type Financial Institution",
	}
	vessel := Entity{
		Source: OFACSDN, ID: "90003", Type: Vessel,
		Names:       []Name{{Full: "SEA EXAMPLE"}},
		Identifiers: []Identifier{{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 9999991"}},
		Programs:    []string{"DPRK2"},
		DPRK:        true,
		Vessel: &VesselInfo{CallSign: "HMXX9", Type: "Crude Oil Tanker", Tonnage: "1500", GRT: "2000",
			Flag: "Korea, North", Owner: "KOREA EXAMPLE TRADING CORPORATION"},
	}
	sdgt := Entity{
		Source: OFACSDN, ID: "90004", Type: Person,
		Names: []Name{
			{Full: "AL-EXAMPLE, Samir", Parts: []NamePart{{PartGiven, "Samir"}, {PartFamily, "AL-EXAMPLE"}}},
			{Full: "EXAMPLE, Sameer", Kind: AKA, Parts: []NamePart{{PartGiven, "Sameer"}, {PartFamily, "EXAMPLE"}}},
		},
		BirthDates:    []DateOfBirth{{From: Date{Year: 1960}, To: Date{Year: 1962}}},
		Nationalities: []string{"SY"},
		Programs:      []string{"SDGT"},
		Remarks:       "citizenship Atlantis",
	}

	newPerson := Entity{
		Source: OFACSDN, ID: "90101", Type: Person,
		Names: []Name{
			{Full: "RI, Yong Ho", Parts: []NamePart{{PartGiven, "Yong Ho"}, {PartFamily, "RI"}}},
			{Full: "Jack", Kind: AKA, Strength: Weak},
			{Full: "LI, Yongho", Kind: NKA, Parts: []NamePart{{PartGiven, "Yongho"}, {PartFamily, "LI"}}},
		},
		BirthDates:    []DateOfBirth{{From: Date{Year: 1985, Month: 8}}},
		Nationalities: []string{"KP"},
		Citizenships:  []string{"KP"},
		Addresses: []Address{{City: "Shenyang", Region: "Liaoning", Country: "CN", CountryName: "China",
			Note: "region Northeast"}},
		Identifiers: []Identifier{{Type: IDEmail, Label: "Email Address", Value: "ri.example@example.com"}},
		Crypto:      []CryptoAddress{{Currency: "USDT", Address: "TTestAddrUSDT3941uFAvmVibSkQ6fMJXxm"}},
		Programs:    []string{"DPRK4"},
		DPRK:        true,
		Gender:      "Male",
	}
	newEntity := Entity{
		Source: OFACSDN, ID: "90102", Type: Organization,
		Names:       []Name{{Full: "EXAMPLE AIR"}},
		Addresses:   []Address{{Street: "No. 1, Example Street", City: "Tehran", Country: "IR", CountryName: "Iran"}},
		Identifiers: []Identifier{{Type: IDRegistration, Label: "Registration Number", Value: "10103999999", Country: "IR"}},
		Programs:    []string{"IRAN-EO13224", "SDGT"},
	}
	aircraft := Entity{
		Source: OFACSDN, ID: "90103", Type: Aircraft,
		Names: []Name{{Full: "EP-EXA"}},
		Identifiers: []Identifier{{Type: IDRegistration, Label: "Aircraft Manufacturer's Serial Number (MSN)",
			Value: "1234"}},
		Programs: []string{"IRAN-EO13224"},
		Remarks:  "Aircraft Model Airbus A310",
	}
	newVessel := Entity{
		Source: OFACSDN, ID: "90104", Type: Vessel,
		Names: []Name{{Full: "NORTH STAR EXAMPLE"}},
		Identifiers: []Identifier{
			{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 9999992"},
			{Type: IDOther, Label: "MMSI", Value: "445999999"},
		},
		Programs: []string{"DPRK3"},
		DPRK:     true,
		Vessel:   &VesselInfo{Type: "General Cargo", Flag: "Korea, North", GRT: "2500"},
	}

	tests := []struct {
		file      string
		reason    string
		published time.Time
		want      []Entity
	}{
		{"ofac_xml/sdn_old_ns.xml", "SDN.XML in the namespace used before May 2024: DPRK person with crypto and a weak aka, DPRK entity, vessel, SDGT person with a DOB range",
			time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), []Entity{dprkPerson, dprkEntity, vessel, sdgt}},
		{"ofac_xml/sdn_new_ns.xml", "SDN.XML in the namespace used since May 2024, with an address region, an n.k.a., an aircraft",
			time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), []Entity{newPerson, newEntity, aircraft, newVessel}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			l, err := ParseOFACXML(File{Name: "SDN.XML", R: bytes.NewReader(xmlListTestdata(t, tc.file))})
			require.NoError(t, err, "%s", tc.reason)
			if l.Source != OFACSDN || l.Format != FormatOFACXML || l.PublishedFrom != PublishedFromContent || l.Files != nil {
				t.Errorf("%s: got source %v format %v published from %q files %v", tc.reason, l.Source, l.Format, l.PublishedFrom, l.Files)
			}
			assert.True(t, l.Published.Equal(tc.published), "%s: published %v, want %v", tc.reason, l.Published, tc.published)
			xmlListCheckEntities(t, l, tc.want, true)
		})
	}
}

func TestParseOFACXMLConsolidated(t *testing.T) {
	l, err := ParseOFACXML(openShared(t, "ofac-nonsdn/2025-03/CONSOLIDATED.XML"))
	require.NoError(t, err)
	assert.Equal(t, OFACNonSDN, l.Source, "every entry carries a non-SDN program or annotation")
	if want := time.Date(2025, 3, 28, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) {
		t.Errorf("published %v, want %v (Publish_Date 03/28/2025)", l.Published, want)
	}
	c := l.Counts()
	// Counted in the file: 443 sdnEntry (Record_Count 443), 363 Entity and
	// 80 Individual, 1066 strong and 70 weak aka.
	assert.Equal(t, 443, c.Entities)
	assert.Equal(t, 363, c.ByType[Organization])
	assert.Equal(t, 80, c.ByType[Person])
	assert.Len(t, c.ByType, 2)
	assert.Equal(t, 1066, c.StrongAliases)
	assert.Equal(t, 70, c.WeakAliases)
	assert.Zero(t, c.DPRK, "the 2025-03 non-SDN list has neither")
	assert.Empty(t, c.Crypto, "the 2025-03 non-SDN list has neither")
	// 2,457 idList items: 1,265 identifiers, 3 genders, the rest remarks
	// (among them the 12 "Nationality of Registration").
	var remarkItems, genders int
	for _, e := range l.Entities {
		if e.Source != OFACNonSDN {
			t.Fatalf("entity %s has source %v", e.ID, e.Source)
		}
		if e.Gender != "" {
			genders++
		}
		for _, label := range []string{"Secondary sanctions risk:", "Target Type", "Effective Date (CMIC)", "Executive Order 13662 Directive Determination"} {
			remarkItems += strings.Count(e.Remarks, label)
		}
	}
	if c.Identifiers != 1266 || genders != 3 { // 1,265 plus one "C.R. No." commercial registration number
		t.Errorf("%d identifiers and %d genders, want 1266 and 3", c.Identifiers, genders)
	}
	assert.Equal(t, 361+92+68+306, remarkItems, "they are not identifiers but must be kept")

	want := []Entity{
		{
			Source: OFACNonSDN, ID: "15268", Type: Organization,
			Names: []Name{
				{Full: "BANK OF KUNLUN CO LTD"},
				{Full: "KARAMAY URBAN CREDIT COOPERATIVES", Kind: FKA},
				{Full: "KARAMAY CITY COMMERCIAL BANK CO LTD.", Kind: FKA},
			},
			Addresses: []Address{
				{Street: "172 Xibin Rd, Ranghulu District, (Daqing, Heilongjiang Branch)", City: "Daqing", PostalCode: "163453", Country: "CN", CountryName: "China"},
				{Street: "9 Dongzhimen North Street, Dongcheng District, (Head Office)", City: "Beijing", PostalCode: "100007", Country: "CN", CountryName: "China"},
				{Street: "No. 7 Century Ave, (Registered Office)", City: "Xinjiang", Region: "Karamay", PostalCode: "834000", Country: "CN", CountryName: "China"},
				{Street: "No. 68 Zhongya South Rd, Economic and Technological Development Zone, (Urumqi, Xinjiang Branch)", City: "Urumqi", PostalCode: "830026", Country: "CN", CountryName: "China"},
			},
			Identifiers: []Identifier{{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "CKLBCNBJ"}},
			Programs:    []string{"561-Related"},
			Remarks:     "United States financial institutions are prohibited from opening or maintaining a correspondent account or a payable-through account for the foreign financial institution listed here, pursuant to 31 C.F.R. section 561.201(c)",
		},
		{
			Source: OFACNonSDN, ID: "9647", Type: Person,
			Names: []Name{
				{Full: "ZAHHAR, Mahmoud Khaled", Parts: []NamePart{{PartGiven, "Mahmoud Khaled"}, {PartFamily, "ZAHHAR"}}},
				{Full: "AL ZAHAR, Mahmoud Khaled", Kind: AKA, Parts: []NamePart{{PartGiven, "Mahmoud Khaled"}, {PartFamily, "AL ZAHAR"}}},
				{Full: "ZAHAR, Mahmoud", Kind: AKA, Strength: Weak},
				{Full: "AL-ZAHAR, Mahmoud", Kind: AKA, Strength: Weak},
			},
			BirthDates:    []DateOfBirth{{From: Date{Year: 1945}}},
			BirthPlaces:   []Place{{Text: "Gaza Strip", Country: "PS"}},
			Nationalities: []string{"PS"},
			Addresses:     []Address{{Country: "PS", CountryName: "Region: Gaza"}},
			Programs:      []string{"NS-PLC", "SDGT"},
			Gender:        "Male",
			Remarks:       "(Linked To: HAMAS); Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
		},
		{
			Source: OFACNonSDN, ID: "50476", Type: Person,
			Names: []Name{
				{Full: "MARTELLY, Michel Joseph", Parts: []NamePart{{PartGiven, "Michel Joseph"}, {PartFamily, "MARTELLY"}}},
				{Full: "MARTELLY, Michael", Kind: AKA, Parts: []NamePart{{PartGiven, "Michael"}, {PartFamily, "MARTELLY"}}},
				{Full: "Sweet Micky", Kind: AKA, Strength: Weak},
			},
			BirthDates:    []DateOfBirth{{From: Date{1961, 2, 12}}},
			BirthPlaces:   []Place{{Text: "Port-au-Prince, Haiti", Country: "HT"}},
			Nationalities: []string{"HT"},
			Addresses: []Address{
				{City: "Miami", Region: "FL", Country: "US", CountryName: "United States"},
				{City: "Petionville", Region: "Ouest", Country: "HT", CountryName: "Haiti"},
				{City: "Port-au-Prince", Region: "Ouest", Country: "HT", CountryName: "Haiti"},
				{Country: "DO", CountryName: "Dominican Republic"},
			},
			Identifiers: []Identifier{
				{Type: IDNationalID, Label: "National ID No.", Value: "0032768386", Country: "HT"},
				{Type: IDDriversLicense, Label: "Driver's License No.", Value: "M634550610520", Country: "US"},
			},
			Programs: []string{"ILLICIT-DRUGS-EO14059"},
			Gender:   "Male",
			Remarks: "Executive Order 14059 information: Prohibition on any transactions in foreign exchange that are subject to the jurisdiction of the United States and in which this target has any interest; " +
				"Executive Order 14059 information: Prohibition on any United States financial institution from making loans or providing credit to this target; " +
				"Executive Order 14059 information: Prohibition on any United States person from investing in or purchasing significant amounts of equity or debt instruments of this target",
		},
	}
	for _, w := range want {
		if d := xmlListEntityDiff(xmlListFind(t, l, w.ID), w, false); len(d) > 0 {
			t.Errorf("entry %s differs from the file in %s", w.ID, strings.Join(d, ", "))
		}
	}
}

func TestOFACXMLSource(t *testing.T) {
	tests := []struct {
		marked, total int
		name          string
		want          Source
		reason        string
	}{
		{443, 443, "list.xml", OFACNonSDN, "every entry carries a non-SDN marker"},
		{400, 443, "SDN.XML", OFACNonSDN, "90% marked is the non-SDN list whatever the name"},
		{100, 18000, "CONSOLIDATED.XML", OFACSDN, "under 10% marked is the SDN list whatever the name"},
		{0, 4, "x.xml", OFACSDN, "no marker at all"},
		{2, 4, "CONSOLIDATED.XML", OFACNonSDN, "ambiguous content: the official name decides"},
		{2, 4, "dir/cons_2025.xml", OFACNonSDN, "ambiguous content: a cons_ name decides"},
		{2, 4, "SDN.XML", OFACSDN, "ambiguous content: the SDN name decides"},
		{3, 4, "list.xml", OFACNonSDN, "ambiguous content and name: the majority decides"},
		{1, 4, "list.xml", OFACSDN, "ambiguous content and name, minority marked"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, ofacXMLSource(tc.marked, tc.total, tc.name), "ofacXMLSource(%d, %d, %q): %s", tc.marked, tc.total, tc.name, tc.reason)
	}
}

func TestParseOFACXMLSourceFromContent(t *testing.T) {
	// The fixture's four entries made non-SDN: one NS-PLC program each.
	b := xmlListTestdata(t, "ofac_xml/sdn_new_ns.xml")
	b = bytes.ReplaceAll(b, []byte("<programList>"), []byte("<programList>\n      <program>NS-PLC</program>"))
	l, err := ParseOFACXML(File{Name: "SDN.XML", R: bytes.NewReader(b)})
	require.NoError(t, err)
	assert.Equal(t, OFACNonSDN, l.Source, "all entries on a non-SDN program make the consolidated list")
	assert.Equal(t, OFACNonSDN, l.Entities[0].Source, "all entries on a non-SDN program make the consolidated list")
}

// ofacXMLDoc builds a small SDN.XML with the given namespace, publish
// information and entries.
func ofacXMLDoc(ns, pub, entries string) string {
	return `<?xml version="1.0" standalone="yes"?>` + "\n" +
		`<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="` + ns + `">` + "\n" +
		pub + entries + "</sdnList>\n"
}

const (
	ofacXMLTestPub   = "<publshInformation><Publish_Date>03/28/2025</Publish_Date><Record_Count>1</Record_Count></publshInformation>\n"
	ofacXMLTestEntry = "<sdnEntry><uid>1</uid><lastName>EXAMPLE CO</lastName><sdnType>Entity</sdnType><programList><program>SDGT</program></programList></sdnEntry>\n"
)

func TestParseOFACXMLMalformed(t *testing.T) {
	fixture := string(xmlListTestdata(t, "ofac_xml/sdn_new_ns.xml"))
	ns := ofacXMLNamespaceNew
	entry := func(inner string) string {
		return ofacXMLDoc(ns, ofacXMLTestPub, "<sdnEntry>"+inner+"</sdnEntry>\n")
	}
	tests := []struct {
		name    string
		input   string
		wantErr error
		field   string
		reason  string
	}{
		{"empty", "", ErrEmpty, "", "an empty file is not an empty list"},
		{"prolog only", `<?xml version="1.0"?>` + "\n", ErrEmpty, "", "no root element"},
		{"not xml", "uid,name,type\n1,EXAMPLE,entity\n", ErrUnknown, "", "a CSV file is not SDN.XML"},
		{"truncated", fixture[:len(fixture)/2], ErrTruncated, "", "a download cut in the middle of an entry"},
		{"truncated after entries", strings.TrimSuffix(fixture, "</sdnList>\n"), ErrTruncated, "", "the root is never closed"},
		{"unknown namespace", ofacXMLDoc("http://example.com/sdnList.xsd", ofacXMLTestPub, ofacXMLTestEntry), ErrUnknown, "", "only OFAC's two namespaces are sdnList"},
		{"no namespace", strings.Replace(ofacXMLDoc(ns, ofacXMLTestPub, ofacXMLTestEntry), ` xmlns="`+ns+`"`, "", 1), ErrUnknown, "", "an sdnList outside OFAC's namespaces"},
		{"wrong root", `<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"></CONSOLIDATED_LIST>`, ErrUnknown, "", "the UN list is not OFAC XML"},
		{"no entries", ofacXMLDoc(ns, strings.Replace(ofacXMLTestPub, ">1<", ">0<", 1), ""), ErrEmpty, "", "a list without entries fails closed"},
		{"no publish information", ofacXMLDoc(ns, "", ofacXMLTestEntry), ErrMissing, "", "the publish date is required"},
		{"bad publish date", ofacXMLDoc(ns, strings.Replace(ofacXMLTestPub, "03/28/2025", "2025-03-28", 1), ofacXMLTestEntry), ErrDate, "Publish_Date", "Publish_Date is MM/DD/YYYY"},
		{"impossible publish date", ofacXMLDoc(ns, strings.Replace(ofacXMLTestPub, "03/28/2025", "02/30/2025", 1), ofacXMLTestEntry), ErrDate, "Publish_Date", "30 February does not exist"},
		{"record count short", ofacXMLDoc(ns, strings.Replace(ofacXMLTestPub, ">1<", ">2<", 1), ofacXMLTestEntry), ErrTruncated, "Record_Count", "fewer entries than announced"},
		{"record count not a number", ofacXMLDoc(ns, strings.Replace(ofacXMLTestPub, ">1<", ">one<", 1), ofacXMLTestEntry), ErrMalformed, "Record_Count", "Record_Count is an integer"},
		{"missing uid", entry("<lastName>X</lastName><sdnType>Entity</sdnType>"), ErrMissing, "uid", "every entry has a uid"},
		{"bad uid", entry("<uid>12a</uid><lastName>X</lastName><sdnType>Entity</sdnType>"), ErrMalformed, "uid", "uid is an integer"},
		{"duplicate uid", ofacXMLDoc(ns, strings.Replace(ofacXMLTestPub, ">1<", ">2<", 1), ofacXMLTestEntry+ofacXMLTestEntry), ErrMalformed, "uid", "uids identify entries"},
		{"missing lastName", entry("<uid>1</uid><firstName>X</firstName><sdnType>Individual</sdnType>"), ErrMissing, "lastName", "lastName is required"},
		{"missing sdnType", entry("<uid>1</uid><lastName>X</lastName>"), ErrMissing, "sdnType", "sdnType is required"},
		{"unknown sdnType", entry("<uid>1</uid><lastName>X</lastName><sdnType>Spaceship</sdnType>"), ErrMalformed, "sdnType", "an unknown type must not pass as unknown silently"},
		{"bad date of birth", entry("<uid>1</uid><lastName>X</lastName><sdnType>Individual</sdnType><dateOfBirthList><dateOfBirthItem><uid>2</uid><dateOfBirth>31 Feb 1970</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>"),
			ErrDate, "dateOfBirthList/dateOfBirthItem[1]/dateOfBirth", "31 February does not exist"},
		{"reversed date range", entry("<uid>1</uid><lastName>X</lastName><sdnType>Individual</sdnType><dateOfBirthList><dateOfBirthItem><uid>2</uid><dateOfBirth>1970 to 1960</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>"),
			ErrDate, "dateOfBirthList/dateOfBirthItem[1]/dateOfBirth", "a range ends after it starts"},
		{"unknown aka category", entry("<uid>1</uid><lastName>X</lastName><sdnType>Entity</sdnType><akaList><aka><uid>2</uid><type>a.k.a.</type><category>medium</category><lastName>Y</lastName></aka></akaList>"),
			ErrMalformed, "akaList/aka[1]/category", "only strong and weak exist"},
		{"unknown aka type", entry("<uid>1</uid><lastName>X</lastName><sdnType>Entity</sdnType><akaList><aka><uid>2</uid><type>aka</type><category>strong</category><lastName>Y</lastName></aka></akaList>"),
			ErrMalformed, "akaList/aka[1]/type", "only a.k.a., f.k.a. and n.k.a. exist"},
		{"invalid UTF-8", ofacXMLDoc(ns, ofacXMLTestPub, strings.Replace(ofacXMLTestEntry, "EXAMPLE", "EX\xffAMPLE", 1)), ErrEncoding, "", "bytes that are not UTF-8"},
		{"latin-1 declared", strings.Replace(ofacXMLDoc(ns, ofacXMLTestPub, ofacXMLTestEntry), `standalone="yes"`, `encoding="ISO-8859-1"`, 1), ErrEncoding, "", "OFAC publishes UTF-8 only"},
		{"mismatched tags", ofacXMLDoc(ns, ofacXMLTestPub, "<sdnEntry><uid>1</uid></sdnEntryX>"), ErrMalformed, "", "not well-formed"},
		{"content after root", ofacXMLDoc(ns, ofacXMLTestPub, ofacXMLTestEntry) + "<sdnEntry/>", ErrMalformed, "", "a second root element"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseOFACXML(File{Name: "SDN.XML", R: strings.NewReader(tc.input)})
			checkParseError(t, l, err, "SDN.XML", tc.field, tc.wantErr, tc.reason)
		})
	}
}

func TestParseOFACXMLBirthDates(t *testing.T) {
	tests := []struct {
		in     string
		want   DateOfBirth
		reason string
	}{
		{"12 Feb 1970", DateOfBirth{From: Date{1970, 2, 12}}, "a full date"},
		{"Feb 1970", DateOfBirth{From: Date{Year: 1970, Month: 2}}, "month and year"},
		{"1970", DateOfBirth{From: Date{Year: 1970}}, "year only"},
		{"circa 1970", DateOfBirth{From: Date{Year: 1970}, Approximate: true}, "circa marks an approximate date"},
		{"1960 to 1962", DateOfBirth{From: Date{Year: 1960}, To: Date{Year: 1962}}, "a range of years"},
		{"circa 01 Jan 1960 to 31 Dec 1962", DateOfBirth{From: Date{1960, 1, 1}, To: Date{1962, 12, 31}, Approximate: true}, "an approximate range of dates"},
	}
	for _, tc := range tests {
		got, err := ofacXMLBirthDate(tc.in)
		assert.NoError(t, err, "ofacXMLBirthDate(%q): %s", tc.in, tc.reason)
		assert.Equal(t, tc.want, got, "ofacXMLBirthDate(%q): %s", tc.in, tc.reason)
	}
}

func TestParseOFACXMLReadError(t *testing.T) {
	errDisk := errors.New("disk failure")
	fixture := xmlListTestdata(t, "ofac_xml/sdn_old_ns.xml")
	r := &xmlListFailingReader{data: fixture[:500], err: errDisk}
	_, err := ParseOFACXML(File{Name: "SDN.XML", R: r})
	var pe *ParseError
	assert.ErrorIs(t, err, errDisk, "a read error must be returned, wrapped in a *ParseError")
	assert.ErrorAs(t, err, &pe, "a read error must be returned, wrapped in a *ParseError")
}

// xmlListFailingReader returns data, then err.
type xmlListFailingReader struct {
	data []byte
	err  error
}

func (r *xmlListFailingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func FuzzParseOFACXML(f *testing.F) {
	for _, name := range []string{"ofac_xml/sdn_old_ns.xml", "ofac_xml/sdn_new_ns.xml"} {
		f.Add(xmlListTestdata(f, name))
	}
	f.Add([]byte(ofacXMLDoc(ofacXMLNamespaceOld, ofacXMLTestPub, ofacXMLTestEntry)))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseOFACXML(File{Name: "SDN.XML", R: bytes.NewReader(b)})
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
			require.NotEmpty(t, e.ID, "entity without ID, name or source: %+v", e)
			require.NotEmpty(t, e.Names, "entity without ID, name or source: %+v", e)
			require.NotEmpty(t, e.Names[0].Full, "entity without ID, name or source: %+v", e)
			require.Equal(t, l.Source, e.Source, "entity without ID, name or source: %+v", e)
		}
	})
}

func BenchmarkParseOFACXML(b *testing.B) {
	data, err := os.ReadFile(sharedList(b, "ofac-nonsdn/2025-03/CONSOLIDATED.XML"))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseOFACXML(File{Name: "CONSOLIDATED.XML", R: bytes.NewReader(data)}); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleParseOFACXML() {
	sdn := `<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>12/01/2025</Publish_Date><Record_Count>1</Record_Count></publshInformation>
  <sdnEntry>
    <uid>90001</uid>
    <firstName>Chol Su</firstName>
    <lastName>PAK</lastName>
    <sdnType>Individual</sdnType>
    <programList><program>DPRK3</program></programList>
    <idList>
      <id><uid>1</uid><idType>Digital Currency Address - XBT</idType><idNumber>1TestAddrXBT9xkzTgyx6qsswXJ6sCXkSR</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>2</uid><type>a.k.a.</type><category>weak</category><lastName>Big Pak</lastName></aka>
    </akaList>
  </sdnEntry>
</sdnList>`
	l, err := ParseOFACXML(File{Name: "SDN.XML", R: strings.NewReader(sdn)})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entities[0]
	fmt.Println(l.Source, l.Published.Format("2006-01-02"))
	fmt.Println(e.ID, e.Type, e.PrimaryName(), "DPRK:", e.DPRK)
	fmt.Println(e.Names[1].Full, e.Names[1].Kind, e.Names[1].Strength)
	fmt.Println(e.Crypto[0].Currency, e.Crypto[0].Address)
	// Output:
	// ofac_sdn 2025-12-01
	// 90001 person PAK, Chol Su DPRK: true
	// Big Pak aka weak
	// XBT 1TestAddrXBT9xkzTgyx6qsswXJ6sCXkSR
}
