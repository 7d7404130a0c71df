package lists

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds what the three UK parsers share: the FCDO UK Sanctions
// List in XML (uk_xml.go) and CSV (uk_csv.go), and the legacy OFSI
// consolidated list ConList.csv (ofsi.go).
//
// All three publish a person's name in six parts: Name 1 is the given name,
// Names 2 to 5 further given names or patronymics, Name 6 the family name;
// for entities and ships the whole name is in Name 6. Name.Full joins the
// parts as a person would write them: "Name1 Name2 Name3 Name4 Name5 Name6".
//
// The CSV formats publish one row per name (and per address, date of birth
// ...: a designation with two names and two addresses has four rows), so
// the rows of one designation are merged into one Entity, every repeated
// value kept once, in the order it first appears.

// ukBuilder merges the values of one designation into an Entity, keeping
// each distinct value once, in first-appearance order.
type ukBuilder struct {
	e       Entity
	names   []Name
	latin   []bool // names[i] is a Latin name (not a non-Latin script name)
	remarks []string
	extras  []string // "Label: value" lines added to Remarks after remarks
	genders []string
	owners  []string
	flags   []string
	types   []string
	tonnage []string
	line    int // first line of the designation, for errors
	// split splits a field that may pack several values.
	split func(string) []string
	// details holds the values of the detail columns of the rows merged so
	// far, each distinct set once (see seenDetails).
	details [][]string
	// detach is set when the values are substrings of CSV records, which
	// finish copies so that the entity does not keep whole records alive.
	detach bool
}

func newUKBuilder(id string, t EntityType, line int) *ukBuilder {
	return &ukBuilder{e: Entity{Source: UK, ID: id, Type: t}, line: line, split: ukSplitNumbered}
}

// seenDetails reports whether an earlier row of b had the same values in
// the columns cols of vals, and remembers them if not. The CSV formats
// repeat a designation's details on every row of its names, so a row whose
// details were merged already adds only its name.
func (b *ukBuilder) seenDetails(vals []string, cols []int) bool {
	for _, r := range b.details {
		same := true
		for k, c := range cols {
			if r[k] != vals[c] {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	r := make([]string, len(cols))
	for k, c := range cols {
		r[k] = vals[c]
	}
	b.details = append(b.details, r)
	return false
}

// ukDetailColumns returns the indexes 0..n-1 but those of names.
func ukDetailColumns(n int, names ...int) []int {
	cols := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if !slices.Contains(names, i) {
			cols = append(cols, i)
		}
	}
	return cols
}

// ukClean trims s and collapses runs of white space (including no-break
// spaces and line breaks) into one space.
func ukClean(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c >= utf8.RuneSelf || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// ukNameKind maps a published name type ("Primary name", "Primary Name
// Variation", "Alias", "AKA", "FKA") to a NameKind. A primary name
// variation is a strong alias. Unknown types are kept as aliases.
func ukNameKind(t string) NameKind {
	switch strings.ToLower(ukClean(t)) {
	case "primary name", "primary":
		return Primary
	case "fka", "formerly known as":
		return FKA
	case "nka", "now known as":
		return NKA
	}
	return AKA
}

// ukStrength maps a published alias strength or quality ("Good quality
// a.k.a", "Low quality a.k.a", "Good quality", "Low quality") to a Strength.
func ukStrength(q string) Strength {
	l := strings.ToLower(q)
	if strings.Contains(l, "low") || strings.Contains(l, "weak") {
		return Weak
	}
	return Strong
}

// addName adds the name made of parts (Name 1..Name 6 in that order). It
// returns false if every part is empty.
func (b *ukBuilder) addName(parts *[6]string, kind NameKind, strength Strength) bool {
	var full strings.Builder
	var np []NamePart
	person := b.e.Type == Person
	for i, p := range parts {
		p = ukClean(p)
		if p == "" {
			continue
		}
		if full.Len() > 0 {
			full.WriteByte(' ')
		}
		full.WriteString(p)
		if person {
			k := PartMiddle
			switch i {
			case 0:
				k = PartGiven
			case 5:
				k = PartFamily
			}
			np = append(np, NamePart{Kind: k, Value: p})
		}
	}
	if full.Len() == 0 {
		return false
	}
	if kind == Primary {
		strength = Strong
	}
	b.mergeName(Name{Full: full.String(), Kind: kind, Strength: strength, Parts: np}, true)
	return true
}

// addNonLatin adds a name published in its original script. script and
// language are as published; the script is taken from the letters of the
// name where they show one.
func (b *ukBuilder) addNonLatin(text, script, language string) {
	text = ukClean(text)
	if text == "" {
		return
	}
	s := ScriptOf(text)
	if s == "" {
		s = ukClean(script)
	}
	b.mergeName(Name{Full: text, Kind: AKA, Script: s, Language: ukClean(language)}, false)
}

// mergeName adds n, or merges it into the same name added before: a name
// listed both as primary and as alias stays primary, and a name listed both
// as a strong and a weak alias stays strong.
func (b *ukBuilder) mergeName(n Name, latin bool) {
	for i := range b.names {
		o := &b.names[i]
		if o.Full != n.Full {
			continue
		}
		if n.Kind == Primary && o.Kind != Primary {
			o.Kind, o.Strength = Primary, Strong
		}
		if n.Strength == Strong {
			o.Strength = Strong
		}
		if o.Language == "" {
			o.Language = n.Language
		}
		if o.Script == "" {
			o.Script = n.Script
		}
		if o.Parts == nil {
			o.Parts = n.Parts
		}
		return
	}
	b.names = append(b.names, n)
	b.latin = append(b.latin, latin)
}

// ukSplitNumbered splits the "(1) first (2) second" form the UK lists use to
// pack several values into one field. A value not starting with "(1)" is
// returned whole. Only the numbers in sequence split, so "(2008)" or "(AIO)"
// inside a value do not. Empty parts are dropped; "" gives nil.
func ukSplitNumbered(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if !strings.HasPrefix(s, "(1)") {
		return []string{s}
	}
	var out []string
	rest := s[len("(1)"):]
	for n := 2; ; n++ {
		marker := "(" + strconv.Itoa(n) + ")"
		i := strings.Index(rest, marker)
		if i < 0 {
			break
		}
		if p := ukTrimItem(rest[:i]); p != "" {
			out = append(out, p)
		}
		rest = rest[i+len(marker):]
	}
	if p := ukTrimItem(rest); p != "" {
		out = append(out, p)
	}
	return out
}

// ukSplitMulti splits a field of the FCDO CSV that may pack several values,
// as a numbered list ("(1) a (2) b") or separated by "|".
func ukSplitMulti(s string) []string {
	var out []string
	for _, v := range ukSplitNumbered(s) {
		if !strings.Contains(v, "|") {
			out = append(out, v)
			continue
		}
		for _, w := range strings.Split(v, "|") {
			if w = ukTrimItem(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// ukTrimItem trims an item of a numbered list: spaces and the separating
// full stop, comma or semicolon at its end.
func ukTrimItem(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".,;"))
}

// ukParseDMY parses a UK list date: "dd/mm/yyyy", where an unknown day or
// month is written "00", "dd" or "mm" ("00/00/1970", "dd/mm/1968",
// "dd/09/1958"), or a year alone ("1985").
func ukParseDMY(s string) (Date, error) {
	s = strings.TrimSpace(s)
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("%w: %q is not dd/mm/yyyy", ErrDate, s)
	}
	var d Date
	parts := strings.Split(s, "/")
	switch len(parts) {
	case 1:
		if len(s) != 4 || !allDigits(s) {
			return bad()
		}
		d.Year, _ = strconv.Atoi(s)
	case 3:
		if len(parts[2]) != 4 || !allDigits(parts[2]) {
			return bad()
		}
		d.Year, _ = strconv.Atoi(parts[2])
		for i, p := range parts[:2] {
			var v int
			switch {
			case p == "00" || strings.EqualFold(p, "dd") && i == 0 || strings.EqualFold(p, "mm") && i == 1:
			case len(p) >= 1 && len(p) <= 2 && allDigits(p):
				v, _ = strconv.Atoi(p)
			default:
				return bad()
			}
			if i == 0 {
				d.Day = v
			} else {
				d.Month = v
			}
		}
	default:
		return bad()
	}
	if err := d.validate(); err != nil {
		return Date{}, fmt.Errorf("%w: %q: %w", ErrDate, s, err)
	}
	return d, nil
}

// ukParseFullDate parses a dd/mm/yyyy date that must be complete (a
// designation or publication date).
func ukParseFullDate(s string) (Date, error) {
	d, err := ukParseDMY(s)
	if err == nil && (d.Day == 0 || d.Month == 0) {
		err = fmt.Errorf("%w: %q is not a complete dd/mm/yyyy date", ErrDate, strings.TrimSpace(s))
	}
	return d, err
}

// addDOB adds a date of birth in a form ukParseDMY reads. A date with no
// known part ("dd/mm/yyyy", "00/00/0000") is no date.
func (b *ukBuilder) addDOB(s string) error {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "dd/mm/yyyy", "00/00/0000":
		return nil
	}
	d, err := ukParseDMY(s)
	if err != nil {
		return err
	}
	dob := DateOfBirth{From: d}
	if !ukContains(b.e.BirthDates, dob) {
		b.e.BirthDates = append(b.e.BirthDates, dob)
	}
	return nil
}

// setListed records a date of designation, keeping the earliest.
func (b *ukBuilder) setListed(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	d, err := ukParseFullDate(s)
	if err != nil {
		return err
	}
	if b.e.Listed.IsZero() || d.Before(b.e.Listed) {
		b.e.Listed = d
	}
	return nil
}

// addPlaces adds the places of birth of a town and a country field, which
// may each hold a numbered list; the n-th town goes with the n-th country,
// or with the only country given.
func (b *ukBuilder) addPlaces(town, country string) {
	towns, countries := b.split(ukClean(town)), b.split(ukClean(country))
	n := max(len(towns), len(countries))
	for i := 0; i < n; i++ {
		var t, c string
		if i < len(towns) {
			t = towns[i]
		}
		switch {
		case i < len(countries):
			c = countries[i]
		case len(countries) == 1:
			c = countries[0]
		}
		b.addPlace(t, c)
	}
}

func (b *ukBuilder) addPlace(town, country string) {
	town, country = ukClean(town), ukClean(country)
	if town == "" && country == "" {
		return
	}
	p := Place{Text: town}
	if country != "" {
		if p.Text != "" {
			p.Text += ", "
		}
		p.Text += country
		p.Country, _ = CountryCode(country)
	}
	if !ukContains(b.e.BirthPlaces, p) {
		b.e.BirthPlaces = append(b.e.BirthPlaces, p)
	}
}

// addNationality adds the countries named in s ("Russia", "(1) Russia (2)
// Israel"). A nationality that names no known country is kept in the
// remarks, as "Nationality: ...".
func (b *ukBuilder) addNationality(s string) {
	s = ukClean(s)
	if s == "" {
		return
	}
	ok := true
	for _, n := range b.split(s) {
		codes, found := CountryCodes(n)
		for _, c := range codes {
			if !containsString(b.e.Nationalities, c) {
				b.e.Nationalities = append(b.e.Nationalities, c)
			}
		}
		ok = ok && found
	}
	if !ok {
		b.addExtra("Nationality", s)
	}
}

// addAddress adds an address of six lines, a postal code and a country.
// Lines 1 to 5 make the street, line 6 the city (the lists put the town
// there).
func (b *ukBuilder) addAddress(lines *[6]string, postal, country string) {
	var street strings.Builder
	for _, l := range lines[:5] {
		if l = ukClean(l); l != "" {
			if street.Len() > 0 {
				street.WriteString(", ")
			}
			street.WriteString(l)
		}
	}
	a := Address{Street: street.String(), City: ukClean(lines[5]), PostalCode: ukClean(postal), CountryName: ukClean(country)}
	if a == (Address{}) {
		return
	}
	if a.CountryName != "" {
		a.Country, _ = CountryCode(a.CountryName)
	}
	if !ukContains(b.e.Addresses, a) {
		b.e.Addresses = append(b.e.Addresses, a)
	}
}

// addIDs adds the identifiers of a number field and its details field. Both
// may hold numbered lists; the n-th details go with the n-th number when
// the counts agree, otherwise every number gets the whole details. The
// issuing country is read from the start of the details ("Pakistan number,
// issued ...").
func (b *ukBuilder) addIDs(t IDType, label, numbers, details string) {
	nums := b.split(numbers)
	dets := b.split(ukClean(details))
	for i, n := range nums {
		var note string
		switch {
		case len(dets) == len(nums):
			note = dets[i]
		case len(dets) > 0:
			note = ukClean(details)
		}
		b.addID(Identifier{Type: t, Label: label, Value: n, Note: note})
	}
}

// addID adds id, reading its country from its note when it has none.
func (b *ukBuilder) addID(id Identifier) {
	id.Value, id.Note = ukClean(id.Value), ukClean(id.Note)
	if id.Value == "" {
		return
	}
	if id.Country == "" && id.Note != "" {
		id.Country = ukLeadingCountry(id.Note)
	}
	if !ukContains(b.e.Identifiers, id) {
		b.e.Identifiers = append(b.e.Identifiers, id)
	}
}

// ukLeadingCountry returns the code of the country the text starts with
// ("Syrian Arab Republic number" gives "SY", "Issued by the Democratic
// People's Republic of Korea" gives "KP"), or "".
func ukLeadingCountry(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == ';' || r == ':' || r == '(' || r == ')'
	})
	if len(words) > 2 && strings.EqualFold(words[0], "issued") && (strings.EqualFold(words[1], "by") || strings.EqualFold(words[1], "in")) {
		words = words[2:]
		if len(words) > 1 && strings.EqualFold(words[0], "the") {
			words = words[1:]
		}
	}
	for k := min(len(words), 6); k > 0; k-- {
		name := strings.Join(words[:k], " ")
		if len(name) <= 3 && name != "UK" && name != "USA" && name != "UAE" {
			continue // "No.", "ID": words, not country codes
		}
		if c, ok := CountryCode(name); ok {
			return c
		}
	}
	return ""
}

// addContacts adds the phone numbers, e-mail addresses or websites of a
// field, split at the numbered list and, for e-mail addresses and
// websites (which hold no spaces), at spaces, commas and semicolons.
func (b *ukBuilder) addContacts(t IDType, label, s string) {
	for _, v := range b.split(s) {
		if t == IDPhone {
			b.addID(Identifier{Type: t, Label: label, Value: v})
			continue
		}
		for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) }) {
			b.addID(Identifier{Type: t, Label: label, Value: w})
		}
	}
}

func (b *ukBuilder) addProgram(p string) {
	if p = ukClean(p); p != "" && !containsString(b.e.Programs, p) {
		b.e.Programs = append(b.e.Programs, p)
		if IsDPRKProgram(p) {
			b.e.DPRK = true
		}
	}
}

// addTitles adds titles or positions, splitting a numbered list.
func (b *ukBuilder) addTitles(s string) {
	for _, t := range b.split(ukClean(s)) {
		if !containsString(b.e.Titles, t) {
			b.e.Titles = append(b.e.Titles, t)
		}
	}
}

func (b *ukBuilder) addGender(g string) {
	if g = ukClean(g); g == "" {
		return
	}
	switch strings.ToLower(g) {
	case "male":
		g = "Male"
	case "female":
		g = "Female"
	}
	ukAddUnique(&b.genders, g)
}

// addRemark adds a free-text remark (Other Information) as published.
func (b *ukBuilder) addRemark(s string) {
	if s = strings.TrimSpace(s); s != "" {
		ukAddUnique(&b.remarks, s)
	}
}

// addExtra adds a published value that has no place of its own in the
// model, kept in the remarks as "label: value".
func (b *ukBuilder) addExtra(label, value string) {
	if value = strings.TrimSpace(value); value != "" {
		ukAddUnique(&b.extras, label+": "+value)
	}
}

func ukAddUnique(list *[]string, s string) {
	if !containsString(*list, s) {
		*list = append(*list, s)
	}
}

func ukContains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ukErrNoName is returned by finish for a designation without any name.
var ukErrNoName = fmt.Errorf("%w: designation has no name", ErrMissing)

// finish returns the merged entity: its primary name first (the first name
// published as primary; when there is none, the first Latin name), then
// the other Latin names, then the names in non-Latin scripts, each in
// first-appearance order. A second, different name published as primary is
// kept as a strong alias.
func (b *ukBuilder) finish() (Entity, error) {
	if len(b.names) == 0 {
		return Entity{}, ukErrNoName
	}
	p := -1
	for i, n := range b.names {
		if n.Kind == Primary {
			p = i
			break
		}
	}
	if p < 0 {
		for i := range b.names {
			if b.latin[i] {
				p = i
				break
			}
		}
		if p < 0 {
			p = 0
		}
	}
	e := b.e
	e.Names = make([]Name, 0, len(b.names))
	first := b.names[p]
	first.Kind, first.Strength = Primary, Strong
	e.Names = append(e.Names, first)
	for _, latin := range [...]bool{true, false} {
		for i, n := range b.names {
			if i == p || b.latin[i] != latin {
				continue
			}
			if n.Kind == Primary {
				n.Kind = AKA
			}
			e.Names = append(e.Names, n)
		}
	}
	e.Gender = strings.Join(b.genders, "; ")
	if len(b.owners)+len(b.flags)+len(b.types)+len(b.tonnage) > 0 {
		e.Vessel = &VesselInfo{
			Owner:   strings.Join(b.owners, "; "),
			Flag:    strings.Join(b.flags, "; "),
			Type:    strings.Join(b.types, "; "),
			Tonnage: strings.Join(b.tonnage, "; "),
		}
	}
	// Identifiers by type, and the extra remarks by label, each in
	// first-appearance order within: the same order whichever rows or
	// elements the values came from.
	slices.SortStableFunc(e.Identifiers, func(x, y Identifier) int { return int(x.Type) - int(y.Type) })
	slices.SortStableFunc(b.extras, func(x, y string) int { return ukExtraRank(x) - ukExtraRank(y) })
	e.Remarks = strings.Join(append(b.remarks[:len(b.remarks):len(b.remarks)], b.extras...), "\n")
	if b.detach {
		ukDetach(&e)
	}
	b.details = nil
	return e, nil
}

// ukDetach copies the strings of e that may be substrings of a larger
// string (encoding/csv makes a record's fields substrings of one string).
func ukDetach(e *Entity) {
	c := strings.Clone
	for i := range e.Names {
		n := &e.Names[i]
		n.Full, n.Script, n.Language = c(n.Full), c(n.Script), c(n.Language)
		for j := range n.Parts {
			n.Parts[j].Value = c(n.Parts[j].Value)
		}
	}
	for i := range e.BirthPlaces {
		e.BirthPlaces[i].Text = c(e.BirthPlaces[i].Text)
	}
	for i := range e.Addresses {
		a := &e.Addresses[i]
		a.Street, a.City, a.PostalCode, a.CountryName = c(a.Street), c(a.City), c(a.PostalCode), c(a.CountryName)
	}
	for i := range e.Identifiers {
		id := &e.Identifiers[i]
		id.Value, id.Note = c(id.Value), c(id.Note)
	}
	for i := range e.Programs {
		e.Programs[i] = c(e.Programs[i])
	}
	for i := range e.Titles {
		e.Titles[i] = c(e.Titles[i])
	}
	e.ID, e.Gender, e.Remarks = c(e.ID), c(e.Gender), c(e.Remarks)
	if v := e.Vessel; v != nil {
		v.Type, v.Tonnage, v.Flag, v.Owner = c(v.Type), c(v.Tonnage), c(v.Flag), c(v.Owner)
	}
}

// ukExtraLabels orders the "Label: value" lines of the remarks; lines with
// other labels (elements or columns the parsers do not know) come last.
var ukExtraLabels = [...]string{
	"Nationality", "Type of entity", "Parent company", "Subsidiary",
	"Previous owner/operator", "Previous flag", "Length of ship", "Year built",
	"UK Statement of Reasons", "Sanctions imposed", "Designation source",
}

func ukExtraRank(line string) int {
	for i, l := range ukExtraLabels {
		if len(line) > len(l) && line[len(l)] == ':' && line[:len(l)] == l {
			return i
		}
	}
	return len(ukExtraLabels)
}

// ukCSV reads the records of a UK CSV file, checking that each is valid
// UTF-8, and reports errors as *ParseError.
type ukCSV struct {
	name string
	r    *csv.Reader
	line int // line of the last record read
}

func newUKCSV(f File) *ukCSV {
	br := bufio.NewReaderSize(f.R, 16<<10)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &ukCSV{name: f.Name, r: r}
}

// read returns the next record, io.EOF at the end, or a *ParseError.
func (c *ukCSV) read() ([]string, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &ParseError{File: c.name, Line: pe.Line, Err: fmt.Errorf("%w: %w", ErrMalformed, pe.Err)}
		}
		return nil, &ParseError{File: c.name, Line: c.line, Err: err}
	}
	c.line, _ = c.r.FieldPos(0)
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return nil, c.errorf("", ErrEncoding, "not valid UTF-8")
		}
	}
	return rec, nil
}

func (c *ukCSV) errorf(field string, sentinel error, format string, args ...any) *ParseError {
	return &ParseError{File: c.name, Line: c.line, Field: field, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

func (c *ukCSV) wrap(field string, err error) *ParseError {
	return &ParseError{File: c.name, Line: c.line, Field: field, Err: err}
}

// ukColumns maps the columns a header must have to their indexes. Columns
// of the header that are not in want go to extra, in header order.
func (c *ukCSV) columns(header []string, want []string) (idx []int, extra []int, err error) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := pos[h]; !dup {
			pos[h] = i
		}
	}
	idx = make([]int, len(want))
	known := make([]bool, len(header))
	for i, w := range want {
		j, ok := pos[w]
		if !ok {
			return nil, nil, c.errorf(w, ErrMissing, "header has no column %q", w)
		}
		idx[i] = j
		known[j] = true
	}
	for j, k := range known {
		if !k && strings.TrimSpace(header[j]) != "" {
			extra = append(extra, j)
		}
	}
	return idx, extra, nil
}

// ukGroups keeps the builders of a CSV file by key, in first-appearance
// order.
type ukGroups struct {
	byKey map[string]*ukBuilder
	order []*ukBuilder
	split func(string) []string // for the builders; nil for ukSplitNumbered
}

func (g *ukGroups) get(key string, t EntityType, line int) (*ukBuilder, bool) {
	if g.byKey == nil {
		g.byKey = make(map[string]*ukBuilder, 64)
	}
	if b, ok := g.byKey[key]; ok {
		return b, false
	}
	b := newUKBuilder(key, t, line)
	b.detach = true
	if g.split != nil {
		b.split = g.split
	}
	g.byKey[key] = b
	g.order = append(g.order, b)
	return b, true
}

// readRows reads the data rows after the header: it checks each row's
// field count, copies its known columns (idx) into v, hands it to row, and
// at the end turns the groups into entities. idLabel names a group in
// errors ("Group ID", "Unique ID").
func (c *ukCSV) readRows(file string, header []string, idx []int, v []string, groups *ukGroups, idLabel string, row func(rec []string) error) ([]Entity, error) {
	for {
		rec, err := c.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec) != len(header) {
			return nil, c.errorf("", ErrFieldCount, "%d fields, the header has %d", len(rec), len(header))
		}
		for i, j := range idx {
			v[i] = rec[j]
		}
		if err := row(rec); err != nil {
			return nil, err
		}
	}
	if len(groups.order) == 0 {
		return nil, &ParseError{File: file, Err: ErrEmpty}
	}
	ents := make([]Entity, 0, len(groups.order))
	for _, b := range groups.order {
		e, err := b.finish()
		if err != nil {
			return nil, &ParseError{File: file, Line: b.line, Element: idLabel + " " + b.e.ID, Err: err}
		}
		ents = append(ents, e)
	}
	return ents, nil
}
