package store

import (
	"testing"

	"github.com/payscreen/payscreen/screening"
	"github.com/stretchr/testify/require"
)

// The stored fields give back the payee as screened, whatever its
// strings hold, and a change of any one field is named.
func FuzzStoredPayee(f *testing.F) {
	f.Add("Kim Sang Man", "1965-04-25", "KP", "DE89370400440532013000", "0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c", "X1\x1f2")
	f.Add("", "", "", "", "", "")
	f.Add("Ünïcödé \"quoted\" \\ name", "19", "\x00", "\xff\xfe", "a.b", ".")
	f.Fuzz(func(t *testing.T, name, dob, country, iban, wallet, doc string) {
		p := screening.Payee{ID: "id", Name: name, Type: screening.Person, DOB: dob, Country: country,
			Bank:      screening.BankAccount{IBAN: iban},
			Wallets:   []screening.Wallet{{Address: wallet}},
			Documents: []screening.Document{{Number: doc}}}
		got, err := decodePayee("id", encodePayee(&p))
		require.NoError(t, err)
		// JSON carries valid UTF-8 (invalid bytes come back as U+FFFD):
		// the fingerprint of the payee as screened is that of the payee
		// as stored, or a re-screening would re-open its alerts.
		require.Equal(t, PayeeFingerprint(&p), PayeeFingerprint(&got), "fingerprint changed through the store: %+v vs %+v", p, got)
		q := got
		q.Name += "x"
		require.Equal(t, []string{"name"}, changedFields(PayeeFingerprint(&got), PayeeFingerprint(&q)), "changed fields")
	})
}
