package lists

import "unicode"

// scriptTables are the scripts ScriptOf recognizes, with the names it
// returns for them.
var scriptTables = [...]struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic},
	{"Cyrillic", unicode.Cyrillic},
	{"Hangul", unicode.Hangul},
	{"Han", unicode.Han},
	{"Hiragana", unicode.Hiragana},
	{"Katakana", unicode.Katakana},
	{"Greek", unicode.Greek},
	{"Hebrew", unicode.Hebrew},
	{"Thai", unicode.Thai},
	{"Georgian", unicode.Georgian},
	{"Armenian", unicode.Armenian},
	{"Devanagari", unicode.Devanagari},
	{"Bengali", unicode.Bengali},
	{"Ethiopic", unicode.Ethiopic},
	{"Myanmar", unicode.Myanmar},
	{"Khmer", unicode.Khmer},
	{"Lao", unicode.Lao},
	{"Syriac", unicode.Syriac},
	{"Thaana", unicode.Thaana},
	{"Tamil", unicode.Tamil},
	{"Sinhala", unicode.Sinhala},
	{"Mongolian", unicode.Mongolian},
	{"Tibetan", unicode.Tibetan},
}

// ScriptOf returns the non-Latin script most of the non-Latin letters of s
// are written in ("Arabic", "Cyrillic", "Hangul", "Han", ...), or "" when s
// has no letters outside the Latin script. A Latin name with a non-Latin
// part in brackets gets the script of that part. Every parser sets
// Name.Script with it.
func ScriptOf(s string) string {
	var counts [len(scriptTables)]int
	best := -1
	for _, r := range s {
		if r < 0x80 || !unicode.IsLetter(r) || unicode.Is(unicode.Latin, r) {
			continue
		}
		for i, sc := range scriptTables {
			if unicode.Is(sc.table, r) {
				counts[i]++
				if best < 0 || counts[i] > counts[best] {
					best = i
				}
				break
			}
		}
	}
	if best < 0 {
		return ""
	}
	return scriptTables[best].name
}
