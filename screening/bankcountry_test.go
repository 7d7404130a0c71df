package screening_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/payscreen/payscreen/screening"
)

func TestBankAccountCountries(t *testing.T) {
	type bc = screening.BankCountry
	tests := []struct {
		name string
		bank screening.BankAccount
		want []bc
	}{
		{"nothing given", screening.BankAccount{}, nil},
		{"IBAN and BIC in one country are one country from both",
			screening.BankAccount{IBAN: "GB29 NWBK 6016 1331 9268 19", BIC: "NWBKGB2L"},
			[]bc{{"GB", screening.FromIBAN | screening.FromBIC}}},
		{"order is bank country, IBAN, BIC, routing number",
			screening.BankAccount{Country: "fr", IBAN: "GB29NWBK60161331926819", BIC: "BKCHCNBJ", RoutingNumber: "021000021"},
			[]bc{{"FR", screening.FromBankCountry}, {"GB", screening.FromIBAN}, {"CN", screening.FromBIC}, {"US", screening.FromRouting}}},
		{"bank country read as lists.CountryCode reads it: UK is GB",
			screening.BankAccount{Country: " uk ", IBAN: "GB29NWBK60161331926819"},
			[]bc{{"GB", screening.FromBankCountry | screening.FromIBAN}}},
		{"a country name is read too", screening.BankAccount{Country: "Germany"}, []bc{{"DE", screening.FromBankCountry}}},
		{"invalid values are skipped (bad IBAN check digits, bad BIC, bad routing checksum, no such country)",
			screening.BankAccount{Country: "ZZ", IBAN: "GB28NWBK60161331926819", BIC: "A2CDBEB1", RoutingNumber: "021000022"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.bank.AppendCountries(nil))
		})
	}
}

func TestBankDetailNames(t *testing.T) {
	all := screening.FromRouting | screening.FromBIC | screening.FromIBAN | screening.FromBankCountry
	assert.Equal(t, []string{"bank country", "IBAN", "BIC", "routing number"}, all.Names(), "names come in the order of the constants")
	assert.Equal(t, "BIC", (screening.FromRouting | screening.FromBIC).First(), "first is the earliest constant, not the order of |")
	assert.Equal(t, "", screening.BankDetail(0).First(), "an empty set has no first")
}

func ExampleBankAccount_AppendCountries() {
	b := screening.BankAccount{IBAN: "GB29NWBK60161331926819", BIC: "BKCHCNBJ", Country: "GB"}
	var buf [4]screening.BankCountry
	for _, c := range b.AppendCountries(buf[:0]) {
		fmt.Println(c.Country, c.From.Names())
	}
	// Output:
	// GB [bank country IBAN]
	// CN [BIC]
}
