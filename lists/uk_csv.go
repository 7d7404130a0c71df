package lists

import (
	"io"
	"strings"
	"time"
)

// The 58 columns of the FCDO UK Sanctions List CSV, in published order.
var ukCSVColumns = [...]string{
	"Last Updated", "Unique ID", "OFSI Group ID", "UN Reference Number",
	"Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name type", "Alias strength", "Title",
	"Name non-latin script", "Non-latin script type", "Non-latin script language",
	"Regime Name", "Designation Type", "Designation source", "Sanctions Imposed",
	"Other Information", "UK Statement of Reasons",
	"Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5", "Address Line 6",
	"Address Postal Code", "Address Country", "Phone number", "Website", "Email address",
	"Date Designated", "D.O.B", "Nationality(/ies)",
	"National Identifier number", "National Identifier additional information",
	"Passport number", "Passport additional information", "Position", "Gender",
	"Town of birth", "Country of birth", "Type of entity", "Subsidiaries", "Parent company",
	"Business registration number (s)", "IMO number", "Current owner/operator (s)",
	"Previous owner/operator (s)", "Current believed flag of ship", "Previous flags",
	"Type of ship", "Tonnage of ship", "Length of ship", "Year Built",
	"Hull identification number (HIN)",
}

// Indexes into ukCSVColumns.
const (
	ukcLastUpdated = iota
	ukcUniqueID
	ukcOFSIGroupID
	ukcUNRef
	ukcName6
	ukcName1
	ukcName2
	ukcName3
	ukcName4
	ukcName5
	ukcNameType
	ukcAliasStrength
	ukcTitle
	ukcNonLatin
	ukcNonLatinType
	ukcNonLatinLang
	ukcRegime
	ukcDesignationType
	ukcDesignationSource
	ukcSanctionsImposed
	ukcOtherInfo
	ukcStatementOfReasons
	ukcAddress1
	ukcAddress2
	ukcAddress3
	ukcAddress4
	ukcAddress5
	ukcAddress6
	ukcPostalCode
	ukcAddressCountry
	ukcPhone
	ukcWebsite
	ukcEmail
	ukcDateDesignated
	ukcDOB
	ukcNationality
	ukcNationalID
	ukcNationalIDInfo
	ukcPassport
	ukcPassportInfo
	ukcPosition
	ukcGender
	ukcTownOfBirth
	ukcCountryOfBirth
	ukcTypeOfEntity
	ukcSubsidiaries
	ukcParentCompany
	ukcBusinessReg
	ukcIMO
	ukcOwner
	ukcPreviousOwner
	ukcFlag
	ukcPreviousFlags
	ukcTypeOfShip
	ukcTonnage
	ukcLength
	ukcYearBuilt
	ukcHIN
	ukcCount
)

// ukReportDatePrefix starts the first line of the FCDO CSV: "Report Date:
// 08-Oct-2026".
const ukReportDatePrefix = "Report Date:"

// ParseUKCSV reads the FCDO UK Sanctions List in CSV (UK-Sanctions-List.csv).
//
// The file starts with a "Report Date: DD-Mon-YYYY" line, which gives the
// list's Published date, then a header naming the 58 published columns
// (looked up by name, so their order does not matter; columns the parser
// does not know are kept in the remarks). A file that starts with the
// header has no Published date (zero, PublishedFrom empty).
//
// The file is UTF-8 (a byte order mark is skipped); bytes that are not
// UTF-8 are an error wrapping [ErrEncoding]. The FCDO CSV has one row per
// name (repeated for each address); the rows of one "Unique ID" are merged
// into one [Entity] whose ID is the unique ID, in the order the IDs first
// appear, and the values are mapped as [ParseUKXML] maps the XML: the same
// list in the same model. Fields that pack several values, as "(1) ... (2)
// ..." or separated by "|", are split (names, Other Information, the
// statement of reasons and Sanctions Imposed are kept whole).
//
// Any error is a *[ParseError] naming the file, line and column.
func ParseUKCSV(f File) (*List, error) {
	c := newUKCSV(f)
	rec, err := c.read()
	if err == io.EOF {
		return nil, &ParseError{File: f.Name, Err: ErrEmpty}
	}
	if err != nil {
		return nil, err
	}
	list := &List{Source: UK, Format: FormatUKCSV}
	if first := strings.TrimSpace(rec[0]); strings.HasPrefix(first, ukReportDatePrefix) {
		for _, v := range rec[1:] {
			if strings.TrimSpace(v) != "" {
				return nil, c.errorf("Report Date", ErrMalformed, "first line is not \"Report Date: DD-Mon-YYYY\"")
			}
		}
		ds := strings.TrimSpace(first[len(ukReportDatePrefix):])
		t, err := time.Parse("2-Jan-2006", ds)
		if err != nil {
			d, err2 := ukParseFullDate(ds)
			if err2 != nil {
				return nil, c.errorf("Report Date", ErrDate, "%q is not DD-Mon-YYYY", ds)
			}
			t = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		}
		list.Published, list.PublishedFrom = t, PublishedFromContent
		rec, err = c.read()
		if err == io.EOF {
			return nil, c.errorf("", ErrTruncated, "no header line")
		}
		if err != nil {
			return nil, err
		}
	} else if first != ukCSVColumns[0] {
		return nil, c.errorf("Report Date", ErrMalformed, "first line is neither \"Report Date: DD-Mon-YYYY\" nor the header")
	}
	header := append([]string(nil), rec...)
	idx, extra, err := c.columns(header, ukCSVColumns[:])
	if err != nil {
		return nil, err
	}

	groups := ukGroups{split: ukSplitMulti}
	var v [ukcCount]string
	ents, err := c.readRows(f.Name, header, idx, v[:], &groups, "Unique ID", func(rec []string) error {
		return ukCSVRow(c, &groups, &v, rec, header, extra)
	})
	if err != nil {
		return nil, err
	}
	list.Entities = ents
	return list, nil
}

// ukCSVDetailColumns are the columns of a designation's details, which do
// not change with the name of a row.
var ukCSVDetailColumns = ukDetailColumns(ukcCount,
	ukcName6, ukcName1, ukcName2, ukcName3, ukcName4, ukcName5, ukcNameType, ukcAliasStrength,
	ukcTitle, ukcNonLatin, ukcNonLatinType, ukcNonLatinLang)

// ukCSVRow merges one row of the FCDO CSV into its designation.
func ukCSVRow(c *ukCSV, groups *ukGroups, v *[ukcCount]string, rec, header []string, extra []int) error {
	id := ukClean(v[ukcUniqueID])
	if id == "" {
		return c.errorf("Unique ID", ErrMissing, "no unique ID")
	}
	t, err := ukEntityType(v[ukcDesignationType])
	if err != nil {
		return c.wrap("Designation Type", err)
	}
	b, _ := groups.get(id, t, c.line)
	if b.e.Type != t {
		return c.errorf("Designation Type", ErrMalformed, "%s is both %s and %s", id, b.e.Type, t)
	}

	names := [6]string{v[ukcName1], v[ukcName2], v[ukcName3], v[ukcName4], v[ukcName5], v[ukcName6]}
	hasName := b.addName(&names, ukNameKind(v[ukcNameType]), ukStrength(v[ukcAliasStrength]))
	if strings.TrimSpace(v[ukcNonLatin]) != "" {
		b.addNonLatin(v[ukcNonLatin], v[ukcNonLatinType], v[ukcNonLatinLang])
	} else if !hasName {
		return c.errorf("Name 6", ErrMissing, "row has no name")
	}
	b.addTitles(v[ukcTitle])
	if len(extra) == 0 && b.seenDetails(v[:], ukCSVDetailColumns) {
		return nil
	}
	if err := ukCSVDetails(c, b, v); err != nil {
		return err
	}
	ukCSVOtherDetails(b, v, rec, header, extra)
	return nil
}

// ukCSVDetails merges the details of a designation given on a row:
// identifiers, regime, dates, address, contacts, the individual's details.
func ukCSVDetails(c *ukCSV, b *ukBuilder, v *[ukcCount]string) error {
	b.addID(Identifier{Type: IDOther, Label: "OFSI Group ID", Value: v[ukcOFSIGroupID]})
	b.addID(Identifier{Type: IDOther, Label: "UN Reference Number", Value: v[ukcUNRef]})
	b.addProgram(v[ukcRegime])
	if err := b.setListed(v[ukcDateDesignated]); err != nil {
		return c.wrap("Date Designated", err)
	}
	if s := strings.TrimSpace(v[ukcLastUpdated]); s != "" {
		if _, err := ukParseFullDate(s); err != nil {
			return c.wrap("Last Updated", err)
		}
	}
	lines := [6]string{v[ukcAddress1], v[ukcAddress2], v[ukcAddress3], v[ukcAddress4], v[ukcAddress5], v[ukcAddress6]}
	b.addAddress(&lines, v[ukcPostalCode], v[ukcAddressCountry])
	b.addContacts(IDPhone, "Phone number", v[ukcPhone])
	b.addContacts(IDWebsite, "Website", v[ukcWebsite])
	b.addContacts(IDEmail, "Email address", v[ukcEmail])
	for _, s := range b.split(v[ukcDOB]) {
		if err := b.addDOB(s); err != nil {
			return c.wrap("D.O.B", err)
		}
	}
	b.addNationality(v[ukcNationality])
	b.addIDs(IDNationalID, "National Identifier number", v[ukcNationalID], v[ukcNationalIDInfo])
	b.addIDs(IDPassport, "Passport number", v[ukcPassport], v[ukcPassportInfo])
	b.addTitles(v[ukcPosition])
	b.addGender(v[ukcGender])
	b.addPlaces(v[ukcTownOfBirth], v[ukcCountryOfBirth])
	return nil
}

// ukCSVOtherDetails merges the details of entities and ships, and the
// values with no field of their own, including the extra columns.
func ukCSVOtherDetails(b *ukBuilder, v *[ukcCount]string, rec, header []string, extra []int) {
	for _, r := range b.split(v[ukcBusinessReg]) {
		b.addID(Identifier{Type: IDRegistration, Label: "Business registration number", Value: r})
	}
	for _, r := range b.split(v[ukcIMO]) {
		b.addID(Identifier{Type: IDIMO, Label: "IMO number", Value: r})
	}
	for _, r := range b.split(v[ukcHIN]) {
		b.addID(Identifier{Type: IDRegistration, Label: "Hull identification number (HIN)", Value: r})
	}
	ukAddAll(&b.owners, b.split(v[ukcOwner]))
	ukAddAll(&b.flags, b.split(v[ukcFlag]))
	ukAddAll(&b.types, b.split(v[ukcTypeOfShip]))
	ukAddAll(&b.tonnage, b.split(v[ukcTonnage]))
	b.addRemark(v[ukcOtherInfo])
	// The values with no field of their own, with the labels ParseUKXML
	// gives them.
	for _, x := range [...]struct {
		label string
		col   int
	}{
		{"Type of entity", ukcTypeOfEntity},
		{"Parent company", ukcParentCompany},
		{"Subsidiary", ukcSubsidiaries},
		{"Previous owner/operator", ukcPreviousOwner},
		{"Previous flag", ukcPreviousFlags},
		{"Length of ship", ukcLength},
		{"Year built", ukcYearBuilt},
	} {
		for _, s := range b.split(ukClean(v[x.col])) {
			b.addExtra(x.label, s)
		}
	}
	b.addExtra("UK Statement of Reasons", v[ukcStatementOfReasons])
	b.addExtra("Sanctions imposed", v[ukcSanctionsImposed])
	b.addExtra("Designation source", v[ukcDesignationSource])
	for _, j := range extra {
		b.addExtra(strings.TrimSpace(header[j]), rec[j])
	}
}
