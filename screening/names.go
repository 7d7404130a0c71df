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
	found := n.ix.SearchTokens(q, threshold, maxNameCandidates)
	// A name in Han characters may be Korean (金正恩, Kim Jong Un): it is
	// also searched in its Sino-Korean reading, and each listed name keeps
	// the better of its two scores.
	var kq []fuzzy.Token
	var kfound []fuzzy.Candidate
	if k, ok := fuzzy.KoreanReading(name); ok {
		if kq = fuzzy.Tokenize(k); len(kq) > 0 {
			kfound = n.ix.SearchTokens(kq, threshold, maxNameCandidates)
		}
	}
	cands := mergeCandidates(found, kfound, q, kq)
	qSig := significant(q)
	hits := make([]nameHit, 0, len(cands))
	for _, c := range cands {
		q := c.query
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

// mergeCandidates joins the candidates a found with the tokens qa and
// those b found with qb: one per listed name, the higher score (a on a
// tie), best first, at most maxNameCandidates.
func mergeCandidates(a, b []fuzzy.Candidate, qa, qb []fuzzy.Token) []readCandidate {
	out := make([]readCandidate, 0, len(a)+len(b))
	for _, c := range a {
		out = append(out, readCandidate{c, qa})
	}
	if len(b) == 0 {
		return out // a is best first already
	}
	at := make(map[int]int, len(a))
	for i, c := range a {
		at[c.Entry] = i
	}
	for _, c := range b {
		if i, ok := at[c.Entry]; ok {
			if c.Result.Score > out[i].Result.Score {
				out[i] = readCandidate{c, qb}
			}
			continue
		}
		out = append(out, readCandidate{c, qb})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Result.Score != out[j].Result.Score {
			return out[i].Result.Score > out[j].Result.Score
		}
		return out[i].Entry < out[j].Entry
	})
	return out[:min(len(out), maxNameCandidates)]
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
