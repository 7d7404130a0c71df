package lists

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// ParseEUXML reads the EU Financial Sanctions Files consolidated list in
// its XML 1.1 format (root element export in the namespace
// http://eu.europa.ec/fpi/fsd/export, one sanctionEntity per entry),
// streaming it one entry at a time.
//
// Each sanctionEntity becomes one [Entity] with its logicalId as ID: the
// first strong name alias is the primary name and the others are aliases
// (weak where strong="false" or the alias remark says "low quality", a
// former name where it says "formerly known as"); regulation programmes
// are the Programs ("PRK" sets DPRK); birthdates (a date in another
// calendar only as a remark), citizenships (as Nationalities), addresses,
// identifications and contact details (as Identifiers), titles and
// functions, remarks and the designation date (Listed) are kept.
// Published is the root's generationDate.
//
// Any error is a *[ParseError] naming the entity and field, wrapping
// [ErrMalformed], [ErrTruncated], [ErrEncoding], [ErrDate], [ErrMissing],
// [ErrUnknown] (not an FSF export) or [ErrEmpty] (no entities).
func ParseEUXML(f File) (*List, error) {
	src := &euReader{r: f.R}
	d := xml.NewDecoder(bufio.NewReaderSize(src, 64<<10))
	d.CharsetReader = euCharsetReader
	l := &List{Source: EU, Format: FormatEUXML, PublishedFrom: PublishedFromContent}
	var conv euConverter
	depth := 0
	rootSeen, rootClosed := false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, euXMLError(f.Name, line, euXMLPath(depth, ""), err, src.err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case depth == 0 && rootSeen:
				line, _ := d.InputPos()
				return nil, &ParseError{File: f.Name, Line: line, Element: t.Name.Local,
					Err: fmt.Errorf("%w: a second root element %s after export", ErrMalformed, t.Name.Local)}
			case depth == 0:
				if err := euXMLRoot(t, f.Name, l); err != nil {
					return nil, err
				}
				rootSeen = true
				depth++
			case t.Name.Local == "sanctionEntity":
				// DecodeElement reads to the entity's end tag: depth
				// stays 1.
				line, _ := d.InputPos()
				var rec euRecord
				if err := d.DecodeElement(&rec, &t); err != nil {
					l2, _ := d.InputPos()
					return nil, euXMLError(f.Name, l2, euXMLPath(2, euAttr(t, "logicalId")), err, src.err)
				}
				e, err := conv.entity(&rec)
				if err != nil {
					return nil, euParseError(f.Name, line, euXMLPath(2, strings.TrimSpace(rec.LogicalID)), err, euXMLField)
				}
				l.Entities = append(l.Entities, e)
			default:
				// An element the parser does not know may hold entries
				// it would otherwise drop: refuse it.
				line, _ := d.InputPos()
				return nil, &ParseError{File: f.Name, Line: line, Element: "export/" + t.Name.Local,
					Err: fmt.Errorf("%w: unexpected element %s in export", ErrMalformed, t.Name.Local)}
			}
		case xml.EndElement:
			depth--
			if depth == 0 {
				rootClosed = true
			}
		case xml.CharData:
			if depth <= 1 && len(strings.TrimSpace(string(t))) > 0 {
				line, _ := d.InputPos()
				return nil, &ParseError{File: f.Name, Line: line, Element: euXMLPath(depth, ""), Err: fmt.Errorf("%w: unexpected text %.40q", ErrMalformed, string(t))}
			}
		}
	}
	switch {
	case !rootSeen:
		return nil, &ParseError{File: f.Name, Err: fmt.Errorf("%w: no export element", ErrEmpty)}
	case !rootClosed:
		return nil, &ParseError{File: f.Name, Element: "export", Err: fmt.Errorf("%w: export element not closed", ErrTruncated)}
	case len(l.Entities) == 0:
		return nil, &ParseError{File: f.Name, Element: "export", Err: fmt.Errorf("%w: no sanctionEntity", ErrEmpty)}
	}
	return l, nil
}

// euXMLRoot checks the root element t, which must be an FSF 1.1 export,
// and sets l.Published from its generationDate.
func euXMLRoot(t xml.StartElement, file string, l *List) error {
	if t.Name.Local != "export" || t.Name.Space != euNamespace {
		return &ParseError{File: file, Element: t.Name.Local,
			Err: fmt.Errorf("%w: root element is %s in namespace %q, not an EU FSF 1.1 export", ErrUnknown, t.Name.Local, t.Name.Space)}
	}
	gen := euAttr(t, "generationDate")
	if gen == "" {
		return &ParseError{File: file, Element: "export", Field: "generationDate", Err: fmt.Errorf("%w: export has no generationDate", ErrMissing)}
	}
	p, err := euParseGenerationDate(gen)
	if err != nil {
		return &ParseError{File: file, Element: "export", Field: "generationDate", Err: err}
	}
	l.Published = p
	return nil
}

// euParseGenerationDate parses the export's generationDate, such as
// "2026-08-05T16:47:04.449+02:00".
func euParseGenerationDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: generationDate %q is not an ISO 8601 date-time", ErrDate, s)
}

func euAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// euXMLPath names the element at depth: "export" at depth 1, else
// "export/sanctionEntity[logicalId=13]" (without the id when unknown).
func euXMLPath(depth int, logicalID string) string {
	switch {
	case depth == 0:
		return ""
	case depth == 1:
		return "export"
	case logicalID == "":
		return "export/sanctionEntity"
	}
	return "export/sanctionEntity[logicalId=" + logicalID + "]"
}

// euXMLField renders a field error as element[logicalId=N]@attribute.
func euXMLField(fe *euFieldError) string {
	if fe.Kind == "" {
		return fe.Attr
	}
	s := fe.Kind
	if fe.LogicalID != "" {
		s += "[logicalId=" + fe.LogicalID + "]"
	}
	return s + "@" + fe.Attr
}

// euCharsetReader refuses every declared encoding other than UTF-8 (which
// the decoder reads itself): the EU publishes UTF-8.
func euCharsetReader(label string, _ io.Reader) (io.Reader, error) {
	return nil, fmt.Errorf("%w: declared encoding %q, not UTF-8", ErrEncoding, label)
}

// euReader remembers the first error other than io.EOF of the reader it
// wraps, so that read errors are told apart from errors in the XML.
type euReader struct {
	r   io.Reader
	err error
}

func (r *euReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF && r.err == nil {
		r.err = err
	}
	return n, err
}

// euXMLError classifies an error of the XML decoder with [xmlCause].
// readErr is the error of the underlying reader, if any: it is passed on
// as it is.
func euXMLError(file string, line int, element string, err, readErr error) error {
	if readErr != nil {
		return &ParseError{File: file, Line: line, Element: element, Err: readErr}
	}
	return &ParseError{File: file, Line: xmlErrorLine(err, line), Element: element, Err: xmlCause(err)}
}
