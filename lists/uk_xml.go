package lists

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// The elements of one <Designation> of the FCDO UK Sanctions List XML
// (schema SanctionsListSchema 4.x). Elements the schema may add later are
// caught by the ",any" fields and kept in the remarks.
type ukXMLDesignation struct {
	LastUpdated                string              `xml:"LastUpdated"`
	DateDesignated             string              `xml:"DateDesignated"`
	UniqueID                   string              `xml:"UniqueID"`
	OFSIGroupID                string              `xml:"OFSIGroupID"`
	UNReferenceNumber          string              `xml:"UNReferenceNumber"`
	Names                      []ukXMLName         `xml:"Names>Name"`
	NonLatinNames              []ukXMLNonLatin     `xml:"NonLatinNames>NonLatinName"`
	Titles                     []string            `xml:"Titles>Title"`
	RegimeName                 []string            `xml:"RegimeName"`
	IndividualEntityShip       string              `xml:"IndividualEntityShip"`
	DesignationSource          string              `xml:"DesignationSource"`
	SanctionsImposed           string              `xml:"SanctionsImposed"`
	SanctionsImposedIndicators ukXMLSkip           `xml:"SanctionsImposedIndicators"`
	OtherInformation           string              `xml:"OtherInformation"`
	UKStatementofReasons       string              `xml:"UKStatementofReasons"`
	Addresses                  []ukXMLAddress      `xml:"Addresses>Address"`
	PhoneNumbers               []string            `xml:"PhoneNumbers>PhoneNumber"`
	EmailAddresses             []string            `xml:"EmailAddresses>EmailAddress"`
	Websites                   []string            `xml:"Websites>Website"`
	Individuals                []ukXMLIndividual   `xml:"IndividualDetails>Individual"`
	Entities                   []ukXMLEntity       `xml:"EntityDetails>Entity"`
	Ships                      []ukXMLShip         `xml:"ShipDetails>Ship"`
	Other                      []ukXMLOtherElement `xml:",any"`
}

type ukXMLName struct {
	Name1         string `xml:"Name1"`
	Name2         string `xml:"Name2"`
	Name3         string `xml:"Name3"`
	Name4         string `xml:"Name4"`
	Name5         string `xml:"Name5"`
	Name6         string `xml:"Name6"`
	NameType      string `xml:"NameType"`
	AliasStrength string `xml:"AliasStrength"`
}

type ukXMLNonLatin struct {
	Name     string `xml:"NameNonLatinScript"`
	Script   string `xml:"NonLatinScriptType"`
	Language string `xml:"NonLatinScriptLanguage"`
}

type ukXMLAddress struct {
	Line1      string `xml:"AddressLine1"`
	Line2      string `xml:"AddressLine2"`
	Line3      string `xml:"AddressLine3"`
	Line4      string `xml:"AddressLine4"`
	Line5      string `xml:"AddressLine5"`
	Line6      string `xml:"AddressLine6"`
	PostalCode string `xml:"AddressPostalCode"`
	Country    string `xml:"AddressCountry"`
}

type ukXMLIndividual struct {
	DOBs          []string             `xml:"DOBs>DOB"`
	BirthDetails  []ukXMLBirthLocation `xml:"BirthDetails>Location"`
	Genders       []string             `xml:"Genders>Gender"`
	Nationalities []string             `xml:"Nationalities>Nationality"`
	Positions     []string             `xml:"Positions>Position"`
	Passports     []ukXMLPassport      `xml:"PassportDetails>Passport"`
	NationalIDs   []ukXMLNationalID    `xml:"NationalIdentifierDetails>NationalIdentifier"`
	Other         []ukXMLOtherElement  `xml:",any"`
}

type ukXMLBirthLocation struct {
	Town    string `xml:"TownOfBirth"`
	Country string `xml:"CountryOfBirth"`
}

type ukXMLPassport struct {
	Number string `xml:"PassportNumber"`
	Info   string `xml:"PassportAdditionalInformation"`
}

type ukXMLNationalID struct {
	Number string `xml:"NationalIdentifierNumber"`
	Info   string `xml:"NationalIdentifierAdditionalInformation"`
}

type ukXMLEntity struct {
	Registrations   []string            `xml:"BusinessRegistrationNumbers>BusinessRegistrationNumber"`
	Types           []string            `xml:"TypeOfEntities>TypeOfEntity"`
	ParentCompanies []string            `xml:"ParentCompanies>ParentCompany"`
	Subsidiaries    []string            `xml:"Subsidiaries>Subsidiary"`
	Other           []ukXMLOtherElement `xml:",any"`
}

type ukXMLShip struct {
	IMONumbers     []string            `xml:"IMONumbers>IMONumber"`
	Owners         []string            `xml:"CurrentOwnerOperators>CurrentOwnerOperator"`
	PreviousOwners []string            `xml:"PreviousOwnerOperators>PreviousOwnerOperator"`
	Flags          []string            `xml:"CurrentBelievedFlagOfShips>CurrentBelievedFlagOfShip"`
	PreviousFlags  []string            `xml:"PreviousFlags>PreviousFlag"`
	Types          []string            `xml:"TypeOfShipDetails>TypeOfShip"`
	Tonnages       []string            `xml:"TonnageOfShipDetails>TonnageOfShip"`
	Lengths        []string            `xml:"LengthOfShipDetails>LengthOfShip"`
	YearsBuilt     []string            `xml:"YearsBuilt>YearBuilt"`
	Other          []ukXMLOtherElement `xml:",any"`
}

// ukXMLSkip decodes an element and keeps nothing of it.
type ukXMLSkip struct{}

// ukXMLOtherElement is an element the parser does not know; its text is
// kept in the remarks.
type ukXMLOtherElement struct {
	XMLName xml.Name
	Inner   string `xml:",innerxml"`
}

// ParseUKXML reads the FCDO UK Sanctions List in XML (UK-Sanctions-List.xml).
//
// The file is read as a stream, one <Designation> at a time. Each
// designation becomes one [Entity] whose ID is its UniqueID ("DPR0075").
// The "Primary name" gives the primary name, "Primary name variation" and
// "Alias" names give aliases (weak when the AliasStrength is "Low
// quality"), and non-Latin names give aliases with their Script. Name1 to
// Name6 are joined in that order into Name.Full (family name last). The
// OFSIGroupID and UNReferenceNumber are kept as identifiers labelled "OFSI
// Group ID" and "UN Reference Number". OtherInformation, then the UK
// statement of reasons and the published values that have no field of their
// own in [Entity] (sanctions imposed, type of entity, previous flags, ...)
// as "Label: value" lines, make the Remarks.
//
// The list's Published time is the root's dateGenerated attribute, or the
// DateGenerated element when the attribute is absent; when the file states
// neither, Published is zero and PublishedFrom empty.
//
// Any error is a *[ParseError]: [ErrTruncated] for a file that ends early,
// [ErrMalformed] for XML that is not well formed or not the UK list,
// [ErrEncoding] for text that is not UTF-8, [ErrMissing] for a designation
// without UniqueID, type or name, [ErrDate] for an impossible date, and
// [ErrEmpty] for a list without designations.
func ParseUKXML(f File) (*List, error) {
	d := xml.NewDecoder(f.R)
	d.CharsetReader = ukXMLCharset
	list := &List{Source: UK, Format: FormatUKXML}
	fail := func(elem, field string, err error) error {
		line, _ := d.InputPos()
		return &ParseError{File: f.Name, Line: line, Element: elem, Field: field, Err: err}
	}

	if err := ukXMLRoot(d, f.Name, list, fail); err != nil {
		return nil, err
	}

	n := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = fmt.Errorf("%w: no </Designations>", ErrTruncated)
			}
			return nil, fail("Designations", "", xmlCause(err))
		}
		if _, ok := tok.(xml.EndElement); ok {
			break // </Designations>: the decoder checks it matches
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "DateGenerated":
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				return nil, fail("Designations/DateGenerated", "", xmlCause(err))
			}
			dt, err := ukParseFullDate(s)
			if err != nil {
				return nil, fail("Designations/DateGenerated", "", err)
			}
			if list.PublishedFrom == "" {
				list.Published = time.Date(dt.Year, time.Month(dt.Month), dt.Day, 0, 0, 0, 0, time.UTC)
				list.PublishedFrom = PublishedFromContent
			}
		case "Designation":
			n++
			line, _ := d.InputPos()
			elem := fmt.Sprintf("Designations/Designation[%d]", n)
			var rec ukXMLDesignation
			if err := d.DecodeElement(&rec, &se); err != nil {
				return nil, fail(elem, "", xmlCause(err))
			}
			if id := strings.TrimSpace(rec.UniqueID); id != "" {
				elem += " (" + id + ")"
			}
			e, field, err := ukXMLEntityOf(&rec, line)
			if err != nil {
				return nil, &ParseError{File: f.Name, Line: line, Element: elem, Field: field, Err: err}
			}
			list.Entities = append(list.Entities, e)
		default:
			if err := d.Skip(); err != nil {
				return nil, fail("Designations/"+se.Name.Local, "", xmlCause(err))
			}
		}
	}
	if err := ukXMLEnd(d, fail); err != nil {
		return nil, err
	}
	if len(list.Entities) == 0 {
		return nil, &ParseError{File: f.Name, Element: "Designations", Err: ErrEmpty}
	}
	return list, nil
}

// ukXMLRoot reads the root element, which must be Designations, and its
// dateGenerated attribute, when given, into list.Published.
func ukXMLRoot(d *xml.Decoder, file string, list *List, fail func(elem, field string, err error) error) error {
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return &ParseError{File: file, Err: fmt.Errorf("%w: no root element", ErrEmpty)}
		}
		if err != nil {
			return fail("", "", xmlCause(err))
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	if root.Name.Local != "Designations" {
		return fail(root.Name.Local, "", fmt.Errorf("%w: root element is %s, not Designations", ErrMalformed, root.Name.Local))
	}
	for _, a := range root.Attr {
		if a.Name.Local == "dateGenerated" {
			t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(a.Value))
			if err != nil {
				return fail("Designations", "dateGenerated", fmt.Errorf("%w: %q is not an RFC 3339 time", ErrDate, a.Value))
			}
			list.Published, list.PublishedFrom = t.UTC(), PublishedFromContent
		}
	}
	return nil
}

// ukXMLEnd checks that nothing but comments, processing instructions and
// space follow the root element.
func ukXMLEnd(d *xml.Decoder, fail func(elem, field string, err error) error) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fail("", "", xmlCause(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return fail(t.Name.Local, "", fmt.Errorf("%w: element after the root element", ErrMalformed))
		case xml.CharData:
			if len(strings.TrimSpace(string(t))) > 0 {
				return fail("", "", fmt.Errorf("%w: text after the root element", ErrMalformed))
			}
		}
	}
}

// ukXMLCharset refuses every declared encoding but UTF-8 (which the
// decoder reads itself) and its subset US-ASCII.
func ukXMLCharset(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "us-ascii", "ascii", "utf8":
		return r, nil
	}
	return nil, fmt.Errorf("%w: declared encoding %q is not UTF-8", ErrEncoding, charset)
}

// ukEntityType maps "Individual", "Entity" and "Ship" to an EntityType.
func ukEntityType(s string) (EntityType, error) {
	switch strings.ToLower(ukClean(s)) {
	case "individual":
		return Person, nil
	case "entity":
		return Organization, nil
	case "ship":
		return Vessel, nil
	case "":
		return TypeUnknown, fmt.Errorf("%w: no designation type", ErrMissing)
	}
	return TypeUnknown, fmt.Errorf("%w: unknown designation type %q", ErrMalformed, s)
}

// ukXMLEntityOf maps one designation to an Entity. On error it also returns
// the element at fault.
func ukXMLEntityOf(r *ukXMLDesignation, line int) (Entity, string, error) {
	id := ukClean(r.UniqueID)
	if id == "" {
		return Entity{}, "UniqueID", fmt.Errorf("%w: designation has no UniqueID", ErrMissing)
	}
	t, err := ukEntityType(r.IndividualEntityShip)
	if err != nil {
		return Entity{}, "IndividualEntityShip", err
	}
	b := newUKBuilder(id, t, line)
	for _, n := range r.Names {
		parts := [6]string{n.Name1, n.Name2, n.Name3, n.Name4, n.Name5, n.Name6}
		b.addName(&parts, ukNameKind(n.NameType), ukStrength(n.AliasStrength))
	}
	for _, n := range r.NonLatinNames {
		b.addNonLatin(n.Name, n.Script, n.Language)
	}
	b.addID(Identifier{Type: IDOther, Label: "OFSI Group ID", Value: r.OFSIGroupID})
	b.addID(Identifier{Type: IDOther, Label: "UN Reference Number", Value: r.UNReferenceNumber})
	for _, s := range r.Titles {
		b.addTitles(s)
	}
	for _, p := range r.RegimeName {
		b.addProgram(p)
	}
	if err := b.setListed(r.DateDesignated); err != nil {
		return Entity{}, "DateDesignated", err
	}
	if s := strings.TrimSpace(r.LastUpdated); s != "" {
		if _, err := ukParseFullDate(s); err != nil {
			return Entity{}, "LastUpdated", err
		}
	}
	for _, a := range r.Addresses {
		lines := [6]string{a.Line1, a.Line2, a.Line3, a.Line4, a.Line5, a.Line6}
		b.addAddress(&lines, a.PostalCode, a.Country)
	}
	for _, p := range r.PhoneNumbers {
		b.addID(Identifier{Type: IDPhone, Label: "Phone number", Value: p})
	}
	for _, s := range r.Websites {
		b.addContacts(IDWebsite, "Website", s)
	}
	for _, s := range r.EmailAddresses {
		b.addContacts(IDEmail, "Email address", s)
	}
	for _, ind := range r.Individuals {
		if err := ukXMLAddIndividual(b, &ind); err != nil {
			return Entity{}, "IndividualDetails/Individual/DOBs/DOB", err
		}
	}
	for _, ent := range r.Entities {
		ukXMLAddEntity(b, &ent)
	}
	for _, sh := range r.Ships {
		ukXMLAddShip(b, &sh)
	}
	b.addRemark(r.OtherInformation)
	b.addExtra("UK Statement of Reasons", r.UKStatementofReasons)
	b.addExtra("Sanctions imposed", r.SanctionsImposed)
	b.addExtra("Designation source", r.DesignationSource)
	ukXMLOther(b, r.Other)
	e, err := b.finish()
	if err != nil {
		return Entity{}, "Names", err
	}
	return e, "", nil
}

// ukXMLAddIndividual adds the details of an individual to b; its only
// error is a date of birth that is not a date.
func ukXMLAddIndividual(b *ukBuilder, ind *ukXMLIndividual) error {
	for _, s := range ind.DOBs {
		if err := b.addDOB(s); err != nil {
			return err
		}
	}
	for _, l := range ind.BirthDetails {
		b.addPlace(l.Town, l.Country)
	}
	for _, g := range ind.Genders {
		b.addGender(g)
	}
	for _, s := range ind.Nationalities {
		b.addNationality(s)
	}
	for _, s := range ind.Positions {
		b.addTitles(s)
	}
	for _, p := range ind.NationalIDs {
		b.addID(Identifier{Type: IDNationalID, Label: "National Identifier number", Value: p.Number, Note: p.Info})
	}
	for _, p := range ind.Passports {
		b.addID(Identifier{Type: IDPassport, Label: "Passport number", Value: p.Number, Note: p.Info})
	}
	ukXMLOther(b, ind.Other)
	return nil
}

// ukXMLAddEntity adds the details of an entity to b.
func ukXMLAddEntity(b *ukBuilder, ent *ukXMLEntity) {
	for _, s := range ent.Registrations {
		b.addID(Identifier{Type: IDRegistration, Label: "Business registration number", Value: s})
	}
	for _, s := range ent.Types {
		b.addExtra("Type of entity", ukClean(s))
	}
	for _, s := range ent.ParentCompanies {
		b.addExtra("Parent company", ukClean(s))
	}
	for _, s := range ent.Subsidiaries {
		b.addExtra("Subsidiary", ukClean(s))
	}
	ukXMLOther(b, ent.Other)
}

// ukXMLAddShip adds the details of a ship to b.
func ukXMLAddShip(b *ukBuilder, sh *ukXMLShip) {
	for _, s := range sh.IMONumbers {
		b.addID(Identifier{Type: IDIMO, Label: "IMO number", Value: s})
	}
	ukAddAll(&b.owners, sh.Owners)
	ukAddAll(&b.flags, sh.Flags)
	ukAddAll(&b.types, sh.Types)
	ukAddAll(&b.tonnage, sh.Tonnages)
	for _, s := range sh.PreviousOwners {
		b.addExtra("Previous owner/operator", ukClean(s))
	}
	for _, s := range sh.PreviousFlags {
		b.addExtra("Previous flag", ukClean(s))
	}
	for _, s := range sh.Lengths {
		b.addExtra("Length of ship", ukClean(s))
	}
	for _, s := range sh.YearsBuilt {
		b.addExtra("Year built", ukClean(s))
	}
	ukXMLOther(b, sh.Other)
}

// ukAddAll adds the distinct non-empty values of vs to list.
func ukAddAll(list *[]string, vs []string) {
	for _, v := range vs {
		if v = ukClean(v); v != "" {
			ukAddUnique(list, v)
		}
	}
}

// ukXMLOther keeps the text of unknown elements in the remarks.
func ukXMLOther(b *ukBuilder, els []ukXMLOtherElement) {
	for _, el := range els {
		b.addExtra(el.XMLName.Local, ukClean(ukXMLText(el.Inner)))
	}
}

// ukXMLText returns the character data of an XML fragment, its elements'
// texts separated by spaces.
func ukXMLText(inner string) string {
	if !strings.Contains(inner, "<") && !strings.Contains(inner, "&") {
		return inner
	}
	d := xml.NewDecoder(strings.NewReader(inner))
	var sb strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement, xml.EndElement:
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}
