package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xmlCause classifies an error of an encoding/xml Decoder, for every XML
// parser of the package: the result wraps err (so that errors.Is finds
// its cause) with ErrTruncated for an unexpected end of file, ErrEncoding
// for invalid UTF-8 or a declared encoding that is not read, and
// ErrMalformed for any other syntax or declaration error. An error that
// already wraps one of the three (a CharsetReader's ErrEncoding) is
// returned as it is.
//
// encoding/xml tells these apart only in the text of [xml.SyntaxError]'s
// Msg (and of its declaration errors, "xml: …"): this is the one place
// that reads it.
func xmlCause(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, ErrEncoding), errors.Is(err, ErrTruncated), errors.Is(err, ErrMalformed):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	case errors.As(err, &se):
		switch {
		case strings.Contains(se.Msg, "unexpected EOF"):
			return fmt.Errorf("%w: %w", ErrTruncated, err)
		case strings.Contains(se.Msg, "UTF-8"), strings.Contains(se.Msg, "charset"):
			return fmt.Errorf("%w: %w", ErrEncoding, err)
		}
	case strings.Contains(err.Error(), "CharsetReader"):
		// "xml: encoding "X" declared but Decoder.CharsetReader is nil"
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// xmlErrorLine returns the line an [xml.SyntaxError] in err names, or
// def.
func xmlErrorLine(err error, def int) int {
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Line > 0 {
		return se.Line
	}
	return def
}
