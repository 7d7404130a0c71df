package fuzzy

import (
	"cmp"
	"math/bits"
	"slices"
)

// searchScratch is the reusable memory of one search.
type searchScratch struct {
	sc     scorer
	qi     []tokInfo // the query tokens'
	qword  []int     // the word of each query token (Joined tokens share one)
	qLegal bool      // the query has a legal form (see strongWords)

	// The candidates, and per candidate the phases of the targets read
	// that lead to it (cmask). Per name: bit id of seen is set when the
	// name is candidate cands[cand[id]]. The per-name state is read at
	// random, once per posting read: the bit set (a bit per name) stays
	// in the nearest cache, and cand is read only for candidates.
	seen  []uint64
	cand  []uint32
	dirty bool   // seen may have bits set
	gen   uint32 // the search's, for memo
	cands []uint32
	cmask []uint64
	// Per phase: what the targets read (read) and skipped (skip) allow a
	// name holding them (see unseenPhase), and memo of feasible.
	read, skip, all []unseenPhase
	known           []bool // every target of the phase was read
	span            []int  // listed tokens a pair of the phase may join
	memo            [64]maskMemo

	// The targets of the query: phase p's are pt[phaseOff[p]:phaseOff[p+1]],
	// by decreasing c, and the names of the first cut[p] are read. Every
	// target is chained by its text (as a token or a compound), key or
	// first letter from the heads in markTok, markComp, markKey and
	// markFirst (-1 for none), valid where the bit sets say so.
	pt        []phaseTarget
	phaseOff  []int
	phaseQW   []float64 // the summed weights of each phase's query tokens
	cut       []int
	plan      planScratch
	tokMarks  marks
	compMarks marks
	keyMarks  marks
	markFirst [256]int32

	// Per phase and per listed token of the name being bounded.
	pbest []float64
	pflag []uint8
	lbest []float64
	lflag []uint8

	// Probing: per text, the probe that found it last and where, as a
	// token and as a compound.
	probeGen uint32
	textSeen []uint32
	textIdx  []int32
	compSeen []uint32
	compIdx  []int32
	found    []probeTarget
	acc      []uint8 // per text: bigrams shared with the probed text
	touched  []uint32

	toks []Token
	ti   []tokInfo
	buf  []byte
	key  []byte
}

// phaseTarget is a probe target of one phase of a search, with the most a
// pair through it may add to the score's numerator and the number of names
// it leads to.
type phaseTarget struct {
	c     float64
	sim   float64
	id    uint32
	size  uint32
	next  int32 // the next target with the same text, key or first letter
	phase int32
	kind  targetKind
}

// marks chains targets by the id of their text or key: head[id] is the
// first target of id when bit id of set is set.
type marks struct {
	set  []uint64
	head []int32
	any  bool
}

func (m *marks) size(n int) {
	m.set = make([]uint64, (n+63)/64)
	m.head = make([]int32, n)
}

// add chains target k of id.
func (m *marks) add(pt []phaseTarget, k int32, id uint32) {
	if m.set[id>>6]&(1<<(id&63)) == 0 {
		m.set[id>>6] |= 1 << (id & 63)
		m.head[id] = -1
	}
	pt[k].next, m.head[id] = m.head[id], k
	m.any = true
}

// first returns the first target of id, -1 for none.
func (m *marks) first(id uint32) int32 {
	if m.set[id>>6]&(1<<(id&63)) == 0 {
		return -1
	}
	return m.head[id]
}

// clear unmarks id.
func (m *marks) clear(id uint32) {
	m.set[id>>6] &^= 1 << (id & 63)
}

// markScanPerName is how many names of skipped targets a search reads per
// candidate to learn which candidates hold them.
const markScanPerName = 16

// maskMemo remembers what a set of phases allows (see feasible): the
// numerator bound s, the cost uq of the query tokens left and the omission
// cost o, and the number of listed tokens the phases may join.
type maskMemo struct {
	s, uq, o float64
	mask     uint64
	gen      uint32
	listed   int
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
	var out []Candidate
	for _, id := range s.cands {
		if threshold > 0 && !ix.mayReach(id, threshold, s) {
			continue
		}
		if sc := ix.scoreName(q, id, s); sc >= threshold {
			e := ix.entries[id]
			out = append(out, Candidate{Ref: e.Ref, Entry: int(id), Name: e.Name, Result: s.sc.result(sc)})
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Result.Score, a.Result.Score), cmp.Compare(a.Entry, b.Entry))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit:limit]
	}
	return out
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

// ensure sizes the scratch for ix.
func (s *searchScratch) ensure(ix *Index) {
	if len(s.cand) != len(ix.entries) || len(s.acc) != len(ix.texts) || len(s.keyMarks.head) != len(ix.keyW) {
		s.seen = make([]uint64, (len(ix.entries)+63)/64)
		s.cand = make([]uint32, len(ix.entries))
		s.dirty = false
		s.textSeen = make([]uint32, len(ix.texts))
		s.textIdx = make([]int32, len(ix.texts))
		s.compSeen = make([]uint32, len(ix.texts))
		s.compIdx = make([]int32, len(ix.texts))
		s.acc = make([]uint8, len(ix.texts))
		s.tokMarks.size(len(ix.texts))
		s.compMarks.size(len(ix.texts))
		s.keyMarks.size(len(ix.keyW))
		s.pt = s.pt[:0]
		s.gen, s.probeGen = 0, 0
	}
}

// begin prepares the scratch for a search of ix.
func (s *searchScratch) begin(ix *Index) {
	s.ensure(ix)
	s.gen++
	if s.gen == 0 { // wrapped around: old stamps could collide
		clear(s.memo[:])
		s.gen = 1
	}
	if s.dirty { // a search stopped half-way
		clear(s.seen)
		s.dirty = false
	}
	s.cands = s.cands[:0]
	s.cmask = s.cmask[:0]
	// Unmark the targets of the last search.
	for k := range s.pt {
		t := &s.pt[k]
		switch t.kind {
		case targetKey:
			s.keyMarks.clear(t.id)
		case targetFirst:
		case targetCompound, targetSplit:
			s.compMarks.clear(t.id)
		default:
			s.tokMarks.clear(t.id)
		}
	}
	s.pt = s.pt[:0]
	s.tokMarks.any, s.compMarks.any, s.keyMarks.any = false, false, false
	for k := range s.markFirst {
		s.markFirst[k] = -1
	}
}

// gather collects in s.cands the names that may score at least threshold
// against q, and marks the targets of every phase for mayReach.
func (ix *Index) gather(q []Token, threshold float64, s *searchScratch) {
	s.begin(ix)
	s.qi = appendTokInfos(s.qi[:0], q, ix.weights)
	s.qword = s.qword[:0]
	s.qLegal = false
	for k := range s.qi {
		s.qLegal = s.qLegal || s.qi[k].flags&infoLegal != 0
	}
	word := -1
	for k := range q {
		if k == 0 || !q[k].Joined {
			word++
		}
		s.qword = append(s.qword, word)
	}
	if threshold <= 0 {
		for i := range ix.entries {
			s.cands = append(s.cands, uint32(i))
		}
		return
	}

	// The targets of each phase: query tokens, then pairs of adjacent
	// query tokens.
	s.phaseOff = append(s.phaseOff[:0], 0)
	s.phaseQW = s.phaseQW[:0]
	for i := range q {
		ix.addPhase(ix.tokenTargets(&q[i], &s.qi[i], s), s.qi[i].w, s)
	}
	for i := 1; i < len(q); i++ {
		ix.addPhase(ix.pairTargets(&q[i-1], &q[i], s), s.qi[i-1].w+s.qi[i].w, s)
	}
	s.planSkips(threshold)

	// Mark every target, and read the names of those not skipped,
	// recording the phases each name was read in.
	phases := len(s.phaseOff) - 1
	s.dirty = true
	for p := range phases {
		bit := uint64(1) << uint(p)
		if p >= 64 {
			bit = 1 << 63 // masks are not used past 64 phases
		}
		for k := s.phaseOff[p]; k < s.phaseOff[p+1]; k++ {
			s.mark(int32(k))
			if k >= s.phaseOff[p]+s.cut[p] {
				continue
			}
			for _, id := range ix.targetNames(&s.pt[k]) {
				if w, b := &s.seen[id>>6], uint64(1)<<(id&63); *w&b == 0 {
					*w |= b
					s.cand[id] = uint32(len(s.cands))
					s.cands = append(s.cands, id)
					s.cmask = append(s.cmask, bit)
				} else {
					s.cmask[s.cand[id]] |= bit
				}
			}
		}
	}
	if phases > 64 {
		s.unsee()
		return
	}
	// Read the skipped targets of the phases that lead to few names
	// compared with the candidates, but only to learn which candidates
	// they lead to: reading a name costs far less than bounding one.
	s.phaseStates()
	used := 0
	for {
		best, bestSize := -1, 0
		for p := range phases {
			if s.known[p] {
				continue
			}
			size := 0
			for k := s.phaseOff[p] + s.cut[p]; k < s.phaseOff[p+1]; k++ {
				size += int(s.pt[k].size)
			}
			if best < 0 || size < bestSize {
				best, bestSize = p, size
			}
		}
		if best < 0 || bestSize > markScanPerName*len(s.cands) || used+bestSize > 2*markScanPerName*len(s.cands) {
			break
		}
		used += bestSize
		bit := uint64(1) << uint(best)
		for k := s.phaseOff[best] + s.cut[best]; k < s.phaseOff[best+1]; k++ {
			for _, id := range ix.targetNames(&s.pt[k]) {
				if s.seen[id>>6]&(1<<(id&63)) != 0 {
					s.cmask[s.cand[id]] |= bit
				}
			}
		}
		s.known[best] = true
	}
	s.unsee()
	// Keep the names whose phases may reach the threshold, given also
	// that the listed tokens beyond those the phases can join are
	// unmatched (each costs at most 1).
	thr := threshold * (1 - 1e-9)
	kept := s.cands[:0]
	for c, id := range s.cands {
		mask := s.cmask[c]
		f := s.memoSlot(mask)
		if f.gen != s.gen || f.mask != mask {
			f = s.feasible(mask)
		}
		if f.s <= 0 {
			continue
		}
		ul := max(0, float64(ix.nameU[id])-float64(f.listed))
		pen := conflictCost*min(f.uq, ul) + f.o*max(f.uq-ul, ul-f.uq)
		if f.s/(f.s+pen) >= thr {
			kept = append(kept, id)
		}
	}
	s.cands = kept
}

// unsee clears the bits of the candidates in seen.
func (s *searchScratch) unsee() {
	if !s.dirty {
		return
	}
	for _, id := range s.cands {
		s.seen[id>>6] = 0
	}
	s.dirty = false
}

// phaseStates records, per phase, what its targets read and skipped allow
// a name (for feasible).
func (s *searchScratch) phaseStates() {
	phases := len(s.phaseOff) - 1
	s.read = slices.Grow(s.read[:0], phases)[:phases]
	s.skip = slices.Grow(s.skip[:0], phases)[:phases]
	s.all = slices.Grow(s.all[:0], phases)[:phases]
	s.known = slices.Grow(s.known[:0], phases)[:phases]
	s.span = slices.Grow(s.span[:0], phases)[:phases]
	for p := range phases {
		lo, hi, cut := s.phaseOff[p], s.phaseOff[p+1], s.phaseOff[p]+s.cut[p]
		s.read[p] = s.targetsState(p, lo, cut)
		s.skip[p] = s.targetsState(p, cut, hi)
		s.all[p] = s.targetsState(p, lo, hi)
		s.known[p] = cut == hi
		s.span[p] = 1
		for k := lo; k < hi; k++ {
			if s.pt[k].kind.compoundKind() {
				s.span[p] = 2
			}
		}
	}
}

// targetsState is what targets pt[lo:hi] of phase p allow a name holding
// any of them.
func (s *searchScratch) targetsState(p, lo, hi int) unseenPhase {
	if lo >= hi {
		return unseenPhase{}
	}
	u := unseenPhase{r: s.pt[lo].c, initial: p < len(s.qi)}
	strongOK := s.strongPhase(p)
	for k := lo; k < hi; k++ {
		t := &s.pt[k]
		if t.sim >= strongSim && (strongOK || !s.qLegal && t.kind.initialKind()) {
			u.strong = true
		}
		if t.kind != targetInitial {
			u.initial = false
		}
	}
	return u
}

// feasible returns what a name read in the phases of mask, and holding
// any skipped target, may reach (see unseenBound), with the targets read in
// those phases added to the skipped ones, and how many listed tokens the
// phases may join at most.
// It is remembered in memoSlot(mask) (callers look there first), which
// the next call may overwrite.
func (s *searchScratch) feasible(mask uint64) *maskMemo {
	u := s.plan.u[:len(s.read)]
	listed := 0
	for p := range u {
		if s.known[p] {
			// Every target of the phase was read: the mask tells.
			u[p] = unseenPhase{}
			if mask&(1<<uint(p)) != 0 {
				u[p] = s.all[p]
			}
		} else {
			u[p] = s.skip[p]
			if mask&(1<<uint(p)) != 0 {
				if rd := s.read[p]; u[p].r == 0 {
					u[p] = rd
				} else {
					u[p].r = max(u[p].r, rd.r)
					u[p].strong = u[p].strong || rd.strong
					u[p].initial = u[p].initial && rd.initial
				}
			}
		}
		if u[p].r > 0 {
			listed += s.span[p]
		}
	}
	m := s.unseenState(u)
	m.gen, m.mask, m.listed = s.gen, mask, listed
	slot := s.memoSlot(mask)
	*slot = m
	return slot
}

// memoSlot returns where feasible remembers mask's memo.
func (s *searchScratch) memoSlot(mask uint64) *maskMemo {
	return &s.memo[(mask*0x9e3779b97f4a7c15)>>58]
}

// mark chains target k to its text, key or first letter.
func (s *searchScratch) mark(k int32) {
	t := &s.pt[k]
	switch t.kind {
	case targetKey:
		s.keyMarks.add(s.pt, k, t.id)
	case targetFirst:
		t.next, s.markFirst[t.id] = s.markFirst[t.id], k
	case targetCompound, targetSplit:
		s.compMarks.add(s.pt, k, t.id)
	default:
		s.tokMarks.add(s.pt, k, t.id)
	}
}

// addPhase adds the targets of one phase, for query tokens of summed
// weight qw, by decreasing c.
func (ix *Index) addPhase(tg []phaseTarget, qw float64, s *searchScratch) {
	p := int32(len(s.phaseQW))
	for _, t := range tg {
		t.phase = p
		s.pt = append(s.pt, t)
	}
	s.phaseOff = append(s.phaseOff, len(s.pt))
	s.phaseQW = append(s.phaseQW, qw)
}

// targetNames returns the names a target leads to.
func (ix *Index) targetNames(t *phaseTarget) []uint32 {
	switch t.kind {
	case targetKey:
		return ix.keyNames[ix.keyOff[t.id]:ix.keyOff[t.id+1]]
	case targetFirst:
		return ix.firstNames[ix.firstOff[t.id]:ix.firstOff[t.id+1]]
	case targetCompound, targetSplit:
		return ix.compNames[ix.compOff[t.id]:ix.compOff[t.id+1]]
	}
	return ix.textNames[ix.textOff[t.id]:ix.textOff[t.id+1]]
}

// planScratch is the memory of planSkips.
type planScratch struct {
	u      []unseenPhase // per phase: what its skipped targets allow
	ph     []int         // the phases with a choice
	optOff []int         // per phase with a choice: its options in opt
	opt    []planOption
	pick   []int // per phase with a choice: its option
	best   []int
}

// planOption is one way to read a phase: its first cut targets.
type planOption struct {
	cut  int
	cost int // names read
	u    unseenPhase
}

// unseenPhase is what the skipped targets of a phase allow a name
// reachable only through skipped targets: r bounds what the phase adds to
// the numerator S (0 when nothing is skipped); strong reports whether the
// pair may count as an agreeing word (see strongWords); initial reports
// whether the skipped targets are all listed initials, which leave the rest
// of the query word unmatched.
type unseenPhase struct {
	r       float64
	strong  bool
	initial bool
}

// bigTarget is the number of names from which a target is worth skipping.
const bigTarget = 48

// Planning bounds.
const (
	maxPlanOptions = 8    // cut options per phase: none, all, before up to 6 big targets
	maxPlans       = 1024 // combinations tried before going greedy
	smallPhase     = 8    // names below which a phase is always read
)

// planSkips chooses, for each phase, how many of its targets (by
// decreasing c) to read: the rest are skipped, and the names reachable only
// through skipped targets must not be able to score threshold (see
// unseenBound). A phase may be read in full, not at all, or up to one of
// its first big targets; of the combinations that keep unseen names below
// the threshold, the one reading the fewest names is taken.
func (s *searchScratch) planSkips(threshold float64) {
	pl := &s.plan
	phases := len(s.phaseOff) - 1
	s.cut = slices.Grow(s.cut[:0], phases)[:phases]
	pl.u = slices.Grow(pl.u[:0], phases)[:phases]
	pl.ph, pl.optOff, pl.opt = pl.ph[:0], append(pl.optOff[:0], 0), pl.opt[:0]
	for p := range phases {
		lo, hi := s.phaseOff[p], s.phaseOff[p+1]
		s.cut[p] = hi - lo
		pl.u[p] = unseenPhase{}
		total := 0
		for k := lo; k < hi; k++ {
			total += int(s.pt[k].size)
		}
		if total < smallPhase {
			continue
		}
		pl.ph = append(pl.ph, p)
		add := func(cut, cost int) {
			pl.opt = append(pl.opt, planOption{cut: cut, cost: cost, u: s.targetsState(p, lo+cut, hi)})
		}
		add(0, 0)
		read, bigs := 0, 0
		for k := lo; k < hi && bigs < maxPlanOptions-2; k++ {
			if s.pt[k].size >= bigTarget && k > lo {
				add(k-lo, read)
				bigs++
			}
			read += int(s.pt[k].size)
		}
		add(hi-lo, total)
		pl.optOff = append(pl.optOff, len(pl.opt))
	}
	choices := len(pl.ph)
	if choices == 0 {
		return
	}
	pl.pick = slices.Grow(pl.pick[:0], choices)[:choices]
	pl.best = slices.Grow(pl.best[:0], choices)[:choices]
	thr := threshold * (1 - 1e-9)
	bound := func() float64 {
		for g, p := range pl.ph {
			pl.u[p] = pl.opt[pl.optOff[g]+pl.pick[g]].u
		}
		return s.unseenBound(pl.u)
	}
	cost := func() int {
		c := 0
		for g := range pl.ph {
			c += pl.opt[pl.optOff[g]+pl.pick[g]].cost
		}
		return c
	}
	combos := 1
	for g := range choices {
		combos *= pl.optOff[g+1] - pl.optOff[g]
		if combos > maxPlans {
			break
		}
	}
	clear(pl.pick)
	bestCost := -1
	if combos <= maxPlans {
		for {
			if c := cost(); (bestCost < 0 || c < bestCost) && bound() < thr {
				bestCost = c
				copy(pl.best, pl.pick)
			}
			g := 0
			for ; g < choices; g++ {
				if pl.pick[g]+1 < pl.optOff[g+1]-pl.optOff[g] {
					pl.pick[g]++
					break
				}
				pl.pick[g] = 0
			}
			if g == choices {
				break
			}
		}
	} else {
		// Greedy: read more of the phase whose skipped targets may add
		// most until the rest cannot reach the threshold.
		for bound() >= thr {
			bestG := -1
			var bestR float64
			for g, p := range pl.ph {
				if pl.pick[g]+1 < pl.optOff[g+1]-pl.optOff[g] && (bestG < 0 || pl.u[p].r > bestR) {
					bestG, bestR = g, pl.u[p].r
				}
			}
			if bestG < 0 {
				break
			}
			pl.pick[bestG]++
		}
		if bound() < thr {
			bestCost = 0
			copy(pl.best, pl.pick)
		}
	}
	for g, p := range pl.ph {
		if bestCost < 0 {
			s.cut[p] = s.phaseOff[p+1] - s.phaseOff[p] // read everything
		} else {
			s.cut[p] = pl.opt[pl.optOff[g]+pl.best[g]].cut
		}
	}
}

// strongQuery reports whether a query token may be part of an agreeing
// word (see strongWords): it has two letters or more and is not weak.
func strongQuery(in *tokInfo) bool {
	return in.flags&infoStrong != 0
}

// unseenBound bounds the score of a name reachable only through skipped
// targets, u[p] telling what the skipped targets of phase p allow (see
// unseenPhase). Phases 0..n-1 are the query tokens, n..2n-2 the pairs of
// adjacent tokens. S is at most the best sum of r over phases that share
// no token. A token no skipped target may meet is unmatched, and one only
// listed initials may meet leaves its word but the initial unmatched; they
// cost at least o times that, o being omissionSingle when at most one
// phase may give an agreeing word; and the score is at most S/(S + o·uq)
// (see bound).
func (s *searchScratch) unseenBound(u []unseenPhase) float64 {
	m := s.unseenState(u)
	if m.s <= 0 {
		return 0
	}
	return m.s / (m.s + m.o*m.uq)
}

// unseenState computes what unseenBound needs: S, uq and o.
func (s *searchScratch) unseenState(u []unseenPhase) maskMemo {
	n := len(s.qi)
	var b0, b1 float64 // best sums over the tokens before i-1 and before i
	var strong uint64  // the query words that may agree
	var uq float64
	for i := range n {
		cur := b1 + u[i].r
		pairBefore := i > 0 && u[n+i-1].r > 0
		pairAfter := i+1 < n && u[n+i].r > 0
		if i > 0 {
			cur = max(cur, b0+u[n+i-1].r)
		}
		b0, b1 = b1, cur
		if u[i].strong || pairBefore && u[n+i-1].strong || pairAfter && u[n+i].strong {
			strong |= 1 << uint(s.qword[i])
		}
		switch {
		case pairBefore || pairAfter:
		case u[i].r <= 0:
			uq += s.qi[i].u
		case u[i].initial:
			uq += max(0, s.qi[i].u-weightInitial)
		}
	}
	o := omissionCost
	if bits.OnesCount64(strong) <= 1 {
		o = omissionSingle
	}
	return maskMemo{s: b1, uq: uq, o: o}
}

// Reach flags of a phase or a listed token, for mayReach.
const (
	reachAny     uint8 = 1 << iota // some pair may join it
	reachFull                      // ... other than through an initial
	reachStrong                    // ... that may count as an agreeing word
	reachInitial                   // ... through a listed initial (phases) or a query initial (listed tokens)
)

// mayReach reports whether name id may score at least threshold. From the
// targets the name's tokens and compounds hold, it bounds what each phase
// and each listed token may add to the numerator S (the similarity of the
// target times the weight of a pair with the name's actual token), and
// which query and listed tokens no pair can join: those cost their full
// unmatched weight, and a word only an initial can meet costs all but the
// initial. The score is then at most S/(S + pen) (see CompareTokens), with
// S at most the best sum over phases sharing no token, the sum over listed
// tokens, and half the weights that can be joined.
func (ix *Index) mayReach(id uint32, threshold float64, s *searchScratch) bool {
	recs := ix.nameRec[ix.nameOff[id]:ix.nameOff[id+1]]
	phases := len(s.phaseQW)
	n := len(s.qi)
	m := len(recs)
	s.pbest = slices.Grow(s.pbest[:0], phases)[:phases]
	s.pflag = slices.Grow(s.pflag[:0], phases)[:phases]
	s.lbest = slices.Grow(s.lbest[:0], m)[:m]
	s.lflag = slices.Grow(s.lflag[:0], m)[:m]
	clear(s.pbest)
	clear(s.pflag)
	clear(s.lbest)
	clear(s.lflag)
	for j := range recs {
		r := &recs[j]
		w := float64(r.w)
		for k := s.tokMarks.first(r.text); k >= 0; k = s.pt[k].next {
			pt := &s.pt[k]
			if pt.kind == targetInitial {
				s.reach(pt, recs, j, 1, pt.sim*min(s.phaseQW[pt.phase], w))
			} else {
				s.reach(pt, recs, j, 1, pt.sim*((s.phaseQW[pt.phase]+w)/2))
			}
		}
		if r.key >= 0 && s.keyMarks.any {
			for k := s.keyMarks.first(uint32(r.key)); k >= 0; k = s.pt[k].next {
				pt := &s.pt[k]
				s.reach(pt, recs, j, 1, pt.sim*((s.phaseQW[pt.phase]+w)/2))
			}
		}
		if r.flags&recStrong != 0 {
			for k := s.markFirst[r.first]; k >= 0; k = s.pt[k].next {
				pt := &s.pt[k]
				s.reach(pt, recs, j, 1, pt.sim*min(s.phaseQW[pt.phase], w))
			}
		}
		if j > 0 && s.compMarks.any {
			w2 := float64(recs[j-1].w) + w
			for k := s.compMarks.first(r.comp); k >= 0; k = s.pt[k].next {
				pt := &s.pt[k]
				s.reach(pt, recs, j-1, 2, pt.sim*((s.phaseQW[pt.phase]+w2)/2))
			}
		}
	}

	// S: the best sum over phases sharing no token.
	var b0, b1 float64
	var uq, wq float64
	var qStrong uint64
	for i := range n {
		cur := b1 + s.pbest[i]
		if i > 0 {
			cur = max(cur, b0+s.pbest[n+i-1])
		}
		b0, b1 = b1, cur
		f := s.pflag[i]
		if i > 0 {
			f |= s.pflag[n+i-1]
		}
		if i+1 < n {
			f |= s.pflag[n+i]
		}
		switch {
		case f&reachAny == 0:
			uq += s.qi[i].u
			continue
		case f&reachFull == 0:
			uq += max(0, s.qi[i].u-weightInitial)
		}
		wq += s.qi[i].w
		if f&reachStrong != 0 {
			qStrong |= 1 << uint(s.qword[i])
		}
	}
	var ul, wl, sl float64
	var lStrong uint64
	word := -1
	for j := range recs {
		r := &recs[j]
		if j == 0 || r.flags&recJoined == 0 {
			word++
		}
		f := s.lflag[j]
		switch {
		case f&reachAny == 0:
			ul += r.u()
			continue
		case f&reachFull == 0:
			ul += max(0, r.u()-weightInitial)
		}
		wl += float64(r.w)
		sl += s.lbest[j]
		if f&reachStrong != 0 {
			lStrong |= 1 << uint(word)
		}
	}
	sUp := min(b1, sl, (wq+wl)/2)
	if sUp <= 0 {
		return false
	}
	o := omissionCost
	if min(bits.OnesCount64(qStrong), bits.OnesCount64(lStrong)) <= 1 {
		o = omissionSingle
	}
	pen := conflictCost*min(uq, ul) + o*max(uq-ul, ul-uq)
	return sUp/(sUp+pen) >= threshold*(1-1e-9)
}

// reach records for mayReach that target t may join listed tokens
// j..j+span-1 of the name with gain at most g.
func (s *searchScratch) reach(t *phaseTarget, recs []nameTokRec, j, span int, g float64) {
	p := t.phase
	f := reachAny
	if t.kind.initialKind() {
		// An initial may agree when neither name has a legal form
		// (the listed one's is not looked at).
		f |= reachInitial
		if t.sim >= strongSim && !s.qLegal {
			f |= reachStrong
		}
	} else {
		f |= reachFull
		if t.sim >= strongSim && s.strongPhase(int(p)) {
			f |= reachStrong
		}
		for k := j; k < j+span; k++ {
			if recs[k].flags&recStrong == 0 {
				f &^= reachStrong
			}
		}
	}
	s.pbest[p] = max(s.pbest[p], g)
	s.pflag[p] |= f
	for k := j; k < j+span; k++ {
		s.lbest[k] = max(s.lbest[k], g)
		s.lflag[k] |= f
	}
}

// strongPhase reports whether the query tokens of phase p may be part of
// an agreeing word.
func (s *searchScratch) strongPhase(p int) bool {
	n := len(s.qi)
	if p < n {
		return strongQuery(&s.qi[p])
	}
	return strongQuery(&s.qi[p-n]) && strongQuery(&s.qi[p-n+1])
}

// scoreName scores q against name id, leaving the alignment in s.sc.
func (ix *Index) scoreName(q []Token, id uint32, s *searchScratch) float64 {
	s.toks, s.ti = s.toks[:0], s.ti[:0]
	recs := ix.nameRec[ix.nameOff[id]:ix.nameOff[id+1]]
	for j, v := range ix.nameTok[ix.nameOff[id]:ix.nameOff[id+1]] {
		s.toks = append(s.toks, ix.vocab[v])
		in := ix.vocabInf[v]
		if k := float64(recs[j].parts); k > 1 {
			in.w /= k // as appendTokInfos does
			in.u /= k
		}
		s.ti = append(s.ti, in)
	}
	return s.sc.score(q, s.toks, s.qi, s.ti)
}
