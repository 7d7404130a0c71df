package lists

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel causes wrapped by [ParseError] and the loaders; test with errors.Is.
var (
	ErrFieldCount = errors.New("wrong number of fields")
	ErrDate       = errors.New("invalid date")
	ErrEncoding   = errors.New("invalid text encoding")
	ErrMalformed  = errors.New("malformed file")
	ErrTruncated  = errors.New("truncated file")
	ErrEmpty      = errors.New("empty file")
	ErrMissing    = errors.New("required value missing")
	ErrUnknown    = errors.New("unrecognized file")
	ErrStale      = errors.New("list is stale")
	ErrShrunk     = errors.New("new snapshot lost too many entities")
)

// ParseError is an error in one place of one list file. File is the file's
// name; Line is a 1-based line number (0 when unknown); Element is the XML
// element path or record key where that is more useful than a line; Field
// names the column or element that is wrong.
type ParseError struct {
	File    string
	Line    int
	Element string
	Field   string
	Err     error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, ": %s", e.Element)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %s", e.Field)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }
