package lists

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// unXMLEntry is one CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL or
// CONSOLIDATED_LIST/ENTITIES/ENTITY of the UN Security Council consolidated
// list (sc-sanctions.xsd). DATAID, VERSIONNUM, LAST_DAY_UPDATED, SORT_KEY
// and SORT_KEY_LAST_MOD are bookkeeping of the UN's database and are not
// read.
type unXMLEntry struct {
	FirstName     string         `xml:"FIRST_NAME"`
	SecondName    string         `xml:"SECOND_NAME"`
	ThirdName     string         `xml:"THIRD_NAME"`
	FourthName    string         `xml:"FOURTH_NAME"`
	UNListType    string         `xml:"UN_LIST_TYPE"`
	Reference     string         `xml:"REFERENCE_NUMBER"`
	ListedOn      string         `xml:"LISTED_ON"`
	Gender        string         `xml:"GENDER"`
	Comments      []string       `xml:"COMMENTS1"`
	Original      []string       `xml:"NAME_ORIGINAL_SCRIPT"`
	Titles        []string       `xml:"TITLE>VALUE"`
	Designations  []string       `xml:"DESIGNATION>VALUE"`
	Nationalities []string       `xml:"NATIONALITY>VALUE"`
	ListTypes     []string       `xml:"LIST_TYPE>VALUE"`
	IndAliases    []unXMLAlias   `xml:"INDIVIDUAL_ALIAS"`
	EntAliases    []unXMLAlias   `xml:"ENTITY_ALIAS"`
	IndAddresses  []unXMLAddress `xml:"INDIVIDUAL_ADDRESS"`
	EntAddresses  []unXMLAddress `xml:"ENTITY_ADDRESS"`
	BirthDates    []unXMLDOB     `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces   []unXMLAddress `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents     []unXMLDoc     `xml:"INDIVIDUAL_DOCUMENT"`
}

type unXMLAlias struct {
	Quality        string `xml:"QUALITY"`
	Name           string `xml:"ALIAS_NAME"`
	DateOfBirth    string `xml:"DATE_OF_BIRTH"`
	CityOfBirth    string `xml:"CITY_OF_BIRTH"`
	CountryOfBirth string `xml:"COUNTRY_OF_BIRTH"`
	Note           string `xml:"NOTE"`
}

// unXMLAddress is an address or a place of birth.
type unXMLAddress struct {
	Street        string `xml:"STREET"`
	City          string `xml:"CITY"`
	StateProvince string `xml:"STATE_PROVINCE"`
	ZipCode       string `xml:"ZIP_CODE"`
	Country       string `xml:"COUNTRY"`
	Note          string `xml:"NOTE"`
}

type unXMLDOB struct {
	TypeOfDate string `xml:"TYPE_OF_DATE"`
	Date       string `xml:"DATE"`
	Year       string `xml:"YEAR"`
	FromYear   string `xml:"FROM_YEAR"`
	ToYear     string `xml:"TO_YEAR"`
	Note       string `xml:"NOTE"`
}

type unXMLDoc struct {
	Type           string `xml:"TYPE_OF_DOCUMENT"`
	Type2          string `xml:"TYPE_OF_DOCUMENT2"`
	Number         string `xml:"NUMBER"`
	IssuingCountry string `xml:"ISSUING_COUNTRY"`
	DateOfIssue    string `xml:"DATE_OF_ISSUE"`
	CityOfIssue    string `xml:"CITY_OF_ISSUE"`
	CountryOfIssue string `xml:"COUNTRY_OF_ISSUE"`
	Note           string `xml:"NOTE"`
}

// ParseUNXML reads the UN Security Council consolidated list XML.
//
// The file is streamed: each INDIVIDUAL and ENTITY is decoded and converted
// on its own. Published is the root's dateGenerated attribute.
//
// Mapping: ID is the REFERENCE_NUMBER ("KPi.033"); INDIVIDUAL gives
// [Person], ENTITY [Organization]. The primary name is FIRST_NAME to
// FOURTH_NAME joined by spaces. The UN fills these elements by position,
// not by meaning (for Korean names FIRST_NAME holds the family name: "RI",
// "WON HO"), so each is kept, in order, as a [PartOther] part.
// NAME_ORIGINAL_SCRIPT is a second [Primary] name with its Script detected
// from its letters. Aliases of QUALITY "Good" and "a.k.a." are [Strong]
// [AKA] names, "f.k.a." (or an alias noted as "previously/formerly listed
// as") [FKA], and "Low" [Weak]; the empty alias elements the UN emits are
// skipped. An alias's own date and place of birth are added to the
// entity's. Programs are UN_LIST_TYPE ("DPRK") then the LIST_TYPE values
// ("UN List"); DPRK is set when UN_LIST_TYPE is a North Korea regime or the
// reference number starts with "KP". TITLE and DESIGNATION values both go
// to Titles (titles and positions). Dates of birth of TYPE_OF_DATE EXACT,
// APPROXIMATELY and BETWEEN map to [DateOfBirth]; a date given only in the
// NOTE ("Nov. 1973") is parsed where possible. Documents with a NUMBER are
// [Identifier] values, classified from TYPE_OF_DOCUMENT (then
// TYPE_OF_DOCUMENT2); the second type, issue date, city and country and the
// note go to the identifier's Note. COMMENTS1 is the start of Remarks; what
// has no field of its own is appended to it, separated by "; ": nationality
// values that name no country ("na"), notes on dates of birth and aliases
// that could not be used, and documents without a number. Files is nil:
// the loader hashes the files.
//
// Errors are [*ParseError] values wrapping [ErrEmpty], [ErrUnknown] (not a
// CONSOLIDATED_LIST), [ErrTruncated], [ErrEncoding], [ErrMalformed],
// [ErrMissing] or [ErrDate].
func ParseUNXML(f File) (*List, error) {
	dec := newSanctionsXMLDecoder(f.R)
	root, err := sanctionsXMLRoot(dec, f.Name)
	if err != nil {
		return nil, err
	}
	rootLine, _ := dec.InputPos()
	if root.Name.Local != "CONSOLIDATED_LIST" || root.Name.Space != "" {
		return nil, &ParseError{File: f.Name, Line: rootLine, Element: root.Name.Local,
			Err: fmt.Errorf("%w: root element is <%s> in namespace %q, not the UN <CONSOLIDATED_LIST>",
				ErrUnknown, root.Name.Local, root.Name.Space)}
	}
	l := &List{Source: UN, Format: FormatUNXML, PublishedFrom: PublishedFromContent}
	var generated string
	for _, a := range root.Attr {
		if a.Name.Local == "dateGenerated" {
			generated = strings.TrimSpace(a.Value)
		}
	}
	if generated == "" {
		return nil, &ParseError{File: f.Name, Line: rootLine, Element: "CONSOLIDATED_LIST", Field: "dateGenerated",
			Err: fmt.Errorf("%w: no dateGenerated", ErrMissing)}
	}
	if l.Published, err = time.Parse(time.RFC3339Nano, generated); err != nil {
		return nil, &ParseError{File: f.Name, Line: rootLine, Element: "CONSOLIDATED_LIST", Field: "dateGenerated",
			Err: fmt.Errorf("%w: dateGenerated %q is not an RFC 3339 time", ErrDate, generated)}
	}
	l.Published = l.Published.UTC()

	seen := make(map[string]int)
	depth := 0 // 1 inside INDIVIDUALS or ENTITIES
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, sanctionsXMLError(f.Name, dec, err, "CONSOLIDATED_LIST")
		}
		if _, ok := tok.(xml.EndElement); ok {
			if depth == 0 {
				break // the decoder checks that it closes CONSOLIDATED_LIST
			}
			depth--
			continue
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := dec.InputPos()
		name := start.Name.Local
		switch {
		case depth == 0 && (name == "INDIVIDUALS" || name == "ENTITIES"):
			depth++
		case depth == 1 && (name == "INDIVIDUAL" || name == "ENTITY"):
			if err := unXMLReadEntry(dec, &start, l, seen, f.Name, line); err != nil {
				return nil, err
			}
		default:
			// Elements outside the published schema are skipped.
			if err := dec.Skip(); err != nil {
				return nil, sanctionsXMLError(f.Name, dec, err, name)
			}
		}
	}
	if err := sanctionsXMLEnd(dec, f.Name); err != nil {
		return nil, err
	}
	if len(l.Entities) == 0 {
		return nil, &ParseError{File: f.Name, Element: "CONSOLIDATED_LIST", Err: fmt.Errorf("%w: no INDIVIDUAL or ENTITY", ErrEmpty)}
	}
	return l, nil
}

// unXMLReadEntry decodes the INDIVIDUAL or ENTITY at start (on line) and
// appends it to l; seen maps the reference numbers read so far to their
// lines, and a number read twice is an error.
func unXMLReadEntry(dec *xml.Decoder, start *xml.StartElement, l *List, seen map[string]int, file string, line int) error {
	name := start.Name.Local
	var x unXMLEntry
	if err := dec.DecodeElement(&x, start); err != nil {
		return sanctionsXMLError(file, dec, err, name)
	}
	typ := Person
	if name == "ENTITY" {
		typ = Organization
	}
	e, err := unXMLEntity(&x, typ, name, file, line)
	if err != nil {
		return err
	}
	if prev, dup := seen[e.ID]; dup {
		return &ParseError{File: file, Line: line, Element: name + "[" + e.ID + "]", Field: "REFERENCE_NUMBER",
			Err: fmt.Errorf("%w: reference number %s also used at line %d", ErrMalformed, e.ID, prev)}
	}
	seen[e.ID] = line
	l.Entities = append(l.Entities, e)
	return nil
}

// unXMLEntity converts one decoded INDIVIDUAL or ENTITY.
func unXMLEntity(x *unXMLEntry, typ EntityType, kind, file string, line int) (Entity, error) {
	ref := xmlCollapseSpace(x.Reference)
	elem := kind
	if ref != "" {
		elem += "[" + ref + "]"
	}
	fail := func(field string, err error) (Entity, error) {
		return Entity{}, &ParseError{File: file, Line: line, Element: elem, Field: field, Err: err}
	}
	if ref == "" {
		return fail("REFERENCE_NUMBER", fmt.Errorf("%w: no REFERENCE_NUMBER", ErrMissing))
	}
	e := Entity{Source: UN, ID: ref, Type: typ}
	if err := unXMLNames(&e, x); err != nil {
		return fail("FIRST_NAME", err)
	}
	var remarks []string
	for _, c := range x.Comments {
		if c = xmlCollapseSpace(c); c != "" {
			remarks = append(remarks, c)
		}
	}
	remarks, field, err := unXMLAliases(&e, x, kind, remarks)
	if err != nil {
		return fail(field, err)
	}
	if field, err := unXMLPrograms(&e, x); err != nil {
		return fail(field, err)
	}
	remarks = unXMLNationalities(&e, x.Nationalities, remarks)
	e.Addresses = unXMLAddresses(x)
	if remarks, field, err = unXMLBirth(&e, x, remarks); err != nil {
		return fail(field, err)
	}
	if remarks, field, err = unXMLDocuments(&e, x.Documents, remarks); err != nil {
		return fail(field, err)
	}
	e.Remarks = strings.Join(remarks, "; ")
	return e, nil
}

// unXMLNames sets the entry's primary name (its parts, for a person) and
// the names in its original script.
func unXMLNames(e *Entity, x *unXMLEntry) error {
	var parts []NamePart
	for _, p := range []string{x.FirstName, x.SecondName, x.ThirdName, x.FourthName} {
		if p = xmlCollapseSpace(p); p != "" {
			parts = append(parts, NamePart{Kind: PartOther, Value: p})
		}
	}
	if len(parts) == 0 {
		return fmt.Errorf("%w: no name", ErrMissing)
	}
	full := parts[0].Value
	for _, p := range parts[1:] {
		full += " " + p.Value
	}
	primary := Name{Full: full, Script: ScriptOf(full)}
	if e.Type == Person {
		primary.Parts = parts
	}
	e.Names = append(e.Names, primary)
	for _, o := range x.Original {
		if o = xmlCollapseSpace(o); o != "" && o != full {
			e.Names = append(e.Names, Name{Full: o, Kind: Primary, Script: ScriptOf(o)})
		}
	}
	return nil
}

// unXMLAliases adds the entry's aliases (and the dates and places of
// birth given with them) to e, notes on aliases to remarks; or returns
// the field in error.
func unXMLAliases(e *Entity, x *unXMLEntry, kind string, remarks []string) ([]string, string, error) {
	aliases := x.IndAliases
	if len(x.EntAliases) > 0 {
		aliases = append(aliases[:len(aliases):len(aliases)], x.EntAliases...)
	}
	for i, a := range aliases {
		field := fmt.Sprintf("%s_ALIAS[%d]", kind, i+1)
		n := Name{Full: xmlCollapseSpace(a.Name), Kind: AKA}
		quality := xmlCollapseSpace(a.Quality)
		note := xmlCollapseSpace(a.Note)
		if n.Full == "" {
			if quality == "" && note == "" && strings.TrimSpace(a.DateOfBirth+a.CityOfBirth+a.CountryOfBirth) == "" {
				continue // the empty alias element the UN emits for entries without aliases
			}
			return remarks, field + "/ALIAS_NAME", fmt.Errorf("%w: alias without a name", ErrMissing)
		}
		switch strings.ToLower(quality) {
		case "good", "a.k.a.", "":
		case "low":
			n.Strength = Weak
		case "f.k.a.":
			n.Kind = FKA
		case "n.k.a.":
			n.Kind = NKA
		default:
			return remarks, field + "/QUALITY", fmt.Errorf("%w: unknown alias QUALITY %q", ErrMalformed, quality)
		}
		switch strings.ToLower(strings.TrimSuffix(note, ".")) {
		case "":
		case "previously listed as", "formerly listed as":
			n.Kind = FKA
		default:
			remarks = append(remarks, "alias "+n.Full+": "+note)
		}
		n.Script = ScriptOf(n.Full)
		e.Names = append(e.Names, n)
		if d := xmlCollapseSpace(a.DateOfBirth); d != "" {
			date, err := unXMLDate(d)
			if err != nil {
				return remarks, field + "/DATE_OF_BIRTH", err
			}
			e.BirthDates = unXMLAddBirthDate(e.BirthDates, DateOfBirth{From: date})
		}
		if p := unXMLPlace(unXMLAddress{City: a.CityOfBirth, Country: a.CountryOfBirth}); p.Text != "" {
			e.BirthPlaces = unXMLAddPlace(e.BirthPlaces, p)
		}
	}
	return remarks, "", nil
}

// unXMLPrograms sets the entry's programs, its listing date, gender and
// titles, or returns the field in error.
func unXMLPrograms(e *Entity, x *unXMLEntry) (string, error) {
	if lt := xmlCollapseSpace(x.UNListType); lt != "" {
		e.Programs = append(e.Programs, lt)
	} else {
		return "UN_LIST_TYPE", fmt.Errorf("%w: no UN_LIST_TYPE", ErrMissing)
	}
	for _, lt := range x.ListTypes {
		if lt = xmlCollapseSpace(lt); lt != "" && !containsString(e.Programs, lt) {
			e.Programs = append(e.Programs, lt)
		}
	}
	e.DPRK = IsDPRKProgram(e.Programs[0]) || strings.HasPrefix(e.ID, "KP")

	if s := xmlCollapseSpace(x.ListedOn); s != "" {
		d, err := unXMLDate(s)
		if err != nil {
			return "LISTED_ON", err
		}
		e.Listed = d
	}
	e.Gender = xmlCollapseSpace(x.Gender)
	for _, t := range append(x.Titles[:len(x.Titles):len(x.Titles)], x.Designations...) {
		if t = xmlCollapseSpace(t); t != "" && !containsString(e.Titles, t) {
			e.Titles = append(e.Titles, t)
		}
	}
	return "", nil
}

// unXMLNationalities adds the entry's nationalities to e; those that name
// no country go to remarks.
func unXMLNationalities(e *Entity, nationalities []string, remarks []string) []string {
	for _, v := range nationalities {
		v = xmlCollapseSpace(v)
		if v == "" {
			continue
		}
		codes, ok := unXMLCountries(v)
		if !ok {
			remarks = append(remarks, "nationality "+v)
		}
		for _, c := range codes {
			if !containsString(e.Nationalities, c) {
				e.Nationalities = append(e.Nationalities, c)
			}
		}
	}
	return remarks
}

// unXMLAddresses converts the entry's addresses, empty ones left out.
func unXMLAddresses(x *unXMLEntry) []Address {
	var out []Address
	addresses := x.IndAddresses
	if len(x.EntAddresses) > 0 {
		addresses = append(addresses[:len(addresses):len(addresses)], x.EntAddresses...)
	}
	for _, a := range addresses {
		addr := Address{
			Street:      xmlCollapseSpace(a.Street),
			City:        xmlCollapseSpace(a.City),
			Region:      xmlCollapseSpace(a.StateProvince),
			PostalCode:  xmlCollapseSpace(a.ZipCode),
			CountryName: xmlCollapseSpace(a.Country),
			Note:        xmlCollapseSpace(a.Note),
		}
		if addr == (Address{}) {
			continue
		}
		addr.Country, _ = unXMLCountry(addr.CountryName)
		out = append(out, addr)
	}
	return out
}

// unXMLBirth adds the entry's dates and places of birth to e, or returns
// the field in error.
func unXMLBirth(e *Entity, x *unXMLEntry, remarks []string) ([]string, string, error) {
	for i, d := range x.BirthDates {
		field := fmt.Sprintf("INDIVIDUAL_DATE_OF_BIRTH[%d]", i+1)
		b, ok, remark, err := unXMLBirthDate(d)
		if err != nil {
			return remarks, field + "/" + remark, err
		}
		if ok {
			e.BirthDates = unXMLAddBirthDate(e.BirthDates, b)
		}
		if remark != "" {
			remarks = append(remarks, remark)
		}
	}
	for _, p := range x.BirthPlaces {
		if pl := unXMLPlace(p); pl.Text != "" {
			e.BirthPlaces = unXMLAddPlace(e.BirthPlaces, pl)
		}
	}
	return remarks, "", nil
}

// unXMLDocuments adds the entry's documents to e, or returns the field in
// error.
func unXMLDocuments(e *Entity, docs []unXMLDoc, remarks []string) ([]string, string, error) {
	for i, d := range docs {
		ident, remark, err := unXMLIdentifier(d)
		if err != nil {
			return remarks, fmt.Sprintf("INDIVIDUAL_DOCUMENT[%d]/DATE_OF_ISSUE", i+1), err
		}
		if ident.Value != "" {
			e.Identifiers = append(e.Identifiers, ident)
		}
		if remark != "" {
			remarks = append(remarks, remark)
		}
	}
	return remarks, "", nil
}

// unXMLDate parses the xs:date values of the UN list: "2012-12-31", a year
// "1955", or a date with a time-zone suffix ("2015-04-07-04:00", "...Z").
func unXMLDate(s string) (Date, error) {
	if len(s) > 10 && s[4] == '-' && s[7] == '-' {
		switch s[10] {
		case '-', '+', 'Z', 'T':
			s = s[:10]
		}
	}
	return ParseISODate(s)
}

// unXMLYear parses a four-digit year.
func unXMLYear(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) != 4 || !allDigits(s) {
		return Date{}, fmt.Errorf("%w: %q is not a year", ErrDate, s)
	}
	return ParseISODate(s)
}

// unXMLBirthDate converts an INDIVIDUAL_DATE_OF_BIRTH. ok is false when it
// holds no date. remark is what could not be used ("date of birth: 30-35
// years old"), or, with an error, the name of the wrong element.
func unXMLBirthDate(d unXMLDOB) (b DateOfBirth, ok bool, remark string, err error) {
	typ := strings.ToUpper(xmlCollapseSpace(d.TypeOfDate))
	note := xmlCollapseSpace(d.Note)
	date, year := xmlCollapseSpace(d.Date), xmlCollapseSpace(d.Year)
	from, to := xmlCollapseSpace(d.FromYear), xmlCollapseSpace(d.ToYear)
	switch typ {
	case "", "EXACT", "BETWEEN":
	case "APPROXIMATELY":
		b.Approximate = true
	default:
		return b, false, "TYPE_OF_DATE", fmt.Errorf("%w: unknown TYPE_OF_DATE %q", ErrMalformed, d.TypeOfDate)
	}
	noteUsed := note == ""
	switch {
	case date != "":
		if b.From, err = unXMLDate(date); err != nil {
			return b, false, "DATE", err
		}
	case year != "":
		if b.From, err = unXMLYear(year); err != nil {
			return b, false, "YEAR", err
		}
		// "Sep." with YEAR 1975: the month is in the note.
		if note != "" {
			if m, err := parseDayMonthYear(note + " " + year); err == nil {
				b.From, noteUsed = m, true
			}
		}
	case from != "" || to != "":
		if from == "" || to == "" {
			return b, false, "FROM_YEAR", fmt.Errorf("%w: a range needs FROM_YEAR and TO_YEAR", ErrMissing)
		}
		if b.From, err = unXMLYear(from); err != nil {
			return b, false, "FROM_YEAR", err
		}
		if b.To, err = unXMLYear(to); err != nil {
			return b, false, "TO_YEAR", err
		}
		if b.To.Before(b.From) {
			return b, false, "TO_YEAR", fmt.Errorf("%w: range %s to %s ends before it starts", ErrDate, from, to)
		}
	case note != "":
		// A date written only in the note: "Nov. 1973", "August 1961".
		if m, err := parseDayMonthYear(note); err == nil {
			b.From, noteUsed = m, true
		}
	}
	if !noteUsed && strings.EqualFold(strings.TrimSuffix(note, "."), "approximately") && !b.From.IsZero() {
		b.Approximate, noteUsed = true, true
	}
	ok = !b.From.IsZero()
	if !noteUsed {
		if ok {
			remark = "date of birth " + b.String() + ": " + note
		} else {
			remark = "date of birth: " + note
		}
	}
	return b, ok, remark, nil
}

// unXMLAddBirthDate appends b unless it is already listed.
func unXMLAddBirthDate(list []DateOfBirth, b DateOfBirth) []DateOfBirth {
	for _, x := range list {
		if x == b {
			return list
		}
	}
	return append(list, b)
}

// unXMLPlace converts a place of birth: its parts joined by ", ", the note
// in brackets, and the country code where the country maps to one.
func unXMLPlace(a unXMLAddress) Place {
	var parts []string
	for _, s := range []string{a.Street, a.City, a.StateProvince, a.Country} {
		if s = xmlCollapseSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	p := Place{Text: strings.Join(parts, ", ")}
	if n := xmlCollapseSpace(a.Note); n != "" {
		switch {
		case p.Text == "":
			p.Text = n
		case strings.HasPrefix(n, "(") && strings.HasSuffix(n, ")"):
			p.Text += " " + n
		default:
			p.Text += " (" + n + ")"
		}
	}
	p.Country, _ = unXMLCountry(xmlCollapseSpace(a.Country))
	return p
}

// unXMLAddPlace appends p unless the same place is already listed.
func unXMLAddPlace(list []Place, p Place) []Place {
	for _, x := range list {
		if x == p {
			return list
		}
	}
	return append(list, p)
}

// unXMLCountry maps one country as the UN writes it to ISO alpha-2.
func unXMLCountry(s string) (string, bool) {
	codes, ok := unXMLCountries(s)
	if !ok || len(codes) != 1 {
		return "", false
	}
	return codes[0], true
}

// unXMLCountries maps a nationality or country as the UN writes it to ISO
// alpha-2 codes. "na" (not available) maps to nothing rather than to
// Namibia, and a "former " prefix is dropped ("former Soviet Union").
func unXMLCountries(s string) ([]string, bool) {
	switch strings.ToLower(s) {
	case "", "na", "n/a", "n.a.", "not available", "unknown":
		return nil, false
	}
	if len(s) > len("former ") && strings.EqualFold(s[:len("former ")], "former ") {
		s = s[len("former "):]
	}
	return CountryCodes(s)
}

// unXMLIdentifier converts an INDIVIDUAL_DOCUMENT. A document without a
// NUMBER gives no identifier but a remark holding what is known of it.
func unXMLIdentifier(d unXMLDoc) (Identifier, string, error) {
	typ, typ2 := xmlCollapseSpace(d.Type), xmlCollapseSpace(d.Type2)
	number := xmlCollapseSpace(d.Number)
	issuing, countryOfIssue := xmlCollapseSpace(d.IssuingCountry), xmlCollapseSpace(d.CountryOfIssue)
	issued, city, note := xmlCollapseSpace(d.DateOfIssue), xmlCollapseSpace(d.CityOfIssue), xmlCollapseSpace(d.Note)
	if typ == "" && typ2 == "" && number == "" && issuing == "" && countryOfIssue == "" && issued == "" && city == "" && note == "" {
		return Identifier{}, "", nil // the empty element the UN emits
	}
	if issued != "" {
		if _, err := unXMLDate(issued); err != nil {
			return Identifier{}, "", err
		}
	}
	id := Identifier{Label: typ, Value: number}
	if id.Label == "" {
		id.Label = typ2
	}
	id.Type = unXMLDocType(typ)
	if id.Type == IDOther {
		id.Type = unXMLDocType(typ2)
	}
	var notes []string
	if typ2 != "" && !strings.EqualFold(typ2, id.Label) {
		notes = append(notes, typ2)
	}
	country := issuing
	if country == "" {
		country = countryOfIssue
	}
	if country != "" {
		if code, ok := unXMLCountry(country); ok {
			id.Country = code
		} else {
			notes = append(notes, "issued by "+country)
		}
	}
	switch {
	case issued != "" && city != "":
		notes = append(notes, "issued "+issued+" in "+city)
	case issued != "":
		notes = append(notes, "issued "+issued)
	case city != "":
		notes = append(notes, "issued in "+city)
	}
	if countryOfIssue != "" && !strings.EqualFold(countryOfIssue, country) {
		notes = append(notes, "issued in "+countryOfIssue)
	}
	if note != "" {
		notes = append(notes, note)
	}
	id.Note = strings.Join(notes, "; ")
	if number != "" {
		return id, "", nil
	}
	remark := "document"
	if id.Label != "" {
		remark += " " + id.Label
	}
	if id.Note != "" {
		remark += ": " + id.Note
	}
	return Identifier{}, remark, nil
}

// unXMLDocType classifies a UN TYPE_OF_DOCUMENT or TYPE_OF_DOCUMENT2.
func unXMLDocType(s string) IDType {
	l := strings.ToLower(s)
	switch {
	case l == "":
		return IDOther
	case strings.Contains(l, "passport"), strings.Contains(l, "passeport"), strings.Contains(l, "pasaporte"):
		return IDPassport
	case strings.Contains(l, "fiscal code"), strings.Contains(l, "tax"):
		return IDTaxID
	case strings.Contains(l, "driver"):
		return IDDriversLicense
	case strings.Contains(l, "identification"), strings.Contains(l, "identity"), strings.Contains(l, "national number"),
		strings.Contains(l, "id card"), strings.Contains(l, "tazkira"), strings.Contains(l, "social security"):
		return IDNationalID
	}
	return IDOther
}
