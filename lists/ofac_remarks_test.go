package lists

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitOFACRemarks(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		reason   string
	}{
		{"plain", "DOB 1970; POB Paris, France", []string{"DOB 1970", "POB Paris, France"}, "items are separated by '; '"},
		{"no space", "nationality possibly Palestinian;arrested 23 Apr 2002", []string{"nationality possibly Palestinian", "arrested 23 Apr 2002"},
			"OFAC sometimes omits the space after ';' (ent_num 7245)"},
		{"parenthesised text", "Passport 1 (Eritrea); (Following data: Alt. DOB: 10 October 1969; National ID No.: 1, Kenya); a.k.a. 'X'",
			[]string{"Passport 1 (Eritrea)", "(Following data: Alt. DOB: 10 October 1969; National ID No.: 1, Kenya)", "a.k.a. 'X'"},
			"a ';' inside parentheses does not end the item (ent_num 11313)"},
		{"unbalanced", "Passport 1 (Eritrea; DOB 1970; Gender Male", []string{"Passport 1 (Eritrea", "DOB 1970", "Gender Male"},
			"an unclosed parenthesis must not swallow the rest of the remarks"},
		{"stray close", "Gender Male); DOB 1970", []string{"Gender Male)", "DOB 1970"}, "a stray ')' makes the parentheses unbalanced"},
		{"empty items", " ; DOB 1970;; ", []string{"DOB 1970"}, "empty items are skipped"},
		{"empty", "", nil, "nothing to split"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			splitOFACRemarks(tt.in, func(s string) { got = append(got, s) })
			assert.Equal(t, tt.want, got, "splitOFACRemarks(%q) (%s)", tt.in, tt.reason)
		})
	}
}

func TestParseOFACDOB(t *testing.T) {
	tests := []struct {
		in      string
		want    DateOfBirth
		wantErr bool
		reason  string
	}{
		{"12 Feb 1970", DateOfBirth{From: Date{1970, 2, 12}}, false, "exact date"},
		{"Feb 1970", DateOfBirth{From: Date{1970, 2, 0}}, false, "month precision"},
		{"1970", DateOfBirth{From: Date{1970, 0, 0}}, false, "year precision"},
		{"circa 1960", DateOfBirth{From: Date{1960, 0, 0}, Approximate: true}, false, "circa marks an approximate date"},
		{"circa 12 Jul 1986", DateOfBirth{From: Date{1986, 7, 12}, Approximate: true}, false, "circa with a full date"},
		{"1960 to 1962", DateOfBirth{From: Date{1960, 0, 0}, To: Date{1962, 0, 0}}, false, "year range"},
		{"01 Jan 1958 to 31 Dec 1959", DateOfBirth{From: Date{1958, 1, 1}, To: Date{1959, 12, 31}}, false, "date range"},
		{"Mar 1960 to Feb 1962", DateOfBirth{From: Date{1960, 3, 0}, To: Date{1962, 2, 0}}, false, "month range"},
		{"circa 1979-1982", DateOfBirth{From: Date{1979, 0, 0}, To: Date{1982, 0, 0}, Approximate: true}, false, "OFAC writes approximate ranges with a hyphen"},
		{"31 Feb 1970", DateOfBirth{}, true, "not a calendar date"},
		{"1962 to 1960", DateOfBirth{}, true, "a range must not end before it starts"},
		{"12/02/1970", DateOfBirth{}, true, "not an OFAC date form"},
		{"1970 to", DateOfBirth{}, true, "range without an end"},
		{"circa", DateOfBirth{}, true, "no date"},
		{"", DateOfBirth{}, true, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseOFACDOB(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseOFACDOB(%q) error = %v, want error %v (%s)", tt.in, err, tt.wantErr, tt.reason)
			}
			if err != nil && !errors.Is(err, ErrDate) {
				t.Errorf("parseOFACDOB(%q) error %v does not wrap ErrDate", tt.in, err)
			}
			assert.Equal(t, tt.want, got, "parseOFACDOB(%q) (%s)", tt.in, tt.reason)
		})
	}
}

func TestParseOFACIDValue(t *testing.T) {
	tests := []struct {
		in     string
		want   Identifier
		ok     bool
		reason string
	}{
		{"563120356 (Korea, North) expires 2020", Identifier{Value: "563120356", Country: "KP", Note: "expires 2020"}, true, "country in parentheses, expiry in the note"},
		{"E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992", Identifier{Value: "E590976", Country: "TN", Note: "issued 19 Jun 1987 expires 18 Jun 1992"}, true, "issue and expiry"},
		{"KKBCKPPY", Identifier{Value: "KKBCKPPY"}, true, "bare value"},
		{"IMO 9123456", Identifier{Value: "IMO 9123456"}, true, "value with a space is kept whole"},
		{"HRB 770549 (Stuttgart) (Germany)", Identifier{Value: "HRB 770549", Country: "DE", Note: "Stuttgart"}, true, "a place before the country goes to the note"},
		{"22839 (Jalisco) (Mexico)", Identifier{Value: "22839", Country: "MX", Note: "Jalisco"}, true, "a region before the country goes to the note"},
		{"123 (Atlantis)", Identifier{Value: "123", Note: "Atlantis"}, true, "an unknown country is kept in the note"},
		{"PA-1 (Panama)", Identifier{Value: "PA-1", Country: "PA"}, true, "Panama is PA, not the withdrawn PZ"},
		{"D489833(9) (Hong Kong)", Identifier{Value: "D489833(9)", Country: "HK"}, true, "a parenthesised check digit belongs to the value"},
		{"(357)(22660766)", Identifier{Value: "(357)(22660766)"}, true, "parenthesised digits are the value"},
		{"4117921 issued under the name Dilawar Khan", Identifier{Value: "4117921", Note: "issued under the name Dilawar Khan"}, true, "free text after 'issued'"},
		{"K754050 issued 26 May 1999 expires 25 May 2004", Identifier{Value: "K754050", Note: "issued 26 May 1999 expires 25 May 2004"}, true, "issue date without country"},
		{"AB-reissued 1", Identifier{Value: "AB-reissued 1"}, true, "'issued' inside a word is not a tail"},
		{"issued in Sarajevo, Bosnia-Herzegovina", Identifier{}, false, "no value before the tail"},
		{"(Iraq)", Identifier{}, false, "only a country"},
		{"", Identifier{}, false, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseOFACIDValue(tt.in)
			assert.Equal(t, tt.ok, ok, "parseOFACIDValue(%q) (%s)", tt.in, tt.reason)
			assert.Equal(t, tt.want, got, "parseOFACIDValue(%q) (%s)", tt.in, tt.reason)
		})
	}
}

func TestParseOFACRemarks(t *testing.T) {
	tests := []struct {
		name, remarks string
		want          Entity
		unparsed      []string
		reason        string
	}{
		{
			name:    "person",
			remarks: "DOB 12 Feb 1970; alt. DOB 1965; DOB circa 1960; DOB 1960 to 1962; POB Pyongyang, North Korea; nationality Korea, North; citizen Russia; Gender Male.",
			want: Entity{
				BirthDates: []DateOfBirth{
					{From: Date{1970, 2, 12}}, {From: Date{1965, 0, 0}},
					{From: Date{1960, 0, 0}, Approximate: true}, {From: Date{1960, 0, 0}, To: Date{1962, 0, 0}},
				},
				BirthPlaces:   []Place{{Text: "Pyongyang, North Korea", Country: "KP"}},
				Nationalities: []string{"KP"}, Citizenships: []string{"RU"}, Gender: "Male",
			},
			reason: "the personal items of the brief's example",
		},
		{
			name: "identifiers",
			remarks: "Passport 563120356 (Korea, North) expires 2020; National ID No. 12 (China); Tax ID No. 7744001497 (Russia); SWIFT/BIC KKBCKPPY; " +
				"Website www.x.com; Email Address a@b.com; Phone Number 850 2 381 8221; Vessel Registration Identification IMO 1234567; " +
				"Registration Number 1027700167110 (Russia); Unified Social Credit Code (USCC) 91110000100001234X (China); " +
				"Russian State Individual Business Registration Number Pattern (OGRNIP) 3157746000 (Russia); TELEX 360230 KDP KP.",
			want: Entity{Identifiers: []Identifier{
				{Type: IDPassport, Label: "Passport", Value: "563120356", Country: "KP", Note: "expires 2020"},
				{Type: IDNationalID, Label: "National ID No.", Value: "12", Country: "CN"},
				{Type: IDTaxID, Label: "Tax ID No.", Value: "7744001497", Country: "RU"},
				{Type: IDSWIFTBIC, Label: "SWIFT/BIC", Value: "KKBCKPPY"},
				{Type: IDWebsite, Label: "Website", Value: "www.x.com"},
				{Type: IDEmail, Label: "Email Address", Value: "a@b.com"},
				{Type: IDPhone, Label: "Phone Number", Value: "850 2 381 8221"},
				{Type: IDIMO, Label: "Vessel Registration Identification", Value: "IMO 1234567"},
				{Type: IDRegistration, Label: "Registration Number", Value: "1027700167110", Country: "RU"},
				{Type: IDRegistration, Label: "Unified Social Credit Code (USCC)", Value: "91110000100001234X", Country: "CN"},
				{Type: IDRegistration, Label: "Russian State Individual Business Registration Number Pattern (OGRNIP)", Value: "3157746000", Country: "RU"},
				{Type: IDOther, Label: "TELEX", Value: "360230 KDP KP"},
			}},
			reason: "the longest label wins (OGRNIP, not Registration Number); labels ofacIDType lacks still make identifiers",
		},
		{
			name: "crypto",
			remarks: "Digital Currency Address - XBT 1ABCdefGHI; alt. Digital Currency Address - ETH 0xAbCdEf01; " +
				"Digital Currency Address - USDT TQ9xYz; digital currency address - SOL So1Ana.",
			want: Entity{Crypto: []CryptoAddress{
				{Currency: "XBT", Address: "1ABCdefGHI"}, {Currency: "ETH", Address: "0xAbCdEf01"},
				{Currency: "USDT", Address: "TQ9xYz"}, {Currency: "SOL", Address: "So1Ana"},
			}},
			reason: "tags as published, addresses exactly as published (case kept)",
		},
		{
			name:    "weak aliases",
			remarks: "a.k.a. 'ABU MANSUR'; a.k.a. 'AL-QA'IDA'; f.k.a. 'OLD NAME CO., LTD.'; n.k.a. 'NEW NAME'; a.k.a. 'LAST'.",
			want: Entity{Names: []Name{
				{Full: "ABU MANSUR", Kind: AKA, Strength: Weak}, {Full: "AL-QA'IDA", Kind: AKA, Strength: Weak},
				{Full: "OLD NAME CO., LTD.", Kind: FKA, Strength: Weak}, {Full: "NEW NAME", Kind: NKA, Strength: Weak},
				{Full: "LAST", Kind: AKA, Strength: Weak},
			}},
			reason: "weak aliases are quoted with ' and may contain ' themselves; only the final period of the remarks is dropped",
		},
		{
			name:    "title",
			remarks: "Title Basij Deputy Commander; Linked To: SOMETHING.",
			want:    Entity{Titles: []string{"Basij Deputy Commander"}},
			reason:  "a Title item is a title; Linked To has no field and stays in Remarks",
		},
		{
			name:     "messy",
			remarks:  "DOB 31 Feb 1970; DOB sometime in 1970; nationality possibly Palestinian; citizen Atlantis; a.k.a. UNQUOTED; a.k.a. ''; Passport issued in Sarajevo; Digital Currency Address - XBT; Gender Male.",
			want:     Entity{Gender: "Male"},
			unparsed: []string{"DOB 31 Feb 1970", "DOB sometime in 1970", "nationality possibly Palestinian", "citizen Atlantis", "a.k.a. UNQUOTED", "a.k.a. ''", "Passport issued in Sarajevo", "Digital Currency Address - XBT"},
			reason:   "items that look known but cannot be read are reported, not fatal, and do not stop the other items",
		},
		{
			name:    "free text",
			remarks: "Secondary sanctions risk: section 1(b) of Executive Order 13224; Organization Established Date 1985; Member of the State Duma; all offices worldwide.",
			want:    Entity{},
			reason:  "items without a model field are left to Remarks and are not unparsed",
		},
		{
			name:    "place countries",
			remarks: "POB Sinuiju, North Pyongan Province, Korea, North; POB Springfield, IL; POB Congo, Democratic Republic of the; POB Tamaulipas.",
			want: Entity{BirthPlaces: []Place{
				{Text: "Sinuiju, North Pyongan Province, Korea, North", Country: "KP"},
				{Text: "Springfield, IL"},
				{Text: "Congo, Democratic Republic of the", Country: "CD"},
				{Text: "Tamaulipas"},
			}},
			reason: "the country ends the place and may itself contain a comma; a two-letter state is not a country code",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Entity
			unparsed := parseOFACRemarks(&got, tt.remarks)
			assert.Equal(t, tt.want, got, "parseOFACRemarks(%q)\n(%s)", tt.remarks, tt.reason)
			assert.Equal(t, tt.unparsed, unparsed, "%s", tt.reason)
		})
	}
}

// TestOFACCSVLabels keeps the label vocabulary sane: every label is
// classified (only TELEX, which the model has no type for, is IDOther
// without being MMSI or a call sign), and no label is listed twice.
func TestOFACCSVLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range ofacCSVIDLabels {
		if seen[l] {
			t.Errorf("label %q listed twice", l)
		}
		seen[l] = true
		assert.Equal(t, l, strings.TrimSpace(l))
		assert.NotEmpty(t, l)
		_, known := ofacBaseIDType(l)
		_, extra := ofacExtraIDType(l)
		if !known && !extra && l != "TELEX" {
			t.Errorf("label %q is classified by neither ofacBaseIDType nor ofacExtraIDType", l)
		}
		if known && extra {
			t.Errorf("label %q is in ofacExtraIDType although ofacBaseIDType knows it", l)
		}
	}
}
