package redflags

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/payscreen/payscreen/screening"
)

// The red flags read a bank's countries as the Screener does
// ((*screening.BankAccount).AppendCountries), naming the first detail
// each country was read from.
func TestRedFlagBankCountriesShared(t *testing.T) {
	tests := []struct {
		name, reason string
		p            screening.Payee
		want         string
	}{
		{"UK bank country is GB", "a bank country is read as lists.CountryCode reads it, as the Screener does",
			screening.Payee{ID: "a", Country: "FR", Bank: screening.BankAccount{Country: "UK"}},
			"bank account in another country than the payee's FR: bank country GB"},
		{"UK payee country is GB", "the payee's country is read by the same lookup, so a UK payee banking in France is flagged",
			screening.Payee{ID: "a", Country: "UK", Bank: screening.BankAccount{Country: "FR"}},
			"bank account in another country than the payee's GB: bank country FR"},
		{"one country named once", "IBAN and BIC in one country give one country, named by the IBAN",
			screening.Payee{ID: "a", Country: "US", Bank: screening.BankAccount{IBAN: "GB82WEST12345698765432", BIC: "NWBKGB2L"}},
			"bank account in another country than the payee's US: IBAN GB"},
		{"order of details", "countries come in the order bank country, IBAN, BIC, routing number",
			screening.Payee{ID: "a", Country: "FR", Bank: screening.BankAccount{RoutingNumber: "021000021", BIC: "COBADEFFXXX", IBAN: "GB82WEST12345698765432", Country: "IT"}},
			"bank account in another country than the payee's FR: bank country IT, IBAN GB, BIC DE, routing number US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			for _, f := range buildFlags(t, screening.DefaultRedFlagPolicy(), nil, []screening.Row{{Line: 1, Payee: tt.p}})[0] {
				if f.Code == screening.FlagBankCountry {
					got = f.Detail
				}
			}
			assert.Equal(t, tt.want, got, tt.reason)
		})
	}
}
