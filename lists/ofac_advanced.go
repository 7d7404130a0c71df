package lists

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ParseOFACAdvanced reads an OFAC SDN_ADVANCED.XML (or CONS_ADVANCED.XML) document, streaming.
//
// The document is read element by element: the reference value sets, the
// locations and the identity documents are held in memory (they are
// referenced by the parties that follow them, as the schema orders them),
// then each DistinctParty becomes one [Entity], in document order, and the
// profile relationships and sanctions entries that follow are attached to
// the entities they name. Every numeric ID is resolved through the
// document's own ReferenceValueSets, matched by the reference value's text
// (never by a hard-coded number); a reference to an ID the document does
// not define is an error.
//
// The returned list has Format [FormatOFACAdvanced], Published set to the
// DateOfIssue (PublishedFrom "content") and no Files (the loader fills
// them). Its Source is [OFACSDN] when at least one SanctionsEntry is on the
// list named "SDN List" (or when the document has no sanctions entries), and
// [OFACNonSDN] otherwise: CONS_ADVANCED.XML carries only entries on the
// non-SDN lists (SSI, NS-PLC, ...).
//
// Each entity is mapped as follows:
//   - ID is the party's FixedRef, the OFAC ent_num of the legacy files.
//   - Type is Vessel or Aircraft from the PartySubType, otherwise Person
//     for PartyType "Individual" and Organization for "Entity".
//   - Names holds the names of the primary alias first (Kind Primary; its
//     Latin-script name first, then its renderings in other scripts), then
//     the other aliases in document order, Kind AKA, FKA or NKA from the
//     AliasType and Strength Weak where LowQuality is "true". Full joins the
//     name parts as the legacy CSV writes them: for Latin-script names with
//     a family part, "FAMILY, Given Middle", the family part in upper case
//     (Last Name, then Patronymic and Matronymic; a Patronymic beside a Last
//     Name and no Matronymic is a Russian-style patronymic and follows the
//     given names); other names join their parts in document order (with no
//     space for Chinese, Japanese and Korean scripts). Script names the
//     script of non-Latin names as the ScriptValues name it.
//   - Birthdate features become BirthDates: a DatePeriod whose bounds are
//     one day is that day; one spanning whole years (1 Jan to 31 Dec) is the
//     year or the range of years; one spanning whole months is the month or
//     range of months; any other is the range of days. Approximate is set
//     when either bound is approximate.
//   - Place of Birth, Nationality Country, Citizenship Country (and, for
//     organizations, Nationality of Registration and Registration Country,
//     as Nationalities), Location (Addresses), Gender, Title and the vessel
//     features (call sign, type, flag, owner, tonnage, GRT) fill their
//     fields; "Digital Currency Address - TAG" features become Crypto,
//     with the address exactly as published.
//   - Identity documents (IDRegDocuments) and identifier-like features
//     (SWIFT/BIC, Website, Email Address, Phone Number, ...) become
//     Identifiers; a document's issue and expiry dates, place and authority
//     of issue, comment and a validity other than "Valid" go in its Note.
//   - Programs are the SanctionsMeasure comments of type "Program" over all
//     of the entity's sanctions entries, in document order without
//     repetition; Listed is the earliest EntryEvent date of its entries on
//     the document's own list (the SDN List, or any list for non-SDN).
//   - Remarks holds the party's comment, then, separated by "; ", every
//     feature that has no field of its own ("Secondary sanctions risk: ...",
//     "Organization Established Date 1990-10-17", a second vessel flag),
//     feature comments, nationalities that name no known country, and the
//     profile relationships as "Linked To: NAME (relation)".
//
// Not mapped: a feature's reliability (the few values OFAC marks "False"
// are kept like the others), sanctions measures other than programs
// (Block, Reject, sectoral directives, which features also describe) and
// SanctionsEntryLinks.
//
// Errors are [*ParseError] values naming the file, the line and the element
// (e.g. "DistinctParty[FixedRef=306]/Profile[ID=306]/Feature[ID=150199]"), wrapping
// [ErrTruncated] for a document cut short, [ErrEncoding] for invalid UTF-8,
// [ErrDate] for a bad date, [ErrMissing] for an absent required value,
// [ErrEmpty] for a document with no parties and [ErrMalformed] otherwise
// (including references to undefined IDs).
func ParseOFACAdvanced(f File) (*List, error) {
	p := &ofacAdvParser{
		file:      f.Name,
		d:         xml.NewDecoder(f.R),
		locs:      map[string]*ofacAdvLocation{},
		docs:      map[string][]Identifier{},
		fixedRefs: map[string]bool{},
		byProfile: map[string]int{},
	}
	return p.parse()
}

// ofacAdvSection orders the top-level sections as the schema does; each
// may appear once, in this order.
type ofacAdvSection uint8

const (
	ofacAdvNone ofacAdvSection = iota
	ofacAdvDateOfIssue
	ofacAdvRefSets
	ofacAdvLocations
	ofacAdvIDRegDocuments
	ofacAdvDistinctParties
	ofacAdvRelationships
	ofacAdvSanctionsEntries
	ofacAdvEntryLinks
)

var ofacAdvSections = map[string]ofacAdvSection{
	"DateOfIssue":          ofacAdvDateOfIssue,
	"ReferenceValueSets":   ofacAdvRefSets,
	"Locations":            ofacAdvLocations,
	"IDRegDocuments":       ofacAdvIDRegDocuments,
	"DistinctParties":      ofacAdvDistinctParties,
	"ProfileRelationships": ofacAdvRelationships,
	"SanctionsEntries":     ofacAdvSanctionsEntries,
	"SanctionsEntryLinks":  ofacAdvEntryLinks,
}

type ofacAdvParser struct {
	file string
	d    *xml.Decoder
	ref  *ofacAdvRefs

	published time.Time
	section   ofacAdvSection

	locs map[string]*ofacAdvLocation // by Location ID
	docs map[string][]Identifier     // by IdentityID, in document order

	entities  []Entity
	byProfile map[string]int // Profile ID -> index in entities
	fixedRefs map[string]bool
	state     []ofacAdvEntityState
	anySDN    bool // some sanctions entry is on the SDN List
	anyEntry  bool
}

// ofacAdvEntityState is what is gathered for an entity after its party.
type ofacAdvEntityState struct {
	sdnListed, anyListed Date
}

// ---- XML shapes (only the elements and attributes read) ----

type ofacAdvYMD struct {
	Year  string `xml:"Year"`
	Month string `xml:"Month"`
	Day   string `xml:"Day"`
}

type ofacAdvDateBound struct {
	Approximate string      `xml:"Approximate,attr"`
	From        *ofacAdvYMD `xml:"From"`
	To          *ofacAdvYMD `xml:"To"`
}

type ofacAdvDatePeriod struct {
	Start *ofacAdvDateBound `xml:"Start"`
	End   *ofacAdvDateBound `xml:"End"`
}

type ofacAdvRefValue struct {
	ID          string `xml:"ID,attr"`
	Value       string `xml:",chardata"`
	ISO2        string `xml:"ISO2,attr"`
	CountryID   string `xml:"CountryID,attr"`
	Description string `xml:"Description,attr"`
	PartyTypeID string `xml:"PartyTypeID,attr"`
	ScriptCode  string `xml:"ScriptCode,attr"`
}

type ofacAdvRefSetsXML struct {
	AliasTypes       []ofacAdvRefValue `xml:"AliasTypeValues>AliasType"`
	AreaCodes        []ofacAdvRefValue `xml:"AreaCodeValues>AreaCode"`
	Countries        []ofacAdvRefValue `xml:"CountryValues>Country"`
	DetailReferences []ofacAdvRefValue `xml:"DetailReferenceValues>DetailReference"`
	DetailTypes      []ofacAdvRefValue `xml:"DetailTypeValues>DetailType"`
	DocNameStatuses  []ofacAdvRefValue `xml:"DocNameStatusValues>DocNameStatus"`
	FeatureTypes     []ofacAdvRefValue `xml:"FeatureTypeValues>FeatureType"`
	IDRegDocDateType []ofacAdvRefValue `xml:"IDRegDocDateTypeValues>IDRegDocDateType"`
	IDRegDocTypes    []ofacAdvRefValue `xml:"IDRegDocTypeValues>IDRegDocType"`
	Lists            []ofacAdvRefValue `xml:"ListValues>List"`
	LocPartTypes     []ofacAdvRefValue `xml:"LocPartTypeValues>LocPartType"`
	NamePartTypes    []ofacAdvRefValue `xml:"NamePartTypeValues>NamePartType"`
	PartySubTypes    []ofacAdvRefValue `xml:"PartySubTypeValues>PartySubType"`
	PartyTypes       []ofacAdvRefValue `xml:"PartyTypeValues>PartyType"`
	RelationTypes    []ofacAdvRefValue `xml:"RelationTypeValues>RelationType"`
	SanctionsTypes   []ofacAdvRefValue `xml:"SanctionsTypeValues>SanctionsType"`
	Scripts          []ofacAdvRefValue `xml:"ScriptValues>Script"`
	Validities       []ofacAdvRefValue `xml:"ValidityValues>Validity"`
}

type ofacAdvLocationXML struct {
	ID        string `xml:"ID,attr"`
	AreaCodes []struct {
		ID string `xml:"AreaCodeID,attr"`
	} `xml:"LocationAreaCode"`
	Countries []struct {
		ID string `xml:"CountryID,attr"`
	} `xml:"LocationCountry"`
	Parts []struct {
		TypeID string `xml:"LocPartTypeID,attr"`
		Values []struct {
			Primary string `xml:"Primary,attr"`
			Comment string `xml:"Comment"`
			Value   string `xml:"Value"`
		} `xml:"LocationPartValue"`
	} `xml:"LocationPart"`
}

type ofacAdvDocXML struct {
	ID            string `xml:"ID,attr"`
	TypeID        string `xml:"IDRegDocTypeID,attr"`
	IdentityID    string `xml:"IdentityID,attr"`
	CountryID     string `xml:"IssuedBy-CountryID,attr"`
	LocationID    string `xml:"IssuedIn-LocationID,attr"`
	ValidityID    string `xml:"ValidityID,attr"`
	Comment       string `xml:"Comment"`
	Number        string `xml:"IDRegistrationNo"`
	IssuingAuthor string `xml:"IssuingAuthority"`
	DocumentDates []struct {
		TypeID string            `xml:"IDRegDocDateTypeID,attr"`
		Period ofacAdvDatePeriod `xml:"DatePeriod"`
	} `xml:"DocumentDate"`
}

type ofacAdvNamePartValue struct {
	GroupID  string `xml:"NamePartGroupID,attr"`
	ScriptID string `xml:"ScriptID,attr"`
	Value    string `xml:",chardata"`
}

type ofacAdvDocName struct {
	StatusID string                 `xml:"DocNameStatusID,attr"`
	Parts    []ofacAdvNamePartValue `xml:"DocumentedNamePart>NamePartValue"`
}

type ofacAdvAlias struct {
	TypeID     string           `xml:"AliasTypeID,attr"`
	Primary    string           `xml:"Primary,attr"`
	LowQuality string           `xml:"LowQuality,attr"`
	Names      []ofacAdvDocName `xml:"DocumentedName"`
}

type ofacAdvIdentity struct {
	ID      string         `xml:"ID,attr"`
	Primary string         `xml:"Primary,attr"`
	Aliases []ofacAdvAlias `xml:"Alias"`
	Groups  []struct {
		ID     string `xml:"ID,attr"`
		TypeID string `xml:"NamePartTypeID,attr"`
	} `xml:"NamePartGroups>MasterNamePartGroup>NamePartGroup"`
}

type ofacAdvFeatureVersion struct {
	Comment string              `xml:"Comment"`
	Periods []ofacAdvDatePeriod `xml:"DatePeriod"`
	Details []struct {
		TypeID      string `xml:"DetailTypeID,attr"`
		ReferenceID string `xml:"DetailReferenceID,attr"`
		Value       string `xml:",chardata"`
	} `xml:"VersionDetail"`
	Locations []struct {
		ID string `xml:"LocationID,attr"`
	} `xml:"VersionLocation"`
}

type ofacAdvFeature struct {
	ID       string                  `xml:"ID,attr"`
	TypeID   string                  `xml:"FeatureTypeID,attr"`
	Versions []ofacAdvFeatureVersion `xml:"FeatureVersion"`
}

type ofacAdvProfile struct {
	ID         string            `xml:"ID,attr"`
	SubTypeID  string            `xml:"PartySubTypeID,attr"`
	Identities []ofacAdvIdentity `xml:"Identity"`
	Features   []ofacAdvFeature  `xml:"Feature"`
}

type ofacAdvPartyXML struct {
	FixedRef string           `xml:"FixedRef,attr"`
	Comment  string           `xml:"Comment"`
	Profiles []ofacAdvProfile `xml:"Profile"`
}

type ofacAdvRelationXML struct {
	ID      string `xml:"ID,attr"`
	From    string `xml:"From-ProfileID,attr"`
	To      string `xml:"To-ProfileID,attr"`
	TypeID  string `xml:"RelationTypeID,attr"`
	Former  string `xml:"Former,attr"`
	Comment string `xml:"Comment"`
}

type ofacAdvEntryXML struct {
	ID        string `xml:"ID,attr"`
	ProfileID string `xml:"ProfileID,attr"`
	ListID    string `xml:"ListID,attr"`
	Events    []struct {
		Date ofacAdvYMD `xml:"Date"`
	} `xml:"EntryEvent"`
	Measures []struct {
		TypeID  string `xml:"SanctionsTypeID,attr"`
		Comment string `xml:"Comment"`
	} `xml:"SanctionsMeasure"`
}

// ---- resolved reference values ----

// ofacAdvFeatureKind says where a feature type goes in the entity model.
type ofacAdvFeatureKind uint8

const (
	ofacAdvFeatOther ofacAdvFeatureKind = iota // an identifier (ofacIDType) or a remark
	ofacAdvFeatBirthdate
	ofacAdvFeatBirthPlace
	ofacAdvFeatNationality
	ofacAdvFeatCitizenship
	ofacAdvFeatLocation
	ofacAdvFeatGender
	ofacAdvFeatTitle
	ofacAdvFeatCallSign
	ofacAdvFeatVesselType
	ofacAdvFeatFlag
	ofacAdvFeatOwner
	ofacAdvFeatTonnage
	ofacAdvFeatGRT
	ofacAdvFeatCrypto
)

var ofacAdvFeatureKinds = map[string]ofacAdvFeatureKind{
	"birthdate":                       ofacAdvFeatBirthdate,
	"place of birth":                  ofacAdvFeatBirthPlace,
	"nationality country":             ofacAdvFeatNationality,
	"nationality of registration":     ofacAdvFeatNationality,
	"registration country":            ofacAdvFeatNationality,
	"citizenship country":             ofacAdvFeatCitizenship,
	"location":                        ofacAdvFeatLocation,
	"gender":                          ofacAdvFeatGender,
	"title":                           ofacAdvFeatTitle,
	"vessel call sign":                ofacAdvFeatCallSign,
	"vessel type":                     ofacAdvFeatVesselType,
	"vessel flag":                     ofacAdvFeatFlag,
	"vessel owner":                    ofacAdvFeatOwner,
	"vessel tonnage":                  ofacAdvFeatTonnage,
	"vessel gross registered tonnage": ofacAdvFeatGRT,
}

type ofacAdvFeatureType struct {
	label  string
	kind   ofacAdvFeatureKind
	crypto string // currency tag for ofacAdvFeatCrypto
	idType IDType
	isID   bool
}

// ofacAdvDetailType is the kind of value a VersionDetail holds.
type ofacAdvDetailType uint8

const (
	ofacAdvDetailText ofacAdvDetailType = iota
	ofacAdvDetailLookup
	ofacAdvDetailDate
	ofacAdvDetailCountry
)

type ofacAdvCountry struct {
	name string
	iso  string // "" when not known
}

// ofacAdvPartRole is the role of a name part type in building Full.
type ofacAdvPartRole uint8

const (
	ofacAdvRoleOther ofacAdvPartRole = iota
	ofacAdvRoleLast
	ofacAdvRoleFirst
	ofacAdvRoleMiddle
	ofacAdvRolePatronymic
	ofacAdvRoleMatronymic
)

type ofacAdvPartType struct {
	kind PartKind
	role ofacAdvPartRole
}

type ofacAdvScript struct {
	name  string // "" for Latin
	dense bool   // parts join without spaces (Chinese, Japanese, Korean)
}

type ofacAdvRefs struct {
	aliasKinds    map[string]NameKind
	countries     map[string]ofacAdvCountry
	areaCodes     map[string]ofacAdvCountry
	detailRefs    map[string]string
	detailTypes   map[string]ofacAdvDetailType
	primaryLatin  map[string]bool // DocNameStatus IDs named "Primary Latin"
	features      map[string]*ofacAdvFeatureType
	docDateTypes  map[string]string
	docTypes      map[string]string
	lists         map[string]string
	locPartTypes  map[string]string
	partTypes     map[string]ofacAdvPartType
	subTypes      map[string]EntityType
	relationTypes map[string]string
	programType   map[string]bool // SanctionsType IDs named "Program"
	scripts       map[string]ofacAdvScript
	validities    map[string]string
}

// buildRefs reads the reference value sets of x into p.ref: countries,
// name and script types, detail and feature types, party types.
func (p *ofacAdvParser) buildRefs(x *ofacAdvRefSetsXML) {
	r := newOfacAdvRefs()
	r.addCountries(x)
	r.addNameTypes(x)
	r.addDetailTypes(x)
	r.addPartyTypes(x)
	p.ref = r
}

func newOfacAdvRefs() *ofacAdvRefs {
	return &ofacAdvRefs{
		aliasKinds:    map[string]NameKind{},
		countries:     map[string]ofacAdvCountry{},
		areaCodes:     map[string]ofacAdvCountry{},
		detailRefs:    map[string]string{},
		detailTypes:   map[string]ofacAdvDetailType{},
		primaryLatin:  map[string]bool{},
		features:      map[string]*ofacAdvFeatureType{},
		docDateTypes:  map[string]string{},
		docTypes:      map[string]string{},
		lists:         map[string]string{},
		locPartTypes:  map[string]string{},
		partTypes:     map[string]ofacAdvPartType{},
		subTypes:      map[string]EntityType{},
		relationTypes: map[string]string{},
		programType:   map[string]bool{},
		scripts:       map[string]ofacAdvScript{},
		validities:    map[string]string{},
	}
}

// ofacAdvRefKey is the value of a reference value, for comparing with
// the names OFAC gives them.
func ofacAdvRefKey(v ofacAdvRefValue) string { return strings.ToLower(strings.TrimSpace(v.Value)) }

// addCountries reads the countries and the area codes (which may refer to
// a country).
func (r *ofacAdvRefs) addCountries(x *ofacAdvRefSetsXML) {
	for _, v := range x.Countries {
		c := ofacAdvCountry{name: strings.TrimSpace(v.Value), iso: strings.ToUpper(strings.TrimSpace(v.ISO2))}
		if c.iso == "" {
			c.iso, _ = CountryCode(c.name)
		}
		r.countries[v.ID] = c
	}
	for _, v := range x.AreaCodes {
		c := ofacAdvCountry{name: strings.TrimSpace(v.Description)}
		if code := strings.TrimSpace(v.Value); len(code) == 2 {
			c.iso = strings.ToUpper(code)
		} else if country, ok := r.countries[v.CountryID]; ok {
			c = country
		} else {
			c.iso, _ = CountryCode(c.name)
		}
		r.areaCodes[v.ID] = c
	}
}

// addNameTypes reads the alias types, document name statuses, name part
// types and scripts.
func (r *ofacAdvRefs) addNameTypes(x *ofacAdvRefSetsXML) {
	for _, v := range x.AliasTypes {
		switch ofacAdvRefKey(v) {
		case "name":
			r.aliasKinds[v.ID] = Primary
		case "f.k.a.":
			r.aliasKinds[v.ID] = FKA
		case "n.k.a.":
			r.aliasKinds[v.ID] = NKA
		default: // "A.K.A." and any alias type OFAC may add
			r.aliasKinds[v.ID] = AKA
		}
	}
	for _, v := range x.DocNameStatuses {
		r.primaryLatin[v.ID] = ofacAdvRefKey(v) == "primary latin"
	}
	for _, v := range x.NamePartTypes {
		var t ofacAdvPartType
		switch ofacAdvRefKey(v) {
		case "last name":
			t = ofacAdvPartType{PartFamily, ofacAdvRoleLast}
		case "first name":
			t = ofacAdvPartType{PartGiven, ofacAdvRoleFirst}
		case "middle name":
			t = ofacAdvPartType{PartMiddle, ofacAdvRoleMiddle}
		case "patronymic":
			t = ofacAdvPartType{PartPatronymic, ofacAdvRolePatronymic}
		case "matronymic":
			t = ofacAdvPartType{PartFamily, ofacAdvRoleMatronymic}
		case "maiden name":
			t = ofacAdvPartType{PartFamily, ofacAdvRoleOther}
		default: // Entity Name, Vessel Name, Aircraft Name, Nickname
			t = ofacAdvPartType{PartOther, ofacAdvRoleOther}
		}
		r.partTypes[v.ID] = t
	}
	for _, v := range x.Scripts {
		name := strings.TrimSpace(v.Value)
		s := ofacAdvScript{name: name}
		if strings.EqualFold(name, "latin") {
			s.name = ""
		}
		l := strings.ToLower(name + " " + v.ScriptCode)
		for _, k := range []string{"chinese", "japanese", "korean", "hangul", "hans", "hant", "hang", "jpan", "kore"} {
			if strings.Contains(l, k) {
				s.dense = true
			}
		}
		r.scripts[v.ID] = s
	}
}

// addDetailTypes reads the detail references and types, feature types,
// document types and date types, location part types and validities.
func (r *ofacAdvRefs) addDetailTypes(x *ofacAdvRefSetsXML) {
	for _, v := range x.DetailReferences {
		r.detailRefs[v.ID] = strings.TrimSpace(v.Value)
	}
	for _, v := range x.DetailTypes {
		switch ofacAdvRefKey(v) {
		case "lookup":
			r.detailTypes[v.ID] = ofacAdvDetailLookup
		case "date":
			r.detailTypes[v.ID] = ofacAdvDetailDate
		case "country":
			r.detailTypes[v.ID] = ofacAdvDetailCountry
		default:
			r.detailTypes[v.ID] = ofacAdvDetailText
		}
	}
	for _, v := range x.FeatureTypes {
		label := strings.TrimSpace(v.Value)
		ft := &ofacAdvFeatureType{label: label, kind: ofacAdvFeatureKinds[strings.ToLower(label)]}
		if tag, ok := ofacCryptoTag(label); ok {
			ft.kind, ft.crypto = ofacAdvFeatCrypto, tag
		}
		ft.idType, ft.isID = ofacIDType(label)
		r.features[v.ID] = ft
	}
	for _, v := range x.IDRegDocDateType {
		r.docDateTypes[v.ID] = ofacAdvRefKey(v)
	}
	for _, v := range x.IDRegDocTypes {
		r.docTypes[v.ID] = strings.TrimSpace(v.Value)
	}
	for _, v := range x.LocPartTypes {
		r.locPartTypes[v.ID] = ofacAdvRefKey(v)
	}
	for _, v := range x.Validities {
		r.validities[v.ID] = strings.TrimSpace(v.Value)
	}
}

// addPartyTypes reads the party types and subtypes, relation types, lists
// and sanctions types.
func (r *ofacAdvRefs) addPartyTypes(x *ofacAdvRefSetsXML) {
	partyTypes := map[string]EntityType{}
	for _, v := range x.PartyTypes {
		switch ofacAdvRefKey(v) {
		case "individual":
			partyTypes[v.ID] = Person
		case "entity", "other entity":
			partyTypes[v.ID] = Organization
		default: // Location, Transport without a known subtype
			partyTypes[v.ID] = TypeUnknown
		}
	}
	for _, v := range x.PartySubTypes {
		switch ofacAdvRefKey(v) {
		case "vessel":
			r.subTypes[v.ID] = Vessel
		case "aircraft":
			r.subTypes[v.ID] = Aircraft
		default:
			r.subTypes[v.ID] = partyTypes[v.PartyTypeID]
		}
	}
	for _, v := range x.RelationTypes {
		r.relationTypes[v.ID] = strings.TrimSpace(v.Value)
	}
	for _, v := range x.Lists {
		r.lists[v.ID] = strings.TrimSpace(v.Value)
	}
	for _, v := range x.SanctionsTypes {
		r.programType[v.ID] = ofacAdvRefKey(v) == "program"
	}
}

// ---- locations and documents ----

// ofacAdvLocation is a resolved Location: an address, a country and the
// text of its parts (used where a location names a country or a place).
type ofacAdvLocation struct {
	addr    Address
	alt     *Address // the parts' non-primary values (another script), if any
	country ofacAdvCountry
	text    string
}

// ---- parsing ----

func (p *ofacAdvParser) parse() (*List, error) {
	// The root element.
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return nil, &ParseError{File: p.file, Err: fmt.Errorf("%w: no XML document", ErrEmpty)}
		}
		if err != nil {
			return nil, p.xmlError(err, "")
		}
		if t, ok := tok.(xml.StartElement); ok {
			if t.Name.Local != "Sanctions" {
				return nil, p.errorf(ErrUnknown, t.Name.Local, "", "root element is %s, not Sanctions", t.Name.Local)
			}
			break
		}
	}
	for {
		tok, err := p.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, p.xmlError(err, "Sanctions")
		}
		if _, ok := tok.(xml.EndElement); ok {
			break // </Sanctions>
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		sec, known := ofacAdvSections[t.Name.Local]
		if !known {
			if err := p.d.Skip(); err != nil {
				return nil, p.xmlError(err, t.Name.Local)
			}
			continue
		}
		if sec <= p.section {
			return nil, p.errorf(ErrMalformed, t.Name.Local, "", "%s is out of the schema's order", t.Name.Local)
		}
		if sec > ofacAdvRefSets && p.ref == nil && sec != ofacAdvEntryLinks {
			return nil, p.errorf(ErrMissing, t.Name.Local, "ReferenceValueSets", "%s before any ReferenceValueSets", t.Name.Local)
		}
		p.section = sec
		if err := p.readSection(sec, t); err != nil {
			return nil, err
		}
	}
	return p.finish()
}

func (p *ofacAdvParser) readSection(sec ofacAdvSection, start xml.StartElement) error {
	switch sec {
	case ofacAdvDateOfIssue:
		var x ofacAdvYMD
		if err := p.d.DecodeElement(&x, &start); err != nil {
			return p.xmlError(err, "DateOfIssue")
		}
		d, err := ofacAdvDate(&x, true)
		if err != nil {
			return p.wrap(err, "DateOfIssue", "")
		}
		p.published = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		return nil
	case ofacAdvRefSets:
		var x ofacAdvRefSetsXML
		if err := p.d.DecodeElement(&x, &start); err != nil {
			return p.xmlError(err, "ReferenceValueSets")
		}
		p.buildRefs(&x)
		return nil
	case ofacAdvLocations:
		return p.eachItem(start, "Location", "ID", p.location)
	case ofacAdvIDRegDocuments:
		return p.eachItem(start, "IDRegDocument", "ID", p.document)
	case ofacAdvDistinctParties:
		err := p.eachItem(start, "DistinctParty", "FixedRef", p.party)
		p.locs = nil // no longer referenced
		return err
	case ofacAdvRelationships:
		return p.eachItem(start, "ProfileRelationship", "ID", p.relationship)
	case ofacAdvSanctionsEntries:
		return p.eachItem(start, "SanctionsEntry", "ID", p.entry)
	}
	if err := p.d.Skip(); err != nil {
		return p.xmlError(err, start.Name.Local)
	}
	return nil
}

// eachItem calls fn for each child element named item of the section
// opened by start; other children are skipped.
func (p *ofacAdvParser) eachItem(start xml.StartElement, item, idAttr string, fn func(xml.StartElement, string, int) error) error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return p.xmlError(err, start.Name.Local)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local != item {
				if err := p.d.Skip(); err != nil {
					return p.xmlError(err, start.Name.Local+"/"+t.Name.Local)
				}
				continue
			}
			id := ofacAdvAttr(t, idAttr)
			elem := item + "[" + idAttr + "=" + id + "]"
			line, _ := p.d.InputPos()
			if err := fn(t, elem, line); err != nil {
				return err
			}
		}
	}
}

func ofacAdvAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (p *ofacAdvParser) location(start xml.StartElement, elem string, line int) error {
	var x ofacAdvLocationXML
	if err := p.d.DecodeElement(&x, &start); err != nil {
		return p.xmlError(err, elem)
	}
	if x.ID == "" {
		return p.errAt(line, ErrMissing, elem, "ID", "Location without ID")
	}
	loc := &ofacAdvLocation{}
	for _, c := range x.Countries {
		country, ok := p.ref.countries[c.ID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "LocationCountry", "CountryID %q is not in CountryValues", c.ID)
		}
		if loc.country.name == "" {
			loc.country = country
		}
	}
	for _, a := range x.AreaCodes {
		area, ok := p.ref.areaCodes[a.ID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "LocationAreaCode", "AreaCodeID %q is not in AreaCodeValues", a.ID)
		}
		if loc.country.name == "" {
			loc.country = area
		}
	}
	var texts []string
	var alt Address
	hasAlt := false
	var altNote string
	for _, part := range x.Parts {
		typ, ok := p.ref.locPartTypes[part.TypeID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "LocationPart", "LocPartTypeID %q is not in LocPartTypeValues", part.TypeID)
		}
		var primary, other string
		for _, v := range part.Values {
			val := strings.TrimSpace(v.Value)
			if val == "" {
				continue
			}
			if v.Primary == "false" {
				if other == "" {
					other = val
					hasAlt = true
					if c := strings.TrimSpace(v.Comment); c != "" && altNote == "" {
						altNote = c
					}
				}
				continue
			}
			if primary == "" {
				primary = val
			}
		}
		if primary == "" {
			primary, other = other, ""
		}
		if primary == "" {
			continue
		}
		if other == "" {
			other = primary
		}
		texts = append(texts, primary)
		ofacAdvSetLocPart(&loc.addr, typ, primary)
		ofacAdvSetLocPart(&alt, typ, other)
	}
	loc.text = strings.Join(texts, ", ")
	loc.addr.Country, loc.addr.CountryName = loc.country.iso, loc.country.name
	if hasAlt {
		alt.Country, alt.CountryName = loc.country.iso, loc.country.name
		alt.Note = altNote
		loc.alt = &alt
	}
	p.locs[x.ID] = loc
	return nil
}

// ofacAdvSetLocPart adds a location part's value to an address.
func ofacAdvSetLocPart(a *Address, typ, val string) {
	add := func(s *string, sep string) {
		if *s == "" {
			*s = val
		} else {
			*s += sep + val
		}
	}
	switch typ {
	case "address1", "address2", "address3":
		add(&a.Street, ", ")
	case "city":
		add(&a.City, ", ")
	case "state/province", "region":
		add(&a.Region, ", ")
	case "postal code":
		add(&a.PostalCode, " ")
	default: // "Unknown": free text, as for places of issue
		add(&a.Note, ", ")
	}
}

func (p *ofacAdvParser) document(start xml.StartElement, elem string, line int) error {
	var x ofacAdvDocXML
	if err := p.d.DecodeElement(&x, &start); err != nil {
		return p.xmlError(err, elem)
	}
	label, ok := p.ref.docTypes[x.TypeID]
	if !ok {
		return p.errAt(line, ErrMalformed, elem, "IDRegDocTypeID", "IDRegDocTypeID %q is not in IDRegDocTypeValues", x.TypeID)
	}
	if x.IdentityID == "" {
		return p.errAt(line, ErrMissing, elem, "IdentityID", "document without IdentityID")
	}
	id := Identifier{Label: label, Value: strings.TrimSpace(x.Number)}
	id.Type, _ = ofacIDType(label)
	if x.CountryID != "" {
		c, ok := p.ref.countries[x.CountryID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "IssuedBy-CountryID", "CountryID %q is not in CountryValues", x.CountryID)
		}
		id.Country = c.iso
	}
	var notes []string
	for _, dd := range x.DocumentDates {
		dt, ok := p.ref.docDateTypes[dd.TypeID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "IDRegDocDateTypeID", "IDRegDocDateTypeID %q is not in IDRegDocDateTypeValues", dd.TypeID)
		}
		b, err := ofacAdvPeriod(&dd.Period)
		if err != nil {
			return p.wrapAt(line, err, elem, "DocumentDate/DatePeriod")
		}
		switch dt {
		case "issue date":
			notes = append(notes, "issued "+b.String())
		case "expiration date":
			notes = append(notes, "expires "+b.String())
		default:
			notes = append(notes, dt+" "+b.String())
		}
	}
	if x.LocationID != "" {
		loc, ok := p.locs[x.LocationID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "IssuedIn-LocationID", "LocationID %q is not in Locations", x.LocationID)
		}
		if loc.text != "" {
			notes = append(notes, "issued in "+loc.text)
		}
	}
	if a := strings.TrimSpace(x.IssuingAuthor); a != "" {
		notes = append(notes, "issued by "+a)
	}
	if c := strings.TrimSpace(x.Comment); c != "" {
		notes = append(notes, c)
	}
	if x.ValidityID != "" {
		v, ok := p.ref.validities[x.ValidityID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "ValidityID", "ValidityID %q is not in ValidityValues", x.ValidityID)
		}
		if !strings.EqualFold(v, "valid") {
			notes = append(notes, "validity "+v)
		}
	}
	id.Note = strings.Join(notes, "; ")
	p.docs[x.IdentityID] = append(p.docs[x.IdentityID], id)
	return nil
}

// ofacAdvBuilder gathers one party's entity.
type ofacAdvBuilder struct {
	e       Entity
	remarks []string
}

func (b *ofacAdvBuilder) remark(s string) { b.remarks = append(b.remarks, s) }

func (p *ofacAdvParser) party(start xml.StartElement, elem string, line int) error {
	var x ofacAdvPartyXML
	if err := p.d.DecodeElement(&x, &start); err != nil {
		return p.xmlError(err, elem)
	}
	if x.FixedRef == "" {
		return p.errAt(line, ErrMissing, elem, "FixedRef", "DistinctParty without FixedRef")
	}
	if p.fixedRefs[x.FixedRef] {
		return p.errAt(line, ErrMalformed, elem, "FixedRef", "FixedRef %s appears twice", x.FixedRef)
	}
	p.fixedRefs[x.FixedRef] = true
	if len(x.Profiles) == 0 {
		return p.errAt(line, ErrMissing, elem, "Profile", "DistinctParty without Profile")
	}
	b := &ofacAdvBuilder{e: Entity{ID: x.FixedRef}}
	if c := strings.TrimSpace(x.Comment); c != "" {
		b.remark(c)
	}
	idx := len(p.entities)
	for i := range x.Profiles {
		pr := &x.Profiles[i]
		pelem := elem + "/Profile[ID=" + pr.ID + "]"
		typ, ok := p.ref.subTypes[pr.SubTypeID]
		if !ok {
			return p.errAt(line, ErrMalformed, pelem, "PartySubTypeID", "PartySubTypeID %q is not in PartySubTypeValues", pr.SubTypeID)
		}
		if i == 0 {
			b.e.Type = typ
		}
		if pr.ID == "" {
			return p.errAt(line, ErrMissing, pelem, "ID", "Profile without ID")
		}
		if _, dup := p.byProfile[pr.ID]; dup {
			return p.errAt(line, ErrMalformed, pelem, "ID", "Profile ID %s appears twice", pr.ID)
		}
		p.byProfile[pr.ID] = idx
		if err := p.names(b, pr, pelem, line); err != nil {
			return err
		}
		for _, ident := range pr.Identities {
			b.e.Identifiers = append(b.e.Identifiers, p.docs[ident.ID]...)
			delete(p.docs, ident.ID)
		}
		for j := range pr.Features {
			if err := p.feature(b, &pr.Features[j], pelem, line); err != nil {
				return err
			}
		}
	}
	if len(b.e.Names) == 0 || b.e.Names[0].Kind != Primary {
		return p.errAt(line, ErrMissing, elem, "Alias", "party without a primary alias")
	}
	if len(b.remarks) > 0 {
		b.e.Remarks = strings.Join(b.remarks, "; ")
	}
	p.entities = append(p.entities, b.e)
	p.state = append(p.state, ofacAdvEntityState{})
	return nil
}

// names adds the names of a profile: the primary identity's primary alias
// first, then the other aliases in document order.
func (p *ofacAdvParser) names(b *ofacAdvBuilder, pr *ofacAdvProfile, elem string, line int) error {
	order := make([]*ofacAdvIdentity, 0, len(pr.Identities))
	for i := range pr.Identities {
		if pr.Identities[i].Primary == "true" {
			order = append([]*ofacAdvIdentity{&pr.Identities[i]}, order...)
		} else {
			order = append(order, &pr.Identities[i])
		}
	}
	for _, ident := range order {
		ielem := elem + "/Identity[ID=" + ident.ID + "]"
		groups := make([]ofacAdvPartType, 0, len(ident.Groups))
		groupIDs := make([]string, 0, len(ident.Groups))
		for _, g := range ident.Groups {
			t, ok := p.ref.partTypes[g.TypeID]
			if !ok {
				return p.errAt(line, ErrMalformed, ielem, "NamePartTypeID", "NamePartTypeID %q is not in NamePartTypeValues", g.TypeID)
			}
			groups = append(groups, t)
			groupIDs = append(groupIDs, g.ID)
		}
		for pass := 0; pass < 2; pass++ { // the primary alias, then the others
			for ai := range ident.Aliases {
				al := &ident.Aliases[ai]
				primary := al.Primary == "true"
				if primary != (pass == 0) {
					continue
				}
				kind, ok := p.ref.aliasKinds[al.TypeID]
				if !ok {
					return p.errAt(line, ErrMalformed, ielem, "AliasTypeID", "AliasTypeID %q is not in AliasTypeValues", al.TypeID)
				}
				if primary {
					kind = Primary
				} else if kind == Primary {
					kind = AKA // a non-primary alias of type "Name"
				}
				strength := Strong
				if al.LowQuality == "true" {
					strength = Weak
				}
				// The primary Latin name of an alias first, then its other scripts.
				for npass := 0; npass < 2; npass++ {
					for ni := range al.Names {
						dn := &al.Names[ni]
						if p.ref.primaryLatin[dn.StatusID] != (npass == 0) {
							continue
						}
						n, err := p.name(dn, groups, groupIDs)
						if err != nil {
							return p.wrapAt(line, err, ielem, "Alias/DocumentedName")
						}
						if n.Full == "" {
							return p.errAt(line, ErrMissing, ielem, "Alias/DocumentedName", "empty name")
						}
						n.Kind, n.Strength = kind, strength
						b.e.Names = append(b.e.Names, n)
					}
				}
			}
		}
	}
	return nil
}

// name builds one DocumentedName: its parts, then its full name, in
// document order for a non-Latin script, else "FAMILY, Given".
func (p *ofacAdvParser) name(dn *ofacAdvDocName, groups []ofacAdvPartType, groupIDs []string) (Name, error) {
	var n Name
	parts, dense, err := p.nameParts(&n, dn, groups, groupIDs)
	if err != nil {
		return n, err
	}
	if len(parts) > 1 || (len(parts) == 1 && parts[0].t.kind != PartOther) {
		n.Parts = make([]NamePart, len(parts))
		for i, pt := range parts {
			n.Parts[i] = NamePart{Kind: pt.t.kind, Value: pt.v}
		}
	}
	var full strings.Builder
	if n.Script != "" { // as published, in document order
		for i, pt := range parts {
			if i > 0 && !dense {
				full.WriteByte(' ')
			}
			full.WriteString(pt.v)
		}
		n.Full = full.String()
		return n, nil
	}
	n.Full = ofacAdvLatinFull(parts)
	return n, nil
}

// ofacAdvNamePart is a non-empty name part with its type.
type ofacAdvNamePart struct {
	t ofacAdvPartType
	v string
}

// nameParts returns the non-empty parts of dn, setting n.Script to the
// first non-Latin script of a part; dense reports whether that script
// writes names without spaces.
func (p *ofacAdvParser) nameParts(n *Name, dn *ofacAdvDocName, groups []ofacAdvPartType, groupIDs []string) (parts []ofacAdvNamePart, dense bool, err error) {
	parts = make([]ofacAdvNamePart, 0, len(dn.Parts))
	for _, pv := range dn.Parts {
		gi := -1
		for i, id := range groupIDs {
			if id == pv.GroupID {
				gi = i
				break
			}
		}
		if gi < 0 {
			return nil, false, fmt.Errorf("%w: NamePartGroupID %q is not in the identity's NamePartGroups", ErrMalformed, pv.GroupID)
		}
		sc, ok := p.ref.scripts[pv.ScriptID]
		if !ok {
			return nil, false, fmt.Errorf("%w: ScriptID %q is not in ScriptValues", ErrMalformed, pv.ScriptID)
		}
		if sc.name != "" && n.Script == "" {
			n.Script, dense = sc.name, sc.dense
		}
		v := strings.TrimSpace(pv.Value)
		if v == "" {
			continue
		}
		parts = append(parts, ofacAdvNamePart{groups[gi], v})
	}
	return parts, dense, nil
}

// ofacAdvLatinFull writes a Latin name as "FAMILY, Given": the last
// name, the patronymic (unless it is given beside a last name) and the
// matronymic in capitals, then first, middle and other parts.
func ofacAdvLatinFull(parts []ofacAdvNamePart) string {
	hasLast, hasMatro := false, false
	for _, pt := range parts {
		hasLast = hasLast || pt.t.role == ofacAdvRoleLast
		hasMatro = hasMatro || pt.t.role == ofacAdvRoleMatronymic
	}
	patronymicGiven := hasLast && !hasMatro
	isFamily := func(r ofacAdvPartRole) bool {
		return r == ofacAdvRoleLast || r == ofacAdvRoleMatronymic || (r == ofacAdvRolePatronymic && !patronymicGiven)
	}
	write := func(sb *strings.Builder, v string) {
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(v)
	}
	var family, given strings.Builder
	for _, role := range []ofacAdvPartRole{ofacAdvRoleLast, ofacAdvRolePatronymic, ofacAdvRoleMatronymic} {
		for _, pt := range parts {
			if pt.t.role == role && isFamily(role) {
				write(&family, strings.ToUpper(pt.v))
			}
		}
	}
	for _, role := range []ofacAdvPartRole{ofacAdvRoleFirst, ofacAdvRoleMiddle} {
		for _, pt := range parts {
			if pt.t.role == role {
				write(&given, pt.v)
			}
		}
	}
	for _, pt := range parts {
		if pt.t.role == ofacAdvRoleOther || (pt.t.role == ofacAdvRolePatronymic && patronymicGiven) {
			write(&given, pt.v)
		}
	}
	switch {
	case family.Len() > 0 && given.Len() > 0:
		return family.String() + ", " + given.String()
	case family.Len() > 0:
		return family.String()
	default:
		return given.String()
	}
}

// feature maps one Feature of a profile.
func (p *ofacAdvParser) feature(b *ofacAdvBuilder, f *ofacAdvFeature, pelem string, line int) error {
	felem := pelem + "/Feature[ID=" + f.ID + "]"
	ft, ok := p.ref.features[f.TypeID]
	if !ok {
		return p.errAt(line, ErrMalformed, felem, "FeatureTypeID", "FeatureTypeID %q is not in FeatureTypeValues", f.TypeID)
	}
	for vi := range f.Versions {
		v := &f.Versions[vi]
		comment := strings.TrimSpace(v.Comment)
		// The version's value: text or looked-up text, a date, a location.
		var text string
		var dates []DateOfBirth
		var locs []*ofacAdvLocation
		for _, d := range v.Details {
			dt, ok := p.ref.detailTypes[d.TypeID]
			if !ok {
				return p.errAt(line, ErrMalformed, felem, "DetailTypeID", "DetailTypeID %q is not in DetailTypeValues", d.TypeID)
			}
			var val string
			switch {
			case d.ReferenceID != "":
				val, ok = p.ref.detailRefs[d.ReferenceID]
				if !ok {
					return p.errAt(line, ErrMalformed, felem, "DetailReferenceID", "DetailReferenceID %q is not in DetailReferenceValues", d.ReferenceID)
				}
			case dt == ofacAdvDetailText || dt == ofacAdvDetailLookup:
				val = strings.TrimSpace(d.Value)
			}
			if val != "" {
				if text != "" {
					text += "; "
				}
				text += val
			}
		}
		for i := range v.Periods {
			d, err := ofacAdvPeriod(&v.Periods[i])
			if err != nil {
				return p.wrapAt(line, err, felem, "FeatureVersion/DatePeriod")
			}
			dates = append(dates, d)
		}
		for _, l := range v.Locations {
			loc, ok := p.locs[l.ID]
			if !ok {
				return p.errAt(line, ErrMalformed, felem, "VersionLocation", "LocationID %q is not in Locations", l.ID)
			}
			locs = append(locs, loc)
		}
		if text == "" && len(dates) == 0 && len(locs) == 0 {
			return p.errAt(line, ErrMissing, felem, "FeatureVersion", "%s feature without a value", ft.label)
		}
		if err := p.featureValue(b, ft, text, dates, locs, comment); err != nil {
			return p.wrapAt(line, err, felem, "FeatureVersion")
		}
	}
	return nil
}

func (p *ofacAdvParser) featureValue(b *ofacAdvBuilder, ft *ofacAdvFeatureType, text string, dates []DateOfBirth, locs []*ofacAdvLocation, comment string) error {
	e := &b.e
	vessel := func() *VesselInfo {
		if e.Vessel == nil {
			e.Vessel = &VesselInfo{}
		}
		return e.Vessel
	}
	setOnce := func(field *string) bool {
		if *field != "" || text == "" {
			return false
		}
		*field = text
		return true
	}
	asOther := false
	switch ft.kind {
	case ofacAdvFeatBirthdate:
		if len(dates) == 0 {
			return fmt.Errorf("%w: %s without a DatePeriod", ErrMissing, ft.label)
		}
		e.BirthDates = append(e.BirthDates, dates...)
	case ofacAdvFeatBirthPlace:
		if text == "" {
			return fmt.Errorf("%w: %s without a value", ErrMissing, ft.label)
		}
		e.BirthPlaces = append(e.BirthPlaces, Place{Text: text, Country: ofacAdvPlaceCountry(text)})
	case ofacAdvFeatNationality, ofacAdvFeatCitizenship:
		codes := &e.Nationalities
		if ft.kind == ofacAdvFeatCitizenship {
			codes = &e.Citizenships
		}
		b.addCountries(codes, ft, text, locs)
	case ofacAdvFeatLocation:
		if len(locs) == 0 {
			return fmt.Errorf("%w: %s without a VersionLocation", ErrMissing, ft.label)
		}
		for _, loc := range locs {
			e.Addresses = append(e.Addresses, loc.addr)
			if loc.alt != nil {
				e.Addresses = append(e.Addresses, *loc.alt)
			}
		}
	case ofacAdvFeatGender:
		asOther = !setOnce(&e.Gender)
	case ofacAdvFeatTitle:
		if text == "" {
			return fmt.Errorf("%w: %s without a value", ErrMissing, ft.label)
		}
		e.Titles = append(e.Titles, text)
	case ofacAdvFeatCallSign:
		asOther = !setOnce(&vessel().CallSign)
	case ofacAdvFeatVesselType:
		asOther = !setOnce(&vessel().Type)
	case ofacAdvFeatFlag:
		asOther = !setOnce(&vessel().Flag)
	case ofacAdvFeatOwner:
		asOther = !setOnce(&vessel().Owner)
	case ofacAdvFeatTonnage:
		asOther = !setOnce(&vessel().Tonnage)
	case ofacAdvFeatGRT:
		asOther = !setOnce(&vessel().GRT)
	case ofacAdvFeatCrypto:
		if text == "" {
			return fmt.Errorf("%w: %s without an address", ErrMissing, ft.label)
		}
		e.Crypto = append(e.Crypto, CryptoAddress{Currency: ft.crypto, Address: text})
	default:
		asOther = true
	}
	switch {
	case asOther && ft.isID && text != "":
		e.Identifiers = append(e.Identifiers, Identifier{Type: ft.idType, Label: ft.label, Value: text, Note: comment})
	case asOther || comment != "":
		b.remark(ofacAdvFeatureRemark(ft, text, dates, locs, comment))
	}
	return nil
}

// addCountries adds to codes the countries of a nationality or
// citizenship feature: those of its locations, or else its text; a
// country without an ISO code becomes a remark.
func (b *ofacAdvBuilder) addCountries(codes *[]string, ft *ofacAdvFeatureType, text string, locs []*ofacAdvLocation) {
	for _, loc := range locs {
		iso, name := loc.country.iso, loc.country.name
		if name == "" {
			name = loc.text
		}
		if iso == "" {
			iso, _ = CountryCode(name)
		}
		if iso == "" {
			b.remark(ft.label + " " + name)
			continue
		}
		if !containsString(*codes, iso) {
			*codes = append(*codes, iso)
		}
	}
	if len(locs) == 0 && text != "" {
		if iso, ok := CountryCode(text); ok {
			if !containsString(*codes, iso) {
				*codes = append(*codes, iso)
			}
		} else {
			b.remark(ft.label + " " + text)
		}
	}
}

// ofacAdvFeatureRemark is the remark for a feature kept as text: "Label
// value", with the comment after a colon.
func ofacAdvFeatureRemark(ft *ofacAdvFeatureType, text string, dates []DateOfBirth, locs []*ofacAdvLocation, comment string) string {
	r := ft.label
	add := func(s string) {
		if s != "" {
			r += " " + s
		}
	}
	add(text)
	for _, d := range dates {
		add(d.String())
	}
	for _, loc := range locs {
		if loc.country.name != "" {
			add(loc.country.name)
		} else {
			add(loc.text)
		}
	}
	if comment != "" {
		r += ": " + comment
	}
	return r
}

// ofacAdvPlaceCountry returns the ISO code of the country a place of birth
// ends with ("Pyongyang, Korea, North", "Tehran, Iran"), or "".
func ofacAdvPlaceCountry(text string) string {
	segs := strings.Split(text, ",")
	for k := min(2, len(segs)); k >= 1; k-- {
		if code, ok := CountryCode(strings.Join(segs[len(segs)-k:], ",")); ok {
			return code
		}
	}
	return ""
}

func (p *ofacAdvParser) relationship(start xml.StartElement, elem string, line int) error {
	var x ofacAdvRelationXML
	if err := p.d.DecodeElement(&x, &start); err != nil {
		return p.xmlError(err, elem)
	}
	from, ok := p.byProfile[x.From]
	if !ok {
		return p.errAt(line, ErrMalformed, elem, "From-ProfileID", "From-ProfileID %q is not a DistinctParty profile", x.From)
	}
	to, ok := p.byProfile[x.To]
	if !ok {
		return p.errAt(line, ErrMalformed, elem, "To-ProfileID", "To-ProfileID %q is not a DistinctParty profile", x.To)
	}
	rel, ok := p.ref.relationTypes[x.TypeID]
	if !ok {
		return p.errAt(line, ErrMalformed, elem, "RelationTypeID", "RelationTypeID %q is not in RelationTypeValues", x.TypeID)
	}
	if x.Former == "true" {
		rel = "former " + rel
	}
	r := "Linked To: " + p.entities[to].PrimaryName() + " (" + rel + ")"
	if c := strings.TrimSpace(x.Comment); c != "" {
		r += " " + c
	}
	e := &p.entities[from]
	if e.Remarks != "" {
		e.Remarks += "; "
	}
	e.Remarks += r
	return nil
}

func (p *ofacAdvParser) entry(start xml.StartElement, elem string, line int) error {
	var x ofacAdvEntryXML
	if err := p.d.DecodeElement(&x, &start); err != nil {
		return p.xmlError(err, elem)
	}
	idx, ok := p.byProfile[x.ProfileID]
	if !ok {
		return p.errAt(line, ErrMalformed, elem, "ProfileID", "ProfileID %q is not a DistinctParty profile", x.ProfileID)
	}
	list, ok := p.ref.lists[x.ListID]
	if !ok {
		return p.errAt(line, ErrMalformed, elem, "ListID", "ListID %q is not in ListValues", x.ListID)
	}
	sdn := strings.EqualFold(list, "SDN List")
	p.anyEntry = true
	p.anySDN = p.anySDN || sdn
	e, st := &p.entities[idx], &p.state[idx]
	for i := range x.Events {
		d, err := ofacAdvDate(&x.Events[i].Date, true)
		if err != nil {
			return p.wrapAt(line, err, elem, "EntryEvent/Date")
		}
		if st.anyListed.IsZero() || d.Before(st.anyListed) {
			st.anyListed = d
		}
		if sdn && (st.sdnListed.IsZero() || d.Before(st.sdnListed)) {
			st.sdnListed = d
		}
	}
	for _, m := range x.Measures {
		isProgram, ok := p.ref.programType[m.TypeID]
		if !ok {
			return p.errAt(line, ErrMalformed, elem, "SanctionsTypeID", "SanctionsTypeID %q is not in SanctionsTypeValues", m.TypeID)
		}
		if !isProgram {
			continue
		}
		prog := strings.TrimSpace(m.Comment)
		if prog == "" {
			return p.errAt(line, ErrMissing, elem, "SanctionsMeasure/Comment", "program measure without a program")
		}
		if !containsString(e.Programs, prog) {
			e.Programs = append(e.Programs, prog)
			e.DPRK = e.DPRK || IsDPRKProgram(prog)
		}
	}
	return nil
}

func (p *ofacAdvParser) finish() (*List, error) {
	if p.published.IsZero() {
		return nil, p.errorf(ErrMissing, "DateOfIssue", "", "no DateOfIssue")
	}
	if len(p.entities) == 0 {
		return nil, p.errorf(ErrEmpty, "DistinctParties", "", "no DistinctParty")
	}
	if len(p.docs) > 0 {
		identity := ""
		for id := range p.docs {
			if identity == "" || id < identity {
				identity = id
			}
		}
		return nil, p.errorf(ErrMalformed, "IDRegDocuments", "IdentityID", "documents of IdentityID %s belong to no DistinctParty", identity)
	}
	src := OFACSDN
	if p.anyEntry && !p.anySDN {
		src = OFACNonSDN
	}
	for i := range p.entities {
		e := &p.entities[i]
		e.Source = src
		if src == OFACSDN {
			e.Listed = p.state[i].sdnListed
		} else {
			e.Listed = p.state[i].anyListed
		}
	}
	ofacMarkDPRK(p.entities)
	return &List{
		Source:        src,
		Format:        FormatOFACAdvanced,
		Published:     p.published,
		PublishedFrom: PublishedFromContent,
		Entities:      p.entities,
	}, nil
}

// ---- dates ----

// ofacAdvDate parses a Year/Month/Day element; full requires all three.
func ofacAdvDate(x *ofacAdvYMD, full bool) (Date, error) {
	var d Date
	nums := [3]*int{&d.Year, &d.Month, &d.Day}
	for i, s := range [3]string{x.Year, x.Month, x.Day} {
		s = strings.TrimSpace(s)
		if s == "" {
			if i == 0 || full {
				return Date{}, fmt.Errorf("%w: missing %s", ErrDate, [3]string{"Year", "Month", "Day"}[i])
			}
			continue
		}
		if i > 0 && *nums[i-1] == 0 {
			return Date{}, fmt.Errorf("%w: %s without %s", ErrDate, [3]string{"Year", "Month", "Day"}[i], [3]string{"Year", "Month", "Day"}[i-1])
		}
		if !allDigits(s) || len(s) > 4 {
			return Date{}, fmt.Errorf("%w: %q is not a number", ErrDate, s)
		}
		*nums[i], _ = strconv.Atoi(s)
	}
	if err := d.validate(); err != nil {
		return Date{}, fmt.Errorf("%w: %w", ErrDate, err)
	}
	return d, nil
}

// ofacAdvPeriod maps a DatePeriod to a date or range of dates: its lower
// bound is Start/From and its upper bound End/To (either bound falls back
// to the other's when absent). Equal bounds give that day; bounds on 1 Jan
// and 31 Dec give years; bounds on the first and last days of months give
// months; other bounds give a range of days.
func ofacAdvPeriod(dp *ofacAdvDatePeriod) (DateOfBirth, error) {
	var out DateOfBirth
	pick := func(b *ofacAdvDateBound, first bool) *ofacAdvYMD {
		if b == nil {
			return nil
		}
		if first && b.From != nil || b.To == nil {
			return b.From
		}
		return b.To
	}
	loX, hiX := pick(dp.Start, true), pick(dp.End, false)
	if loX == nil {
		loX = pick(dp.End, true)
	}
	if hiX == nil {
		hiX = pick(dp.Start, false)
	}
	if loX == nil || hiX == nil {
		return out, fmt.Errorf("%w: DatePeriod without Start or End dates", ErrDate)
	}
	lo, err := ofacAdvDate(loX, false)
	if err != nil {
		return out, err
	}
	hi, err := ofacAdvDate(hiX, false)
	if err != nil {
		return out, err
	}
	if hi.Before(lo) {
		return out, fmt.Errorf("%w: period ends (%s) before it starts (%s)", ErrDate, hi, lo)
	}
	out.Approximate = dp.Start != nil && dp.Start.Approximate == "true" || dp.End != nil && dp.End.Approximate == "true"
	switch {
	case lo == hi:
		out.From = lo
	case lo.Month <= 1 && lo.Day <= 1 && (hi.Month == 0 || hi.Month == 12 && (hi.Day == 0 || hi.Day == 31)):
		out.From = Date{Year: lo.Year}
		if hi.Year != lo.Year {
			out.To = Date{Year: hi.Year}
		}
	case lo.Month > 0 && hi.Month > 0 && lo.Day <= 1 && (hi.Day == 0 || hi.Day == ofacAdvLastDay(hi.Year, hi.Month)):
		out.From = Date{Year: lo.Year, Month: lo.Month}
		if hi.Year != lo.Year || hi.Month != lo.Month {
			out.To = Date{Year: hi.Year, Month: hi.Month}
		}
	default:
		out.From, out.To = lo, hi
	}
	return out, nil
}

func ofacAdvLastDay(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ---- errors ----

// xmlError maps a decoder error to a *ParseError.
func (p *ofacAdvParser) xmlError(err error, elem string) error {
	line, _ := p.d.InputPos()
	return &ParseError{File: p.file, Line: xmlErrorLine(err, line), Element: elem, Err: xmlCause(err)}
}

func (p *ofacAdvParser) errorf(sentinel error, elem, field, format string, args ...any) error {
	line, _ := p.d.InputPos()
	return p.errAt(line, sentinel, elem, field, format, args...)
}

func (p *ofacAdvParser) errAt(line int, sentinel error, elem, field, format string, args ...any) error {
	return &ParseError{File: p.file, Line: line, Element: elem, Field: field,
		Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
}

// wrap wraps an error that already carries its sentinel.
func (p *ofacAdvParser) wrap(err error, elem, field string) error {
	line, _ := p.d.InputPos()
	return p.wrapAt(line, err, elem, field)
}

func (p *ofacAdvParser) wrapAt(line int, err error, elem, field string) error {
	return &ParseError{File: p.file, Line: line, Element: elem, Field: field, Err: err}
}
