package evaluate

import (
	"strings"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// matchFacts is a match as the re-derivation of its decision needs it:
// which list entry it is and [screening.FactsOf] its evidence. See the
// package documentation for the rules.
type matchFacts struct {
	source   string // the list's text form (Match.Source.String())
	entityID string
	list     lists.ListID // for per-list thresholds
	programs []string
	dprk     bool
	facts    screening.MatchFacts
}

// rowFacts is one screened row.
type rowFacts struct {
	flags   screening.Decision // the highest decision of the result's flags
	matches []matchFacts
}

func factsOf(r *screening.Result) rowFacts {
	f := rowFacts{}
	for _, fl := range r.Flags {
		if fl.Decision > f.flags {
			f.flags = fl.Decision
		}
	}
	f.matches = make([]matchFacts, 0, len(r.Matches))
	for i := range r.Matches {
		m := &r.Matches[i]
		f.matches = append(f.matches, matchFacts{
			source:   m.Source.String(),
			entityID: m.EntityID,
			list:     m.Source,
			programs: m.Programs,
			dprk:     m.DPRK,
			facts:    screening.FactsOf(m.Evidence),
		})
	}
	return f
}

// wants reports whether the match is the one the label asks for.
func (m *matchFacts) wants(l *Label) bool {
	if l.Source != "" && !strings.EqualFold(m.source, l.Source) {
		return false
	}
	return l.EntityID == "" || m.entityID == l.EntityID
}

// verdict is a row's outcome under one policy.
type verdict struct {
	decision screening.Decision
	// wanted: a match the label asks for (any match if it names neither
	// source nor entity) is reported.
	wanted bool
	// matched: some match is reported.
	matched bool
	// top is the top match ("source:entity_id"): the highest decision,
	// then the highest score, as results sort them.
	top string
}

// judge re-derives the row's outcome under policy p.
func (f *rowFacts) judge(p *screening.Policy, l *Label) verdict {
	v := verdict{decision: f.flags}
	var topD screening.Decision
	topS := -1.0
	for i := range f.matches {
		m := &f.matches[i]
		mv := screening.Decide(m.facts, p.ThresholdsFor(m.list, m.programs, m.dprk))
		if !mv.Reported {
			continue
		}
		v.matched = true
		d, s := mv.Decision, mv.Score
		if d > topD || d == topD && s > topS {
			topD, topS, v.top = d, s, m.source+":"+m.entityID
		}
		v.decision = max(v.decision, d)
		if m.wants(l) {
			v.wanted = true
		}
	}
	return v
}

// bestScore is the best name score of the matches the label asks for,
// whatever the thresholds (down to the bottom of the sweep).
func (f *rowFacts) bestScore(l *Label) float64 {
	s := 0.0
	for i := range f.matches {
		m := &f.matches[i]
		if m.facts.Name && m.wants(l) {
			s = max(s, m.facts.NameScore)
		}
	}
	return s
}

// alerted reports whether the verdict counts as an alert for label l: for
// a label naming a source or entity, a match on it; otherwise any decision
// above clear (flags included).
func (v verdict) alerted(l *Label) bool {
	if l.Source != "" || l.EntityID != "" {
		return v.wanted
	}
	return v.decision >= screening.Review
}
