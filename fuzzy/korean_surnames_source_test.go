package fuzzy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// niklPublished is the published passport-spelling table cited by
// koreanSurnames ("기존표기 / 개정표기법 (2000년) / 기타 통용 표기 (빈도순)",
// https://sros.tistory.com/3 and https://awesome-lady.tistory.com, built on
// the NIKL survey 11-1371000-000337-01), transcribed row by row from 가 to
// 등정 as published: Hangul, McCune–Reischauer (기존표기), Revised
// Romanization (개정표기법), then the other spellings in use, most frequent
// first. Rows with no other spelling (개, 관, 교, 내, 누, 다, 독, 돈, 동방, 등,
// 등정) are left out: they add nothing to the keys. The row of 난, whose
// columns are misaligned in the copy read, is left out too.
var niklPublished = []string{
	"가 Ka Ga Kah Kha Gha",
	"간 Kan Gan Khan Kahn Kann",
	"갈 Kal Gal Gar Karl",
	"감 Kam Gam Kahm Kang Gahm",
	"강 Kang Gang Khang Kahng Kwang Ghang Kaing",
	"강전 Kangjŏn Gangjeon Kangjun",
	"견 Kyŏn Gyeon Kyun Kyeon Kyoun Gyun Kyon",
	"경 Kyŏng Gyeong Kyung Kyoung Geong Guong Gyeng",
	"계 Kye Gye Kae Kay Keh Key Gae",
	"고 Ko Go Koh Goh Kho Gho Koo",
	"곡 Kok Gok Koock",
	"공 Kong Gong Kohng Ghong Con Gohng Goung",
	"곽 Kwak Gwak Kwag Kwack Gwag Koak Koag",
	"구 Ku Gu Koo Goo Kuh Kou Khu",
	"국 Kuk Guk Kook Gook Kug Cook Koog",
	"군 Kun Gun Goon Koon",
	"궁 Kung Gung Koong Goong Koung",
	"궉 Kwŏk Gwok Kwok Kweok Kwoc",
	"권 Kwŏn Gwon Kwon Kweon Kwun Gweon Kwan",
	"근 Kŭn Geun Keun Gun",
	"금 Kŭm Geum Keum Kum Gum Kuem Guem",
	"기 Ki Gi Kee Key Kie Kih Gee",
	"길 Kil Gil Gill Gihl Khil Keel Kill",
	"김 Kim Gim Keem Ghim Kym Kin",
	"나 Na Na Ra La Nah Rha Rah",
	"남 Nam Nam Nahm Nham Nan Lam Narm",
	"남궁 Namgung Namgung Namkung Namkoong Namgoong Namgoung Namkoung",
	"낭 Nang Nang Lang",
	"노 No No Noh Roh Ro Rho Nho",
	"뇌 Noe Noe Noi Lei",
	"단 Tan Dan Dahn Dhan",
	"담 Tam Dam Tan",
	"당 Tang Dang Dhang",
	"대 Tae Dae Dai Dea",
	"도 To Do Doh Dho Doe Toh Doo",
	"독고 Tokko Dokgo Dokko Dockko Dogko Dockgo Dohkgoh",
	"동 Tong Dong Dhong Doung",
	"두 Tu Du Doo Do Dou Dow",
}

// TestKoreanSurnamesMatchSource checks the rows of koreanSurnames cited as
// "nikl" against the published table: every published row is in the table,
// cited as nikl, with the same McCune–Reischauer and Revised spellings and
// every other spelling in the published order (marked '~' or '!' where the
// spelling belongs to another surname or is an English word); and no row
// cites nikl that the published table does not have.
func TestKoreanSurnamesMatchSource(t *testing.T) {
	byHangul := make(map[string]int, len(koreanSurnames))
	for i, s := range koreanSurnames {
		if _, dup := byHangul[s.hangul]; !dup {
			byHangul[s.hangul] = i
		}
	}
	published := make(map[string]bool, len(niklPublished))
	for _, row := range niklPublished {
		f := strings.Fields(row)
		require.GreaterOrEqual(t, len(f), 4, "row %q: Hangul, MR, RR and at least one other spelling", row)
		published[f[0]] = true
		t.Run(f[0], func(t *testing.T) {
			i, ok := byHangul[f[0]]
			if !assert.True(t, ok, "published row %q is missing from koreanSurnames", row) {
				return
			}
			s := koreanSurnames[i]
			assert.Contains(t, s.src, "nikl", "the row is cited from the published table")
			assert.Equal(t, f[1], s.mr, "McCune–Reischauer (기존표기) as published")
			assert.Equal(t, f[2], s.rr, "Revised Romanization (개정표기법) as published")
			var got []string
			for _, c := range s.common {
				got = append(got, strings.TrimLeft(c, "~!"))
			}
			assert.Equal(t, f[3:], got, "other spellings (기타 통용 표기) as published, most frequent first")
		})
	}
	for _, s := range koreanSurnames {
		if strings.Contains(s.src, "nikl") {
			assert.True(t, published[s.hangul], "%s cites nikl but is not in the published rows transcribed here", s.hangul)
		}
	}
}
