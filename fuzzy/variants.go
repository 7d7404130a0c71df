package fuzzy

// Variant keys of non-Korean words.
//
// Names of Arabic, Persian, Turkic and Slavic origin reach the lists
// through many transliterations: Mohammed, Muhammad, Mohamed, Mohamad;
// Yevgeniy, Evgeny, Evgenii; Aleksandr, Alexander, Oleksandr; Hussein,
// Husayn, Hussain; Ivanov, Ivanoff. The variant key is a skeleton that
// keeps what these spellings agree on:
//
//   - each run of vowels becomes one vowel slot, written "a" (o, u, ou, oo,
//     e, ee, ie, y after a consonant...), so Muhammad, Mohammed and Mohamed
//     all give "mahamad" while Mahmoud gives "mahmad": the slots keep the
//     two names apart, where a plain consonant skeleton would merge them;
//   - an i or y after a, e or o and before a consonant or the end closes a
//     diphthong and is kept as "y": Hussein = Husayn = Hussain ("hasayn")
//     but not Hassan ("hasan"); Sergey = Sergei;
//   - consonant spellings are merged: ph f, w v, q k, c k (s before e, i,
//     y), ck k, x ks, th t, dh d, gh g, kh h (Mikhail = Mihail), sh S, ch
//     and tch C, j, dj, dzh and zh J; doubled letters are single; h after a
//     vowel at the end of a word is dropped (Abdullah = Abdulla, Fatimah =
//     Fatima);
//   - a leading "ye" before a consonant is "e" (Yevgeniy = Evgeniy, Yelena
//     = Elena), a leading i before a vowel is y (Iurii = Yurii, Iakov =
//     Yakov), a final -off, -eff is -ov, -ev, a final -iy, -ii is -i, and
//     -er after two consonants is -r (Alexander = Aleksandr);
//   - irregular spellings are mapped first by a small table (Gaddafi =
//     Qadhafi, Iouri = Yuri, Mehmet = Muhammad, Osman = Uthman, ibn = bin).
//
// A skeleton with fewer than two consonants is too weak to be a key and is
// dropped (the word then has no key); a few short name particles and
// common short names have fixed keys instead (abu, bin, abd, allah, ali,
// umar, isa, said). In a word written in Greek the nominative ending -os,
// -as, -is, -es is dropped (Αλέξανδρος = Alexander).

// variantAlias maps irregular spellings to a spelling whose skeleton is
// the name's key.
var variantAlias = map[string]string{
	// Qadhafi.
	"gaddafi": "qadhafi", "gadhafi": "qadhafi", "kadhafi": "qadhafi", "qaddafi": "qadhafi",
	"kaddafi": "qadhafi", "gadafi": "qadhafi", "qadafi": "qadhafi", "khadafi": "qadhafi",
	"khadafy": "qadhafi", "gathafi": "qadhafi", "kadafi": "qadhafi", "qathafi": "qadhafi",
	"gheddafi": "qadhafi", "ghadafi": "qadhafi", "kazzafi": "qadhafi",
	// Muhammad.
	"mehmet": "muhammad", "mehmed": "muhammad", "mohd": "muhammad", "muhd": "muhammad",
	"mhd": "muhammad", "md": "muhammad", "mohmmad": "muhammad", "mohammadi": "muhammadi",
	// Yuri.
	"iouri": "yuri", "youri": "yuri", "jurij": "yuri", "juri": "yuri", "jurii": "yuri",
	// Uthman.
	"osman": "uthman", "usman": "uthman", "othman": "uthman", "utman": "uthman", "othmane": "uthman",
	// Others.
	"eugeny": "evgeny", "evgueni": "evgeny", "jewgeni": "evgeny", "ievgen": "evgeny", "yevhen": "evgeny",
	"yevhenii": "evgeny",
	"sergej":   "sergey", "serguei": "sergey", "serhiy": "sergey", "serhii": "sergey",
	"andrej": "andrey", "andrii": "andrey", "andriy": "andrey",
	"aleksej": "aleksey", "oleksii": "aleksey", "oleksiy": "aleksey",
	"mikhail": "mikhail", "mihail": "mikhail", "michail": "mikhail", "mykhailo": "mikhail", "mikhailo": "mikhail",
	"dmytro":    "dmitry",
	"volodymyr": "vladimir", "volodimir": "vladimir", "wolodymyr": "vladimir", "wladimir": "vladimir", "uladzimir": "vladimir",
	"oleg": "oleg", "oleh": "oleg",
	"olga": "olga", "olha": "olga",
	"husain": "husayn", "hussain": "husayn", "hossein": "husayn", "hosein": "husayn", "hussein": "husayn",
	"husein": "husayn", "houssein": "husayn", "husseyn": "husayn", "huseyin": "husayn",
	"osama": "usama", "oussama": "usama", "ousama": "usama",
	"youssef": "yusuf", "yousef": "yusuf", "yousif": "yusuf", "yussuf": "yusuf", "jusuf": "yusuf",
	"yousuf": "yusuf", "youcef": "yusuf", "yusif": "yusuf", "yosef": "yusuf",
	"ebrahim": "ibrahim", "ibraheem": "ibrahim", "brahim": "ibrahim",
	// Word forms of company names (Tech = Technology is an abbreviation).
	"technologies": "technology", "technological": "technology",
	"industries": "industry", "industrial": "industry",
	"enterprises": "enterprise", "dev": "development",
}

// variantFixed gives fixed keys to short name particles and words whose
// skeleton would be too weak.
var variantFixed = map[string]string{
	"abu": "abu", "abou": "abu", "abo": "abu", "aboo": "abu", "bu": "abu",
	"ibn": "bin", "bin": "bin", "ben": "bin", "bint": "bint", "binti": "bint", "ibnu": "bin", "bn": "bin",
	"abd": "abd", "abdul": "abd", "abdel": "abd", "abdal": "abd", "abdoul": "abd", "abdol": "abd",
	"abdu": "abd", "abdou": "abd", "abdur": "abd", "abdus": "abd", "abdul-": "abd", "abdil": "abd",
	"abdi": "abd", "abed": "abd",
	"allah": "allah", "ullah": "allah", "ulla": "allah", "illah": "allah", "alla": "allah", "ollah": "allah",
	"ali": "ali", "aly": "ali", "alee": "ali", "aliy": "ali",
	"umar": "umar", "omar": "umar", "omer": "umar", "omor": "umar",
	"isa": "isa", "issa": "isa", "eisa": "isa", "eesa": "isa", "esa": "isa", "essa": "isa",
	"said": "said", "saeed": "said", "sayed": "said", "saied": "said", "sayeed": "said", "saiid": "said",
	"syed": "said", "sayyid": "said", "seyed": "said", "seyyed": "said",
	// Burmese honorifics, written U or Oo (Mr), Daw (Mrs), Maung or Mg,
	// Ko: a DPRK facilitator listed as U KYAW WIN is Oo Kyaw Win on a
	// payroll.
	"u": "u", "oo": "u", "maung": "maung", "mg": "maung",
}

// isVowel reports a, e, i, o, u.
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// appendVariantKey appends the variant key of the normalized word w to dst
// and returns it; dst is returned unchanged when w has no key.
func appendVariantKey(dst []byte, w string) []byte {
	if len(w) <= 16 {
		e := specialWords[w]
		if e.fixed != "" {
			return append(dst, e.fixed...)
		}
		if e.alias != "" {
			w = e.alias
		}
	}
	if len(w) < 2 || !isLowerWord(w) {
		return dst
	}
	// Prefix and suffix rules on a copy.
	var wb [48]byte
	if len(w) > len(wb) {
		return dst
	}
	b := respellVariant(append(wb[:0], w...))
	start := len(dst)
	var kw keyWriter
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case 'a', 'e', 'o', 'u':
			dst = kw.put(dst, 'a')
		case 'i', 'y':
			dst = kw.put(dst, vowelUnit(b, i))
		case 's', 't', 'd', 'z', 'k', 'g', 'p', 'c':
			u, skip := digraphUnit(b, i)
			dst = kw.put(dst, u)
			i += skip
		case 'j':
			dst = kw.put(dst, 'J')
		case 'q':
			dst = kw.put(dst, 'k')
		case 'x':
			dst = kw.put(dst, 'k')
			dst = kw.put(dst, 's')
		case 'w':
			dst = kw.put(dst, 'v')
		case 'h':
			if i == len(b)-1 && i > 0 && isVowel(b[i-1]) {
				continue // Abdullah = Abdulla
			}
			dst = kw.put(dst, 'h')
		default:
			dst = kw.put(dst, c)
		}
	}
	if kw.consonants < 2 {
		return dst[:start]
	}
	return dst
}

// respellVariant applies the prefix and suffix rules of variant keys to
// the lower-case word b in place and returns what is left of it.
func respellVariant(b []byte) []byte {
	if len(b) > 3 && b[0] == 'y' && b[1] == 'e' && !isVowel(b[2]) {
		b = b[1:] // Yevgeniy = Evgeniy
	} else if len(b) > 2 && b[0] == 'i' && isVowel(b[1]) {
		b[0] = 'y' // Iurii = Yuri, Iakov = Yakov
	}
	if n := len(b); n > 4 {
		switch {
		case b[n-3] == 'o' && b[n-2] == 'f' && b[n-1] == 'f', b[n-3] == 'e' && b[n-2] == 'f' && b[n-1] == 'f':
			b[n-2] = 'v'
			b = b[:n-1]
		case b[n-2] == 'i' && (b[n-1] == 'y' || b[n-1] == 'i'), b[n-2] == 'y' && b[n-1] == 'y':
			b = b[:n-1]
		case b[n-2] == 'e' && b[n-1] == 'r' && !isVowel(b[n-3]) && !isVowel(b[n-4]) && b[n-3] != 'y' && b[n-4] != 'y':
			b[n-2] = 'r'
			b = b[:n-1]
		}
	}
	return b
}

// vowelUnit is the key unit of the i or y at b[i]: y where it is a glide,
// a otherwise.
func vowelUnit(b []byte, i int) byte {
	var next, prev byte
	if i+1 < len(b) {
		next = b[i+1]
	}
	if i > 0 {
		prev = b[i-1]
	}
	switch b[i] {
	case 'i':
		if (prev == 'a' || prev == 'e' || prev == 'o') && (next == 0 || !isVowel(next) && next != 'y') {
			return 'y'
		}
	case 'y':
		switch {
		case i == 0 && isVowel(next):
			return 'y'
		case (prev == 'a' || prev == 'e' || prev == 'o') && (next == 0 || !isVowel(next)):
			return 'y'
		}
	}
	return 'a'
}

// digraphUnit is the key unit of the consonant at b[i], one of s t d z k g
// p c, and how many of the letters after it belong to it (sh, sch, tch,
// dzh, kh, ph, ck ...).
func digraphUnit(b []byte, i int) (unit byte, skip int) {
	var next, after byte
	if i+1 < len(b) {
		next = b[i+1]
	}
	if i+2 < len(b) {
		after = b[i+2]
	}
	switch c := b[i]; c {
	case 's':
		switch {
		case next == 'c' && after == 'h':
			return 'S', 2
		case next == 'h':
			return 'S', 1
		}
		return 's', 0
	case 't':
		switch {
		case next == 'c' && after == 'h':
			return 'C', 2
		case next == 'h':
			return 't', 1
		}
		return 't', 0
	case 'd':
		switch {
		case next == 'z' && after == 'h':
			return 'J', 2
		case next == 'j':
			return 'J', 1
		case next == 'h':
			return 'd', 1
		}
		return 'd', 0
	case 'z':
		if next == 'h' {
			return 'J', 1
		}
		return 'z', 0
	case 'k':
		if next == 'h' {
			return 'h', 1 // Mikhail = Mihail, Khalid = Halid
		}
		return 'k', 0
	case 'g':
		if next == 'h' {
			return 'g', 1
		}
		return 'g', 0
	case 'p':
		if next == 'h' {
			return 'f', 1
		}
		return 'p', 0
	case 'c':
		switch next {
		case 'h':
			return 'C', 1
		case 'k', 'q':
			return 'k', 1
		case 'e', 'i', 'y':
			return 's', 0
		}
		return 'k', 0
	default:
		return c, 0
	}
}

// keyWriter writes the units of a variant key, merging repeats.
type keyWriter struct {
	last       byte // the last unit written
	consonants int
}

// put appends the unit c to dst unless it repeats the last one.
func (kw *keyWriter) put(dst []byte, c byte) []byte {
	if c == kw.last {
		return dst
	}
	if c != 'a' {
		kw.consonants++
	}
	kw.last = c
	return append(dst, c)
}

// divineNames are the names of God that follow abd in Arabic names
// (Abdullah, Abdulrahman, Abdelaziz), in one common spelling each; their
// variants are recognized through their variant keys.
var divineNames = []string{
	"rahman", "rahim", "aziz", "karim", "latif", "malik", "qadir", "kader", "hamid",
	"majid", "salam", "razzaq", "razak", "wahab", "ghani", "hakim", "halim", "jabbar",
	"jalil", "bari", "basit", "hadi", "hafiz", "haq", "kabir", "khaliq", "nasir",
	"qayyum", "rauf", "rashid", "sattar", "samad", "shakur", "wahid", "wadud",
	"mannan", "nur", "fattah", "ghaffar", "ghafur", "muttalib", "mumin", "jawad",
	"quddus", "wali", "muhsin", "majeed", "mutalib", "jalal", "monem",
}

// divineKeys holds the variant keys of divineNames, and "allah".
var divineKeys = func() map[string]bool {
	m := map[string]bool{"allah": true}
	for _, n := range divineNames {
		m[string(appendVariantKey(nil, n))] = true
	}
	return m
}()

// abdPrefixes are the spellings of abd and its article (abdul, abdel,
// abdur...) that may begin a run-together name.
var abdPrefixes = [...]string{"abdul", "abdel", "abdal", "abdol", "abdil", "abdur", "abdus", "abduz", "abdun", "abdou", "abdu", "abd"}

// splitAbd returns where to split a run-together theophoric name such as
// "abdullah" (abd + ullah), "abdulrahman" (abdul + rahman) or "abdelaziz"
// (abdel + aziz), or 0 when w is not one.
func splitAbd(w string) int {
	if len(w) < 6 || w[0] != 'a' || w[1] != 'b' || w[2] != 'd' {
		return 0
	}
	var kb [32]byte
	for _, p := range abdPrefixes {
		if len(w) <= len(p)+2 || w[:len(p)] != p {
			continue
		}
		rest := w[len(p):]
		if specialWords[rest].fixed == "allah" {
			return len(p)
		}
		if divineKeys[string(appendVariantKey(kb[:0], rest))] {
			return len(p)
		}
	}
	return 0
}

// greekKey drops the Greek nominative ending -os, -as, -is, -es from the
// variant key written at key[start:], so that a name written in Greek meets
// its Western form: Αλέξανδρος (alexandros) = Alexander, Νικόλαος = Nikola.
// The ending is a vowel slot and s at the end of the key.
func greekKey(key []byte, start int) []byte {
	k := key[start:]
	if n := len(k); n >= 5 && k[n-2] == 'a' && k[n-1] == 's' {
		return key[:len(key)-2]
	}
	return key
}

// transliteratedMatch reports whether the tokens a and b, exactly one of
// them written in Arabic script, spell the same consonants once vowels are
// ignored: Arabic script leaves short vowels out, so its consonantal
// transliteration (صفوان -> sfwan, مخلوف -> mkhluf) cannot share a variant
// key with the full Latin spelling (Safwan, Makhlouf), but it shares the
// consonants of that key. A skeleton of fewer than two consonants never
// matches, nor does a word the transliteration spelled in full from its
// lexicon (حسن is hasan, which must not meet Husayn). It is meant for the
// [Transliterated] match kind.
func transliteratedMatch(a, b *Token) bool {
	if (a.Script == Arabic) == (b.Script == Arabic) {
		return false
	}
	if arabicLexiconWords[a.Text] || arabicLexiconWords[b.Text] {
		return false // spelled in full by the lexicon: its key applies
	}
	var ab, bb [48]byte
	sa := appendConsonants(ab[:0], a.Text)
	sb := appendConsonants(bb[:0], b.Text)
	return len(sa) >= 2 && string(sa) == string(sb)
}

// appendConsonants appends the consonant skeleton of the word w: its
// variant key without vowel slots, y and a final h.
func appendConsonants(dst []byte, w string) []byte {
	var kb [48]byte
	k := appendVariantKey(kb[:0], w)
	if len(k) == 0 {
		return dst
	}
	if k[len(k)-1] == 'h' {
		k = k[:len(k)-1]
	}
	var last byte
	for _, c := range k {
		if c == 'a' || c == 'y' || c == last {
			continue
		}
		dst = append(dst, c)
		last = c
	}
	return dst
}
