package fuzzy

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the comparable Latin form used by every other
// function of the package: lower-case ASCII letters and digits in words
// separated by single spaces.
//
// The text is put in Unicode normal form (NFKC, then each letter
// decomposed), combining marks are removed (é -> e, ŏ -> o), letters are
// case folded and Cyrillic, Greek, Arabic, Hangul, Han, kana, Hebrew and
// Thai are transliterated to Latin ([Transliterate]), each Hangul syllable
// becoming its own word and a Chinese name of two to four Han characters
// its surname and its given name (习近平 -> xi jinping).
// Apostrophes (' ’ ‘ ʼ ʻ ˈ ´ `) are removed without splitting the word, as
// DPRK names on the lists are written CH'OL, HYO'K, U'N. Hyphens and all
// other punctuation, and bytes that are not UTF-8, separate words. Each
// letter of a script that is not transliterated (Devanagari, Georgian...)
// becomes a word of its own, written "u" and its lower-case hexadecimal
// code point (ა -> u10d0), so that such names still meet themselves
// exactly; [Tokenize] gives these words the script OtherScript (Han for a
// Han character the pinyin dictionary lacks).
//
//	Normalize("KIM Jong-Un") == "kim jong un"
//	Normalize("CH'OL")       == "chol"
//	Normalize("Пак Чол")     == "pak chol"
//	Normalize("리 원호")      == "ri won ho"
//
// Normalize is idempotent. It does not allocate when s is already
// normalized and allocates only the result for other ASCII input.
func Normalize(s string) string {
	if isNormalized(s) {
		return s
	}
	var n normalizer
	n.run(s)
	if b := n.bytes(); len(b) != len(s) || string(b) != s {
		return string(b)
	}
	return s
}

// isNormalized reports whether s is already in normal form.
func isNormalized(s string) bool {
	if len(s) == 0 {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ':
			if s[i-1] == ' ' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// wordSpan is one word of a normalizer's output.
type wordSpan struct {
	start, end int
	script     Script
	hangul     rune // the source syllable of a Hangul word
}

// normalizer writes the normal form of a string and, when track is set,
// records its words. Its output and words are kept in arrays inside the
// value, spilling to the heap only for long names, so that a normalizer
// declared in a function does not allocate.
type normalizer struct {
	out     [192]byte
	nout    int
	big     []byte // the whole output once it outgrows out
	words   [24]wordSpan
	nwords  int
	more    []wordSpan // the words once they outgrow words
	track   bool
	open    bool // a word has been started
	pending bool // a separator was seen inside or after the open word
	start   int
	script  Script
	hangul  rune
	scratch [64]byte
}

// bytes returns the output.
func (n *normalizer) bytes() []byte {
	if n.big != nil {
		return n.big
	}
	return n.out[:n.nout]
}

// size returns the length of the output.
func (n *normalizer) size() int {
	if n.big != nil {
		return len(n.big)
	}
	return n.nout
}

// put appends c to the output.
func (n *normalizer) put(c byte) {
	switch {
	case n.big != nil:
		n.big = append(n.big, c)
	case n.nout < len(n.out):
		n.out[n.nout] = c
		n.nout++
	default:
		n.big = make([]byte, n.nout, 2*len(n.out))
		copy(n.big, n.out[:n.nout])
		n.big = append(n.big, c)
	}
}

// wordList returns the recorded words.
func (n *normalizer) wordList() []wordSpan {
	if n.more != nil {
		return n.more
	}
	return n.words[:n.nwords]
}

// sep ends the current word, if any.
func (n *normalizer) sep() {
	if n.open {
		n.pending = true
	}
}

// letter appends the lower-case ASCII letter or digit c written in script sc.
func (n *normalizer) letter(c byte, sc Script) {
	if n.pending {
		n.closeWord()
		n.put(' ')
	}
	if !n.open {
		n.open = true
		n.start = n.size()
		n.script = sc
		n.hangul = 0
	} else if n.script == Latin && sc != Latin {
		n.script = sc
	}
	n.put(c)
}

// text appends t, lower-case ASCII with spaces as separators.
func (n *normalizer) text(t []byte, sc Script) {
	for _, c := range t {
		if c == ' ' {
			n.sep()
		} else {
			n.letter(c, sc)
		}
	}
}

// closeWord records the open word.
func (n *normalizer) closeWord() {
	if n.open && n.track {
		w := wordSpan{start: n.start, end: n.size(), script: n.script, hangul: n.hangul}
		switch {
		case n.more != nil:
			n.more = append(n.more, w)
		case n.nwords < len(n.words):
			n.words[n.nwords] = w
			n.nwords++
		default:
			n.more = make([]wordSpan, n.nwords, 2*len(n.words))
			copy(n.more, n.words[:])
			n.more = append(n.more, w)
		}
	}
	n.open = false
	n.pending = false
}

// run normalizes s.
func (n *normalizer) run(s string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n.ascii(s[:i])
			rest := s[i:]
			needNFKC, spacing, ukr := scanUnicode(rest)
			if spacing {
				// NFKC would turn HYO´K into HYO + space + mark.
				rest = strings.Map(dropSpacingMark, rest)
			}
			if needNFKC {
				rest = norm.NFKC.String(rest)
			}
			n.unicode(rest, ukr)
			n.closeWord()
			return
		}
	}
	n.ascii(s)
	n.closeWord()
}

// ascii normalizes the ASCII string s.
func (n *normalizer) ascii(s string) {
	for i := 0; i < len(s); i++ {
		n.asciiByte(s[i])
	}
}

func (n *normalizer) asciiByte(c byte) {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		n.letter(c, Latin)
	case c >= 'A' && c <= 'Z':
		n.letter(c+'a'-'A', Latin)
	case c == '\'' || c == '`':
		// Apostrophes join: CH'OL -> chol, O'Brien -> obrien.
	default:
		n.sep()
	}
}

// scanUnicode reports whether s may change under NFKC (it has a rune
// outside ASCII and the Cyrillic, Arabic and Hangul letters, which are
// stable), whether it has spacing marks, and whether it has Ukrainian or
// Belarusian letters.
func scanUnicode(s string) (needNFKC, spacing, ukr bool) {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf, r >= 0x400 && r < 0x482, r >= 0x48A && r < 0x530,
			r >= 0x621 && r < 0x64B, r >= 0x660 && r < 0x66A, r >= 0x671 && r < 0x6D4,
			r >= hangulBase && r <= hangulLast:
			if r >= 0x404 && isUkrainianMarker(r) {
				ukr = true
			}
		case strings.ContainsRune(spacingMarks, r):
			spacing, needNFKC = true, true
		default:
			needNFKC = true
		}
	}
	return needNFKC, spacing, ukr
}

// unicode normalizes s, which is in NFKC; ukr selects the Ukrainian
// reading of Cyrillic.
func (n *normalizer) unicode(s string, ukr bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n.asciiByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isApostrophe(r):
			i += size
		case isHangulSyllable(r):
			n.sep()
			n.text(appendHangulText(n.scratch[:0], r), Hangul)
			n.hangul = r
			n.sep()
			i += size
		case isCyrillic(r) || isGreek(r) || isArabic(r):
			end := scriptWordEnd(s, i)
			sc := scriptOf(r)
			n.text(appendScriptWord(n.scratch[:0], s[i:end], ukr, false), sc)
			i = end
		case isEastScript(r):
			end := eastWordEnd(s, i)
			n.eastText(appendEastWords(n.scratch[:0], s[i:end]), eastScript(r))
			i = end
		default:
			d := norm.NFD.PropertiesString(s[i:]).Decomposition()
			if len(d) == 0 {
				n.other(r)
			} else {
				for len(d) > 0 {
					r2, s2 := utf8.DecodeRune(d)
					n.other(r2)
					d = d[s2:]
				}
			}
			i += size
		}
	}
}

// eastText adds t, words separated by spaces, each a word of its own
// of script sc.
func (n *normalizer) eastText(t []byte, sc Script) {
	n.sep()
	for len(t) > 0 {
		j := 0
		for j < len(t) && t[j] != ' ' {
			j++
		}
		if j > 0 {
			n.text(t[:j], sc)
			n.sep()
		}
		if j < len(t) {
			j++
		}
		t = t[j:]
	}
}

// spacingMarks are the spacing forms of diacritics, which NFKC decomposes
// to a space and a combining mark; inside a name they are apostrophes or
// breves typed on their own (HYO´K, Cho˘ng) and are removed first.
const spacingMarks = "´˘¨˜˝¸˛΄΅῾᾽"

func dropSpacingMark(r rune) rune {
	if strings.ContainsRune(spacingMarks, r) {
		return -1
	}
	return r
}

// isApostrophe reports the characters removed without separating words.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', '‛', 'ʼ', 'ʻ', 'ʽ', 'ʾ', 'ʿ', 'ˈ', '′', '＇':
		return true
	}
	return false
}

// latinSpecial spells Latin letters that have no decomposition.
var latinSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l",
	'ı': "i", 'þ': "th", 'ŋ': "ng", 'ħ': "h", 'ŧ': "t", 'ĸ': "k", 'ſ': "s",
	'ə': "e", 'ǝ': "e", 'ɑ': "a", 'ɛ': "e", 'ɔ': "o", 'ƒ': "f", 'ʃ': "sh",
	'ɨ': "i", 'ʉ': "u", 'ƴ': "y", 'ɓ': "b", 'ɗ': "d", 'ƙ': "k", 'ŀ': "l",
	'ĳ': "ij", 'ꞵ': "b",
}

// other handles a rune that is not ASCII, Hangul or a transliterated
// script, after decomposition.
func (n *normalizer) other(r rune) {
	if r < utf8.RuneSelf {
		n.asciiByte(byte(r))
		return
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || isApostrophe(r) {
		return
	}
	lr := unicode.ToLower(r)
	if t, ok := latinSpecial[lr]; ok {
		for i := 0; i < len(t); i++ {
			n.letter(t[i], Latin)
		}
		return
	}
	if lr == 'ẞ' {
		n.letter('s', Latin)
		n.letter('s', Latin)
		return
	}
	if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
		n.sep()
		return
	}
	// A letter of a script that is not transliterated: a word of its own.
	sc := OtherScript
	if unicode.Is(unicode.Han, r) {
		sc = Han
	}
	n.sep()
	b := append(n.scratch[:0], 'u')
	for d := rune(0x1000); d > 1 && r < d; d >>= 4 {
		b = append(b, '0') // at least four digits
	}
	b = strconv.AppendInt(b, int64(r), 16)
	n.text(b, sc)
	n.sep()
}

// Tokenize normalizes s as [Normalize] does and splits it into tokens,
// each with its equivalence key, script of origin and weak flag.
//
// Keys: a token of a Korean-looking name gets the key of its Korean
// syllable ([KoreanKey]), so that Ri, Lee and Yi, or Jong, Jeong and Chung,
// share a key; any other token gets its transliteration-variant key
// (Mohammed = Muhammad, Yevgeniy = Evgeny) or, for legal forms and
// honorifics, the key of the form (ltd = limited, ooo = llc), which also
// makes the token Weak. A token may have no key.
//
// A name is Korean-looking when it has no legal form of a company, at
// least two words besides honorifics and particles, every one of them a
// Hangul syllable, a romanized Korean syllable or a run-together word of
// two syllables, and its first or last word is a common Korean surname
// (Kim, Ri, Lee, Pak, Park, Choe...) of more than one letter, not a
// particle of another language (de, van, bin). The
// run-together words of such a name are split into their syllables ("Kim
// Jongun" -> kim, jong, un; "Kim Yojong" -> kim, yo, jong), never at a
// doubled consonant (Anna, Hassan) nor between two vowels (Paul, Maria),
// so that ordinary words stay whole. Each Hangul syllable is a token of its
// own (김정은 -> kim, jong, un).
//
// A run-together Arabic theophoric name is split after abd and its article
// (Abdullah -> abd, ullah; Abdulrahman -> abdul, rahman), as it is often
// written in two or three words (Abd Allah, Abd al-Rahman). The tokens
// split from one word after the first are marked [Token].Joined.
//
// A legal form written as letters ends a company name: two or more words of
// one or two letters after at least one other word that spell a legal
// form together are one weak token (S.R.L. -> srl, B.V. -> bv, Sp. z o.o.
// -> spzoo), and the name is not Korean-looking. A legal form spelled out
// in weak words anywhere in a name is one weak token keyed as its short
// form (Limited Liability Company -> limitedliabilitycompany, key llc;
// Joint Stock Company -> jsc).
//
// The token texts, in order, spell Normalize(s) without its spaces; they
// differ from its words only where a run-together name was split or a
// legal form written as letters was joined. Tokenize returns nil when s has
// no letters or digits.
func Tokenize(s string) []Token {
	var n normalizer
	n.track = true
	n.run(s)
	words := n.wordList()
	if len(words) == 0 {
		return nil
	}
	text := s
	if b := n.bytes(); len(b) != len(s) || string(b) != s {
		text = string(b)
	}

	// Korean analysis.
	var segs [16]korSeg
	var segArr []korSeg
	if len(words) <= len(segs) {
		segArr = segs[:len(words)]
	} else {
		segArr = make([]korSeg, len(words))
	}
	// A legal form written as letters (S.R.L., B.V., Sp. z o.o.) ends a
	// company name: it is one weak token, and the name is not Korean.
	runStart, legal := trailingLegalForm(text, words)
	korean := runStart == len(words) && koreanName(text, words, segArr)

	count := 0
	if runStart < len(words) {
		count++
	}
	for i, w := range words[:runStart] {
		switch {
		case korean && segArr[i].n > 0:
			count += segArr[i].n
		case splitAbd(text[w.start:w.end]) > 0:
			count += 2
		default:
			count++
		}
	}
	toks := make([]Token, 0, count)

	// Variant keys are written to one buffer, converted once.
	var kb [128]byte
	keys := kb[:0]
	type keySpan struct{ tok, start, end int }
	var ksArr [16]keySpan
	kspans := ksArr[:0]
	for i, w := range words[:runStart] {
		t := text[w.start:w.end]
		wk, weak := weakKey(t)
		switch {
		case korean && segArr[i].n > 0:
			sg := segArr[i]
			prev := 0
			for j := 0; j < sg.n; j++ {
				toks = append(toks, Token{Text: t[prev:sg.end[j]], Key: sg.key[j], Script: w.script, Weak: weak && sg.n == 1, Joined: j > 0})
				prev = sg.end[j]
			}
		case w.script == Hangul:
			// A Hangul syllable has its Korean key in any name.
			toks = append(toks, Token{Text: t, Key: hangulKey(w.hangul), Script: Hangul, Weak: weak})
		case weak:
			toks = append(toks, Token{Text: t, Key: wk, Script: w.script, Weak: true})
		default:
			parts := [2]string{t}
			if p := splitAbd(t); p > 0 {
				parts = [2]string{t[:p], t[p:]} // abdullah -> abd, ullah
			}
			for k, part := range parts {
				if part == "" {
					continue
				}
				start := len(keys)
				if w.script != Han {
					// Pinyin is exact: 近朋 jinpeng is not 近平
					// jinping, though their variant keys agree.
					keys = appendVariantKey(keys, part)
				}
				if w.script == Greek {
					keys = greekKey(keys, start)
				}
				if len(keys) > start {
					kspans = append(kspans, keySpan{len(toks), start, len(keys)})
				}
				toks = append(toks, Token{Text: part, Script: w.script, Joined: k > 0})
			}
		}
	}
	if runStart < len(words) {
		wk, _ := weakKey(legal)
		toks = append(toks, Token{Text: legal, Key: wk, Script: words[runStart].script, Weak: true})
	}
	if len(kspans) > 0 {
		ks := string(keys)
		for _, k := range kspans {
			toks[k.tok].Key = ks[k.start:k.end]
		}
	}
	return joinLegalPhrases(toks)
}

// legalPhrases are legal forms spelled out in several words, each a weak
// word of its own, that one short form abbreviates: Limited Liability
// Company is LLC, Joint Stock Company JSC, anywhere in a name.
var legalPhrases = map[string]string{
	"limitedliabilitycompany": "llc", "jointstockcompany": "jsc", "openjointstockcompany": "ojsc",
	"closedjointstockcompany": "cjsc", "publicjointstockcompany": "pjsc",
}

// joinLegalPhrases joins the runs of weak tokens that spell a legal form
// of legalPhrases into one weak token keyed as its short form.
func joinLegalPhrases(toks []Token) []Token {
	for i := 0; i+2 < len(toks); i++ {
		if !toks[i].Weak {
			continue
		}
		for n := min(4, len(toks)-i); n >= 3; n-- {
			var b [48]byte
			t := b[:0]
			weak := true
			for _, tk := range toks[i : i+n] {
				weak = weak && tk.Weak
				t = append(t, tk.Text...)
			}
			if k, ok := legalPhrases[string(t)]; ok && weak && k != "" {
				toks[i] = Token{Text: string(t), Key: k, Script: toks[i].Script, Weak: true}
				toks = append(toks[:i+1], toks[i+n:]...)
				break
			}
		}
	}
	return toks
}

// trailingLegalForm finds a legal form written as short words at the end
// of a name of at least one other word: two or more words of one or two
// letters that spell a legal form together (S.R.L. -> s r l -> srl, B.V.,
// S.A., L.L.C., Sp. z o.o. -> spzoo). It returns the index of the first
// word of the form and its spelling, or len(words) when there is none.
func trailingLegalForm(text string, words []wordSpan) (int, string) {
	start := len(words)
	n := 0
	for start > 1 {
		w := words[start-1]
		if l := w.end - w.start; l > 2 || w.script == Hangul || n+l > 16 {
			break
		}
		n += w.end - w.start
		start--
	}
	if len(words)-start < 2 {
		return len(words), ""
	}
	var buf [16]byte
	for ; start <= len(words)-2; start++ {
		b := buf[:0]
		for _, w := range words[start:] {
			b = append(b, text[w.start:w.end]...)
		}
		if isLegalForm(string(b)) {
			return start, string(b)
		}
	}
	return len(words), ""
}

// koreanName decides whether the words of text form a Korean-looking name
// (see [Tokenize]) and, if so, fills segs with the syllables of each word
// to key: n is the number of syllables (1 for a word kept whole, 0 for a
// weak word that is not a syllable).
func koreanName(text string, words []wordSpan, segs []korSeg) bool {
	if len(words) < 2 {
		return false
	}
	// A cheap test first: romanized Korean has no f, q, v, x, z nor digits.
	for _, w := range words {
		if w.script == Latin && !koreanLetters(text[w.start:w.end]) {
			return false
		}
	}
	strong := 0
	first, last := -1, -1
	for i, w := range words {
		t := text[w.start:w.end]
		_, weak := weakKey(t)
		switch {
		case w.script == Hangul:
			segs[i] = korSeg{n: 1, end: [2]int{len(t)}, key: [2]string{hangulKey(w.hangul)}}
		case w.script != Latin || isLegalForm(t):
			return false // a company, or a word in another script
		default:
			if k, ok := koreanSyllableKey(t, false); ok {
				segs[i] = korSeg{n: 1, end: [2]int{len(t)}, key: [2]string{k}}
			} else if weak {
				segs[i] = korSeg{}
			} else if sg, ok := koreanSegment(t); ok {
				segs[i] = sg
			} else {
				return false
			}
		}
		if weak {
			continue
		}
		strong++
		if first < 0 {
			first = i
		}
		last = i
	}
	if strong < 2 {
		return false
	}
	// A surname spelling the grammar reads as another syllable (Hur,
	// Joe, Geong): the surname, first or else last.
	for _, i := range [2]int{first, last} {
		w := words[i]
		if k, ok := surnameOnlyKeys[text[w.start:w.end]]; ok && w.script == Latin {
			if i == last && isKoreanSurname(text, words[first], segs[first]) {
				break
			}
			segs[i] = korSeg{n: 1, end: [2]int{w.end - w.start}, key: [2]string{k}}
			return true
		}
	}
	return isKoreanSurname(text, words[first], segs[first]) || isKoreanSurname(text, words[last], segs[last])
}

// koreanLetters reports whether t has only letters used in romanized
// Korean.
func koreanLetters(t string) bool {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case 'f', 'q', 'v', 'x', 'z':
			return false
		}
		if t[i] < 'a' {
			return false
		}
	}
	return true
}

// isKoreanSurname reports whether the word w, split as seg, is one
// syllable keyed as a common Korean surname. A single letter is not taken
// for one: it is more likely an initial or a number (Hilda I).
func isKoreanSurname(text string, w wordSpan, seg korSeg) bool {
	if w.script == Hangul {
		return seg.n == 1 && koreanSurnameKeys[seg.key[0]]
	}
	t := text[w.start:w.end]
	return seg.n == 1 && koreanSurnameKeys[seg.key[0]] && len(t) > 1 && !notKoreanSurnames[t]
}

// notKoreanSurnames are particles of other languages that happen to spell
// a Korean surname (the = 태, de = 데, bin = 빈).
var notKoreanSurnames = map[string]bool{
	"the": true, "de": true, "da": true, "di": true, "du": true, "la": true, "le": true,
	"van": true, "von": true, "den": true, "del": true, "ben": true, "bin": true,
	"dos": true, "das": true,
}
