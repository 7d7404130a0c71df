package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// storedPayee is the JSON form of a payee's screened fields in the store.
type storedPayee struct {
	Name          string             `json:"name,omitempty"`
	Type          string             `json:"type,omitempty"`
	DOB           string             `json:"dob,omitempty"`
	Country       string             `json:"country,omitempty"`
	Address       string             `json:"address,omitempty"`
	Email         string             `json:"email,omitempty"`
	Phone         string             `json:"phone,omitempty"`
	IBAN          string             `json:"iban,omitempty"`
	BIC           string             `json:"bic,omitempty"`
	AccountNumber string             `json:"account_number,omitempty"`
	RoutingNumber string             `json:"routing_number,omitempty"`
	BankCountry   string             `json:"bank_country,omitempty"`
	Wallets       []screening.Wallet `json:"wallets,omitempty"`
	Documents     []storedDocument   `json:"documents,omitempty"`
}

type storedDocument struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"`
}

func encodePayee(p *screening.Payee) []byte {
	sp := storedPayee{
		Name: p.Name, DOB: p.DOB, Country: p.Country, Address: p.Address, Email: p.Email, Phone: p.Phone,
		IBAN: p.Bank.IBAN, BIC: p.Bank.BIC, AccountNumber: p.Bank.AccountNumber, RoutingNumber: p.Bank.RoutingNumber,
		BankCountry: p.Bank.Country, Wallets: p.Wallets,
	}
	if p.Type != screening.UnknownType {
		sp.Type = p.Type.String()
	}
	for _, d := range p.Documents {
		sp.Documents = append(sp.Documents, storedDocument(d))
	}
	// storedPayee holds only strings: it always encodes.
	b, _ := json.Marshal(sp)
	return b
}

func decodePayee(id string, b []byte) (screening.Payee, error) {
	var sp storedPayee
	if err := json.Unmarshal(b, &sp); err != nil {
		return screening.Payee{}, err
	}
	p := screening.Payee{
		ID: id, Name: sp.Name, DOB: sp.DOB, Country: sp.Country, Address: sp.Address, Email: sp.Email, Phone: sp.Phone,
		Bank:    screening.BankAccount{IBAN: sp.IBAN, BIC: sp.BIC, AccountNumber: sp.AccountNumber, RoutingNumber: sp.RoutingNumber, Country: sp.BankCountry},
		Wallets: sp.Wallets,
	}
	if sp.Type != "" {
		t, err := screening.ParsePayeeType(sp.Type)
		if err != nil {
			return screening.Payee{}, err
		}
		p.Type = t
	}
	for _, d := range sp.Documents {
		p.Documents = append(p.Documents, screening.Document(d))
	}
	return p, nil
}

// payeeFields are the screened fields a payee fingerprint covers, by the
// names a re-opened alert reports.
var payeeFields = []string{
	"name", "type", "dob", "country", "address", "email", "phone",
	"iban", "bic", "account_number", "routing_number", "bank_country", "wallets", "documents",
}

// PayeeFingerprint fingerprints the payee's screened fields: one short
// hash per field of payeeFields, joined by ".", so that a change can be
// named by field without keeping the old values.
func PayeeFingerprint(p *screening.Payee) string {
	var wallets, docs strings.Builder
	for _, w := range p.Wallets {
		wallets.WriteString(w.Address + "\x1f" + w.Currency + "\x1e")
	}
	for _, d := range p.Documents {
		docs.WriteString(d.Type + "\x1f" + d.Number + "\x1f" + d.Country + "\x1e")
	}
	vals := []string{
		p.Name, p.Type.String(), p.DOB, p.Country, p.Address, p.Email, p.Phone,
		p.Bank.IBAN, p.Bank.BIC, p.Bank.AccountNumber, p.Bank.RoutingNumber, p.Bank.Country, wallets.String(), docs.String(),
	}
	var b strings.Builder
	b.Grow(len(vals) * 13)
	for i, v := range vals {
		if i > 0 {
			b.WriteByte('.')
		}
		if v == "" {
			b.WriteByte('-')
			continue
		}
		h := sha256.Sum256([]byte(validUTF8(v)))
		b.WriteString(hex.EncodeToString(h[:6]))
	}
	return b.String()
}

// validUTF8 replaces each invalid byte of s with U+FFFD, as the JSON of
// the stored fields does: a payee hashes the same before and after the
// store.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

// changedFields names the fields whose hashes differ between two payee
// fingerprints.
func changedFields(old, cur string) []string {
	a, b := strings.Split(old, "."), strings.Split(cur, ".")
	if len(a) != len(payeeFields) || len(b) != len(payeeFields) {
		if old != cur {
			return []string{"payee"}
		}
		return nil
	}
	var out []string
	for i := range payeeFields {
		if a[i] != b[i] {
			out = append(out, payeeFields[i])
		}
	}
	return out
}

// EntryFingerprint fingerprints a listed entry's content. It is the one
// place the store takes an entry's fingerprint from, for list versions and
// (through Match.Fingerprint, which must agree) for alerts.
func EntryFingerprint(e *lists.Entity) string { return e.Fingerprint() }

// matchFingerprint is the fingerprint of the entry a match is on.
func matchFingerprint(m *screening.Match) string { return m.Fingerprint }

// SourceKey is how the store names a list: the source's stable name
// ("ofac_sdn"), or the feed's name for an indicator feed — the "source"
// of a match in results.
func SourceKey(l *lists.List) string { return l.ID().String() }

// identifierFields are the evidence fields of identifier hits: alerts with
// one can never be suppressed as false positives.
var identifierFields = map[screening.Field]bool{screening.FieldWallet: true, screening.FieldBIC: true, screening.FieldIBAN: true, screening.FieldAccountNumber: true, screening.FieldDocument: true}

// identifierHit returns the identifier fields among a match's evidence,
// joined by ",", or "" for a match on name (and contact details) only.
func identifierHit(m *screening.Match) string {
	var out []string
	for _, e := range m.Evidence {
		if identifierFields[e.Field] && !containsString(out, e.Field.String()) {
			out = append(out, e.Field.String())
		}
	}
	return strings.Join(out, ",")
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
