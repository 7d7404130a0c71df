package evaluate

import (
	"strings"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// matchFacts is what the re-derivation of a match's decision needs from
// its evidence. See the package documentation for the rules.
type matchFacts struct {
	source   string // the list's text form (Match.Source.String())
	entityID string
	src      lists.ListID // for per-list thresholds
	programs []string
	dprk     bool

	hasName   bool    // a name reached the sweep's review threshold
	nameScore float64 // its score, as reported
	hasIDs    bool    // identifier evidence (wallet, BIC, IBAN, document, ...)
	idBlocks  bool    // an identifier that blocks
	idCaps    bool    // an identifier that caps the match at review
	// Evidence that depends on the name being matched.
	excludes, corroborates, contradicts, nameCaps bool
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
		mf := matchFacts{
			source:   m.Source.String(),
			entityID: m.EntityID,
			src:      m.Source,
			programs: m.Programs,
			dprk:     m.DPRK,
		}
		for _, e := range m.Evidence {
			if e.Field.Identifier() {
				mf.hasIDs = true
				switch e.Effect {
				case screening.Blocks:
					mf.idBlocks = true
				case screening.Caps:
					mf.idCaps = true
				}
				continue
			}
			switch e.Effect {
			case screening.Matches:
				if e.Field == screening.FieldName {
					mf.hasName, mf.nameScore = true, e.Score
				}
			case screening.Excludes:
				mf.excludes = true
			case screening.Corroborates:
				mf.corroborates = true
			case screening.Contradicts:
				mf.contradicts = true
			case screening.Caps:
				mf.nameCaps = true
			}
		}
		f.matches = append(f.matches, mf)
	}
	return f
}

// decide re-derives the decision of the match under thresholds th; ok is
// false when the match would not be reported at all.
func (m *matchFacts) decide(th screening.Thresholds) (d screening.Decision, ok bool) {
	nameOK := m.hasName && m.nameScore >= th.Review
	switch {
	case !nameOK && !m.hasIDs:
		return screening.Clear, false
	case m.idBlocks:
		return screening.Block, true
	case !nameOK:
		return screening.Review, true
	case m.excludes:
		if !m.hasIDs {
			return screening.Clear, false
		}
		return screening.Review, true
	case m.nameScore >= th.Block && m.corroborates && !m.contradicts && !m.nameCaps && !m.idCaps:
		return screening.Block, true
	}
	return screening.Review, true
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
		th := p.ThresholdsFor(m.src, m.programs, m.dprk)
		d, ok := m.decide(th)
		if !ok {
			continue
		}
		v.matched = true
		// The score a result reports: 1 for an identifier hit that blocks
		// or stands without the name, else the name's.
		s := m.nameScore
		if m.idBlocks || !m.hasName || m.nameScore < th.Review {
			s = 1
		}
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
		if m.hasName && m.wants(l) {
			s = max(s, m.nameScore)
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
