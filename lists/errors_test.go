package lists

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
)

// TestErrorCausesKept checks that a ParseError keeps both the sentinel and
// the decoder's own error, for errors.Is and errors.As.
func TestErrorCausesKept(t *testing.T) {
	tests := []struct {
		name     string
		parse    func() error
		sentinel error
		cause    func(error) bool
		reason   string
	}{
		{"UK XML cut short", func() error {
			_, err := ParseUKXML(File{Name: "uk.xml", R: strings.NewReader(`<?xml version="1.0"?><Designations><DateGenerated>01/01/2024</DateGenerated><Designation`)})
			return err
		}, ErrTruncated, func(err error) bool { var se *xml.SyntaxError; return errors.As(err, &se) },
			"the xml.SyntaxError stays reachable behind ErrTruncated"},
		{"OFAC advanced XML bad syntax", func() error {
			_, err := ParseOFACAdvanced(File{Name: "sdn_advanced.xml", R: strings.NewReader(`<?xml version="1.0"?><Sanctions><<`)})
			return err
		}, ErrMalformed, func(err error) bool { var se *xml.SyntaxError; return errors.As(err, &se) },
			"the xml.SyntaxError stays reachable behind ErrMalformed"},
		{"indicator line not JSON", func() error {
			_, err := ParseIndicators("acme", File{Name: "a.jsonl", R: strings.NewReader("{\"type\": \n")})
			return err
		}, ErrMalformed, func(err error) bool { var se *json.SyntaxError; return errors.As(err, &se) },
			"the json.SyntaxError stays reachable behind ErrMalformed"},
		{"date out of range", func() error {
			_, err := ParseISODate("2024-13-01")
			return err
		}, ErrDate, func(err error) bool { return strings.Contains(err.Error(), "2024-13-01") },
			"the date is named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse()
			if !errors.Is(err, tt.sentinel) || !tt.cause(err) {
				t.Errorf("err = %v: want errors.Is %v and its cause (%s)", err, tt.sentinel, tt.reason)
			}
			var pe *ParseError
			if tt.sentinel != ErrDate && !errors.As(err, &pe) {
				t.Errorf("err = %v: want a *ParseError", err)
			}
		})
	}
}
