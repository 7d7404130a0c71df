package watchman

import (
	"fmt"
	"math"
	"strings"

	"github.com/moov-io/watchman/pkg/search"
)

// pieceName is the PieceType of Watchman's name comparison.
const pieceName = "name"

// scoreTolerance is how far the client's recomputation of a result's
// score may be from the server's: float rounding only.
const scoreTolerance = 1e-9

// scored is one search result with the scores payscreen takes from it.
type scored struct {
	final  float64 // Watchman's overall match score
	name   float64 // Watchman's name piece
	exact  bool    // Watchman marked the name piece exact
	pieces []search.ScorePiece
}

// scoreResult takes the score pieces of a result: from the server's
// details when the search asked for them (debug=yes), otherwise by running
// Watchman's own scoring code (the client package's DetailedSimilarity,
// which the server runs too) on the query and the returned entry. Either
// way the overall score must be the one the server returned, so that a
// server tuned differently, or details given for another result, cannot
// pass unnoticed.
//
// idx is the result's entry with its prepared fields (see prepCache).
func scoreResult(query search.Entity[search.Value], r *search.SearchedEntity[search.Value], idx search.Entity[search.Value], fromServer bool) (scored, error) {
	var d search.SimilarityScore
	if fromServer {
		d = r.Details
		if len(d.Pieces) == 0 {
			return scored{}, fmt.Errorf("%w: result %s %s has no score details", ErrProtocol, r.Source, r.SourceID)
		}
		if math.Abs(d.FinalScore-r.Match) > scoreTolerance {
			return scored{}, fmt.Errorf("%w: result %s %s has match %v but details for %v", ErrProtocol, r.Source, r.SourceID, r.Match, d.FinalScore)
		}
	} else {
		d = search.DetailedSimilarity(nil, query, idx)
		if math.Abs(d.FinalScore-r.Match) > scoreTolerance {
			return scored{}, fmt.Errorf("%w: result %s %s: server %.6f, client %.6f", ErrScoreMismatch, r.Source, r.SourceID, r.Match, d.FinalScore)
		}
	}
	s := scored{final: r.Match, pieces: d.Pieces}
	found := false
	for _, p := range d.Pieces {
		if p.PieceType == pieceName && p.FieldsCompared > 0 {
			s.name, s.exact, found = clamp01(p.Score), p.Exact, true
			break
		}
	}
	if !found {
		return scored{}, fmt.Errorf("%w: result %s %s has no name score", ErrProtocol, r.Source, r.SourceID)
	}
	return s, nil
}

// bestName returns the name or alias of e that scores best against the
// query on its own, by Watchman's name comparison; the primary name on a
// tie. Watchman reports only the entry's score, not which of its names
// gave it. e must have its prepared fields.
func bestName(query search.Entity[search.Value], e *search.Entity[search.Value]) string {
	best, bestScore := e.Name, -1.0
	pf := &e.PreparedFields
	try := func(n, prepared string, fields []string, penalty float64) {
		if strings.TrimSpace(n) == "" {
			return
		}
		one := search.Entity[search.Value]{Name: n, Type: e.Type, Source: e.Source}
		switch e.Type {
		case search.EntityPerson:
			one.Person = &search.Person{Name: n}
		case search.EntityBusiness:
			one.Business = &search.Business{Name: n}
		case search.EntityOrganization:
			one.Organization = &search.Organization{Name: n}
		case search.EntityVessel:
			one.Vessel = &search.Vessel{Name: n}
		case search.EntityAircraft:
			one.Aircraft = &search.Aircraft{Name: n}
		}
		one.PreparedFields = search.PreparedFields{Name: prepared, NameFields: fields}
		d := search.DetailedSimilarity(nil, query, one)
		for _, p := range d.Pieces {
			if p.PieceType == pieceName && p.Score*penalty > bestScore {
				best, bestScore = n, p.Score*penalty
			}
		}
	}
	try(e.Name, pf.Name, pf.NameFields, 1)
	alts := altNames(e)
	for i := range min(len(alts), len(pf.AltNames), len(pf.AltNameFields)) {
		try(alts[i], pf.AltNames[i], pf.AltNameFields[i], 1)
	}
	i := 0
	for _, h := range e.HistoricalInfo {
		if !strings.EqualFold(h.Type, "Former Name") || h.Value == "" {
			continue
		}
		if i < len(pf.HistoricalNames) && i < len(pf.HistoricalNameFields) {
			try(h.Value, pf.HistoricalNames[i], pf.HistoricalNameFields[i], 0.95) // Watchman's penalty for former names
		}
		i++
	}
	return best
}

// altNames returns the aliases of e, wherever its type keeps them.
func altNames(e *search.Entity[search.Value]) []string {
	switch {
	case e.Person != nil:
		return e.Person.AltNames
	case e.Business != nil:
		return e.Business.AltNames
	case e.Organization != nil:
		return e.Organization.AltNames
	case e.Vessel != nil:
		return e.Vessel.AltNames
	case e.Aircraft != nil:
		return e.Aircraft.AltNames
	}
	return nil
}

// detail explains a result's scores in Watchman's terms. Its wording is
// not stable.
func (s *scored) detail() string {
	var b strings.Builder
	fmt.Fprintf(&b, "name %.4f", s.name)
	if s.exact {
		b.WriteString(" (exact)")
	}
	fmt.Fprintf(&b, "; match %.4f from", s.final)
	n := 0
	for _, p := range s.pieces {
		if p.FieldsCompared == 0 {
			continue
		}
		fmt.Fprintf(&b, " %s %.4f×%g", p.PieceType, p.Score, p.Weight)
		n++
	}
	if n == 0 {
		b.WriteString(" no compared field")
	}
	return b.String()
}

func clamp01(f float64) float64 {
	switch {
	case math.IsNaN(f) || f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}
