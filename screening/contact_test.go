package screening

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
)

// TestContactMatching checks that listed e-mail addresses, domains and
// phones are matched in the form ident.EmailKey and ident.PhoneKey give
// them — the same form the payroll red flags compare payees in.
func TestContactMatching(t *testing.T) {
	const feed = `{"type":"email","value":"Dev.Ops@gmail.com","entity":"a","name":"Front A","source":"https://example.org/a","date":"2025-06-01"}
{"type":"email_domain","value":"front-b.example","entity":"b","name":"Front B","source":"https://example.org/b","date":"2025-06-01"}
{"type":"phone","value":"+44 20 7946 0101","entity":"c","name":"Front C","source":"https://example.org/c","date":"2025-06-01"}
`
	l, err := lists.ParseIndicators("acme", lists.File{Name: "acme.jsonl", R: strings.NewReader(feed)})
	require.NoError(t, err)
	s, err := New(&lists.Set{Lists: []*lists.List{l}}, DefaultPolicy(), Options{})
	require.NoError(t, err)
	tests := []struct {
		payee  Payee
		entity string // "" for no match
		reason string
	}{
		{Payee{ID: "1", Name: "Anna Berg", Email: "devops+salary@googlemail.com"}, "a", "Gmail ignores dots and tags; googlemail is Gmail"},
		{Payee{ID: "2", Name: "Anna Berg", Email: "dev.ops@outlook.com"}, "", "another domain is another mailbox"},
		{Payee{ID: "3", Name: "Anna Berg", Email: "Anyone@Front-B.example"}, "b", "a listed domain catches every address at it"},
		{Payee{ID: "4", Name: "Anna Berg", Phone: "0044 (20) 7946-0101"}, "c", "00 and + prefixes agree"},
		{Payee{ID: "5", Name: "Anna Berg", Phone: "020 7946 0101"}, "", "a national number is not the listed international one"},
	}
	for _, tt := range tests {
		r, err := s.Screen(context.Background(), tt.payee)
		require.NoError(t, err, tt.reason)
		if tt.entity == "" {
			assert.Empty(t, r.Matches, "payee %s: %s", tt.payee.ID, tt.reason)
			continue
		}
		if assert.Len(t, r.Matches, 1, "payee %s: %s", tt.payee.ID, tt.reason) {
			assert.Equal(t, tt.entity, r.Matches[0].EntityID, "payee %s: %s", tt.payee.ID, tt.reason)
		}
	}
}
