package lists

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ofacCSVFixture opens the files of testdata/ofac_csv/<dir> that exist.
func ofacCSVFixture(tb testing.TB, dir string) OFACCSVFiles {
	tb.Helper()
	open := func(names ...string) File {
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join("testdata", "ofac_csv", dir, n))
			if err == nil {
				return File{Name: n, R: bytes.NewReader(b)}
			}
			if !errors.Is(err, os.ErrNotExist) {
				tb.Fatal(err)
			}
		}
		return File{}
	}
	return OFACCSVFiles{
		Primary:  open("sdn.csv", "cons_prim.csv"),
		Alt:      open("alt.csv", "cons_alt.csv"),
		Address:  open("add.csv", "cons_add.csv"),
		Comments: open("sdn_comments.csv", "cons_comments.csv"),
	}
}

// ofacCSVShared opens the four files of a real publication under
// ../shared/lists (skipping the test when they are absent, outside CI).
func ofacCSVShared(tb testing.TB, dir string, src Source) OFACCSVFiles {
	tb.Helper()
	if src == OFACNonSDN {
		return OFACCSVFiles{
			Primary: openShared(tb, dir+"/cons_prim.csv"), Alt: openShared(tb, dir+"/cons_alt.csv"),
			Address: openShared(tb, dir+"/cons_add.csv"), Comments: openShared(tb, dir+"/cons_comments.csv"),
		}
	}
	return OFACCSVFiles{
		Primary: openShared(tb, dir+"/sdn.csv"), Alt: openShared(tb, dir+"/alt.csv"),
		Address: openShared(tb, dir+"/add.csv"), Comments: openShared(tb, dir+"/sdn_comments.csv"),
	}
}

// ofacCSVEntityByID returns the entity of l with the given ent_num.
func ofacCSVEntityByID(tb testing.TB, l *List, id string) *Entity {
	tb.Helper()
	for i := range l.Entities {
		if l.Entities[i].ID == id {
			return &l.Entities[i]
		}
	}
	tb.Fatalf("no entity with ent_num %s", id)
	return nil
}

// checkOFACCSVEntity compares got and want field by field.
func checkOFACCSVEntity(t *testing.T, got, want *Entity) {
	t.Helper()
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("ent_num %s: %s\n got %+v\nwant %+v", want.ID, gv.Type().Field(i).Name, g, w)
		}
	}
}

// ofacCSVFixture102Remarks is the remarks of ent_num 102 in testdata/ofac_csv/sdn:
// 1,000 characters in sdn.csv, cut inside an ETH address, and the rest in
// sdn_comments.csv.
const ofacCSVFixture102Remarks = "Organization Established Date 01 Jan 1985; Organization Type: Banking; SWIFT/BIC KTBKKPPY; Website w" +
	"ww.koryo-test-bank.example; Email Address info@koryo-test-bank.example; Phone Number 850 2 381 0000;" +
	" Registration Number 1234567 (Korea, North); Secondary sanctions risk: North Korea Sanctions Regulat" +
	"ions, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. " +
	"Financial Institutions: North Korea Sanctions Regulations section 510.214; Digital Currency Address " +
	"- XBT 1KoryoTestBankAddrXbt111111111111; alt. Digital Currency Address - XBT bc1qkoryotestbankaddrxb" +
	"t22222222222222222; alt. Digital Currency Address - USDT TKoryoTestBankAddrUsdt3333333333333; Additi" +
	"onal Sanctions Information - Subject to Secondary Sanctions Pursuant to Exec; Executive Order 13846 " +
	"information: LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS. Sec. 5(a)(i); alt. Executive Order 138" +
	"46 information: FOREIGN EXCHANGE. Sec. 5(a)(ii); Digital Currency Address - ETH 0xAbCdEf0123456789aB" +
	"cDeF0123456789AbCdEf01; a.k.a. 'KTB'; a.k.a. 'KORYO TEST'; Linked To: MINISTRY OF TEST INDUSTRY."

func TestParseOFACCSVFixture(t *testing.T) {
	l, err := ParseOFACCSV(OFACSDN, ofacCSVFixture(t, "sdn"))
	require.NoError(t, err)
	if l.Source != OFACSDN || l.Format != FormatOFACCSV || !l.Published.IsZero() || l.PublishedFrom != "" || l.Files != nil {
		t.Errorf("list header = %v %v %v %q %v; want OFACSDN, FormatOFACCSV, no date, no files (the loader fills them)",
			l.Source, l.Format, l.Published, l.PublishedFrom, l.Files)
	}
	want := []Entity{
		{
			Source: OFACSDN, ID: "101", Type: Person,
			Names: []Name{
				{Full: "KIM, Chol Ho", Kind: Primary}, {Full: "KIM, Cholho", Kind: AKA}, {Full: "GIM, Chol Ho", Kind: AKA},
				{Full: "CHOLLY", Kind: AKA, Strength: Weak},
			},
			BirthDates: []DateOfBirth{
				{From: Date{1970, 2, 12}}, {From: Date{1965, 0, 0}}, {From: Date{1960, 0, 0}, Approximate: true},
				{From: Date{1958, 1, 1}, To: Date{1959, 12, 31}},
			},
			BirthPlaces:   []Place{{Text: "Pyongyang, North Korea", Country: "KP"}},
			Nationalities: []string{"KP"},
			Citizenships:  []string{"RU"},
			Addresses:     []Address{{City: "Pyongyang", Country: "KP", CountryName: "Korea, North"}},
			Identifiers: []Identifier{
				{Type: IDPassport, Label: "Passport", Value: "563120356", Country: "KP", Note: "expires 20 Nov 2020"},
				{Type: IDPassport, Label: "Passport", Value: "472310104", Country: "KP", Note: "issued 01 Mar 2015 expires 28 Feb 2025"},
				{Type: IDNationalID, Label: "National ID No.", Value: "1234567890123", Country: "KP"},
				{Type: IDEmail, Label: "Email Address", Value: "kim.test@example.com"},
			},
			Crypto: []CryptoAddress{
				{Currency: "XBT", Address: "1TestKimAddrXbtAAAAAAAAAAAAAAAAAAA"},
				{Currency: "TRX", Address: "TTestKimAddrTrxBBBBBBBBBBBBBBBBBB"},
			},
			Programs: []string{"DPRK3", "CYBER2"}, DPRK: true, Gender: "Male",
			Titles: []string{"Bureau Director", "Deputy Chief, Test Office"},
			Remarks: "DOB 12 Feb 1970; alt. DOB 1965; alt. DOB circa 1960; alt. DOB 01 Jan 1958 to 31 Dec 1959; POB Pyongyang, North Korea; " +
				"nationality Korea, North; citizen Russia; Gender Male; Passport 563120356 (Korea, North) expires 20 Nov 2020; " +
				"alt. Passport 472310104 (Korea, North) issued 01 Mar 2015 expires 28 Feb 2025; National ID No. 1234567890123 (Korea, North); " +
				"Email Address kim.test@example.com; Digital Currency Address - XBT 1TestKimAddrXbtAAAAAAAAAAAAAAAAAAA; " +
				"alt. Digital Currency Address - TRX TTestKimAddrTrxBBBBBBBBBBBBBBBBBB; Secondary sanctions risk: North Korea Sanctions " +
				"Regulations, sections 510.201 and 510.210; a.k.a. 'CHOLLY'; Linked To: KORYO TEST BANK.",
		},
		{
			Source: OFACSDN, ID: "102", Type: Organization,
			Names: []Name{
				{Full: "KORYO TEST BANK", Kind: Primary}, {Full: "KORYO TEST BANKING CORPORATION", Kind: FKA}, {Full: "KTB TEST", Kind: NKA},
				{Full: "KTB", Kind: AKA, Strength: Weak}, {Full: "KORYO TEST", Kind: AKA, Strength: Weak},
			},
			Addresses: []Address{
				{Street: "Sungri Street, Central District", City: "Pyongyang", Country: "KP", CountryName: "Korea, North"},
				{Street: "Room 1, 1 Test Road", City: "Dandong, Liaoning 118000", Country: "CN", CountryName: "China", Note: "branch office"},
			},
			Identifiers: []Identifier{
				{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "KTBKKPPY"},
				{Type: IDWebsite, Label: "Website", Value: "www.koryo-test-bank.example"},
				{Type: IDEmail, Label: "Email Address", Value: "info@koryo-test-bank.example"},
				{Type: IDPhone, Label: "Phone Number", Value: "850 2 381 0000"},
				{Type: IDRegistration, Label: "Registration Number", Value: "1234567", Country: "KP"},
			},
			Crypto: []CryptoAddress{
				{Currency: "XBT", Address: "1KoryoTestBankAddrXbt111111111111"},
				{Currency: "XBT", Address: "bc1qkoryotestbankaddrxbt22222222222222222"},
				{Currency: "USDT", Address: "TKoryoTestBankAddrUsdt3333333333333"},
				{Currency: "ETH", Address: "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01"}, // cut in sdn.csv, joined from sdn_comments.csv
			},
			Programs: []string{"DPRK"}, DPRK: true,
			Remarks: ofacCSVFixture102Remarks,
		},
		{
			Source: OFACSDN, ID: "103", Type: Vessel,
			Names: []Name{{Full: "OCEAN TEST STAR", Kind: Primary}},
			Identifiers: []Identifier{
				{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 9123456"},
				{Type: IDOther, Label: "MMSI", Value: "352001234"},
			},
			Programs: []string{"IRAN", "SDGT"},
			Remarks:  "Vessel Registration Identification IMO 9123456; MMSI 352001234; Vessel Year of Build 2001; Other Vessel Flag Iran; Linked To: TEST SHIPPING CO.",
			Vessel: &VesselInfo{CallSign: "9KTS1", Type: "Crude Oil Tanker", Tonnage: "318,000", GRT: "163,660",
				Flag: "Panama", Owner: "Test Shipping Co."},
		},
		{
			Source: OFACSDN, ID: "104", Type: Aircraft,
			Names: []Name{{Full: "EP-TST", Kind: Primary}},
			Identifiers: []Identifier{
				{Type: IDRegistration, Label: "Aircraft Construction Number (also called L/N or S/N or F/N)", Value: "1234"},
				{Type: IDRegistration, Label: "Aircraft Manufacturer's Serial Number (MSN)", Value: "23456"},
				{Type: IDRegistration, Label: "Aircraft Tail Number", Value: "EP-TST"},
			},
			Programs: []string{"IRAN"},
			Remarks: "Aircraft Construction Number (also called L/N or S/N or F/N) 1234; Aircraft Manufacture Date 01 Jan 1990; " +
				"Aircraft Model Boeing 747-200; Aircraft Operator TEST AIR; Aircraft Manufacturer's Serial Number (MSN) 23456; Aircraft Tail Number EP-TST.",
		},
		{
			Source: OFACSDN, ID: "105", Type: Person,
			Names:       []Name{{Full: "SMITH, John Q.", Kind: Primary}},
			BirthDates:  []DateOfBirth{{From: Date{1960, 0, 0}, To: Date{1962, 0, 0}}}, // "DOB 31 Feb 1970" is left in Remarks
			BirthPlaces: []Place{{Text: "Springfield, IL"}},
			Identifiers: []Identifier{
				{Type: IDTaxID, Label: "Tax ID No.", Value: "770000000001", Country: "RU"},
				{Type: IDRegistration, Label: "Registration Number", Value: "HRB 770549", Country: "DE", Note: "Stuttgart"},
				{Type: IDNationalID, Label: "National ID No.", Value: "D489833(9)", Country: "HK"},
				{Type: IDPhone, Label: "Telephone", Value: "(357)(22660766)"},
			},
			Programs: []string{"SDGT"}, Gender: "Male", Titles: []string{"Financier"},
			Remarks: "DOB 31 Feb 1970; alt. DOB 1960 to 1962; POB Springfield, IL; nationality possibly Atlantis; Tax ID No. 770000000001 (Russia); " +
				"Registration Number HRB 770549 (Stuttgart) (Germany); National ID No. D489833(9) (Hong Kong); Telephone (357)(22660766); Gender Male.",
		},
		{
			Source: OFACSDN, ID: "106", Type: Organization,
			Names:     []Name{{Full: "TEST TRADING LLC", Kind: Primary}, {Full: "TTL", Kind: AKA}},
			Addresses: []Address{{Street: "Calle 1 No. 2", City: "Havana", Country: "CU", CountryName: "Cuba"}},
			Programs:  []string{"CUBA"},
		},
	}
	require.Len(t, l.Entities, len(want))
	for i := range want {
		checkOFACCSVEntity(t, &l.Entities[i], &want[i])
	}
}

func TestParseOFACCSVWindows1252(t *testing.T) {
	l, err := ParseOFACCSV(OFACSDN, ofacCSVFixture(t, "cp1252"))
	require.NoError(t, err)
	var names []string
	for _, e := range l.Entities {
		for _, n := range e.Names {
			names = append(names, n.Full)
		}
	}
	want := []string{"MÜLLER, Jürgen", "JÜRGEN – THE BANKER", "SOCIÉTÉ GÉNÉRALE DE TEST", "SOCIETE GENERALE DE TEST €"}
	assert.Equal(t, want, names, "a file that is not UTF-8 is read as Windows-1252 (0x96 is an en dash, 0x80 the euro)")
	if got := ofacCSVEntityByID(t, l, "201").BirthDates; len(got) != 1 || got[0].From != (Date{1961, 3, 5}) {
		t.Errorf("201 BirthDates = %v, want 1961-03-05", got)
	}
}

// ofacCSVRow is a valid primary row for in-memory test files.
const ofacCSVRow = `1,"ALPHA",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n"

// ofacCSVRow2 is a valid primary row for in-memory test files.
const ofacCSVRow2 = `2,"BETA, Gamma","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970; a.k.a. 'BG'."` + "\r\n"

// ofacCSVFiles makes in-memory files; a key absent from m is an absent file.
func ofacCSVFilesOf(m map[string]string) OFACCSVFiles {
	f := func(name string) File {
		s, ok := m[name]
		if !ok {
			return File{}
		}
		return File{Name: name, R: strings.NewReader(s)}
	}
	return OFACCSVFiles{Primary: f("sdn.csv"), Alt: f("alt.csv"), Address: f("add.csv"), Comments: f("sdn_comments.csv")}
}

func TestParseOFACCSVVariants(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		wantNames [][]string
		reason    string
	}{
		{"primary only", map[string]string{"sdn.csv": ofacCSVRow + ofacCSVRow2 + "\x1a"},
			[][]string{{"ALPHA"}, {"BETA, Gamma", "BG"}}, "alt, add and comments files are optional"},
		{"utf-8 bom", map[string]string{"sdn.csv": "\xef\xbb\xbf" + ofacCSVRow + "\x1a"},
			[][]string{{"ALPHA"}}, "a UTF-8 byte order mark is dropped"},
		{"utf-8 text", map[string]string{"sdn.csv": strings.Replace(ofacCSVRow, "ALPHA", "ÅLPHA Ωmega", 1) + "\x1a"},
			[][]string{{"ÅLPHA Ωmega"}}, "valid UTF-8 is read as UTF-8, not as Windows-1252"},
		{"carriage returns only", map[string]string{"sdn.csv": strings.ReplaceAll(ofacCSVRow+ofacCSVRow2, "\r\n", "\r") + "\x1a"},
			[][]string{{"ALPHA"}, {"BETA, Gamma", "BG"}}, "OFAC's specification separates records by carriage returns"},
		{"line feeds only", map[string]string{"sdn.csv": strings.ReplaceAll(ofacCSVRow+ofacCSVRow2, "\r\n", "\n") + "\x1a"},
			[][]string{{"ALPHA"}, {"BETA, Gamma", "BG"}}, "a file converted to Unix line ends"},
		{"marker on last line", map[string]string{"sdn.csv": strings.TrimSuffix(ofacCSVRow, "\r\n") + "\x1a\r\n"},
			[][]string{{"ALPHA"}}, "the 0x1A may follow the last record directly and be followed by a line end"},
		{"empty optional files", map[string]string{"sdn.csv": ofacCSVRow + "\x1a", "alt.csv": "\x1a", "add.csv": "\x1a", "sdn_comments.csv": "\x1a"},
			[][]string{{"ALPHA"}}, "an optional file with no records is valid"},
		{"null comment", map[string]string{"sdn.csv": ofacCSVRow + "\x1a", "sdn_comments.csv": "1,-0- \r\n\x1a"},
			[][]string{{"ALPHA"}}, "a null remainder adds nothing"},
		{"alias remark", map[string]string{"sdn.csv": ofacCSVRow + "\x1a", "alt.csv": `1,7,"AKA","ALEPH","spelling"` + "\r\n\x1a"},
			[][]string{{"ALPHA", "ALEPH"}}, "alt_type is case-insensitive; alias remarks are allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseOFACCSV(OFACSDN, ofacCSVFilesOf(tt.files))
			require.NoError(t, err, "ParseOFACCSV (%s)", tt.reason)
			var got [][]string
			for _, e := range l.Entities {
				var n []string
				for _, name := range e.Names {
					n = append(n, name.Full)
				}
				got = append(got, n)
			}
			assert.Equal(t, tt.wantNames, got, "%s", tt.reason)
		})
	}
	l, err := ParseOFACCSV(OFACSDN, ofacCSVFilesOf(map[string]string{"sdn.csv": ofacCSVRow + "\x1a", "alt.csv": `1,7,"aka","ALEPH","spelling"` + "\r\n\x1a"}))
	require.NoError(t, err)
	assert.Equal(t, "alias ALEPH: spelling", l.Entities[0].Remarks)
}

func TestParseOFACCSVMalformed(t *testing.T) {
	const row = ofacCSVRow
	tests := []struct {
		name   string
		files  map[string]string
		want   error
		file   string
		line   int
		field  string
		reason string
	}{
		{"primary field count", map[string]string{"sdn.csv": row + `2,"B",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a"},
			ErrFieldCount, "sdn.csv", 2, "", "sdn.csv has 12 columns"},
		{"alt field count", map[string]string{"sdn.csv": row + "\x1a", "alt.csv": `1,7,"aka","A",-0- ,-0- ` + "\r\n\x1a"},
			ErrFieldCount, "alt.csv", 1, "", "alt.csv has 5 columns"},
		{"address field count", map[string]string{"sdn.csv": row + "\x1a", "add.csv": `1,7,-0- ,-0- ,"Cuba"` + "\r\n\x1a"},
			ErrFieldCount, "add.csv", 1, "", "add.csv has 6 columns"},
		{"comments field count", map[string]string{"sdn.csv": row + "\x1a", "sdn_comments.csv": `1` + "\r\n\x1a"},
			ErrFieldCount, "sdn_comments.csv", 1, "", "sdn_comments.csv has 2 columns"},
		{"unterminated quote", map[string]string{"sdn.csv": row + `2,"B,-0- ,"SDGT",-0- ` + "\r\n" + row + "\x1a"},
			ErrMalformed, "sdn.csv", 2, "", "a quote opened on line 2 swallows the rest of the file"},
		{"bare quote", map[string]string{"sdn.csv": row + `2,B"B,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a"},
			ErrMalformed, "sdn.csv", 2, "", "a quote inside an unquoted field"},
		{"extraneous quote", map[string]string{"sdn.csv": row + `2,"B"x,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a"},
			ErrMalformed, "sdn.csv", 2, "", "text after a closing quote"},
		{"non-numeric ent_num", map[string]string{"sdn.csv": row + strings.Replace(row, "1,", "A1,", 1) + "\x1a"},
			ErrMalformed, "sdn.csv", 2, "ent_num", "ent_num is a number"},
		{"huge ent_num", map[string]string{"sdn.csv": strings.Replace(row, "1,", "99999999999999999999,", 1) + "\x1a"},
			ErrMalformed, "sdn.csv", 1, "ent_num", "ent_num must fit an integer"},
		{"duplicate ent_num", map[string]string{"sdn.csv": row + row + "\x1a"},
			ErrMalformed, "sdn.csv", 2, "ent_num", "ent_num is unique"},
		{"unknown SDN_Type", map[string]string{"sdn.csv": strings.Replace(row, "-0- ,\"SDGT\"", `"company","SDGT"`, 1) + "\x1a"},
			ErrMalformed, "sdn.csv", 1, "SDN_Type", "only individual, vessel, aircraft or null"},
		{"null SDN_Name", map[string]string{"sdn.csv": strings.Replace(row, `"ALPHA"`, "-0- ", 1) + "\x1a"},
			ErrMissing, "sdn.csv", 1, "SDN_Name", "every entry has a name"},
		{"alias of unknown entry", map[string]string{"sdn.csv": row + "\x1a", "alt.csv": `1,7,"aka","A",-0- ` + "\r\n" + `9,8,"aka","B",-0- ` + "\r\n\x1a"},
			ErrMalformed, "alt.csv", 2, "ent_num", "an alias must link to a listed entry"},
		{"address of unknown entry", map[string]string{"sdn.csv": row + "\x1a", "add.csv": `9,7,-0- ,-0- ,"Cuba",-0- ` + "\r\n\x1a"},
			ErrMalformed, "add.csv", 1, "Ent_num", "an address must link to a listed entry"},
		{"comment of unknown entry", map[string]string{"sdn.csv": row + "\x1a", "sdn_comments.csv": `9,"x"` + "\r\n\x1a"},
			ErrMalformed, "sdn_comments.csv", 1, "ent_num", "a remainder must link to a listed entry"},
		{"second comment", map[string]string{"sdn.csv": row + "\x1a", "sdn_comments.csv": `1,"x"` + "\r\n" + `1,"y"` + "\r\n\x1a"},
			ErrMalformed, "sdn_comments.csv", 2, "ent_num", "two remainders cannot be joined unambiguously"},
		{"unknown alt_type", map[string]string{"sdn.csv": row + "\x1a", "alt.csv": `1,7,"xka","A",-0- ` + "\r\n\x1a"},
			ErrMalformed, "alt.csv", 1, "alt_type", "only aka, fka, nka"},
		{"null alt_name", map[string]string{"sdn.csv": row + "\x1a", "alt.csv": `1,7,"aka",-0- ,-0- ` + "\r\n\x1a"},
			ErrMissing, "alt.csv", 1, "alt_name", "an alias has a name"},
		{"non-numeric alt_num", map[string]string{"sdn.csv": row + "\x1a", "alt.csv": `1,x7,"aka","A",-0- ` + "\r\n\x1a"},
			ErrMalformed, "alt.csv", 1, "alt_num", "alt_num is a number"},
		{"non-numeric Add_num", map[string]string{"sdn.csv": row + "\x1a", "add.csv": `1,-0- ,-0- ,-0- ,"Cuba",-0- ` + "\r\n\x1a"},
			ErrMalformed, "add.csv", 1, "Add_num", "Add_num is a number"},
		{"truncated primary", map[string]string{"sdn.csv": row + row[:40]},
			ErrTruncated, "sdn.csv", 2, "", "a download cut short has no 0x1A marker"},
		{"truncated alt", map[string]string{"sdn.csv": row + "\x1a", "alt.csv": `1,7,"aka","A",-0- ` + "\r\n"},
			ErrTruncated, "alt.csv", 2, "", "every OFAC file ends with 0x1A"},
		{"empty primary", map[string]string{"sdn.csv": ""},
			ErrEmpty, "sdn.csv", 0, "", "a zero-byte file"},
		{"empty comments", map[string]string{"sdn.csv": row + "\x1a", "sdn_comments.csv": ""},
			ErrEmpty, "sdn_comments.csv", 0, "", "a present file has at least the 0x1A marker"},
		{"primary without records", map[string]string{"sdn.csv": "\x1a"},
			ErrEmpty, "sdn.csv", 0, "", "a list with no entries is never valid"},
		{"utf-16", map[string]string{"sdn.csv": "\xff\xfe1\x00,\x00"},
			ErrEncoding, "sdn.csv", 1, "", "UTF-16 is not a supported encoding"},
		{"nul byte", map[string]string{"sdn.csv": row + strings.Replace(row, "ALPHA", "AL\x00PHA", 1) + "\x1a"},
			ErrEncoding, "sdn.csv", 2, "", "control characters mean a binary file"},
		{"marker inside", map[string]string{"sdn.csv": strings.Replace(row, "ALPHA", "AL\x1aPHA", 1) + row + "\x1a"},
			ErrEncoding, "sdn.csv", 1, "", "0x1A is only allowed at the end"},
		{"mixed encodings", map[string]string{"sdn.csv": strings.Replace(row, "ALPHA", "ÉLAN", 1) + strings.Replace(row, "1,\"ALPHA", "2,\"\xc9LAN", 1) + "\x1a"},
			ErrEncoding, "sdn.csv", 2, "", "a UTF-8 file with a Latin-1 byte is corrupt"},
		{"undefined windows-1252 byte", map[string]string{"sdn.csv": row + strings.Replace(row, "1,\"ALPHA", "2,\"AL\x81PHA", 1) + "\x1a"},
			ErrEncoding, "sdn.csv", 2, "", "0x81 is neither UTF-8 nor Windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseOFACCSV(OFACSDN, ofacCSVFilesOf(tt.files))
			if err == nil {
				t.Fatalf("ParseOFACCSV succeeded with %d entities; want an error (%s)", len(l.Entities), tt.reason)
			}
			if l != nil {
				t.Errorf("ParseOFACCSV returned a list with its error")
			}
			assert.ErrorIs(t, err, tt.want, "%s", tt.reason)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.file, pe.File, "%s: %v", tt.reason, err)
			assert.Equal(t, tt.line, pe.Line, "%s: %v", tt.reason, err)
			assert.Equal(t, tt.field, pe.Field, "%s: %v", tt.reason, err)
		})
	}
}

type ofacCSVFailingReader struct{}

var errOFACCSVRead = errors.New("disk on fire")

func (ofacCSVFailingReader) Read([]byte) (int, error) { return 0, errOFACCSVRead }

func TestParseOFACCSVErrors(t *testing.T) {
	good := File{Name: "sdn.csv", R: strings.NewReader(ofacCSVRow + "\x1a")}
	tests := []struct {
		name   string
		src    Source
		files  OFACCSVFiles
		want   error
		reason string
	}{
		{"no primary", OFACSDN, OFACCSVFiles{Alt: File{Name: "alt.csv", R: strings.NewReader("\x1a")}}, ErrMissing, "the primary file is required"},
		{"read error", OFACSDN, OFACCSVFiles{Primary: good, Alt: File{Name: "alt.csv", R: ofacCSVFailingReader{}}}, errOFACCSVRead, "the reader's error is wrapped"},
		{"not OFAC", UN, OFACCSVFiles{Primary: good}, nil, "the legacy CSV is OFAC's only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseOFACCSV(tt.src, tt.files)
			if err == nil || l != nil {
				t.Fatalf("ParseOFACCSV = %v, %v; want an error (%s)", l, err, tt.reason)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v does not wrap %v (%s)", err, tt.want, tt.reason)
			}
		})
	}
	// Unnamed files are named after their role in errors.
	_, err := ParseOFACCSV(OFACNonSDN, OFACCSVFiles{
		Primary: File{R: strings.NewReader(ofacCSVRow + "\x1a")},
		Alt:     File{R: strings.NewReader(`9,7,"aka","A",-0- ` + "\r\n\x1a")},
	})
	var pe *ParseError
	assert.ErrorAs(t, err, &pe)
	assert.Equal(t, "cons_alt.csv", pe.File)
}

// ofacCSVSharedDPRK returns the path of a file under ../shared/dprk, with
// the skipping rules of sharedList.
func ofacCSVSharedDPRK(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "dprk", name)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared file dprk/%s is required in CI: %v", name, err)
		}
		tb.Skipf("shared file dprk/%s not present: %v", name, err)
	}
	return p
}

// ofacCSVUnparsed returns the remark items of l that parseOFACRemarks
// could not read, with their counts.
func ofacCSVUnparsed(l *List) map[string]int {
	m := map[string]int{}
	for i := range l.Entities {
		var scratch Entity
		for _, u := range parseOFACRemarks(&scratch, l.Entities[i].Remarks) {
			m[u]++
		}
	}
	return m
}

func TestParseOFACCSVRealSDN(t *testing.T) {
	l, err := ParseOFACCSV(OFACSDN, ofacCSVShared(t, "ofac/2025-12", OFACSDN))
	require.NoError(t, err)
	c := l.Counts()
	if c.Entities != 18494 || c.StrongAliases != 20107 || c.WeakAliases != 4336 || c.DPRK != 668 {
		t.Errorf("counts: %d entities, %d strong and %d weak aliases, %d DPRK; want 18494, 20107 (alt.csv rows), 4336 (a.k.a./f.k.a./n.k.a. in remarks), 668 (538 under a DPRK program + 130 under NPWMD/CYBER citing the North Korea Sanctions Regulations)",
			c.Entities, c.StrongAliases, c.WeakAliases, c.DPRK)
	}
	wantTypes := map[EntityType]int{Person: 7329, Organization: 9408, Vessel: 1415, Aircraft: 342}
	assert.Equal(t, wantTypes, c.ByType)
	wantCrypto := map[string]int{"XBT": 519, "USDT": 93, "ETH": 77, "TRX": 29, "LTC": 11, "XMR": 8, "BCH": 7, "ZEC": 3, "DASH": 3,
		"USDC": 2, "BTG": 1, "ETC": 1, "BSV": 1, "XVG": 1, "XRP": 1, "ARB": 1, "BSC": 1, "SOL": 1}
	assert.Equal(t, wantCrypto, c.Crypto, "760 'Digital Currency Address' items")
	assert.Equal(t, 23776, c.Identifiers)
	addresses, vessels, remarks := 0, 0, 0
	for _, e := range l.Entities {
		addresses += len(e.Addresses)
		if e.Vessel != nil {
			vessels++
		}
		if e.Remarks != "" {
			remarks++
		}
	}
	// add.csv has 24,244 rows, of which 3,150 have every column null.
	assert.Equal(t, 21094, addresses)
	assert.Equal(t, 1412, vessels)
	assert.Equal(t, 18152, remarks)
	// Every DOB item of the real list is read; only these items, which are
	// not what their label promises, are left to Remarks.
	wantUnparsed := map[string]int{"nationality possibly Palestinian": 3, "Passport issued in Sarajevo, Bosnia-Herzegovina": 1}
	assert.Equal(t, wantUnparsed, ofacCSVUnparsed(l))

	t.Run("DPRK crypto", func(t *testing.T) {
		f, err := os.Open(ofacCSVSharedDPRK(t, "ofac_dprk_crypto_addresses.csv"))
		require.NoError(t, err)
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 119, "ofac_dprk_crypto_addresses.csv, header %q", rows[0])
		require.Equal(t, []string{"ofac_tag", "address_as_published", "sdn_uid"}, rows[0][:3], "ofac_dprk_crypto_addresses.csv, header %q", rows[0])
		for _, r := range rows[1:] {
			e := ofacCSVEntityByID(t, l, r[2])
			found := false
			for _, a := range e.Crypto {
				found = found || a == CryptoAddress{Currency: r[0], Address: r[1]}
			}
			if !found {
				t.Errorf("ent_num %s lacks %s address %s", r[2], r[0], r[1])
			}
		}
	})

	t.Run("entities", func(t *testing.T) {
		wants := []Entity{
			{ // a DPRK person with DOB, POB, citizenship and passport
				Source: OFACSDN, ID: "20130", Type: Person,
				Names:        []Name{{Full: "KANG, Song Nam", Kind: Primary}},
				BirthDates:   []DateOfBirth{{From: Date{1962, 7, 28}}},
				BirthPlaces:  []Place{{Text: "North P'yo'ngan Province, North Korea", Country: "KP"}},
				Citizenships: []string{"KP"},
				Addresses:    []Address{{Country: "KP", CountryName: "Korea, North"}},
				Identifiers:  []Identifier{{Type: IDPassport, Label: "Passport", Value: "654410025", Country: "KP", Note: "expires 14 Oct 2019"}},
				Programs:     []string{"DPRK3"}, DPRK: true, Titles: []string{"Bureau Director"},
				Remarks: "DOB 28 Jul 1962; POB North P'yo'ngan Province, North Korea; citizen Korea, North; Secondary sanctions risk: " +
					"North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or " +
					"Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Passport 654410025 " +
					"(Korea, North) expires 14 Oct 2019; Bureau Director; Linked To: MINISTRY OF STATE SECURITY.",
			},
			{ // a DPRK bank with SWIFT/BIC and the legacy PHONE/FAX/TELEX/EMAIL labels
				Source: OFACSDN, ID: "12312", Type: Organization,
				Names:     []Name{{Full: "KOREA DAESONG BANK", Kind: Primary}, {Full: "TAESONG BANK", Kind: AKA}, {Full: "CHOSON TAESONG UNHAENG", Kind: AKA}},
				Addresses: []Address{{Street: "Segori-dong, Gyongheung St., Potonggang District", City: "Pyongyang", Country: "KP", CountryName: "Korea, North"}},
				Identifiers: []Identifier{
					{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "KDBKKPPY"},
					{Type: IDPhone, Label: "PHONE", Value: "850 2 381 8221"},
					{Type: IDPhone, Label: "PHONE", Value: "850 2 18111 ext. 8221"},
					{Type: IDPhone, Label: "FAX", Value: "850 2 381 4576"},
					{Type: IDOther, Label: "TELEX", Value: "360230 and 37041 KDP KP"},
					{Type: IDEmail, Label: "EMAIL", Value: "kdb@co.chesin.com"},
				},
				Programs: []string{"DPRK"}, DPRK: true,
				Remarks: "SWIFT/BIC KDBKKPPY; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; " +
					"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions " +
					"Regulations section 510.214; PHONE 850 2 381 8221; PHONE 850 2 18111 ext. 8221; FAX 850 2 381 4576; TELEX 360230 " +
					"and 37041 KDP KP; TGMS daesongbank; EMAIL kdb@co.chesin.com.",
			},
			{ // a vessel with its columns and a weak f.k.a.; its add.csv row is all null
				Source: OFACSDN, ID: "15036", Type: Vessel,
				Names: []Name{{Full: "ARTAVIL", Kind: Primary}, {Full: "ABADAN", Kind: FKA}, {Full: "SHONA", Kind: FKA}, {Full: "ALPHA", Kind: FKA, Strength: Weak}},
				Identifiers: []Identifier{
					{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 9187629"},
					{Type: IDOther, Label: "MMSI", Value: "572469210"},
				},
				Programs: []string{"IRAN"},
				Remarks: "Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel Flag None Identified; alt. Former " +
					"Vessel Flag Tanzania; Additional Sanctions Information - Subject to Secondary Sanctions; Vessel Registration " +
					"Identification IMO 9187629; MMSI 572469210; f.k.a. 'ALPHA'; Linked To: NATIONAL IRANIAN TANKER COMPANY.",
				Vessel: &VesselInfo{CallSign: "T2EU4", Type: "Crude/Oil Products Tanker", Tonnage: "99,144", GRT: "56,068", Flag: "Iran"},
			},
			{ // an organization with addresses in four countries
				Source: OFACSDN, ID: "306", Type: Organization,
				Names: []Name{{Full: "BANCO NACIONAL DE CUBA", Kind: Primary}, {Full: "NATIONAL BANK OF CUBA", Kind: AKA}, {Full: "BNC", Kind: AKA, Strength: Weak}},
				Addresses: []Address{
					{Street: "Zweierstrasse 35", City: "Zurich CH-8022", Country: "CH", CountryName: "Switzerland"},
					{Street: "Avenida de Concha Espina 8", City: "Madrid E-28036", Country: "ES", CountryName: "Spain"},
					{Street: "Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku", City: "Tokyo 103", Country: "JP", CountryName: "Japan"},
					{Street: "Federico Boyd Avenue & 51 Street", City: "Panama City", Country: "PA", CountryName: "Panama"},
				},
				Programs: []string{"CUBA"},
				Remarks:  "a.k.a. 'BNC'.",
			},
		}
		for i := range wants {
			checkOFACCSVEntity(t, ofacCSVEntityByID(t, l, wants[i].ID), &wants[i])
		}
		// A DPRK person whose remarks continue in sdn_comments.csv.
		e := ofacCSVEntityByID(t, l, "28263")
		if !strings.HasSuffix(e.Remarks, "a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.") || len(e.Remarks) != 1000+len("hn'; Linked To: LAZARUS GROUP.") {
			t.Errorf("28263 remarks (%d chars) were not joined with sdn_comments.csv: ...%q", len(e.Remarks), e.Remarks[max(0, len(e.Remarks)-60):])
		}
		wantNames := []Name{{Full: "TIAN, Yinyin", Kind: Primary}, {Full: "tianyinyin0404", Kind: AKA, Strength: Weak}, {Full: "snowsjohn", Kind: AKA, Strength: Weak}}
		if !reflect.DeepEqual(e.Names, wantNames) || !e.DPRK || !reflect.DeepEqual(e.Programs, []string{"DPRK3", "CYBER2"}) ||
			len(e.Crypto) != 8 || e.Gender != "Male" || !reflect.DeepEqual(e.Nationalities, []string{"CN"}) {
			t.Errorf("28263 = names %+v, DPRK %v, programs %q, %d crypto, gender %q, nationalities %q", e.Names, e.DPRK, e.Programs, len(e.Crypto), e.Gender, e.Nationalities)
		}
	})
}

func TestParseOFACCSVRealSDNOlder(t *testing.T) {
	l, err := ParseOFACCSV(OFACSDN, ofacCSVShared(t, "ofac/2025-02", OFACSDN))
	require.NoError(t, err)
	c := l.Counts()
	if c.Entities != 16989 || c.StrongAliases != 19486 || c.WeakAliases != 4104 || c.DPRK != 636 {
		t.Errorf("counts: %d entities, %d strong and %d weak aliases, %d DPRK; want 16989, 19486, 4104, 636",
			c.Entities, c.StrongAliases, c.WeakAliases, c.DPRK)
	}
	wantTypes := map[EntityType]int{Person: 7295, Organization: 8334, Vessel: 986, Aircraft: 374}
	assert.Equal(t, wantTypes, c.ByType)
	assert.Equal(t, 590, c.Crypto["XBT"]+c.Crypto["ETH"])
}

func TestParseOFACCSVRealNonSDN(t *testing.T) {
	l, err := ParseOFACCSV(OFACNonSDN, ofacCSVShared(t, "ofac-nonsdn/2025-12", OFACNonSDN))
	require.NoError(t, err)
	c := l.Counts()
	if c.Entities != 442 || c.StrongAliases != 1073 || c.WeakAliases != 72 || c.DPRK != 0 || c.Identifiers != 1284 {
		t.Errorf("counts: %d entities, %d strong and %d weak aliases, %d DPRK, %d identifiers; want 442, 1073, 72, 0, 1284",
			c.Entities, c.StrongAliases, c.WeakAliases, c.DPRK, c.Identifiers)
	}
	wantTypes := map[EntityType]int{Person: 79, Organization: 363}
	assert.Equal(t, wantTypes, c.ByType)
	for _, e := range l.Entities {
		if e.Source != OFACNonSDN {
			t.Fatalf("entity %s has source %v", e.ID, e.Source)
		}
	}
	assert.Empty(t, ofacCSVUnparsed(l))
	// cons_comments.csv continues ten remarks; 17016 is one of them.
	if e := ofacCSVEntityByID(t, l, "17016"); len(e.Remarks) <= 1000 || !strings.HasSuffix(e.Remarks, ".") {
		t.Errorf("17016 remarks (%d chars) not joined with cons_comments.csv", len(e.Remarks))
	}
}

func BenchmarkParseOFACCSV(b *testing.B) {
	var data [4][]byte
	for i, name := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		var err error
		if data[i], err = os.ReadFile(sharedList(b, "ofac/2025-12/"+name)); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(data[0]) + len(data[1]) + len(data[2]) + len(data[3])))
	b.ReportAllocs()
	for b.Loop() {
		l, err := ParseOFACCSV(OFACSDN, OFACCSVFiles{
			Primary: File{Name: "sdn.csv", R: bytes.NewReader(data[0])}, Alt: File{Name: "alt.csv", R: bytes.NewReader(data[1])},
			Address: File{Name: "add.csv", R: bytes.NewReader(data[2])}, Comments: File{Name: "sdn_comments.csv", R: bytes.NewReader(data[3])},
		})
		if err != nil || len(l.Entities) != 18494 {
			b.Fatal(err)
		}
	}
}

func ExampleParseOFACCSV() {
	sdn := `7245,"EXAMPLE, Ali","individual","SDGT] [DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,` +
		`"DOB 12 Feb 1970; nationality Korea, North; Passport 563120356 (Korea, North); ` +
		`Digital Currency Address - XBT 1ExampleAddr; a.k.a. 'ALI THE EXAMPLE'."` + "\r\n\x1a"
	alt := `7245,100,"aka","EXAMPLE, Aly",-0- ` + "\r\n\x1a"
	l, err := ParseOFACCSV(OFACSDN, OFACCSVFiles{
		Primary: File{Name: "sdn.csv", R: strings.NewReader(sdn)},
		Alt:     File{Name: "alt.csv", R: strings.NewReader(alt)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entities[0]
	for _, n := range e.Names {
		fmt.Println(n.Kind, n.Strength, n.Full)
	}
	fmt.Println(e.Type, e.Programs, "DPRK:", e.DPRK)
	fmt.Println(e.BirthDates[0], e.Nationalities)
	fmt.Println(e.Identifiers[0].Type, e.Identifiers[0].Value, e.Identifiers[0].Country)
	fmt.Println(e.Crypto[0].Currency, e.Crypto[0].Address)
	// Output:
	// primary strong EXAMPLE, Ali
	// aka strong EXAMPLE, Aly
	// aka weak ALI THE EXAMPLE
	// person [SDGT DPRK3] DPRK: true
	// 1970-02-12 [KP]
	// passport 563120356 KP
	// XBT 1ExampleAddr
}
