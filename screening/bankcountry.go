package screening

import (
	"strings"

	"github.com/payscreen/payscreen/ident"
	"github.com/payscreen/payscreen/lists"
)

// BankDetail is a set of the bank account details a country can be read
// from.
type BankDetail uint8

// Bank account details that give a country, in the order Countries reads
// them.
const (
	FromBankCountry BankDetail = 1 << iota // the bank country as given
	FromIBAN                               // the IBAN's country code
	FromBIC                                // the BIC's country code
	FromRouting                            // a US ABA routing number
)

var bankDetailNames = [...]string{"bank country", "IBAN", "BIC", "routing number"}

// Names returns the names of the details in d, in the order of the
// constants: "bank country", "IBAN", "BIC", "routing number".
func (d BankDetail) Names() []string {
	var out []string
	for i, n := range bankDetailNames {
		if d&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// First returns the name of the first detail in d, or "" if d is empty.
func (d BankDetail) First() string {
	for i, n := range bankDetailNames {
		if d&(1<<i) != 0 {
			return n
		}
	}
	return ""
}

// BankCountry is one country of a bank account and the details it was
// read from.
type BankCountry struct {
	Country string     // ISO 3166-1 alpha-2
	From    BankDetail // every detail giving Country
}

// AppendCountries appends to dst the distinct countries of the account,
// in the order first read from the bank country, the IBAN, the BIC and a
// US routing number, and returns the extended slice. Only valid values
// count: an IBAN, BIC or routing number that does not parse, or a bank
// country that is not an ISO 3166-1 code, is skipped (the Screener flags
// it). With room in dst it does not allocate for well-formed input.
func (b *BankAccount) AppendCountries(dst []BankCountry) []BankCountry {
	add := func(from BankDetail, c string) {
		for i := range dst {
			if dst[i].Country == c {
				dst[i].From |= from
				return
			}
		}
		dst = append(dst, BankCountry{Country: c, From: from})
	}
	if c, ok := lists.CountryCode(b.Country); ok {
		add(FromBankCountry, c)
	}
	if v := strings.TrimSpace(b.IBAN); v != "" {
		if i, err := ident.ParseIBAN(v); err == nil {
			add(FromIBAN, i.Country())
		}
	}
	if v := strings.TrimSpace(b.BIC); v != "" {
		if x, err := ident.ParseBIC(v); err == nil {
			add(FromBIC, x.Country())
		}
	}
	if v := strings.TrimSpace(b.RoutingNumber); v != "" {
		if _, err := ident.ParseABA(v); err == nil {
			add(FromRouting, "US")
		}
	}
	return dst
}
