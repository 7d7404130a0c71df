package evaluate

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
)

func TestReadLabelsFixture(t *testing.T) {
	f, err := os.Open("../testdata/labels/sample_labels.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := ReadLabels(f, "sample_labels.csv", CSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Cases) != 26 || !l.HasCategory {
		t.Fatalf("%d cases, category column %v; want the fixture's 26 rows with a category column", len(l.Cases), l.HasCategory)
	}
	first := l.Cases[0]
	want := Case{Line: 2, Payee: screening.Payee{ID: "p01", Name: "SIM, Hyon Sop", Type: screening.Person, DOB: "1983-11-25"},
		Label: Label{Expect: screening.Block, Source: "ofac_sdn", EntityID: "42498", Category: "people"}}
	if first.Line != want.Line || first.Payee.ID != want.Payee.ID || first.Payee.Name != want.Payee.Name ||
		first.Payee.Type != want.Payee.Type || first.Payee.DOB != want.Payee.DOB || first.Label != want.Label {
		t.Errorf("first case %+v, want %+v", first, want)
	}
	bank := l.Cases[9]
	if bank.Payee.ID != "o01" || bank.Payee.Bank.BIC != "KDBKKPPY" || bank.Payee.Type != screening.Organization {
		t.Errorf("case 10 %+v: want o01, an organization with BIC KDBKKPPY read by the payroll reader", bank.Payee)
	}
	pos, blocks := 0, 0
	for _, c := range l.Cases {
		if c.Label.Positive() {
			pos++
		}
		if c.Label.Expect == screening.Block {
			blocks++
		}
	}
	if pos != 15 || blocks != 7 {
		t.Errorf("%d positives, %d expected block; want 15 and 7 as the file says", pos, blocks)
	}
}

func TestReadLabelsJSONL(t *testing.T) {
	f, err := os.Open("testdata/sample_labels.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := ReadLabels(f, "sample_labels.jsonl", JSONL)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Cases) != 3 || !l.HasCategory {
		t.Fatalf("%d cases, category %v; want 3 (the blank line skipped) with categories", len(l.Cases), l.HasCategory)
	}
	c := l.Cases[0]
	if c.Line != 1 || c.Label.EntityID != "42498" || c.Label.Category != Uncategorized || c.Label.Expect != screening.Block {
		t.Errorf("first case %+v: want line 1, entity 42498 from a JSON number, category %q", c, Uncategorized)
	}
	if l.Cases[1].Line != 3 || l.Cases[2].Payee.Bank.BIC != "KDBKKPPY" {
		t.Errorf("cases %+v: want the second on line 3 (after the blank line) and the BIC read", l.Cases[1:])
	}
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
			if !errors.Is(err, tt.cause) {
				t.Fatalf("error %v, want one wrapping %v (%s)", err, tt.cause, tt.reason)
			}
			var le *LabelError
			var re *payroll.RowError
			switch {
			case errors.As(err, &le):
				if le.Line != tt.line || le.Field != tt.field || le.File != "l" {
					t.Errorf("error at %s:%d field %q, want l:%d field %q (%s)", le.File, le.Line, le.Field, tt.line, tt.field, tt.reason)
				}
			case errors.As(err, &re):
				if re.Line != tt.line || re.Field != tt.field {
					t.Errorf("row error at line %d field %q, want %d %q (%s)", re.Line, re.Field, tt.line, tt.field, tt.reason)
				}
			default:
				t.Errorf("error %T %v names no line (%s)", err, err, tt.reason)
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
			if !errors.As(err, &re) || re.Line != 2 {
				t.Errorf("error %v, want a row error on line 2 (%s)", err, tt.reason)
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
