package screening

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

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
	table := itwTable()
	for i := range table {
		e := &table[i]
		byID[e.OFACID] = e
		for _, n := range e.Names {
			for _, k := range itwNameKeys(n) {
				if !slices.Contains(names[k], e) {
					names[k] = append(names[k], e)
				}
			}
		}
		for _, d := range e.Docs {
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
	OFACID     string   `json:"ofac_id"`
	Network    string   `json:"network"`
	Role       string   `json:"role"` // our own one-line summary
	Designated string   `json:"designated"`
	Person     bool     `json:"person"`
	Names      []string `json:"names"` // as OFAC publishes them, primary first
	DOBs       []string `json:"dobs"`  // YYYY-MM-DD
	Docs       []string `json:"docs"`  // document, tax and registration numbers
}

func (e *itwEntry) info(k LinkKind, link string) NetworkInfo {
	return NetworkInfo{Network: e.Network, Role: e.Role, OFACID: e.OFACID, OFACName: e.Names[0], Designated: e.Designated, LinkedBy: k, Link: link}
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
				if e.Person && ent.Type != lists.Organization {
					if !itwSameDOB(ent, e) {
						continue
					}
				} else if e.Person || ent.Type == lists.Person {
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
		if slices.Contains(e.DOBs, b.From.String()) {
			return true
		}
	}
	return false
}

// itwData holds the OFAC SDN entries of DPRK IT-worker networks: ent_num
// (ofac_id), network, role (payscreen's own summary), designation date,
// whether a person, and names, dates of birth and document numbers as OFAC
// publishes them. It is data, reviewed and updated as OFAC designates:
// see its "about" for the publication it was taken from.
//
//go:embed data/itw_networks.json
var itwData []byte

// itwTable returns the entries of itwData, decoded once. The data is
// part of the binary and a test decodes it: an error here is a build
// defect, not an input error.
var itwTable = sync.OnceValue(func() []itwEntry {
	var doc struct {
		About   string     `json:"about"`
		Entries []itwEntry `json:"entries"`
	}
	dec := json.NewDecoder(bytes.NewReader(itwData))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		panic("screening: embedded data/itw_networks.json: " + err.Error())
	}
	for i, e := range doc.Entries {
		if e.OFACID == "" || e.Network == "" || len(e.Names) == 0 {
			panic(fmt.Sprintf("screening: embedded data/itw_networks.json: entry %d lacks ofac_id, network or names", i))
		}
	}
	return doc.Entries
})
