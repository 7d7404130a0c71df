package evaluate

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
)

func TestReadLabelsFixture(t *testing.T) {
	f, err := os.Open("../testdata/labels/sample_labels.csv")
	require.NoError(t, err)
	defer f.Close()
	l, err := ReadLabels(f, "sample_labels.csv", CSV)
	require.NoError(t, err)
	require.Len(t, l.Cases, 26, "the fixture's rows")
	require.True(t, l.HasCategory, "the fixture has a category column")
	first := l.Cases[0]
	want := Case{Line: 2, Payee: screening.Payee{ID: "p01", Name: "SIM, Hyon Sop", Type: screening.Person, DOB: "1983-11-25"},
		Label: Label{Expect: screening.Block, Source: "ofac_sdn", EntityID: "42498", Category: "people"}}
	if first.Line != want.Line || first.Payee.ID != want.Payee.ID || first.Payee.Name != want.Payee.Name ||
		first.Payee.Type != want.Payee.Type || first.Payee.DOB != want.Payee.DOB || first.Label != want.Label {
		t.Errorf("first case %+v, want %+v", first, want)
	}
	bank := l.Cases[9].Payee
	assert.Equal(t, "o01", bank.ID, "case 10")
	assert.Equal(t, "KDBKKPPY", bank.Bank.BIC, "case 10: the BIC read by the payroll reader")
	assert.Equal(t, screening.Organization, bank.Type, "case 10 is an organization")
	pos, blocks := 0, 0
	for _, c := range l.Cases {
		if c.Label.Positive() {
			pos++
		}
		if c.Label.Expect == screening.Block {
			blocks++
		}
	}
	assert.Equal(t, 15, pos, "positives, as the file says")
	assert.Equal(t, 7, blocks, "expected block, as the file says")
}

func TestReadLabelsJSONL(t *testing.T) {
	f, err := os.Open("testdata/sample_labels.jsonl")
	require.NoError(t, err)
	defer f.Close()
	l, err := ReadLabels(f, "sample_labels.jsonl", JSONL)
	require.NoError(t, err)
	require.Len(t, l.Cases, 3, "the blank line skipped")
	require.True(t, l.HasCategory, "categories")
	c := l.Cases[0]
	assert.Equal(t, 1, c.Line, "first case's line")
	assert.Equal(t, "42498", c.Label.EntityID, "entity from a JSON number")
	assert.Equal(t, Uncategorized, c.Label.Category, "first case without a category")
	assert.Equal(t, screening.Block, c.Label.Expect, "first case's expectation")
	assert.Equal(t, 3, l.Cases[1].Line, "the second case on line 3, after the blank line")
	assert.Equal(t, "KDBKKPPY", l.Cases[2].Payee.Bank.BIC, "the third case's BIC")
}

func TestReadLabelsErrors(t *testing.T) {
	tests := []struct {
		name   string
		format LabelFormat
		in     string
		line   int    // of the *LabelError or *payroll.RowError
		field  string // of the error
		cause  error
		reason string
	}{
		{"no expect column", CSV, "id,name\n1,A\n", 1, "", ErrNoExpect, "a labels file must say what each row should give"},
		{"bad expect", CSV, "id,name,expect\n1,A,clear\n2,B,maybe\n", 3, "expect", ErrExpect, "expect is clear, review or block"},
		{"empty expect", CSV, "id,name,expect\n1,A,\n", 2, "expect", ErrExpect, "a row without an expectation cannot be scored"},
		{"bad source", CSV, "id,name,expect,source\n1,A,review,ofac sdn\n", 2, "source", ErrLabelSource, "a source name has no spaces"},
		{"no id", CSV, "id,name,expect\n,A,clear\n", 2, "id", payroll.ErrNoID, "the payroll reader's own row errors come through"},
		{"no rows", CSV, "id,name,expect\n", 0, "", ErrNoLabels, "figures over no rows mean nothing"},
		{"bad expect jsonl", JSONL, `{"id":"1","name":"A","expect":"yes"}` + "\n", 1, "expect", ErrExpect, "JSON Lines rows are checked the same way"},
		{"no rows jsonl", JSONL, "\n\n", 0, "", ErrNoLabels, "blank lines are no rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadLabels(strings.NewReader(tt.in), "l", tt.format)
			require.ErrorIs(t, err, tt.cause, tt.reason)
			var le *LabelError
			var re *payroll.RowError
			switch {
			case errors.As(err, &le):
				assert.Equal(t, fmt.Sprintf("l:%d field %q", tt.line, tt.field), fmt.Sprintf("%s:%d field %q", le.File, le.Line, le.Field), tt.reason)
			case errors.As(err, &re):
				assert.Equal(t, fmt.Sprintf("line %d field %q", tt.line, tt.field), fmt.Sprintf("line %d field %q", re.Line, re.Field), tt.reason)
			default:
				assert.Failf(t, "error names no line", "%T %v (%s)", err, err, tt.reason)
			}
		})
	}
}

func TestReadLabelsMalformedRows(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason string
	}{
		{"field count", "id,name,expect\n1,A\n", "a short row is an error, not a row with empty fields"},
		{"bare quote", "id,name,expect\n1,A\"B,clear\n", "a malformed CSV row is an error"},
		{"bad utf-8", "id,name,expect\n1,\xff,clear\n", "invalid UTF-8 is an error"},
		{"unterminated quote", "id,name,expect\n1,\"A,clear\n", "a quote left open to the end of the file is an error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadLabels(strings.NewReader(tt.in), "l", CSV)
			var re *payroll.RowError
			if assert.ErrorAs(t, err, &re, tt.reason) {
				assert.Equal(t, 2, re.Line, "row error's line (%s)", tt.reason)
			}
		})
	}
}

func FuzzReadLabels(f *testing.F) {
	for _, name := range []string{"../testdata/labels/sample_labels.csv", "testdata/sample_labels.jsonl"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, strings.HasSuffix(name, ".jsonl"))
	}
	f.Add([]byte("id,expect\n1,clear\n"), false)
	f.Add([]byte(",eXpeCt\n\"000000"), false) // once panicked: a record error has no field positions
	f.Add([]byte("\xef\xbb\xbfid,expect,category\n1,review,\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		format := CSV
		if jsonl {
			format = JSONL
		}
		l, err := ReadLabels(strings.NewReader(string(data)), "fuzz", format)
		if err != nil {
			if l != nil {
				t.Fatalf("labels and error %v", err)
			}
			return
		}
		if len(l.Cases) == 0 {
			t.Fatal("no cases and no error")
		}
		for _, c := range l.Cases {
			if c.Label.Expect > screening.Block || c.Line < 1 || (l.HasCategory && c.Label.Category == "") {
				t.Fatalf("bad case %+v", c)
			}
		}
	})
}
