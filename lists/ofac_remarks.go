package lists

import (
	"fmt"
	"strings"
	"unicode"
)

// The OFAC legacy files (sdn.csv, cons_prim.csv and their fixed-field
// twins) carry everything beyond names, addresses and vessel columns in the
// free-text Remarks column: items separated by "; ", the whole ending with
// a period. parseOFACRemarks reads the items it knows into the entity:
//
//	DOB 12 Feb 1970 | DOB Feb 1970 | DOB 1970 | DOB circa 1960 | DOB 1960 to 1962 |
//	DOB 01 Jan 1960 to 31 Dec 1962 | DOB circa 1979-1982     -> BirthDates
//	POB Pyongyang, North Korea                               -> BirthPlaces
//	nationality Korea, North / citizen Russia                -> Nationalities / Citizenships
//	Gender Male                                              -> Gender
//	Title Director                                           -> Titles
//	a.k.a. 'NAME' / f.k.a. 'NAME' / n.k.a. 'NAME'            -> weak aliases in Names
//	Digital Currency Address - XBT 1ABC...                   -> Crypto
//	<identifier label> VALUE [(Country)...] [issued D] [expires D] -> Identifiers
//
// Any item may be prefixed "alt.". Everything else (Linked To:, Additional
// Sanctions Information -, Secondary sanctions risk:, Organization
// Established Date, positions held, ...) has no field in the model and
// stays in Entity.Remarks only, which always keeps the full text. OFAC's
// remarks are hand-edited and messy, so remarks never fail a parse: an item
// that starts like a known item but whose value cannot be read (a DOB that
// is not a date, a nationality that is not a country, an identifier label
// without a value) is left in Remarks only and reported in the returned
// list of unparsed items, which the tests use to keep that list honest.

// ofacCSVIDLabels are the identifier labels as they appear at the start of
// remark items: OFAC's identity document types (the IDRegDocType reference
// values of SDN_ADVANCED.XML, 106 of them), the features that identify an
// entity (SWIFT/BIC, Website, Email Address, aircraft and vessel numbers,
// ...), and older spellings found only in the legacy remarks (PHONE, FAX,
// EMAIL, Telephone, TELEX). This list only finds where a label ends and its
// value begins; the type is given by ofacIDType (which consults ofacExtraIDType for
// the labels ofacIDType does not know).
var ofacCSVIDLabels = []string{
	// IDRegDocType reference values of SDN_ADVANCED.XML.
	"Cedula No.", "Passport", "SSN", "R.F.C.", "D.N.I.", "NIT #", "US FEIN", "Driver's License No.",
	"RUC #", "N.I.E.", "C.I.F.", "Business Registration Document #", "RIF #", "National ID No.",
	"Registration ID", "LE Number", "Bosnian Personal ID No.", "Registered Charity No.", "V.A.T. Number",
	"Credencial electoral", "Kenyan ID No.", "Italian Fiscal Code", "Serial No.", "C.I.N.", "C.U.I.T.",
	"Tax ID No.", "Moroccan Personal ID No.", "Public Security and Immigration No.", "C.U.R.P.",
	"British National Overseas Passport", "C.R. No.", "UK Company Number", "Immigration No.",
	"Travel Document Number", "Electoral Registry No.", "Identification Number",
	"Paraguayan tax identification number", "National Foreign ID Number", "RFC", "Diplomatic Passport",
	"Dubai Chamber of Commerce Membership No.", "Trade License No.", "Commercial Registry Number",
	"Certificate of Incorporation Number", "Tourism License No.", "Aircraft Serial Identification",
	"Cartilla de Servicio Militar Nacional", "C.U.I.P.", "Vessel Registration Identification",
	"Personal ID Card", "Federal ID Card", "Registration Certificate Number (Dubai)", "VisaNumberID",
	"Matricula Mercantil No", "Residency Number", "Numero Unico de Identificacao Tributaria (NUIT)",
	"CNP (Personal Numerical Code)", "Romanian Permanent Resident", "Government Gazette Number",
	"Fiscal Code", "Pilot License Number", "Romanian C.R.", "Folio Mercantil No.",
	"Istanbul Chamber of Comm. No.", "Turkish Identification Number", "Romanian Tax Registration",
	"Stateless Person Passport", "Stateless Person ID Card", "Refugee ID Card",
	"Afghan Money Service Provider License Number", "MMSI", "Company Number", "Public Registration Number",
	"N.I.F.", "RTN", "Numero de Identidad", "Tarjeta de Identidad", "SRE Permit No.",
	"Tazkira National ID Card", "License", "Chinese Commercial Code", "I.F.E.", "Branch Unit Number",
	"Enterprise Number", "Organization Code", "Citizen's Card Number", "UAE Identification",
	"United Social Credit Code Certificate (USCCC)", "Chamber of Commerce Number", "Legal Entity Number",
	"Business Number", "Birth Certificate Number", "Business Registration Number", "Registration Number",
	"MSB Registration Number", "File Number", "C.U.I.", "Seafarer's Identification Document",
	"Unified Social Credit Code (USCC)", "Central Registration System Number",
	"Economic Register Number (CBLS)", "Trademark number", "Permit Number", "Military Registration Number",
	"Russian State Individual Business Registration Number Pattern (OGRNIP)",
	"Global Intermediary Identification Number",
	// Features that identify the entity.
	"SWIFT/BIC", "Website", "Email Address", "Phone Number", "BIK (RU)", "UN/LOCODE", "MICEX Code",
	"D-U-N-S Number", "Equity Ticker", "ISIN", "Aircraft Construction Number (also called L/N or S/N or F/N)",
	"Aircraft Mode S Transponder Code", "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number",
	"Previous Aircraft Tail Number", "Other Vessel Call Sign",
	// Older spellings seen only in legacy remarks.
	"PHONE", "FAX", "EMAIL", "TELEX", "Telephone", "Telephone No.", "Fax", "Fax No.",
}

// ofacCSVLabelsByWord indexes ofacCSVIDLabels by their first word, longest
// label first, so that "Registration Number Pattern ..." is not read as
// "Registration Number". It is built once and never modified.
var ofacCSVLabelsByWord = func() map[string][]string {
	m := make(map[string][]string, len(ofacCSVIDLabels))
	for _, l := range ofacCSVIDLabels {
		w, _, _ := strings.Cut(l, " ")
		m[w] = append(m[w], l)
	}
	for _, ls := range m {
		for i := 1; i < len(ls); i++ { // insertion sort, longest first
			for j := i; j > 0 && len(ls[j]) > len(ls[j-1]); j-- {
				ls[j], ls[j-1] = ls[j-1], ls[j]
			}
		}
	}
	return m
}()

// ofacExtraIDType classifies, by exact spelling, the rarer OFAC identifier
// labels (seen in the remarks of the CSV and the document types of
// SDN_ADVANCED.XML) that ofacBaseIDType does not recognise. ok is false for
// labels that are identifiers of a kind the model has no type for, such as
// TELEX; they become IDOther.
func ofacExtraIDType(label string) (IDType, bool) {
	switch label {
	case "D.N.I.", "N.I.E.", "C.I.N.", "C.U.I.", "C.U.I.P.", "I.F.E.", "Credencial electoral",
		"CNP (Personal Numerical Code)", "Tarjeta de Identidad", "Stateless Person ID Card", "UAE Identification",
		"Public Security and Immigration No.", "Immigration No.", "Romanian Permanent Resident", "Federal ID Card",
		"Cartilla de Servicio Militar Nacional", "Seafarer's Identification Document", "VisaNumberID":
		return IDNationalID, true
	case "US FEIN", "C.I.F.", "RIF #", "C.U.I.T.", "N.I.F.", "RTN", "Italian Fiscal Code", "Fiscal Code",
		"Numero Unico de Identificacao Tributaria (NUIT)":
		return IDTaxID, true
	case "LE Number", "UK Company Number", "Romanian C.R.", "Folio Mercantil No.",
		"Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.", "Organization Code",
		"Branch Unit Number", "Business Number", "United Social Credit Code Certificate (USCCC)",
		"Global Intermediary Identification Number", "Aircraft Serial Identification", "Chinese Commercial Code",
		"Permit Number", "SRE Permit No.", "Trademark number", "File Number", "Serial No.":
		return IDRegistration, true
	case "Telephone No.", "Fax No.":
		return IDPhone, true
	}
	return IDOther, false
}

// ofacCSVIDType returns the type of an identifier label of ofacCSVIDLabels.
func ofacCSVIDType(label string) IDType {
	t, _ := ofacIDType(label)
	return t
}

// parseOFACRemarks reads the items of an OFAC remarks text into e (see the
// comment at the top of this file) and returns the items that look like a
// known item but could not be read. It never fails.
func parseOFACRemarks(e *Entity, remarks string) (unparsed []string) {
	s := strings.TrimSpace(remarks)
	s = strings.TrimSuffix(s, ".")
	splitOFACRemarks(s, func(item string) {
		if !parseOFACRemarkItem(e, item) {
			unparsed = append(unparsed, item)
		}
	})
	return unparsed
}

// splitOFACRemarks calls yield with every non-empty item of s, trimmed.
// Items are separated by ";", except inside parentheses, where OFAC quotes
// longer texts ("(Following data derived from ...: Alt. DOB: ...; ...)").
// When the parentheses of s do not balance, every ";" separates.
func splitOFACRemarks(s string, yield func(string)) {
	depth, balanced := 0, true
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				balanced = false
			} else {
				depth--
			}
		}
	}
	if depth != 0 {
		balanced = false
	}
	depth = 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			switch c := s[i]; {
			case c == '(' && balanced:
				depth++
				continue
			case c == ')' && balanced:
				depth--
				continue
			case c != ';' || depth > 0:
				continue
			}
		}
		if item := strings.TrimSpace(s[start:i]); item != "" {
			yield(item)
		}
		start = i + 1
	}
}

// cutOFACLabel reports whether item starts with label followed by a space
// and returns the trimmed rest.
func cutOFACLabel(item, label string) (string, bool) {
	if len(item) > len(label) && item[len(label)] == ' ' && item[:len(label)] == label {
		return strings.TrimSpace(item[len(label)+1:]), true
	}
	return "", false
}

// parseOFACRemarkItem reads one item into e. It returns false only for an
// item that looks like a known item but cannot be read; items of kinds the
// model does not hold return true and are left to Remarks.
func parseOFACRemarkItem(e *Entity, item string) bool {
	if rest, ok := cutOFACLabel(item, "alt."); ok {
		item = rest
	}
	for _, parse := range [...]func(*Entity, string) (read, matched bool){
		parseOFACRemarkPersonal, parseOFACRemarkAlias, parseOFACRemarkCrypto,
	} {
		if read, matched := parse(e, item); matched {
			return read
		}
	}
	return parseOFACRemarkID(e, item)
}

// parseOFACRemarkPersonal reads a date or place of birth, nationality,
// citizenship, gender or title; matched reports whether item was one, read
// whether it could be read.
func parseOFACRemarkPersonal(e *Entity, item string) (read, matched bool) {
	if rest, ok := cutOFACLabel(item, "DOB"); ok {
		dob, err := parseOFACDOB(rest)
		if err != nil {
			return false, true
		}
		e.BirthDates = append(e.BirthDates, dob)
		return true, true
	}
	if rest, ok := cutOFACLabel(item, "POB"); ok {
		e.BirthPlaces = append(e.BirthPlaces, Place{Text: rest, Country: ofacRemarkPlaceCountry(rest)})
		return true, true
	}
	if rest, ok := cutOFACLabel(item, "nationality"); ok {
		code, found := CountryCode(rest)
		if !found {
			return false, true
		}
		e.Nationalities = ofacCSVAppendUnique(e.Nationalities, code)
		return true, true
	}
	if rest, ok := cutOFACLabel(item, "citizen"); ok {
		code, found := CountryCode(rest)
		if !found {
			return false, true
		}
		e.Citizenships = ofacCSVAppendUnique(e.Citizenships, code)
		return true, true
	}
	if rest, ok := cutOFACLabel(item, "Gender"); ok {
		if e.Gender == "" {
			e.Gender = rest
		}
		return true, true
	}
	if rest, ok := cutOFACLabel(item, "Title"); ok {
		e.Titles = append(e.Titles, rest) // duplicates are removed by the caller
		return true, true
	}
	return false, false
}

// parseOFACRemarkAlias reads an "a.k.a. 'NAME'" item (f.k.a., n.k.a.);
// matched reports whether item was one, read whether it could be read.
func parseOFACRemarkAlias(e *Entity, item string) (read, matched bool) {
	for _, k := range [...]struct {
		label string
		kind  NameKind
	}{{"a.k.a.", AKA}, {"f.k.a.", FKA}, {"n.k.a.", NKA}} {
		if rest, ok := cutOFACLabel(item, k.label); ok {
			if len(rest) < 3 || rest[0] != '\'' || rest[len(rest)-1] != '\'' {
				return false, true
			}
			name := strings.TrimSpace(rest[1 : len(rest)-1])
			if name == "" {
				return false, true
			}
			e.Names = append(e.Names, Name{Full: name, Kind: k.kind, Strength: Weak})
			return true, true
		}
	}
	return false, false
}

// parseOFACRemarkCrypto reads a digital currency address; matched reports
// whether item was one, read whether it could be read.
func parseOFACRemarkCrypto(e *Entity, item string) (read, matched bool) {
	if n := len(ofacDigitalCurrencyPrefix); len(item) > n && strings.EqualFold(item[:n], ofacDigitalCurrencyPrefix) {
		rest := item[n:]
		sp := strings.IndexByte(rest, ' ')
		if sp <= 0 {
			return false, true
		}
		tag, _ := ofacCryptoTag(item[:n+sp])
		addr := strings.TrimSpace(rest[sp+1:])
		if tag == "" || addr == "" {
			return false, true
		}
		e.Crypto = append(e.Crypto, CryptoAddress{Currency: tag, Address: addr})
		return true, true
	}
	return false, false
}

// parseOFACRemarkID reads an identifier item; it returns false only for a
// known identifier label whose value cannot be read.
func parseOFACRemarkID(e *Entity, item string) bool {
	word, _, _ := strings.Cut(item, " ")
	for _, label := range ofacCSVLabelsByWord[word] {
		rest, ok := cutOFACLabel(item, label)
		if !ok {
			continue
		}
		id, ok := parseOFACIDValue(rest)
		if !ok {
			return false
		}
		id.Type = ofacCSVIDType(label)
		id.Label = label
		e.Identifiers = append(e.Identifiers, id)
		return true
	}
	return true
}

// parseOFACIDValue splits what follows an identifier label, "VALUE
// [(Country)] [issued DATE] [expires DATE]", into the identifier's value,
// issuing country (ISO alpha-2) and note. The note keeps the issue and
// expiry text and any other trailing parenthesised words ("Stuttgart" in
// "HRB 770549 (Stuttgart) (Germany)", or a country name that is not known);
// parenthesised digits stay in the value ("D489833(9)").
func parseOFACIDValue(s string) (Identifier, bool) {
	var id Identifier
	tail := ""
	if i := ofacRemarkTailIndex(s); i >= 0 {
		tail = strings.TrimSpace(s[i:])
		s = strings.TrimSpace(s[:i])
	}
	var groups []string // trailing parenthesised words, last first
	for strings.HasSuffix(s, ")") {
		open := ofacRemarkOpenParen(s)
		if open < 0 {
			break
		}
		inner := strings.TrimSpace(s[open+1 : len(s)-1])
		if !strings.ContainsFunc(inner, unicode.IsLetter) {
			break // part of the value: "D489833(9)", "(357)(22660766)"
		}
		code, ok := "", false
		if id.Country == "" {
			code, ok = CountryCode(inner)
		}
		if ok {
			id.Country = code
		} else {
			groups = append(groups, inner)
		}
		s = strings.TrimSpace(s[:open])
	}
	if s == "" {
		return Identifier{}, false
	}
	id.Value = s
	var note strings.Builder
	for i := len(groups) - 1; i >= 0; i-- {
		if note.Len() > 0 {
			note.WriteString("; ")
		}
		note.WriteString(groups[i])
	}
	if tail != "" {
		if note.Len() > 0 {
			note.WriteString("; ")
		}
		note.WriteString(tail)
	}
	id.Note = note.String()
	return id, true
}

// ofacRemarkTailIndex returns the index in s where an "issued ..." or
// "expires ..." tail starts, or -1.
func ofacRemarkTailIndex(s string) int {
	best := -1
	for _, w := range [...]string{"issued ", "expires "} {
		i := 0
		for {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			j += i
			if j == 0 || s[j-1] == ' ' {
				if best < 0 || j < best {
					best = j
				}
				break
			}
			i = j + 1
		}
	}
	return best
}

// ofacRemarkOpenParen returns the index of the "(" matching the ")" that
// ends s, or -1.
func ofacRemarkOpenParen(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// parseOFACDOB parses the value of an OFAC "DOB" item: "12 Feb 1970",
// "Feb 1970", "1970", "circa 1960", "1960 to 1962", "01 Jan 1960 to 31 Dec
// 1962", "circa 1979-1982".
func parseOFACDOB(s string) (DateOfBirth, error) {
	var dob DateOfBirth
	if rest, ok := cutOFACLabel(s, "circa"); ok {
		dob.Approximate = true
		s = rest
	}
	from, to, isRange := strings.Cut(s, " to ")
	if !isRange && len(s) == 9 && s[4] == '-' && allDigits(s[:4]) && allDigits(s[5:]) {
		from, to, isRange = s[:4], s[5:], true
	}
	var err error
	if dob.From, err = parseDayMonthYear(from); err != nil {
		return DateOfBirth{}, err
	}
	if isRange {
		if dob.To, err = parseDayMonthYear(to); err != nil {
			return DateOfBirth{}, err
		}
		if dob.To.Before(dob.From) {
			return DateOfBirth{}, fmt.Errorf("%w: range %q ends before it starts", ErrDate, s)
		}
	}
	return dob, nil
}

// ofacRemarkPlaceCountry returns the ISO alpha-2 code of the country that ends an
// OFAC place of birth ("Pyongyang, North Korea", "Sinuiju, Korea, North"),
// or "". Two-letter parts are not read as country codes: in places they
// are usually states or provinces.
func ofacRemarkPlaceCountry(place string) string {
	if code, ok := CountryCode(place); ok && len(place) != 2 {
		return code
	}
	parts := strings.Split(place, ",")
	for _, n := range [...]int{2, 1} {
		if len(parts) <= n { // the whole place, tried above
			continue
		}
		cand := strings.TrimSpace(strings.Join(parts[len(parts)-n:], ","))
		if len(cand) == 2 {
			continue
		}
		if code, ok := CountryCode(cand); ok {
			return code
		}
	}
	return ""
}

// ofacCSVDedupe removes the later repeats of values from list, in place.
func ofacCSVDedupe(list []string) []string {
	if len(list) < 2 {
		return list
	}
	seen := make(map[string]bool, len(list))
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// ofacCSVAppendUnique appends s to list unless it is already there.
func ofacCSVAppendUnique(list []string, s string) []string {
	if containsString(list, s) {
		return list
	}
	return append(list, s)
}
