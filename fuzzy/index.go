package fuzzy

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
)

// Entry is a name to index, with an opaque reference the caller maps back
// to what the name belongs to (an entity and one of its aliases, say).
type Entry struct {
	Ref  int
	Name string
}

// Candidate is a name found by [Index.Search].
type Candidate struct {
	// Ref is the reference of the entry the name came with.
	Ref int
	// Entry is the position of the entry in the slice given to [NewIndex].
	Entry int
	// Name is the listed name as given.
	Name string
	// Result is the comparison of the query (as query) with the name.
	Result Result
}

// Index finds, among many names, those that score at least a threshold
// against a query, without scoring them all, and returns exactly the names
// an exhaustive scan with [CompareTokens] and [Index.Weights] would.
//
// Every name is tokenized once. Posting lists lead from each query token to
// every name holding a token it can meet under the rules of
// [CompareTokens]: by token text (exact and transliterated matches), by
// equivalence key (romanizations and variants: Lee/Ri/Yi, Park/Pak,
// Gim/Kim, whatever their first letter: there is no first-letter
// blocking), by first letter (initials), and by padded character bigram
// per text length (fuzzy matches: a text within k edits of a token of n
// letters shares at least n+1−3k bigrams with it, so only texts sharing
// that many are checked with the fuzzy rule itself). The texts include
// every two adjacent tokens of a name written as one word, and two adjacent
// query tokens are probed as one word too.
//
// Each probe also bounds what the pair it found may add to the score's
// numerator (its similarity times its largest possible weight); with the
// name's total weight and the query tokens that cannot meet it, this bounds
// the name's score, and only names whose bound reaches the threshold are
// scored. Common tokens (AL, MOHAMMED, KIM) thus lead to many names but few
// of them are scored.
//
// An Index is immutable and safe for concurrent use; each search borrows
// scratch memory proportional to the index (about 70 bytes per name) that
// is kept for reuse.
type Index struct {
	entries []Entry
	weights *Weights

	// Distinct tokens of all names, their weights and fuzzy masks.
	vocab  []Token
	vocabW []float64
	vocabM []uint64
	// Tokens of each name: nameTok[nameOff[i]:nameOff[i+1]] (vocab ids),
	// their summed weights and summed costs when unmatched.
	nameOff []uint32
	nameTok []uint32
	nameW   []float64
	nameU   []float64

	// Distinct texts: every token text and every two adjacent tokens of a
	// name written as one word. textNames[textOff[t]:textOff[t+1]] are the
	// names holding text t.
	texts  []string
	textID map[string]uint32
	// tokenTexts is the number of texts of tokens: texts[:tokenTexts];
	// the rest are only compounds. textMask holds their fuzzyMask, and
	// textCompound[t] is set when text t is a compound of some name.
	tokenTexts   int
	textMask     []uint64
	textCompound []bool
	textOff      []uint32
	textNames    []uint32
	// byFirst[firstOff[c]:firstOff[c+1]] are the texts starting with byte c.
	firstOff []uint32
	byFirst  []uint32

	// keyNames[keyOff[k]:keyOff[k+1]] are the names holding a token with
	// equivalence key k.
	keyID    map[string]uint32
	keyOff   []uint32
	keyNames []uint32

	// Bigram postings of the fuzzy-eligible token texts and of the texts
	// that are only compounds.
	tokenGrams, compoundGrams gramIndex

	// scratch holds the memory of finished searches for reuse; unlike a
	// sync.Pool it survives garbage collections, which matters because
	// the memory is proportional to the index.
	scratch chan *searchScratch
}

// NewIndex tokenizes and indexes the names of entries. Names are weighed
// with [NewWeights] over all of them. The entries are kept as given; the
// caller must not modify them afterwards.
func NewIndex(entries []Entry) *Index {
	toks := make([][]Token, len(entries))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(entries)/1000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(entries); i += workers {
				t := Tokenize(entries[i].Name)
				toks[i] = t[:min(len(t), maxTokens)]
			}
		})
	}
	wg.Wait()
	return newIndexTokens(entries, toks)
}

func newIndexTokens(entries []Entry, toks [][]Token) *Index {
	ix := &Index{entries: entries}
	n := len(entries)

	// Vocabulary, and the tokens of each name.
	vocabID := make(map[Token]uint32)
	ix.nameOff = make([]uint32, n+1)
	total := 0
	for _, t := range toks {
		total += len(t)
	}
	ix.nameTok = make([]uint32, 0, total)
	for i, ts := range toks {
		for _, t := range ts {
			v, ok := vocabID[t]
			if !ok {
				v = uint32(len(ix.vocab))
				vocabID[t] = v
				ix.vocab = append(ix.vocab, t)
			}
			ix.nameTok = append(ix.nameTok, v)
		}
		ix.nameOff[i+1] = uint32(len(ix.nameTok))
	}

	// Texts of the vocabulary, keys and weight keys.
	ix.textID = make(map[string]uint32)
	ix.keyID = make(map[string]uint32)
	weightID := make(map[string]uint32)
	vocabText := make([]uint32, len(ix.vocab))
	vocabKey := make([]int32, len(ix.vocab))
	vocabWK := make([]uint32, len(ix.vocab))
	for v, t := range ix.vocab {
		vocabText[v] = ix.addText(t.Text)
		vocabKey[v] = -1
		if t.Key != "" {
			vocabKey[v] = int32(internID(ix.keyID, t.Key))
		}
		vocabWK[v] = internID(weightID, weightKey(t))
	}

	ix.tokenTexts = len(ix.texts)

	// The texts of each name: its tokens' and its compounds'.
	nameTextOff := make([]uint32, n+1)
	nameTexts := make([]uint32, 0, 2*total)
	var buf []byte
	var compound, fuzzyCompound []uint32
	for i := range n {
		ts := ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]]
		for k, v := range ts {
			nameTexts = append(nameTexts, vocabText[v])
			if k > 0 {
				buf = append(append(buf[:0], ix.vocab[ts[k-1]].Text...), ix.vocab[v].Text...)
				id, ok := ix.textID[string(buf)]
				if !ok {
					id = ix.addText(string(buf))
				}
				nameTexts = append(nameTexts, id)
				compound = append(compound, id)
				// Fuzzy compounds need both words longer than the
				// edits allowed (see compoundSim).
				if min(len(ix.vocab[ts[k-1]].Text), len(ix.vocab[v].Text)) > allowedEdits(len(buf)) {
					fuzzyCompound = append(fuzzyCompound, id)
				}
			}
		}
		nameTextOff[i+1] = uint32(len(nameTexts))
	}
	ix.textMask = make([]uint64, len(ix.texts))
	for t, s := range ix.texts {
		ix.textMask[t] = fuzzyMask(s)
	}
	ix.textCompound = make([]bool, len(ix.texts))
	for _, t := range compound {
		ix.textCompound[t] = true
	}
	// Only compounds that may meet a token fuzzily get bigram postings.
	fuzzyText := make([]bool, len(ix.texts))
	for _, t := range fuzzyCompound {
		fuzzyText[t] = true
	}

	// Weights: document frequencies by weight key.
	df := make([]int32, len(weightID))
	ix.textOff, ix.textNames = postings(n, len(ix.texts), func(i int, emit func(uint32)) {
		for _, t := range nameTexts[nameTextOff[i]:nameTextOff[i+1]] {
			emit(t)
		}
	})
	ix.keyOff, ix.keyNames = postings(n, len(ix.keyID), func(i int, emit func(uint32)) {
		for _, v := range ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]] {
			if k := vocabKey[v]; k >= 0 {
				emit(uint32(k))
			}
		}
	})
	wkOff, _ := postings(n, len(weightID), func(i int, emit func(uint32)) {
		for _, v := range ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]] {
			emit(vocabWK[v])
		}
	})
	for k := range df {
		df[k] = int32(wkOff[k+1] - wkOff[k])
	}
	ix.weights = &Weights{names: n, df: make(map[string]int32, len(weightID))}
	for s, k := range weightID {
		ix.weights.df[s] = df[k]
	}
	ix.vocabW = make([]float64, len(ix.vocab))
	ix.vocabM = make([]uint64, len(ix.vocab))
	for v, t := range ix.vocab {
		ix.vocabW[v] = ix.weights.Weight(t)
		ix.vocabM[v] = fuzzyMask(t.Text)
	}
	ix.nameW = make([]float64, n)
	ix.nameU = make([]float64, n)
	for i := range n {
		for _, v := range ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]] {
			ix.nameW[i] += ix.vocabW[v]
			ix.nameU[i] += unmatchedWeight(&ix.vocab[v])
		}
	}

	// Texts by first byte, for initials.
	ix.firstOff, ix.byFirst = postings(len(ix.texts), 256, func(t int, emit func(uint32)) {
		if s := ix.texts[t]; s != "" {
			emit(uint32(s[0]))
		}
	})

	ix.tokenGrams = ix.buildGrams(0, ix.tokenTexts, nil)
	ix.compoundGrams = ix.buildGrams(ix.tokenTexts, len(ix.texts), fuzzyText)
	ix.scratch = make(chan *searchScratch, runtime.GOMAXPROCS(0))
	return ix
}

// addText adds a new distinct text and returns its id.
func (ix *Index) addText(s string) uint32 {
	if id, ok := ix.textID[s]; ok {
		return id
	}
	id := uint32(len(ix.texts))
	ix.textID[s] = id
	ix.texts = append(ix.texts, s)
	return id
}

// internID returns the id of s in ids, adding it when new.
func internID(ids map[string]uint32, s string) uint32 {
	id, ok := ids[s]
	if !ok {
		id = uint32(len(ids))
		ids[s] = id
	}
	return id
}

// postings builds posting lists over lists 0..lists-1 of items
// 0..items-1: each(i, emit) emits the lists item i belongs to. Each list
// holds its items in order, each once.
func postings(items, lists int, each func(i int, emit func(uint32))) (off, out []uint32) {
	off = make([]uint32, lists+1)
	last := make([]uint32, lists) // last item added to each list, +1
	var cur uint32
	count := func(l uint32) {
		if last[l] != cur {
			last[l] = cur
			off[l+1]++
		}
	}
	for i := range items {
		cur = uint32(i) + 1
		each(i, count)
	}
	for l := range lists {
		off[l+1] += off[l]
	}
	out = make([]uint32, off[lists])
	fill := slices.Clone(off[:lists])
	clear(last)
	add := func(l uint32) {
		if last[l] != cur {
			last[l] = cur
			out[fill[l]] = cur - 1
			fill[l]++
		}
	}
	for i := range items {
		cur = uint32(i) + 1
		each(i, add)
	}
	return off, out
}

// gramCode maps a byte of a text to 6 bits: 0 pads, letters and digits
// have codes of their own and other bytes share the rest (which only adds
// candidates).
func gramCode(c byte) uint32 {
	switch {
	case c == 0:
		return 0
	case c >= 'a' && c <= 'z':
		return uint32(c-'a') + 1
	case c >= '0' && c <= '9':
		return uint32(c-'0') + 27
	}
	return 37 + uint32(c)%27
}

// gramSlots is the number of bigram posting lists: 64×64 bigrams by text
// lengths 0..maxFuzzyLen.
const gramSlots = 64 * 64 * (maxFuzzyLen + 1)

// gramKey is the posting list of the bigram (a, b) among texts of length n.
func gramKey(a, b byte, n int) uint32 {
	return (gramCode(a)<<6|gramCode(b))*(maxFuzzyLen+1) + uint32(n)
}

// forGrams calls f for each distinct padded bigram of s (0 pads both ends)
// with its number of occurrences (at most 15). s has at most maxFuzzyLen
// bytes.
func forGrams[T text](s T, f func(a, b byte, count int)) {
	var grams [maxFuzzyLen + 1]uint16
	var counts [maxFuzzyLen + 1]uint8
	n := 0
	prev := byte(0)
	for i := 0; i <= len(s); i++ {
		c := byte(0)
		if i < len(s) {
			c = s[i]
		}
		g := uint16(prev)<<8 | uint16(c)
		prev = c
		k := 0
		for k < n && grams[k] != g {
			k++
		}
		if k == n {
			grams[n] = g
			n++
		}
		counts[k] = min(counts[k]+1, 15)
	}
	for k := range n {
		f(byte(grams[k]>>8), byte(grams[k]), int(counts[k]))
	}
}

// gramIndex holds bigram posting lists over texts:
// texts[off[g]:off[g+1]] are the fuzzy-eligible texts of one length holding
// one padded bigram (g = gramKey), each as text id << 4 | occurrences (at
// most 15).
type gramIndex struct {
	off   []uint32
	texts []uint32
}

// buildGrams builds the bigram postings of the fuzzy-eligible texts among
// texts[lo:hi] (those with keep[t] set, when keep is not nil).
func (ix *Index) buildGrams(lo, hi int, keep []bool) gramIndex {
	gi := gramIndex{off: make([]uint32, gramSlots+1)}
	for t := lo; t < hi; t++ {
		if s := ix.texts[t]; ix.textMask[t] != 0 && (keep == nil || keep[t]) {
			forGrams(s, func(a, b byte, _ int) { gi.off[gramKey(a, b, len(s))+1]++ })
		}
	}
	for g := range gramSlots {
		gi.off[g+1] += gi.off[g]
	}
	gi.texts = make([]uint32, gi.off[gramSlots])
	fill := slices.Clone(gi.off[:gramSlots])
	for t := lo; t < hi; t++ {
		if s := ix.texts[t]; ix.textMask[t] != 0 && (keep == nil || keep[t]) {
			forGrams(s, func(a, b byte, count int) {
				g := gramKey(a, b, len(s))
				gi.texts[fill[g]] = uint32(t)<<4 | uint32(count)
				fill[g]++
			})
		}
	}
	return gi
}

// Len returns the number of entries.
func (ix *Index) Len() int { return len(ix.entries) }

// Entry returns entry i as given to [NewIndex].
func (ix *Index) Entry(i int) Entry { return ix.entries[i] }

// Tokens returns the tokens of entry i's name (a new slice).
func (ix *Index) Tokens(i int) []Token {
	v := ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]]
	out := make([]Token, len(v))
	for k, id := range v {
		out[k] = ix.vocab[id]
	}
	return out
}

// Weights returns the token weights counted over the indexed names; Search
// scores with them.
func (ix *Index) Weights() *Weights { return ix.weights }

// searchScratch is the reusable memory of one search.
type searchScratch struct {
	sc scorer
	qw []float64 // weights of the query tokens
	qu []float64 // costs of the query tokens when unmatched
	qm []uint64  // fuzzy masks of the query tokens

	// Per name: stamp is gen when the name is a candidate; hit has the
	// probed query tokens that may meet it and sMax bounds what they add
	// to the score's numerator S.
	stamp []uint32
	hit   []uint64
	sMax  []float64
	lcomp []bool // the name may meet a query token with two of its tokens
	gen   uint32
	cands []uint32

	// A phase probes one query token (or two, as a compound): per name,
	// the best it may add; per text, the best it was added with.
	phase     uint32
	phaseBits uint64
	pstamp    []uint32
	pmax      []float64
	ptouched  []uint32
	textSeen  []uint32
	textC     []float64

	acc     []uint8 // per text: bigrams shared with the probed text
	touched []uint32
	toks    []Token
	tw      []float64
	tm      []uint64
	hits    []scoredName
	buf     []byte
}

type scoredName struct {
	id    uint32
	score float64
}

// Search returns the indexed names whose score against query ([Tokenize]d)
// is at least threshold, best first (ties in entry order), at most limit of
// them (all when limit <= 0). A threshold <= 0 scores every name.
func (ix *Index) Search(query string, threshold float64, limit int) []Candidate {
	return ix.SearchTokens(Tokenize(query), threshold, limit)
}

// SearchTokens is [Index.Search] for a query already tokenized.
func (ix *Index) SearchTokens(query []Token, threshold float64, limit int) []Candidate {
	q := query[:min(len(query), maxTokens)]
	if len(q) == 0 || len(ix.entries) == 0 || threshold > 1 {
		return nil
	}
	s := ix.getScratch()
	defer ix.putScratch(s)
	ix.gather(q, threshold, s)
	s.hits = s.hits[:0]
	for _, id := range s.cands {
		if threshold > 0 && !ix.mayReach(id, threshold, s) {
			continue
		}
		if sc := ix.scoreName(q, id, s); sc >= threshold {
			s.hits = append(s.hits, scoredName{id, sc})
		}
	}
	slices.SortFunc(s.hits, func(a, b scoredName) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.id, b.id))
	})
	if limit > 0 && len(s.hits) > limit {
		s.hits = s.hits[:limit]
	}
	out := make([]Candidate, len(s.hits))
	for k, h := range s.hits {
		ix.scoreName(q, h.id, s)
		e := ix.entries[h.id]
		out[k] = Candidate{Ref: e.Ref, Entry: int(h.id), Name: e.Name, Result: s.sc.result(h.score)}
	}
	return out
}

// gather collects in s.cands the names that may score at least threshold
// against q, with s.hit and s.sMax for mayReach.
func (ix *Index) gather(q []Token, threshold float64, s *searchScratch) {
	s.begin(ix)
	s.qw, s.qu, s.qm = s.qw[:0], s.qu[:0], s.qm[:0]
	for k := range q {
		s.qw = append(s.qw, ix.weights.Weight(q[k]))
		s.qu = append(s.qu, unmatchedWeight(&q[k]))
		s.qm = append(s.qm, fuzzyMask(q[k].Text))
	}
	if threshold <= 0 {
		for i := range ix.entries {
			s.cands = append(s.cands, uint32(i))
		}
		return
	}
	for i := range q {
		s.beginPhase(ix, 1<<uint(i))
		ix.probe(&q[i], s.qw[i], s)
		s.endPhase()
	}
	// Two adjacent query tokens may also meet a listed token as one word.
	for i := 1; i < len(q); i++ {
		s.beginPhase(ix, 3<<uint(i-1))
		ix.probeCompound(&q[i-1], &q[i], (s.qw[i-1]+s.qw[i]+1)/2, s)
		s.endPhase()
	}
}

// candidates returns the number of names Search scores for query.
func (ix *Index) candidates(query string, threshold float64) int {
	q := Tokenize(query)
	q = q[:min(len(q), maxTokens)]
	s := ix.getScratch()
	defer ix.putScratch(s)
	ix.gather(q, threshold, s)
	n := 0
	for _, id := range s.cands {
		if ix.mayReach(id, threshold, s) {
			n++
		}
	}
	return n
}

func (ix *Index) getScratch() *searchScratch {
	select {
	case s := <-ix.scratch:
		return s
	default:
		return new(searchScratch)
	}
}

func (ix *Index) putScratch(s *searchScratch) {
	select {
	case ix.scratch <- s:
	default:
	}
}

// begin prepares the scratch for a search of ix.
func (s *searchScratch) begin(ix *Index) {
	if len(s.stamp) != len(ix.entries) || len(s.acc) != len(ix.texts) {
		s.stamp = make([]uint32, len(ix.entries))
		s.hit = make([]uint64, len(ix.entries))
		s.sMax = make([]float64, len(ix.entries))
		s.lcomp = make([]bool, len(ix.entries))
		s.pstamp = make([]uint32, len(ix.entries))
		s.pmax = make([]float64, len(ix.entries))
		s.textSeen = make([]uint32, len(ix.texts))
		s.textC = make([]float64, len(ix.texts))
		s.acc = make([]uint8, len(ix.texts))
		s.gen, s.phase = 0, 0
	}
	s.gen++
	if s.gen == 0 { // wrapped around: old stamps could collide
		clear(s.stamp)
		s.gen = 1
	}
	s.cands = s.cands[:0]
}

// beginPhase starts probing for the query tokens in bits.
func (s *searchScratch) beginPhase(ix *Index, bits uint64) {
	s.phase++
	if s.phase == 0 {
		clear(s.pstamp)
		clear(s.textSeen)
		s.phase = 1
	}
	s.phaseBits = bits
	s.ptouched = s.ptouched[:0]
}

// endPhase adds to each name met in the phase the most the phase's tokens
// may add to its score's numerator.
func (s *searchScratch) endPhase() {
	for _, id := range s.ptouched {
		s.sMax[id] += s.pmax[id]
	}
}

// bound bounds the score of a name against the query. sUp bounds the
// numerator S of the score, and S <= W, so the score is at most
// S/(S + pen). The query tokens in met may meet the name; the others cannot
// and cost at least o each (o is omissionSingle when at most one token may
// meet). lw and lu are the listed name's summed weights and unmatched
// costs: S is also at most (Σ_met wq + lw)/2, and at most per listed tokens
// (1, or 2 when a query token may meet two adjacent listed tokens as one
// word) are matched per met query token, so the listed tokens left cost at
// least lu − per·|met|. The penalty grows with both unmatched costs.
func (s *searchScratch) bound(met uint64, sUp, lw, lu float64, per int) float64 {
	var wq, uq float64
	n := 0
	for i := range s.qw {
		if met&(1<<uint(i)) != 0 {
			wq += s.qw[i]
			n++
		} else {
			uq += s.qu[i]
		}
	}
	o := omissionCost
	if n <= 1 {
		o = omissionSingle
	}
	sUp = min(sUp, (wq+lw)/2)
	ul := max(0, lu-float64(per*n))
	pen := conflictCost*min(uq, ul) + o*max(uq-ul, ul-uq)
	if sUp <= 0 {
		return 0
	}
	return sUp / (sUp + pen)
}

// mayReach reports whether name id may score at least threshold.
func (ix *Index) mayReach(id uint32, threshold float64, s *searchScratch) bool {
	per := 1
	if s.lcomp[id] {
		per = 2
	}
	return s.bound(s.hit[id], s.sMax[id], ix.nameW[id], ix.nameU[id], per) >= threshold*(1-1e-9)
}

// probe adds to the candidates every name holding a token that t (of
// weight w) can meet, with the most the pair may add to S: its similarity
// times (w + 2)/2 (a query token meets at most two listed tokens, each of
// weight at most 1), or simInitial times w for an initial.
func (ix *Index) probe(t *Token, w float64, s *searchScratch) {
	full := (w + 2) / 2
	if id, ok := ix.textID[t.Text]; ok {
		s.addText(ix, id, full)
	}
	if t.Key != "" {
		if k, ok := ix.keyID[t.Key]; ok {
			s.addNames(ix.keyNames[ix.keyOff[k]:ix.keyOff[k+1]], simEquivalent*full)
		}
	}
	switch len(t.Text) {
	case 0:
		return
	case 1:
		// An initial meets every word starting with it.
		c := t.Text[0]
		for _, id := range ix.byFirst[ix.firstOff[c]:ix.firstOff[c+1]] {
			s.addText(ix, id, simInitial*w)
		}
		return
	}
	if id, ok := ix.textID[t.Text[:1]]; ok {
		s.addText(ix, id, simInitial*w)
	}
	if m := fuzzyMask(t.Text); m != 0 {
		probeFuzzy(ix, &ix.tokenGrams, t.Text, m, full, s)
		probeFuzzy(ix, &ix.compoundGrams, t.Text, m, full, s)
	}
}

// probeCompound adds to the candidates every name holding a token that
// the adjacent query tokens a and b, written as one word, can meet; full is
// the most such a pair may weigh.
func (ix *Index) probeCompound(a, b *Token, full float64, s *searchScratch) {
	s.buf = append(append(s.buf[:0], a.Text...), b.Text...)
	if id, ok := ix.textID[string(s.buf)]; ok && int(id) < ix.tokenTexts {
		s.addText(ix, id, full)
	}
	if m := fuzzyMask(s.buf); m != 0 {
		probeFuzzy(ix, &ix.tokenGrams, s.buf, m, full, s)
	}
}

// probeFuzzy adds the names holding a text of gi that fuzzySim accepts
// against q (mq its fuzzyMask), with their similarity times full. A text
// within k edits of q shares at least n+1−3k padded bigrams with it (n the
// longer length; an edit changes at most three), so only texts sharing that
// many are checked.
func probeFuzzy[T text](ix *Index, gi *gramIndex, q T, mq uint64, full float64, s *searchScratch) {
	n := len(q)
	for l := max(fuzzyMinLen, n-3); l <= min(maxFuzzyLen, n+3); l++ {
		m := max(n, l)
		k := allowedEdits(m)
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
			if int(s.acc[id]) >= need {
				if sim := fuzzySimMasks(q, ix.texts[id], mq, ix.textMask[id]); sim > 0 {
					s.addText(ix, id, sim*full)
				}
			}
			s.acc[id] = 0
		}
	}
}

// addText adds the names holding text id, which may add c to their S.
func (s *searchScratch) addText(ix *Index, id uint32, c float64) {
	if s.textSeen[id] == s.phase && s.textC[id] >= c {
		return
	}
	s.textSeen[id] = s.phase
	s.textC[id] = c
	names := ix.textNames[ix.textOff[id]:ix.textOff[id+1]]
	s.addNames(names, c)
	if ix.textCompound[id] && s.phaseBits&(s.phaseBits-1) == 0 {
		for _, n := range names {
			s.lcomp[n] = true
		}
	}
}

// addNames adds names to the candidates; the phase may add c to their S.
func (s *searchScratch) addNames(names []uint32, c float64) {
	for _, id := range names {
		if s.stamp[id] != s.gen {
			s.stamp[id] = s.gen
			s.hit[id] = 0
			s.sMax[id] = 0
			s.lcomp[id] = false
			s.cands = append(s.cands, id)
		}
		s.hit[id] |= s.phaseBits
		if s.pstamp[id] != s.phase {
			s.pstamp[id] = s.phase
			s.pmax[id] = c
			s.ptouched = append(s.ptouched, id)
		} else if c > s.pmax[id] {
			s.pmax[id] = c
		}
	}
}

// scoreName scores q against name id, leaving the alignment in s.sc.
func (ix *Index) scoreName(q []Token, id uint32, s *searchScratch) float64 {
	s.toks, s.tw, s.tm = s.toks[:0], s.tw[:0], s.tm[:0]
	for _, v := range ix.nameTok[ix.nameOff[id]:ix.nameOff[id+1]] {
		s.toks = append(s.toks, ix.vocab[v])
		s.tw = append(s.tw, ix.vocabW[v])
		s.tm = append(s.tm, ix.vocabM[v])
	}
	return s.sc.score(q, s.toks, s.qw, s.tw, s.qm, s.tm)
}
