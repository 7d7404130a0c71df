package screening

import (
	"context"
	"testing"
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
		if err != nil {
			t.Fatal(err)
		}
		if r.Decision != tt.want || tt.want != Clear && !hasMatch(r, "34737", tt.want) {
			t.Errorf("BIC %s: decision %s; want %s on OFAC 34737 (%s)\n%s", tt.bic, r.Decision, tt.want, tt.reason, r.Explain())
		}
	}
}
