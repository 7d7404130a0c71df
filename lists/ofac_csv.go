package lists

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"
)

// OFACCSVFiles are the four files of one OFAC legacy CSV publication. Primary
// (sdn.csv or cons_prim.csv) is required; a File with a nil R is absent.
// Alt (alt.csv, cons_alt.csv) holds the strong aliases, Address (add.csv,
// cons_add.csv) the addresses and Comments (sdn_comments.csv,
// cons_comments.csv) the remainder of remarks longer than 1,000 characters.
type OFACCSVFiles struct{ Primary, Alt, Address, Comments File }

// Column counts and names of the OFAC legacy CSV files, from OFAC's data
// specification (dat_spec.txt).
var (
	ofacPrimaryColumns = []string{"ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
		"Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"}
	ofacAltColumns      = []string{"ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"}
	ofacAddressColumns  = []string{"Ent_num", "Add_num", "Address", "City/State/Province/Postal Code", "Country", "Add_remarks"}
	ofacCommentsColumns = []string{"ent_num", "Remarks"}
)

// ofacCSVEOF is the end-of-file marker (ASCII SUB) OFAC writes after the
// last record of every legacy CSV file.
const ofacCSVEOF = 0x1A

// ParseOFACCSV parses one OFAC legacy CSV publication: sdn.csv, alt.csv,
// add.csv and sdn_comments.csv for the SDN list (src [OFACSDN]), or
// cons_prim.csv, cons_alt.csv, cons_add.csv and cons_comments.csv for the
// consolidated non-SDN lists (src [OFACNonSDN]).
//
// The files have no header row; "-0-" (written "-0- ") is null; each ends
// with an 0x1A byte, whose absence is reported as a truncated file
// ([ErrTruncated]). Files may be UTF-8 (OFAC's files are ASCII) or, when
// not valid UTF-8, Windows-1252; bytes that are neither, and control
// characters, are an [ErrEncoding] error. Remarks cut at 1,000 characters
// are joined with their remainder from the comments file, then read into
// birth dates, places, nationalities, identifiers, crypto addresses, weak
// aliases and so on (see parseOFACRemarks); the full remarks text is kept
// in [Entity.Remarks] and items the parser cannot read are never an error.
//
// The returned list has Source src, Format [FormatOFACCSV], the entities in
// file order, and no publish date or file hashes: the CSV states no date,
// and the loader fills both. Structural errors — a wrong number of fields,
// a bad quote, a non-numeric or duplicate ent_num, an unknown SDN_Type or
// alt_type, an alias, address or comment for an ent_num that the primary
// file does not list — are returned as a [*ParseError] naming the file,
// line and field.
func ParseOFACCSV(src Source, files OFACCSVFiles) (*List, error) {
	if src != OFACSDN && src != OFACNonSDN {
		return nil, fmt.Errorf("lists: OFAC CSV: source %s is not an OFAC list", src)
	}
	if files.Primary.R == nil {
		return nil, fmt.Errorf("lists: OFAC CSV: %w: the primary file (sdn.csv or cons_prim.csv)", ErrMissing)
	}
	p := ofacCSVParser{src: src, byID: map[string]int{}}
	if err := p.primary(ofacCSVFile(files.Primary, src, "sdn.csv", "cons_prim.csv")); err != nil {
		return nil, err
	}
	if files.Comments.R != nil {
		if err := p.comments(ofacCSVFile(files.Comments, src, "sdn_comments.csv", "cons_comments.csv")); err != nil {
			return nil, err
		}
	}
	if files.Alt.R != nil {
		if err := p.aliases(ofacCSVFile(files.Alt, src, "alt.csv", "cons_alt.csv")); err != nil {
			return nil, err
		}
	}
	if files.Address.R != nil {
		if err := p.addresses(ofacCSVFile(files.Address, src, "add.csv", "cons_add.csv")); err != nil {
			return nil, err
		}
	}
	for i := range p.entities {
		p.finish(&p.entities[i], i)
	}
	ofacMarkDPRK(p.entities)
	return &List{Source: src, Format: FormatOFACCSV, Entities: p.entities}, nil
}

// ofacCSVFile names f after its role when it has no name.
func ofacCSVFile(f File, src Source, sdnName, consName string) File {
	if f.Name == "" {
		f.Name = sdnName
		if src == OFACNonSDN {
			f.Name = consName
		}
	}
	return f
}

// ofacCSVParser holds the state of one ParseOFACCSV call.
type ofacCSVParser struct {
	src      Source
	entities []Entity
	byID     map[string]int // ent_num -> index in entities
	// strong and altRemarks hold, per entity index, the strong aliases
	// from the alt file and any alias remarks, added after the remarks are
	// read so that the primary name stays first.
	strong     map[int][]Name
	altRemarks map[int][]string
	commented  map[int]bool
}

// ofacCSVNull reports whether a field is OFAC's null, "-0-" (published with a
// trailing space).
func ofacCSVNull(f string) bool { return strings.TrimSpace(f) == "-0-" }

// ofacCSVValue returns the trimmed field, or "" for null.
func ofacCSVValue(f string) string {
	if ofacCSVNull(f) {
		return ""
	}
	return strings.TrimSpace(f)
}

// ofacCSVNum checks that s is an ent_num (or alt_num, add_num): a
// non-negative decimal integer.
func ofacCSVNum(s string) error {
	if !allDigits(s) {
		return fmt.Errorf("%w: %q is not a number", ErrMalformed, s)
	}
	if _, err := strconv.ParseUint(s, 10, 63); err != nil {
		return fmt.Errorf("%w: %q is out of range", ErrMalformed, s)
	}
	return nil
}

// records reads every record of f, which must have len(columns) fields,
// calling start (if not nil) with the number of lines of the file, then fn
// with each record and its line number.
func (p *ofacCSVParser) records(f File, columns []string, start func(lines int), fn func(rec []string, line int) error) (int, error) {
	data, err := ofacCSVReadAll(f.R)
	if err != nil {
		return 0, fmt.Errorf("lists: reading %s: %w", f.Name, err)
	}
	body, err := ofacCSVText(f.Name, data)
	if err != nil {
		return 0, err
	}
	if start != nil {
		// A record takes well over 64 bytes; the bound keeps a file of
		// blank lines from reserving a huge slice.
		start(min(bytes.Count(body, []byte{'\n'})+1, len(body)/64+1))
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = len(columns)
	r.ReuseRecord = true
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, ofacCSVReadError(f.Name, len(columns), rec, err)
		}
		line, _ := r.FieldPos(0)
		if err := ofacCSVNum(strings.TrimSpace(rec[0])); err != nil {
			return n, &ParseError{File: f.Name, Line: line, Field: columns[0], Err: err}
		}
		if err := fn(rec, line); err != nil {
			return n, err
		}
		n++
	}
}

// ofacCSVReadAll reads r to the end, sizing its buffer up front when r
// knows its length (bytes.Reader, strings.Reader, os.File).
func ofacCSVReadAll(r io.Reader) ([]byte, error) {
	size := 0
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < 1<<31 {
			size = int(fi.Size())
		}
	}
	var buf bytes.Buffer
	buf.Grow(size + bytes.MinRead)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// ofacCSVReadError converts an encoding/csv error into a *ParseError.
func ofacCSVReadError(name string, want int, rec []string, err error) error {
	var ce *csv.ParseError
	if !errors.As(err, &ce) {
		return &ParseError{File: name, Err: fmt.Errorf("%w: %w", ErrMalformed, err)}
	}
	pe := &ParseError{File: name, Line: ce.Line}
	switch {
	case errors.Is(ce.Err, csv.ErrFieldCount):
		pe.Line = ce.StartLine
		pe.Err = fmt.Errorf("%w: %d fields, want %d", ErrFieldCount, len(rec), want)
	case errors.Is(ce.Err, csv.ErrQuote) && ce.StartLine != ce.Line:
		pe.Line = ce.StartLine
		pe.Err = fmt.Errorf("%w: quoted field not terminated (still open at line %d): %w", ErrMalformed, ce.Line, ce.Err)
	default:
		pe.Err = fmt.Errorf("%w: column %d: %w", ErrMalformed, ce.Column, ce.Err)
	}
	return pe
}

// primary reads sdn.csv or cons_prim.csv.
func (p *ofacCSVParser) primary(f File) error {
	sizeHint := func(lines int) { p.entities = make([]Entity, 0, lines) }
	n, err := p.records(f, ofacPrimaryColumns, sizeHint, func(rec []string, line int) error {
		id := strings.TrimSpace(rec[0])
		if _, dup := p.byID[id]; dup {
			return &ParseError{File: f.Name, Line: line, Field: "ent_num", Err: fmt.Errorf("%w: ent_num %s listed twice", ErrMalformed, id)}
		}
		e := Entity{Source: p.src, ID: id}
		name := ofacCSVValue(rec[1])
		if name == "" {
			return &ParseError{File: f.Name, Line: line, Field: "SDN_Name", Err: fmt.Errorf("%w: no name for ent_num %s", ErrMissing, id)}
		}
		e.Names = []Name{{Full: name, Kind: Primary}}
		switch t := ofacCSVValue(rec[2]); strings.ToLower(t) {
		case "":
			e.Type = Organization
		case "individual":
			e.Type = Person
		case "vessel":
			e.Type = Vessel
		case "aircraft":
			e.Type = Aircraft
		default:
			return &ParseError{File: f.Name, Line: line, Field: "SDN_Type", Err: fmt.Errorf("%w: unknown SDN_Type %q", ErrMalformed, t)}
		}
		e.Programs = ofacCSVPrograms(ofacCSVValue(rec[3]))
		for _, prog := range e.Programs {
			if IsDPRKProgram(prog) {
				e.DPRK = true
			}
		}
		if t := ofacCSVValue(rec[4]); t != "" {
			splitOFACRemarks(t, func(s string) { e.Titles = append(e.Titles, s) })
		}
		v := VesselInfo{
			CallSign: ofacCSVValue(rec[5]), Type: ofacCSVValue(rec[6]), Tonnage: ofacCSVValue(rec[7]),
			GRT: ofacCSVValue(rec[8]), Flag: ofacCSVValue(rec[9]), Owner: ofacCSVValue(rec[10]),
		}
		if v != (VesselInfo{}) {
			e.Vessel = &v
		}
		if !ofacCSVNull(rec[11]) {
			e.Remarks = rec[11] // exactly as published: it may be continued in the comments file
		}
		p.byID[id] = len(p.entities)
		p.entities = append(p.entities, e)
		return nil
	})
	if err != nil {
		return err
	}
	if n == 0 {
		return &ParseError{File: f.Name, Err: fmt.Errorf("%w: no records", ErrEmpty)}
	}
	return nil
}

// ofacCSVPrograms splits OFAC's program column, "DPRK3] [CYBER2", into
// ["DPRK3", "CYBER2"].
func ofacCSVPrograms(s string) []string {
	if s == "" {
		return nil
	}
	var progs []string
	for _, p := range strings.Split(s, "] [") {
		p = strings.TrimSpace(strings.Trim(strings.TrimSpace(p), "[]"))
		if p != "" {
			progs = append(progs, p)
		}
	}
	return progs
}

// entity returns the index of the entity with ent_num id, or a ParseError
// for a record of f that refers to an ent_num the primary file lacks.
func (p *ofacCSVParser) entity(f File, line int, field, id string) (int, error) {
	i, ok := p.byID[id]
	if !ok {
		return 0, &ParseError{File: f.Name, Line: line, Field: field,
			Err: fmt.Errorf("%w: ent_num %s is not in the primary file", ErrMalformed, id)}
	}
	return i, nil
}

// comments reads sdn_comments.csv or cons_comments.csv: the remainder of
// remarks cut at 1,000 characters, joined exactly (OFAC cuts mid-word).
func (p *ofacCSVParser) comments(f File) error {
	p.commented = map[int]bool{}
	_, err := p.records(f, ofacCommentsColumns, nil, func(rec []string, line int) error {
		i, err := p.entity(f, line, "ent_num", strings.TrimSpace(rec[0]))
		if err != nil {
			return err
		}
		if p.commented[i] {
			return &ParseError{File: f.Name, Line: line, Field: "ent_num",
				Err: fmt.Errorf("%w: second remainder for ent_num %s", ErrMalformed, p.entities[i].ID)}
		}
		p.commented[i] = true
		if !ofacCSVNull(rec[1]) {
			p.entities[i].Remarks += rec[1]
		}
		return nil
	})
	return err
}

// aliases reads alt.csv or cons_alt.csv.
func (p *ofacCSVParser) aliases(f File) error {
	p.strong = map[int][]Name{}
	_, err := p.records(f, ofacAltColumns, nil, func(rec []string, line int) error {
		i, err := p.entity(f, line, "ent_num", strings.TrimSpace(rec[0]))
		if err != nil {
			return err
		}
		if err := ofacCSVNum(strings.TrimSpace(rec[1])); err != nil {
			return &ParseError{File: f.Name, Line: line, Field: "alt_num", Err: err}
		}
		var kind NameKind
		switch t := ofacCSVValue(rec[2]); strings.ToLower(t) {
		case "aka":
			kind = AKA
		case "fka":
			kind = FKA
		case "nka":
			kind = NKA
		default:
			return &ParseError{File: f.Name, Line: line, Field: "alt_type", Err: fmt.Errorf("%w: unknown alt_type %q", ErrMalformed, t)}
		}
		name := ofacCSVValue(rec[3])
		if name == "" {
			return &ParseError{File: f.Name, Line: line, Field: "alt_name", Err: fmt.Errorf("%w: no alias name", ErrMissing)}
		}
		p.strong[i] = append(p.strong[i], Name{Full: name, Kind: kind})
		if r := ofacCSVValue(rec[4]); r != "" {
			if p.altRemarks == nil {
				p.altRemarks = map[int][]string{}
			}
			p.altRemarks[i] = append(p.altRemarks[i], name+": "+r)
		}
		return nil
	})
	return err
}

// addresses reads add.csv or cons_add.csv. A row whose address columns are
// all null carries nothing and is skipped.
func (p *ofacCSVParser) addresses(f File) error {
	_, err := p.records(f, ofacAddressColumns, nil, func(rec []string, line int) error {
		i, err := p.entity(f, line, "Ent_num", strings.TrimSpace(rec[0]))
		if err != nil {
			return err
		}
		if err := ofacCSVNum(strings.TrimSpace(rec[1])); err != nil {
			return &ParseError{File: f.Name, Line: line, Field: "Add_num", Err: err}
		}
		a := Address{Street: ofacCSVValue(rec[2]), City: ofacCSVValue(rec[3]), CountryName: ofacCSVValue(rec[4]), Note: ofacCSVValue(rec[5])}
		if a == (Address{}) {
			return nil
		}
		a.Country, _ = CountryCode(a.CountryName)
		p.entities[i].Addresses = append(p.entities[i].Addresses, a)
		return nil
	})
	return err
}

// finish reads the remarks of e (index i) and adds its aliases: the
// primary name, then the strong aliases of the alt file, then the weak
// aliases of the remarks. Alias remarks (never seen in OFAC's files, but
// allowed by the specification) are appended to Remarks, one per line, as
// "alias NAME: REMARK", since a Name has no place for them.
func (p *ofacCSVParser) finish(e *Entity, i int) {
	if e.Remarks != "" {
		parseOFACRemarks(e, e.Remarks)
	}
	e.Titles = ofacCSVDedupe(e.Titles)
	if strong := p.strong[i]; len(strong) > 0 {
		names := make([]Name, 0, len(e.Names)+len(strong))
		names = append(names, e.Names[0])
		names = append(names, strong...)
		e.Names = append(names, e.Names[1:]...)
	}
	if rs := p.altRemarks[i]; len(rs) > 0 {
		var b strings.Builder
		b.WriteString(e.Remarks)
		for _, r := range rs {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("alias ")
			b.WriteString(r)
		}
		e.Remarks = b.String()
	}
}

// ofacCSVBOM is the UTF-8 byte order mark.
var ofacCSVBOM = []byte{0xEF, 0xBB, 0xBF}

// ofacCSVText checks the bytes of one OFAC CSV file and returns its records
// as UTF-8 text, without the 0x1A end marker. A file that is valid UTF-8
// (with or without a byte order mark) is used as is; any other file is
// read as Windows-1252, the superset of Latin-1 that older OFAC files and
// Windows tools write, unless it holds valid multi-byte UTF-8 sequences as
// well (a file mixing encodings) or bytes Windows-1252 leaves undefined.
// Control characters other than tab, CR and LF are rejected: they mean a
// binary or UTF-16 file.
func ofacCSVText(name string, b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: no data", ErrEmpty)}
	}
	b = bytes.TrimPrefix(b, ofacCSVBOM)
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: UTF-16 text (byte order mark %02X %02X); want UTF-8 or Windows-1252", ErrEncoding, b[0], b[1])}
	}
	t := bytes.TrimRight(b, "\r\n")
	if len(t) == 0 || t[len(t)-1] != ofacCSVEOF {
		return nil, &ParseError{File: name, Line: ofacCSVLine(b, len(b)), Err: fmt.Errorf("%w: no end-of-file byte 0x1A after the last record", ErrTruncated)}
	}
	body := t[:len(t)-1]
	ascii := true
	for i, c := range body {
		if c >= 0x80 {
			ascii = false
		} else if c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7F {
			return nil, &ParseError{File: name, Line: ofacCSVLine(body, i), Err: fmt.Errorf("%w: control character 0x%02X in text", ErrEncoding, c)}
		}
	}
	if ascii || utf8.Valid(body) {
		return ofacCSVLineEnds(body), nil
	}
	// Not UTF-8. A Windows-1252 file has no valid multi-byte UTF-8
	// sequence, save by a rare accident; one that has both is corrupt.
	firstBad, multi := -1, false
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			if firstBad < 0 {
				firstBad = i
			}
			i++
			continue
		}
		multi = true
		i += size
	}
	if multi {
		return nil, &ParseError{File: name, Line: ofacCSVLine(body, firstBad),
			Err: fmt.Errorf("%w: byte 0x%02X is not valid UTF-8 in a file that is otherwise UTF-8", ErrEncoding, body[firstBad])}
	}
	out := make([]byte, 0, len(body)+len(body)/8)
	for i, c := range body {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		r := rune(c)
		if c < 0xA0 {
			r = ofacCP1252[c-0x80]
			if r == 0 {
				return nil, &ParseError{File: name, Line: ofacCSVLine(body, i),
					Err: fmt.Errorf("%w: byte 0x%02X is neither UTF-8 nor Windows-1252", ErrEncoding, c)}
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return ofacCSVLineEnds(out), nil
}

// ofacCP1252 maps the bytes 0x80..0x9F of Windows-1252 to Unicode; 0 marks the
// five bytes the code page leaves undefined. Bytes 0xA0..0xFF are Latin-1.
var ofacCP1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// ofacCSVLineEnds turns the bare carriage returns of a file that has no
// line feed at all (OFAC's specification says records are separated by
// carriage returns) into line feeds, which encoding/csv needs.
func ofacCSVLineEnds(b []byte) []byte {
	if bytes.IndexByte(b, '\n') >= 0 || bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return bytes.ReplaceAll(b, []byte{'\r'}, []byte{'\n'})
}

// ofacCSVLine returns the 1-based line number of byte offset i of b,
// counting line feeds, or carriage returns in a file that has no line feed.
func ofacCSVLine(b []byte, i int) int {
	sep := byte('\n')
	if bytes.IndexByte(b, '\n') < 0 {
		sep = '\r'
	}
	return 1 + bytes.Count(b[:i], []byte{sep})
}
