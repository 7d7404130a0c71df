package screening

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRealBICInstitution screens payees paid through offices of an
// institution the OFAC list names by a branch SWIFT/BIC (Sovcombank,
// SOMRRUM1KST): the listed branch blocks; the institution's 8-character
// BIC, its head office and another branch are reviewed on that entry; an
// unrelated bank is not.
func TestRealBICInstitution(t *testing.T) {
	_, s := realLists(t)
	tests := []struct {
		bic    string
		want   Decision
		reason string
	}{
		{"SOMRRUM1KST", Block, "the listed branch"},
		{"SOMRRUM1", Review, "the institution's 8-character BIC"},
		{"SOMRRUM1XXX", Review, "the institution's head office"},
		{"SOMRRUM1ABC", Review, "another branch of the institution"},
		{"COBADEFFXXX", Clear, "an unrelated bank"},
	}
	for _, tt := range tests {
		r, err := s.Screen(context.Background(), Payee{Name: "Northwind Consulting Ltd", Type: Organization, Bank: BankAccount{BIC: tt.bic}})
		require.NoError(t, err)
		assert.Equal(t, tt.want, r.Decision, "BIC %s (%s)\n%s", tt.bic, tt.reason, r.Explain())
		if tt.want != Clear {
			assert.True(t, hasMatch(r, "34737", tt.want), "BIC %s: want a %s match on OFAC 34737 (%s)\n%s", tt.bic, tt.want, tt.reason, r.Explain())
		}
	}
}

// TestRealCraftNames screens companies whose one distinctive word
// resembles the name of a listed vessel (OFAC: STAR 54825, PREMIER 51574,
// ELIZABET 54408, STARK I 15082): no match on the vessel; a company
// carrying the vessel's exact name is still reviewed, and a person never
// matches a vessel.
func TestRealCraftNames(t *testing.T) {
	_, s := realLists(t)
	tests := []struct {
		p      Payee
		vessel string
		match  bool
		reason string
	}{
		{Payee{Name: "Stark LLC", Type: Organization}, "54825", false, "Stark is not the vessel STAR"},
		{Payee{Name: "Stark LLC", Type: Organization}, "15082", false, "nor STARK I"},
		{Payee{Name: "Priemer UG", Type: Organization}, "51574", false, "Priemer is not the vessel PREMIER"},
		{Payee{Name: "Elizabeth Ltd", Type: Organization}, "54408", false, "Elizabeth is not the vessel ELIZABET"},
		{Payee{Name: "Premier"}, "51574", true, "the vessel's own name, payee type unknown"},
		{Payee{Name: "Premier", Type: Person}, "51574", false, "a person is never a vessel"},
	}
	for _, tt := range tests {
		r, err := s.Screen(context.Background(), tt.p)
		require.NoError(t, err)
		got := false
		for _, m := range r.Matches {
			got = got || m.EntityID == tt.vessel
		}
		assert.Equal(t, tt.match, got, "%q (%s): match on vessel %s (%s)\n%s", tt.p.Name, tt.p.Type, tt.vessel, tt.reason, r.Explain())
	}
}
