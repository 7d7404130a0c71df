package fuzzy

// Weak words: legal forms of companies, honorifics and name particles.
// Such tokens are marked [Token].Weak: they count for little when names are
// compared, but they are kept, so that "Alpha Trading LLC" still differs
// from "Alpha". Each maps to an equivalence key shared by its equivalent
// forms: "ltd" and "limited"; "llc", the Russian "ooo" (ООО) and the
// Ukrainian "tov" (ТОВ); "jsc" and "ao" (АО).

// legalForms are legal forms and generic company words, normalized.
var legalForms = map[string]string{
	// English and international.
	"llc": "llc", "ltd": "ltd", "limited": "ltd", "lmt": "ltd",
	"co": "co", "company": "co", "cos": "co",
	"corp": "corp", "corporation": "corp",
	"inc": "inc", "incorporated": "inc",
	"plc": "plc", "lp": "lp", "llp": "llp", "lllp": "llp",
	"pte": "pte", "pvt": "pvt", "private": "pvt",
	"pty": "pty", "bhd": "bhd", "sdn": "sdn",
	"fze": "fze", "fzco": "fzco", "fzc": "fzco", "fzllc": "llc", "dmcc": "dmcc",
	"wll": "wll",
	// Continental Europe.
	"gmbh": "gmbh", "ag": "ag", "kg": "kg", "ohg": "ohg", "ug": "ug",
	"sa": "sa", "sarl": "sarl", "sas": "sas", "srl": "srl", "spa": "spa", "sl": "sl",
	"bv": "bv", "nv": "nv", "ab": "ab", "as": "as", "asa": "asa", "oy": "oy", "oyj": "oyj",
	"sro": "sro", "spzoo": "spzoo", "kft": "kft", "doo": "doo", "ad": "ad",
	// Russian, Ukrainian and other former-Soviet forms, transliterated.
	"ooo": "llc", "tov": "llc", "too": "llc",
	"oao": "ojsc", "ojsc": "ojsc",
	"zao": "cjsc", "cjsc": "cjsc",
	"pao": "pjsc", "pjsc": "pjsc", "pat": "pjsc",
	"ao": "jsc", "jsc": "jsc", "at": "jsc",
	"nao": "nao", "fgup": "fgup", "gup": "gup", "mup": "mup",
	// The same spelled out, word for word: Общество с ограниченной
	// ответственностью is a company (co) with limited (ltd) liability.
	"obshchestvo": "co", "tovarystvo": "co", "liability": "liability",
	"ogranichennoy": "ltd", "ogranichennoi": "ltd", "obmezhenoyu": "ltd",
	"otvetstvennostyu": "liability", "otvetstvennostiu": "liability", "vidpovidalnistyu": "liability",
	"aktsionernoye": "jsc", "aktsionernoe": "jsc", "aktsionerne": "jsc",
	"zakrytoye": "closed", "zakrytoe": "closed", "closed": "closed",
	"otkrytoye": "open", "otkrytoe": "open", "open": "open",
	"publichnoye": "public", "publichnoe": "public", "public": "public",
	"joint": "joint", "stock": "stock",
	// Generic company words.
	"trading": "trading", "trade": "trading", "traders": "trading", "holding": "holding", "holdings": "holding", "group": "group", "grp": "group",
}

// honorifics are titles and honorifics, normalized.
var honorifics = map[string]string{
	"mr": "mr", "mrs": "mrs", "ms": "ms", "miss": "miss", "dr": "dr", "prof": "prof",
	"sir": "sir", "jr": "jr", "sr": "sr",
	"haji": "haji", "hajji": "haji", "hadji": "haji", "hajj": "haji", "alhaji": "haji",
	"sheikh": "sheikh", "shaikh": "sheikh", "sheik": "sheikh", "shaykh": "sheikh", "shaik": "sheikh",
	"mullah": "mullah", "mulla": "mullah", "maulana": "maulana", "maulvi": "maulvi", "mawlawi": "maulvi",
}

// particles are name particles, normalized: the Arabic article, and the
// words that join the words of a company name (AT and T, Bank of China,
// The Base).
var particles = map[string]string{
	"al": "al", "el": "al",
	"and": "and", "und": "and", "et": "and",
	"of": "of", "the": "the",
}

// weakKind says why a word is weak.
type weakKind uint8

const (
	notWeak       weakKind = iota
	weakLegal              // legal form or generic company word
	weakHonorific          // title or honorific
	weakParticle           // name particle
)

// wordEntry is what the package knows of a word: its weak key and kind,
// its fixed variant key or the spelling whose variant key it takes.
type wordEntry struct {
	weak  string
	kind  weakKind
	fixed string
	alias string
}

// specialWords merges the word tables, so that a token is looked up once
// per use. Built at initialization, read-only afterwards.
var specialWords = func() map[string]wordEntry {
	m := make(map[string]wordEntry, len(legalForms)+len(honorifics)+len(particles)+len(variantFixed)+len(variantAlias))
	for _, tab := range []struct {
		words map[string]string
		kind  weakKind
	}{{legalForms, weakLegal}, {honorifics, weakHonorific}, {particles, weakParticle}} {
		for w, k := range tab.words {
			e := m[w]
			e.weak, e.kind = k, tab.kind
			m[w] = e
		}
	}
	for w, k := range variantFixed {
		e := m[w]
		e.fixed = k
		m[w] = e
	}
	for w, a := range variantAlias {
		e := m[w]
		e.alias = a
		m[w] = e
	}
	return m
}()

// weakKey reports whether the normalized token t is a weak word and returns
// its key.
func weakKey(t string) (string, bool) {
	if len(t) > 16 {
		return "", false
	}
	e := specialWords[t]
	return e.weak, e.kind != notWeak
}

// isLegalForm reports whether t is a legal form or generic company word.
func isLegalForm(t string) bool {
	return len(t) <= 16 && specialWords[t].kind == weakLegal
}
