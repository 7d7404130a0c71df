package lists

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseListID(t *testing.T) {
	tests := []struct {
		in     string
		want   ListID
		err    bool
		reason string
	}{
		{"ofac_sdn", ListID{Source: OFACSDN}, false, "an official list"},
		{" UN ", ListID{Source: UN}, false, "official names are case-insensitive, space trimmed"},
		{"dprk_indicators", ListID{Source: Indicators, Feed: BuiltinIndicatorFeed}, false, "the built-in feed is a feed"},
		{"acme", ListID{Source: Indicators, Feed: "acme"}, false, "a user feed by its name"},
		{"Acme", ListID{}, true, "feed names are lower-case"},
		{"", ListID{}, true, "empty"},
		{"unknown", ListID{}, true, "the unknown source is no list"},
	}
	for _, tt := range tests {
		got, err := ParseListID(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseListID(%q) = %#v, %v; want %#v, error %v (%s)", tt.in, got, err, tt.want, tt.err, tt.reason)
		}
		if err != nil && !errors.Is(err, ErrListID) {
			t.Errorf("ParseListID(%q): %v does not wrap ErrListID", tt.in, err)
		}
		if err == nil && got.String() != strings.ToLower(strings.TrimSpace(tt.in)) {
			t.Errorf("ParseListID(%q).String() = %q: does not round-trip", tt.in, got)
		}
	}
}

func TestListIDJSONMapKey(t *testing.T) {
	in := map[ListID]int{{Source: UN}: 1, {Source: Indicators, Feed: "acme"}: 2}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"acme":2,"un":1}` {
		t.Errorf("JSON %s", b)
	}
	var back map[ListID]int
	if err := json.Unmarshal(b, &back); err != nil || len(back) != 2 || back[ListID{Source: Indicators, Feed: "acme"}] != 2 {
		t.Errorf("round trip: %v, %v", back, err)
	}
}

func TestEntityFingerprint(t *testing.T) {
	base := func() Entity {
		return Entity{Source: UN, ID: "KPi.033", Type: Person,
			Names:      []Name{{Full: "RI WON HO", Kind: Primary}},
			BirthDates: []DateOfBirth{{From: Date{1964, 7, 17}}}, Nationalities: []string{"KP"},
			Programs: []string{"DPRK"}, DPRK: true, Remarks: "as published"}
	}
	e := base()
	fp := e.Fingerprint()
	// Pinned: a change here voids every allow-list entry, and needs a new
	// FingerprintVersion.
	const want = "fp1:72fcedce6b57192f67f12c681527b27c6c9b131f7303aa86efebb91649bd091d"
	if fp != want {
		t.Fatalf("Fingerprint = %q, want %q", fp, want)
	}
	tests := []struct {
		name   string
		change func(*Entity)
		same   bool
		reason string
	}{
		{"remarks", func(e *Entity) { e.Remarks = "corrected" }, true, "remarks do not matter for a match"},
		{"street", func(e *Entity) { e.Addresses = nil; e.Titles = []string{"Minister"} }, true, "titles do not matter for a match"},
		{"alias", func(e *Entity) { e.Names = append(e.Names, Name{Full: "RI WON-HO", Kind: AKA}) }, false, "a new alias matters"},
		{"dob", func(e *Entity) { e.BirthDates[0].From.Day = 18 }, false, "a date of birth matters"},
		{"program", func(e *Entity) { e.Programs = append(e.Programs, "X") }, false, "programs matter"},
		{"identifier", func(e *Entity) { e.Identifiers = []Identifier{{Type: IDPassport, Value: "123"}} }, false, "identifiers matter"},
		{"split", func(e *Entity) { e.Names[0].Full = "RI WON"; e.Nationalities = []string{"HO", "KP"} }, false, "values are length-delimited"},
	}
	for _, tt := range tests {
		e := base()
		tt.change(&e)
		if got := e.Fingerprint(); (got == fp) != tt.same {
			t.Errorf("%s: fingerprint same = %v, want %v (%s)", tt.name, got == fp, tt.same, tt.reason)
		}
	}
}
