package screening

import (
	"fmt"
	"slices"
	"strings"

	"github.com/payscreen/payscreen/fuzzy"
	"github.com/payscreen/payscreen/lists"
)

// LinkKind says how a listed entity was found to belong to a DPRK
// IT-worker network.
type LinkKind uint8

// Link kinds, from the strongest.
const (
	// LinkOFACID: the entity is one of the OFAC SDN entries designated as
	// part of a network (its ent_num is in payscreen's table).
	LinkOFACID LinkKind = iota + 1
	// LinkIdentifier: the entity lists an identity document, tax or
	// registration number of such an OFAC entry.
	LinkIdentifier
	// LinkName: the entity is under a North Korea regime (or, for an
	// indicator feed, a DPRK program) and one of its names is a name of
	// such an OFAC entry (for persons, with the same date of birth).
	LinkName
)

var linkKindNames = [...]string{"", "ofac_id", "identifier", "name"}

// String returns "ofac_id", "identifier" or "name".
func (k LinkKind) String() string {
	if k > 0 && int(k) < len(linkKindNames) {
		return linkKindNames[k]
	}
	return fmt.Sprintf("LinkKind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler.
func (k LinkKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// NetworkInfo says why a listed entity belongs to a DPRK IT-worker
// network: the OFAC entry it is, or is linked to, and that entry's place
// in its network.
type NetworkInfo struct {
	// Network is a short name of the network ("Chinyong", "Department 53").
	Network string `json:"network"`
	// Role is one line on the OFAC entry's part in it, in payscreen's own
	// words (unstable wording).
	Role string `json:"role"`
	// OFACID is the ent_num of the OFAC SDN entry; OFACName its primary
	// name as published.
	OFACID   string `json:"ofac_id"`
	OFACName string `json:"ofac_name"`
	// Designated is the date OFAC designated the entry, YYYY-MM-DD.
	Designated string   `json:"designated"`
	LinkedBy   LinkKind `json:"linked_by"`
	// Link names what linked an entry of another list: the shared name or
	// identifier. Empty for LinkOFACID.
	Link string `json:"link,omitempty"`
}

// Evidence returns the piece of evidence a match on the entity carries:
// field "network", effect Neutral (it explains, it does not decide).
func (n NetworkInfo) Evidence() Evidence {
	d := fmt.Sprintf("DPRK IT-worker network %s: %s (OFAC SDN %s, designated %s)", n.Network, n.Role, n.OFACID, n.Designated)
	switch n.LinkedBy {
	case LinkIdentifier:
		d += "; same " + n.Link + " as the OFAC entry"
	case LinkName:
		d += fmt.Sprintf("; same name as the OFAC entry (%q)", n.Link)
	}
	return Evidence{Field: FieldNetwork, Listed: n.Network, Effect: Neutral, Detail: d}
}

// EntityKey identifies a listed entity within a [lists.Set]: its source,
// the feed for indicator feeds, and the source's own ID.
type EntityKey struct {
	List lists.ListID
	ID   string
}

// ITWorkerNetworks maps the entities of a Set that belong to DPRK
// IT-worker networks to what links them. It is read-only once built and
// safe for concurrent reads.
type ITWorkerNetworks map[EntityKey]NetworkInfo

// ITWorkerNetwork finds the entities of set that belong to DPRK IT-worker
// networks, their front companies and facilitators.
//
// payscreen holds a table of the 38 OFAC SDN entries designated in the
// 2018–2025 actions against these networks (Yanbian Silverstar and Volasys
// Silver Star, Chinyong and its fronts, Department 53 / Korea Pongnaesan
// and its fronts, Korea Sobaeksu, Shenyang Geumpungri, Korea Mangyongdae
// Computer Technology, their officers, bankers and facilitators), with
// their names, dates of birth and document numbers as OFAC publishes them.
// An entity is marked when
//   - it is on the OFAC SDN list (any format) under one of those ent_nums;
//   - or it lists one of their document, tax or registration numbers (of at
//     least nine characters; seven or eight for entries under a North
//     Korea regime);
//   - or it is under a North Korea regime (Entity.DPRK) and one of its names
//     equals one of theirs once normalized (case, punctuation, spacing,
//     legal forms and romanization ignored: "Volasys Silverstar" is
//     "VOLASYS SILVER STAR"), the name having at least two words beyond
//     legal forms; a person must also share a date of birth.
//
// The result does not change any decision: [ITWorkerNetworks.Annotate]
// adds the explanation to the matches of a Result.
func ITWorkerNetwork(set *lists.Set) ITWorkerNetworks {
	out := ITWorkerNetworks{}
	if set == nil {
		return out
	}
	byID := map[string]*itwEntry{}
	names := map[string][]*itwEntry{} // name key -> entries
	docs := map[string]*itwEntry{}    // compact document number -> entry
	for i := range itwTable {
		e := &itwTable[i]
		byID[e.uid] = e
		for _, n := range e.names {
			for _, k := range itwNameKeys(n) {
				if !slices.Contains(names[k], e) {
					names[k] = append(names[k], e)
				}
			}
		}
		for _, d := range e.docs {
			docs[compactID(d)] = e
		}
	}
	for _, l := range set.Lists {
		for i := range l.Entities {
			ent := &l.Entities[i]
			key := EntityKey{List: l.ID(), ID: ent.ID}
			if l.Source == lists.OFACSDN {
				if e, ok := byID[ent.ID]; ok {
					out[key] = e.info(LinkOFACID, "")
					continue
				}
			}
			if info, ok := itwLinkByDocument(ent, docs); ok {
				out[key] = info
				continue
			}
			if ent.DPRK {
				if info, ok := itwLinkByName(ent, names); ok {
					out[key] = info
				}
			}
		}
	}
	return out
}

// Lookup returns what links the entity of list l with the given ID to a
// network.
func (n ITWorkerNetworks) Lookup(l lists.ListID, id string) (NetworkInfo, bool) {
	info, ok := n[EntityKey{List: l, ID: id}]
	return info, ok
}

// Annotate adds the network evidence to every match of r on an entity of
// a network, once. Decisions are unchanged.
func (n ITWorkerNetworks) Annotate(r *Result) {
	if len(n) == 0 {
		return
	}
	for i := range r.Matches {
		m := &r.Matches[i]
		info, ok := n.Lookup(m.Source, m.EntityID)
		if !ok || slices.ContainsFunc(m.Evidence, func(e Evidence) bool { return e.Field == FieldNetwork }) {
			continue
		}
		m.Evidence = append(m.Evidence, info.Evidence())
	}
}

// itwEntry is one OFAC SDN entry of a DPRK IT-worker network.
type itwEntry struct {
	uid        string
	network    string
	role       string // our own one-line summary
	designated string
	person     bool
	names      []string // as OFAC publishes them, primary first
	dobs       []string // YYYY-MM-DD
	docs       []string // document, tax and registration numbers
}

func (e *itwEntry) info(k LinkKind, link string) NetworkInfo {
	return NetworkInfo{Network: e.network, Role: e.role, OFACID: e.uid, OFACName: e.names[0], Designated: e.designated, LinkedBy: k, Link: link}
}

// itwNameKeys returns the keys a name links by: its significant tokens
// run together, in order and in sorted order, so that spacing
// ("Silverstar", "Silver Star") and the order of a person's names do not
// matter; and the tokens' equivalence keys (romanizations such as
// Chol/Cheol) in order and sorted. Names of fewer than two significant
// tokens give no key: a single word is too common to link two lists.
func itwNameKeys(name string) []string {
	var texts, keys []string
	for _, t := range fuzzy.Tokenize(name) {
		if t.Weak {
			continue
		}
		texts = append(texts, t.Text)
		k := t.Key
		if k == "" {
			k = t.Text
		}
		keys = append(keys, k)
	}
	if len(texts) < 2 {
		return nil
	}
	out := []string{"t:" + strings.Join(texts, ""), "k:" + strings.Join(keys, " ")}
	slices.Sort(texts)
	slices.Sort(keys)
	out = append(out, "t:"+strings.Join(texts, ""), "k:"+strings.Join(keys, " "))
	slices.Sort(out)
	return slices.Compact(out)
}

var itwDocTypes = []lists.IDType{lists.IDPassport, lists.IDNationalID, lists.IDTaxID, lists.IDRegistration, lists.IDOther}

func itwLinkByDocument(ent *lists.Entity, docs map[string]*itwEntry) (NetworkInfo, bool) {
	for _, id := range ent.Identifiers {
		if !slices.Contains(itwDocTypes, id.Type) {
			continue
		}
		k := compactID(id.Value)
		if len(k) < 7 || (len(k) < 9 && !ent.DPRK) {
			continue
		}
		if e, ok := docs[k]; ok {
			label := id.Label
			if label == "" {
				label = id.Type.String()
			}
			return e.info(LinkIdentifier, strings.ToLower(label)+" "+id.Value), true
		}
	}
	return NetworkInfo{}, false
}

func itwLinkByName(ent *lists.Entity, names map[string][]*itwEntry) (NetworkInfo, bool) {
	for _, n := range ent.Names {
		for _, k := range itwNameKeys(n.Full) {
			for _, e := range names[k] {
				if e.person && ent.Type != lists.Organization {
					if !itwSameDOB(ent, e) {
						continue
					}
				} else if e.person || ent.Type == lists.Person {
					continue // a person is not a company of the same name
				}
				return e.info(LinkName, n.Full), true
			}
		}
	}
	return NetworkInfo{}, false
}

func itwSameDOB(ent *lists.Entity, e *itwEntry) bool {
	for _, b := range ent.BirthDates {
		if b.IsRange() || b.From.Day == 0 {
			continue
		}
		if slices.Contains(e.dobs, b.From.String()) {
			return true
		}
	}
	return false
}

// itwTable lists the OFAC SDN entries of DPRK IT-worker networks: ent_num,
// network, role (payscreen's own summary), designation date, whether a
// person, and names, dates of birth and document numbers as OFAC publishes
// them (SDN_ADVANCED.XML of 2025-11-19).
var itwTable = [...]itwEntry{
	{"24977", "Yanbian Silverstar", "PRC-based IT company, DPRK-controlled, that placed North Korean IT workers", "2018-09-13", false,
		[]string{"Yanbian Silverstar Network Technology Co., Ltd.", "延边银星网络科技有限公司", "은성인터네트기술회사", "Yanbian Silverstar", "Yanbian Silver Star", "Silver Star Internet Technology Corporation", "China Silver Star Internet Technology Company", "Unsong Internet Technology Corporation", "Yanji Silver Star Network Technology Co. Ltd.", "Silver Star China"},
		[]string{}, []string{"91222401MA0Y31E659"}},
	{"24978", "Yanbian Silverstar", "Russia-based company of the Yanbian Silverstar network", "2018-09-13", false,
		[]string{"Volasys Silver Star"},
		[]string{}, []string{}},
	{"24979", "Yanbian Silverstar", "chief executive of Yanbian Silverstar", "2018-09-13", true,
		[]string{"Jong Song Hwa", "정 성화"},
		[]string{"1970-02-05"}, []string{"927220230"}},
	{"42498", "Sim Hyon Sop (KKBC)", "DPRK bank representative who received IT-worker earnings", "2023-04-24", true,
		[]string{"Sim Hyon Sop", "Sim Hyo'n-so'p"},
		[]string{"1983-11-25"}, []string{"109484100"}},
	{"42496", "Sim Hyon Sop (KKBC)", "PRC-based over-the-counter trader who converted virtual currency for the DPRK", "2023-04-24", true,
		[]string{"Wu Huihui", "Wakemeupupup", "fast4release"},
		[]string{"1988-12-15"}, []string{"E59165201", "371326198812157611"}},
	{"42497", "Sim Hyon Sop (KKBC)", "Hong Kong-based trader who worked with Wu Huihui", "2023-04-24", true,
		[]string{"Cheng Hung Man"},
		[]string{"1964-03-28"}, []string{"752079640", "G563542(9)"}},
	{"43379", "Chinyong", "DPRK company that manages IT-worker delegations abroad", "2023-05-23", false,
		[]string{"Chinyong Information Technology Cooperation Company", "Jinyong IT Cooperation Company"},
		[]string{}, []string{}},
	{"43377", "Chinyong", "head of Chinyong", "2023-05-23", true,
		[]string{"Kim Sang Man", "김 상만", "Kim Sangman"},
		[]string{"1965-04-25"}, []string{"109420132", "827220538", "563220082"}},
	{"48260", "Chinyong", "Vladivostok company under Chinyong", "2024-03-27", false,
		[]string{"Limited Liability Company Alis", "Общество c Oграниченной Oтветственностью \"Алис\"", "Alias LLC", "Alis LLC", "ООО АЛИС"},
		[]string{}, []string{"1162536087230", "2543103179"}},
	{"48261", "Chinyong", "UAE company under Chinyong", "2024-03-27", false,
		[]string{"Pioneer Bencont Star Real Estate"},
		[]string{}, []string{}},
	{"48262", "Chinyong", "representative acting for a Chinyong company", "2024-03-27", true,
		[]string{"Jon Yun Gun", "전 연근", "Cho'n Yo'n Ku'n"},
		[]string{"1973-04-22"}, []string{"927233154"}},
	{"48267", "DPRK bank representatives (2024)", "Shenyang-based DPRK bank representative named in the March 2024 action against IT-worker revenue", "2024-03-27", true,
		[]string{"Han Chol Man", "한 절 만", "Han Ch'o'l-man"},
		[]string{"1978-05-06"}, []string{}},
	{"48268", "DPRK bank representatives (2024)", "Vladivostok-based DPRK bank representative named in the March 2024 action against IT-worker revenue", "2024-03-27", true,
		[]string{"O In Chun", "오 인 준", "O ln-chun", "O In Jun"},
		[]string{"1969-07-03"}, []string{"PS745220146"}},
	{"48269", "DPRK bank representatives (2024)", "Vladivostok-based DPRK bank representative named in the March 2024 action against IT-worker revenue", "2024-03-27", true,
		[]string{"Jong Song Ho", "Cho'ng So'ng-ho"},
		[]string{"1972-11-15"}, []string{"109110001"}},
	{"47699", "DPRK bank representatives (2024)", "Shenyang-based DPRK bank representative named in the March 2024 action against IT-worker revenue", "2024-03-27", true,
		[]string{"Ri Tong Hyok", "Ri Tong-Hyo'k"},
		[]string{"1975-11-27"}, []string{}},
	{"47701", "DPRK bank representatives (2024)", "Shenyang-based DPRK bank representative named in the March 2024 action against IT-worker revenue", "2024-03-27", true,
		[]string{"Yu Pu Ung", "유 부 웅", "Yu Bu Ung", "Mr. O"},
		[]string{"1966-09-16"}, []string{"PS927320340"}},
	{"52262", "Department 53", "military department that runs IT front companies (also Korea Pongnaesan Trading)", "2025-01-16", false,
		[]string{"Department 53 of the Ministry of the People's Armed Forces", "Department 53", "Bureau 53", "Korea Pongnaesan Trading Corporation", "조선봉래산무역회사"},
		[]string{}, []string{}},
	{"52264", "Department 53", "Dandong company that supported Department 53", "2025-01-16", false,
		[]string{"Liaoning China Trade Industry Co., LTD.", "辽宁中贸实业有限公司", "Liaoning Zhongmao Industrial Co., Ltd"},
		[]string{}, []string{"91210600MA0YQP7Y0B"}},
	{"52282", "Department 53", "Department 53 front company with IT workers abroad", "2025-01-16", false,
		[]string{"Korea Osong Shipping Corporation", "Osong Shipping Corporation", "Osong Shipping Company"},
		[]string{}, []string{"5619960"}},
	{"52283", "Department 53", "Department 53 front company with an IT-worker delegation abroad", "2025-01-16", false,
		[]string{"Chonsurim Trading Corporation", "Korea Chonsurim Trading Corporation"},
		[]string{}, []string{}},
	{"52286", "Department 53", "Shenyang representative of Korea Osong Shipping", "2025-01-16", true,
		[]string{"Son Kyong Sik"},
		[]string{"1959-04-20"}, []string{"381220302"}},
	{"52289", "Department 53", "head of the Chonsurim IT-worker delegation", "2025-01-16", true,
		[]string{"Jong In Chol"},
		[]string{"1979-01-05"}, []string{"390220044"}},
	{"49970", "Song Kum Hyok / Asatryan (2025)", "North Korean national designated under the cyber program in the July 2025 IT-worker action", "2025-07-08", true,
		[]string{"Song Kum Hyok"},
		[]string{"1987-08-30"}, []string{}},
	{"53816", "Song Kum Hyok / Asatryan (2025)", "DPRK trading company named in the July 2025 IT-worker action", "2025-07-08", false,
		[]string{"Korea Songkwang Trading General Corporation", "Korea Songkwang General Trading Corporation"},
		[]string{}, []string{}},
	{"53817", "Song Kum Hyok / Asatryan (2025)", "DPRK trading company named in the July 2025 IT-worker action", "2025-07-08", false,
		[]string{"Korea Saenal Trading Corporation", "Korea Saenal Technology Trading Corporation", "Saenal Trading Corporation", "새날무역회사", "Korea Saenal Trading", "Chosun Saenal Trading Corporation", "Chosun Saenal Trading Company", "조선새날무역회사", "Chosun Saenal Trading"},
		[]string{}, []string{}},
	{"53820", "Song Kum Hyok / Asatryan (2025)", "Russia-based company owned by Gayk Asatryan", "2025-07-08", false,
		[]string{"Asatryan Limited Liability Company", "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ АСАТРЯН", "Asatryan LLC", "ООО АСАТРЯН", "Limited Liability Company Asatryan"},
		[]string{}, []string{"2502065020", "1212500013934"}},
	{"53822", "Song Kum Hyok / Asatryan (2025)", "Russia-based company owned by Gayk Asatryan", "2025-07-08", false,
		[]string{"Fortuna Limited Liability Company", "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ФОРТУНА", "Fortuna LLC", "ООО ФОРТУНА", "Limited Liability Company Fortuna"},
		[]string{}, []string{"2502071778", "1232500011149"}},
	{"53824", "Song Kum Hyok / Asatryan (2025)", "Russian national who owns Asatryan LLC and Fortuna LLC", "2025-07-08", true,
		[]string{"Asatryan Gayk", "Асатрян Гайк", "Asatryan Gaik", "Asatryan Gayk Vanushevich"},
		[]string{"1974-06-14"}, []string{"0519689094", "250209385021"}},
	{"54764", "Korea Sobaeksu", "DPRK trading company that sends IT workers abroad", "2025-07-24", false,
		[]string{"Korea Sobaeksu Trading Corporation", "Korea Sobaeksu United Corporation", "Sobaeksu United Corp.", "Sobaeku United Corp", "Korea Sobaeksu United Co."},
		[]string{}, []string{}},
	{"54763", "Korea Sobaeksu", "person supporting Korea Sobaeksu, based in Vietnam", "2025-07-24", true,
		[]string{"Kim Se Un", "김 세운", "Kim Se-u'n"},
		[]string{"1978-03-25"}, []string{"390120007"}},
	{"54800", "Korea Sobaeksu", "person supporting Korea Sobaeksu", "2025-07-24", true,
		[]string{"Jo Kyong Hun", "조 경훈", "Cho Kyo'ng-hun"},
		[]string{"1990-06-19"}, []string{"108432959"}},
	{"54762", "Korea Sobaeksu", "DPRK national named in the July 2025 Sobaeksu action", "2025-07-24", true,
		[]string{"Myong Chol Min", "명 철민"},
		[]string{"1966-09-25"}, []string{"745338501"}},
	{"55062", "Chinyong", "Shenyang front company of Chinyong", "2025-08-27", false,
		[]string{"Shenyang Geumpungri Network Technology Co., Ltd", "Guempungri"},
		[]string{}, []string{}},
	{"55063", "Korea Sinjin (2025)", "DPRK trading company with IT workers abroad", "2025-08-27", false,
		[]string{"Korea Sinjin Trading Corporation", "Chosun Sinjin Trading Company", "조선신진무역회사", "Chosun Sinjin Trading Corporation", "Sinjin General Trading Corporation"},
		[]string{}, []string{}},
	{"55064", "Chinyong", "DPRK official in Russia designated in the August 2025 Chinyong action", "2025-08-27", true,
		[]string{"Kim Ung Sun", "김 응순", "Kim U'ng-sun"},
		[]string{"1964-06-23"}, []string{"754110065"}},
	{"55065", "Chinyong", "Russian national who supported Chinyong", "2025-08-27", true,
		[]string{"Andreyev Vitaliy Sergeyevich", "Андреев Виталий Сергеевич"},
		[]string{"1980-09-29"}, []string{"253908966176"}},
	{"56044", "Korea Mangyongdae Computer Technology", "DPRK company designated in the November 2025 IT-worker action", "2025-11-04", false,
		[]string{"Korea Mangyongdae Computer Technology Corporation", "Mangyongdae Computer Technology", "Korea Mangyongdae Computer Technology Corp."},
		[]string{}, []string{}},
	{"56045", "Korea Mangyongdae Computer Technology", "Dandong-based representative acting for Korea Mangyongdae Computer Technology", "2025-11-04", true,
		[]string{"U Yong Su"},
		[]string{"1971-06-19"}, []string{"481231176"}},
}
