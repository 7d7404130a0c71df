package fuzzy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSpellingClasses checks, class by class, payee spellings of listed
// names that the issue tracker reported missed, and near-misses that must
// stay apart.
func TestSpellingClasses(t *testing.T) {
	tests := []struct {
		payee, listed string
		min, max      float64
		reason        string
	}{
		// Korean given names.
		{"Kim Kyoungthaek", "KIM Kyong Thaek", 0.9, 1, "run-together ad-hoc syllables with th"},
		{"Ri Thaechul", "RI Thae Chol", 0.9, 1, "run-together th syllable"},
		{"Pak Jeonghyeok", "PAK Jong Hyok", 0.9, 1, "run-together Revised Romanization"},
		{"Kim U'n-so'g", "KIM Un Sok", 0.9, 1, "McCune-Reischauer with apostrophes for breves"},
		{"CHOE YeONG HWA", "CHOE Yong Hwa", 0.9, 1, "odd casing"},
		// Korean namesakes.
		{"Kim Yong Chol Ha Yun", "KIM Yong Chol", 0, 0.85, "two given-name syllables the listed name lacks"},
		{"영철 하윤 김", "YUN Chol", 0, 0.75, "three syllables the listed name lacks"},
		{"Hyon Sop", "SIM Hyon Sop", 0.85, 1, "a payee may leave the surname out"},
		// Non-Korean DPRK-linked persons.
		{"Oo Kyaw Win", "U KYAW WIN", 0.9, 1, "Burmese honorific U written Oo"},
		{"Daw Khin Ma", "KHIN MA", 0.9, 1, "Burmese honorific Daw"},
		{"Wang Xiao Ming", "WANG Xiaoming", 0.95, 1, "Chinese given name split"},
		{"Sergey Ivanovch Petrov", "PETROV Sergei Ivanovich", 0.9, 1, "typo in a patronymic"},
		{"Sergei Ivanovicch Petrov", "PETROV Sergei Ivanovich", 0.9, 1, "doubled letter in a patronymic"},
		{"Ivanova Anna", "Anna Ivanovna", 0, 0.8, "a surname is not a patronymic"},
		{"ABDELHALIM HAFED ABDELFATTAHR EMADNA", "ABDELHALIM HAFED ABDELFATTAH REMADNA", 0.95, 1, "a word ending in -na is no patronymic"},
		// Han and kana.
		{"习近平", "Xi Jinping", 0.95, 1, "Han in pinyin"},
		{"成 朱", "CHEN Zhu", 0, 0.8, "Han syllables are exact: cheng is not chen"},
		{"习近朋", "习近平", 0, 0.8, "pinyin has no variant keys: jinpeng is not jinping"},
		// Organizations.
		{"Korea Mining Development Trade", "KOREA MINING DEVELOPMENT TRADING CORPORATION", 0.95, 1, "Trade = Trading"},
		{"Korea Computer Tech Center", "KOREA COMPUTER TECHNOLOGY CENTER", 0.9, 1, "Tech = Technology"},
		{"Way Bank", "WAYBANK", 0.95, 1, "split word"},
		{"Waybank LLC", "WAY BANK", 0.9, 1, "run-together word"},
		{"Limited Liability Company Mokran", "MOKRAN LLC", 0.95, 1, "a legal form spelled out in front"},
		{"Korea Mining Dev Trade Corp", "KOREA MINING DEVELOPMENT TRADING CORPORATION", 0.9, 1, "Dev = Development"},
		{"Kim Myunggi", "KIM Myong Ki", 0.9, 1, "final ng before initial g in a run-together given name"},
		{"Banco Santander S.A.", "Banco Santander Mexico S.A.", 0, 0.85, "a country only one company name has"},
		{"Bowne Global Solutions, Inc.", "Bowne Global Solutions II, Inc.", 0, 0.9, "a number only one company name has costs more than an omitted word (0.97)"},
		// Short typos.
		{"KIM SKO CHOL", "KIM SOK CHOL", 0.9, 1, "two letters swapped in a short syllable"},
		{"HAN YYU-RO", "HAN YU-RO", 0.9, 1, "a letter doubled in a short syllable"},
		{"MOHAMAD ESA AKHUND", "MOHAMMAD ESSA AKHUND", 0.9, 1, "Esa = Essa = Isa"},
		{"Han Chol", "Ahn Chol", 0, 0.8, "two Korean surnames do not meet as a typo"},
		{"Ali Hassan", "Ari Hassan", 0, 0.8, "a substituted letter in a short word is no typo"},
	}
	for _, tt := range tests {
		r := Compare(tt.payee, tt.listed)
		assert.GreaterOrEqual(t, r.Score, tt.min, "Compare(%q, %q) (%s)\n%v", tt.payee, tt.listed, tt.reason, r)
		assert.LessOrEqual(t, r.Score, tt.max, "Compare(%q, %q) (%s)\n%v", tt.payee, tt.listed, tt.reason, r)
	}
}
