package fuzzy

import "math/bits"

// Jaro-Winkler parameters, as in smetrics.JaroWinkler(a, b, 0.7, 4).
const (
	jwBoostThreshold = 0.7
	jwPrefixSize     = 4
)

// JaroWinkler returns the Jaro-Winkler similarity of a and b in [0,1]: 1
// for equal strings, 0 when they have no character in common.
//
// It compares bytes, not runes, and returns exactly what
// smetrics.JaroWinkler(a, b, 0.7, 4) from github.com/xrash/smetrics
// returns, bit for bit, including its greedy matching (which makes the
// result depend slightly on the order of a and b in rare cases). It does not
// allocate when both strings are at most 64 bytes long.
func JaroWinkler(a, b string) float64 {
	return jaroWinkler(a, b)
}

// text is a string or byte slice: the kernels below serve both, so that a
// compound token can be built in a stack buffer without allocating.
type text interface{ ~string | ~[]byte }

// jaroWinkler is [JaroWinkler] for strings or byte slices.
func jaroWinkler[A, B text](a A, b B) float64 {
	j := jaro(a, b)
	if j <= jwBoostThreshold {
		return j
	}
	n := min(len(a), len(b), jwPrefixSize)
	var prefix float64
	for i := range n {
		if a[i] != b[i] {
			break
		}
		prefix++
	}
	return j + 0.1*prefix*(1.0-j)
}

// jaro returns the Jaro similarity of a and b, computed exactly as
// smetrics.Jaro does.
func jaro[A, B text](a A, b B) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) <= 64 && len(b) <= 64 {
		return jaro64(a, b)
	}
	return jaroLong(a, b)
}

// jaroWindow returns the match range of the Jaro algorithm.
func jaroWindow(la, lb int) int {
	return max(0, max(la, lb)/2-1)
}

// jaroResult combines the counts exactly as smetrics does, so that the
// floating-point result is identical.
func jaroResult(matches, unaligned, la, lb int) float64 {
	m := float64(matches)
	t := float64(unaligned / 2)
	return ((m / float64(la)) + (m / float64(lb)) + ((m - t) / m)) / 3.0
}

// jaro64 is jaro for strings of at most 64 bytes. The matched flags are
// bits of two words, and the positions of each byte of b are a bit mask
// (bytes are bucketed by their low five bits, so a candidate position is
// checked before it is taken): each byte of a finds its match, the first
// free equal byte of b in its window, with a few bit operations.
func jaro64[A, B text](a A, b B) float64 {
	la, lb := len(a), len(b)
	r := jaroWindow(la, lb)
	var pos [32]uint64
	for j := 0; j < lb; j++ {
		pos[b[j]&31] |= 1 << uint(j)
	}
	all := uint64(1)<<uint(lb) - 1 // all ones when lb is 64
	var ma, mb uint64
	matches := 0
	for i := 0; i < la; i++ {
		c := a[i]
		window := all
		if lo := i - r; lo > 0 {
			window &^= uint64(1)<<uint(lo) - 1
		}
		if hi := i + r; hi < lb-1 {
			window &= uint64(1)<<uint(hi+1) - 1
		}
		for cand := pos[c&31] & window &^ mb; cand != 0; cand &= cand - 1 {
			if j := bits.TrailingZeros64(cand); b[j] == c {
				ma |= 1 << uint(i)
				mb |= 1 << uint(j)
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	unaligned := 0
	for ma != 0 {
		i := bits.TrailingZeros64(ma)
		j := bits.TrailingZeros64(mb)
		if a[i] != b[j] {
			unaligned++
		}
		ma &= ma - 1
		mb &= mb - 1
	}
	return jaroResult(matches, unaligned, la, lb)
}

// jaroLong is jaro for longer strings; it allocates two flag slices.
func jaroLong[A, B text](a A, b B) float64 {
	r := jaroWindow(len(a), len(b))
	ma := make([]bool, len(a))
	mb := make([]bool, len(b))
	matches := 0
	for i := 0; i < len(a); i++ {
		c := a[i]
		end := min(len(b)-1, i+r)
		for j := max(0, i-r); j <= end; j++ {
			if !mb[j] && b[j] == c {
				ma[i] = true
				mb[j] = true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	unaligned, j := 0, 0
	for i := 0; i < len(a); i++ {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if a[i] != b[j] {
			unaligned++
		}
		j++
	}
	return jaroResult(matches, unaligned, len(a), len(b))
}

// editDistanceWithin reports whether the optimal string alignment distance
// (Levenshtein with adjacent transpositions, over bytes) between a and b is
// at most k, and the distance when it is. It runs in O(k·len) time and does
// not allocate for strings of at most 64 bytes.
func editDistanceWithin[A, B text](a A, b B, k int) (int, bool) {
	if len(a) > len(b) {
		return editDistanceWithin(b, a, k)
	}
	if len(b)-len(a) > k {
		return 0, false
	}
	// Strip the common prefix and suffix: they never cost.
	for len(a) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 {
		return len(b), len(b) <= k
	}
	// Three rows of the dynamic programme: prev2 (i-2), prev (i-1), cur
	// (i). Values are capped at k+1, so they fit in a byte.
	k = min(k, 254)
	big := uint8(k + 1)
	var buf [3 * 65]uint8
	var rows []uint8
	if len(b) <= 64 {
		rows = buf[:3*(len(b)+1)]
	} else {
		rows = make([]uint8, 3*(len(b)+1))
	}
	w := len(b) + 1
	prev2, prev, cur := rows[:w], rows[w:2*w], rows[2*w:]
	for j := range prev {
		prev[j] = uint8(min(j, int(big)))
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint8(min(i, int(big)))
		rowMin := cur[0]
		lo := max(1, i-k)
		hi := min(len(b), i+k)
		if lo > 1 {
			cur[lo-1] = big
		}
		for j := lo; j <= hi; j++ {
			cost := uint8(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			d = min(d, big)
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if hi < len(b) {
			cur[hi+1] = big
		}
		if rowMin > uint8(k) {
			return 0, false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	d := int(prev[len(b)])
	return d, d <= k
}
