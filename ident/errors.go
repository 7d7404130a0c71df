package ident

import "errors"

// Sentinel causes of validation errors; test with errors.Is.
var (
	ErrEmpty    = errors.New("empty")
	ErrLength   = errors.New("wrong length")
	ErrChars    = errors.New("invalid characters")
	ErrCountry  = errors.New("unknown country")
	ErrChecksum = errors.New("checksum mismatch")
	ErrFormat   = errors.New("does not match the format")
)

// Error is a validation error of one identifier. Kind names the identifier
// ("IBAN", "BIC", "ABA routing number", "crypto address"); the value itself
// is not included, since it may be personal data.
type Error struct {
	Kind   string
	Detail string
	Err    error
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return "invalid " + e.Kind + ": " + e.Err.Error() + ": " + e.Detail
	}
	return "invalid " + e.Kind + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }
