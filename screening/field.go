package screening

import "fmt"

// Field is the payee field a piece of [Evidence] is about. Its String
// form ("name", "dob", "wallet", ...) is stable and is what JSON shows.
type Field uint8

// Fields. The name-side fields (FieldName, FieldType, FieldDOB,
// FieldCountry) are compared only with a matched name; the identifier
// fields stand on their own; FieldNetwork and FieldAllowList annotate a
// match without being evidence for or against it.
const (
	FieldUnknown       Field = iota
	FieldName                // the payee's name against a listed name or alias
	FieldType                // person or organization against the entry's type
	FieldDOB                 // date of birth against the listed ones
	FieldCountry             // country against nationalities, citizenships, addresses
	FieldWallet              // a digital currency address
	FieldBIC                 // the bank's SWIFT/BIC
	FieldIBAN                // the account's IBAN
	FieldAccountNumber       // a bare account number
	FieldDocument            // an identity, tax or registration document
	FieldEmail               // an e-mail address or its domain
	FieldPhone               // a phone number
	FieldNetwork             // the entry belongs to a DPRK IT-worker network (annotation)
	FieldAllowList           // an allow-list entry that no longer applies (annotation)
)

var fieldNames = [...]string{
	FieldUnknown:       "unknown",
	FieldName:          "name",
	FieldType:          "type",
	FieldDOB:           "dob",
	FieldCountry:       "country",
	FieldWallet:        "wallet",
	FieldBIC:           "bic",
	FieldIBAN:          "iban",
	FieldAccountNumber: "account_number",
	FieldDocument:      "document",
	FieldEmail:         "email",
	FieldPhone:         "phone",
	FieldNetwork:       "network",
	FieldAllowList:     "allow_list",
}

// String returns the stable name of f, such as "account_number".
func (f Field) String() string {
	if int(f) < len(fieldNames) {
		return fieldNames[f]
	}
	return fmt.Sprintf("Field(%d)", uint8(f))
}

// ParseField returns the Field whose String form is s.
func ParseField(s string) (Field, error) {
	for i, n := range fieldNames {
		if i > 0 && n == s {
			return Field(i), nil
		}
	}
	return FieldUnknown, fmt.Errorf("screening: unknown evidence field %q", s)
}

// Identifier reports whether f is identifier evidence: a listed wallet,
// BIC, IBAN, account, document, e-mail or phone, which counts without a
// matched name.
func (f Field) Identifier() bool {
	return f >= FieldWallet && f <= FieldPhone
}

// MarshalText implements encoding.TextMarshaler.
func (f Field) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with [ParseField].
func (f *Field) UnmarshalText(b []byte) error {
	v, err := ParseField(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}
