package screening

import (
	"errors"

	"github.com/payscreen/payscreen/lists"
)

// Restrict returns a Screener that screens against only the listed
// entities of s for which keep reports true, and decides every match on
// them exactly as s does: names are scored with the token weights of all
// of s's lists, under the same policy, allow-list and network table. It is
// how a re-screening after a list update screens payees against only the
// entries that changed: for those entries it finds the matches a screening
// against all the lists finds (barring a payee with more than 64 names
// above the threshold, where the full screening keeps only the best 64).
//
// Results of the restricted Screener name s's list versions. It needs the
// built-in name index: a Screener with an [Engine] cannot be restricted.
func (s *Screener) Restrict(keep func(l *lists.List, e *lists.Entity) bool) (*Screener, error) {
	if s.engine != nil || s.names == nil {
		return nil, errors.New("screening: a Screener with an external engine cannot be restricted")
	}
	sub := &lists.Set{Lists: make([]*lists.List, len(s.set.Lists))}
	fps := make([][]string, len(s.set.Lists))
	for i, l := range s.set.Lists {
		c := *l
		c.Entities = nil
		for j := range l.Entities {
			if keep(l, &l.Entities[j]) {
				c.Entities = append(c.Entities, l.Entities[j])
				fps[i] = append(fps[i], s.fingerprints[i][j])
			}
		}
		sub.Lists[i] = &c
	}
	return &Screener{
		set:      sub,
		policy:   s.policy,
		versions: s.versions,
		names:    newNameIndex(sub, s.names.ix.Weights()),
		ids:      newIDIndex(sub),
		allow:    s.allow,
		sample:   s.sample,
		network:  s.network,
		// The kept entries' fingerprints, computed once by New.
		fingerprints: fps,
	}, nil
}

// Lists returns the set of lists the Screener screens against.
func (s *Screener) Lists() *lists.Set { return s.set }
