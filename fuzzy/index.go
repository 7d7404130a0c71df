package fuzzy

import (
	"math"
	"runtime"
	"slices"
	"strings"
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
// Every name is tokenized once. Each query token is looked up among the
// distinct texts of the indexed tokens: by text (exact and transliterated
// matches), by equivalence key (romanizations and variants: Lee/Ri/Yi,
// Park/Pak, Gim/Kim, whatever their first letter: there is no first-letter
// blocking), by first letter (initials), by prefix and by first and last
// letters (abbreviations), and by padded character bigram per text length
// (fuzzy matches: a text within k edits of a token of n letters shares at
// least n+1−3k bigrams with it, so only texts sharing that many are checked
// with the fuzzy rule itself). The texts include every two adjacent tokens
// of a name written as one word, and two adjacent query tokens are looked
// up as one word too. What a query token finds depends only on the token,
// so it is remembered for the next queries with the same token (up to
// 65,536 distinct tokens and as many pairs).
//
// Each text or key found leads to the names holding it, and bounds what a
// pair through it may add to the score's numerator (its similarity times
// the largest weight such a pair can have). A search reads the names of as
// few texts as it can: the names holding a very common text or key
// (MOHAMMED, AL, KIM, LLC) are not read when the names reachable only
// through such texts cannot reach the threshold anyway, as when a query
// word's other texts are all read and a name missing that word cannot
// score enough. It then learns which of the names it read also hold the
// texts it skipped (reading a name costs far less than bounding one),
// keeps the names whose words found may reach the threshold, bounds each
// of those from its actual tokens (their weights, and which of them no
// query token can meet), and scores only those whose bound reaches the
// threshold.
//
// An Index is immutable and safe for concurrent use; each search borrows
// scratch memory proportional to the index (about 4 bytes per name and 30
// per distinct text) that is kept for reuse.
type Index struct {
	entries []Entry
	weights *Weights

	// Distinct tokens of all names, and what scoring needs of them.
	vocab    []Token
	vocabInf []tokInfo
	// Tokens of each name: nameTok[nameOff[i]:nameOff[i+1]] (vocab ids),
	// and what bounding a name needs of them in nameRec (same positions).
	nameOff []uint32
	nameTok []uint32
	nameRec []nameTokRec
	// nameU is the summed unmatched costs of each name's tokens, rounded
	// down.
	nameU []float32

	// Distinct texts: every token text and every two adjacent tokens of a
	// name written as one word. textNames[textOff[t]:textOff[t+1]] are the
	// names holding a token with text t, compNames[compOff[t]:compOff[t+1]]
	// those holding two adjacent tokens that written as one word are t.
	texts  []string
	textID map[string]uint32
	// tokenTexts is the number of texts of tokens: texts[:tokenTexts];
	// the rest are only compounds. textMask holds their fuzzyMask and
	// letterTwice.
	tokenTexts int
	textMask   []textMasks
	textInf    []textInfo
	textOff    []uint32
	textNames  []uint32
	compOff    []uint32
	compNames  []uint32

	// keyNames[keyOff[k]:keyOff[k+1]] are the names holding a token with
	// equivalence key k; keyW[k] is the largest weight of such a token.
	keyID    map[string]uint32
	keyW     []float64
	keyOff   []uint32
	keyNames []uint32

	// firstNames[firstOff[c]:firstOff[c+1]] are the names holding a word
	// an initial c may meet (not weak, two letters or more, starting with
	// byte c); firstW[c] is the largest weight of such a word.
	firstOff   []uint32
	firstNames []uint32
	firstW     [256]float64

	// Bigram postings of the fuzzy-eligible token texts and of the texts
	// that are only compounds.
	tokenGrams, compoundGrams gramIndex

	// Abbreviations: the Latin token texts sorted (for prefixes), those
	// that may be contracted and those shaped like contractions, by their
	// first and last bytes.
	sorted    []uint32
	longEnds  map[uint16][]uint32
	shortEnds map[uint16][]uint32

	// probes remembers the texts and keys each query token and pair of
	// adjacent tokens met.
	probes probeCache

	// scratch holds the memory of finished searches for reuse; unlike a
	// sync.Pool it survives garbage collections, which matters because
	// the memory is proportional to the index.
	scratch chan *searchScratch
}

// nameTokRec is what bounding the score of a name needs of one of its
// tokens, kept with the name's other tokens so that it is read at once.
type nameTokRec struct {
	text  uint32  // text id
	comp  uint32  // text id of the previous token and this one written as one word
	key   int32   // key id, -1 for none
	w     float32 // weight (its share of its word's), rounded up
	first byte    // first byte of the text
	flags uint8
	parts uint8 // tokens of its word (see appendTokInfos)
}

// nameTokRec flags.
const (
	recStrong uint8 = 1 << iota // infoStrong: not weak, two letters or more
	recJoined                   // Token.Joined
	recWeak                     // Token.Weak
	recSingle                   // a text of one letter
)

// u is the token's cost when unmatched (unmatchedWeight, shared as
// appendTokInfos shares it).
func (r *nameTokRec) u() float64 {
	f := 1.0
	if r.flags&recWeak != 0 {
		f *= weightWeak
	}
	if r.flags&recSingle != 0 {
		f *= weightInitial
	}
	if r.parts > 1 {
		f /= float64(r.parts)
	}
	return f
}

// textMasks are the fuzzyMask of a text and its letterTwice, read
// together.
type textMasks struct {
	once, twice uint64
}

// textInfo is what the index knows of a distinct text.
type textInfo struct {
	// tokW is the largest weight of a token with the text, compW the
	// largest sum of the weights of two adjacent tokens written as the
	// text: the most the listed side of a pair through the text weighs
	// (rounded up).
	tokW, compW float32
	syl         uint16 // textSyl
	flags       uint8
}

// textInfo flags.
const (
	textToken       uint8 = 1 << iota // the text of a token
	textCompound                      // two adjacent tokens written as one word
	textFuzzy                         // the text of a token not written in Hangul or Han
	textLatin                         // the text of a Latin token, without digits
	textPatronymic                    // isPatronymic
	textContraction                   // shaped like a contraction (infoContraction)
)

// NewIndex tokenizes and indexes the names of entries. Names are weighed
// with [NewWeights] over all of them. The entries are kept as given; the
// caller must not modify them afterwards.
func NewIndex(entries []Entry) *Index { return newIndex(entries, nil) }

// newIndex indexes entries, weighing names with w, or with weights counted
// over entries when w is nil.
func newIndex(entries []Entry, w *Weights) *Index {
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
	return newIndexTokens(entries, toks, w)
}

func newIndexTokens(entries []Entry, toks [][]Token, w *Weights) *Index {
	b := &indexBuild{ix: &Index{entries: entries}, toks: toks, n: len(entries)}
	b.vocabulary()
	b.vocabTexts()
	b.listNameTexts()
	b.postingsAndWeights(w)
	b.nameRecords()
	b.textInfos()
	b.initials()
	ix := b.ix

	ix.tokenGrams = ix.buildGrams(0, ix.tokenTexts, nil)
	ix.compoundGrams = ix.buildGrams(ix.tokenTexts, len(ix.texts), b.fuzzyText)

	ix.abbreviations()

	ix.probes.init()
	ix.scratch = make(chan *searchScratch, runtime.GOMAXPROCS(0))
	return ix
}

// indexBuild carries what one phase of newIndexTokens works out to the
// phases after it.
type indexBuild struct {
	ix   *Index
	toks [][]Token
	n    int
	// total is the number of tokens of all names.
	total int
	// vocabText, vocabKey and vocabWK are the text id, key id (-1 for
	// none) and weight key id of each vocabulary token.
	vocabText []uint32
	vocabKey  []int32
	vocabWK   []uint32
	weightID  map[string]uint32
	// nameTexts[nameTextOff[i]:nameTextOff[i+1]] are the texts of name
	// i: its tokens' and its compounds'.
	nameTextOff, nameTexts []uint32
	// fuzzyText marks the compounds that may meet a token fuzzily.
	fuzzyText []bool
}

// vocabulary numbers the distinct tokens and lists the tokens of each name.
func (b *indexBuild) vocabulary() {
	ix, n, toks := b.ix, b.n, b.toks
	// Vocabulary, and the tokens of each name.
	vocabID := make(map[Token]uint32)
	ix.nameOff = make([]uint32, n+1)
	b.total = 0
	for _, t := range toks {
		b.total += len(t)
	}
	ix.nameTok = make([]uint32, 0, b.total)
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
}

// vocabTexts interns the texts, keys and weight keys of the vocabulary.
func (b *indexBuild) vocabTexts() {
	ix := b.ix
	// Texts of the vocabulary, keys and weight keys.
	ix.textID = make(map[string]uint32)
	ix.keyID = make(map[string]uint32)
	weightID := make(map[string]uint32)
	vocabText := make([]uint32, len(ix.vocab)) // text ids
	vocabKey := make([]int32, len(ix.vocab))   // key ids, -1 for none
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
	remap := ix.sortTexts(0)
	for v := range vocabText {
		vocabText[v] = remap[vocabText[v]]
	}
	b.weightID, b.vocabText, b.vocabKey, b.vocabWK = weightID, vocabText, vocabKey, vocabWK
}

// listNameTexts lists the texts of each name, its compounds added as texts.
func (b *indexBuild) listNameTexts() {
	ix, n, vocabText := b.ix, b.n, b.vocabText
	// The texts of each name: its tokens' and its compounds'.
	nameTextOff := make([]uint32, n+1)
	nameTexts := make([]uint32, 0, 2*b.total)
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
	remap := ix.sortTexts(ix.tokenTexts)
	for j, t := range nameTexts {
		nameTexts[j] = remap[t]
	}
	for j, t := range compound {
		compound[j] = remap[t]
	}
	for j, t := range fuzzyCompound {
		fuzzyCompound[j] = remap[t]
	}
	ix.textMask = make([]textMasks, len(ix.texts))
	for t, s := range ix.texts {
		ix.textMask[t] = textMasks{fuzzyMask(s), letterTwice(s)}
	}
	// Only compounds that may meet a token fuzzily get bigram postings.
	fuzzyText := make([]bool, len(ix.texts))
	for _, t := range fuzzyCompound {
		fuzzyText[t] = true
	}
	b.nameTextOff, b.nameTexts, b.fuzzyText = nameTextOff, nameTexts, fuzzyText
}

// postingsAndWeights builds the postings of texts and keys, and the weights (counted
// over the names when w is nil) of the vocabulary.
func (b *indexBuild) postingsAndWeights(w *Weights) {
	ix, n := b.ix, b.n
	nameTexts, nameTextOff, vocabKey, vocabWK, weightID := b.nameTexts, b.nameTextOff, b.vocabKey, b.vocabWK, b.weightID
	// Postings, and weights from document frequencies by weight key.
	ix.textOff, ix.textNames = postings(n, len(ix.texts), func(i int, emit func(uint32)) {
		for j, t := range nameTexts[nameTextOff[i]:nameTextOff[i+1]] {
			if !isCompoundPos(j) {
				emit(t)
			}
		}
	})
	ix.compOff, ix.compNames = postings(n, len(ix.texts), func(i int, emit func(uint32)) {
		for j, t := range nameTexts[nameTextOff[i]:nameTextOff[i+1]] {
			if isCompoundPos(j) {
				emit(t)
			}
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
	ix.weights = w
	if w == nil {
		ix.weights = &Weights{names: n, df: make(map[string]int32, len(weightID))}
		for s, k := range weightID {
			ix.weights.df[s] = int32(wkOff[k+1] - wkOff[k])
		}
	}
	ix.vocabInf = make([]tokInfo, len(ix.vocab))
	for v := range ix.vocab {
		ix.vocabInf[v] = newTokInfo(&ix.vocab[v], ix.weights)
	}
}

// nameRecords writes the record of each token of each name.
func (b *indexBuild) nameRecords() {
	ix, n, toks := b.ix, b.n, b.toks
	nameTexts, nameTextOff, vocabText, vocabKey := b.nameTexts, b.nameTextOff, b.vocabText, b.vocabKey
	ix.nameRec = make([]nameTokRec, len(ix.nameTok))
	ix.nameU = make([]float32, n)
	var infos []tokInfo
	for i := range n {
		tt := nameTexts[nameTextOff[i]:nameTextOff[i+1]]
		nt := toks[i]
		infos = appendTokInfos(infos[:0], nt, ix.weights)
		var u float64
		for j := range nt {
			v := ix.nameTok[ix.nameOff[i]+uint32(j)]
			t, in := &nt[j], &infos[j]
			u += in.u
			r := &ix.nameRec[ix.nameOff[i]+uint32(j)]
			r.text, r.key, r.w = vocabText[v], vocabKey[v], roundUp32(in.w)
			r.parts = uint8(min(255, wordParts(nt, j)))
			if t.Text != "" {
				r.first = t.Text[0]
			}
			if j > 0 {
				r.text, r.comp = tt[2*j-1], tt[2*j]
			}
			if in.flags&infoStrong != 0 {
				r.flags |= recStrong
			}
			if t.Joined {
				r.flags |= recJoined
			}
			if t.Weak {
				r.flags |= recWeak
			}
			if len(t.Text) == 1 {
				r.flags |= recSingle
			}
		}
		ix.nameU[i] = roundDown32(u)
	}
}

// textInfos works out what pairs through each text and key may weigh.
func (b *indexBuild) textInfos() {
	ix, n := b.ix, b.n
	nameTexts, nameTextOff, vocabText, vocabKey := b.nameTexts, b.nameTextOff, b.vocabText, b.vocabKey
	// What pairs through each text and key may weigh.
	ix.textInf = make([]textInfo, len(ix.texts))
	ix.keyW = make([]float64, len(ix.keyID))
	for v, t := range ix.vocab {
		in := &ix.vocabInf[v]
		ti := &ix.textInf[vocabText[v]]
		ti.tokW = max(ti.tokW, roundUp32(in.w))
		ti.flags |= textToken
		if !exactScript(t.Script) {
			ti.flags |= textFuzzy
		}
		if in.flags&infoLatin != 0 {
			ti.flags |= textLatin
		}
		if k := vocabKey[v]; k >= 0 {
			ix.keyW[k] = max(ix.keyW[k], in.w)
		}
	}
	for i := range n {
		ts := ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]]
		tt := nameTexts[nameTextOff[i]:nameTextOff[i+1]]
		for k := 1; k < len(ts); k++ {
			ti := &ix.textInf[tt[2*k]]
			ti.flags |= textCompound
			ti.compW = max(ti.compW, roundUp32(ix.vocabInf[ts[k-1]].w+ix.vocabInf[ts[k]].w))
		}
	}
	for t, s := range ix.texts {
		ti := &ix.textInf[t]
		ti.syl = textSyl(s)
		if isPatronymic(s) {
			ti.flags |= textPatronymic
		}
		if ti.flags&textLatin != 0 && len(s) >= abbrevMinLen && vowelCount(s) <= 1 {
			ti.flags |= textContraction
		}
	}
}

// initials lists the words by first byte, for initials.
func (b *indexBuild) initials() {
	ix, n := b.ix, b.n
	// Words by first byte, for initials.
	ix.firstOff, ix.firstNames = postings(n, 256, func(i int, emit func(uint32)) {
		for _, v := range ix.nameTok[ix.nameOff[i]:ix.nameOff[i+1]] {
			if t := &ix.vocab[v]; len(t.Text) >= 2 && !t.Weak {
				emit(uint32(t.Text[0]))
			}
		}
	})
	for v, t := range ix.vocab {
		if len(t.Text) >= 2 && !t.Weak {
			ix.firstW[t.Text[0]] = max(ix.firstW[t.Text[0]], ix.vocabInf[v].w)
		}
	}
}

// abbreviations lists the Latin token texts that may be contracted or be
// contractions, by first and last byte, and all of them sorted.
func (ix *Index) abbreviations() {
	// Abbreviations.
	ix.longEnds = make(map[uint16][]uint32)
	ix.shortEnds = make(map[uint16][]uint32)
	for t := range ix.tokenTexts {
		ti := &ix.textInf[t]
		if ti.flags&textLatin == 0 || ti.syl != 0 || ti.flags&textPatronymic != 0 {
			continue
		}
		s := ix.texts[t]
		ix.sorted = append(ix.sorted, uint32(t))
		ends := uint16(s[0])<<8 | uint16(s[len(s)-1])
		if contractable[s] {
			ix.longEnds[ends] = append(ix.longEnds[ends], uint32(t))
		}
		if ti.flags&textContraction != 0 {
			ix.shortEnds[ends] = append(ix.shortEnds[ends], uint32(t))
		}
	}
	slices.SortFunc(ix.sorted, func(a, b uint32) int {
		switch x, y := ix.texts[a], ix.texts[b]; {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
}

// wordParts returns the number of tokens of the word token j belongs to:
// a token and the Joined tokens that follow it.
func wordParts(toks []Token, j int) int {
	i := j
	for i > 0 && toks[i].Joined {
		i--
	}
	k := i + 1
	for k < len(toks) && toks[k].Joined {
		k++
	}
	return k - i
}

// roundUp32 returns the least float32 at least f.
func roundUp32(f float64) float32 {
	r := float32(f)
	if float64(r) < f {
		r = math.Nextafter32(r, float32(math.Inf(1)))
	}
	return r
}

// roundDown32 returns the greatest float32 at most f.
func roundDown32(f float64) float32 {
	r := float32(f)
	if float64(r) > f {
		r = math.Nextafter32(r, float32(math.Inf(-1)))
	}
	return r
}

// isCompoundPos reports whether position j of a name's texts (its tokens
// and compounds: t0, t1, t0t1, t2, t1t2...) holds a compound.
func isCompoundPos(j int) bool {
	return j > 0 && j%2 == 0
}

// textSyl is the syl of tokInfo for a Latin token with text s.
func textSyl(s string) uint16 {
	if len(s) < 2 || len(s) > 7 {
		return 0
	}
	if k, ok := koreanSyllableKey(s, false); ok {
		return koreanKeyID(k)
	}
	return 0
}

// sortTexts sorts texts[from:] by length, then bytes, so that the texts a
// fuzzy probe reads (those of a few lengths) lie together, and returns
// the new id of each old id (identity below from).
func (ix *Index) sortTexts(from int) []uint32 {
	order := make([]uint32, len(ix.texts)-from)
	for k := range order {
		order[k] = uint32(from + k)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		x, y := ix.texts[a], ix.texts[b]
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		return strings.Compare(x, y)
	})
	remap := make([]uint32, len(ix.texts))
	for k := range from {
		remap[k] = uint32(k)
	}
	sorted := make([]string, len(order))
	for k, old := range order {
		remap[old] = uint32(from + k)
		sorted[k] = ix.texts[old]
	}
	copy(ix.texts[from:], sorted)
	for k, t := range sorted {
		ix.textID[t] = uint32(from + k)
	}
	return remap
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
		if s := ix.texts[t]; ix.textMask[t].once != 0 && (keep == nil || keep[t]) {
			forGrams(s, func(a, b byte, _ int) { gi.off[gramKey(a, b, len(s))+1]++ })
		}
	}
	for g := range gramSlots {
		gi.off[g+1] += gi.off[g]
	}
	gi.texts = make([]uint32, gi.off[gramSlots])
	fill := slices.Clone(gi.off[:gramSlots])
	for t := lo; t < hi; t++ {
		if s := ix.texts[t]; ix.textMask[t].once != 0 && (keep == nil || keep[t]) {
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
