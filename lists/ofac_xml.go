package lists

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The two namespaces OFAC has published SDN.XML and CONSOLIDATED.XML under:
// the original one, and the one used since OFAC's Sanctions List Service
// change of May 2024. Element local names are the same under both.
const (
	ofacXMLNamespaceOld = "http://tempuri.org/sdnList.xsd"
	ofacXMLNamespaceNew = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
)

// ofacXMLPublish is sdnList/publshInformation (sic).
type ofacXMLPublish struct {
	PublishDate string `xml:"Publish_Date"`
	RecordCount string `xml:"Record_Count"`
}

// ofacXMLEntry is one sdnList/sdnEntry. Struct tags carry no namespace, so
// elements match by local name under either OFAC namespace.
type ofacXMLEntry struct {
	UID           string               `xml:"uid"`
	FirstName     string               `xml:"firstName"`
	LastName      string               `xml:"lastName"`
	Title         string               `xml:"title"`
	SDNType       string               `xml:"sdnType"`
	Remarks       string               `xml:"remarks"`
	Programs      []string             `xml:"programList>program"`
	IDs           []ofacXMLID          `xml:"idList>id"`
	AKAs          []ofacXMLAKA         `xml:"akaList>aka"`
	Addresses     []ofacXMLAddress     `xml:"addressList>address"`
	Nationalities []ofacXMLCountryItem `xml:"nationalityList>nationality"`
	Citizenships  []ofacXMLCountryItem `xml:"citizenshipList>citizenship"`
	BirthDates    []ofacXMLDOBItem     `xml:"dateOfBirthList>dateOfBirthItem"`
	BirthPlaces   []ofacXMLPOBItem     `xml:"placeOfBirthList>placeOfBirthItem"`
	Vessel        *ofacXMLVessel       `xml:"vesselInfo"`
}

type ofacXMLID struct {
	UID            string `xml:"uid"`
	IDType         string `xml:"idType"`
	IDNumber       string `xml:"idNumber"`
	IDCountry      string `xml:"idCountry"`
	IssueDate      string `xml:"issueDate"`
	ExpirationDate string `xml:"expirationDate"`
}

type ofacXMLAKA struct {
	UID       string `xml:"uid"`
	Type      string `xml:"type"`
	Category  string `xml:"category"`
	LastName  string `xml:"lastName"`
	FirstName string `xml:"firstName"`
}

type ofacXMLAddress struct {
	UID             string `xml:"uid"`
	Address1        string `xml:"address1"`
	Address2        string `xml:"address2"`
	Address3        string `xml:"address3"`
	City            string `xml:"city"`
	StateOrProvince string `xml:"stateOrProvince"`
	PostalCode      string `xml:"postalCode"`
	Country         string `xml:"country"`
	Region          string `xml:"region"` // since May 2024
}

type ofacXMLCountryItem struct {
	UID       string `xml:"uid"`
	Country   string `xml:"country"`
	MainEntry string `xml:"mainEntry"`
}

type ofacXMLDOBItem struct {
	UID         string `xml:"uid"`
	DateOfBirth string `xml:"dateOfBirth"`
	MainEntry   string `xml:"mainEntry"`
}

type ofacXMLPOBItem struct {
	UID          string `xml:"uid"`
	PlaceOfBirth string `xml:"placeOfBirth"`
	MainEntry    string `xml:"mainEntry"`
}

type ofacXMLVessel struct {
	CallSign               string `xml:"callSign"`
	VesselType             string `xml:"vesselType"`
	VesselFlag             string `xml:"vesselFlag"`
	VesselOwner            string `xml:"vesselOwner"`
	Tonnage                string `xml:"tonnage"`
	GrossRegisteredTonnage string `xml:"grossRegisteredTonnage"`
}

// ParseOFACXML reads OFAC's SDN.XML or CONSOLIDATED.XML (both namespaces: the
// one before and the one after OFAC's May 2024 change).
//
// The file is streamed: each sdnEntry is decoded and converted on its own.
// The list's Published date is publshInformation/Publish_Date; when
// Record_Count is present it must equal the number of entries read.
//
// Both files share one schema and say nowhere which list they are, so the
// [Source] is decided from the entries: an entry carries a non-SDN marker
// when one of its programs belongs only to the non-SDN lists (NS-PLC,
// NS-ISA, NS-MBS, CMIC-*, FSE-*, 561-Related) or one of its idList types is
// a Sectoral Sanctions or Menu-Based directive annotation (see
// ofacXMLNonSDNIDPrefixes). At least 90% of entries marked gives
// [OFACNonSDN], at most 10% gives [OFACSDN]; in between, f.Name decides
// ("CONSOLIDATED..." or "CONS_..." for [OFACNonSDN], a name containing
// "SDN" for [OFACSDN]), and failing that the majority does.
//
// Mapping: ID is the uid; Type comes from sdnType; the Full name is written
// as OFAC's CSV writes it ("LAST, First" when a first name is given), with
// Parts (given, family) for individuals that have both; akaList types
// a.k.a./f.k.a./n.k.a. give [AKA], [FKA], [NKA] and category weak gives
// [Weak]. idList items are identifiers where ofacIDType recognizes their
// type, crypto addresses for "Digital Currency Address - TAG", the Gender
// for "Gender"; every other item (sanctions information such as "Secondary
// sanctions risk:", "Target Type", directive and CMIC dates) is appended to
// Remarks as "idType idNumber", as OFAC's CSV writes it, so nothing is
// dropped. Nationalities and citizenships that cannot be mapped to a
// country code are appended to Remarks too. Files is nil: the loader hashes
// the files.
//
// Errors are [*ParseError] values wrapping [ErrEmpty], [ErrUnknown] (not an
// sdnList in an OFAC namespace), [ErrTruncated], [ErrEncoding],
// [ErrMalformed], [ErrMissing] or [ErrDate].
func ParseOFACXML(f File) (*List, error) {
	dec := newSanctionsXMLDecoder(f.R)
	root, err := sanctionsXMLRoot(dec, f.Name)
	if err != nil {
		return nil, err
	}
	rootLine, _ := dec.InputPos()
	if root.Name.Local != "sdnList" {
		return nil, &ParseError{File: f.Name, Line: rootLine, Element: root.Name.Local,
			Err: fmt.Errorf("%w: root element is <%s>, not an OFAC <sdnList>", ErrUnknown, root.Name.Local)}
	}
	if ns := root.Name.Space; ns != ofacXMLNamespaceOld && ns != ofacXMLNamespaceNew {
		return nil, &ParseError{File: f.Name, Line: rootLine, Element: "sdnList",
			Err: fmt.Errorf("%w: sdnList namespace %q is not an OFAC namespace", ErrUnknown, ns)}
	}

	l := &List{Format: FormatOFACXML, PublishedFrom: PublishedFromContent}
	var (
		pub     *ofacXMLPublish
		pubLine int
		marked  int
		seen    = make(map[string]int)
	)
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, sanctionsXMLError(f.Name, dec, err, "sdnList")
		}
		if _, ok := tok.(xml.EndElement); ok {
			break // the decoder checks that it closes sdnList
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := dec.InputPos()
		switch start.Name.Local {
		case "publshInformation":
			if pub != nil {
				return nil, &ParseError{File: f.Name, Line: line, Element: "sdnList/publshInformation",
					Err: fmt.Errorf("%w: publshInformation given twice", ErrMalformed)}
			}
			pub = new(ofacXMLPublish)
			pubLine = line
			if err := dec.DecodeElement(pub, &start); err != nil {
				return nil, sanctionsXMLError(f.Name, dec, err, "sdnList/publshInformation")
			}
		case "sdnEntry":
			nonSDN, err := ofacXMLReadEntry(dec, &start, l, seen, f.Name, line)
			if err != nil {
				return nil, err
			}
			if nonSDN {
				marked++
			}
		default:
			// Elements outside the published schema are skipped.
			if err := dec.Skip(); err != nil {
				return nil, sanctionsXMLError(f.Name, dec, err, "sdnList/"+start.Name.Local)
			}
		}
	}
	if err := sanctionsXMLEnd(dec, f.Name); err != nil {
		return nil, err
	}

	if err := ofacXMLCheckPublish(l, pub, pubLine, f.Name); err != nil {
		return nil, err
	}
	l.Source = ofacXMLSource(marked, len(l.Entities), f.Name)
	for i := range l.Entities {
		l.Entities[i].Source = l.Source
	}
	ofacMarkDPRK(l.Entities)
	return l, nil
}

// ofacXMLReadEntry decodes the sdnEntry at start (on line) and appends
// it to l; seen maps the uids read so far to their lines, and a uid read
// twice is an error. It reports whether the entry is marked as being on a
// non-SDN list.
func ofacXMLReadEntry(dec *xml.Decoder, start *xml.StartElement, l *List, seen map[string]int, file string, line int) (nonSDN bool, err error) {
	var x ofacXMLEntry
	if err := dec.DecodeElement(&x, start); err != nil {
		return false, sanctionsXMLError(file, dec, err, "sdnList/sdnEntry")
	}
	e, err := ofacXMLEntity(&x, file, line)
	if err != nil {
		return false, err
	}
	if prev, dup := seen[e.ID]; dup {
		return false, &ParseError{File: file, Line: line, Element: ofacXMLElement(e.ID), Field: "uid",
			Err: fmt.Errorf("%w: uid %s also used by the entry at line %d", ErrMalformed, e.ID, prev)}
	}
	seen[e.ID] = line
	l.Entities = append(l.Entities, e)
	return ofacXMLNonSDNMarked(&x), nil
}

// ofacXMLCheckPublish checks the publshInformation of the file (pub, at
// line pubLine): present, with a publish date, which it sets as
// l.Published, and a Record_Count, when given, equal to the number of
// entries of l, which must not be empty.
func ofacXMLCheckPublish(l *List, pub *ofacXMLPublish, pubLine int, file string) error {
	if pub == nil {
		return &ParseError{File: file, Element: "sdnList/publshInformation",
			Err: fmt.Errorf("%w: no publshInformation", ErrMissing)}
	}
	published, err := ofacXMLPublishDate(pub.PublishDate)
	if err != nil {
		return &ParseError{File: file, Line: pubLine, Element: "sdnList/publshInformation", Field: "Publish_Date", Err: err}
	}
	l.Published = published
	if len(l.Entities) == 0 {
		return &ParseError{File: file, Element: "sdnList", Err: fmt.Errorf("%w: no sdnEntry", ErrEmpty)}
	}
	if rc := strings.TrimSpace(pub.RecordCount); rc != "" {
		n, err := strconv.Atoi(rc)
		if err != nil || n < 0 {
			return &ParseError{File: file, Line: pubLine, Element: "sdnList/publshInformation", Field: "Record_Count",
				Err: fmt.Errorf("%w: Record_Count %q is not a count", ErrMalformed, rc)}
		}
		if n != len(l.Entities) {
			cause := ErrMalformed
			if n > len(l.Entities) {
				cause = ErrTruncated
			}
			return &ParseError{File: file, Line: pubLine, Element: "sdnList/publshInformation", Field: "Record_Count",
				Err: fmt.Errorf("%w: Record_Count is %d but the file holds %d sdnEntry elements", cause, n, len(l.Entities))}
		}
	}
	return nil
}

// ofacXMLPublishDate parses Publish_Date, written MM/DD/YYYY.
func ofacXMLPublishDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("%w: no Publish_Date", ErrMissing)
	}
	t, err := time.Parse("1/2/2006", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: Publish_Date %q is not MM/DD/YYYY", ErrDate, s)
	}
	return t, nil
}

// ofacXMLSource decides which list a file is (see [ParseOFACXML]) from the
// number of entries carrying a non-SDN marker, then from the file name.
func ofacXMLSource(marked, total int, name string) Source {
	switch {
	case total > 0 && marked*10 >= total*9:
		return OFACNonSDN
	case marked*10 <= total:
		return OFACSDN
	}
	base := strings.ToUpper(name)
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	switch {
	case strings.HasPrefix(base, "CONSOLIDATED"), strings.HasPrefix(base, "CONS_"):
		return OFACNonSDN
	case strings.Contains(base, "SDN"):
		return OFACSDN
	case marked*2 > total:
		return OFACNonSDN
	}
	return OFACSDN
}

// ofacXMLNonSDNIDPrefixes start the idList types that OFAC uses for the
// annotations of its non-SDN lists: Sectoral Sanctions Identifications
// directives (EO 13662, EO 14024), the Non-SDN Chinese Military-Industrial
// Complex list, and the menu-based lists (EO 14014, EO 14059, CAATSA 235).
var ofacXMLNonSDNIDPrefixes = []string{
	"executive order 13662 directive determination",
	"executive order 14014 directive information",
	"executive order 14024 directive information",
	"effective date (eo 14014 directive",
	"effective date (eo 14024 directive",
	"listing date (eo 14014 directive",
	"listing date (eo 14024 directive",
	"effective date (cmic)",
	"listing date (cmic)",
	"purchase/sales for divestment date (cmic)",
	"executive order 14059 information",
	"caatsa section 235 information",
}

// ofacXMLNonSDNMarked reports whether an entry carries a marker of the
// non-SDN lists: a program only they use, or a non-SDN annotation.
func ofacXMLNonSDNMarked(x *ofacXMLEntry) bool {
	for _, p := range x.Programs {
		p = strings.ToUpper(strings.TrimSpace(p))
		switch {
		case p == "NS-PLC", p == "NS-ISA", p == "NS-MBS", p == "561-RELATED",
			strings.HasPrefix(p, "CMIC-"), strings.HasPrefix(p, "FSE-"):
			return true
		}
	}
	for _, id := range x.IDs {
		t := strings.ToLower(strings.TrimSpace(id.IDType))
		for _, p := range ofacXMLNonSDNIDPrefixes {
			if strings.HasPrefix(t, p) {
				return true
			}
		}
	}
	return false
}

// ofacXMLElement names an entry in errors.
func ofacXMLElement(uid string) string {
	if uid == "" {
		return "sdnEntry"
	}
	return "sdnEntry[uid=" + uid + "]"
}

// ofacXMLEntity converts one decoded sdnEntry.
func ofacXMLEntity(x *ofacXMLEntry, file string, line int) (Entity, error) {
	uid := strings.TrimSpace(x.UID)
	elem := ofacXMLElement(uid)
	fail := func(field string, err error) (Entity, error) {
		return Entity{}, &ParseError{File: file, Line: line, Element: elem, Field: field, Err: err}
	}
	if uid == "" {
		return fail("uid", fmt.Errorf("%w: sdnEntry without uid", ErrMissing))
	}
	if !allDigits(uid) {
		return fail("uid", fmt.Errorf("%w: uid %q is not a number", ErrMalformed, uid))
	}
	e := Entity{ID: uid}
	var err error
	if e.Type, err = ofacXMLType(x.SDNType); err != nil {
		return fail("sdnType", err)
	}
	var field string
	if e.Names, field, err = ofacXMLNames(x, e.Type); err != nil {
		return fail(field, err)
	}
	for _, p := range x.Programs {
		if p = xmlCollapseSpace(p); p != "" && !containsString(e.Programs, p) {
			e.Programs = append(e.Programs, p)
			if IsDPRKProgram(p) {
				e.DPRK = true
			}
		}
	}
	if t := xmlCollapseSpace(x.Title); t != "" {
		e.Titles = []string{t}
	}
	var remarks []string
	if r := xmlCollapseSpace(x.Remarks); r != "" {
		remarks = append(remarks, r)
	}
	remarks = ofacXMLIDs(&e, x.IDs, remarks)
	e.Addresses = ofacXMLAddresses(x.Addresses)
	e.Nationalities, remarks = ofacXMLCountries(x.Nationalities, "nationality", remarks)
	e.Citizenships, remarks = ofacXMLCountries(x.Citizenships, "citizenship", remarks)
	if field, err = ofacXMLBirth(&e, x); err != nil {
		return fail(field, err)
	}
	e.Vessel = ofacXMLVesselOf(x.Vessel)
	e.Remarks = strings.Join(remarks, "; ")
	return e, nil
}

// ofacXMLType maps an sdnType to an EntityType.
func ofacXMLType(sdnType string) (EntityType, error) {
	switch t := strings.ToLower(xmlCollapseSpace(sdnType)); t {
	case "individual":
		return Person, nil
	case "entity":
		return Organization, nil
	case "vessel":
		return Vessel, nil
	case "aircraft":
		return Aircraft, nil
	case "":
		return TypeUnknown, fmt.Errorf("%w: no sdnType", ErrMissing)
	default:
		return TypeUnknown, fmt.Errorf("%w: unknown sdnType %q", ErrMalformed, sdnType)
	}
}

// ofacXMLNames returns the primary name and the akas of an entry, or the
// field in error.
func ofacXMLNames(x *ofacXMLEntry, t EntityType) ([]Name, string, error) {
	last, first := xmlCollapseSpace(x.LastName), xmlCollapseSpace(x.FirstName)
	if last == "" {
		return nil, "lastName", fmt.Errorf("%w: no lastName", ErrMissing)
	}
	names := make([]Name, 0, 1+len(x.AKAs))
	names = append(names, ofacXMLName(t, last, first))
	for i, a := range x.AKAs {
		field := fmt.Sprintf("akaList/aka[%d]", i+1)
		n := ofacXMLName(t, xmlCollapseSpace(a.LastName), xmlCollapseSpace(a.FirstName))
		if n.Full == "" {
			return nil, field + "/lastName", fmt.Errorf("%w: aka without a name", ErrMissing)
		}
		switch strings.ToLower(strings.TrimSpace(a.Type)) {
		case "a.k.a.":
			n.Kind = AKA
		case "f.k.a.":
			n.Kind = FKA
		case "n.k.a.":
			n.Kind = NKA
		case "":
			return nil, field + "/type", fmt.Errorf("%w: aka without type", ErrMissing)
		default:
			return nil, field + "/type", fmt.Errorf("%w: unknown aka type %q", ErrMalformed, a.Type)
		}
		switch strings.ToLower(strings.TrimSpace(a.Category)) {
		case "strong":
			n.Strength = Strong
		case "weak":
			n.Strength = Weak
		case "":
			return nil, field + "/category", fmt.Errorf("%w: aka without category", ErrMissing)
		default:
			return nil, field + "/category", fmt.Errorf("%w: unknown aka category %q", ErrMalformed, a.Category)
		}
		names = append(names, n)
	}
	return names, "", nil
}

// ofacXMLIDs adds an entry's idList to e: crypto addresses, gender,
// identifiers, and, as remarks, the rest.
func ofacXMLIDs(e *Entity, ids []ofacXMLID, remarks []string) []string {
	for _, id := range ids {
		label, value := xmlCollapseSpace(id.IDType), strings.TrimSpace(id.IDNumber)
		country := xmlCollapseSpace(id.IDCountry)
		issued, expires := xmlCollapseSpace(id.IssueDate), xmlCollapseSpace(id.ExpirationDate)
		if tag, ok := ofacCryptoTag(label); ok && value != "" {
			e.Crypto = append(e.Crypto, CryptoAddress{Currency: tag, Address: value})
			continue
		}
		if strings.EqualFold(label, "Gender") && value != "" && e.Gender == "" {
			e.Gender = value
			continue
		}
		if typ, ok := ofacIDType(label); ok && value != "" && !ofacXMLNotAnID(label) {
			ident := Identifier{Type: typ, Label: label, Value: value}
			var notes []string
			if country != "" {
				if code, ok := CountryCode(country); ok {
					ident.Country = code
				} else {
					notes = append(notes, country)
				}
			}
			if issued != "" {
				notes = append(notes, "issued "+issued)
			}
			if expires != "" {
				notes = append(notes, "expires "+expires)
			}
			ident.Note = strings.Join(notes, "; ")
			e.Identifiers = append(e.Identifiers, ident)
			continue
		}
		// Not an identifier: keep it as OFAC's CSV remarks write it.
		r := strings.TrimSpace(label + " " + value)
		if country != "" {
			r += " (" + country + ")"
		}
		if issued != "" {
			r += " issued " + issued
		}
		if expires != "" {
			r += " expires " + expires
		}
		if r != "" {
			remarks = append(remarks, r)
		}
	}
	return remarks
}

// ofacXMLAddresses converts an entry's addressList, empty addresses left
// out.
func ofacXMLAddresses(list []ofacXMLAddress) []Address {
	var out []Address
	for _, a := range list {
		var street []string
		for _, s := range []string{a.Address1, a.Address2, a.Address3} {
			if s = xmlCollapseSpace(s); s != "" {
				street = append(street, s)
			}
		}
		addr := Address{
			Street:      strings.Join(street, ", "),
			City:        xmlCollapseSpace(a.City),
			Region:      xmlCollapseSpace(a.StateOrProvince),
			PostalCode:  xmlCollapseSpace(a.PostalCode),
			CountryName: xmlCollapseSpace(a.Country),
		}
		if r := xmlCollapseSpace(a.Region); r != "" {
			if addr.Region == "" {
				addr.Region = r
			} else {
				addr.Note = "region " + r
			}
		}
		if addr == (Address{}) {
			continue
		}
		addr.Country, _ = CountryCode(addr.CountryName)
		out = append(out, addr)
	}
	return out
}

// ofacXMLBirth adds an entry's dates and places of birth to e, or returns
// the field in error.
func ofacXMLBirth(e *Entity, x *ofacXMLEntry) (string, error) {
	for i, d := range x.BirthDates {
		s := xmlCollapseSpace(d.DateOfBirth)
		if s == "" {
			continue
		}
		b, err := ofacXMLBirthDate(s)
		if err != nil {
			return fmt.Sprintf("dateOfBirthList/dateOfBirthItem[%d]/dateOfBirth", i+1), err
		}
		e.BirthDates = append(e.BirthDates, b)
	}
	for _, p := range x.BirthPlaces {
		s := xmlCollapseSpace(p.PlaceOfBirth)
		if s == "" {
			continue
		}
		e.BirthPlaces = append(e.BirthPlaces, Place{Text: s, Country: ofacXMLPlaceCountry(s)})
	}
	return "", nil
}

// ofacXMLVesselOf converts an entry's vesselInfo; nil without any.
func ofacXMLVesselOf(v *ofacXMLVessel) *VesselInfo {
	if v == nil {
		return nil
	}
	vi := VesselInfo{
		CallSign: xmlCollapseSpace(v.CallSign),
		Type:     xmlCollapseSpace(v.VesselType),
		Flag:     xmlCollapseSpace(v.VesselFlag),
		Owner:    xmlCollapseSpace(v.VesselOwner),
		Tonnage:  xmlCollapseSpace(v.Tonnage),
		GRT:      xmlCollapseSpace(v.GrossRegisteredTonnage),
	}
	if vi == (VesselInfo{}) {
		return nil
	}
	return &vi
}

// ofacXMLNotAnID reports whether an idType that ofacIDType takes for an
// identifier is in fact information about the entity: "Nationality of
// Registration" (a country) contains "registration".
func ofacXMLNotAnID(label string) bool {
	return strings.HasPrefix(strings.ToLower(label), "nationality of registration")
}

// ofacXMLName builds a name as OFAC's CSV writes it: "LAST, First" when a
// first name is given, otherwise the last name alone (entities, vessels and
// single-part aliases).
func ofacXMLName(t EntityType, last, first string) Name {
	var n Name
	switch {
	case last != "" && first != "":
		n.Full = last + ", " + first
		if t == Person {
			n.Parts = []NamePart{{Kind: PartGiven, Value: first}, {Kind: PartFamily, Value: last}}
		}
	case last != "":
		n.Full = last
	default:
		n.Full = first
	}
	n.Script = ScriptOf(n.Full)
	return n
}

// ofacXMLPlaceCountry returns the country code of a place written "City,
// Country" (the country may hold a comma itself: "Pyongyang, Korea,
// North"), or "" when no trailing part names a country.
func ofacXMLPlaceCountry(s string) string {
	for rest := s; ; {
		if code, ok := CountryCode(rest); ok {
			return code
		}
		i := strings.IndexByte(rest, ',')
		if i < 0 {
			return ""
		}
		rest = rest[i+1:]
	}
}

// ofacXMLCountries maps nationality or citizenship items to country codes;
// items that cannot be mapped are appended to remarks as "label Country".
func ofacXMLCountries(items []ofacXMLCountryItem, label string, remarks []string) ([]string, []string) {
	var codes []string
	for _, it := range items {
		c := xmlCollapseSpace(it.Country)
		if c == "" {
			continue
		}
		found, ok := CountryCodes(c)
		if !ok {
			remarks = append(remarks, label+" "+c)
		}
		for _, code := range found {
			if !containsString(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	return codes, remarks
}

// ofacXMLBirthDate parses an OFAC dateOfBirth: "12 Feb 1970", "Feb 1970",
// "1970", with an optional "circa " prefix, or a range "1960 to 1962".
func ofacXMLBirthDate(s string) (DateOfBirth, error) {
	var b DateOfBirth
	rest := s
	for _, p := range []string{"circa ", "approximately ", "approx. ", "ca. "} {
		if len(rest) > len(p) && strings.EqualFold(rest[:len(p)], p) {
			b.Approximate = true
			rest = strings.TrimSpace(rest[len(p):])
			break
		}
	}
	from, to := rest, ""
	if i := strings.Index(strings.ToLower(rest), " to "); i >= 0 {
		from, to = rest[:i], rest[i+len(" to "):]
	}
	var err error
	if b.From, err = parseDayMonthYear(from); err != nil {
		return DateOfBirth{}, err
	}
	if to != "" {
		if b.To, err = parseDayMonthYear(to); err != nil {
			return DateOfBirth{}, err
		}
		if b.To.Before(b.From) {
			return DateOfBirth{}, fmt.Errorf("%w: %q ends before it starts", ErrDate, s)
		}
	}
	return b, nil
}

// sanctionsXMLBOM is the UTF-8 byte-order mark some publishers put first.
var sanctionsXMLBOM = []byte{0xEF, 0xBB, 0xBF}

// newSanctionsXMLDecoder returns a strict XML decoder over r for the list
// parsers (OFAC XML, UN): it skips a UTF-8 byte-order mark and accepts only
// UTF-8 (or US-ASCII) as the declared encoding.
func newSanctionsXMLDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(sanctionsXMLBOM)); err == nil && bytes.Equal(b, sanctionsXMLBOM) {
		br.Discard(len(sanctionsXMLBOM))
	}
	dec := xml.NewDecoder(br)
	dec.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("%w: declared encoding %q is not UTF-8", ErrEncoding, charset)
	}
	return dec
}

// sanctionsXMLRoot reads up to and returns the root element.
func sanctionsXMLRoot(dec *xml.Decoder, file string) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, &ParseError{File: file, Err: fmt.Errorf("%w: no XML root element", ErrEmpty)}
		}
		if err != nil {
			return xml.StartElement{}, sanctionsXMLError(file, dec, err, "")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				line, _ := dec.InputPos()
				return xml.StartElement{}, &ParseError{File: file, Line: line,
					Err: fmt.Errorf("%w: text before the root element: not an XML list", ErrUnknown)}
			}
		}
	}
}

// sanctionsXMLEnd checks that nothing but comments, processing instructions
// and white space follows the root element.
func sanctionsXMLEnd(dec *xml.Decoder, file string) error {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return sanctionsXMLError(file, dec, err, "")
		}
		bad := false
		switch t := tok.(type) {
		case xml.StartElement:
			bad = true
		case xml.CharData:
			bad = len(bytes.TrimSpace(t)) > 0
		}
		if bad {
			line, _ := dec.InputPos()
			return &ParseError{File: file, Line: line, Err: fmt.Errorf("%w: content after the root element", ErrMalformed)}
		}
	}
}

// sanctionsXMLError turns a decoding error into a *ParseError with the
// sentinel [xmlCause] gives.
func sanctionsXMLError(file string, dec *xml.Decoder, err error, element string) error {
	line, _ := dec.InputPos()
	return &ParseError{File: file, Line: xmlErrorLine(err, line), Element: element, Err: xmlCause(err)}
}

// xmlCollapseSpace trims s and collapses every run of white space (the
// lists hard-wrap long values) into one space.
func xmlCollapseSpace(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80 ||
			(c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ')) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}
