package lists

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readIndicatorFixture(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/indicators/feed.jsonl")
	require.NoError(tb, err)
	return b
}

func TestParseIndicatorsFixture(t *testing.T) {
	l, err := ParseIndicators("my_feed", File{Name: "feed.jsonl", R: bytes.NewReader(readIndicatorFixture(t))})
	require.NoError(t, err)
	assert.Equal(t, Indicators, l.Source)
	assert.Equal(t, "my_feed", l.Feed)
	assert.Equal(t, FormatIndicators, l.Format)
	if want := time.Date(2025, 1, 23, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) || l.PublishedFrom != PublishedFromContent {
		t.Errorf("published %v from %q, want the latest indicator date %v from content", l.Published, l.PublishedFrom, want)
	}
	ids := make([]string, len(l.Entities))
	for i, e := range l.Entities {
		ids[i] = e.ID
	}
	require.Equal(t, []string{"acme", "wallets-only", "bank", "alias-only"}, ids)

	acme := l.Entities[0]
	wantNames := []Name{{Full: "Acme Remote Talent LLC", Kind: Primary}, {Full: "Acme Remote Talent", Kind: AKA}}
	assert.Equal(t, wantNames, acme.Names, "then the name indicator")
	assert.True(t, acme.DPRK)
	assert.Equal(t, []string{"DPRK"}, acme.Programs)
	if acme.Listed != (Date{2024, 5, 16}) {
		t.Errorf("acme listed %s, want its earliest date 2024-05-16", acme.Listed)
	}
	wantIDs := []struct {
		t     IDType
		value string
	}{
		{IDEmail, "Hiring@Acme-Remote.example"},
		{IDEmail, "@acme-remote.example"},
		{IDWebsite, "https://acme-remote.example/"},
		{IDPhone, "+1 (555) 010-7788"},
	}
	require.Len(t, acme.Identifiers, len(wantIDs), "the repeated e-mail kept once")
	for i, w := range wantIDs {
		got := acme.Identifiers[i]
		assert.Equal(t, w.t, got.Type, "acme identifier %d", i)
		assert.Equal(t, w.value, got.Value, "acme identifier %d", i)
	}
	assert.Equal(t, "https://example.org/advisory-1 (Example advisory 1), 2024-05-16; recruiting address", acme.Identifiers[0].Note)
	assert.Contains(t, acme.Remarks, "2024-05-16 https://example.org/advisory-1")
	assert.Contains(t, acme.Remarks, "2025-01-23 https://example.org/advisory-2")

	w := l.Entities[1]
	assert.Empty(t, w.Names, "wallets-only entity")
	assert.Equal(t, []CryptoAddress{{Currency: "USDT", Address: "0x97b1043abd9e6fc31681635166d430a458d14f9c"}}, w.Crypto, "wallets-only entity")
	if w.DPRK || len(w.Programs) != 0 {
		t.Errorf("wallets-only entity has programs %v DPRK %v, want none: no program given", w.Programs, w.DPRK)
	}

	bank := l.Entities[2]
	var types []string
	for _, id := range bank.Identifiers {
		types = append(types, id.Type.String()+"="+id.Value)
	}
	assert.Equal(t, []string{"swift_bic=KMBKKPPY", "iban=DE89 3704 0044 0532 0130 00", "account=000123456789"}, types)
	assert.Len(t, bank.Names, 2, "the repeated actor name counts once")
	assert.Equal(t, "Example Bank", bank.Names[0].Full, "the repeated actor name counts once")
	assert.Equal(t, "Example Bank Branch", bank.Names[1].Full, "the repeated actor name counts once")

	only := l.Entities[3]
	assert.Equal(t, []Name{{Full: "Only Alias Name", Kind: Primary}}, only.Names, "without an actor name the first name indicator is primary")
	c := l.Counts()
	assert.Equal(t, 4, c.Entities, "counts %+v", c)
	assert.Equal(t, 7, c.Identifiers, "counts %+v", c)
	assert.Equal(t, 1, c.Crypto["USDT"], "counts %+v", c)
	assert.Equal(t, 1, c.DPRK, "counts %+v", c)
}

func TestParseIndicatorsErrors(t *testing.T) {
	good := `{"type":"name","value":"X Y","entity":"e","source":"s","date":"2024-01-02"}`
	tests := []struct {
		name   string
		feed   string
		input  string
		line   int
		field  string
		want   error
		reason string
	}{
		{"empty", "f", "", 0, "", ErrEmpty, "a feed without indicators is an error, not an empty list"},
		{"blank only", "f", "\n  \n", 0, "", ErrEmpty, "blank lines are not indicators"},
		{"not json", "f", good + "\n{not json}\n", 2, "", ErrMalformed, "each line must be a JSON object"},
		{"array", "f", `["name"]`, 1, "", ErrMalformed, "an array is not an indicator"},
		{"null", "f", `null`, 1, "", ErrMalformed, "null is not an indicator"},
		{"truncated", "f", good[:len(good)-5], 1, "", ErrMalformed, "a line cut short is not JSON"},
		{"unknown field", "f", `{"type":"name","value":"X","entity":"e","source":"s","date":"2024-01-02","confidence":"high"}`, 1, "confidence", ErrMalformed,
			"unknown keys are rejected so that a misspelt key is not silently ignored"},
		{"number value", "f", `{"type":"phone","value":5550100,"entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "values must be strings"},
		{"missing source", "f", `{"type":"name","value":"X","entity":"e","date":"2024-01-02"}`, 1, "source", ErrMissing, "every indicator needs its source"},
		{"missing entity", "f", `{"type":"name","value":"X","source":"s","date":"2024-01-02"}`, 1, "entity", ErrMissing, "indicators are grouped by entity"},
		{"blank value", "f", `{"type":"name","value":"  ","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMissing, "a blank value is no indicator"},
		{"unknown type", "f", `{"type":"ip","value":"1.2.3.4","entity":"e","source":"s","date":"2024-01-02"}`, 1, "type", ErrMalformed, "only the documented types"},
		{"bad date", "f", `{"type":"name","value":"X","entity":"e","source":"s","date":"2024-02-30"}`, 1, "date", ErrDate, "February has no 30th"},
		{"month date", "f", `{"type":"name","value":"X","entity":"e","source":"s","date":"2024-02"}`, 1, "date", ErrDate, "the date must be to the day"},
		{"us date", "f", `{"type":"name","value":"X","entity":"e","source":"s","date":"12/12/2024"}`, 1, "date", ErrDate, "only YYYY-MM-DD"},
		{"bad email", "f", `{"type":"email","value":"no-at-sign.example","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "an e-mail needs an @"},
		{"email two ats", "f", `{"type":"email","value":"a@b@c.example","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "one @ only"},
		{"bad domain", "f", `{"type":"email_domain","value":"localhost","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "a domain has a dot"},
		{"short phone", "f", `{"type":"phone","value":"12-34","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "fewer than seven digits identify no one"},
		{"phone letters", "f", `{"type":"phone","value":"+1 555 CALL NOW","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "a phone number has digits"},
		{"wallet space", "f", `{"type":"wallet","value":"1A1z P1eP","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "an address has no spaces"},
		{"currency on name", "f", `{"type":"name","value":"X","currency":"BTC","entity":"e","source":"s","date":"2024-01-02"}`, 1, "currency", ErrMalformed, "currency is for wallets"},
		{"iban punctuation", "f", `{"type":"iban","value":"DE89/3704","entity":"e","source":"s","date":"2024-01-02"}`, 1, "value", ErrMalformed, "an IBAN is letters and digits"},
		{"invalid utf8", "f", good + "\n" + `{"type":"name","value":"X` + "\xff" + `","entity":"e","source":"s","date":"2024-01-02"}`, 2, "", ErrEncoding, "feeds are UTF-8"},
		{"too long", "f", good + "\n" + strings.Repeat(" ", indMaxLine+1), 2, "", ErrMalformed, "a line is bounded"},
		{"feed name official", "ofac_sdn", good, 0, "", ErrFeedName, "a feed must not pass for an official list"},
		{"feed name upper", "My Feed", good, 0, "", ErrFeedName, "feed names are simple identifiers"},
		{"feed name empty", "", good, 0, "", ErrFeedName, "a feed needs a name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseIndicators(tt.feed, File{Name: "x.jsonl", R: strings.NewReader(tt.input)})
			require.ErrorIs(t, err, tt.want, "%s", tt.reason)
			if tt.want == ErrFeedName {
				return
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "x.jsonl", pe.File, "%s", tt.reason)
			assert.Equal(t, tt.line, pe.Line, "%s", tt.reason)
			assert.Equal(t, tt.field, pe.Field, "%s", tt.reason)
		})
	}
}

func TestParseIndicatorsBOMAndBlankLines(t *testing.T) {
	in := "\xEF\xBB\xBF" + `{"type":"name","value":"X Y","entity":"e","source":"s","date":"2024-01-02"}` + "\r\n\r\n" +
		`{"type":"phone","value":"+44 20 7946 0000","entity":"e","source":"s","date":"2024-01-03"}` + "\n"
	l, err := ParseIndicators("f", File{Name: "x", R: strings.NewReader(in)})
	require.NoError(t, err, "a leading BOM, CRLF line ends and blank lines are accepted")
	assert.Len(t, l.Entities, 1)
	assert.Len(t, l.Entities[0].Identifiers, 1)
}

func TestBuiltinIndicators(t *testing.T) {
	l, err := BuiltinIndicators()
	require.NoError(t, err)
	if l.Feed != BuiltinIndicatorFeed || l.Source != Indicators || l.Sample {
		t.Errorf("built-in feed is %s/%q sample=%v", l.Source, l.Feed, l.Sample)
	}
	assert.Len(t, l.Files, 1, "the embedded file is identified by its sha256")
	assert.Len(t, l.Files[0].SHA256, 64, "the embedded file is identified by its sha256")
	assert.NotZero(t, l.Files[0].Size, "the embedded file is identified by its sha256")
	for _, e := range l.Entities {
		if !e.DPRK {
			t.Errorf("entity %s is not marked DPRK: every built-in indicator is a DPRK IT-worker indicator", e.ID)
		}
		// Every indicator names an official publication by URL and a date.
		if !strings.Contains(e.Remarks, "https://") || e.Listed.IsZero() {
			t.Errorf("entity %s lacks a source URL or date: %q", e.ID, e.Remarks)
		}
	}
	var names []string
	for _, e := range l.Entities {
		for _, n := range e.Names {
			names = append(names, n.Full)
		}
	}
	assert.Equal(t, []string{"Volasys Silverstar"}, names, "update this test and lists/indicators/README.md together")
}

func FuzzParseIndicators(f *testing.F) {
	f.Add(readIndicatorFixture(f))
	f.Add([]byte(`{"type":"wallet","value":"x","currency":"BTC","entity":"e","source":"s","date":"2024-01-02"}`))
	f.Add([]byte("{}\n[]\nnull\n\"x\"\n"))
	f.Add([]byte(`{"type":"email_domain","value":"@","entity":"e","source":"s","date":"2024-01-02"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseIndicators("fuzz", File{Name: "fuzz.jsonl", R: bytes.NewReader(data)})
		if (l == nil) == (err == nil) {
			t.Fatalf("want a list or an error, got %v and %v", l, err)
		}
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		if len(l.Entities) == 0 || l.Published.IsZero() {
			t.Fatalf("a parsed feed has entities and a date")
		}
		for _, e := range l.Entities {
			if e.ID == "" || e.Source != Indicators || e.Listed.IsZero() {
				t.Fatalf("entity %+v", e)
			}
			for i, n := range e.Names {
				if (i == 0) != (n.Kind == Primary) {
					t.Fatalf("names %+v: exactly the first is primary", e.Names)
				}
			}
		}
	})
}

func BenchmarkParseIndicators(b *testing.B) {
	var buf bytes.Buffer
	types := []string{"name", "email", "phone", "wallet", "website"}
	vals := []string{"Name %d Co", "user%d@example.org", "+1 555 01%05d", "0x%040d", "https://site%d.example/"}
	for i := range 10000 {
		k := i % len(types)
		fmt.Fprintf(&buf, `{"type":%q,"value":%q,"entity":"e%d","source":"https://example.org/a","date":"2024-01-02"}`+"\n",
			types[k], fmt.Sprintf(vals[k], i), i/5)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseIndicators("bench", File{Name: "bench.jsonl", R: bytes.NewReader(data)}); err != nil {
			b.Fatal(err)
		}
	}
}
