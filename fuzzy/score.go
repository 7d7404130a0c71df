package fuzzy

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// DefaultThreshold is the score from which we suggest a listed name be
// reviewed as a possible match, for scores computed with the weights of a
// corpus of names (an [Index]). On the public name-matching benchmark of
// 826 labelled pairs it gives precision 0.82 and recall 0.85, where
// OpenSanctions' logic-v2 gives 0.76 and 0.82; about 3% to 4% of people
// on no list then have a candidate on the UN and OFAC lists by name alone.
const DefaultThreshold = 0.68

// Token similarities and score costs. They are documented on [CompareTokens].
const (
	simExact          = 1.0
	simTransliterated = 0.98
	simEquivalent     = 0.95
	simInitial        = 0.8

	// fuzzyMinLen and maxFuzzyLen bound the length of tokens that can
	// meet as Fuzzy.
	fuzzyMinLen = 4
	maxFuzzyLen = 64
	// fuzzyFloor is the least Jaro-Winkler similarity of a fuzzy match.
	fuzzyFloor = 0.7

	// conflictCost is the cost of a unit of token weight left unmatched on
	// both sides (the names disagree there).
	conflictCost = 1.0
	// omissionCost is the cost of a unit of token weight left unmatched on
	// one side only (one name has a part the other omits), when the names
	// share at least two pairs of tokens.
	omissionCost = 0.10
	// omissionSingle is omissionCost when the names share at most one
	// pair: a single shared word ("KIM" in "KIM JONG UN") is weak evidence.
	omissionSingle = 0.35
	// omissionCompany is omissionCost when either name is a company's
	// (has a legal form): a word only one company name has names
	// another company (a subsidiary, a country branch) more often than it
	// is left out.
	omissionCompany = 0.5
	// displacedFactor discounts a pair matched out of the names' order.
	displacedFactor = 0.25
	// fuzzyBeta scales the distance of a fuzzy match: similarity
	// 1 − fuzzyBeta·(1 − Jaro-Winkler).
	fuzzyBeta = 2.0
	// simVariant is the least similarity of tokens sharing a
	// transliteration-variant key.
	simVariant = 0.85
	// simAbbreviation is the similarity of a word and its abbreviation
	// (Tech, Technology; Intl, International).
	simAbbreviation = 0.8
	// abbrevMinLen is the least length of an abbreviation.
	abbrevMinLen = 4
	// coarseLen is the length up to which a word's variant key is
	// coarse: Jun and Jian, Wei and Wai, Jung and Zhang share keys.
	coarseLen = 4
	// simSplit is the similarity of two words and two words spelling the
	// same letters split elsewhere.
	simSplit = 0.9
	// simShortTypo is the similarity of two short words one typing slip
	// apart (see shortTypo).
	simShortTypo = 0.85
	// strongSim is the least similarity of a pair that counts as an
	// agreeing word (see strongWords).
	strongSim = 0.8
)

const (
	// maxTokens is the number of tokens of a name that are scored.
	maxTokens = 64
	// assignBudget bounds the exhaustive search for the best alignment;
	// above it the alignment is greedy.
	assignBudget = 1 << 12
	// maxOrderFix bounds the pairs among which repeated tokens are
	// re-paired to keep the order.
	maxOrderFix = 12
)

// TokenMatch explains how one token fared in a comparison.
type TokenMatch struct {
	// Query and Listed are the normalized texts of the two tokens; one of
	// them is empty when the token is unmatched. When two adjacent listed
	// tokens met the query token as one word, Listed holds both, separated
	// by a space; when two adjacent query tokens met one listed token, each
	// has an entry naming it.
	Query, Listed string
	// QueryIndex and ListedIndex are the positions of the tokens in their
	// names; -1 for the side that is missing when Kind is Unmatched.
	QueryIndex, ListedIndex int
	// Kind says how the tokens met.
	Kind MatchKind
	// Score is the similarity of the two tokens in [0,1] (0 when
	// unmatched), before any discount for order.
	Score float64
	// Weight is the weight of the pair (half the summed weights of its
	// tokens) or, for an unmatched token, what it cost (see
	// [CompareTokens]).
	Weight float64
	// OutOfOrder reports a pair matched against the order of the two
	// names (beyond a rotation such as "KIM Jong Un" / "Jong Un KIM"); it
	// counted a quarter.
	OutOfOrder bool
}

// Result is the outcome of comparing two names.
type Result struct {
	// Score is how alike the names are, in [0,1].
	Score float64
	// Matches has one entry per query token, in query order, then one per
	// unmatched listed token, in listed order.
	Matches []TokenMatch
}

// Compare scores how alike a query name and a listed name are, in [0,1],
// with an explanation per token. It tokenizes both names with [Tokenize]
// and weighs every token alike (see [CompareTokens]); the score is
// symmetric: Compare(a, b).Score == Compare(b, a).Score.
func Compare(query, listed string) Result {
	return CompareTokens(Tokenize(query), Tokenize(listed), nil)
}

// CompareTokens scores how alike two tokenized names are, in [0,1], with an
// explanation per token. w gives the token weights; nil weighs every token
// 1 apart from the discounts for weak tokens and initials (see [Weights]).
// With the weights of a corpus, as an [Index] uses, common tokens count
// less and scores are lower than with nil.
//
// The score is computed in four steps.
//
// Token similarity. Two tokens meet as
//   - Exact: same text, similarity 1;
//   - Transliterated: same text from different scripts, 0.98;
//   - Equivalent: same non-empty Key. Korean romanizations (Ri, Lee, Yi)
//     get 0.95, and so do tokens of different scripts; two Latin spellings
//     sharing a transliteration-variant key (Mohammed, Muhammad) get
//     1 − 2(1 − s) for their Jaro-Winkler similarity s, but at least 0.85
//     and at most 0.95, because such keys are coarse (Thomas and Themis
//     share one). When either word has four letters or fewer and neither
//     key comes from the tables of weak words and irregular spellings, the
//     key is too coarse to count at all (Jun and Jian, Wei and Wai, Jung and
//     Zhang share keys): such tokens get 1 − 2(1 − s) alone, in any script;
//   - Initial: a one-letter token and a word starting with it, neither weak
//     (legal forms and honorifics have no initials), 0.8; the pair then
//     weighs only what the initial weighs, and the rest of the word counts
//     as unmatched;
//   - Fuzzy: both tokens have 4 to 64 letters and no digit, neither comes
//     from Hangul or Han (romanized exactly), they are within n/3 edits
//     of each other (n the longer length, at most 3; an edit inserts,
//     deletes or substitutes a letter or swaps two adjacent ones) and their
//     Jaro-Winkler similarity s is at least 0.7; the similarity is
//     1 − 2(1 − s), from 0.4 to 1. Two different Korean syllables (Chol and
//     Choi, Kwang and Wang, Chen and Cheng: tokens that each spell one
//     romanized syllable, with different keys) are usually different names,
//     so their distance counts double: 1 − 4(1 − s) when positive. A
//     patronymic (Petrovich, Petrovna, Petrovitj, Petrovic) never meets a
//     word that is not one (Petrov, Petrova);
//   - Abbreviation: a Latin word of 4 letters or more and a longer one it
//     abbreviates, 0.8: a prefix of at most 2/5 of the longer word (Tech,
//     Technology; Corp, Corporation), or a contraction of at most half its
//     letters with at most one vowel, the same first and last letters and
//     its letters in order in the longer word, a word company names often
//     contract (Intl, International; Natl, National; Mgmt, Management);
//     neither word may be a Korean syllable or a patronymic.
//
// Two adjacent tokens of one name also meet a token of the other written as
// one word ("Abdul Rahman", "Abdulrahman"): Exact when it is their
// concatenation, Fuzzy by the rules above with one edit fewer (but at
// least one) when each of the two is longer than the edits allowed and
// neither the word nor both tokens are Korean syllables (Choi is not Cho
// Il). And two adjacent tokens meet two adjacent tokens of the other name
// that spell the same letters split elsewhere ("Arefullaha Ref",
// "Arefullah Aref"): Fuzzy, 0.9.
//
// Alignment. Each token is paired at most once, in any order, maximizing
// the sum over pairs of sim × pair weight, the pair weight being half the
// summed weights of its tokens: exactly when that search is small, greedily
// otherwise. The tokens Tokenize split from one word (abd, ullah) share
// that word's weight and cost when unmatched: each of two counts half, so
// that splitting a word does not make it count twice.
//
// Order. Pairs that do not follow the order of both names, up to a rotation
// (so "PUTIN Vladimir" meets "Vladimir Putin" in order), count a quarter:
// the heaviest set of pairs in rotated order is kept.
//
// Coverage. With S the sum of sim × pair weight (reduced out of order), W
// the sum of pair weights, and Uq, Ul the costs of the unmatched query and
// listed tokens,
//
//	score = S / (W + min(Uq, Ul) + o·|Uq − Ul|)
//
// Tokens left over on both sides are a conflict ("KIM JONG UN" against "KIM
// JONG MAN") and cost fully; tokens only one name has are an omission (a
// middle name, a patronymic) and cost o = 0.1 when the names agree on at
// least two words, o = 0.35 otherwise: one shared word ("KIM" against "KIM
// JONG UN", "Tomasz Abdullah" against "ABDULLAH") is weak evidence. Two
// Korean names (every strong token a Korean syllable) have no optional
// parts: a given-name syllable only one has (not a surname at either end,
// which payees may leave out) costs o = 0.35 too (Kim Yong Chol Ha Yun is
// a namesake of KIM Yong Chol). Words
// agree through pairs of similarity 0.8 or more that join no weak token and
// no single letter, and through initials when neither name has a legal
// form (an initial in a company name is no evidence: "S. KUZNETSOV"
// against "Kuznetsova Systems LLC"); they are counted in the name with
// fewer of them, and the tokens Tokenize split from one word (abd, ullah)
// count as that one word. A token of such a word left unmatched when
// another token of the word met is a disagreement and costs fully
// ("Abdullah" against "Abdi"). An unmatched token costs its weight
// without the frequency part: [Weights] measure agreement, and a common
// word that disagrees tells as much as a rare one. So an unmatched word
// costs 1, a weak token 0.15 and an initial 0.35: "EMMA LLC" against "ACME
// LLC" scores near 0.
//
// The score is symmetric: the two names are put in a canonical order before
// scoring, so CompareTokens(a, b, w).Score == CompareTokens(b, a, w).Score
// exactly, and it is deterministic. Only the first 64 tokens of a name are
// scored.
func CompareTokens(query, listed []Token, w *Weights) Result {
	query = query[:min(len(query), maxTokens)]
	listed = listed[:min(len(listed), maxTokens)]
	var sc scorer
	info := make([]tokInfo, 0, len(query)+len(listed))
	info = appendTokInfos(info, query, w)
	info = appendTokInfos(info, listed, w)
	score := sc.score(query, listed, info[:len(query)], info[len(query):])
	return sc.result(score)
}

// appendTokInfos appends the tokInfo of the tokens of one name to dst.
// The tokens Tokenize split from one word share its weight and its cost
// when unmatched: the word counts once.
func appendTokInfos(dst []tokInfo, toks []Token, w *Weights) []tokInfo {
	start := len(dst)
	for i := range toks {
		dst = append(dst, newTokInfo(&toks[i], w))
	}
	in := dst[start:]
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && toks[j].Joined {
			j++
		}
		if k := float64(j - i); k > 1 {
			for x := i; x < j; x++ {
				in[x].w /= k
				in[x].u /= k
			}
		}
		i = j
	}
	return dst
}

// tokInfo is what scoring needs to know of a token besides the token
// itself, computed once per token: an [Index] keeps it for every listed
// token.
type tokInfo struct {
	w    float64 // weight
	u    float64 // cost when unmatched (unmatchedWeight)
	mask uint64  // fuzzyMask of the text
	// syl is 1 + the index of the Korean syllable key of the text when
	// the token is one Korean syllable (a Hangul syllable or one
	// romanized spelling of one), 0 otherwise.
	syl   uint16
	flags uint8
}

// tokInfo flags.
const (
	infoKoreanKeyed uint8 = 1 << iota // the Key is a Korean syllable key
	infoPatronymic                    // an East Slavic or South Slavic patronymic (Petrovich, Ivanovna)
	infoContraction                   // may be a contraction (Intl, Mgmt): Latin, 4+ letters, at most one vowel
	infoLatin                         // written in Latin script, and no digit
	infoCoarseKey                     // a variant key of a short word, too coarse to vouch for a match
	infoCurated                       // a key from the tables of weak words and irregular spellings
	infoStrong                        // not weak, and two letters or more (see strongSpan)
	infoLegal                         // a legal form or generic company word
)

// newTokInfo computes the tokInfo of t with weights w.
func newTokInfo(t *Token, w *Weights) tokInfo {
	in := tokInfo{w: w.Weight(*t), u: unmatchedWeight(t), mask: fuzzyMask(t.Text)}
	if isKoreanKeyed(t) {
		in.flags |= infoKoreanKeyed
	}
	switch {
	case t.Script == Hangul:
		in.syl = koreanKeyID(t.Key)
	case len(t.Text) >= 2 && len(t.Text) <= 7:
		if k, ok := koreanSyllableKey(t.Text, false); ok {
			in.syl = koreanKeyID(k)
		}
	}
	if isPatronymic(t.Text) {
		in.flags |= infoPatronymic
	}
	if !t.Weak && len(t.Text) >= 2 {
		in.flags |= infoStrong
	}
	if t.Weak && isLegalForm(t.Text) {
		in.flags |= infoLegal
	}
	if t.Key != "" && in.flags&infoKoreanKeyed == 0 {
		if t.Weak || len(t.Text) <= 16 && (specialWords[t.Text].fixed != "" || specialWords[t.Text].alias != "") {
			in.flags |= infoCurated
		} else if len(t.Text) <= coarseLen {
			in.flags |= infoCoarseKey
		}
	}
	if t.Script == Latin && in.mask != 0 {
		in.flags |= infoLatin
		if len(t.Text) >= abbrevMinLen && vowelCount(t.Text) <= 1 {
			in.flags |= infoContraction
		}
	}
	return in
}

// patronymicSuffixes end East Slavic patronymics in their usual
// transliterations (Petrovich, Petrovych, Petrovitch, Petrovitj,
// Petrowitsch, Petrovna, Petrowna, Ilyinichna) and the South Slavic and
// Polish surnames formed like them (Petrovic, Petrowicz).
var patronymicSuffixes = [...]string{"vich", "vych", "vitch", "vitj", "witsch", "vic", "wicz", "vna", "wna", "ichna"}

// isPatronymic reports whether the text t ends with a patronymic suffix and
// has at least three letters before it, or, for a word of seven letters or
// more, with a misspelling of one: an ending from v or w within one edit
// of vich or vna that keeps the suffix's c or h (Ivanovch, Ivanovicch,
// Ivanovihc) or its n (Ivanovan), so that a typo in a patronymic does not
// make it a surname (Petrova, Ivanov, Remadna are none).
func isPatronymic[T text](t T) bool {
	for _, suf := range patronymicSuffixes {
		if n := len(t) - len(suf); n >= 3 && string(t[n:]) == suf {
			return true
		}
	}
	if len(t) < 7 {
		return false
	}
	for _, suf := range [...]string{"vich", "vna"} {
		for l := len(suf) - 1; l <= len(suf)+1; l++ {
			tail := t[len(t)-l:]
			keep := false
			for i := 0; i < len(tail); i++ {
				c := tail[i]
				if suf == "vna" && c == 'n' || suf == "vich" && (c == 'c' || c == 'h') {
					keep = true
				}
			}
			if keep && (tail[0] == 'v' || tail[0] == 'w') {
				if _, ok := editDistanceWithin(tail, suf, 1); ok {
					return true
				}
			}
		}
	}
	return false
}

// vowelCount counts a, e, i, o, u and y in t.
func vowelCount(t string) int {
	n := 0
	for i := 0; i < len(t); i++ {
		if isVowel(t[i]) || t[i] == 'y' {
			n++
		}
	}
	return n
}

// tokenSim says how two tokens meet and how alike they are; ia and ib are
// their tokInfo. It is symmetric.
func tokenSim(a, b *Token, ia, ib *tokInfo) (MatchKind, float64) {
	if a.Text == b.Text {
		switch {
		case a.Text == "":
			return Unmatched, 0
		case a.Script != b.Script:
			return Transliterated, simTransliterated
		}
		return Exact, simExact
	}
	if a.Key != "" && a.Key == b.Key {
		return Equivalent, equivalentSim(a, b, ia, ib)
	}
	la, lb := len(a.Text), len(b.Text)
	if la == 1 || lb == 1 {
		// An initial meets a word starting with it; legal forms and
		// honorifics have no initials.
		if la == 0 || lb == 0 || a.Text[0] != b.Text[0] || a.Weak || b.Weak {
			return Unmatched, 0
		}
		return Initial, simInitial
	}
	if exactScript(a.Script) || exactScript(b.Script) {
		// Hangul and Han are romanized exactly, syllable by syllable:
		// different syllables are different names, however alike
		// their romanizations (成 cheng is not chen).
		return Unmatched, 0
	}
	if (ia.flags^ib.flags)&infoPatronymic != 0 {
		// A patronymic is not a misspelt surname or given name
		// (Petrovna and Petrova, Ivanovich and Ivanov).
		return Unmatched, 0
	}
	if s := fuzzySimMasks(a.Text, b.Text, ia.mask, ib.mask); s > 0 {
		if ia.syl != 0 && ib.syl != 0 && ia.syl != ib.syl {
			// Two different syllables of a syllabic name (Chol and
			// Choi, Kwang and Wang, Chen and Cheng) are usually
			// different names: their distance counts double.
			if s = syllableSim(s); s <= 0 {
				return Unmatched, 0
			}
		}
		return Fuzzy, s
	}
	if !a.Weak && !b.Weak && (ia.syl == 0 || ib.syl == 0) && shortTypo(a.Text, b.Text) {
		return Fuzzy, simShortTypo
	}
	if la < lb && isAbbreviation(a.Text, b.Text, ia, ib) || lb < la && isAbbreviation(b.Text, a.Text, ib, ia) {
		return Abbreviation, simAbbreviation
	}
	return Unmatched, 0
}

// shortTypo reports whether a and b, words of letters too short for Fuzzy
// (one of two or three letters, the other of at most four), are one
// typing slip apart: two adjacent letters swapped (Sko, Sok) or a letter
// doubled (Yyu, Yu; Esa, Essa). Both keep the word's letters, which a
// substitution does not (Ali is not Ari). Two different Korean syllables
// never meet so (Han is not Ahn): the caller checks.
func shortTypo(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 2 || len(a) > 3 || len(b) > 4 || len(b)-len(a) > 1 || !isLowerWord(a) || !isLowerWord(b) {
		return false
	}
	if len(a) == len(b) {
		for i := 0; i+1 < len(a); i++ {
			if a[i] != b[i] {
				return a[i] == b[i+1] && a[i+1] == b[i] && a[i] != a[i+1] && a[i+2:] == b[i+2:]
			}
		}
		return false
	}
	for i := 0; i+1 < len(b); i++ {
		if b[i] == b[i+1] && b[:i]+b[i+1:] == a {
			return true
		}
	}
	return false
}

// forShortTypos calls f with each word one typing slip from w (see
// shortTypo), for the Index to look up; the slice f gets is reused.
func forShortTypos(w string, f func(v []byte)) {
	if len(w) < 2 || len(w) > 4 || !isLowerWord(w) {
		return
	}
	var buf [5]byte
	for i := 0; i+1 < len(w); i++ {
		if w[i] != w[i+1] {
			v := append(buf[:0], w...)
			v[i], v[i+1] = v[i+1], v[i]
			if shortTypo(w, string(v)) {
				f(v)
			}
		} else {
			v := append(append(buf[:0], w[:i]...), w[i+1:]...)
			if shortTypo(w, string(v)) {
				f(v)
			}
		}
	}
	for i := 0; i < len(w); i++ {
		v := append(append(buf[:0], w[:i+1]...), w[i:]...)
		if shortTypo(w, string(v)) {
			f(v)
		}
	}
}

// syllableSim is the similarity of two different syllables of a syllabic
// name whose fuzzy similarity is s: 1 − 2·fuzzyBeta·(1 − Jaro-Winkler).
func syllableSim(s float64) float64 {
	return 1 - 2*(1-s)
}

// contractable are the words of company names commonly written as
// contractions (Intl, Natl, Mgmt): a word not in this table has none, so
// that a short surname is not taken for the contraction of a long one
// (Tran, Tourjman).
var contractable = map[string]bool{
	"international": true, "national": true, "management": true, "services": true,
	"service": true, "government": true, "department": true, "association": true,
	"building": true, "buildings": true, "holdings": true, "holding": true,
	"manufacturing": true, "brothers": true, "industries": true, "industrial": true,
	"enterprises": true, "enterprise": true, "development": true, "engineering": true,
	"investments": true, "investment": true, "associates": true, "consulting": true,
	"construction": true, "distribution": true, "products": true, "systems": true,
	"technologies": true, "technology": true, "trust": true, "university": true,
}

// isAbbreviation reports whether short abbreviates long: both are Latin
// words without digits, neither a syllable of a syllabic name nor a
// patronymic, short has at least 4 letters, and it is a prefix of long of
// at most 2/5 of its letters (Tech, Technology; not Lind, Lindemann) or a
// contraction of a word of contractable of at most half its letters (at
// most one vowel, the same first and last letters, its letters in order in
// long: Intl, International; Natl, National).
func isAbbreviation(short, long string, is, il *tokInfo) bool {
	if len(short) < abbrevMinLen || 2*len(short) > len(long) ||
		is.flags&il.flags&infoLatin == 0 || is.syl != 0 || il.syl != 0 ||
		(is.flags|il.flags)&infoPatronymic != 0 {
		return false
	}
	if long[:len(short)] == short {
		return 5*len(short) <= 2*len(long)
	}
	if is.flags&infoContraction == 0 || short[0] != long[0] || short[len(short)-1] != long[len(long)-1] || !contractable[long] {
		return false
	}
	j := 1
	for i := 1; i < len(long) && j < len(short); i++ {
		if long[i] == short[j] {
			j++
		}
	}
	return j == len(short)
}

// equivalentSim is the similarity of two tokens with the same Key: high
// for Korean romanizations, whose keys are exact, and across scripts, where
// the key is what bridges a transliteration; between two Latin spellings
// sharing a transliteration-variant key (a coarse skeleton: Thomas and
// Themis share one) it also depends on their spelling.
func equivalentSim(a, b *Token, ia, ib *tokInfo) float64 {
	if ia.flags&ib.flags&infoKoreanKeyed != 0 {
		return simEquivalent
	}
	if (ia.flags|ib.flags)&infoCurated == 0 && (ia.flags|ib.flags)&infoCoarseKey != 0 {
		// The key of a word of four letters or fewer says little (Jun
		// and Jian, Wei and Wai share one): the spelling decides.
		return max(0, min(simEquivalent, fuzzyTransform(JaroWinkler(min(a.Text, b.Text), max(a.Text, b.Text)))))
	}
	if a.Script != b.Script {
		return simEquivalent
	}
	s := simVariant
	if f := fuzzyTransform(JaroWinkler(min(a.Text, b.Text), max(a.Text, b.Text))); f > s {
		s = f
	}
	return min(s, simEquivalent)
}

// exactScript reports the scripts romanized syllable by syllable, whose
// tokens never meet as Fuzzy: Hangul and Han.
func exactScript(s Script) bool { return s == Hangul || s == Han }

// isKoreanKeyed reports whether t's key is a Korean syllable key.
func isKoreanKeyed(t *Token) bool {
	if t.Script == Hangul {
		return true
	}
	k, ok := KoreanKey(t.Text)
	if ok && k == t.Key {
		return true
	}
	// A surname spelling read as the surname where a surname stands.
	k, ok = surnameOnlyKeys[t.Text]
	return ok && k == t.Key
}

// fuzzyTransform maps a Jaro-Winkler similarity to a token similarity.
func fuzzyTransform(jw float64) float64 {
	return 1 - fuzzyBeta*(1-jw)
}

// compoundSim says how two adjacent tokens a and b, written as one word,
// meet token c (mc its fuzzyMask): Exact (or Transliterated) when c is
// their concatenation, Fuzzy when the concatenation passes the fuzzy rules
// and each of a and b is longer than the edits allowed (jong+un is not
// jong), not at all otherwise.
func compoundSim(a, b, c *Token, ia, ib, ic *tokInfo) (MatchKind, float64) {
	la, lb, lc := len(a.Text), len(b.Text), len(c.Text)
	n := la + lb
	if la == 0 || lb == 0 || max(n, lc)-min(n, lc) > allowedEdits(max(n, lc)) {
		return Unmatched, 0
	}
	if n == lc && c.Text[:la] == a.Text && c.Text[la:] == b.Text {
		if a.Script != c.Script || b.Script != c.Script {
			return Transliterated, simTransliterated
		}
		return Exact, simExact
	}
	if ic.mask == 0 || n > maxFuzzyLen || min(la, lb) <= allowedEdits(max(n, lc)) ||
		exactScript(a.Script) || exactScript(b.Script) || exactScript(c.Script) ||
		ic.syl != 0 || ia.syl != 0 && ib.syl != 0 {
		// Nor does one syllable meet two (Choi is not Cho Il).
		return Unmatched, 0
	}
	var buf [maxFuzzyLen]byte
	ab := append(append(buf[:0], a.Text...), b.Text...)
	if isPatronymic(ab) != (ic.flags&infoPatronymic != 0) {
		return Unmatched, 0
	}
	if s := fuzzySimK(ab, c.Text, fuzzyMask(ab), ic.mask, compoundEdits(max(n, lc))); s > 0 {
		return Fuzzy, s
	}
	return Unmatched, 0
}

// splitSim says how two adjacent tokens a1, a2 meet two adjacent tokens
// b1, b2 split elsewhere: Fuzzy with similarity simSplit when they spell
// the same word (Arefullaha Ref, Arefullah Aref), not at all otherwise.
func splitSim(a1, a2, b1, b2 *Token) (MatchKind, float64) {
	la, lb := len(a1.Text), len(b1.Text)
	if la == lb || la+len(a2.Text) != lb+len(b2.Text) || la == 0 || lb == 0 || len(a2.Text) == 0 || len(b2.Text) == 0 {
		return Unmatched, 0
	}
	if la > lb {
		a1, a2, b1, b2, la, lb = b1, b2, a1, a2, lb, la
	}
	// a1 is a prefix of b1, and b1's rest starts a2.
	if b1.Text[:la] != a1.Text || a2.Text[:lb-la] != b1.Text[la:] || a2.Text[lb-la:] != b2.Text {
		return Unmatched, 0
	}
	return Fuzzy, simSplit
}

// compoundEdits is the number of edits a fuzzy match of two words written
// as one may need, the longer side having n bytes: one fewer than
// allowedEdits, but at least one.
func compoundEdits(n int) int {
	return max(1, allowedEdits(n)-1)
}

// allowedEdits is the number of edits a fuzzy match may need between tokens
// whose longer one has n bytes.
func allowedEdits(n int) int {
	return min(3, n/3)
}

// fuzzyMask returns the set of the bytes of s, bucketed by their low six
// bits, when s may take part in a fuzzy match (4 to 64 bytes, no digit),
// and 0 otherwise.
func fuzzyMask[T text](s T) uint64 {
	if len(s) < fuzzyMinLen || len(s) > maxFuzzyLen {
		return 0
	}
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			return 0
		}
		m |= 1 << (c & 63)
	}
	return m
}

// fuzzySim returns the similarity of two different texts when they pass
// the fuzzy-match rules, 0 otherwise. It is symmetric.
func fuzzySim(a, b string) float64 {
	return fuzzySimMasks(a, b, fuzzyMask(a), fuzzyMask(b))
}

// textLess orders two texts bytewise.
func textLess[A, B text](a A, b B) bool {
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// fuzzySimMasks is fuzzySim with the fuzzyMask of a and b.
func fuzzySimMasks[A, B text](a A, b B, ma, mb uint64) float64 {
	return fuzzySimK(a, b, ma, mb, allowedEdits(max(len(a), len(b))))
}

// fuzzySimK is fuzzySimMasks allowing k edits.
func fuzzySimK[A, B text](a A, b B, ma, mb uint64, k int) float64 {
	if ma == 0 || mb == 0 {
		return 0
	}
	n := max(len(a), len(b))
	if n-min(len(a), len(b)) > k {
		return 0
	}
	// Each letter of one text missing from the other costs an edit.
	if bits.OnesCount64(ma&^mb) > k || bits.OnesCount64(mb&^ma) > k {
		return 0
	}
	var s float64
	if textLess(b, a) { // Jaro-Winkler's greedy matching is order-sensitive
		s = jaroWinkler(b, a)
	} else {
		s = jaroWinkler(a, b)
	}
	if s < fuzzyFloor {
		return 0
	}
	if _, ok := editDistanceWithin(a, b, k); !ok {
		return 0
	}
	return fuzzyTransform(s)
}

// scorePair is a candidate or chosen pairing of query tokens
// q[qi:qi+qn] with listed tokens l[lj:lj+ln]; qn and ln are 1 or 2: 1 and
// 2 for two adjacent tokens written as one word on the other side, 2 and 2
// for two words split elsewhere.
type scorePair struct {
	qi, qn, lj, ln int
	kind           MatchKind
	sim, gain      float64
	weight         float64
	displaced      bool
}

func (p *scorePair) qMask() uint64 { return (uint64(1)<<uint(p.qn) - 1) << uint(p.qi) }
func (p *scorePair) lMask() uint64 { return (uint64(1)<<uint(p.ln) - 1) << uint(p.lj) }

// scorer holds the scratch space of one comparison; an [Index] reuses it
// between candidates.
type scorer struct {
	q, l     []Token
	iq, il   []tokInfo
	swapped  bool
	opts     []scorePair // candidate pairs, grouped by first query token
	optEnd   []int       // end of each query token's options in opts
	suffix   []float64   // best possible gain of the query tokens from i on
	cur      []int       // option chosen at each query token, -1 for none
	best     []int
	bestGain float64
	pairs    []scorePair // the chosen alignment, by query token
	keys     []int
	dp       []float64
	from     []int
	inChain  []bool
}

// canonicalLess orders two token sequences: shorter first, then by the
// tokens' fields. It makes scoring symmetric.
func canonicalLess(a, b []Token) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if c := cmp.Or(cmp.Compare(x.Text, y.Text), cmp.Compare(x.Key, y.Key), cmp.Compare(x.Script, y.Script)); c != 0 {
			return c < 0
		}
		if x.Weak != y.Weak {
			return !x.Weak
		}
	}
	return false
}

// score computes the score of q against l with their tokInfo iq and il,
// leaving the alignment in sc for result.
func (sc *scorer) score(q, l []Token, iq, il []tokInfo) float64 {
	sc.swapped = canonicalLess(l, q)
	if sc.swapped {
		q, l, iq, il = l, q, il, iq
	}
	sc.q, sc.l, sc.iq, sc.il = q, l, iq, il
	sc.pairs = sc.pairs[:0]
	if len(q) == 0 || len(l) == 0 {
		return 0
	}
	sc.align()
	sc.order()
	var s, w, uq, ul float64
	var matchedQ, matchedL uint64
	for k := range sc.pairs {
		p := &sc.pairs[k]
		g := p.gain
		if p.displaced {
			g *= displacedFactor
		}
		s += g
		w += p.weight
		matchedQ |= p.qMask()
		matchedL |= p.lMask()
		if p.kind == Initial {
			qu, lu := iq[p.qi].u, il[p.lj].u
			uq += max(0, qu-lu)
			ul += max(0, lu-qu)
		}
	}
	// A token left over from a split word whose other part met is a
	// disagreement within a word (Abdullah against Abdi): it costs fully.
	uq, remQ := unmatchedCosts(q, iq, matchedQ, uq)
	ul, remL := unmatchedCosts(l, il, matchedL, ul)
	om := omissionCost
	if sc.strongWords() <= 1 || koreanNames(q, iq) && koreanNames(l, il) &&
		(givenLeftOver(q, matchedQ) || givenLeftOver(l, matchedL)) {
		om = omissionSingle
	}
	if (companyName(iq) || companyName(il)) && (qualifierLeftOver(q, matchedQ) || qualifierLeftOver(l, matchedL)) {
		// A country or a number only one company name has names
		// another company: Banco Santander Mexico S.A. is not Banco
		// Santander S.A., Bowne Global Solutions II not Bowne Global
		// Solutions.
		om = max(om, omissionCompany)
	}
	den := w + conflictCost*(min(uq, ul)+remQ+remL) + om*max(uq-ul, ul-uq)
	if den <= 0 || s <= 0 {
		return 0
	}
	return min(1, max(0, s/den))
}

// companyName reports whether a name has a legal form or generic company
// word (see legalForms).
func companyName(in []tokInfo) bool {
	for i := range in {
		if in[i].flags&infoLegal != 0 {
			return true
		}
	}
	return false
}

// qualifierLeftOver reports whether a token of ts not in matched is a
// country (see countryWords) or a number (II, 3).
func qualifierLeftOver(ts []Token, matched uint64) bool {
	for i := range ts {
		if matched&(1<<uint(i)) == 0 && (countryWords[ts[i].Text] || isNumeral(ts[i].Text)) {
			return true
		}
	}
	return false
}

// isNumeral reports digits or a Roman numeral of two letters or more (a
// single I, V or X may be an initial).
func isNumeral(t string) bool {
	if t == "" {
		return false
	}
	digits, roman := true, len(t) >= 2
	for i := 0; i < len(t); i++ {
		digits = digits && t[i] >= '0' && t[i] <= '9'
		roman = roman && (t[i] == 'i' || t[i] == 'v' || t[i] == 'x')
	}
	return digits || roman
}

// countryWords are the normalized English names of the countries and
// regions of ISO 3166 (golang.org/x/text/language/display) written in one
// word, and the words of Hong Kong.
var countryWords = func() map[string]bool {
	m := map[string]bool{"hong": true, "kong": true, "usa": true, "uk": true, "uae": true}
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if n := Normalize(names.Name(r)); n != "" && strings.IndexByte(n, ' ') < 0 {
				m[n] = true
			}
		}
	}
	return m
}()

// koreanNames reports whether every strong token of ts is a Korean
// syllable. A Korean name has no optional parts: a given-name syllable one
// of two Korean names lacks (Kim Yong Chol Ha Yun against KIM Yong Chol)
// is a namesake's, not an omitted middle name, and costs as when the names
// share one word (omissionSingle); see givenLeftOver.
func koreanNames(ts []Token, in []tokInfo) bool {
	n := 0
	for i := range ts {
		if ts[i].Weak {
			continue
		}
		if in[i].flags&infoKoreanKeyed == 0 {
			return false
		}
		n++
	}
	return n > 0
}

// givenLeftOver reports whether a strong token of the Korean name ts not
// in matched is a given-name syllable: not a surname at either end of the
// name (a payee may leave the surname out: Hyon Sop for SIM Hyon Sop).
func givenLeftOver(ts []Token, matched uint64) bool {
	first, last := -1, -1
	for i := range ts {
		if !ts[i].Weak {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i := range ts {
		if ts[i].Weak || matched&(1<<uint(i)) != 0 {
			continue
		}
		if (i == first || i == last) && koreanSurnameKeys[ts[i].Key] {
			continue
		}
		return true
	}
	return false
}

// unmatchedCosts returns u plus the costs of the tokens of ts not in
// matched, and apart the costs of those of them whose word (see wordBits)
// has a matched token.
func unmatchedCosts(ts []Token, in []tokInfo, matched uint64, u float64) (float64, float64) {
	var rem float64
	var words uint64 // words with a matched token
	for i := range ts {
		if matched&(1<<uint(i)) != 0 {
			words |= wordBits(ts, i, 1)
		}
	}
	for i := range ts {
		if matched&(1<<uint(i)) != 0 {
			continue
		}
		if words&wordBits(ts, i, 1) != 0 {
			rem += in[i].u
		} else {
			u += in[i].u
		}
	}
	return u, rem
}

// strongWords counts the words the chosen pairs agree on: the pairs of
// similarity strongSim or more that join no weak token and no single
// letter, and the initials meeting a word when neither name has a legal
// form (in a company name an initial is no evidence: S. against Systems),
// counted by the words of the name that has fewer of them among such pairs
// (two tokens Tokenize split from one word are one word: Abdullah is abd,
// ullah).
func (sc *scorer) strongWords() int {
	legal := false
	for k := range sc.iq {
		legal = legal || sc.iq[k].flags&infoLegal != 0
	}
	for k := range sc.il {
		legal = legal || sc.il[k].flags&infoLegal != 0
	}
	var qw, lw uint64
	for k := range sc.pairs {
		p := &sc.pairs[k]
		switch {
		case p.sim < strongSim:
			continue
		case p.kind == Initial:
			if legal {
				continue
			}
		case !strongSpan(sc.q[p.qi:p.qi+p.qn]) || !strongSpan(sc.l[p.lj:p.lj+p.ln]):
			continue
		}
		qw |= wordBits(sc.q, p.qi, p.qn)
		lw |= wordBits(sc.l, p.lj, p.ln)
	}
	return min(bits.OnesCount64(qw), bits.OnesCount64(lw))
}

// strongSpan reports whether the tokens are all words of two letters or
// more that are not weak.
func strongSpan(ts []Token) bool {
	for k := range ts {
		if ts[k].Weak || len(ts[k].Text) < 2 {
			return false
		}
	}
	return true
}

// wordBits returns the set of the words of ts[i:i+n], a word being a
// token and the Joined tokens that follow it, identified by the position
// of its first token.
func wordBits(ts []Token, i, n int) uint64 {
	var m uint64
	for k := i; k < i+n; k++ {
		j := k
		for j > 0 && ts[j].Joined {
			j--
		}
		m |= 1 << uint(j)
	}
	return m
}

// unmatchedWeight is what an unmatched token costs: its weight without the
// frequency part. A common word agreeing is weak evidence that two names
// are the same, but a word disagreeing, common or not, is strong evidence
// that they differ (in record-linkage terms, the agreement weight of a
// value depends on its frequency, the disagreement weight hardly does).
// Weak words and initials still cost little.
func unmatchedWeight(t *Token) float64 {
	return tokenFactor(*t)
}

// addOpt records a candidate pair when the tokens meet.
func (sc *scorer) addOpt(qi, qn, lj, ln int, kind MatchKind, sim float64) {
	if kind == Unmatched {
		return
	}
	var weight float64
	for i := qi; i < qi+qn; i++ {
		weight += sc.iq[i].w
	}
	for j := lj; j < lj+ln; j++ {
		weight += sc.il[j].w
	}
	weight /= 2
	if kind == Initial {
		// An initial tells little: the pair weighs what the initial
		// weighs, and the rest of the word counts as unmatched.
		weight = min(sc.iq[qi].w, sc.il[lj].w)
	}
	sc.opts = append(sc.opts, scorePair{qi: qi, qn: qn, lj: lj, ln: ln, kind: kind, sim: sim, gain: sim * weight, weight: weight})
}

// align chooses the pairs: an exhaustive branch-and-bound search when the
// number of combinations is small, greedy otherwise.
func (sc *scorer) align() {
	q, l := sc.q, sc.l
	sc.opts = sc.opts[:0]
	sc.optEnd = sc.optEnd[:0]
	combos := 1
	for i := range q {
		start := len(sc.opts)
		for j := range l {
			kind, sim := tokenSim(&q[i], &l[j], &sc.iq[i], &sc.il[j])
			sc.addOpt(i, 1, j, 1, kind, sim)
			if j+1 < len(l) {
				kind, sim = compoundSim(&l[j], &l[j+1], &q[i], &sc.il[j], &sc.il[j+1], &sc.iq[i])
				sc.addOpt(i, 1, j, 2, kind, sim)
			}
			if i+1 < len(q) {
				kind, sim = compoundSim(&q[i], &q[i+1], &l[j], &sc.iq[i], &sc.iq[i+1], &sc.il[j])
				sc.addOpt(i, 2, j, 1, kind, sim)
				if j+1 < len(l) {
					kind, sim = splitSim(&q[i], &q[i+1], &l[j], &l[j+1])
					sc.addOpt(i, 2, j, 2, kind, sim)
				}
			}
		}
		opts := sc.opts[start:]
		slices.SortStableFunc(opts, func(a, b scorePair) int { return cmp.Compare(b.gain, a.gain) })
		sc.optEnd = append(sc.optEnd, len(sc.opts))
		if combos <= assignBudget {
			combos *= len(opts) + 1
		}
	}
	if len(sc.opts) == 0 {
		return
	}
	if combos > assignBudget {
		sc.alignGreedy()
		return
	}
	n := len(q)
	sc.suffix = slices.Grow(sc.suffix[:0], n+1)[:n+1]
	sc.suffix[n] = 0
	for i := n - 1; i >= 0; i-- {
		best := 0.0
		if start := sc.optStart(i); start < sc.optEnd[i] {
			best = sc.opts[start].gain
		}
		sc.suffix[i] = sc.suffix[i+1] + best
	}
	sc.cur = slices.Grow(sc.cur[:0], n)[:n]
	sc.best = slices.Grow(sc.best[:0], n)[:n]
	for i := range sc.cur {
		sc.cur[i] = -1
	}
	sc.bestGain = -1
	sc.search(0, 0, 0)
	for i := 0; i < n; i++ {
		if o := sc.best[i]; o >= 0 {
			sc.pairs = append(sc.pairs, sc.opts[o])
			i += sc.opts[o].qn - 1
		}
	}
}

func (sc *scorer) optStart(i int) int {
	if i == 0 {
		return 0
	}
	return sc.optEnd[i-1]
}

// search is the branch and bound from query token i on, with the listed
// tokens in used taken and gain so far.
func (sc *scorer) search(i int, used uint64, gain float64) {
	if i >= len(sc.q) {
		if gain > sc.bestGain {
			sc.bestGain = gain
			copy(sc.best, sc.cur)
		}
		return
	}
	if gain+sc.suffix[i] <= sc.bestGain {
		return
	}
	for o := sc.optStart(i); o < sc.optEnd[i]; o++ {
		p := &sc.opts[o]
		bits := p.lMask()
		if used&bits != 0 {
			continue
		}
		sc.cur[i] = o
		if p.qn == 2 {
			sc.cur[i+1] = -1
		}
		sc.search(i+p.qn, used|bits, gain+p.gain)
	}
	sc.cur[i] = -1
	sc.search(i+1, used, gain)
}

// alignGreedy pairs the best remaining options first.
func (sc *scorer) alignGreedy() {
	all := slices.Clone(sc.opts)
	slices.SortStableFunc(all, func(a, b scorePair) int {
		return cmp.Or(cmp.Compare(b.gain, a.gain), cmp.Compare(a.qi, b.qi), cmp.Compare(a.lj, b.lj))
	})
	var usedQ, usedL uint64
	for _, p := range all {
		if usedQ&p.qMask() != 0 || usedL&p.lMask() != 0 {
			continue
		}
		usedQ |= p.qMask()
		usedL |= p.lMask()
		sc.pairs = append(sc.pairs, p)
	}
	slices.SortFunc(sc.pairs, func(a, b scorePair) int { return cmp.Compare(a.qi, b.qi) })
}

// order marks the pairs outside the heaviest chain of pairs that follows
// both names' order up to a rotation of the listed name.
func (sc *scorer) order() {
	p := sc.pairs
	if len(p) < 3 || isRotation(p) {
		return
	}
	m := len(sc.l)
	n := len(p)
	sc.keys = slices.Grow(sc.keys[:0], n)[:n]
	sc.dp = slices.Grow(sc.dp[:0], n)[:n]
	sc.from = slices.Grow(sc.from[:0], n)[:n]
	sc.inChain = slices.Grow(sc.inChain[:0], n)[:n]
	bestTotal, bestRot := sc.bestChain(m)
	// A name may repeat a token ("QUREN SALIH QUREN"): the alignment may
	// then pair it either way at the same gain, and the way that keeps
	// the order is taken.
	for k := range min(n, maxOrderFix) {
		for h := k + 1; h < min(n, maxOrderFix); h++ {
			a, b := &p[k], &p[h]
			if a.ln != 1 || b.ln != 1 || a.qn != 1 || b.qn != 1 {
				continue
			}
			var swap func()
			switch {
			case sc.l[a.lj] == sc.l[b.lj]:
				swap = func() { a.lj, b.lj = b.lj, a.lj }
			case sc.q[a.qi] == sc.q[b.qi]:
				swap = func() { a.qi, b.qi = b.qi, a.qi; *a, *b = *b, *a }
			default:
				continue
			}
			swap()
			if total, r := sc.bestChain(m); total > bestTotal {
				bestTotal, bestRot = total, r
			} else {
				swap()
			}
		}
	}
	_, end := sc.chainFor(bestRot, m)
	clear(sc.inChain)
	for k := end; k >= 0; k = sc.from[k] {
		sc.inChain[k] = true
	}
	for k := range p {
		p[k].displaced = !sc.inChain[k]
	}
}

// bestChain returns the gain of the heaviest chain of pairs in order up to
// a rotation, and the rotation.
func (sc *scorer) bestChain(m int) (float64, int) {
	bestTotal, bestRot := -1.0, 0
	for r := range m {
		if total, _ := sc.chainFor(r, m); total > bestTotal {
			bestTotal, bestRot = total, r
		}
	}
	return bestTotal, bestRot
}

// chainFor finds the heaviest chain of pairs increasing in query order and
// in listed order rotated by r; it returns its gain and last pair.
func (sc *scorer) chainFor(r, m int) (float64, int) {
	p := sc.pairs
	for k := range p {
		sc.keys[k] = (p[k].lj - r + m) % m
	}
	best, end := -1.0, -1
	for k := range p {
		sc.dp[k] = p[k].gain
		sc.from[k] = -1
		for h := range k {
			if sc.keys[h] < sc.keys[k] && sc.dp[h]+p[k].gain > sc.dp[k] {
				sc.dp[k] = sc.dp[h] + p[k].gain
				sc.from[k] = h
			}
		}
		if sc.dp[k] > best {
			best, end = sc.dp[k], k
		}
	}
	return best, end
}

// isRotation reports whether the listed positions of pairs (in query order)
// increase up to one wrap-around.
func isRotation(p []scorePair) bool {
	descents := 0
	for k := 1; k < len(p); k++ {
		if p[k].lj < p[k-1].lj {
			descents++
		}
	}
	return descents == 0 || (descents == 1 && p[len(p)-1].lj < p[0].lj)
}

// spanText joins the texts of ts with spaces.
func spanText(ts []Token) string {
	if len(ts) == 1 {
		return ts[0].Text
	}
	n := len(ts) - 1
	for _, t := range ts {
		n += len(t.Text)
	}
	b := make([]byte, 0, n)
	for k, t := range ts {
		if k > 0 {
			b = append(b, ' ')
		}
		b = append(b, t.Text...)
	}
	return string(b)
}

// result builds the explanation of the last comparison, in the caller's
// orientation.
func (sc *scorer) result(score float64) Result {
	qt, lt, qi, li := sc.q, sc.l, sc.iq, sc.il
	if sc.swapped {
		qt, lt, qi, li = lt, qt, li, qi
	}
	// byQuery[i] is the pair holding the caller's query token i, or -1.
	byQuery := make([]int, len(qt))
	for i := range byQuery {
		byQuery[i] = -1
	}
	var matchedL uint64
	for k := range sc.pairs {
		p := sc.pairs[k]
		qm, lm := p.qMask(), p.lMask()
		if sc.swapped {
			qm, lm = lm, qm
		}
		for i := range qt {
			if qm&(1<<uint(i)) != 0 {
				byQuery[i] = k
			}
		}
		matchedL |= lm
	}
	res := Result{Score: score, Matches: make([]TokenMatch, 0, len(qt)+len(lt))}
	for i := range qt {
		k := byQuery[i]
		if k < 0 {
			res.Matches = append(res.Matches, TokenMatch{Query: qt[i].Text, QueryIndex: i, ListedIndex: -1, Kind: Unmatched, Weight: qi[i].u})
			continue
		}
		p := sc.pairs[k]
		lj, ln := p.lj, p.ln
		if sc.swapped {
			lj, ln = p.qi, p.qn
		}
		res.Matches = append(res.Matches, TokenMatch{
			Query: qt[i].Text, Listed: spanText(lt[lj : lj+ln]), QueryIndex: i, ListedIndex: lj,
			Kind: p.kind, Score: p.sim, Weight: p.weight, OutOfOrder: p.displaced,
		})
	}
	for j := range lt {
		if matchedL&(1<<uint(j)) == 0 {
			res.Matches = append(res.Matches, TokenMatch{Listed: lt[j].Text, QueryIndex: -1, ListedIndex: j, Kind: Unmatched, Weight: li[j].u})
		}
	}
	return res
}
