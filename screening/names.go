package screening

import (
	"fmt"
	"sort"
	"strings"

	"github.com/payscreen/payscreen/fuzzy"
	"github.com/payscreen/payscreen/lists"
)

// maxNameCandidates bounds the names retrieved for one payee: far more
// than any real payee matches, few enough to keep a batch fast.
const maxNameCandidates = 64

// nameIndex is the fuzzy index over every name and alias of the lists.
type nameIndex struct {
	ix   *fuzzy.Index
	refs []nameRef // by fuzzy.Entry.Ref
}

type nameRef struct {
	ref  entityRef
	name int32 // index in the entity's Names
}

// newNameIndex indexes the names of set, weighing tokens with w (nil: with
// weights counted over set's names).
func newNameIndex(set *lists.Set, w *fuzzy.Weights) *nameIndex {
	n := &nameIndex{}
	var entries []fuzzy.Entry
	for li, l := range set.Lists {
		for ei := range l.Entities {
			for ni, nm := range l.Entities[ei].Names {
				if strings.TrimSpace(nm.Full) == "" {
					continue
				}
				entries = append(entries, fuzzy.Entry{Ref: len(n.refs), Name: nm.Full})
				n.refs = append(n.refs, nameRef{entityRef{int32(li), int32(ei)}, int32(ni)})
			}
		}
	}
	n.ix = fuzzy.NewIndexWeighted(entries, w)
	return n
}

// search returns the listed names scoring at least threshold against
// name, best first.
func (n *nameIndex) search(name string, threshold float64) []nameHit {
	q := fuzzy.Tokenize(name)
	if len(q) == 0 {
		return nil
	}
	cands := mergeCandidates(nil, n.ix.SearchTokens(q, threshold, maxNameCandidates), q)
	// A name in Han characters may be Korean (金正恩, Kim Jong Un) or
	// Japanese (山田太郎, Yamada Taro): it is also searched in its
	// Sino-Korean and its Japanese reading, and each listed name keeps the
	// best of its scores.
	for _, read := range [...]func(string) (string, bool){fuzzy.KoreanReading, fuzzy.JapaneseReading} {
		if r, ok := read(name); ok {
			if rq := fuzzy.Tokenize(r); len(rq) > 0 {
				cands = mergeCandidates(cands, n.ix.SearchTokens(rq, threshold, maxNameCandidates), rq)
			}
		}
	}
	hits := make([]nameHit, 0, len(cands))
	for _, c := range cands {
		q := c.query // the reading that found c
		qSig := significant(q)
		r := n.refs[c.Ref]
		hits = append(hits, nameHit{
			ref:    r.ref,
			name:   int(r.name),
			score:  c.Result.Score,
			detail: explainTokens(c.Result),
			tokens: min(qSig, significant(n.ix.Tokens(c.Entry))),
			extra:  extraTokens(q, c.Result),
		})
	}
	return hits
}

// readCandidate is a candidate with the tokens of the reading of the
// payee's name that found it.
type readCandidate struct {
	fuzzy.Candidate
	query []fuzzy.Token
}

// mergeCandidates adds to a the candidates b that the tokens qb of a
// reading of the payee's name found: one per listed name, the higher score
// (a's on a tie), best first, at most maxNameCandidates.
func mergeCandidates(a []readCandidate, b []fuzzy.Candidate, qb []fuzzy.Token) []readCandidate {
	if len(a) == 0 {
		out := make([]readCandidate, len(b))
		for i, c := range b {
			out[i] = readCandidate{c, qb} // b is best first already
		}
		return out
	}
	if len(b) == 0 {
		return a
	}
	at := make(map[int]int, len(a))
	for i, c := range a {
		at[c.Entry] = i
	}
	for _, c := range b {
		if i, ok := at[c.Entry]; ok {
			if c.Result.Score > a[i].Result.Score {
				a[i] = readCandidate{c, qb}
			}
			continue
		}
		a = append(a, readCandidate{c, qb})
	}
	sort.SliceStable(a, func(i, j int) bool {
		if a[i].Result.Score != a[j].Result.Score {
			return a[i].Result.Score > a[j].Result.Score
		}
		return a[i].Entry < a[j].Entry
	})
	return a[:min(len(a), maxNameCandidates)]
}

// extraTokens counts the significant payee tokens r left unmatched: words
// of the payee's name the listed name does not have.
func extraTokens(q []fuzzy.Token, r fuzzy.Result) int {
	n := 0
	for _, m := range r.Matches {
		if m.Kind == fuzzy.Unmatched && m.Query != "" && m.QueryIndex >= 0 && m.QueryIndex < len(q) && !q[m.QueryIndex].Weak {
			n++
		}
	}
	return n
}

// significant counts the tokens that are not legal forms or honorifics.
func significant(toks []fuzzy.Token) int {
	n := 0
	for _, t := range toks {
		if !t.Weak {
			n++
		}
	}
	return n
}

// explainTokens summarizes how the tokens of two names met, e.g.
// "kim=kim exact; chol~cheol equivalent; un unmatched".
func explainTokens(r fuzzy.Result) string {
	var b strings.Builder
	for i, m := range r.Matches {
		if i > 0 {
			b.WriteString("; ")
		}
		switch {
		case m.Kind == fuzzy.Unmatched && m.Query != "":
			fmt.Fprintf(&b, "%s unmatched", m.Query)
		case m.Kind == fuzzy.Unmatched:
			fmt.Fprintf(&b, "listed %s unmatched", m.Listed)
		case m.Kind == fuzzy.Fuzzy:
			fmt.Fprintf(&b, "%s~%s fuzzy %.2f", m.Query, m.Listed, m.Score)
		default:
			fmt.Fprintf(&b, "%s=%s %s", m.Query, m.Listed, m.Kind)
		}
		if m.OutOfOrder {
			b.WriteString(" (out of order)")
		}
	}
	return b.String()
}
