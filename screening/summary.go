package screening

import (
	"fmt"
	"io"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/payscreen/payscreen/lists"
)

// Summary totals a batch run: rows and amounts per decision and currency,
// rows in error, and the lists used. The zero value is ready to use; it is
// not safe for concurrent use.
type Summary struct {
	Rows      int
	Errors    int // rows that could not be screened (counted under Review too)
	Decisions [3]int
	// Amounts totals the payment amounts per decision and currency; rows
	// without an amount add nothing.
	Amounts [3]map[string]decimal.Decimal
	Lists   []lists.Version
}

// Add counts one row result. A row in error counts as Review: it was not
// screened, so it must not be paid unseen.
func (s *Summary) Add(r RowResult) {
	s.Rows++
	d := r.Result.Decision
	if r.Err != nil {
		s.Errors++
		d = Review
	}
	s.Decisions[d]++
	if r.Row.HasAmount {
		if s.Amounts[d] == nil {
			s.Amounts[d] = map[string]decimal.Decimal{}
		}
		cur := r.Row.Currency
		if cur == "" {
			cur = "(no currency)"
		}
		s.Amounts[d][cur] = s.Amounts[d][cur].Add(r.Row.Amount)
	}
}

// WriteTo writes the summary for a person to read. Its wording is not
// stable.
func (s *Summary) WriteTo(w io.Writer) (int64, error) {
	var n int64
	p := func(format string, args ...any) {
		k, _ := fmt.Fprintf(w, format, args...)
		n += int64(k)
	}
	p("screened %d rows: %d clear, %d review, %d block; %d rows in error (counted as review)\n",
		s.Rows, s.Decisions[Clear], s.Decisions[Review], s.Decisions[Block], s.Errors)
	for d := Clear; d <= Block; d++ {
		m := s.Amounts[d]
		if len(m) == 0 {
			continue
		}
		curs := make([]string, 0, len(m))
		for c := range m {
			curs = append(curs, c)
		}
		sort.Strings(curs)
		p("  %-6s", d)
		for i, c := range curs {
			if i > 0 {
				p(",")
			}
			p(" %s %s", m[c].StringFixed(2), c)
		}
		p("\n")
	}
	if len(s.Lists) > 0 {
		p("lists used:\n")
		for _, v := range s.Lists {
			sample := ""
			if v.Sample {
				sample = "  [SAMPLE - not for real screening]"
			}
			p("  %-40s %-18s published %s%s\n", v.Source.Title(), v.Format, publishedDate(v), sample)
		}
	}
	return n, nil
}
