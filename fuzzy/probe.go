package fuzzy

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// targetKind says what a probe target is and how it bounds the gain of a
// pair through it.
type targetKind uint8

const (
	// targetText: the names holding a token whose text the query token
	// meets; gain at most sim × (qw + tokW)/2.
	targetText targetKind = iota
	// targetCompound: the names holding two adjacent tokens that, written
	// as one word, the query token meets; gain at most sim × (qw + compW)/2.
	targetCompound
	// targetInitial: the names holding a one-letter text the query word
	// starts with; gain at most simInitial × min(qw, textInfo.tokW).
	targetInitial
	// targetKey: the names holding a token with the query token's key;
	// gain at most simEquivalent × (qw + keyW)/2.
	targetKey
	// targetFirst: the names holding a word a query initial meets; gain at
	// most simInitial × min(qw, firstW).
	targetFirst
	// targetPair: the names holding a token whose text two adjacent query
	// tokens meet as one word; gain at most sim × (qw1 + qw2 + tokW)/2.
	targetPair
	// targetSplit: the names holding two adjacent tokens that spell the
	// same word as two adjacent query tokens; gain at most
	// sim × (qw1 + qw2 + compW)/2.
	targetSplit
)

// initialKind reports the kinds of targets of initials.
func (k targetKind) initialKind() bool { return k == targetInitial || k == targetFirst }

// compoundKind reports the kinds of targets that lead to compounds.
func (k targetKind) compoundKind() bool { return k == targetCompound || k == targetSplit }

// probeTarget is a text, key or first letter a query token meets, with
// the similarity of the match (at most that, for bounds).
type probeTarget struct {
	sim  float64
	id   uint32
	kind targetKind
}

// Probe cache bounds.
const (
	probeShards   = 16
	probeCacheMax = 1 << 16 // entries of each kind (tokens, pairs)
)

// probeCache remembers the targets of query tokens and pairs. It is safe
// for concurrent use; entries are never modified once stored, and once
// full it stores nothing more.
type probeCache struct {
	shards [probeShards]struct {
		mu sync.RWMutex
		m  map[string][]phaseTarget
		_  [40]byte // keep shards on separate cache lines
	}
	mu      sync.Mutex
	entries [2]int // tokens, pairs
}

func (c *probeCache) init() {
	for i := range c.shards {
		c.shards[i].m = make(map[string][]phaseTarget)
	}
}

// shard picks the shard of key k.
func (c *probeCache) shard(k []byte) int {
	h := uint32(2166136261)
	for _, b := range k {
		h = (h ^ uint32(b)) * 16777619
	}
	return int(h % probeShards)
}

// get returns the targets stored under k.
func (c *probeCache) get(k []byte) ([]phaseTarget, bool) {
	sh := &c.shards[c.shard(k)]
	sh.mu.RLock()
	t, ok := sh.m[string(k)]
	sh.mu.RUnlock()
	return t, ok
}

// put stores t under k unless the cache holds probeCacheMax entries of
// k's kind (k[0]).
func (c *probeCache) put(k []byte, t []phaseTarget) {
	kind := 0
	if k[0] == 'p' {
		kind = 1
	}
	c.mu.Lock()
	full := c.entries[kind] >= probeCacheMax
	if !full {
		c.entries[kind]++
	}
	c.mu.Unlock()
	if full {
		return
	}
	sh := &c.shards[c.shard(k)]
	sh.mu.Lock()
	if _, ok := sh.m[string(k)]; !ok {
		sh.m[string(k)] = t
	}
	sh.mu.Unlock()
}

// tokenKey writes the cache key of a query token: what its targets and
// its weight depend on (text, key, whether it is Hangul, Han, Latin or weak).
func tokenKey(dst []byte, t *Token) []byte {
	var f byte
	if t.Weak {
		f |= 1
	}
	switch t.Script {
	case Hangul:
		f |= 2
	case Han:
		f |= 8
	case Latin:
		f |= 4
	}
	dst = append(dst, 't', f)
	dst = append(dst, t.Text...)
	dst = append(dst, 0)
	return append(dst, t.Key...)
}

// pairKey writes the cache key of two adjacent query tokens.
func pairKey(dst []byte, a, b *Token) []byte {
	dst = tokenKey(append(dst, 'p'), a)
	dst = append(dst, 0)
	return tokenKey(dst, b)
}

// tokenTargets returns the targets of the query token t (in its tokInfo),
// by decreasing gain.
func (ix *Index) tokenTargets(t *Token, in *tokInfo, s *searchScratch) []phaseTarget {
	s.key = tokenKey(s.key[:0], t)
	if tg, ok := ix.probes.get(s.key); ok {
		return tg
	}
	// The gains are bounded with the token's full weight, which a token
	// split from a word only shares (see appendTokInfos).
	tg := ix.phaseTargets(ix.probeToken(t, in, s), ix.weights.Weight(*t))
	s.key = tokenKey(s.key[:0], t)
	ix.probes.put(s.key, tg)
	return tg
}

// pairTargets returns the targets of the adjacent query tokens a and b
// written as one word, by decreasing gain.
func (ix *Index) pairTargets(a, b *Token, s *searchScratch) []phaseTarget {
	s.key = pairKey(s.key[:0], a, b)
	if tg, ok := ix.probes.get(s.key); ok {
		return tg
	}
	tg := ix.phaseTargets(ix.probePair(a, b, s), ix.weights.Weight(*a)+ix.weights.Weight(*b))
	s.key = pairKey(s.key[:0], a, b)
	ix.probes.put(s.key, tg)
	return tg
}

// phaseTargets returns the targets found for query tokens of summed weight
// qw, with the most a pair through each may add to the numerator S and the
// number of names it leads to, by decreasing gain (nil when none).
func (ix *Index) phaseTargets(found []probeTarget, qw float64) []phaseTarget {
	var out []phaseTarget
	for _, t := range found {
		pt := phaseTarget{sim: t.sim, id: t.id, kind: t.kind}
		switch t.kind {
		case targetText, targetPair:
			pt.c = t.sim * ((qw + float64(ix.textInf[t.id].tokW)) / 2)
			pt.size = ix.textOff[t.id+1] - ix.textOff[t.id]
		case targetCompound, targetSplit:
			pt.c = t.sim * ((qw + float64(ix.textInf[t.id].compW)) / 2)
			pt.size = ix.compOff[t.id+1] - ix.compOff[t.id]
		case targetInitial:
			pt.c = t.sim * min(qw, float64(ix.textInf[t.id].tokW))
			pt.size = ix.textOff[t.id+1] - ix.textOff[t.id]
		case targetKey:
			pt.c = t.sim * ((qw + ix.keyW[t.id]) / 2)
			pt.size = ix.keyOff[t.id+1] - ix.keyOff[t.id]
		case targetFirst:
			pt.c = t.sim * min(qw, ix.firstW[t.id])
			pt.size = ix.firstOff[t.id+1] - ix.firstOff[t.id]
		}
		if pt.size > 0 {
			out = append(out, pt)
		}
	}
	slices.SortStableFunc(out, func(a, b phaseTarget) int { return cmp.Compare(b.c, a.c) })
	return out
}

// probeToken finds every text, key and first letter the query token t can
// meet under the rules of tokenSim and compoundSim (a listed compound
// meeting t), with a similarity at least that of any such match.
func (ix *Index) probeToken(t *Token, in *tokInfo, s *searchScratch) []probeTarget {
	s.beginProbe(ix)
	if id, ok := ix.textID[t.Text]; ok {
		ix.addTextTargets(id, simExact, simExact, s)
	}
	if t.Key != "" {
		if k, ok := ix.keyID[t.Key]; ok {
			s.found = append(s.found, probeTarget{sim: simEquivalent, id: k, kind: targetKey})
		}
	}
	switch {
	case len(t.Text) == 0:
	case len(t.Text) == 1:
		// An initial meets every word starting with it.
		if !t.Weak && ix.firstOff[t.Text[0]+1] > ix.firstOff[t.Text[0]] {
			s.found = append(s.found, probeTarget{sim: simInitial, id: uint32(t.Text[0]), kind: targetFirst})
		}
	default:
		if id, ok := ix.textID[t.Text[:1]]; ok && !t.Weak {
			s.found = append(s.found, probeTarget{sim: simInitial, id: id, kind: targetInitial})
		}
		if !exactScript(t.Script) && in.mask != 0 {
			probeFuzzy(ix, &ix.tokenGrams, t.Text, in.mask, s, allowedEdits, func(id uint32, sim float64) {
				ti := &ix.textInf[id]
				if ti.flags&textFuzzy != 0 && (in.flags&infoPatronymic != 0) == (ti.flags&textPatronymic != 0) {
					ts := sim
					if in.syl != 0 && ti.syl != 0 && in.syl != ti.syl {
						ts = syllableSim(sim)
					}
					if ts > 0 {
						s.addTarget(targetText, id, ts)
					}
				}
				// compoundSim has neither rule above, and allows one edit
				// fewer (the similarity bounds it anyway).
				if in.syl == 0 && ti.flags&textCompound != 0 {
					s.addTarget(targetCompound, id, sim)
				}
			})
			if in.syl == 0 {
				probeFuzzy(ix, &ix.compoundGrams, t.Text, in.mask, s, compoundEdits, func(id uint32, sim float64) {
					s.addTarget(targetCompound, id, sim)
				})
			}
		}
		if !exactScript(t.Script) && !t.Weak && len(t.Text) <= 4 {
			forShortTypos(t.Text, func(v []byte) {
				if id, ok := ix.textID[string(v)]; ok && ix.textInf[id].flags&textFuzzy != 0 && (in.syl == 0 || ix.textInf[id].syl == 0) {
					s.addTarget(targetText, id, simShortTypo)
				}
			})
		}
		ix.probeAbbreviations(t.Text, in, s)
	}
	return s.found
}

// probeAbbreviations adds the token texts the query text q abbreviates or
// is an abbreviation of (see isAbbreviation).
func (ix *Index) probeAbbreviations(q string, in *tokInfo, s *searchScratch) {
	if in.flags&infoLatin == 0 || in.syl != 0 || in.flags&infoPatronymic != 0 || len(q) < abbrevMinLen {
		return
	}
	// Longer texts starting with q.
	lo, hi := 0, len(ix.sorted)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.texts[ix.sorted[m]] < q {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for _, id := range ix.sorted[lo:] {
		x := ix.texts[id]
		if !strings.HasPrefix(x, q) {
			break
		}
		if 5*len(q) <= 2*len(x) {
			s.addTarget(targetText, id, simAbbreviation)
		}
	}
	// Shorter texts q starts with.
	for n := abbrevMinLen; 5*n <= 2*len(q); n++ {
		if id, ok := ix.textID[q[:n]]; ok && int(id) < ix.tokenTexts && ix.abbreviable(id) {
			s.addTarget(targetText, id, simAbbreviation)
		}
	}
	// Contractions.
	ends := uint16(q[0])<<8 | uint16(q[len(q)-1])
	if in.flags&infoContraction != 0 {
		for _, id := range ix.longEnds[ends] {
			if x := ix.texts[id]; len(x) >= 2*len(q) && isAbbreviation(q, x, in, &tokInfo{mask: 1, flags: infoLatin}) {
				s.addTarget(targetText, id, simAbbreviation)
			}
		}
	}
	if contractable[q] {
		for _, id := range ix.shortEnds[ends] {
			if x := ix.texts[id]; 2*len(x) <= len(q) && isAbbreviation(x, q, &tokInfo{mask: 1, flags: infoLatin | infoContraction}, in) {
				s.addTarget(targetText, id, simAbbreviation)
			}
		}
	}
}

// abbreviable reports whether token text id may take part in an
// abbreviation.
func (ix *Index) abbreviable(id uint32) bool {
	ti := &ix.textInf[id]
	return ti.flags&textLatin != 0 && ti.syl == 0 && ti.flags&textPatronymic == 0
}

// probePair finds every token text that the adjacent query tokens a and b,
// written as one word, can meet under the rules of compoundSim.
func (ix *Index) probePair(a, b *Token, s *searchScratch) []probeTarget {
	s.beginProbe(ix)
	s.buf = append(append(s.buf[:0], a.Text...), b.Text...)
	ab := s.buf
	if id, ok := ix.textID[string(ab)]; ok {
		// A token written as the two, or two tokens split elsewhere.
		if ix.textInf[id].flags&textToken != 0 {
			s.addTarget(targetPair, id, simExact)
		}
		if ix.textInf[id].flags&textCompound != 0 {
			s.addTarget(targetSplit, id, simSplit)
		}
	}
	if m := fuzzyMask(ab); m != 0 && !exactScript(a.Script) && !exactScript(b.Script) && (textSyl(a.Text) == 0 || textSyl(b.Text) == 0) {
		patr := isPatronymic(ab)
		la, lb := len(a.Text), len(b.Text)
		probeFuzzy(ix, &ix.tokenGrams, ab, m, s, compoundEdits, func(id uint32, sim float64) {
			ti := &ix.textInf[id]
			if ti.flags&textFuzzy != 0 && ti.syl == 0 && min(la, lb) > allowedEdits(max(len(ab), len(ix.texts[id]))) &&
				patr == (ti.flags&textPatronymic != 0) {
				s.addTarget(targetPair, id, sim)
			}
		})
	}
	return s.found
}

// probeFuzzy calls found for the texts of gi within edits(n) edits of q
// (mq its fuzzyMask, n the longer length) that fuzzySim accepts, with their
// similarity. A text within k edits of q shares at least n+1−3k padded
// bigrams with it (an edit changes at most three), so only texts sharing
// that many are checked.
func probeFuzzy[T text](ix *Index, gi *gramIndex, q T, mq uint64, s *searchScratch, edits func(int) int, found func(id uint32, sim float64)) {
	n := len(q)
	mq2 := letterTwice(q)
	for l := max(fuzzyMinLen, n-3); l <= min(maxFuzzyLen, n+3); l++ {
		m := max(n, l)
		k := edits(m)
		if max(n-l, l-n) > k {
			continue
		}
		need := m + 1 - 3*k
		s.touched = s.touched[:0]
		forGrams(q, func(a, b byte, count int) {
			g := gramKey(a, b, l)
			for _, e := range gi.texts[gi.off[g]:gi.off[g+1]] {
				id := e >> 4
				if s.acc[id] == 0 {
					s.touched = append(s.touched, id)
				}
				s.acc[id] += uint8(min(count, int(e&15)))
			}
		})
		for _, id := range s.touched {
			// Each letter of one text missing from the other costs an
			// edit, and so does a letter twice in one and once in the
			// other: the texts are only read when they pass that.
			mt, mt2 := ix.textMask[id].once, ix.textMask[id].twice
			if int(s.acc[id]) >= need &&
				bits.OnesCount64(mq&^mt)+bits.OnesCount64(mq2&^mt2) <= k &&
				bits.OnesCount64(mt&^mq)+bits.OnesCount64(mt2&^mq2) <= k {
				if sim := fuzzySimK(q, ix.texts[id], mq, mt, k); sim > 0 {
					found(id, sim)
				}
			}
			s.acc[id] = 0
		}
	}
}

// letterTwice returns the set of the bytes that occur twice or more in s,
// bucketed like fuzzyMask.
func letterTwice[T text](s T) uint64 {
	var once, twice uint64
	for i := 0; i < len(s); i++ {
		b := uint64(1) << (s[i] & 63)
		twice |= once & b
		once |= b
	}
	return twice
}

// addTextTargets adds the targets of text id: as a token with similarity
// tok, as a compound with similarity comp.
func (ix *Index) addTextTargets(id uint32, tok, comp float64, s *searchScratch) {
	if ix.textInf[id].flags&textToken != 0 {
		s.addTarget(targetText, id, tok)
	}
	if ix.textInf[id].flags&textCompound != 0 {
		s.addTarget(targetCompound, id, comp)
	}
}

// beginProbe starts collecting the targets of one query token or pair.
func (s *searchScratch) beginProbe(ix *Index) {
	s.ensure(ix)
	s.probeGen++
	if s.probeGen == 0 {
		clear(s.textSeen)
		clear(s.compSeen)
		s.probeGen = 1
	}
	s.found = s.found[:0]
}

// addTarget adds text target id of a kind leading to tokens or compounds
// with similarity sim, or raises the similarity of the target of the same
// kind already found for id.
func (s *searchScratch) addTarget(kind targetKind, id uint32, sim float64) {
	seen, idx := s.textSeen, s.textIdx
	if kind.compoundKind() {
		seen, idx = s.compSeen, s.compIdx
	}
	if seen[id] == s.probeGen {
		if t := &s.found[idx[id]]; sim > t.sim {
			t.sim = sim
		}
		return
	}
	seen[id] = s.probeGen
	idx[id] = int32(len(s.found))
	s.found = append(s.found, probeTarget{sim: sim, id: id, kind: kind})
}
