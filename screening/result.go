package screening

import (
	"fmt"
	"strings"

	"github.com/payscreen/payscreen/lists"
)

// Evidence is one reason behind a match: which payee field met which
// listed value, how well, and what that did to the decision.
type Evidence struct {
	Field  Field   `json:"field"`  // the payee field compared
	Query  string  `json:"query"`  // the payee's value
	Listed string  `json:"listed"` // the listed value it was compared with
	Score  float64 `json:"score"`  // similarity in [0,1]; 1 for exact identifier hits
	Effect Effect  `json:"effect"`
	// Detail explains the comparison in words (unstable).
	Detail string `json:"detail,omitempty"`
}

// Match is one listed entity a payee matched.
type Match struct {
	// Source is the list of the entry: an official source, or an indicator
	// feed, which JSON shows by its name.
	Source   lists.ListID `json:"source"`
	EntityID string       `json:"entity_id"`
	// Fingerprint is the listed entry's [lists.Entity.Fingerprint],
	// computed once when the Screener is built. An allow-list entry
	// copies Source, EntityID and Fingerprint from a match and stops
	// suppressing it when the entry changes.
	Fingerprint string `json:"fingerprint"`
	// Name is the entity's primary listed name; MatchedName the name or
	// alias that matched (empty for an identifier-only match).
	Name        string           `json:"name"`
	MatchedName string           `json:"matched_name"`
	EntityType  lists.EntityType `json:"-"`
	Score       float64          `json:"score"`
	Programs    []string         `json:"programs"`
	DPRK        bool             `json:"dprk"`
	Evidence    []Evidence       `json:"evidence"`
	// Decision is what this match alone decides.
	Decision Decision `json:"-"`
}

// Flag is a finding about the payee's own data (an invalid IBAN, a bank in
// a sanctioned country, ...).
type Flag struct {
	Code     FlagCode `json:"code"`
	Detail   string   `json:"detail"`
	Decision Decision `json:"-"`
}

// Result is the outcome of screening one payee or payment.
type Result struct {
	PayeeID  string   `json:"payee_id"`
	Decision Decision `json:"decision"`
	// Score is the highest match score, 0 without matches.
	Score   float64 `json:"score"`
	Matches []Match `json:"matches"`
	Flags   []Flag  `json:"flags"`
	// Lists are the versions of the lists the result was decided against.
	Lists []lists.Version `json:"lists"`
}

// Explain returns a human-readable account of the result for a person to
// read. Its wording is not stable: do not parse it; use the structured
// fields.
func (r *Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Decision: %s", strings.ToUpper(r.Decision.String()))
	if len(r.Matches) > 0 {
		fmt.Fprintf(&b, " (top score %.2f)", r.Score)
	}
	b.WriteString("\n")
	if len(r.Matches) == 0 && len(r.Flags) == 0 {
		b.WriteString("No listed name or identifier matched.\n")
	}
	for i, m := range r.Matches {
		fmt.Fprintf(&b, "\nMatch %d: %s %s — %s", i+1, m.Source.Title(), m.EntityID, m.Name)
		if m.MatchedName != "" && m.MatchedName != m.Name {
			fmt.Fprintf(&b, " (as %q)", m.MatchedName)
		}
		fmt.Fprintf(&b, "\n  score %.2f, decides %s; programs %s", m.Score, m.Decision, strings.Join(m.Programs, ", "))
		if m.DPRK {
			b.WriteString("; North Korea (DPRK) regime")
		}
		b.WriteString("\n")
		for _, e := range m.Evidence {
			fmt.Fprintf(&b, "  - %s: %q vs listed %q: %s", e.Field, e.Query, e.Listed, e.Effect)
			if e.Score > 0 && e.Score < 1 {
				fmt.Fprintf(&b, " (%.2f)", e.Score)
			}
			if e.Detail != "" {
				fmt.Fprintf(&b, " — %s", e.Detail)
			}
			b.WriteString("\n")
		}
	}
	if len(r.Flags) > 0 {
		b.WriteString("\nFlags:\n")
		for _, f := range r.Flags {
			fmt.Fprintf(&b, "  - %s: %s\n", f.Code, f.Detail)
		}
	}
	if len(r.Lists) > 0 {
		b.WriteString("\nLists used:\n")
		for _, v := range r.Lists {
			sample := ""
			if v.Sample {
				sample = " [SAMPLE — not for real screening]"
			}
			fmt.Fprintf(&b, "  - %s (%s), published %s, sha256 %s%s\n", v.Source.Title(), v.Format, publishedDate(v), shortHash(v.SHA256()), sample)
		}
	}
	return b.String()
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

// publishedDate formats a list's publish date, "unknown" when the list
// states none.
func publishedDate(v lists.Version) string {
	if v.Published.IsZero() {
		return "unknown"
	}
	return v.Published.Format("2006-01-02")
}
