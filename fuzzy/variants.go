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
//   - a after-vowel i or y before a consonant or at the end is a
//     diphthong, kept as "y": Hussein = Husayn = Hussain ("hasayn") but not
//     Hassan ("hasan"); Sergey = Sergei;
//   - consonant spellings are merged: ph f, w v, q k, c k (s before e, i,
//     y), ck k, x ks, th t, dh d, gh g, kh X, sh S, ch and tch C, j, dj, dzh
//     and zh J; doubled letters are single; h after a vowel at the end of a
//     word is dropped (Abdullah = Abdulla, Fatimah = Fatima);
//   - a leading "ye" before a consonant is "e" (Yevgeniy = Evgeniy, Yelena
//     = Elena), a final -off, -eff is -ov, -ev, a final -iy, -ii is -i, and
//     -er after two consonants is -r (Alexander = Aleksandr);
//   - irregular spellings are mapped first by a small table (Gaddafi =
//     Qadhafi, Iouri = Yuri, Mehmet = Muhammad, Osman = Uthman, ibn = bin).
//
// A skeleton with fewer than two consonants is too weak to be a key and is
// dropped (the word then has no key); a few short name particles have
// fixed keys instead (abu, bin, abd).

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
	"volodymyr": "vladimir", "wladimir": "vladimir", "uladzimir": "vladimir",
	"oleg": "oleg", "oleh": "oleg",
	"olga": "olga", "olha": "olga",
	"husain": "husayn", "hussain": "husayn", "hossein": "husayn", "hosein": "husayn", "hussein": "husayn",
	"husein": "husayn", "houssein": "husayn", "husseyn": "husayn", "huseyin": "husayn",
	"osama": "usama", "oussama": "usama", "ousama": "usama",
	"youssef": "yusuf", "yousef": "yusuf", "yousif": "yusuf", "yussuf": "yusuf", "jusuf": "yusuf",
	"yousuf": "yusuf", "youcef": "yusuf", "yusif": "yusuf", "yosef": "yusuf",
	"ebrahim": "ibrahim", "ibraheem": "ibrahim", "brahim": "ibrahim",
	"abdallah": "abd", // split by Tokenize; kept for a lone word
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
	"isa": "isa", "issa": "isa", "eisa": "isa", "eesa": "isa",
	"said": "said", "saeed": "said", "sayed": "said", "saied": "said", "sayeed": "said", "saiid": "said",
	"syed": "said", "sayyid": "said", "seyed": "said", "seyyed": "said",
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
	if k, ok := variantFixed[w]; ok {
		return append(dst, k...)
	}
	if a, ok := variantAlias[w]; ok {
		w = a
	}
	if len(w) < 2 || !isLowerWord(w) {
		return dst
	}
	// Prefix and suffix rules on a copy.
	var wb [48]byte
	if len(w) > len(wb) {
		return dst
	}
	b := append(wb[:0], w...)
	if len(b) > 3 && b[0] == 'y' && b[1] == 'e' && !isVowel(b[2]) {
		b = b[1:]
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
	start := len(dst)
	consonants := 0
	var last byte // last unit written
	put := func(c byte) {
		if c == last {
			return
		}
		if c != 'a' {
			consonants++
		}
		dst = append(dst, c)
		last = c
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		var next byte
		if i+1 < len(b) {
			next = b[i+1]
		}
		var prev byte
		if i > 0 {
			prev = b[i-1]
		}
		switch c {
		case 'a', 'e', 'o', 'u':
			put('a')
		case 'i':
			if (prev == 'a' || prev == 'e' || prev == 'o') && (next == 0 || !isVowel(next) && next != 'y') {
				put('y')
			} else {
				put('a')
			}
		case 'y':
			switch {
			case i == 0 && isVowel(next):
				put('y')
			case (prev == 'a' || prev == 'e' || prev == 'o') && (next == 0 || !isVowel(next)):
				put('y')
			default:
				put('a')
			}
		case 's':
			switch {
			case next == 'c' && i+2 < len(b) && b[i+2] == 'h':
				put('S')
				i += 2
			case next == 'h':
				put('S')
				i++
			default:
				put('s')
			}
		case 't':
			switch {
			case next == 'c' && i+2 < len(b) && b[i+2] == 'h':
				put('C')
				i += 2
			case next == 'h':
				put('t')
				i++
			default:
				put('t')
			}
		case 'd':
			switch {
			case next == 'z' && i+2 < len(b) && b[i+2] == 'h':
				put('J')
				i += 2
			case next == 'j':
				put('J')
				i++
			case next == 'h':
				put('d')
				i++
			default:
				put('d')
			}
		case 'z':
			if next == 'h' {
				put('J')
				i++
			} else {
				put('z')
			}
		case 'j':
			put('J')
		case 'k':
			if next == 'h' {
				put('X')
				i++
			} else {
				put('k')
			}
		case 'g':
			if next == 'h' {
				i++
			}
			put('g')
		case 'p':
			if next == 'h' {
				put('f')
				i++
			} else {
				put('p')
			}
		case 'c':
			switch next {
			case 'h':
				put('C')
				i++
			case 'k', 'q':
				put('k')
				i++
			case 'e', 'i', 'y':
				put('s')
			default:
				put('k')
			}
		case 'q':
			put('k')
		case 'x':
			put('k')
			put('s')
		case 'w':
			put('v')
		case 'h':
			if i == len(b)-1 && i > 0 && isVowel(prev) {
				continue // Abdullah = Abdulla
			}
			put('h')
		default:
			put(c)
		}
	}
	if consonants < 2 {
		return dst[:start]
	}
	return dst
}
