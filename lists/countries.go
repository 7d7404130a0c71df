package lists

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryAliases maps the country names the lists use that differ from the
// English CLDR names to ISO 3166-1 alpha-2 codes. Keys are in the form
// produced by countryKey.
var countryAliases = map[string]string{
	"korea north":                           "KP",
	"north korea":                           "KP",
	"democratic people s republic of korea": "KP",
	"dprk":                                  "KP",
	"korea democratic people s republic of": "KP",
	"korea dpr":                             "KP",
	"korea south":                           "KR",
	"south korea":                           "KR",
	"republic of korea":                     "KR",
	"korea republic of":                     "KR",
	"iran islamic republic of":              "IR",
	"islamic republic of iran":              "IR",
	"syrian arab republic":                  "SY",
	"russian federation":                    "RU",
	"russia":                                "RU",
	"united states of america":              "US",
	"united states":                         "US",
	"usa":                                   "US",
	"united kingdom of great britain and northern ireland": "GB",
	"united kingdom":                   "GB",
	"uk":                               "GB",
	"great britain":                    "GB",
	"viet nam":                         "VN",
	"vietnam":                          "VN",
	"lao people s democratic republic": "LA",
	"laos":                             "LA",
	"bolivia plurinational state of":   "BO",
	"venezuela bolivarian republic of": "VE",
	"bolivarian republic of venezuela": "VE",
	"tanzania united republic of":      "TZ",
	"united republic of tanzania":      "TZ",
	"moldova republic of":              "MD",
	"republic of moldova":              "MD",
	"congo democratic republic of the": "CD",
	"democratic republic of the congo": "CD",
	"congo democratic republic":        "CD",
	"democratic republic of congo":     "CD",
	"drc":                              "CD",
	"congo republic of the":            "CG",
	"republic of the congo":            "CG",
	"congo":                            "CG",
	"congo brazzaville":                "CG",
	"congo kinshasa":                   "CD",
	"cote d ivoire":                    "CI",
	"ivory coast":                      "CI",
	"burma":                            "MM",
	"myanmar":                          "MM",
	"myanmar burma":                    "MM",
	"macedonia":                        "MK",
	"north macedonia":                  "MK",
	"the former yugoslav republic of macedonia": "MK",
	"republic of north macedonia":               "MK",
	"czech republic":                            "CZ",
	"czechia":                                   "CZ",
	"turkey":                                    "TR",
	"turkiye":                                   "TR",
	"palestinian territories":                   "PS",
	"palestine":                                 "PS",
	"state of palestine":                        "PS",
	"occupied palestinian territories":          "PS",
	"west bank":                                 "PS",
	"gaza":                                      "PS",
	"gaza strip":                                "PS",
	"brunei darussalam":                         "BN",
	"cabo verde":                                "CV",
	"cape verde":                                "CV",
	"eswatini":                                  "SZ",
	"swaziland":                                 "SZ",
	"holy see":                                  "VA",
	"vatican city":                              "VA",
	"micronesia federated states of":            "FM",
	"the bahamas":                               "BS",
	"bahamas the":                               "BS",
	"gambia the":                                "GM",
	"the gambia":                                "GM",
	"netherlands antilles":                      "AN",
	"curacao":                                   "CW",
	"saint kitts and nevis":                     "KN",
	"st kitts and nevis":                        "KN",
	"saint lucia":                               "LC",
	"saint vincent and the grenadines":          "VC",
	"st vincent and the grenadines":             "VC",
	"timor leste":                               "TL",
	"east timor":                                "TL",
	"hong kong":                                 "HK",
	"hong kong sar":                             "HK",
	"hong kong sar china":                       "HK",
	"china hong kong":                           "HK",
	"macau":                                     "MO",
	"macao":                                     "MO",
	"taiwan":                                    "TW",
	"taiwan province of china":                  "TW",
	"kosovo":                                    "XK",
	"bosnia herzegovina":                        "BA",
	"bosnia and herzegovina":                    "BA",
	"serbia and montenegro":                     "CS",
	"yugoslavia":                                "YU",
	"ussr":                                      "SU",
	"soviet union":                              "SU",
	"region crimea":                             "UA",
	"crimea":                                    "UA",
	"uae":                                       "AE",
	"the united arab emirates":                  "AE",
	"the netherlands":                           "NL",
	"holland":                                   "NL",
	"the philippines":                           "PH",
	"kyrgyz republic":                           "KG",
	"kyrgyzstan":                                "KG",
	"slovak republic":                           "SK",
	"sao tome and principe":                     "ST",
	"saint martin":                              "MF",
	"sint maarten":                              "SX",
	"falkland islands malvinas":                 "FK",
	"virgin islands british":                    "VG",
	"british virgin islands":                    "VG",
	"virgin islands u s":                        "VI",
	"us virgin islands":                         "VI",
	"micronesia":                                "FM",
	"federated states of micronesia":            "FM",
	"korea":                                     "",
	"libyan arab jamahiriya":                    "LY",
	"libya":                                     "LY",
	"south sudan":                               "SS",
	"sudan":                                     "SD",
	"yemen republic of":                         "YE",
	"republic of yemen":                         "YE",
	"afghanistan islamic republic of":           "AF",
	"iraq republic of":                          "IQ",
	"the democratic republic of the congo":      "CD",
	"united republic of cameroon":               "CM",
	"man isle of":                               "IM",
	"isle of man":                               "IM",
	"st lucia":                                  "LC",
	"reunion":                                   "RE",
	"aland islands":                             "AX",
	"saint barthelemy":                          "BL",
	"svalbard":                                  "SJ",
	"heard island and mcdonald islands":         "HM",
	"china hong kong special administrative region": "HK",
	"china macao special administrative region":     "MO",
	"britain":                         "GB",
	"belrus":                          "BY",
	"repubic of moldova":              "MD",
	"north macedonia the republic of": "MK",
	"congo democratic republic of":    "CD",
	"region gaza":                     "PS", "region north gaza": "PS", "region northern gaza": "PS", "region west bank": "PS",
	"region russia": "RU", "region northern mali": "ML",
	// Demonyms, as nationality fields sometimes hold them.
	"british": "GB", "german": "DE", "russian": "RU", "iranian": "IR", "syrian": "SY",
	"north korean": "KP", "chinese": "CN", "american": "US", "afghan": "AF", "iraqi": "IQ",
	"pakistani": "PK", "yemeni": "YE", "libyan": "LY", "sudanese": "SD", "somali": "SO",
	"lebanese": "LB", "saudi": "SA", "egyptian": "EG", "ukrainian": "UA", "belarusian": "BY",
	"venezuelan": "VE", "cuban": "CU", "turkish": "TR", "emirati": "AE", "french": "FR",
	"italian": "IT", "spanish": "ES", "jordanian": "JO", "kuwaiti": "KW", "qatari": "QA",
	"tunisian": "TN", "algerian": "DZ", "moroccan": "MA", "nigerian": "NG", "malian": "ML",
	"indian": "IN", "indonesian": "ID", "malaysian": "MY", "filipino": "PH", "burmese": "MM",
	"south korean": "KR", "japanese": "JP", "kazakh": "KZ", "uzbek": "UZ", "tajik": "TJ",
	"azerbaijani": "AZ", "armenian": "AM", "georgian": "GE", "serbian": "RS", "bosnian": "BA",
	"swiss": "CH", "dutch": "NL", "belgian": "BE", "swedish": "SE", "finnish": "FI",
	"cypriot": "CY", "greek": "GR", "israeli": "IL", "palestinian": "PS", "bahraini": "BH",
	"omani": "OM", "eritrean": "ER", "ethiopian": "ET", "kenyan": "KE", "ugandan": "UG",
	"rwandan": "RW", "south sudanese": "SS", "chadian": "TD", "nicaraguan": "NI",
	"mexican": "MX", "colombian": "CO", "canadian": "CA", "australian": "AU", "zimbabwean": "ZW",
}

var (
	countryOnce  sync.Once
	countryNames map[string]string // countryKey(name) -> alpha-2
)

func buildCountryNames() {
	countryNames = make(map[string]string, 400)
	namer := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || r.Canonicalize().String() != code {
				continue
			}
			// Codes run A..Z, so a current code (FR, BF, PA) comes before
			// the retired one that CLDR names the same (FX, HV, PZ) and wins.
			if n := namer.Name(r); n != "" {
				if _, seen := countryNames[countryKey(n)]; !seen {
					countryNames[countryKey(n)] = code
				}
			}
		}
	}
	for k, v := range countryAliases {
		countryNames[k] = v
	}
}

// countryKey folds a country name to lower-case ASCII words separated by
// single spaces: "Korea, North" becomes "korea north", "Côte d’Ivoire"
// becomes "cote d ivoire".
func countryKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range foldAccents(s) {
		switch {
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("and")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// foldAccents removes the most common Latin diacritics without a
// normalization table (é→e, ô→o, ç→c), enough for country names.
func foldAccents(s string) string {
	return accentReplacer.Replace(s)
}

var accentReplacer = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n", "ý", "y",
	"Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ç", "C", "Ñ", "N", "Ô", "O",
	"’", "'", "‘", "'",
)

// CountryCode returns the ISO 3166-1 alpha-2 code of a country given by name
// as the lists write it ("Korea, North", "Democratic People's Republic of
// Korea", "Iran (Islamic Republic of)", "Côte d'Ivoire") or by its alpha-2
// or alpha-3 code. It returns "" and false when the name is not a country it
// knows (such as "Korea" alone, which is ambiguous). A two-letter value, the
// common case of payroll files, is answered from a table without
// allocating.
func CountryCode(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if len(name) == 2 {
		a, b := name[0]|0x20, name[1]|0x20
		if a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' {
			twoLetterOnce.Do(buildTwoLetter)
			c := twoLetter[int(a-'a')*26+int(b-'a')]
			return c, c != ""
		}
	}
	return countryCode(name)
}

var (
	twoLetterOnce sync.Once
	twoLetter     [26 * 26]string // countryCode of each two-letter value, "" if none
)

func buildTwoLetter() {
	for i := range twoLetter {
		twoLetter[i], _ = countryCode(string([]byte{'A' + byte(i/26), 'A' + byte(i%26)}))
	}
}

// countryCode is CountryCode without the two-letter table.
func countryCode(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	countryOnce.Do(buildCountryNames)
	key := countryKey(name)
	if code, ok := countryNames[key]; ok {
		return code, code != ""
	}
	if l := strings.ToLower(name); l == "na" || l == "n/a" || l == "unknown" || l == "undetermined" {
		// "na" is "not available" on the lists far more often than Namibia.
		return "", false
	}
	if l := strings.ToLower(name); strings.HasPrefix(l, "former ") {
		return countryCode(strings.TrimSpace(name[len("former "):]))
	}
	if len(name) == 2 || len(name) == 3 {
		if r, err := language.ParseRegion(strings.ToUpper(name)); err == nil && r.IsCountry() {
			if c := r.String(); len(c) == 2 {
				return c, true
			}
		}
	}
	// "Iran (Islamic Republic of)" and "Korea, Democratic People's Republic
	// of" both fold to keys handled above; a trailing parenthesised remark
	// such as "Afghanistan (as at 2001)" is dropped here.
	if i := strings.IndexByte(name, '('); i > 0 {
		return CountryCode(name[:i])
	}
	return "", false
}

// CountryCodes returns the ISO 3166-1 alpha-2 codes of every country named
// in s, which may hold one country or several, as lists write them: "(1)
// Russia (2) Israel", "Estonia, Russia", "Germany. Russia". Unknown names
// are skipped; ok is false if any part could not be mapped.
func CountryCodes(s string) (codes []string, ok bool) {
	if code, found := CountryCode(s); found {
		return []string{code}, true
	}
	ok = true
	for _, part := range splitCountries(s) {
		code, found := CountryCode(part)
		if !found {
			ok = false
			continue
		}
		if !containsString(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes, ok && len(codes) > 0
}

// splitCountries splits "(1) A (2) B", "A, B", "A. B" and "A; B" into parts.
func splitCountries(s string) []string {
	f := func(r rune) bool {
		return r == ';' || r == ',' || r == '.' || r == '(' || r == ')' || unicode.IsDigit(r)
	}
	var parts []string
	for _, p := range strings.FieldsFunc(s, f) {
		if p = strings.TrimSpace(strings.Trim(p, "\u00a0 ")); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
