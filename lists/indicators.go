package lists

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// IndicatorType is the kind of one indicator of an indicator feed.
type IndicatorType uint8

// Indicator types. Their String forms are the "type" values of the feed
// format.
const (
	IndicatorName        IndicatorType = iota + 1 // a name the actor uses
	IndicatorEmail                                // an e-mail address
	IndicatorEmailDomain                          // a domain every e-mail address at which is the actor's
	IndicatorPhone                                // a phone number
	IndicatorWebsite                              // a website (URL or host name)
	IndicatorWallet                               // a digital currency address
	IndicatorBIC                                  // a SWIFT/BIC code
	IndicatorIBAN                                 // an IBAN
	IndicatorAccount                              // a bank or payment-service account number
)

var indicatorTypeNames = [...]string{
	IndicatorName: "name", IndicatorEmail: "email", IndicatorEmailDomain: "email_domain",
	IndicatorPhone: "phone", IndicatorWebsite: "website", IndicatorWallet: "wallet",
	IndicatorBIC: "bic", IndicatorIBAN: "iban", IndicatorAccount: "account",
}

// String returns the feed-format name of t, such as "email_domain".
func (t IndicatorType) String() string {
	if int(t) < len(indicatorTypeNames) && indicatorTypeNames[t] != "" {
		return indicatorTypeNames[t]
	}
	return fmt.Sprintf("IndicatorType(%d)", uint8(t))
}

// ParseIndicatorType returns the IndicatorType whose String form is s.
func ParseIndicatorType(s string) (IndicatorType, error) {
	for i, n := range indicatorTypeNames {
		if n != "" && n == s {
			return IndicatorType(i), nil
		}
	}
	return 0, fmt.Errorf("unknown indicator type %q (want name, email, email_domain, phone, website, wallet, bic, iban or account)", s)
}

// EmailDomainPrefix starts the Value of an identifier that holds an
// e-mail domain rather than an address: an "email_domain" indicator
// becomes an [Identifier] of type [IDEmail] whose Value is "@" followed by
// the domain ("@example.com"). A screener finds every address at that
// domain by looking up "@" + the domain of a payee's address.
const EmailDomainPrefix = "@"

// ErrFeedName is returned for a feed name that is empty, malformed or the
// name of an official list.
var ErrFeedName = errors.New("invalid indicator feed name")

// BuiltinIndicatorFeed is the name of payscreen's built-in indicator feed.
const BuiltinIndicatorFeed = "dprk_indicators"

// ParseIndicators reads an indicator feed into a List of Source
// [Indicators], Format [FormatIndicators] and Feed feed.
//
// The format is JSON Lines, UTF-8, with no header: one JSON object per
// line, blank lines ignored. Each object is one indicator:
//
//		{"type": "wallet", "value": "0x…", "currency": "USDT",
//		 "entity": "acme-front", "name": "Acme Front Ltd", "program": "DPRK",
//		 "source": "https://… (title of the publication)", "date": "2024-12-12",
//		 "note": "…"}
//
//	  - type (required): name, email, email_domain, phone, website, wallet,
//	    bic, iban or account;
//	  - value (required): the indicator as published. A name is any
//	    non-blank text; an email has one "@" with text on both sides and a
//	    dot in the domain; an email_domain is a domain (a leading "@" is
//	    allowed); a phone has at least seven digits and only digits, spaces
//	    and + - . ( ) /; a website, wallet, bic, iban or account has no
//	    spaces inside (bic, iban and account may be written in groups);
//	  - currency (optional, wallets only): the currency tag as published
//	    (XBT, ETH, USDT, ...);
//	  - entity (required): an identifier grouping the indicators of one
//	    actor; every group becomes one [Entity] with that ID, in the order
//	    the groups first appear;
//	  - name (optional): the actor's name; the first one given in a group is
//	    the entity's primary name, other names of the group (and name
//	    indicators) its aliases. A group without any name has no names and
//	    matches by its identifiers only;
//	  - program (optional): the sanctions program or campaign the indicator
//	    belongs to ("DPRK"); an entity is DPRK when one of its programs is
//	    ([IsDPRKProgram]);
//	  - source (required): where the indicator is published (a URL and the
//	    publication's title);
//	  - date (required): the publication's date, YYYY-MM-DD;
//	  - note (optional): free text.
//
// Any other key, a value that is not a JSON string, a missing required
// field, a bad date, a value that is not of its type's form, invalid UTF-8
// or a line that is not a JSON object is a [*ParseError] naming the file,
// line and field and wrapping [ErrMalformed], [ErrMissing], [ErrDate] or
// [ErrEncoding]; a feed without any indicator wraps [ErrEmpty].
//
// Names go to Entity.Names, e-mails, e-mail domains (see
// [EmailDomainPrefix]), phones, websites, BICs, IBANs and accounts to
// Entity.Identifiers (each with a Note giving its source and date), and
// wallets to Entity.Crypto. Exact duplicates within a group are kept once.
// Entity.Listed is the group's earliest date and Entity.Remarks lists the
// group's sources with their dates; the List's Published date is the
// latest date of the feed (PublishedFrom "content"). Files is left for the
// caller, as for every parser.
//
// feed names the feed in results: lower-case letters, digits, "_", "-"
// and ".", and not the name of an official list ("ofac_sdn", "un", ...);
// otherwise the error wraps [ErrFeedName].
func ParseIndicators(feed string, f File) (*List, error) {
	if err := checkFeedName(feed); err != nil {
		return nil, err
	}
	p := indParser{file: f.Name, byID: map[string]*indGroup{}}
	sc := bufio.NewScanner(f.R)
	sc.Buffer(make([]byte, 0, 64*1024), indMaxLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if err := p.line(line, b); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &ParseError{File: f.Name, Line: line + 1, Err: fmt.Errorf("%w: line longer than %d bytes", ErrMalformed, indMaxLine)}
		}
		return nil, &ParseError{File: f.Name, Line: line + 1, Err: err}
	}
	if len(p.groups) == 0 {
		return nil, &ParseError{File: f.Name, Err: fmt.Errorf("%w: no indicators", ErrEmpty)}
	}
	l := &List{Source: Indicators, Feed: feed, Format: FormatIndicators, PublishedFrom: PublishedFromContent}
	l.Published = time.Date(p.latest.Year, time.Month(p.latest.Month), p.latest.Day, 0, 0, 0, 0, time.UTC)
	l.Entities = make([]Entity, len(p.groups))
	for i, g := range p.groups {
		l.Entities[i] = g.entity()
	}
	return l, nil
}

// indMaxLine bounds one line of a feed.
const indMaxLine = 1 << 20

func checkFeedName(feed string) error {
	if feed == "" {
		return fmt.Errorf("lists: %w: empty", ErrFeedName)
	}
	for _, r := range feed {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return fmt.Errorf("lists: %w: %q: use lower-case letters, digits, _, - and .", ErrFeedName, feed)
		}
	}
	for i, n := range sourceNames {
		if Source(i) != Indicators && n == feed {
			return fmt.Errorf("lists: %w: %q is the name of an official list", ErrFeedName, feed)
		}
	}
	return nil
}

// indRecord is one line of a feed.
type indRecord struct {
	typ                                                  IndicatorType
	value, currency, entity, name, program, source, note string
	date                                                 Date
}

// indGroup gathers the indicators of one entity.
type indGroup struct {
	e       Entity
	names   map[string]bool
	ids     map[[2]string]bool
	crypto  map[[2]string]bool
	sources []string
	seenSrc map[string]bool
	progs   map[string]bool
	aliases []Name // name indicators, after the actor's names
}

type indParser struct {
	file   string
	groups []*indGroup
	byID   map[string]*indGroup
	latest Date
}

var indFields = map[string]bool{
	"type": true, "value": true, "currency": true, "entity": true, "name": true,
	"program": true, "source": true, "date": true, "note": true,
}

func (p *indParser) line(n int, b []byte) error {
	fail := func(field string, err error) error {
		return &ParseError{File: p.file, Line: n, Field: field, Err: err}
	}
	if !utf8.Valid(b) {
		return fail("", fmt.Errorf("%w: invalid UTF-8", ErrEncoding))
	}
	vals, field, err := indDecode(b)
	if fe, ok := err.(*indFieldError); ok {
		field, err = fe.field, fe.err
	}
	if err != nil {
		return fail(field, err)
	}
	for _, k := range []string{"type", "value", "entity", "source", "date"} {
		if vals[k] == "" {
			return fail(k, fmt.Errorf("%w: %s", ErrMissing, k))
		}
	}
	r := indRecord{value: vals["value"], currency: vals["currency"], entity: vals["entity"], name: vals["name"],
		program: vals["program"], source: vals["source"], note: vals["note"]}
	t, err := ParseIndicatorType(vals["type"])
	if err != nil {
		return fail("type", fmt.Errorf("%w: %w", ErrMalformed, err))
	}
	r.typ = t
	d, err := ParseISODate(vals["date"])
	if err != nil {
		return fail("date", err)
	}
	if d.Day == 0 {
		return fail("date", fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrDate, vals["date"]))
	}
	r.date = d
	if r.currency != "" && t != IndicatorWallet {
		return fail("currency", fmt.Errorf("%w: currency is for wallets only", ErrMalformed))
	}
	v, err := checkIndicatorValue(t, r.value)
	if err != nil {
		return fail("value", fmt.Errorf("%w: %s %w", ErrMalformed, t, err))
	}
	r.value = v
	if p.latest.Before(d) {
		p.latest = d
	}
	p.add(&r)
	return nil
}

// indLine holds the fields of one line, undecoded.
type indLine struct {
	Type     json.RawMessage `json:"type"`
	Value    json.RawMessage `json:"value"`
	Currency json.RawMessage `json:"currency"`
	Entity   json.RawMessage `json:"entity"`
	Name     json.RawMessage `json:"name"`
	Program  json.RawMessage `json:"program"`
	Source   json.RawMessage `json:"source"`
	Date     json.RawMessage `json:"date"`
	Note     json.RawMessage `json:"note"`
}

// indDecode decodes one line into its fields' values, trimmed. On error
// it returns the field at fault, if one is.
func indDecode(b []byte) (map[string]string, string, error) {
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '{' {
		return nil, "", indDecodeError(b, nil)
	}
	var x indLine
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&x); err != nil || dec.More() {
		return nil, "", indDecodeError(b, err)
	}
	vals := make(map[string]string, 9)
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{{"currency", x.Currency}, {"date", x.Date}, {"entity", x.Entity}, {"name", x.Name}, {"note", x.Note},
		{"program", x.Program}, {"source", x.Source}, {"type", x.Type}, {"value", x.Value}} {
		if f.raw == nil {
			continue
		}
		var v string
		if err := json.Unmarshal(f.raw, &v); err != nil {
			return nil, f.name, fmt.Errorf("%w: must be a JSON string", ErrMalformed)
		}
		vals[f.name] = strings.TrimSpace(v)
	}
	return vals, "", nil
}

// indDecodeError explains why a line did not decode: not one JSON object,
// or an unknown field (named).
func indDecodeError(b []byte, err error) error {
	var obj map[string]json.RawMessage
	if jerr := json.Unmarshal(b, &obj); jerr != nil || obj == nil {
		if jerr == nil {
			jerr = errors.New("not an object")
		}
		return fmt.Errorf("%w: not a JSON object: %w", ErrMalformed, jerr)
	}
	for _, k := range sortedRawKeys(obj) {
		if !indFields[k] {
			return &indFieldError{k, fmt.Errorf("%w: unknown field %q", ErrMalformed, k)}
		}
	}
	if err == nil {
		err = errors.New("more than one JSON value")
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// indFieldError carries the field of a decoding error up to the line.
type indFieldError struct {
	field string
	err   error
}

func (e *indFieldError) Error() string { return e.err.Error() }
func (e *indFieldError) Unwrap() error { return e.err }

func sortedRawKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the first bad field is reported, whatever the key order
	return keys
}

// checkIndicatorValue checks that v has its type's form and returns it as
// stored (an e-mail domain without its leading "@").
func checkIndicatorValue(t IndicatorType, v string) (string, error) {
	hasSpace := strings.ContainsAny(v, " \t\r\n")
	switch t {
	case IndicatorName:
		return v, nil
	case IndicatorEmail:
		at := strings.IndexByte(v, '@')
		if hasSpace || at <= 0 || strings.Count(v, "@") != 1 || !isDomain(v[at+1:]) {
			return "", fmt.Errorf("%q is not an e-mail address", v)
		}
	case IndicatorEmailDomain:
		v = strings.TrimPrefix(v, "@")
		if hasSpace || !isDomain(v) {
			return "", fmt.Errorf("%q is not a domain", v)
		}
	case IndicatorPhone:
		digits := 0
		for _, r := range v {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune(" +-.()/", r):
			default:
				return "", fmt.Errorf("%q is not a phone number", v)
			}
		}
		if digits < 7 {
			return "", fmt.Errorf("%q has fewer than 7 digits", v)
		}
	case IndicatorWebsite, IndicatorWallet:
		if hasSpace {
			return "", fmt.Errorf("%q has spaces", v)
		}
	case IndicatorBIC, IndicatorIBAN, IndicatorAccount:
		for _, r := range v {
			if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == ' ' || r == '-') {
				return "", fmt.Errorf("%q has characters other than letters, digits, spaces and hyphens", v)
			}
		}
	}
	return v, nil
}

// isDomain reports whether d looks like a domain name: dot-separated
// labels of letters, digits and hyphens (or non-ASCII letters), at least
// two labels.
func isDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r > 127) {
				return false
			}
		}
	}
	return true
}

func (p *indParser) add(r *indRecord) {
	g, ok := p.byID[r.entity]
	if !ok {
		g = &indGroup{
			e:     Entity{Source: Indicators, ID: r.entity, Programs: []string{}},
			names: map[string]bool{}, ids: map[[2]string]bool{}, crypto: map[[2]string]bool{},
			seenSrc: map[string]bool{}, progs: map[string]bool{},
		}
		p.byID[r.entity] = g
		p.groups = append(p.groups, g)
	}
	if g.e.Listed.IsZero() || r.date.Before(g.e.Listed) {
		g.e.Listed = r.date
	}
	src := r.date.String() + " " + r.source
	if !g.seenSrc[src] {
		g.seenSrc[src] = true
		g.sources = append(g.sources, src)
	}
	if r.program != "" && !g.progs[r.program] {
		g.progs[r.program] = true
		g.e.Programs = append(g.e.Programs, r.program)
		g.e.DPRK = g.e.DPRK || IsDPRKProgram(r.program)
	}
	if r.name != "" && !g.names[r.name] {
		g.names[r.name] = true
		kind := AKA
		if len(g.e.Names) == 0 {
			kind = Primary
		}
		g.e.Names = append(g.e.Names, Name{Full: r.name, Kind: kind})
	}
	provenance := r.source + ", " + r.date.String()
	if r.note != "" {
		provenance += "; " + r.note
	}
	addID := func(t IDType, label, value string) {
		k := [2]string{t.String(), value}
		if g.ids[k] {
			return
		}
		g.ids[k] = true
		g.e.Identifiers = append(g.e.Identifiers, Identifier{Type: t, Label: label, Value: value, Note: provenance})
	}
	switch r.typ {
	case IndicatorName:
		if !g.names[r.value] {
			g.names[r.value] = true
			g.aliases = append(g.aliases, Name{Full: r.value, Kind: AKA})
		}
	case IndicatorEmail:
		addID(IDEmail, "E-mail", r.value)
	case IndicatorEmailDomain:
		addID(IDEmail, "E-mail domain", EmailDomainPrefix+r.value)
	case IndicatorPhone:
		addID(IDPhone, "Phone", r.value)
	case IndicatorWebsite:
		addID(IDWebsite, "Website", r.value)
	case IndicatorBIC:
		addID(IDSWIFTBIC, "SWIFT/BIC", r.value)
	case IndicatorIBAN:
		addID(IDIBAN, "IBAN", r.value)
	case IndicatorAccount:
		addID(IDAccount, "Account", r.value)
	case IndicatorWallet:
		cur := strings.ToUpper(r.currency)
		k := [2]string{cur, r.value}
		if !g.crypto[k] {
			g.crypto[k] = true
			g.e.Crypto = append(g.e.Crypto, CryptoAddress{Currency: cur, Address: r.value})
		}
	}
}

// entity returns the group's entity: the actor's names first, then the
// name indicators.
func (g *indGroup) entity() Entity {
	e := g.e
	for _, a := range g.aliases {
		if len(e.Names) == 0 {
			a.Kind = Primary
		}
		e.Names = append(e.Names, a)
	}
	e.Remarks = "sources: " + strings.Join(g.sources, "; ")
	return e
}

//go:embed indicators/dprk_indicators.jsonl
var builtinIndicatorsFS embed.FS

// BuiltinIndicators returns payscreen's built-in DPRK IT-worker indicator
// feed ([BuiltinIndicatorFeed], "dprk_indicators"): indicators stated in
// official publications (US Department of Justice, Treasury, FBI, State)
// that are not on the sanctions lists themselves, each with its source and
// date. See lists/indicators/README.md for what it holds and why it is
// small. Its Files record the embedded file's name, size and sha256.
func BuiltinIndicators() (*List, error) {
	const name = "dprk_indicators.jsonl"
	b, err := builtinIndicatorsFS.ReadFile("indicators/" + name)
	if err != nil {
		return nil, fmt.Errorf("lists: built-in indicators: %w", err)
	}
	l, err := ParseIndicators(BuiltinIndicatorFeed, File{Name: name, R: bytes.NewReader(b)})
	if err != nil {
		return nil, fmt.Errorf("lists: built-in indicators: %w", err)
	}
	h := sha256.Sum256(b)
	l.Files = []FileInfo{{Name: name, SHA256: hex.EncodeToString(h[:]), Size: int64(len(b))}}
	return l, nil
}
