package lists

import (
	"fmt"
	"strings"
)

// Source identifies the authority and list an entity was published on.
type Source uint8

// The sources payscreen reads. Their String forms ("ofac_sdn", "ofac_cons",
// "un", "eu", "uk") are stable and used in results and files.
const (
	SourceUnknown Source = iota
	OFACSDN              // OFAC Specially Designated Nationals and Blocked Persons list
	OFACNonSDN           // OFAC consolidated (non-SDN) lists
	UN                   // UN Security Council consolidated list
	EU                   // EU consolidated financial sanctions list (FSF)
	UK                   // UK Sanctions List (FCDO) or the legacy OFSI consolidated list
	// Indicators is an indicator feed: names, contacts, wallets and bank
	// identifiers that are not on the official lists (payscreen's built-in
	// DPRK IT-worker feed, "dprk_indicators", or a user's own feed, named
	// by its List.Feed).
	Indicators
)

var sourceNames = [...]string{
	SourceUnknown: "unknown",
	OFACSDN:       "ofac_sdn",
	OFACNonSDN:    "ofac_cons",
	UN:            "un",
	EU:            "eu",
	UK:            "uk",
	Indicators:    "dprk_indicators",
}

var sourceTitles = [...]string{
	SourceUnknown: "unknown source",
	OFACSDN:       "OFAC SDN list",
	OFACNonSDN:    "OFAC consolidated (non-SDN) lists",
	UN:            "UN Security Council consolidated list",
	EU:            "EU consolidated financial sanctions list",
	UK:            "UK Sanctions List",
	Indicators:    "indicator feed",
}

// Sources lists the official list sources, in a stable order.
var Sources = []Source{OFACSDN, OFACNonSDN, UN, EU, UK}

// String returns the stable identifier of s, such as "ofac_sdn".
func (s Source) String() string {
	if int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return fmt.Sprintf("Source(%d)", uint8(s))
}

// Title returns a human-readable name of s, such as "OFAC SDN list".
func (s Source) Title() string {
	if int(s) < len(sourceTitles) {
		return sourceTitles[s]
	}
	return s.String()
}

// ParseSource returns the Source whose String form is name (case-insensitive).
func ParseSource(name string) (Source, error) {
	for i, n := range sourceNames {
		if i > 0 && strings.EqualFold(n, strings.TrimSpace(name)) {
			return Source(i), nil
		}
	}
	return SourceUnknown, fmt.Errorf("lists: unknown source %q", name)
}

// MarshalText implements encoding.TextMarshaler.
func (s Source) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Source) UnmarshalText(b []byte) error {
	v, err := ParseSource(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// EntityType is the kind of thing a list entry designates.
type EntityType uint8

// Entity types.
const (
	TypeUnknown EntityType = iota
	Person
	Organization
	Vessel
	Aircraft
)

var entityTypeNames = [...]string{"unknown", "person", "organization", "vessel", "aircraft"}

// String returns "person", "organization", "vessel", "aircraft" or "unknown".
func (t EntityType) String() string {
	if int(t) < len(entityTypeNames) {
		return entityTypeNames[t]
	}
	return fmt.Sprintf("EntityType(%d)", uint8(t))
}

// ParseEntityType parses the String form of an EntityType (case-insensitive).
// "individual" is accepted for Person and "entity" for Organization.
func ParseEntityType(s string) (EntityType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "individual":
		return Person, nil
	case "organization", "organisation", "entity", "company":
		return Organization, nil
	case "vessel", "ship":
		return Vessel, nil
	case "aircraft":
		return Aircraft, nil
	case "unknown", "":
		return TypeUnknown, nil
	}
	return TypeUnknown, fmt.Errorf("lists: unknown entity type %q", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t EntityType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *EntityType) UnmarshalText(b []byte) error {
	v, err := ParseEntityType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// NameKind says how a name relates to the entity.
type NameKind uint8

// Name kinds.
const (
	Primary NameKind = iota // the name the entry is listed under
	AKA                     // also known as
	FKA                     // formerly known as
	NKA                     // now known as
)

var nameKindNames = [...]string{"primary", "aka", "fka", "nka"}

// String returns "primary", "aka", "fka" or "nka".
func (k NameKind) String() string {
	if int(k) < len(nameKindNames) {
		return nameKindNames[k]
	}
	return fmt.Sprintf("NameKind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler.
func (k NameKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Strength is the quality the publisher gives an alias. A weak alias (OFAC's
// "weak a.k.a.", the UN's "Low quality", the UK's "weak" or "low quality")
// is broad or generic enough that a name match on it alone is weak evidence.
type Strength uint8

// Alias strengths.
const (
	Strong Strength = iota
	Weak
)

// String returns "strong" or "weak".
func (s Strength) String() string {
	if s == Weak {
		return "weak"
	}
	return "strong"
}

// MarshalText implements encoding.TextMarshaler.
func (s Strength) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// PartKind is the role of one part of a structured name.
type PartKind uint8

// Name part kinds.
const (
	PartOther PartKind = iota
	PartGiven
	PartMiddle
	PartFamily
	PartPatronymic
	PartTitle
)

var partKindNames = [...]string{"other", "given", "middle", "family", "patronymic", "title"}

// String returns the lower-case name of k.
func (k PartKind) String() string {
	if int(k) < len(partKindNames) {
		return partKindNames[k]
	}
	return fmt.Sprintf("PartKind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler.
func (k PartKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// NamePart is one part of a structured name, as the source gives it.
type NamePart struct {
	Kind  PartKind
	Value string
}

// Name is one name of an entity: its primary name or an alias.
type Name struct {
	// Full is the whole name as published (for OFAC persons "LAST, First").
	Full string
	Kind NameKind
	// Strength is Weak for the publisher's weak or low-quality aliases.
	Strength Strength
	// Parts holds the name's parts where the source publishes them
	// separately (UN FIRST_NAME..FOURTH_NAME, EU first/middle/last, UK Name 1..6).
	Parts []NamePart `json:",omitempty"`
	// Script is the script of a name published in its original, non-Latin
	// script ("Hangul", "Cyrillic", "Arabic", ...); empty for Latin names.
	Script string `json:",omitempty"`
	// Language is the language the source gives for the name, if any.
	Language string `json:",omitempty"`
}

// Date is a calendar date that may be known only to the month or the year.
// A zero Month or Day means that part is not known.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d holds no date at all.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String formats d as YYYY-MM-DD, YYYY-MM or YYYY according to its precision.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the String forms.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Before reports whether d is earlier than o, comparing unknown parts as zero.
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// DateOfBirth is a listed date of birth: one date (to the day, the month or
// the year) or, when To is not zero, the range From..To inclusive.
type DateOfBirth struct {
	From Date
	To   Date `json:",omitzero"`
	// Approximate is set where the source says "circa" or "approximately".
	Approximate bool `json:",omitempty"`
}

// IsRange reports whether b is a range of dates rather than one date.
func (b DateOfBirth) IsRange() bool { return !b.To.IsZero() && b.To != b.From }

// String formats b as "1980-05-01", "1980", "1975..1980", with a "circa "
// prefix when approximate.
func (b DateOfBirth) String() string {
	s := b.From.String()
	if b.IsRange() {
		s += ".." + b.To.String()
	}
	if b.Approximate {
		s = "circa " + s
	}
	return s
}

// Place is a free-text place (of birth) with its country where known.
type Place struct {
	Text    string
	Country string `json:",omitempty"` // ISO 3166-1 alpha-2
}

// Address is a listed address. Country is an ISO 3166-1 alpha-2 code where
// the published country could be mapped; CountryName keeps the published text.
type Address struct {
	Street      string `json:",omitempty"`
	City        string `json:",omitempty"`
	Region      string `json:",omitempty"`
	PostalCode  string `json:",omitempty"`
	Country     string `json:",omitempty"`
	CountryName string `json:",omitempty"`
	Note        string `json:",omitempty"`
}

// IDType classifies an identifier.
type IDType uint8

// Identifier types.
const (
	IDOther IDType = iota
	IDPassport
	IDNationalID
	IDTaxID
	IDRegistration // company registration number, LEI and similar
	IDSWIFTBIC
	IDIMO
	IDEmail
	IDWebsite
	IDPhone
	IDDriversLicense
	IDIBAN
	IDAccount
)

var idTypeNames = [...]string{
	"other", "passport", "national_id", "tax_id", "registration", "swift_bic",
	"imo", "email", "website", "phone", "drivers_license", "iban", "account",
}

// String returns the stable lower-case name of t, such as "swift_bic".
func (t IDType) String() string {
	if int(t) < len(idTypeNames) {
		return idTypeNames[t]
	}
	return fmt.Sprintf("IDType(%d)", uint8(t))
}

// MarshalText implements encoding.TextMarshaler.
func (t IDType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Identifier is a listed document number, code or contact detail.
type Identifier struct {
	Type IDType
	// Label is the identifier's type as the source names it ("Passport",
	// "SWIFT/BIC", "Registration Number", ...).
	Label string
	Value string
	// Country is the issuing country as ISO 3166-1 alpha-2, if known.
	Country string `json:",omitempty"`
	Note    string `json:",omitempty"`
}

// CryptoAddress is a listed digital currency address. Currency is the tag
// as published (OFAC "XBT", "ETH", "USDT", "TRX", ...); Address is kept
// exactly as published, including listed strings that are not valid
// addresses.
type CryptoAddress struct {
	Currency string
	Address  string
}

// Entity is one entry of a sanctions list.
type Entity struct {
	Source Source
	// ID is the source's own identifier: the OFAC ent_num, the UN reference
	// number ("KPi.033"), the EU logicalId, the UK unique ID (or OFSI group ID).
	ID   string
	Type EntityType
	// Names holds the primary name first, then every alias.
	Names         []Name
	BirthDates    []DateOfBirth   `json:",omitempty"`
	BirthPlaces   []Place         `json:",omitempty"`
	Nationalities []string        `json:",omitempty"` // ISO 3166-1 alpha-2
	Citizenships  []string        `json:",omitempty"` // ISO 3166-1 alpha-2
	Addresses     []Address       `json:",omitempty"`
	Identifiers   []Identifier    `json:",omitempty"`
	Crypto        []CryptoAddress `json:",omitempty"`
	// Programs holds the sanctions programs or regimes as published.
	Programs []string
	// DPRK is set when the entry is listed under a North Korea regime.
	DPRK bool
	// Gender as published ("Male", "Female"), if any.
	Gender string `json:",omitempty"`
	// Titles and positions as published.
	Titles  []string `json:",omitempty"`
	Remarks string   `json:",omitempty"`
	// Listed is the date the entry was first listed, where published.
	Listed Date `json:",omitzero"`
	// Vessel details, for vessels.
	Vessel *VesselInfo `json:",omitempty"`
}

// VesselInfo holds the details OFAC publishes for vessels.
type VesselInfo struct {
	CallSign string `json:",omitempty"`
	Type     string `json:",omitempty"`
	Tonnage  string `json:",omitempty"`
	GRT      string `json:",omitempty"`
	Flag     string `json:",omitempty"` // as published
	Owner    string `json:",omitempty"`
}

// PrimaryName returns the entity's primary name (the first name), or "" if
// it has none.
func (e *Entity) PrimaryName() string {
	if len(e.Names) == 0 {
		return ""
	}
	return e.Names[0].Full
}
