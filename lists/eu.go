package lists

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// The EU Financial Sanctions Files (FSF) publish one list in two formats
// that carry the same records: XML 1.1 (one sanctionEntity element per
// entry, its names, birth dates, addresses, identifications and
// citizenships as child elements) and CSV 1.1 (one row per sub-record,
// keyed by Entity_LogicalId). Both parsers fill an euRecord and convert it
// with euEntity, so the two formats give the same entities.

// euNamespace is the XML namespace of the FSF export, version 1.1.
const euNamespace = "http://eu.europa.ec/fpi/fsd/export"

// euRecord is one sanctionEntity, as read from either format.
type euRecord struct {
	LogicalID          string          `xml:"logicalId,attr"`
	EUReferenceNumber  string          `xml:"euReferenceNumber,attr"`
	UnitedNationID     string          `xml:"unitedNationId,attr"`
	DesignationDate    string          `xml:"designationDate,attr"`
	DesignationDetails string          `xml:"designationDetails,attr"`
	Remarks            []string        `xml:"remark"`
	Regulations        []euRegulation  `xml:"regulation"`
	SubjectType        euSubjectType   `xml:"subjectType"`
	Names              []euNameAlias   `xml:"nameAlias"`
	Citizenships       []euCitizenship `xml:"citizenship"`
	Birthdates         []euBirthdate   `xml:"birthdate"`
	Addresses          []euAddress     `xml:"address"`
	Identifications    []euIdent       `xml:"identification"`

	line int // CSV: line of the entity's first row
}

type euRegulation struct {
	Programme       string `xml:"programme,attr"`
	PublicationDate string `xml:"publicationDate,attr"`
	NumberTitle     string `xml:"numberTitle,attr"`
}

type euSubjectType struct {
	Code               string `xml:"code,attr"`
	ClassificationCode string `xml:"classificationCode,attr"`
}

type euNameAlias struct {
	LogicalID    string   `xml:"logicalId,attr"`
	FirstName    string   `xml:"firstName,attr"`
	MiddleName   string   `xml:"middleName,attr"`
	LastName     string   `xml:"lastName,attr"`
	WholeName    string   `xml:"wholeName,attr"`
	Function     string   `xml:"function,attr"`
	Gender       string   `xml:"gender,attr"`
	Title        string   `xml:"title,attr"`
	NameLanguage string   `xml:"nameLanguage,attr"`
	Strong       string   `xml:"strong,attr"`
	Remarks      []string `xml:"remark"`

	line int
}

type euCitizenship struct {
	LogicalID          string   `xml:"logicalId,attr"`
	Region             string   `xml:"region,attr"`
	CountryIso2Code    string   `xml:"countryIso2Code,attr"`
	CountryDescription string   `xml:"countryDescription,attr"`
	Remarks            []string `xml:"remark"`

	line int
}

type euBirthdate struct {
	LogicalID          string   `xml:"logicalId,attr"`
	Birthdate          string   `xml:"birthdate,attr"`
	Day                string   `xml:"dayOfMonth,attr"`
	Month              string   `xml:"monthOfYear,attr"`
	Year               string   `xml:"year,attr"`
	YearRangeFrom      string   `xml:"yearRangeFrom,attr"`
	YearRangeTo        string   `xml:"yearRangeTo,attr"`
	Circa              string   `xml:"circa,attr"`
	CalendarType       string   `xml:"calendarType,attr"`
	City               string   `xml:"city,attr"`
	ZipCode            string   `xml:"zipCode,attr"`
	Region             string   `xml:"region,attr"`
	Place              string   `xml:"place,attr"`
	CountryIso2Code    string   `xml:"countryIso2Code,attr"`
	CountryDescription string   `xml:"countryDescription,attr"`
	Remarks            []string `xml:"remark"`

	line int
}

type euAddress struct {
	LogicalID          string          `xml:"logicalId,attr"`
	Street             string          `xml:"street,attr"`
	City               string          `xml:"city,attr"`
	PoBox              string          `xml:"poBox,attr"`
	ZipCode            string          `xml:"zipCode,attr"`
	Region             string          `xml:"region,attr"`
	Place              string          `xml:"place,attr"`
	AsAtListingTime    string          `xml:"asAtListingTime,attr"`
	CountryIso2Code    string          `xml:"countryIso2Code,attr"`
	CountryDescription string          `xml:"countryDescription,attr"`
	ContactInfo        []euContactInfo `xml:"contactInfo"`
	Remarks            []string        `xml:"remark"`

	line int
}

type euContactInfo struct {
	Key   string `xml:"key,attr"`
	Value string `xml:"value,attr"`
}

type euIdent struct {
	LogicalID          string   `xml:"logicalId,attr"`
	TypeCode           string   `xml:"identificationTypeCode,attr"`
	TypeDescription    string   `xml:"identificationTypeDescription,attr"`
	Number             string   `xml:"number,attr"`
	LatinNumber        string   `xml:"latinNumber,attr"`
	Diplomatic         string   `xml:"diplomatic,attr"`
	KnownExpired       string   `xml:"knownExpired,attr"`
	KnownFalse         string   `xml:"knownFalse,attr"`
	ReportedLost       string   `xml:"reportedLost,attr"`
	RevokedByIssuer    string   `xml:"revokedByIssuer,attr"`
	IssuedBy           string   `xml:"issuedBy,attr"`
	IssueDate          string   `xml:"issueDate,attr"`
	ValidFrom          string   `xml:"validFrom,attr"`
	ValidTo            string   `xml:"validTo,attr"`
	NameOnDocument     string   `xml:"nameOnDocument,attr"`
	Region             string   `xml:"region,attr"`
	CountryIso2Code    string   `xml:"countryIso2Code,attr"`
	CountryDescription string   `xml:"countryDescription,attr"`
	Remarks            []string `xml:"remark"`

	line int
}

// euFieldError is an error in one field of a record, found while converting
// it to an Entity. Kind is the sub-record element ("birthdate", ...) or ""
// for the sanctionEntity itself; Attr is the XML attribute (or element)
// name; Line is the CSV line where known.
type euFieldError struct {
	Kind      string
	LogicalID string
	Attr      string
	Line      int
	Err       error
}

func (e *euFieldError) Error() string { return e.Kind + "." + e.Attr + ": " + e.Err.Error() }

func (e *euFieldError) Unwrap() error { return e.Err }

// euConverter converts records to entities; it holds scratch state reused
// between records and is not safe for concurrent use.
type euConverter struct {
	remarks []string
}

// euEntity converts rec to an Entity.
func (c *euConverter) entity(rec *euRecord) (Entity, error) {
	e := Entity{Source: EU, ID: strings.TrimSpace(rec.LogicalID)}
	fail := func(kind, id, attr string, line int, err error) (Entity, error) {
		return Entity{}, &euFieldError{Kind: kind, LogicalID: id, Attr: attr, Line: line, Err: err}
	}
	if e.ID == "" {
		return fail("", "", "logicalId", rec.line, fmt.Errorf("%w: sanctionEntity has no logicalId", ErrMissing))
	}
	t, err := euSubjectTypeOf(rec.SubjectType)
	if err != nil {
		return fail("subjectType", "", "classificationCode", rec.line, err)
	}
	e.Type = t

	c.remarks = c.remarks[:0]
	for _, r := range rec.Remarks {
		c.addRemark(r)
	}
	c.addRemark(rec.DesignationDetails)

	if d := strings.TrimSpace(rec.DesignationDate); d != "" {
		if e.Listed, err = ParseISODate(d); err != nil {
			return fail("", "", "designationDate", rec.line, err)
		}
	}

	for _, reg := range rec.Regulations {
		if p := strings.TrimSpace(reg.Programme); p != "" && !containsString(e.Programs, p) {
			e.Programs = append(e.Programs, p)
			if IsDPRKProgram(p) {
				e.DPRK = true
			}
		}
	}

	if err := c.names(&e, rec.Names); err != nil {
		return Entity{}, err
	}

	for i := range rec.Citizenships {
		z := &rec.Citizenships[i]
		code, err := euCountry(z.CountryIso2Code, z.CountryDescription)
		if err != nil {
			return fail("citizenship", z.LogicalID, "countryIso2Code", z.line, err)
		}
		if code != "" && !containsString(e.Nationalities, code) {
			e.Nationalities = append(e.Nationalities, code)
		}
		for _, r := range z.Remarks {
			c.addRemark(r)
		}
	}

	for i := range rec.Birthdates {
		if err := c.birthdate(&e, &rec.Birthdates[i]); err != nil {
			return Entity{}, err
		}
	}

	for i := range rec.Addresses {
		if err := c.address(&e, &rec.Addresses[i]); err != nil {
			return Entity{}, err
		}
	}

	for i := range rec.Identifications {
		if err := c.identification(&e, &rec.Identifications[i]); err != nil {
			return Entity{}, err
		}
	}

	e.BirthPlaces = euPrunePlaces(e.BirthPlaces)
	if len(c.remarks) > 0 {
		e.Remarks = strings.Join(c.remarks, "\n")
	}
	return e, nil
}

// addRemark adds a non-empty remark once.
func (c *euConverter) addRemark(r string) {
	if r = strings.TrimSpace(r); r != "" && !containsString(c.remarks, r) {
		c.remarks = append(c.remarks, r)
	}
}

// euSubjectTypeOf maps subjectType to an EntityType. The XML writes
// code="person" classificationCode="P"; the CSV has the two the other way
// round (Entity_SubjectType "P", Entity_SubjectType_ClassificationCode
// "person"), so both attributes accept both forms and must agree.
func euSubjectTypeOf(s euSubjectType) (EntityType, error) {
	var t EntityType
	for _, v := range [...]string{s.ClassificationCode, s.Code} {
		var u EntityType
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "":
			continue
		case "p", "person":
			u = Person
		case "e", "enterprise":
			u = Organization
		default:
			return TypeUnknown, fmt.Errorf("%w: unknown subject type %q", ErrMalformed, v)
		}
		if t != TypeUnknown && t != u {
			return TypeUnknown, fmt.Errorf("%w: subject type codes %q and %q disagree", ErrMalformed, s.ClassificationCode, s.Code)
		}
		t = u
	}
	if t == TypeUnknown {
		return TypeUnknown, fmt.Errorf("%w: subject type", ErrMissing)
	}
	return t, nil
}

// euQualityRemark matches a name remark that only says how good an alias
// is, as the EU writes it ("low quality alias", "Good quality a.k.a.",
// misspellings included), once lower-cased and trimmed of punctuation.
var euQualityRemark = regexp.MustCompile(`^(low|lo|good|god|qood|high) quality (alias|aliias|a\.k\.a|aka)$`)

// euAliasRemark reads a name alias remark: whether it marks a weak (low
// quality) alias or a former name, and whether it says nothing else (it
// is then not kept as a remark).
func euAliasRemark(r string) (weak, former, only bool) {
	n := strings.ToLower(strings.Trim(strings.TrimSpace(r), "()[];:. "))
	weak = strings.Contains(n, "low quality") || strings.Contains(n, "lo quality")
	former = strings.HasPrefix(n, "formerly known as")
	only = euQualityRemark.MatchString(n) || n == "formerly known as"
	return weak, former, only
}

// names adds the entity's names: the first strong name (not a former one)
// is the primary name, every other name an alias in published order.
func (c *euConverter) names(e *Entity, aliases []euNameAlias) error {
	if len(aliases) == 0 {
		return &euFieldError{Kind: "nameAlias", Attr: "wholeName", Err: fmt.Errorf("%w: entity has no name", ErrMissing)}
	}
	e.Names = make([]Name, 0, len(aliases))
	primary := -1
	for i := range aliases {
		a := &aliases[i]
		n := Name{Full: strings.TrimSpace(a.WholeName), Kind: AKA, Language: strings.TrimSpace(a.NameLanguage)}
		for _, p := range [...]struct {
			kind PartKind
			v    string
		}{{PartGiven, a.FirstName}, {PartMiddle, a.MiddleName}, {PartFamily, a.LastName}} {
			if v := strings.TrimSpace(p.v); v != "" {
				n.Parts = append(n.Parts, NamePart{Kind: p.kind, Value: v})
			}
		}
		if n.Full == "" {
			parts := make([]string, len(n.Parts))
			for j, p := range n.Parts {
				parts[j] = p.Value
			}
			n.Full = strings.Join(parts, " ")
		}
		if n.Full == "" {
			return &euFieldError{Kind: "nameAlias", LogicalID: a.LogicalID, Attr: "wholeName", Line: a.line, Err: fmt.Errorf("%w: name alias without a name", ErrMissing)}
		}
		strong, err := euBool(a.Strong, true)
		if err != nil {
			return &euFieldError{Kind: "nameAlias", LogicalID: a.LogicalID, Attr: "strong", Line: a.line, Err: err}
		}
		if !strong {
			n.Strength = Weak
		}
		for _, r := range a.Remarks {
			weak, former, only := euAliasRemark(r)
			if weak {
				n.Strength = Weak
			}
			if former {
				n.Kind = FKA
			}
			if !only {
				c.addRemark(r)
			}
		}
		n.Script = ScriptOf(n.Full)
		if primary < 0 && n.Strength == Strong && n.Kind == AKA {
			primary = len(e.Names)
		}
		e.Names = append(e.Names, n)

		if e.Gender == "" {
			e.Gender = euGender(a.Gender)
		}
		e.Titles = euAddTitle(e.Titles, a.Title)
		for _, f := range strings.Split(a.Function, "\n") {
			e.Titles = euAddTitle(e.Titles, f)
		}
	}
	if primary < 0 {
		primary = 0
	}
	p := e.Names[primary]
	p.Kind = Primary
	copy(e.Names[1:primary+1], e.Names[:primary])
	e.Names[0] = p
	return nil
}

func euAddTitle(titles []string, t string) []string {
	if t = strings.TrimSpace(t); t != "" && !containsString(titles, t) {
		titles = append(titles, t)
	}
	return titles
}

// euGender spells out the EU's gender codes M and F.
func euGender(g string) string {
	switch g = strings.TrimSpace(g); g {
	case "M", "m":
		return "Male"
	case "F", "f":
		return "Female"
	}
	return g
}

// euBool parses the XML booleans "true"/"false" and the CSV's "YES"/"NO";
// empty gives def.
func euBool(s string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return def, nil
	case "true", "yes", "1":
		return true, nil
	case "false", "no", "0":
		return false, nil
	}
	return false, fmt.Errorf("%w: %q is not a boolean", ErrMalformed, s)
}

// euUnknownCountry is how the EU writes an unknown country code.
const euUnknownCountry = "00"

// euCountry returns the ISO 3166-1 alpha-2 code of a published country:
// the published code where it is one, else the code of the published
// description, else "" (the EU writes "00" and "UNKNOWN" for unknown).
func euCountry(code, desc string) (string, error) {
	code = strings.TrimSpace(code)
	switch {
	case code == "" || code == euUnknownCountry:
	case len(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z':
		if c, ok := CountryCode(code); ok {
			return c, nil
		}
		// A well-formed code the region table does not know (a new or
		// user-assigned one): kept as published.
		return code, nil
	default:
		return "", fmt.Errorf("%w: %q is not an ISO 3166-1 alpha-2 code", ErrMalformed, code)
	}
	desc = strings.TrimSpace(desc)
	if desc == "" || strings.EqualFold(desc, "UNKNOWN") {
		return "", nil
	}
	c, _ := CountryCode(desc)
	return c, nil
}

// euCountryName returns the published country description, or "" for the
// EU's "UNKNOWN".
func euCountryName(desc string) string {
	desc = strings.TrimSpace(desc)
	if strings.EqualFold(desc, "UNKNOWN") {
		return ""
	}
	return desc
}

// euGregorian reports whether a calendarType is the Gregorian calendar.
func euGregorian(cal string) bool {
	cal = strings.TrimSpace(cal)
	return cal == "" || strings.EqualFold(cal, "GREGORIAN")
}

// birthdate adds one birthdate sub-record: its date (exact, month, year,
// circa or a range of years) and its place. The EU gives the Gregorian
// date of a birth it publishes in another calendar (ISLAMIC) as a separate
// birthdate or in the birthdate attribute; a non-Gregorian date with no
// Gregorian one beside it is kept in Remarks, never read as Gregorian.
func (c *euConverter) birthdate(e *Entity, b *euBirthdate) error {
	fail := func(attr string, err error) error {
		return &euFieldError{Kind: "birthdate", LogicalID: b.LogicalID, Attr: attr, Line: b.line, Err: err}
	}
	dob, attr, err := c.birthdateDate(b)
	if err != nil {
		return fail(attr, err)
	}
	if !dob.From.IsZero() || !dob.To.IsZero() {
		if !euHasBirthDate(e.BirthDates, dob) {
			e.BirthDates = append(e.BirthDates, dob)
		}
	}

	country, err := euCountry(b.CountryIso2Code, b.CountryDescription)
	if err != nil {
		return fail("countryIso2Code", err)
	}
	var parts []string
	for _, p := range [...]string{b.Place, b.City, b.Region} {
		if p = euText(p); p != "" && !containsString(parts, p) {
			parts = append(parts, p)
		}
	}
	if pl := (Place{Text: strings.Join(parts, ", "), Country: country}); pl != (Place{}) && !euHasPlace(e.BirthPlaces, pl) {
		e.BirthPlaces = append(e.BirthPlaces, pl)
	}
	for _, r := range b.Remarks {
		c.addRemark(r)
	}
	return nil
}

// birthdateDate reads the date of a birthdate sub-record (see
// [euConverter.birthdate]); a date in another calendar with no Gregorian
// conversion is added to the remarks and gives a zero date. On error it
// also returns the attribute at fault.
func (c *euConverter) birthdateDate(b *euBirthdate) (DateOfBirth, string, error) {
	circa, err := euBool(b.Circa, false)
	if err != nil {
		return DateOfBirth{}, "circa", err
	}
	dob := DateOfBirth{Approximate: circa}
	full := strings.TrimSpace(b.Birthdate)
	year, month, day := strings.TrimSpace(b.Year), strings.TrimSpace(b.Month), strings.TrimSpace(b.Day)
	from, to := strings.TrimSpace(b.YearRangeFrom), strings.TrimSpace(b.YearRangeTo)
	gregorian := euGregorian(b.CalendarType)
	switch {
	case full != "":
		// For another calendar, birthdate holds the Gregorian conversion
		// of the day, month and year.
		if dob.From, err = ParseISODate(full); err != nil {
			return DateOfBirth{}, "birthdate", err
		}
		if !gregorian {
			c.addRemark(fmt.Sprintf("date of birth in the %s calendar: %s", strings.TrimSpace(b.CalendarType), euJoinDate(year, month, day)))
		}
	case (year != "" || month != "" || day != "") && (from != "" || to != ""):
		return DateOfBirth{}, "yearRangeFrom", fmt.Errorf("%w: both a date and a range of years", ErrDate)
	case year != "" || month != "" || day != "":
		if !gregorian {
			c.addRemark(fmt.Sprintf("date of birth in the %s calendar: %s", strings.TrimSpace(b.CalendarType), euJoinDate(year, month, day)))
			break
		}
		y, m, d, attr, err := euDateParts(year, month, day)
		if err != nil {
			return DateOfBirth{}, attr, err
		}
		if dob.From, err = NewDate(y, m, d); err != nil {
			return DateOfBirth{}, "year", err
		}
	case from != "" || to != "":
		if !gregorian {
			c.addRemark(fmt.Sprintf("date of birth in the %s calendar: %s..%s", strings.TrimSpace(b.CalendarType), from, to))
			break
		}
		if from != "" {
			y, err := euYear(from)
			if err != nil {
				return DateOfBirth{}, "yearRangeFrom", err
			}
			dob.From = Date{Year: y}
		}
		if to != "" {
			y, err := euYear(to)
			if err != nil {
				return DateOfBirth{}, "yearRangeTo", err
			}
			dob.To = Date{Year: y}
		}
		switch {
		case from != "" && to != "" && dob.To.Before(dob.From):
			return DateOfBirth{}, "yearRangeTo", fmt.Errorf("%w: range %s..%s ends before it starts", ErrDate, from, to)
		case to == "":
			// "born in or after": the model has no open range; the
			// year is kept as an approximate one.
			dob.Approximate = true
		}
	}
	return dob, "", nil
}

// euPrunePlaces drops the places that give only a country another place
// already gives (a birthdate with a country and no town beside one with
// both).
func euPrunePlaces(places []Place) []Place {
	var withText []string
	for _, p := range places {
		if p.Text != "" && p.Country != "" {
			withText = append(withText, p.Country)
		}
	}
	var out []Place
	for _, p := range places {
		if p.Text != "" || !containsString(withText, p.Country) {
			out = append(out, p)
		}
	}
	return out
}

func euHasBirthDate(list []DateOfBirth, d DateOfBirth) bool {
	for _, v := range list {
		if v == d {
			return true
		}
	}
	return false
}

func euHasPlace(list []Place, p Place) bool {
	for _, v := range list {
		if v == p {
			return true
		}
	}
	return false
}

// euText trims s and treats the EU's "-" placeholder as empty.
func euText(s string) string {
	s = strings.TrimSpace(s)
	if s == "-" {
		return ""
	}
	return s
}

func euJoinDate(year, month, day string) string {
	var parts []string
	for _, p := range [...]string{year, month, day} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "-")
}

// euDateParts parses year, month and day numbers (month and day may be
// empty; a month or day needs a year, a day needs a month).
func euDateParts(year, month, day string) (y, m, d int, attr string, err error) {
	if year == "" {
		return 0, 0, 0, "year", fmt.Errorf("%w: month or day without a year", ErrDate)
	}
	if y, err = euYear(year); err != nil {
		return 0, 0, 0, "year", err
	}
	if month != "" {
		if m, err = euSmallInt(month, 12); err != nil {
			return 0, 0, 0, "monthOfYear", err
		}
	}
	if day != "" {
		if month == "" {
			return 0, 0, 0, "dayOfMonth", fmt.Errorf("%w: day without a month", ErrDate)
		}
		if d, err = euSmallInt(day, 31); err != nil {
			return 0, 0, 0, "dayOfMonth", err
		}
	}
	return y, m, d, "", nil
}

func euYear(s string) (int, error) {
	if len(s) != 4 || !allDigits(s) {
		return 0, fmt.Errorf("%w: year %q", ErrDate, s)
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	if _, err := NewDate(y, 0, 0); err != nil {
		return 0, err
	}
	return y, nil
}

func euSmallInt(s string, max int) (int, error) {
	if len(s) == 0 || len(s) > 2 || !allDigits(s) {
		return 0, fmt.Errorf("%w: %q is not a number from 1 to %d", ErrDate, s, max)
	}
	n := int(s[0] - '0')
	if len(s) == 2 {
		n = n*10 + int(s[1]-'0')
	}
	if n < 1 || n > max {
		return 0, fmt.Errorf("%w: %q is not a number from 1 to %d", ErrDate, s, max)
	}
	return n, nil
}

// address adds one address and its contact details (as identifiers).
func (c *euConverter) address(e *Entity, a *euAddress) error {
	fail := func(attr string, err error) error {
		return &euFieldError{Kind: "address", LogicalID: a.LogicalID, Attr: attr, Line: a.line, Err: err}
	}
	country, err := euCountry(a.CountryIso2Code, a.CountryDescription)
	if err != nil {
		return fail("countryIso2Code", err)
	}
	asAt, err := euBool(a.AsAtListingTime, false)
	if err != nil {
		return fail("asAtListingTime", err)
	}
	var notes []string
	addNote := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !containsString(notes, s) {
			notes = append(notes, s)
		}
	}
	addNote(euText(a.Place))
	if pb := euText(a.PoBox); pb != "" {
		if allDigits(pb) {
			pb = "P.O. Box " + pb
		}
		addNote(pb)
	}
	for _, r := range a.Remarks {
		addNote(r)
	}
	if asAt {
		addNote("as at listing time")
	}
	addr := Address{
		Street:      euText(a.Street),
		City:        euText(a.City),
		Region:      euText(a.Region),
		PostalCode:  euText(a.ZipCode),
		Country:     country,
		CountryName: euCountryName(a.CountryDescription),
		Note:        strings.Join(notes, "; "),
	}
	if addr != (Address{}) {
		e.Addresses = append(e.Addresses, addr)
	}
	for _, ci := range a.ContactInfo {
		key, val := strings.TrimSpace(ci.Key), strings.TrimSpace(ci.Value)
		if val == "" {
			continue
		}
		if key == "" {
			return fail("contactInfo", fmt.Errorf("%w: contact detail %q without a key", ErrMissing, val))
		}
		e.Identifiers = append(e.Identifiers, Identifier{Type: euContactType(key), Label: key, Value: val})
	}
	return nil
}

// euContactType classifies a contactInfo key (PHONE, FAX, EMAIL, WEB).
func euContactType(key string) IDType {
	switch strings.ToUpper(key) {
	case "PHONE", "FAX", "TEL", "TELEPHONE", "MOBILE":
		return IDPhone
	case "EMAIL", "E-MAIL":
		return IDEmail
	case "WEB", "WEBSITE", "URL":
		return IDWebsite
	}
	return IDOther
}

// euIDTypes maps the FSF identificationTypeCode values to IDTypes.
var euIDTypes = map[string]IDType{
	"passport":       IDPassport,
	"travelcardid":   IDPassport, // temporary travel document
	"id":             IDNationalID,
	"ssn":            IDNationalID,
	"birthcert":      IDNationalID,
	"nationcert":     IDNationalID,
	"electionid":     IDNationalID,
	"residentperm":   IDNationalID,
	"fiscalcode":     IDTaxID,
	"regnumber":      IDRegistration,
	"tradelic":       IDRegistration,
	"swiftbic":       IDSWIFTBIC,
	"imo":            IDIMO,
	"drivinglicence": IDDriversLicense,
	"email":          IDEmail,
	"other":          IDOther,
}

// euIDType classifies an identificationTypeCode; codes it does not know are
// classified by their description as OFAC labels are, else IDOther.
func euIDType(code, desc string) IDType {
	if t, ok := euIDTypes[strings.ToLower(strings.TrimSpace(code))]; ok {
		return t
	}
	t, _ := ofacIDType(desc)
	return t
}

// identification adds one identification document or number.
func (c *euConverter) identification(e *Entity, d *euIdent) error {
	fail := func(attr string, err error) error {
		return &euFieldError{Kind: "identification", LogicalID: d.LogicalID, Attr: attr, Line: d.line, Err: err}
	}
	number, latin := strings.TrimSpace(d.Number), strings.TrimSpace(d.LatinNumber)
	if number == "" {
		number, latin = latin, ""
	}
	if number == "" {
		return fail("number", fmt.Errorf("%w: identification without a number", ErrMissing))
	}
	country, err := euCountry(d.CountryIso2Code, d.CountryDescription)
	if err != nil {
		return fail("countryIso2Code", err)
	}
	var notes []string
	for _, f := range [...]struct {
		attr, v, note string
	}{
		{"diplomatic", d.Diplomatic, "diplomatic"},
		{"knownExpired", d.KnownExpired, "known to be expired"},
		{"knownFalse", d.KnownFalse, "known to be false"},
		{"reportedLost", d.ReportedLost, "reported lost"},
		{"revokedByIssuer", d.RevokedByIssuer, "revoked by issuer"},
	} {
		set, err := euBool(f.v, false)
		if err != nil {
			return fail(f.attr, err)
		}
		if set {
			notes = append(notes, f.note)
		}
	}
	for _, f := range [...]struct{ attr, v, label string }{
		{"issueDate", d.IssueDate, "issued "},
		{"validFrom", d.ValidFrom, "valid from "},
		{"validTo", d.ValidTo, "valid to "},
	} {
		if v := strings.TrimSpace(f.v); v != "" {
			if _, err := ParseISODate(v); err != nil {
				return fail(f.attr, err)
			}
			notes = append(notes, f.label+v)
		}
	}
	if v := strings.TrimSpace(d.IssuedBy); v != "" {
		notes = append(notes, "issued by "+v)
	}
	for _, v := range [...]string{d.Region, d.NameOnDocument} {
		if v = strings.TrimSpace(v); v != "" {
			notes = append(notes, v)
		}
	}
	for _, r := range d.Remarks {
		if r = strings.TrimSpace(r); r != "" && !containsString(notes, r) {
			notes = append(notes, r)
		}
	}
	id := Identifier{
		Type:    euIDType(d.TypeCode, d.TypeDescription),
		Label:   strings.TrimSpace(d.TypeDescription),
		Value:   number,
		Country: country,
		Note:    strings.Join(notes, "; "),
	}
	if id.Label == "" {
		id.Label = strings.TrimSpace(d.TypeCode)
	}
	e.Identifiers = append(e.Identifiers, id)
	if latin != "" && latin != number {
		id.Value = latin
		e.Identifiers = append(e.Identifiers, id)
	}
	return nil
}

// euParseError wraps err, which may be an *euFieldError, in a ParseError for
// file. element is the record's path or key; render maps the field error's
// kind and attribute to the format's field name.
func euParseError(file string, line int, element string, err error, render func(*euFieldError) string) error {
	pe := &ParseError{File: file, Line: line, Element: element, Err: err}
	var fe *euFieldError
	if errors.As(err, &fe) {
		pe.Err = fe.Err
		pe.Field = render(fe)
		if fe.Line > 0 {
			pe.Line = fe.Line
		}
	}
	return pe
}
