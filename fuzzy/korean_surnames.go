package fuzzy

import "unicode/utf8"

// Korean surname spellings.
//
// South Korean passports let people keep the spelling their family has
// used, and the diaspora spells as English does, so that one surname has
// many Latin spellings: 이 is Lee, Yi, Rhee, Rhie, Ri; 정 is Jung, Jeong,
// Chung, Chong. koreanSurnames lists, for each surname, its
// McCune–Reischauer spelling (the one the sanctions lists use for DPRK
// names, breves dropped), its Revised Romanization and the other spellings
// in use, most frequent first.
//
// Sources, named per row in src:
//
//   - "nikl": the table "기존표기 / 개정표기법 (2000년) / 기타 통용 표기
//     (빈도순)" published at https://sros.tistory.com/3 (also
//     https://awesome-lady.tistory.com), built on the National Institute of
//     Korean Language's study of surname romanization (국립국어원, 성씨의
//     로마자 표기 정책 마련 연구, 최종 보고서, 발간등록번호
//     11-1371000-000337-01, 연구책임자 이상억), which counted the spellings
//     of the Ministry of Foreign Affairs' passport records (1999, 2007,
//     2011); rows 가 to 등정 as read there (the rows after 등정, from 라
//     on, could not be read from a copy of the table the project could
//     reach, and stay "usage" below);
//   - "press": the passport figures of that survey as reported with the
//     NIKL's second draft (2009): Lee 98.5 %, Yi 1 %; Park 97.3 %, Pak,
//     Bak; Jung 48.6 %, Jeong, Chung; Choi 93.1 %, Choe; Yoo 42.6 %;
//     Yoon 48.9 %; Shin 91.7 %, Sin;
//   - "mcst": the spellings the Ministry of Culture's notice 2014-42
//     (romanization of Korean, article 3-7) is commonly cited as allowing,
//     as listed at https://kname.yohan1002.com/성씨: 김 gim, kim; 곽 gwak,
//     kwak; 공 gong, kong; 남궁 namgung, namkoong, namgoong; 노 no, noh,
//     roh, ro, rho; 백 baek, back, paik, bak, pack; 윤 yun, yoon, youn,
//     you, yon; 임 im, lim, lym, leem, yim, rim;
//   - "wiki": the "Common spellings" column of the table of family names
//     in the English Wikipedia article "Korean name" (Lee, Yi, Rhee, Rhie,
//     Reeh, Yie, Ee);
//   - "usage": spellings of the same kind for the surnames after 등정, which
//     the sources above do not give in full: the English-style spellings
//     the issue tracker reported missing on real payrolls (Whang, Hahn,
//     Sohn, Koh, Hur, Joe, Chung, Oo) and their usual companions.
//
// A spelling that is the usual spelling of another surname (Kang for 감,
// Kwang for 강, Koo for 고, Key for 계) is ambiguous: it keeps
// the key of the surname it usually spells, and the table marks it with
// a leading '~'. A spelling that is also a common English word or
// Western name (Karl, Gill, Jean, Sean, Her, Bay, Dow), or a common
// Chinese name (Lei), is marked '!': it is
// not taken for the surname, so that a payee called Karl Kim or Jean Park
// is not read as a Korean name.
var koreanSurnames = []struct {
	hangul, mr, rr string
	common         []string
	src            string
}{
	// nikl: rows 가 to 등정 as published.
	{"가", "Ka", "Ga", []string{"Kah", "Kha", "Gha"}, "nikl"},
	{"간", "Kan", "Gan", []string{"Khan", "Kahn", "Kann"}, "nikl"},
	{"갈", "Kal", "Gal", []string{"!Gar", "!Karl"}, "nikl"},
	{"감", "Kam", "Gam", []string{"Kahm", "~Kang", "Gahm"}, "nikl"},
	{"강", "Kang", "Gang", []string{"Khang", "Kahng", "~Kwang", "Ghang", "Kaing"}, "nikl"},
	{"강전", "Kangjŏn", "Gangjeon", []string{"Kangjun"}, "nikl"},
	{"견", "Kyŏn", "Gyeon", []string{"Kyun", "Kyeon", "Kyoun", "Gyun", "Kyon"}, "nikl"},
	{"경", "Kyŏng", "Gyeong", []string{"Kyung", "Kyoung", "Geong", "Guong", "Gyeng"}, "nikl"},
	{"계", "Kye", "Gye", []string{"~Kae", "Kay", "Keh", "~Key", "~Gae"}, "nikl"},
	{"고", "Ko", "Go", []string{"Koh", "Goh", "Kho", "Gho", "Koo"}, "nikl"},
	{"곡", "Kok", "Gok", []string{"Koock"}, "nikl"},
	{"공", "Kong", "Gong", []string{"Kohng", "Ghong", "~Con", "Gohng", "Goung"}, "nikl"},
	{"곽", "Kwak", "Gwak", []string{"Kwag", "Kwack", "Gwag", "Koak", "Koag"}, "nikl"},
	{"구", "Ku", "Gu", []string{"Koo", "Goo", "Kuh", "Kou", "Khu"}, "nikl"},
	{"국", "Kuk", "Guk", []string{"Kook", "Gook", "Kug", "!Cook", "Koog"}, "nikl"},
	{"군", "Kun", "Gun", []string{"Goon", "Koon"}, "nikl"},
	{"궁", "Kung", "Gung", []string{"Koong", "Goong", "Koung"}, "nikl"},
	{"궉", "Kwŏk", "Gwok", []string{"Kwok", "Kweok", "Kwoc"}, "nikl"},
	{"권", "Kwŏn", "Gwon", []string{"Kwon", "Kweon", "Kwun", "Gweon", "~Kwan"}, "nikl"},
	{"근", "Kŭn", "Geun", []string{"Keun", "Gun"}, "nikl"},
	{"금", "Kŭm", "Geum", []string{"Keum", "Kum", "Gum", "Kuem", "Guem"}, "nikl"},
	{"기", "Ki", "Gi", []string{"Kee", "~Key", "Kie", "Kih", "Gee"}, "nikl"},
	{"길", "Kil", "Gil", []string{"!Gill", "Gihl", "Khil", "!Keel", "!Kill"}, "nikl"},
	{"김", "Kim", "Gim", []string{"Keem", "Ghim", "Kym", "~Kin"}, "nikl"},
	{"나", "Na", "Na", []string{"Ra", "La", "Nah", "Rha", "Rah"}, "nikl"},
	{"남", "Nam", "Nam", []string{"Nahm", "Nham", "~Nan", "Lam", "Narm"}, "nikl"},
	{"낭", "Nang", "Nang", []string{"Lang"}, "nikl"},
	{"노", "No", "No", []string{"Noh", "Roh", "Ro", "Rho", "Nho"}, "nikl"},
	{"뇌", "Noe", "Noe", []string{"Noi", "!Lei"}, "nikl"},
	{"단", "Tan", "Dan", []string{"Dahn", "Dhan"}, "nikl"},
	{"담", "Tam", "Dam", []string{"~Tan"}, "nikl"},
	{"당", "Tang", "Dang", []string{"Dhang"}, "nikl"},
	{"대", "Tae", "Dae", []string{"Dai", "Dea"}, "nikl"},
	{"도", "To", "Do", []string{"Doh", "Dho", "Doe", "Toh", "Doo"}, "nikl"},
	{"독고", "Tokko", "Dokgo", []string{"Dokko", "Dockko", "Dogko", "Dockgo", "Dohkgoh"}, "nikl"},
	{"동", "Tong", "Dong", []string{"Dhong", "Doung"}, "nikl"},
	{"두", "Tu", "Du", []string{"Doo", "Do", "Dou", "!Dow"}, "nikl"},
	// press, mcst, wiki.
	{"이", "Yi", "I", []string{"Lee", "Rhee", "Rhie", "Reeh", "Yie", "Ee", "Ri", "Li", "Rie", "Yee"}, "press, wiki"},
	{"박", "Pak", "Bak", []string{"Park", "Bahk", "Pahk", "!Parc", "!Bark"}, "press"},
	{"최", "Ch'oe", "Choe", []string{"Choi", "Choy", "Chey", "Chei", "Choe"}, "press"},
	{"정", "Chŏng", "Jeong", []string{"Jung", "Chung", "Joung", "Jong", "Jeung", "Cheong"}, "press"},
	{"유", "Yu", "Yu", []string{"Yoo", "You", "Ryu", "Yoh", "Rhyu", "Lyu"}, "press"},
	{"윤", "Yun", "Yun", []string{"Yoon", "Youn", "Yon"}, "press, mcst"},
	{"신", "Sin", "Sin", []string{"Shin", "Shinn", "!Sheen"}, "press"},
	{"백", "Paek", "Baek", []string{"Back", "Paik", "~Bak", "Pack", "Baik", "Paek", "Beak"}, "mcst"},
	{"임", "Im", "Im", []string{"Lim", "Lym", "Leem", "Yim", "Rim", "Rhim", "Ihm"}, "mcst"},
	{"남궁", "Namgung", "Namgung", []string{"Namkung", "Namkoong", "Namgoong", "Namgoung", "Namkoung"}, "nikl, mcst"},
	// usage: the other surnames of koreanSurnameKeys.
	{"조", "Cho", "Jo", []string{"Joe", "Jho", "Zo", "Joh", "Chough", "Cho"}, "usage"},
	{"장", "Chang", "Jang", []string{"Jhang", "Jahng", "Chaing"}, "usage"},
	{"한", "Han", "Han", []string{"Hahn", "Hann", "Hhan"}, "usage"},
	{"오", "O", "O", []string{"Oh", "!Ohh", "Oe"}, "usage"},
	{"서", "Sŏ", "Seo", []string{"Suh", "Seoh", "Surh", "So"}, "usage"},
	{"황", "Hwang", "Hwang", []string{"Whang", "Hoang", "Hwhang"}, "usage"},
	{"안", "An", "An", []string{"Ahn", "!Ann", "Ahan"}, "usage"},
	{"송", "Song", "Song", []string{"Soung", "Sohng"}, "usage"},
	{"전", "Chŏn", "Jeon", []string{"Jun", "Chun", "Jeun", "Jon", "Cheon"}, "usage"},
	{"홍", "Hong", "Hong", []string{"Hoong", "Houng"}, "usage"},
	{"문", "Mun", "Mun", []string{"Moon", "Muhn", "Moun"}, "usage"},
	{"양", "Yang", "Yang", []string{"Ryang", "Yhang", "Lyang"}, "usage"},
	{"손", "Son", "Son", []string{"Sohn", "Shon", "Sonn"}, "usage"},
	{"배", "Pae", "Bae", []string{"Bai", "Pai", "!Bay", "!Bea"}, "usage"},
	{"허", "Hŏ", "Heo", []string{"Hur", "Huh", "!Her", "Hoh", "!Hu"}, "usage"},
	{"심", "Sim", "Sim", []string{"Shim", "Sihm", "!Seem"}, "usage"},
	{"하", "Ha", "Ha", []string{"Hah"}, "usage"},
	{"성", "Sŏng", "Seong", []string{"Sung", "Seung", "Soung"}, "usage"},
	{"차", "Ch'a", "Cha", []string{"Chah", "!Char"}, "usage"},
	{"주", "Chu", "Ju", []string{"Joo", "Choo", "Jou", "!Zoo"}, "usage"},
	{"우", "U", "U", []string{"Woo", "Wu", "Oo", "Ou"}, "usage"},
	{"민", "Min", "Min", []string{"Mihn", "Minn"}, "usage"},
	{"진", "Chin", "Jin", []string{"Jhin", "Zin", "!Jean"}, "usage"},
	{"지", "Chi", "Ji", []string{"Jee", "Jhi"}, "usage"},
	{"엄", "Ŏm", "Eom", []string{"Um", "Uhm", "Eum", "Oum"}, "usage"},
	{"채", "Ch'ae", "Chae", []string{"Chai", "Che", "Chea"}, "usage"},
	{"원", "Wŏn", "Won", []string{"Weon", "Woun", "Wone"}, "usage"},
	{"천", "Ch'ŏn", "Cheon", []string{"Chun", "Chon", "Chyun"}, "usage"},
	{"방", "Pang", "Bang", []string{"Bhang", "Pahng"}, "usage"},
	{"현", "Hyŏn", "Hyeon", []string{"Hyun", "Hyoun", "Hyeun"}, "usage"},
	{"함", "Ham", "Ham", []string{"Hahm", "!Hamm"}, "usage"},
	{"변", "Pyŏn", "Byeon", []string{"Byun", "Pyun", "Byon", "Pyon"}, "usage"},
	{"염", "Yŏm", "Yeom", []string{"Youm", "Yum", "Ryom", "Yeum"}, "usage"},
	{"여", "Yŏ", "Yeo", []string{"Yoh", "Yeoh", "Ryo"}, "usage"},
	{"추", "Ch'u", "Chu", []string{"Choo", "Chou"}, "usage"},
	{"소", "So", "So", []string{"Soh", "Sho"}, "usage"},
	{"석", "Sŏk", "Seok", []string{"Suk", "Sok", "Seog", "Suck"}, "usage"},
	{"선", "Sŏn", "Seon", []string{"Sun", "Sunn", "!Sean"}, "usage"},
	{"설", "Sŏl", "Seol", []string{"Sul", "Sol", "Sull"}, "usage"},
	{"마", "Ma", "Ma", []string{"Mah"}, "usage"},
	{"연", "Yŏn", "Yeon", []string{"Youn", "Yun", "Ryon"}, "usage"},
	{"위", "Wi", "Wi", []string{"!Wee", "!Wie", "Whi"}, "usage"},
	{"표", "P'yo", "Pyo", []string{"Pyoh", "Phyo"}, "usage"},
	{"명", "Myŏng", "Myeong", []string{"Myung", "Myoung", "Myong"}, "usage"},
	{"반", "Pan", "Ban", []string{"Bahn", "Pahn"}, "usage"},
	{"왕", "Wang", "Wang", []string{"Wahng"}, "usage"},
	{"옥", "Ok", "Ok", []string{"Ock", "!Oak", "Ohk"}, "usage"},
	{"육", "Yuk", "Yuk", []string{"Yook", "Youk", "Ryuk"}, "usage"},
	{"인", "In", "In", []string{"!Inn", "Ihn", "Yin"}, "usage"},
	{"맹", "Maeng", "Maeng", []string{"Meng", "!Mang"}, "usage"},
	{"제", "Che", "Je", []string{"Jeh", "Jae"}, "usage"},
	{"모", "Mo", "Mo", []string{"Moh"}, "usage"},
	{"탁", "T'ak", "Tak", []string{"Tark", "Tahk"}, "usage"},
	{"어", "Ŏ", "Eo", []string{"Uh", "Auh"}, "usage"},
	{"은", "Ŭn", "Eun", []string{"Un", "Eunn"}, "usage"},
	{"편", "P'yŏn", "Pyeon", []string{"Pyun", "Pyon"}, "usage"},
	{"용", "Yong", "Yong", []string{"Young", "Ryong"}, "usage"},
	{"예", "Ye", "Ye", []string{"Yeh", "!Yea"}, "usage"},
	{"봉", "Pong", "Bong", []string{"Bhong", "Pohng"}, "usage"},
	{"부", "Pu", "Bu", []string{"Boo", "!Pooh"}, "usage"},
	{"태", "T'ae", "Tae", []string{"Tai", "Tay"}, "usage"},
	{"범", "Pŏm", "Beom", []string{"Bum", "Bom"}, "usage"},
	{"승", "Sŭng", "Seung", []string{"Sung", "Seong"}, "usage"},
	{"상", "Sang", "Sang", []string{"Sahng"}, "usage"},
	{"황보", "Hwangbo", "Hwangbo", []string{"Whangbo", "Hwangbo"}, "usage"},
	{"선우", "Sŏnu", "Seonu", []string{"Sunwoo", "Sunoo", "Seonwoo"}, "usage"},
	{"제갈", "Chegal", "Jegal", []string{"Jekal", "Chekal"}, "usage"},
}

// surnameSpellingKeys returns the spellings of koreanSurnames that the
// syllable grammar does not read as the surname's syllable, with the
// surname's key (one-syllable surnames; the first surname listing a
// spelling wins; spellings marked '~' or '!' left out): in unknown those
// the grammar does not know at all (Whang, Hahn, Sohn), which become
// spellings of the surname's syllable anywhere, and in other those it reads
// as another syllable (Hur as 헐, Joe as 죄, Doe as 되), which read as the
// surname only where a surname stands, at either end of a Korean name.
func surnameSpellingKeys(grammar func(string) (string, bool)) (unknown, other map[string]string) {
	unknown, other = make(map[string]string), make(map[string]string)
	for _, s := range koreanSurnames {
		r, size := utf8.DecodeRuneInString(s.hangul)
		if size != len(s.hangul) {
			continue // two-syllable surnames are two words or a run-together word
		}
		key := hangulKey(r)
		for _, sp := range append([]string{s.mr, s.rr}, s.common...) {
			if sp[0] == '~' || sp[0] == '!' {
				continue
			}
			w := Normalize(sp)
			k, ok := grammar(w)
			switch {
			case ok && k == key:
			case ok:
				if _, taken := other[w]; !taken {
					other[w] = key
				}
			default:
				if _, taken := unknown[w]; !taken {
					unknown[w] = key
				}
			}
		}
	}
	return unknown, other
}

// surnameOnlyKeys are the surname spellings the grammar reads as another
// syllable (see surnameSpellingKeys), with the surname's key.
var surnameOnlyKeys = func() map[string]string {
	_, other := surnameSpellingKeys(func(w string) (string, bool) {
		e, ok := koreanSpellings()[w]
		return e.key, ok
	})
	return other
}()
