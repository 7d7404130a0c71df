package screening

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/payscreen/payscreen/fuzzy"
	"github.com/payscreen/payscreen/lists"
)

// Engine finds the listed entities whose names match a payee, in place of
// the Screener's own fuzzy index — for instance a Moov Watchman server.
// The Screener still applies its policy to what the engine finds:
// corroboration by date of birth and country, identifiers, thresholds and
// decisions are the same whichever engine scored the names.
//
// An engine must be safe for concurrent use. An error (a timeout, a server
// failure) makes the payee's screening fail with that error; it is never
// taken as "no match".
type Engine interface {
	// Name identifies the engine in evidence ("watchman").
	Name() string
	// Match returns the entities whose names score at least threshold
	// against the payee, best first.
	Match(ctx context.Context, p Payee, threshold float64) ([]EngineMatch, error)
}

// EngineMatch is one entity an Engine matched by name.
type EngineMatch struct {
	Source lists.Source
	// EntityID is the source's own identifier of the entity, as in
	// lists.Entity.ID (OFAC ent_num, UN reference number, EU logicalId, UK
	// unique ID).
	EntityID string
	// MatchedName is the listed name or alias the engine matched.
	MatchedName string
	// Score is the engine's name score in [0,1].
	Score float64
	// Detail explains the score in the engine's own terms.
	Detail string
}

// engineHits asks the engine for name matches and maps them onto the
// loaded lists. A match on an entity the Screener's lists do not hold is
// an error: the engine and the Screener must screen against the same
// publications.
func (s *Screener) engineHits(ctx context.Context, p Payee) ([]nameHit, error) {
	ms, err := s.engine.Match(ctx, p, s.minReview())
	if err != nil {
		return nil, fmt.Errorf("screening: engine %s: %w", s.engine.Name(), err)
	}
	hits := make([]nameHit, 0, len(ms))
	for _, m := range ms {
		ref, ok := s.byID[sourceID{m.Source, m.EntityID}]
		if !ok {
			return nil, fmt.Errorf("screening: engine %s matched %s %s, which the loaded lists do not hold: %w", s.engine.Name(), m.Source, m.EntityID, ErrEngineMismatch)
		}
		_, e := s.entity(ref)
		// Engines may write a listed name in another order ("First LAST"
		// for OFAC's "LAST, First"): find it by its words.
		name, want := 0, sortedWords(m.MatchedName)
		for i, n := range e.Names {
			if sortedWords(n.Full) == want {
				name = i
				break
			}
		}
		toks := fuzzy.Tokenize(p.Name)
		hits = append(hits, nameHit{
			ref:    ref,
			name:   name,
			score:  m.Score,
			detail: s.engine.Name() + ": " + m.Detail,
			tokens: min(significant(toks), significant(fuzzy.Tokenize(e.Names[name].Full))),
		})
	}
	return hits, nil
}

// ErrEngineMismatch is wrapped when an engine reports an entity the
// Screener's lists do not hold.
var ErrEngineMismatch = errors.New("engine and lists disagree")

// sortedWords returns the normalized words of a name in sorted order.
func sortedWords(name string) string {
	w := strings.Fields(fuzzy.Normalize(name))
	slices.Sort(w)
	return strings.Join(w, " ")
}
