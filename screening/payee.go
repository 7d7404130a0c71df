package screening

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// PayeeType says whether a payee is a person or an organization.
type PayeeType uint8

// Payee types.
const (
	UnknownType  PayeeType = iota // not stated: matched against every listed type
	Person                        // a natural person
	Organization                  // a company or other organization
)

var payeeTypeNames = [...]string{"unknown", "person", "organization"}

// String returns "unknown", "person" or "organization".
func (t PayeeType) String() string {
	if int(t) < len(payeeTypeNames) {
		return payeeTypeNames[t]
	}
	return fmt.Sprintf("PayeeType(%d)", uint8(t))
}

// ParsePayeeType parses "person", "organization" (or "organisation",
// "company", "entity") and "unknown" or "" (case-insensitive).
func ParsePayeeType(s string) (PayeeType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "unknown":
		return UnknownType, nil
	case "person", "individual":
		return Person, nil
	case "organization", "organisation", "company", "entity", "business":
		return Organization, nil
	}
	return UnknownType, fmt.Errorf("screening: unknown payee type %q (want person, organization or unknown)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t PayeeType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *PayeeType) UnmarshalText(b []byte) error {
	v, err := ParsePayeeType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// BankAccount is where a payee is paid. Every field is optional.
type BankAccount struct {
	IBAN          string
	BIC           string
	AccountNumber string
	RoutingNumber string // US ABA routing transit number
	Country       string // ISO 3166-1 alpha-2 country of the bank
}

// Wallet is a crypto-currency address a payee asks to be paid to.
type Wallet struct {
	Address string
	// Currency is the tag the payee gave (BTC/XBT, ETH, USDT, ...); it is
	// optional and never trusted to decide the address format.
	Currency string
}

// Document is an identity document of a payee.
type Document struct {
	Type    string // "passport", "national_id", "tax_id", ...
	Number  string
	Country string // ISO 3166-1 alpha-2 issuing country
}

// Payee is who is to be paid. Fields are strings as payroll systems hold
// them; Screen validates them and reports what is invalid as flags on the
// result rather than failing.
type Payee struct {
	// ID is the caller's own identifier of the payee, used in results and
	// in the allow-list.
	ID   string
	Name string
	Type PayeeType
	// DOB is the date of birth as YYYY-MM-DD, YYYY-MM or YYYY.
	DOB string
	// Country is the payee's nationality or country of residence, ISO
	// 3166-1 alpha-2.
	Country   string
	Address   string
	Email     string
	Phone     string
	Bank      BankAccount
	Wallets   []Wallet
	Documents []Document
}

// Payment is one payment to a payee.
type Payment struct {
	Payee     Payee
	Amount    decimal.Decimal
	Currency  string // ISO 4217
	Reference string
}
