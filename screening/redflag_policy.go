package screening

import (
	"fmt"
	"slices"
	"strings"

	"github.com/payscreen/payscreen/lists"
)

// Payroll red flags (run by package screening/redflags): findings across the rows of one run, from the May
// 2022 State/Treasury/FBI advisory on DPRK IT workers and later notices.
// Each lifts its row to Review, never to Block. [FlagBankCountry]
// ("bank_country_mismatch") is the fourth per-row red flag.
const (
	// FlagSharedBankAccount: several payees are paid into one bank
	// account (the same IBAN, or the same account number at the same
	// routing number or BIC).
	FlagSharedBankAccount FlagCode = "shared_bank_account"
	// FlagSharedWallet: several payees are paid to one crypto address.
	FlagSharedWallet FlagCode = "shared_wallet"
	// FlagSharedEmail: several payees give one e-mail address (compared
	// without case, "+tag" suffixes, and dots for Gmail).
	FlagSharedEmail FlagCode = "shared_email"
	// FlagSharedPhone: several payees give one phone number (compared on
	// its last nine digits).
	FlagSharedPhone FlagCode = "shared_phone"
	// FlagSharedAddress: more payees than a household give one address.
	FlagSharedAddress FlagCode = "shared_address"
	// FlagPRCBankAccount: a payee who is not in the PRC is paid into a
	// PRC-based bank account.
	FlagPRCBankAccount FlagCode = "prc_bank_account"
	// FlagCryptoSalary: a payee asks to be paid in crypto.
	FlagCryptoSalary FlagCode = "crypto_salary"
	// FlagPayoutChanged: the payee's bank account, wallet, e-mail or phone
	// differs from the previous run's.
	FlagPayoutChanged FlagCode = "payout_changed"
)

// RedFlagCodes lists every payroll red flag, in a stable order.
var RedFlagCodes = []FlagCode{
	FlagSharedBankAccount, FlagSharedWallet, FlagSharedEmail, FlagSharedPhone, FlagSharedAddress,
	FlagBankCountry, FlagPRCBankAccount, FlagCryptoSalary, FlagPayoutChanged,
}

// RedFlagPolicy is what a compliance team decides about payroll red
// flags: which apply and their thresholds. The zero value applies none;
// [DefaultRedFlagPolicy] applies all. Zero thresholds take their defaults.
// It is meant to be embedded in [Policy] as its red_flags field.
type RedFlagPolicy struct {
	// Flags lists the red flags that apply (see [RedFlagCodes]).
	Flags []FlagCode `json:"flags" yaml:"flags"`
	// SharedAccountPayees is how many distinct payees must share a bank
	// account or a wallet before it is a flag. Default 2: salaries of two
	// people paid into one account is the facilitator pattern of the
	// published cases, and legitimate joint accounts between colleagues
	// are rare enough to review.
	SharedAccountPayees int `json:"shared_account_payees,omitempty" yaml:"shared_account_payees,omitempty"`
	// SharedContactPayees is how many distinct payees must share an
	// e-mail address or a phone number. Default 2: both are personal.
	SharedContactPayees int `json:"shared_contact_payees,omitempty" yaml:"shared_contact_payees,omitempty"`
	// SharedAddressPayees is how many distinct payees must share a postal
	// address. Default 3: two colleagues at one address are a household
	// (a couple, flatmates) and normal; three or more is what laptop farms
	// look like in the published cases.
	SharedAddressPayees int `json:"shared_address_payees,omitempty" yaml:"shared_address_payees,omitempty"`
	// PRCCountries are the countries whose bank accounts count as
	// PRC-based (ISO 3166-1 alpha-2). Default ["CN"]; add "HK" and "MO"
	// to include the special administrative regions.
	PRCCountries []string `json:"prc_countries,omitempty" yaml:"prc_countries,omitempty"`
	// MaxRowsNamed bounds the other rows a flag's detail names; the rest
	// are counted. Default 5.
	MaxRowsNamed int `json:"max_rows_named,omitempty" yaml:"max_rows_named,omitempty"`
}

// Red-flag defaults; see the fields of [RedFlagPolicy] for the reasons.
const (
	DefaultSharedAccountPayees = 2
	DefaultSharedContactPayees = 2
	DefaultSharedAddressPayees = 3
	DefaultMaxRowsNamed        = 5
)

// DefaultRedFlagPolicy applies every red flag with the default
// thresholds.
func DefaultRedFlagPolicy() RedFlagPolicy {
	return RedFlagPolicy{
		Flags:               slices.Clone(RedFlagCodes),
		SharedAccountPayees: DefaultSharedAccountPayees,
		SharedContactPayees: DefaultSharedContactPayees,
		SharedAddressPayees: DefaultSharedAddressPayees,
		PRCCountries:        []string{"CN"},
		MaxRowsNamed:        DefaultMaxRowsNamed,
	}
}

// Validate checks that the flags are known, thresholds are at least 2
// (or 0 for the default) and countries are ISO 3166-1 alpha-2 codes in
// upper case. Errors wrap [ErrPolicy].
func (p *RedFlagPolicy) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: red_flags: %s", ErrPolicy, fmt.Sprintf(format, args...))
	}
	for _, f := range p.Flags {
		if !slices.Contains(RedFlagCodes, f) {
			return bad("unknown flag %q", f)
		}
	}
	for name, v := range map[string]int{"shared_account_payees": p.SharedAccountPayees,
		"shared_contact_payees": p.SharedContactPayees, "shared_address_payees": p.SharedAddressPayees} {
		if v != 0 && v < 2 {
			return bad("%s must be at least 2 (a value shared by one payee is no red flag), got %d", name, v)
		}
	}
	if p.MaxRowsNamed < 0 {
		return bad("max_rows_named must not be negative")
	}
	for _, c := range p.PRCCountries {
		if _, ok := lists.CountryCode(c); !ok || len(c) != 2 || strings.ToUpper(c) != c {
			return bad("prc_countries: %q is not an ISO 3166-1 alpha-2 code in upper case", c)
		}
	}
	return nil
}

// Applies reports whether flag f is on.
func (p *RedFlagPolicy) Applies(f FlagCode) bool { return slices.Contains(p.Flags, f) }

// WithDefaults returns p with every zero threshold set to its default.
func (p *RedFlagPolicy) WithDefaults() RedFlagPolicy {
	q := *p
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&q.SharedAccountPayees, DefaultSharedAccountPayees)
	def(&q.SharedContactPayees, DefaultSharedContactPayees)
	def(&q.SharedAddressPayees, DefaultSharedAddressPayees)
	def(&q.MaxRowsNamed, DefaultMaxRowsNamed)
	if q.PRCCountries == nil {
		q.PRCCountries = []string{"CN"}
	}
	return q
}
