package lists

import (
	"io"
	"strings"
	"time"
)

// The columns of the OFSI consolidated list ConList.csv, in published order.
var ofsiColumns = [...]string{
	"Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title",
	"Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language",
	"DOB", "Town of Birth", "Country of Birth", "Nationality",
	"Passport Number", "Passport Details", "National Identification Number", "National Identification Details",
	"Position", "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
	"Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type", "Alias Quality",
	"Regime", "Listed On", "UK Sanctions List Date Designated", "Last Updated", "Group ID",
}

// Indexes into ofsiColumns.
const (
	ofsiName6 = iota
	ofsiName1
	ofsiName2
	ofsiName3
	ofsiName4
	ofsiName5
	ofsiTitle
	ofsiNonLatin
	ofsiNonLatinType
	ofsiNonLatinLang
	ofsiDOB
	ofsiTownOfBirth
	ofsiCountryOfBirth
	ofsiNationality
	ofsiPassportNumber
	ofsiPassportDetails
	ofsiNationalIDNumber
	ofsiNationalIDDetails
	ofsiPosition
	ofsiAddress1
	ofsiAddress2
	ofsiAddress3
	ofsiAddress4
	ofsiAddress5
	ofsiAddress6
	ofsiPostCode
	ofsiCountry
	ofsiOtherInfo
	ofsiGroupType
	ofsiAliasType
	ofsiAliasQuality
	ofsiRegime
	ofsiListedOn
	ofsiUKDesignated
	ofsiLastUpdated
	ofsiGroupID
)

// ParseOFSICSV reads the legacy OFSI consolidated list ConList.csv (first
// line "Last Updated,DD/MM/YYYY", then a header, one row per name).
//
// The file is UTF-8 (a byte order mark is skipped); bytes that are not
// UTF-8 are an error wrapping [ErrEncoding]. The rows of one "Group ID" —
// one per name, repeated for every date of birth and address, and not
// necessarily next to each other — are merged into one [Entity] whose ID is
// the group ID, in the order the groups first appear. The "Primary name" row
// gives the primary name; "AKA" and "Primary name variation" rows give
// aliases (weak when of "Low quality"), "FKA" rows former names. The
// labelled parts of "Other Information" give identifiers ("UK Sanctions List
// Ref", "UN Ref", phone, e-mail, website, "Business Reg No", "IMO number"),
// the gender and a ship's details; the whole text is kept as Remarks. The
// list's Published date is the "Last Updated" date of the first line.
//
// Any error is a *[ParseError] naming the file, line and column.
func ParseOFSICSV(f File) (*List, error) {
	c := newUKCSV(f)
	rec, err := c.read()
	if err == io.EOF {
		return nil, &ParseError{File: f.Name, Err: ErrEmpty}
	}
	if err != nil {
		return nil, err
	}
	if len(rec) < 2 || strings.TrimSpace(rec[0]) != "Last Updated" {
		return nil, c.errorf("Last Updated", ErrMalformed, "first line is not \"Last Updated,DD/MM/YYYY\"")
	}
	for _, v := range rec[2:] {
		if strings.TrimSpace(v) != "" {
			return nil, c.errorf("Last Updated", ErrMalformed, "first line is not \"Last Updated,DD/MM/YYYY\"")
		}
	}
	pub, err := ukParseFullDate(rec[1])
	if err != nil {
		return nil, c.wrap("Last Updated", err)
	}
	list := &List{
		Source:        UK,
		Format:        FormatOFSICSV,
		Published:     time.Date(pub.Year, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC),
		PublishedFrom: PublishedFromContent,
	}

	rec, err = c.read()
	if err == io.EOF {
		return nil, c.errorf("", ErrTruncated, "no header line")
	}
	if err != nil {
		return nil, err
	}
	header := append([]string(nil), rec...)
	idx, extra, err := c.columns(header, ofsiColumns[:])
	if err != nil {
		return nil, err
	}

	var groups ukGroups
	var v [len(ofsiColumns)]string
	ents, err := c.readRows(f.Name, header, idx, v[:], &groups, "Group ID", func(rec []string) error {
		return ofsiRow(c, &groups, &v, rec, header, extra)
	})
	if err != nil {
		return nil, err
	}
	list.Entities = ents
	return list, nil
}

// ofsiDetailColumns are the columns of a group's details, which do not
// change with the name of a row.
var ofsiDetailColumns = ukDetailColumns(len(ofsiColumns),
	ofsiName6, ofsiName1, ofsiName2, ofsiName3, ofsiName4, ofsiName5, ofsiTitle,
	ofsiNonLatin, ofsiNonLatinType, ofsiNonLatinLang, ofsiAliasType, ofsiAliasQuality)

// ofsiRow merges one row of ConList.csv into its group.
func ofsiRow(c *ukCSV, groups *ukGroups, v *[len(ofsiColumns)]string, rec, header []string, extra []int) error {
	id := strings.TrimSpace(v[ofsiGroupID])
	if id == "" {
		return c.errorf("Group ID", ErrMissing, "no group ID")
	}
	gt := strings.TrimSpace(v[ofsiGroupType])
	var t EntityType
	switch strings.ToLower(gt) {
	case "individual":
		t = Person
	case "entity":
		t = Organization
	case "ship":
		t = Vessel
	case "":
		return c.errorf("Group Type", ErrMissing, "no group type")
	default:
		return c.errorf("Group Type", ErrMalformed, "unknown group type %q", gt)
	}
	b, _ := groups.get(id, t, c.line)
	if b.e.Type != t {
		return c.errorf("Group Type", ErrMalformed, "group %s is both %s and %s", id, b.e.Type, t)
	}

	names := [6]string{v[ofsiName1], v[ofsiName2], v[ofsiName3], v[ofsiName4], v[ofsiName5], v[ofsiName6]}
	hasName := b.addName(&names, ukNameKind(v[ofsiAliasType]), ukStrength(v[ofsiAliasQuality]))
	if strings.TrimSpace(v[ofsiNonLatin]) != "" {
		b.addNonLatin(v[ofsiNonLatin], v[ofsiNonLatinType], v[ofsiNonLatinLang])
	} else if !hasName {
		return c.errorf("Name 6", ErrMissing, "row has no name")
	}
	b.addTitles(v[ofsiTitle])
	if len(extra) == 0 && b.seenDetails(v[:], ofsiDetailColumns) {
		return nil
	}
	if err := b.addDOB(v[ofsiDOB]); err != nil {
		return c.wrap("DOB", err)
	}
	b.addPlaces(v[ofsiTownOfBirth], v[ofsiCountryOfBirth])
	b.addNationality(v[ofsiNationality])
	b.addIDs(IDPassport, "Passport Number", v[ofsiPassportNumber], v[ofsiPassportDetails])
	b.addIDs(IDNationalID, "National Identification Number", v[ofsiNationalIDNumber], v[ofsiNationalIDDetails])
	b.addTitles(v[ofsiPosition])
	lines := [6]string{v[ofsiAddress1], v[ofsiAddress2], v[ofsiAddress3], v[ofsiAddress4], v[ofsiAddress5], v[ofsiAddress6]}
	b.addAddress(&lines, v[ofsiPostCode], v[ofsiCountry])
	if info := strings.TrimSpace(v[ofsiOtherInfo]); info != "" {
		b.addRemark(info)
		ofsiOtherInfoFields(b, info)
	}
	b.addProgram(v[ofsiRegime])
	if err := b.setListed(v[ofsiListedOn]); err != nil {
		return c.wrap("Listed On", err)
	}
	// "UK Sanctions List Date Designated" and "Last Updated" are checked but
	// have no place in the model.
	for _, col := range [...]int{ofsiUKDesignated, ofsiLastUpdated} {
		if s := strings.TrimSpace(v[col]); s != "" {
			if _, err := ukParseFullDate(s); err != nil {
				return c.wrap(ofsiColumns[col], err)
			}
		}
	}
	for _, j := range extra {
		b.addExtra(strings.TrimSpace(header[j]), rec[j])
	}
	return nil
}

// ofsiInfoLabels are the labels of the parts of ConList's "Other
// Information" ("(UK Sanctions List Ref):RUS0001. (Gender):Male").
var ofsiInfoLabels = []string{
	"UK Sanctions List Ref", "UK Statement of Reasons", "UN Ref", "Gender",
	"Phone number", "Tel", "Fax", "Email address", "Website", "Type of entity",
	"Parent company", "Subsidiaries", "Business Reg No", "IMO number",
	"Flag of ship", "Previous flags", "Type of ship", "Tonnage of ship",
	"Length of ship", "Year built", "Current owners",
	"List of persons named in relation to financial and investment restrictions Group ID",
}

// ofsiInfoPart is one labelled part of "Other Information".
type ofsiInfoPart struct {
	label string // as in ofsiInfoLabels
	value string
}

// ofsiSplitInfo splits "Other Information" at its known labels. Text before
// the first label and labels it does not know stay in the value before them.
func ofsiSplitInfo(s string) []ofsiInfoPart {
	type mark struct {
		at, value int
		label     string
	}
	var marks []mark
	for i := 0; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		for _, l := range ofsiInfoLabels {
			end := i + 1 + len(l)
			if end+2 <= len(s) && s[end] == ')' && s[end+1] == ':' && strings.EqualFold(s[i+1:end], l) {
				marks = append(marks, mark{at: i, value: end + 2, label: l})
				i = end + 1
				break
			}
		}
	}
	parts := make([]ofsiInfoPart, len(marks))
	for k, m := range marks {
		end := len(s)
		if k+1 < len(marks) {
			end = marks[k+1].at
		}
		parts[k] = ofsiInfoPart{label: m.label, value: ukTrimItem(s[m.value:end])}
	}
	return parts
}

// ofsiOtherInfoFields takes identifiers, the gender and a ship's details from
// the labelled parts of "Other Information".
func ofsiOtherInfoFields(b *ukBuilder, info string) {
	for _, p := range ofsiSplitInfo(info) {
		if p.value == "" {
			continue
		}
		switch p.label {
		case "UK Sanctions List Ref", "UN Ref":
			for _, r := range ofsiRefs(p.value) {
				b.addID(Identifier{Type: IDOther, Label: p.label, Value: r})
			}
		case "Gender":
			b.addGender(p.value)
		case "Phone number", "Tel", "Fax":
			b.addContacts(IDPhone, p.label, p.value)
		case "Email address":
			b.addContacts(IDEmail, p.label, p.value)
		case "Website":
			b.addContacts(IDWebsite, p.label, p.value)
		case "Business Reg No":
			for _, r := range ukSplitNumbered(p.value) {
				b.addID(Identifier{Type: IDRegistration, Label: p.label, Value: r})
			}
		case "IMO number":
			for _, r := range ukSplitNumbered(p.value) {
				b.addID(Identifier{Type: IDIMO, Label: p.label, Value: r})
			}
		case "Flag of ship":
			ukAddUnique(&b.flags, p.value)
		case "Type of ship":
			ukAddUnique(&b.types, p.value)
		case "Tonnage of ship":
			ukAddUnique(&b.tonnage, p.value)
		case "Current owners":
			ukAddUnique(&b.owners, p.value)
		}
	}
}

// ofsiRefs returns the references at the start of a "UK Sanctions List Ref"
// or "UN Ref" value: "RUS0001", or "AQD0194 and SOM0003" for a person
// listed under two regimes. A remark may follow the references, after a
// full stop.
func ofsiRefs(v string) []string {
	f := strings.Fields(v)
	var out []string
	for i := 0; i < len(f); i++ {
		tok := f[i]
		last := strings.HasSuffix(tok, ".") || strings.HasSuffix(tok, ";")
		comma := strings.HasSuffix(tok, ",")
		if tok = ukTrimItem(tok); tok != "" {
			out = append(out, tok)
		}
		switch {
		case last:
			return out
		case i+1 < len(f) && (f[i+1] == "and" || f[i+1] == "&"):
			i++
		case !comma:
			return out
		}
	}
	return out
}
