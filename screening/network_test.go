package screening

import (
	"context"
	"fmt"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestITWorkerTable(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range itwTable() {
		assert.False(t, seen[e.OFACID], "ent_num %s twice", e.OFACID)
		seen[e.OFACID] = true
		if e.Network == "" || e.Role == "" || len(e.Designated) != 10 || len(e.Names) == 0 {
			t.Errorf("entry %s incomplete: %+v", e.OFACID, e)
		}
		assert.Equal(t, e.Person, len(e.DOBs) > 0, "entry %s: every person in the table has a listed date of birth, no company has", e.OFACID)
	}
	assert.Len(t, seen, 38, "want the 38 OFAC SDN entries of ../shared/dprk/ofac_it_worker_network.json")
}

func TestITWorkerNetworkSample(t *testing.T) {
	set, err := lists.Sample()
	require.NoError(t, err)
	feed, err := lists.BuiltinIndicators()
	require.NoError(t, err)
	set.Lists = append(set.Lists, feed)
	n := ITWorkerNetwork(set)
	wantOFAC := []string{"24977", "24978", "24979", "42496", "42498", "43377", "43379", "48260", "48262", "48267",
		"52262", "53820", "53824", "54763", "54764", "55062", "55065", "56044", "56045"}
	for _, id := range wantOFAC {
		info, ok := n.Lookup(lists.ListID{Source: lists.OFACSDN}, id)
		if !ok || info.LinkedBy != LinkOFACID || info.OFACID != id {
			t.Errorf("OFAC %s: %+v %v, want marked by its ent_num", id, info, ok)
		}
	}
	// The sample's UN entries are DPRK but none is an IT-worker entry; the
	// OFAC sample's DPRK banks are not either.
	for _, id := range []string{"KPi.033", "KPe.001", "KPe.047"} {
		_, ok := n.Lookup(lists.ListID{Source: lists.UN}, id)
		assert.False(t, ok, "UN %s marked: it is not part of an IT-worker network", id)
	}
	_, ok := n.Lookup(lists.ListID{Source: lists.OFACSDN}, "20571")
	assert.False(t, ok, "Kumgang Bank marked: a DPRK bank is not an IT-worker network entry")
	info, ok := n.Lookup(lists.ListID{Source: lists.Indicators, Feed: lists.BuiltinIndicatorFeed}, "volasys-silverstar")
	if !ok || info.OFACID != "24978" || info.LinkedBy != LinkName {
		t.Errorf("built-in feed's Volasys Silverstar: %+v %v, want linked by name to OFAC 24978 VOLASYS SILVER STAR", info, ok)
	}
	assert.Len(t, n, len(wantOFAC)+1, "entities marked")
}

func TestITWorkerNetworkLinks(t *testing.T) {
	dob := func(y, m, d int) []lists.DateOfBirth {
		return []lists.DateOfBirth{{From: lists.Date{Year: y, Month: m, Day: d}}}
	}
	tests := []struct {
		name   string
		entity lists.Entity
		want   string // OFAC ent_num, "" for none
		by     LinkKind
		reason string
	}{
		{"company alias", lists.Entity{ID: "a", Type: lists.Organization, DPRK: true, Names: []lists.Name{{Full: "SOBAEKSU UNITED CORP."}}}, "54764", LinkName,
			"an OFAC alias of Korea Sobaeksu Trading Corporation, under a DPRK regime"},
		{"spacing and legal form", lists.Entity{ID: "b", DPRK: true, Names: []lists.Name{{Full: "Shenyang Geumpungri Network Technology Company Limited"}}}, "55062", LinkName,
			"legal forms and punctuation do not count"},
		{"not DPRK", lists.Entity{ID: "c", Type: lists.Organization, Names: []lists.Name{{Full: "Sobaeksu United Corp."}}}, "", 0,
			"an entry under another regime is not linked by name alone"},
		{"single word", lists.Entity{ID: "d", DPRK: true, Names: []lists.Name{{Full: "Guempungri"}}}, "", 0,
			"one word is too little to link two lists"},
		{"generic one-word company", lists.Entity{ID: "e", DPRK: true, Names: []lists.Name{{Full: "Fortuna LLC"}}}, "", 0,
			"'Fortuna' is one significant word: the legal form does not count"},
		{"person same dob", lists.Entity{ID: "f", Type: lists.Person, DPRK: true, Names: []lists.Name{{Full: "KIM Se Un"}}, BirthDates: dob(1978, 3, 25)}, "54763", LinkName,
			"same name and date of birth"},
		{"person romanized", lists.Entity{ID: "g", Type: lists.Person, DPRK: true, Names: []lists.Name{{Full: "Han Cheol Man"}}, BirthDates: dob(1978, 5, 6)}, "48267", LinkName,
			"Cheol and Chol are one Korean syllable"},
		{"person other dob", lists.Entity{ID: "h", Type: lists.Person, DPRK: true, Names: []lists.Name{{Full: "Kim Se Un"}}, BirthDates: dob(1981, 1, 1)}, "", 0,
			"a common Korean name with another date of birth is another person"},
		{"person no dob", lists.Entity{ID: "i", Type: lists.Person, DPRK: true, Names: []lists.Name{{Full: "Kim Se Un"}}}, "", 0,
			"without a date of birth a person is not linked by name"},
		{"company is not a person", lists.Entity{ID: "j", Type: lists.Organization, DPRK: true, Names: []lists.Name{{Full: "Kim Se Un"}}}, "", 0,
			"an organization of a person's name is not that person"},
		{"passport", lists.Entity{ID: "k", Type: lists.Person, Names: []lists.Name{{Full: "Someone Else"}},
			Identifiers: []lists.Identifier{{Type: lists.IDPassport, Label: "Passport", Value: "PS 745220146"}}}, "48268", LinkIdentifier,
			"a passport number of at least nine characters links whatever the regime"},
		{"short number not DPRK", lists.Entity{ID: "l", Names: []lists.Name{{Full: "X Y"}},
			Identifiers: []lists.Identifier{{Type: lists.IDRegistration, Value: "5619960"}}}, "", 0,
			"a seven-digit company number alone is too short outside a DPRK regime"},
		{"short number DPRK", lists.Entity{ID: "m", DPRK: true, Names: []lists.Name{{Full: "X Y"}},
			Identifiers: []lists.Identifier{{Type: lists.IDRegistration, Value: "5619960"}}}, "52282", LinkIdentifier,
			"Korea Osong Shipping's company number on a DPRK entry"},
		{"email is not a document", lists.Entity{ID: "n", DPRK: true, Names: []lists.Name{{Full: "X Y"}},
			Identifiers: []lists.Identifier{{Type: lists.IDEmail, Value: "927220230"}}}, "", 0,
			"only document, tax and registration numbers link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := &lists.Set{Lists: []*lists.List{{Source: lists.UK, Entities: []lists.Entity{tt.entity}}}}
			info, ok := ITWorkerNetwork(set).Lookup(lists.ListID{Source: lists.UK}, tt.entity.ID)
			if ok != (tt.want != "") || info.OFACID != tt.want || info.LinkedBy != tt.by {
				t.Errorf("got %+v %v, want OFAC %q by %v (%s)", info, ok, tt.want, tt.by, tt.reason)
			}
		})
	}
}

func TestITWorkerNetworkOFACIDOnlyOnSDN(t *testing.T) {
	set := &lists.Set{Lists: []*lists.List{{Source: lists.UN, Entities: []lists.Entity{{ID: "24977", Names: []lists.Name{{Full: "Unrelated"}}}}}}}
	_, ok := ITWorkerNetwork(set).Lookup(lists.ListID{Source: lists.UN}, "24977")
	assert.False(t, ok, "an entry of another list with the same ID is not the OFAC entry")
}

func TestITWorkerNetworkAnnotate(t *testing.T) {
	set, err := lists.Sample()
	require.NoError(t, err)
	s, err := New(set, DefaultPolicy(), Options{})
	require.NoError(t, err)
	n := ITWorkerNetwork(set)
	r, err := s.Screen(context.Background(), Payee{ID: "V-1", Name: "Korea Sobaeksu Trading Corp", Type: Organization})
	require.NoError(t, err)
	before := r.Decision
	n.Annotate(&r)
	n.Annotate(&r) // idempotent
	require.NotEmpty(t, r.Matches, "want a match on OFAC 54764:\n%s", r.Explain())
	require.Equal(t, "54764", r.Matches[0].EntityID, "top match:\n%s", r.Explain())
	var got []Evidence
	for _, e := range r.Matches[0].Evidence {
		if e.Field == FieldNetwork {
			got = append(got, e)
		}
	}
	if assert.Len(t, got, 1, "network evidence: want exactly one explanation") {
		assert.Equal(t, Neutral, got[0].Effect, "network evidence: want a neutral explanation")
		assert.Contains(t, got[0].Detail, "DPRK IT-worker network Korea Sobaeksu")
	}
	assert.Equal(t, before, r.Decision, "annotation changed the decision")
}

func ExampleITWorkerNetworks_Annotate() {
	set, _ := lists.Sample()
	s, _ := New(set, DefaultPolicy(), Options{})
	network := ITWorkerNetwork(set) // once, next to the Screener
	r, _ := s.Screen(context.Background(), Payee{ID: "V-7", Name: "Chinyong Information Technology Cooperation Co", Type: Organization})
	network.Annotate(&r)
	for _, e := range r.Matches[0].Evidence {
		if e.Field == FieldNetwork {
			fmt.Println(r.Decision, r.Matches[0].EntityID, e.Listed)
		}
	}
	// Output: review 43379 Chinyong
}
