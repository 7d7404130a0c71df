package lists

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ParseEUCSV reads the EU Financial Sanctions Files consolidated list in
// its CSV 1.1 format: ';'-separated, quoted where needed, UTF-8 with or
// without a byte order mark, a header row, then one row per sub-record (a
// name alias, address, birthdate, identification or citizenship) carrying
// the columns of its entity, keyed by Entity_LogicalId. The rows of an
// entity are merged into one [Entity], also when they are not next to each
// other; entities keep the order of their first row.
//
// The entities are those [ParseEUXML] gives for the same publication. The
// CSV's own forms are undone: the literal "\n" in free text becomes a line
// break, Identification_Number's "488555 (passport-National passport)
// remark" gives the number 488555, Address_ContactInfo's
// "PHONE[...]\nEMAIL[...]" gives contact identifiers, and a name alias
// whose remark says "low quality alias" is weak (the CSV has no strong
// column). Published is the fileGenerationDate (DD/MM/YYYY) of the rows.
//
// Any error is a *[ParseError] naming the line, the entity and the column,
// wrapping [ErrFieldCount], [ErrMalformed], [ErrEncoding], [ErrDate],
// [ErrMissing], [ErrUnknown] (no Entity_LogicalId column) or [ErrEmpty].
func ParseEUCSV(f File) (*List, error) {
	br := bufio.NewReaderSize(f.R, 64<<10)
	if b, err := br.Peek(len(euBOM)); err == nil && string(b) == euBOM {
		br.Discard(len(euBOM))
	}
	r := csv.NewReader(br)
	r.Comma = ';'
	r.ReuseRecord = true

	header, err := r.Read()
	if err == io.EOF {
		return nil, &ParseError{File: f.Name, Err: fmt.Errorf("%w: no header row", ErrEmpty)}
	}
	if err != nil {
		return nil, euCSVReadError(f.Name, err)
	}
	header = slices.Clone(header) // the reader reuses its record
	cols, err := newEUCSVColumns(header)
	if err != nil {
		return nil, &ParseError{File: f.Name, Line: 1, Err: err}
	}
	r.FieldsPerRecord = len(header)

	p := euCSVParser{cols: cols, index: map[string]int{}, seen: map[euCSVKey]struct{}{}, intern: map[string]string{}}
	var generated string
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, euCSVReadError(f.Name, err)
		}
		line, _ := r.FieldPos(0)
		for i, v := range row {
			if !utf8.ValidString(v) {
				return nil, &ParseError{File: f.Name, Line: line, Field: header[i], Err: fmt.Errorf("%w: invalid UTF-8", ErrEncoding)}
			}
		}
		switch g := strings.TrimSpace(row[cols.generated]); {
		case generated == "":
			if g == "" {
				return nil, &ParseError{File: f.Name, Line: line, Field: "fileGenerationDate", Err: fmt.Errorf("%w: fileGenerationDate", ErrMissing)}
			}
			generated = strings.Clone(g)
		case g != generated:
			return nil, &ParseError{File: f.Name, Line: line, Field: "fileGenerationDate",
				Err: fmt.Errorf("%w: fileGenerationDate %q differs from %q of the first row", ErrMalformed, g, generated)}
		}
		if err := p.row(row, line); err != nil {
			return nil, euParseError(f.Name, line, "Entity_LogicalId="+strings.TrimSpace(row[cols.id]), err, euCSVField)
		}
	}
	if len(p.recs) == 0 {
		return nil, &ParseError{File: f.Name, Err: fmt.Errorf("%w: no entity rows", ErrEmpty)}
	}
	published, err := time.Parse("02/01/2006", generated)
	if err != nil {
		return nil, &ParseError{File: f.Name, Line: 2, Field: "fileGenerationDate", Err: fmt.Errorf("%w: fileGenerationDate %q is not DD/MM/YYYY", ErrDate, generated)}
	}
	l := &List{Source: EU, Format: FormatEUCSV, Published: published, PublishedFrom: PublishedFromContent,
		Entities: make([]Entity, 0, len(p.recs))}
	var conv euConverter
	for i := range p.recs {
		rec := &p.recs[i]
		e, err := conv.entity(rec)
		if err != nil {
			return nil, euParseError(f.Name, rec.line, "Entity_LogicalId="+rec.LogicalID, err, euCSVField)
		}
		l.Entities = append(l.Entities, e)
	}
	return l, nil
}

// euBOM is the UTF-8 byte order mark the EU puts before the header.
const euBOM = "\ufeff"

// euCSVReadError classifies an error of the CSV reader.
func euCSVReadError(file string, err error) error {
	var ce *csv.ParseError
	if !errors.As(err, &ce) {
		return &ParseError{File: file, Err: err} // the stream's own read error
	}
	pe := &ParseError{File: file, Line: ce.Line}
	switch {
	case errors.Is(ce.Err, csv.ErrFieldCount):
		pe.Err = fmt.Errorf("%w: %w", ErrFieldCount, ce)
	default:
		pe.Err = fmt.Errorf("%w: %w", ErrMalformed, ce)
	}
	return pe
}

// euCSVColumns holds the index of every column the parser reads.
type euCSVColumns struct {
	generated, id, euRef, unID, designationDate, designationDetails, remark, subjectType, subjectClass, programme int

	naLast, naFirst, naMiddle, naWhole, naLanguage, naGender, naTitle, naFunction, naID, naRemark int

	adCity, adStreet, adPoBox, adZip, adRegion, adPlace, adAsAt, adContact, adCountry, adCountryDesc, adID, adRemark int

	bdDate, bdDay, bdMonth, bdYear, bdFrom, bdTo, bdCirca, bdCalendar, bdZip, bdRegion, bdPlace, bdCity, bdCountry, bdCountryDesc, bdID, bdRemark int

	idNumber, idDiplomatic, idExpired, idFalse, idLost, idRevoked, idIssuedBy, idIssued, idFrom, idTo, idLatin, idNameOnDoc,
	idCode, idDesc, idRegion, idCountry, idCountryDesc, idID, idRemark int

	czRegion, czCountry, czCountryDesc, czID, czRemark int

	// The columns of each sub-record, to tell whether a row holds one.
	nameAlias, address, birthdate, identification, citizenship []int
}

func newEUCSVColumns(header []string) (*euCSVColumns, error) {
	idx := make(map[string]int, len(header))
	for i, h := range header {
		idx[strings.TrimSpace(h)] = i
	}
	if _, ok := idx["Entity_LogicalId"]; !ok {
		return nil, fmt.Errorf("%w: no Entity_LogicalId column: not an EU FSF CSV 1.1 file", ErrUnknown)
	}
	c := &euCSVColumns{}
	var missing []string
	col := func(name string) int {
		i, ok := idx[name]
		if !ok {
			missing = append(missing, name)
		}
		return i
	}
	c.entityAndNameColumns(col)
	c.addressAndBirthColumns(col)
	c.identAndCitizenshipColumns(col)
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: columns %s", ErrMissing, strings.Join(missing, ", "))
	}
	c.nameAlias = []int{c.naLast, c.naFirst, c.naMiddle, c.naWhole, c.naLanguage, c.naGender, c.naTitle, c.naFunction, c.naID, c.naRemark}
	c.address = []int{c.adCity, c.adStreet, c.adPoBox, c.adZip, c.adRegion, c.adPlace, c.adAsAt, c.adContact, c.adCountry, c.adCountryDesc, c.adID, c.adRemark}
	c.birthdate = []int{c.bdDate, c.bdDay, c.bdMonth, c.bdYear, c.bdFrom, c.bdTo, c.bdCirca, c.bdCalendar, c.bdZip, c.bdRegion, c.bdPlace, c.bdCity, c.bdCountry, c.bdCountryDesc, c.bdID, c.bdRemark}
	c.identification = []int{c.idNumber, c.idDiplomatic, c.idExpired, c.idFalse, c.idLost, c.idRevoked, c.idIssuedBy, c.idIssued, c.idFrom, c.idTo, c.idLatin, c.idNameOnDoc, c.idCode, c.idDesc, c.idRegion, c.idCountry, c.idCountryDesc, c.idID, c.idRemark}
	c.citizenship = []int{c.czRegion, c.czCountry, c.czCountryDesc, c.czID, c.czRemark}
	return c, nil
}

// entityAndNameColumns finds the columns of the entity and its name
// aliases with col.
func (c *euCSVColumns) entityAndNameColumns(col func(name string) int) {
	c.generated = col("fileGenerationDate")
	c.id = col("Entity_LogicalId")
	c.euRef = col("Entity_EU_ReferenceNumber")
	c.unID = col("Entity_UnitedNationId")
	c.designationDate = col("Entity_DesignationDate")
	c.designationDetails = col("Entity_DesignationDetails")
	c.remark = col("Entity_Remark")
	c.subjectType = col("Entity_SubjectType")
	c.subjectClass = col("Entity_SubjectType_ClassificationCode")
	c.programme = col("Entity_Regulation_Programme")

	c.naLast = col("NameAlias_LastName")
	c.naFirst = col("NameAlias_FirstName")
	c.naMiddle = col("NameAlias_MiddleName")
	c.naWhole = col("NameAlias_WholeName")
	c.naLanguage = col("NameAlias_NameLanguage")
	c.naGender = col("NameAlias_Gender")
	c.naTitle = col("NameAlias_Title")
	c.naFunction = col("NameAlias_Function")
	c.naID = col("NameAlias_LogicalId")
	c.naRemark = col("NameAlias_Remark")
}

// addressAndBirthColumns finds the columns of the addresses and birth
// dates with col.
func (c *euCSVColumns) addressAndBirthColumns(col func(name string) int) {
	c.adCity = col("Address_City")
	c.adStreet = col("Address_Street")
	c.adPoBox = col("Address_PoBox")
	c.adZip = col("Address_ZipCode")
	c.adRegion = col("Address_Region")
	c.adPlace = col("Address_Place")
	c.adAsAt = col("Address_AsAtListingTime")
	c.adContact = col("Address_ContactInfo")
	c.adCountry = col("Address_CountryIso2Code")
	c.adCountryDesc = col("Address_CountryDescription")
	c.adID = col("Address_LogicalId")
	c.adRemark = col("Address_Remark")

	c.bdDate = col("BirthDate_BirthDate")
	c.bdDay = col("BirthDate_Day")
	c.bdMonth = col("BirthDate_Month")
	c.bdYear = col("BirthDate_Year")
	c.bdFrom = col("BirthDate_YearRangeFrom")
	c.bdTo = col("BirthDate_YearRangeTo")
	c.bdCirca = col("BirthDate_Circa")
	c.bdCalendar = col("BirthDate_CalendarType")
	c.bdZip = col("BirthDate_ZipCode")
	c.bdRegion = col("BirthDate_Region")
	c.bdPlace = col("BirthDate_Place")
	c.bdCity = col("BirthDate_City")
	c.bdCountry = col("BirthDate_CountryIso2Code")
	c.bdCountryDesc = col("BirthDate_CountryDescription")
	c.bdID = col("BirthDate_LogicalId")
	c.bdRemark = col("BirthDate_Remark")
}

// identAndCitizenshipColumns finds the columns of the identifications
// and citizenships with col.
func (c *euCSVColumns) identAndCitizenshipColumns(col func(name string) int) {
	c.idNumber = col("Identification_Number")
	c.idDiplomatic = col("Identification_Diplomatic")
	c.idExpired = col("Identification_KnownExpired")
	c.idFalse = col("Identification_KnownFalse")
	c.idLost = col("Identification_ReportedLost")
	c.idRevoked = col("Identification_RevokedByIssuer")
	c.idIssuedBy = col("Identification_IssuedBy")
	c.idIssued = col("Identification_IssuedDate")
	c.idFrom = col("Identification_ValidFrom")
	c.idTo = col("Identification_ValidTo")
	c.idLatin = col("Identification_LatinNumber")
	c.idNameOnDoc = col("Identification_NameOnDocument")
	c.idCode = col("Identification_TypeCode")
	c.idDesc = col("Identification_TypeDescription")
	c.idRegion = col("Identification_Region")
	c.idCountry = col("Identification_CountryIso2Code")
	c.idCountryDesc = col("Identification_CountryDescription")
	c.idID = col("Identification_LogicalId")
	c.idRemark = col("Identification_Remark")

	c.czRegion = col("Citizenship_Region")
	c.czCountry = col("Citizenship_CountryIso2Code")
	c.czCountryDesc = col("Citizenship_CountryDescription")
	c.czID = col("Citizenship_LogicalId")
	c.czRemark = col("Citizenship_Remark")
}

// euCSVKey identifies one sub-record of one entity, so that a sub-record
// repeated on several rows is read once.
type euCSVKey struct {
	rec  int
	kind byte
	id   string
}

// euCSVParser merges rows into records.
type euCSVParser struct {
	cols   *euCSVColumns
	recs   []euRecord
	index  map[string]int // Entity_LogicalId -> index in recs
	seen   map[euCSVKey]struct{}
	intern map[string]string
}

// text returns column i of row, trimmed, with the CSV's literal "\n" made a
// line break, copied out of the row's memory.
func (p *euCSVParser) text(row []string, i int) string {
	s := strings.TrimSpace(row[i])
	if s == "" {
		return ""
	}
	if strings.Contains(s, `\n`) {
		return strings.ReplaceAll(s, `\n`, "\n")
	}
	return strings.Clone(s)
}

// code returns column i of row, trimmed, shared with equal values: for
// columns with few distinct values (countries, languages, codes).
func (p *euCSVParser) code(row []string, i int) string {
	s := strings.TrimSpace(row[i])
	if s == "" {
		return ""
	}
	if v, ok := p.intern[s]; ok {
		return v
	}
	v := strings.Clone(s)
	p.intern[v] = v
	return v
}

// euRaw returns column i of row trimmed, for values read but not kept.
func euRaw(row []string, i int) string { return strings.TrimSpace(row[i]) }

func euAnyValue(row []string, cols []int) bool {
	for _, i := range cols {
		if strings.TrimSpace(row[i]) != "" {
			return true
		}
	}
	return false
}

// euCSVDisagree is the error for an entity column with two values.
func euCSVDisagree(attr, a, b string) error {
	return &euFieldError{Attr: attr, Err: fmt.Errorf("%w: rows of the entity disagree: %q and %q", ErrMalformed, a, b)}
}

// row merges one row into its entity's record: the entity's own columns,
// then the sub-record (name, address, birth date, identification,
// citizenship) the row carries, each kept the first time its id is seen.
func (p *euCSVParser) row(row []string, line int) error {
	ri, err := p.recordOf(row, line)
	if err != nil {
		return err
	}
	rec := &p.recs[ri]
	if err := p.entityColumns(rec, row); err != nil {
		return err
	}
	c := p.cols
	if euAnyValue(row, c.nameAlias) && p.first(ri, 'N', row[c.naID]) {
		rec.Names = append(rec.Names, p.nameAliasOf(row, line))
	}
	if euAnyValue(row, c.address) && p.first(ri, 'A', row[c.adID]) {
		rec.Addresses = append(rec.Addresses, p.addressOf(row, line))
	}
	if euAnyValue(row, c.birthdate) && p.first(ri, 'B', row[c.bdID]) {
		rec.Birthdates = append(rec.Birthdates, p.birthdateOf(row, line))
	}
	if euAnyValue(row, c.identification) && p.first(ri, 'I', row[c.idID]) {
		rec.Identifications = append(rec.Identifications, p.identOf(row, line))
	}
	if euAnyValue(row, c.citizenship) && p.first(ri, 'C', row[c.czID]) {
		rec.Citizenships = append(rec.Citizenships, p.citizenshipOf(row, line))
	}
	return nil
}

// recordOf returns the index in p.recs of the record of the row's entity,
// adding the record on the entity's first row.
func (p *euCSVParser) recordOf(row []string, line int) (int, error) {
	id := euRaw(row, p.cols.id)
	if id == "" {
		return 0, &euFieldError{Attr: "logicalId", Err: fmt.Errorf("%w: Entity_LogicalId", ErrMissing)}
	}
	ri, ok := p.index[id]
	if !ok {
		ri = len(p.recs)
		id = strings.Clone(id)
		p.index[id] = ri
		p.recs = append(p.recs, euRecord{LogicalID: id, line: line})
	}
	return ri, nil
}

// entityColumns merges the entity's own columns of row (references,
// subject type, designation, remarks, programme) into rec: a column given
// on several rows must agree.
func (p *euCSVParser) entityColumns(rec *euRecord, row []string) error {
	c := p.cols
	for _, f := range [...]struct {
		dst  *string
		col  int
		attr string
	}{
		{&rec.EUReferenceNumber, c.euRef, "euReferenceNumber"},
		{&rec.UnitedNationID, c.unID, "unitedNationId"},
		{&rec.DesignationDate, c.designationDate, "designationDate"},
		{&rec.SubjectType.Code, c.subjectType, "subjectType"},
		{&rec.SubjectType.ClassificationCode, c.subjectClass, "classificationCode"},
	} {
		v := euRaw(row, f.col)
		switch {
		case v == "" || v == *f.dst:
		case *f.dst == "":
			*f.dst = p.code(row, f.col)
		case f.attr == "unitedNationId":
			// A regulation of the UN itself may omit the UN reference.
		default:
			return euCSVDisagree(f.attr, *f.dst, v)
		}
	}
	if v := p.text(row, c.designationDetails); v != "" && !containsString(strings.Split(rec.DesignationDetails, "\n"), v) {
		if rec.DesignationDetails != "" {
			rec.DesignationDetails += "\n"
		}
		rec.DesignationDetails += v
	}
	if v := p.text(row, c.remark); v != "" && !containsString(rec.Remarks, v) {
		rec.Remarks = append(rec.Remarks, v)
	}
	if v := p.code(row, c.programme); v != "" {
		known := false
		for _, reg := range rec.Regulations {
			known = known || reg.Programme == v
		}
		if !known {
			rec.Regulations = append(rec.Regulations, euRegulation{Programme: v})
		}
	}
	return nil
}

// nameAliasOf reads the name alias columns of row.
func (p *euCSVParser) nameAliasOf(row []string, line int) euNameAlias {
	c := p.cols
	n := euNameAlias{
		LogicalID:    euRaw(row, c.naID),
		FirstName:    p.text(row, c.naFirst),
		MiddleName:   p.text(row, c.naMiddle),
		LastName:     p.text(row, c.naLast),
		WholeName:    p.text(row, c.naWhole),
		Function:     p.text(row, c.naFunction),
		Gender:       p.code(row, c.naGender),
		Title:        p.text(row, c.naTitle),
		NameLanguage: p.code(row, c.naLanguage),
		line:         line,
	}
	if r := p.text(row, c.naRemark); r != "" {
		n.Remarks = []string{r}
	}
	return n
}

// addressOf reads the address columns of row; contact details in the
// address's contact column become ContactInfo, the rest a remark.
func (p *euCSVParser) addressOf(row []string, line int) euAddress {
	c := p.cols
	a := euAddress{
		LogicalID:          euRaw(row, c.adID),
		Street:             p.text(row, c.adStreet),
		City:               p.text(row, c.adCity),
		PoBox:              p.text(row, c.adPoBox),
		ZipCode:            p.text(row, c.adZip),
		Region:             p.text(row, c.adRegion),
		Place:              p.text(row, c.adPlace),
		AsAtListingTime:    euRaw(row, c.adAsAt),
		CountryIso2Code:    p.code(row, c.adCountry),
		CountryDescription: p.code(row, c.adCountryDesc),
		line:               line,
	}
	remark := p.text(row, c.adRemark)
	if remark != "" {
		a.Remarks = []string{remark}
	}
	contacts, rest := euCSVContactInfo(p.text(row, c.adContact))
	a.ContactInfo = contacts
	if rest != "" && rest != "("+remark+")" {
		a.Remarks = append(a.Remarks, rest)
	}
	return a
}

// birthdateOf reads the birth date columns of row.
func (p *euCSVParser) birthdateOf(row []string, line int) euBirthdate {
	c := p.cols
	b := euBirthdate{
		LogicalID:          euRaw(row, c.bdID),
		Birthdate:          euRaw(row, c.bdDate),
		Day:                euRaw(row, c.bdDay),
		Month:              euRaw(row, c.bdMonth),
		Year:               euRaw(row, c.bdYear),
		YearRangeFrom:      euRaw(row, c.bdFrom),
		YearRangeTo:        euRaw(row, c.bdTo),
		Circa:              euRaw(row, c.bdCirca),
		CalendarType:       p.code(row, c.bdCalendar),
		City:               p.text(row, c.bdCity),
		ZipCode:            p.text(row, c.bdZip),
		Region:             p.text(row, c.bdRegion),
		Place:              p.text(row, c.bdPlace),
		CountryIso2Code:    p.code(row, c.bdCountry),
		CountryDescription: p.code(row, c.bdCountryDesc),
		line:               line,
	}
	if r := p.text(row, c.bdRemark); r != "" {
		b.Remarks = []string{r}
	}
	return b
}

// identOf reads the identification columns of row.
func (p *euCSVParser) identOf(row []string, line int) euIdent {
	c := p.cols
	d := euIdent{
		LogicalID:          euRaw(row, c.idID),
		TypeCode:           p.code(row, c.idCode),
		TypeDescription:    p.code(row, c.idDesc),
		Number:             euCSVIDNumber(p.text(row, c.idNumber), euRaw(row, c.idCode)),
		LatinNumber:        p.text(row, c.idLatin),
		Diplomatic:         euRaw(row, c.idDiplomatic),
		KnownExpired:       euRaw(row, c.idExpired),
		KnownFalse:         euRaw(row, c.idFalse),
		ReportedLost:       euRaw(row, c.idLost),
		RevokedByIssuer:    euRaw(row, c.idRevoked),
		IssuedBy:           p.text(row, c.idIssuedBy),
		IssueDate:          p.code(row, c.idIssued),
		ValidFrom:          p.code(row, c.idFrom),
		ValidTo:            p.code(row, c.idTo),
		NameOnDocument:     p.text(row, c.idNameOnDoc),
		Region:             p.text(row, c.idRegion),
		CountryIso2Code:    p.code(row, c.idCountry),
		CountryDescription: p.code(row, c.idCountryDesc),
		line:               line,
	}
	if r := p.text(row, c.idRemark); r != "" {
		d.Remarks = []string{r}
	}
	return d
}

// citizenshipOf reads the citizenship columns of row.
func (p *euCSVParser) citizenshipOf(row []string, line int) euCitizenship {
	c := p.cols
	z := euCitizenship{
		LogicalID:          euRaw(row, c.czID),
		Region:             p.text(row, c.czRegion),
		CountryIso2Code:    p.code(row, c.czCountry),
		CountryDescription: p.code(row, c.czCountryDesc),
		line:               line,
	}
	if r := p.text(row, c.czRemark); r != "" {
		z.Remarks = []string{r}
	}
	return z
}

// first reports whether the sub-record of kind with logical id is seen for
// the first time in entity rec (always true without an id).
func (p *euCSVParser) first(rec int, kind byte, id string) bool {
	id = strings.TrimSpace(id)
	if id == "" {
		return true
	}
	k := euCSVKey{rec, kind, id}
	if _, ok := p.seen[k]; ok {
		return false
	}
	p.seen[k] = struct{}{}
	return true
}

// euCSVIDNumber returns the number of a CSV Identification_Number, which
// the CSV writes as "NUMBER (code-Description) remarks": the text before
// " (code-".
func euCSVIDNumber(s, code string) string {
	if code != "" {
		if i := strings.Index(s, " ("+code+"-"); i >= 0 {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// euCSVContactInfo splits an Address_ContactInfo value, "KEY[value]" parts
// on separate lines followed by the address remark in parentheses, into the
// contact details and the rest.
func euCSVContactInfo(s string) (contacts []euContactInfo, rest string) {
	for s != "" {
		k := 0
		for k < len(s) && (s[k] >= 'A' && s[k] <= 'Z' || s[k] == '_') {
			k++
		}
		if k == 0 || k >= len(s) || s[k] != '[' {
			break
		}
		// The value ends at the first "]" that ends a line or the text.
		end := -1
		for j := k + 1; j < len(s); j++ {
			if s[j] == ']' && (j+1 == len(s) || s[j+1] == '\n') {
				end = j
				break
			}
		}
		if end < 0 {
			break
		}
		contacts = append(contacts, euContactInfo{Key: s[:k], Value: strings.TrimSpace(s[k+1 : end])})
		s = strings.TrimPrefix(s[end+1:], "\n")
	}
	return contacts, strings.TrimSpace(s)
}

// euCSVField names the CSV column of a field error.
func euCSVField(fe *euFieldError) string {
	if v, ok := euCSVColumnNames[fe.Kind+"."+fe.Attr]; ok {
		return v
	}
	var prefix string
	switch fe.Kind {
	case "", "subjectType":
		prefix = "Entity"
	case "nameAlias":
		prefix = "NameAlias"
	case "address":
		prefix = "Address"
	case "birthdate":
		prefix = "BirthDate"
	case "identification":
		prefix = "Identification"
	case "citizenship":
		prefix = "Citizenship"
	}
	if prefix == "" || fe.Attr == "" {
		return fe.Attr
	}
	return prefix + "_" + strings.ToUpper(fe.Attr[:1]) + fe.Attr[1:]
}

// euCSVColumnNames maps the XML names of fields to CSV columns where the
// two differ in more than the prefix and the first letter.
var euCSVColumnNames = map[string]string{
	".euReferenceNumber":             "Entity_EU_ReferenceNumber",
	"subjectType.classificationCode": "Entity_SubjectType",
	".classificationCode":            "Entity_SubjectType_ClassificationCode",
	".subjectType":                   "Entity_SubjectType",
	"nameAlias.strong":               "NameAlias_Remark",
	"birthdate.birthdate":            "BirthDate_BirthDate",
	"birthdate.dayOfMonth":           "BirthDate_Day",
	"birthdate.monthOfYear":          "BirthDate_Month",
	"identification.issueDate":       "Identification_IssuedDate",
	"identification.number":          "Identification_Number",
}
