package screening

import (
	"fmt"
	"strings"

	"github.com/payscreen/payscreen/lists"
)

// nameHit is a listed name that scored against the payee's name.
type nameHit struct {
	ref    entityRef
	name   int     // index in the entity's Names
	score  float64 // in [0,1]
	detail string  // how the tokens met, for the evidence
	tokens int     // significant (non-weak) tokens in the shorter of the two names
	extra  int     // significant payee tokens the listed name lacks
}

// candidate gathers what one listed entity matched: its best name and the
// identifiers.
type candidate struct {
	ref  entityRef
	name *nameHit
	ids  []Evidence
}

type candidates struct {
	byRef map[entityRef]*candidate
	order []entityRef
}

func newCandidates() *candidates {
	return &candidates{byRef: map[entityRef]*candidate{}}
}

func (c *candidates) get(ref entityRef) *candidate {
	if x, ok := c.byRef[ref]; ok {
		return x
	}
	x := &candidate{ref: ref}
	c.byRef[ref] = x
	c.order = append(c.order, ref)
	return x
}

// addName keeps the best-scoring name of each entity (the earlier name,
// the primary first, on a tie).
func (c *candidates) addName(h nameHit) {
	x := c.get(h.ref)
	if x.name == nil || h.score > x.name.score || (h.score == x.name.score && h.name < x.name.name) {
		hh := h
		x.name = &hh
	}
}

func (c *candidates) addID(ref entityRef, e Evidence) {
	x := c.get(ref)
	x.ids = append(x.ids, e)
}

// decide turns a candidate into a match with its evidence and decision,
// or reports false when it is no match: a name below its threshold with no
// identifier, or a name excluded by a strong contradiction.
func (s *Screener) decide(p *Payee, q *query, c *candidate) (Match, bool) {
	l, e := s.entity(c.ref)
	th := s.policy.ThresholdsFor(l.ID(), e.Programs, e.DPRK)
	nameOK := c.name != nil && c.name.score >= th.Review
	if !nameOK && len(c.ids) == 0 {
		return Match{}, false
	}
	m := Match{
		Source:      l.ID(),
		EntityID:    e.ID,
		Name:        e.PrimaryName(),
		EntityType:  e.Type,
		Programs:    e.Programs,
		DPRK:        e.DPRK,
		Fingerprint: s.fingerprint(c.ref),
	}
	if m.Programs == nil {
		m.Programs = []string{}
	}
	var ev []Evidence
	if nameOK {
		n := e.Names[c.name.name]
		m.MatchedName = n.Full
		m.Score = round4(c.name.score)
		ev = append(ev, Evidence{Field: FieldName, Query: p.Name, Listed: n.Full, Score: m.Score, Effect: Matches, Detail: c.name.detail})
		if n.Strength == lists.Weak {
			ev = append(ev, Evidence{Field: FieldName, Query: p.Name, Listed: n.Full, Score: m.Score, Effect: Caps,
				Detail: "weak alias: the publisher marks it as too broad to identify the entry alone"})
		}
		if c.name.tokens <= 1 {
			ev = append(ev, Evidence{Field: FieldName, Query: p.Name, Listed: n.Full, Score: m.Score, Effect: Caps,
				Detail: "single-token or surname-only match"})
		}
		if x, ok := typeEvidence(p.Type, e.Type); ok {
			ev = append(ev, x)
		}
		if x, ok := craftEvidence(p.Type, e.Type, c.name.score); ok {
			ev = append(ev, x)
		}
		if q.hasDOB && len(e.BirthDates) > 0 {
			d := dobEvidence(q.dob, e.BirthDates)
			ev = append(ev, d)
			if x, ok := namesakeEvidence(p.Name, n.Full, c.name, d); ok {
				ev = append(ev, x)
			}
		}
		if q.country != "" {
			if x, ok := countryEvidence(q.country, e); ok {
				ev = append(ev, x)
			}
		}
	}
	ev = append(ev, c.ids...)
	m.Evidence = ev

	f := FactsOf(ev)
	if nameOK {
		f.NameScore = c.name.score // unrounded, as the thresholds are met
	}
	v := Decide(f, th)
	if !v.Reported {
		return Match{}, false
	}
	m.Decision, m.Score = v.Decision, round4(v.Score)
	return m, true
}

// namesakeNearExact is the name score from which a payee name with words
// the listed name lacks is still taken for the listed person when the birth
// dates differ.
const namesakeNearExact = 0.95

// namesakeEvidence excludes a namesake: the payee's name has a word (a
// given name, a syllable) the listed name lacks and the birth dates differ
// (d contradicts), and the names are not near-exact otherwise. Kim Yong
// Chol Ha Yun born 1961 is not KIM Yong Chol born 1962; Park Yujin is not
// RYU Jin.
func namesakeEvidence(query, listed string, h *nameHit, d Evidence) (Evidence, bool) {
	if d.Effect != Contradicts || h.extra == 0 || h.score >= namesakeNearExact {
		return Evidence{}, false
	}
	return Evidence{Field: FieldName, Query: query, Listed: listed, Score: round4(h.score), Effect: Excludes,
		Detail: fmt.Sprintf("namesake: %d word(s) of the payee's name are not in the listed name and the birth dates differ", h.extra)}, true
}

func round4(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 10000
}

// typeEvidence compares the payee's type with the listed entry's.
func typeEvidence(t PayeeType, et lists.EntityType) (Evidence, bool) {
	switch {
	case t == Person && (et == lists.Organization || et == lists.Vessel || et == lists.Aircraft):
		return Evidence{Field: FieldType, Query: t.String(), Listed: et.String(), Effect: Excludes,
			Detail: "a person cannot be a listed " + et.String()}, true
	case t == Organization && et == lists.Person:
		return Evidence{Field: FieldType, Query: t.String(), Listed: et.String(), Effect: Excludes,
			Detail: "an organization cannot be a listed person"}, true
	case t != UnknownType && et != lists.TypeUnknown:
		return Evidence{Field: FieldType, Query: t.String(), Listed: et.String(), Effect: Neutral, Detail: "same type"}, true
	}
	return Evidence{}, false
}

// craftNearExact is the name score a payee that is not a person needs to
// match a listed vessel or aircraft.
const craftNearExact = 0.95

// craftEvidence excludes a listed vessel or aircraft whose name a payee
// that is not known to be a person (a person is excluded by typeEvidence)
// merely resembles: a ship's name is one common word (STAR, PREMIER,
// ELIZABET), and a company called Stark LLC, Priemer UG or Elizabeth Ltd
// is not that ship.
func craftEvidence(t PayeeType, et lists.EntityType, score float64) (Evidence, bool) {
	if t == Person || et != lists.Vessel && et != lists.Aircraft || score >= craftNearExact {
		return Evidence{}, false
	}
	return Evidence{Field: FieldName, Effect: Excludes, Score: round4(score),
		Detail: fmt.Sprintf("a listed %s is matched only by its name as listed (score %.2f < %.2f)", et, score, craftNearExact)}, true
}

// dobEvidence compares the payee's date of birth with the listed ones and
// returns the most favourable comparison: a listed date that agrees
// corroborates; one within a year (or an approximate one within three)
// contradicts weakly; otherwise the dates exclude the entry.
func dobEvidence(d lists.Date, listed []lists.DateOfBirth) Evidence {
	best := Evidence{Field: FieldDOB, Query: d.String(), Effect: Excludes}
	rank := map[Effect]int{Corroborates: 3, Neutral: 2, Contradicts: 1, Excludes: 0}
	for _, b := range listed {
		e := compareDOB(d, b)
		e.Field, e.Query, e.Listed = FieldDOB, d.String(), b.String()
		if best.Listed == "" || rank[e.Effect] > rank[best.Effect] {
			best = e
		}
	}
	return best
}

func compareDOB(d lists.Date, b lists.DateOfBirth) Evidence {
	if b.IsRange() {
		if !d.Before(b.From) && !b.To.Before(lists.Date{Year: d.Year}) {
			return Evidence{Score: 1, Effect: Corroborates, Detail: "within the listed range"}
		}
		gap := min(abs(d.Year-b.From.Year), abs(d.Year-b.To.Year))
		if gap <= 1 {
			return Evidence{Score: 0.5, Effect: Contradicts, Detail: "a year outside the listed range"}
		}
		return Evidence{Effect: Excludes, Detail: fmt.Sprintf("%d years outside the listed range", gap)}
	}
	l := b.From
	tol := 1
	if b.Approximate {
		tol = 3
	}
	dy := abs(d.Year - l.Year)
	switch {
	case dy == 0 && partsAgree(d.Month, l.Month) && partsAgree(d.Day, l.Day):
		if b.Approximate {
			return Evidence{Score: 0.8, Effect: Corroborates, Detail: "same year as the approximate listed date"}
		}
		return Evidence{Score: 1, Effect: Corroborates, Detail: "same date" + precisionNote(d, l)}
	case dy == 0 && d.Month != 0 && d.Day != 0 && d.Month == l.Day && d.Day == l.Month:
		return Evidence{Score: 0.9, Effect: Corroborates, Detail: "same date with day and month swapped"}
	case dy == 0:
		return Evidence{Score: 0.5, Effect: Contradicts, Detail: "same year, different day or month"}
	case dy <= tol:
		return Evidence{Score: 0.3, Effect: Contradicts, Detail: fmt.Sprintf("%d year(s) apart", dy)}
	}
	return Evidence{Effect: Excludes, Detail: fmt.Sprintf("%d years apart", dy)}
}

// partsAgree reports whether two date parts agree where both are known.
func partsAgree(a, b int) bool { return a == 0 || b == 0 || a == b }

func precisionNote(a, b lists.Date) string {
	if a.Day == 0 || b.Day == 0 {
		return " (as far as both are known)"
	}
	return ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// countryEvidence compares the payee's country with the listed entry's
// nationalities, citizenships, address and birth countries.
func countryEvidence(c string, e *lists.Entity) (Evidence, bool) {
	var listed []string
	add := func(v string) {
		if v != "" && !containsFold(listed, v) {
			listed = append(listed, v)
		}
	}
	for _, v := range e.Nationalities {
		add(v)
	}
	for _, v := range e.Citizenships {
		add(v)
	}
	nat := len(listed)
	for _, a := range e.Addresses {
		add(a.Country)
	}
	for _, pl := range e.BirthPlaces {
		add(pl.Country)
	}
	if len(listed) == 0 {
		return Evidence{}, false
	}
	ev := Evidence{Field: FieldCountry, Query: c, Listed: strings.Join(listed, ", ")}
	switch {
	case containsFold(listed, c):
		ev.Score, ev.Effect, ev.Detail = 1, Corroborates, "country listed for the entry"
	case nat > 0:
		ev.Effect, ev.Detail = Contradicts, "not a listed nationality, citizenship or address country"
	default:
		ev.Effect, ev.Detail = Neutral, "not a listed address country"
	}
	return ev, true
}
