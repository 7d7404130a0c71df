package lists

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Detection errors, wrapped by [DetectFormat] and the loaders.
var (
	// ErrFormatMismatch means a file's name and its content say different
	// things about what it is (a "sdn.csv" holding the EU list, an
	// "UK-Sanctions-List.xml" holding the UN list).
	ErrFormatMismatch = errors.New("file name and content disagree")
	// ErrCompressed means DetectFormat was given compressed bytes: the head
	// must be the start of the decompressed content.
	ErrCompressed = errors.New("head is compressed")
)

// DetectHeadSize is how many bytes of the start of a file [DetectFormat]
// needs to recognize every supported format (the excerpts and some
// publications open with a long comment or declaration).
const DetectHeadSize = 8 << 10

// bzip2Magic starts every bzip2 stream.
var bzip2Magic = []byte("BZh")

// isBzip2 reports whether b starts with the bzip2 magic "BZh" and a block
// size digit.
func isBzip2(b []byte) bool {
	return len(b) >= 4 && bytes.HasPrefix(b, bzip2Magic) && b[3] >= '1' && b[3] <= '9'
}

// trimCompressionExt returns name without a ".bz2" suffix and whether it had one.
func trimCompressionExt(name string) (string, bool) {
	if len(name) > 4 && strings.EqualFold(name[len(name)-4:], ".bz2") {
		return name[:len(name)-4], true
	}
	return name, false
}

// ofacCSVRole is the part one legacy OFAC CSV file plays in its quartet.
type ofacCSVRole uint8

const (
	ofacRoleNone ofacCSVRole = iota
	ofacRolePrimary
	ofacRoleAlt
	ofacRoleAddress
	ofacRoleComments
)

func (r ofacCSVRole) String() string {
	return [...]string{"none", "primary", "alt", "address", "comments"}[r]
}

// detectNameHint is what a file's name alone says it is.
type detectNameHint struct {
	formats []Format // possible formats (UN and OFAC both publish "consolidated.xml")
	source  Source   // SourceUnknown when the name does not tell
	role    ofacCSVRole
}

// officialNames maps the lower-case official file names to what they are.
// Names not in the table say nothing beyond their extension.
func detectOfficialName(lower string) (detectNameHint, bool) {
	switch lower {
	case "sdn.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACSDN, ofacRolePrimary}, true
	case "alt.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACSDN, ofacRoleAlt}, true
	case "add.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACSDN, ofacRoleAddress}, true
	case "sdn_comments.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACSDN, ofacRoleComments}, true
	case "cons_prim.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACNonSDN, ofacRolePrimary}, true
	case "cons_alt.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACNonSDN, ofacRoleAlt}, true
	case "cons_add.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACNonSDN, ofacRoleAddress}, true
	case "cons_comments.csv":
		return detectNameHint{[]Format{FormatOFACCSV}, OFACNonSDN, ofacRoleComments}, true
	case "sdn.xml":
		return detectNameHint{formats: []Format{FormatOFACXML}, source: OFACSDN}, true
	case "sdn_advanced.xml":
		return detectNameHint{formats: []Format{FormatOFACAdvanced}, source: OFACSDN}, true
	case "cons_advanced.xml":
		return detectNameHint{formats: []Format{FormatOFACAdvanced}, source: OFACNonSDN}, true
	case "consolidated.xml":
		// OFAC's CONSOLIDATED.XML and the UN's consolidated.xml: the content decides.
		return detectNameHint{formats: []Format{FormatOFACXML, FormatUNXML}}, true
	case "uk-sanctions-list.xml":
		return detectNameHint{formats: []Format{FormatUKXML}, source: UK}, true
	case "uk-sanctions-list.csv":
		return detectNameHint{formats: []Format{FormatUKCSV}, source: UK}, true
	case "conlist.csv":
		return detectNameHint{formats: []Format{FormatOFSICSV}, source: UK}, true
	}
	return detectNameHint{}, false
}

// DetectFormat recognizes a list file by its name and the start of its
// content, and returns its format and source.
//
// head must hold the first bytes of the file's content, decompressed
// ([DetectHeadSize] bytes, or the whole file if it is shorter); a name
// ending in ".bz2" names a bzip2-compressed copy, and is matched without
// that suffix. Compressed bytes give an error wrapping [ErrCompressed].
//
// The content decides the format: the XML root element and its namespace
// (sdnList, Sanctions, CONSOLIDATED_LIST, export, Designations), or the
// first line of a CSV file. The official file names (sdn.csv, alt.csv,
// add.csv, sdn_comments.csv, cons_*.csv, SDN.XML, SDN_ADVANCED.XML,
// CONSOLIDATED.XML, consolidated.xml, UK-Sanctions-List.xml/.csv,
// ConList.csv) must agree with the content, or the error wraps
// [ErrFormatMismatch]; other names must at least have the extension of
// the content (.xml or .csv). The legacy OFAC CSV files are recognized only
// under their official names, which say which file of the quartet each
// is. A file that is none of the supported formats gives an error wrapping
// [ErrUnknown]. Every error names the file.
//
// The returned Source is SourceUnknown when neither the name nor the head
// tells it (an OFAC XML or advanced XML file under another name); the
// parser then decides.
func DetectFormat(name string, head []byte) (Format, Source, error) {
	f, src, _, err := detectFile(name, head)
	return f, src, err
}

// detectFile is DetectFormat returning the OFAC CSV role as well.
func detectFile(name string, head []byte) (Format, Source, ofacCSVRole, error) {
	fail := func(err error, format string, args ...any) (Format, Source, ofacCSVRole, error) {
		return FormatUnknown, SourceUnknown, ofacRoleNone, &DetectError{File: name, Reason: fmt.Sprintf(format, args...), Err: err}
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	plain, _ := trimCompressionExt(base)
	lower := strings.ToLower(plain)
	ext := path.Ext(lower)

	if isBzip2(head) {
		return fail(ErrCompressed, "content is bzip2-compressed: detect the decompressed content")
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return fail(ErrEmpty, "file is empty")
	}
	cf, csrc, desc := detectContent(head)
	hint, official := detectOfficialName(lower)

	if cf == FormatUnknown {
		if official {
			return fail(ErrFormatMismatch, "named as %s but its content is %s", hint.formats[0], desc)
		}
		return fail(ErrUnknown, "not a supported sanctions list format (%s)", desc)
	}
	if official {
		ok := false
		for _, hf := range hint.formats {
			ok = ok || hf == cf
		}
		if !ok {
			return fail(ErrFormatMismatch, "named as %s but its content is %s", hint.formats[0], cf)
		}
		src := csrc
		if lower == "consolidated.xml" && cf == FormatOFACXML {
			src = OFACNonSDN // OFAC's CONSOLIDATED.XML
		}
		if hint.source != SourceUnknown {
			if csrc != SourceUnknown && csrc != hint.source {
				return fail(ErrFormatMismatch, "named as %s but its content is %s", hint.source, csrc)
			}
			src = hint.source
		}
		return cf, src, hint.role, nil
	}
	if cf == FormatOFACCSV {
		return fail(ErrUnknown, "content is a legacy OFAC CSV file but the name is none of sdn.csv, alt.csv, add.csv, sdn_comments.csv, cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv, which say which file of the set it is")
	}
	wantExt := ".csv"
	if isXMLFormat(cf) {
		wantExt = ".xml"
	}
	if ext != wantExt {
		return fail(ErrFormatMismatch, "content is %s but the name does not end in %s", cf, wantExt)
	}
	return cf, csrc, ofacRoleNone, nil
}

// isXMLFormat reports whether f is one of the XML formats.
func isXMLFormat(f Format) bool {
	switch f {
	case FormatOFACXML, FormatOFACAdvanced, FormatUNXML, FormatEUXML, FormatUKXML:
		return true
	}
	return false
}

// The XML namespaces that identify the formats.
const (
	euExportNamespace    = "http://eu.europa.ec/fpi/fsd/export"
	ofacAdvancedNSSuffix = "/ADVANCED_XML"
	ofacAdvancedLegacyNS = "http://www.un.org/sanctions/1.0" // namespace of SDN_ADVANCED.XML before 2023
)

// detectContent recognizes the format from the head alone. desc describes
// the content when it is not recognized.
func detectContent(head []byte) (f Format, src Source, desc string) {
	h := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(h, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '<' {
		return detectXML(trimmed)
	}
	return detectCSV(h)
}

// detectXML recognizes an XML list from its root element.
func detectXML(head []byte) (Format, Source, string) {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.RawToken()
		if err != nil {
			return FormatUnknown, SourceUnknown, "XML without a root element in its first bytes"
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		ns := ""
		for _, a := range se.Attr {
			if a.Name.Space == "" && a.Name.Local == "xmlns" {
				ns = a.Value
			}
		}
		root := se.Name.Local
		switch {
		case root == "sdnList":
			return FormatOFACXML, SourceUnknown, ""
		case root == "Sanctions" && (strings.HasSuffix(ns, ofacAdvancedNSSuffix) || ns == ofacAdvancedLegacyNS):
			return FormatOFACAdvanced, SourceUnknown, ""
		case root == "CONSOLIDATED_LIST":
			return FormatUNXML, UN, ""
		case root == "export" && ns == euExportNamespace:
			return FormatEUXML, EU, ""
		case root == "Designations":
			return FormatUKXML, UK, ""
		}
		if ns != "" {
			return FormatUnknown, SourceUnknown, fmt.Sprintf("XML with root element %s in namespace %s", root, ns)
		}
		return FormatUnknown, SourceUnknown, fmt.Sprintf("XML with root element %s", root)
	}
}

// detectCSV recognizes a CSV list from its first lines.
func detectCSV(head []byte) (Format, Source, string) {
	line1, rest := detectLine(head)
	line2, _ := detectLine(rest)
	switch {
	case bytes.HasPrefix(line1, []byte("fileGenerationDate;Entity_LogicalId;")):
		return FormatEUCSV, EU, ""
	case bytes.HasPrefix(line1, []byte("Last Updated,")) && bytes.HasPrefix(line2, []byte("Name 6,")):
		return FormatOFSICSV, UK, ""
	case bytes.HasPrefix(line1, []byte("Report Date:")) && bytes.Contains(line2, []byte("Unique ID,")):
		return FormatUKCSV, UK, ""
	case bytes.HasPrefix(line1, []byte("Last Updated,Unique ID,")):
		// An FCDO CSV whose "Report Date:" preamble was removed.
		return FormatUKCSV, UK, ""
	case isOFACCSVLine(line1):
		return FormatOFACCSV, SourceUnknown, ""
	}
	if !isPrintableText(line1) {
		return FormatUnknown, SourceUnknown, "binary content"
	}
	return FormatUnknown, SourceUnknown, "text whose first line matches no list"
}

// detectLine returns the first line of b without its line ending, and the
// rest after it.
func detectLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

// isOFACCSVLine reports whether line starts like a row of the legacy OFAC
// CSV files: an entity number, a comma, then a quoted field, a number or
// the null marker "-0- " (sdn.csv `36,"AEROCARIBBEAN AIRLINES",`, alt.csv
// `36,12,"aka",`, add.csv `36,25,-0- ,`, comments `17016,"text`).
func isOFACCSVLine(line []byte) bool {
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 0 || i > 10 || i >= len(line)-1 || line[i] != ',' {
		return false
	}
	next := line[i+1:]
	switch {
	case next[0] == '"':
		return true
	case next[0] >= '0' && next[0] <= '9':
		j := 0
		for j < len(next) && next[j] >= '0' && next[j] <= '9' {
			j++
		}
		return j < len(next) && next[j] == ','
	case bytes.HasPrefix(next, []byte("-0-")):
		return true
	}
	return false
}

// isPrintableText reports whether b looks like text (no control bytes but
// tab, CR, LF and the DOS end-of-file mark).
func isPrintableText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != 0x1a {
			return false
		}
	}
	return true
}

// DetectError is an error recognizing a file: File names it, Reason says
// what was found, Err is the sentinel cause ([ErrUnknown],
// [ErrFormatMismatch], [ErrEmpty], [ErrCompressed]).
type DetectError struct {
	File   string
	Reason string
	Err    error
}

// Error returns "file: reason: cause".
func (e *DetectError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.File, e.Reason, e.Err)
}

// Unwrap returns the sentinel cause.
func (e *DetectError) Unwrap() error { return e.Err }
