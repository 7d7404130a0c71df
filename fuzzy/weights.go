package fuzzy

import (
	"math"
	"slices"
)

// Weighting constants. They are documented on [Weights].
const (
	// weightCommonShare is the share of names above which a token starts
	// to lose weight: one name in 30,000.
	weightCommonShare = 1.0 / 30000
	// weightMinCorpus is the smallest corpus size frequencies are taken
	// against, so that a handful of names does not make every token common.
	weightMinCorpus = 30000
	// weightFloor is the least weight a token can get from its frequency.
	weightFloor = 0.2
	// weightWeak multiplies the weight of weak tokens (legal forms,
	// honorifics).
	weightWeak = 0.15
	// weightInitial multiplies the weight of one-letter tokens (initials).
	weightInitial = 0.35
)

// Weights says how much each token of a name counts in a score: rare tokens
// identify a name, common ones (KIM, RI, PAK, MOHAMMED, AL, COMPANY) hardly
// do.
//
// A token's weight is taken from its document frequency in a corpus of
// names (the number of names it occurs in), counted by [Token.Key] when the
// token has one, so that all romanizations of a name part share one weight,
// and by [Token.Text] otherwise. With f the token's document frequency
// divided by the number of names (or by 30,000 when the corpus is smaller),
// the weight is
//
//	w = clamp(ln(1/f) / ln(30000), 0.2, 1)
//
// so a token found in one name in 30,000 or fewer weighs 1, one in 1% of
// the names weighs 0.45, and one in 10% weighs 0.22. A token absent from the
// corpus weighs 1. Weak tokens then weigh 0.15 times as much and one-letter
// tokens (initials) 0.35 times as much.
//
// Weights measure agreement: [CompareTokens] charges an unmatched token its
// weight without the frequency part.
//
// The nil *Weights is valid and gives every token frequency weight 1 (weak
// tokens and initials are still discounted). A Weights is immutable and
// safe for concurrent use.
type Weights struct {
	names int
	df    map[string]int32
}

// NewWeights counts the tokens of a corpus of names, each name given as its
// tokens (as [Tokenize] returns them).
func NewWeights(names [][]Token) *Weights {
	w := &Weights{names: len(names), df: make(map[string]int32)}
	var seen []string
	for _, toks := range names {
		seen = seen[:0]
		for _, t := range toks {
			k := weightKey(t)
			if !slices.Contains(seen, k) {
				seen = append(seen, k)
				w.df[k]++
			}
		}
	}
	return w
}

// weightKey is the string a token is counted by.
func weightKey(t Token) string {
	if t.Key != "" {
		return t.Key
	}
	return t.Text
}

// Names returns the number of names the weights were counted over.
func (w *Weights) Names() int {
	if w == nil {
		return 0
	}
	return w.names
}

// Frequency returns the number of names of the corpus the token occurs in
// (by Key, or Text when it has no Key).
func (w *Weights) Frequency(t Token) int {
	if w == nil {
		return 0
	}
	return int(w.df[weightKey(t)])
}

// Weight returns the weight of t in (0,1] as described on [Weights].
func (w *Weights) Weight(t Token) float64 {
	return w.base(t) * tokenFactor(t)
}

// base returns the frequency weight of t.
func (w *Weights) base(t Token) float64 {
	if w == nil {
		return 1
	}
	return frequencyWeight(int(w.df[weightKey(t)]), w.names)
}

// frequencyWeight is the frequency part of a weight, for a token found in df
// of n names.
func frequencyWeight(df, n int) float64 {
	if df == 0 {
		return 1
	}
	f := float64(df) / float64(max(n, weightMinCorpus))
	v := math.Log(1/f) / math.Log(1/weightCommonShare)
	return min(1, max(weightFloor, v))
}

// tokenFactor is the discount of weak tokens and initials.
func tokenFactor(t Token) float64 {
	f := 1.0
	if t.Weak {
		f *= weightWeak
	}
	if len(t.Text) == 1 {
		f *= weightInitial
	}
	return f
}
