package screening

import (
	"fmt"
	"strings"
)

// Decision is what a payroll system should do with a payee or payment.
// Decisions are ordered: Clear < Review < Block.
type Decision uint8

// Decisions.
const (
	Clear  Decision = iota // no reason found to stop the payment
	Review                 // hold for a person to review
	Block                  // do not pay: a listed identifier or a corroborated listed name
)

var decisionNames = [...]string{"clear", "review", "block"}

// String returns "clear", "review" or "block".
func (d Decision) String() string {
	if int(d) < len(decisionNames) {
		return decisionNames[d]
	}
	return fmt.Sprintf("Decision(%d)", uint8(d))
}

// ParseDecision parses the String form of a Decision (case-insensitive).
func ParseDecision(s string) (Decision, error) {
	for i, n := range decisionNames {
		if strings.EqualFold(n, strings.TrimSpace(s)) {
			return Decision(i), nil
		}
	}
	return Clear, fmt.Errorf("screening: unknown decision %q (want clear, review or block)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (d Decision) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Decision) UnmarshalText(b []byte) error {
	v, err := ParseDecision(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func maxDecision(a, b Decision) Decision {
	if b > a {
		return b
	}
	return a
}

// Effect is what one piece of evidence did to a decision.
type Effect uint8

// Effects.
const (
	Neutral      Effect = iota // recorded, no effect
	Matches                    // a name reached the review threshold: raises to Review
	Corroborates               // a detail agrees with the listed entry: supports Block on a near-exact name
	Contradicts                // a detail disagrees weakly: prevents Block
	Excludes                   // a detail cannot be the listed entry: the match is dismissed
	Blocks                     // an exact identifier hit: Block
	Caps                       // limits the match to Review (single token, weak alias, weak identifier)
	Suppressed                 // allow-listed as a reviewed false positive
)

var effectNames = [...]string{"neutral", "matches", "corroborates", "contradicts", "excludes", "blocks", "caps", "suppressed"}

// String returns the lower-case name of e.
func (e Effect) String() string {
	if int(e) < len(effectNames) {
		return effectNames[e]
	}
	return fmt.Sprintf("Effect(%d)", uint8(e))
}

// MarshalText implements encoding.TextMarshaler.
func (e Effect) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// FlagCode identifies a finding about the payee's own data rather than a
// match against a list.
type FlagCode string

// Flag codes. They are stable identifiers used in output files.
const (
	FlagInvalidIBAN       FlagCode = "invalid_iban"
	FlagInvalidBIC        FlagCode = "invalid_bic"
	FlagInvalidRouting    FlagCode = "invalid_routing_number"
	FlagInvalidWallet     FlagCode = "invalid_wallet"
	FlagWalletTag         FlagCode = "wallet_currency_mismatch"
	FlagInvalidDOB        FlagCode = "invalid_dob"
	FlagInvalidCountry    FlagCode = "invalid_country"
	FlagSanctionedBank    FlagCode = "sanctioned_bank_country"
	FlagSanctionedCountry FlagCode = "sanctioned_country"
	FlagBankCountry       FlagCode = "bank_country_mismatch"
	FlagAllowListed       FlagCode = "allow_listed"
	FlagSampleLists       FlagCode = "sample_lists"
	FlagNoName            FlagCode = "no_name"
)
