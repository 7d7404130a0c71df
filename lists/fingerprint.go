package lists

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
)

// FingerprintVersion prefixes every [Entity.Fingerprint]. It changes, and
// with it every fingerprint, only when the set of fields fingerprinted or
// their encoding changes.
const FingerprintVersion = "fp1"

// Fingerprint identifies the content of e that matters for a match, so
// that an allow-list entry recorded against it stops applying when the
// publisher changes any of it. It is FingerprintVersion, ":" and the
// lower-case hex sha256 of, in this order and as published:
//
//   - the source, the source's own ID and the entity's type (an indicator
//     feed's name is not in the entity: allow-lists key by [ListID]
//     beside the fingerprint);
//   - every name and alias (full text, kind, strength), in order;
//   - dates of birth; the countries of birth places, nationalities,
//     citizenships and addresses;
//   - identifiers (type, value, issuing country) and crypto addresses
//     (currency, address);
//   - programs and the DPRK mark.
//
// Each field is written as a one-byte tag and its values, each preceded
// by its length, so that no two different contents share an encoding.
// Remarks, titles, gender, street addresses, place texts, listing dates
// and vessel details are not part of it: a publisher correcting them does
// not void reviewed false positives. Fields added to [Entity] later are
// not part of it unless the version changes.
func (e *Entity) Fingerprint() string {
	w := fpWriter{h: sha256.New()}
	w.field('s', e.Source.String(), e.ID, e.Type.String())
	for _, n := range e.Names {
		w.field('n', n.Full, n.Kind.String(), n.Strength.String())
	}
	for _, d := range e.BirthDates {
		w.field('b', d.String())
	}
	for _, p := range e.BirthPlaces {
		w.field('p', p.Country)
	}
	w.field('N', e.Nationalities...)
	w.field('C', e.Citizenships...)
	for _, a := range e.Addresses {
		w.field('a', a.Country)
	}
	for _, id := range e.Identifiers {
		w.field('i', id.Type.String(), id.Value, id.Country)
	}
	for _, c := range e.Crypto {
		w.field('c', c.Currency, c.Address)
	}
	w.field('P', e.Programs...)
	w.field('d', strconv.FormatBool(e.DPRK))
	return FingerprintVersion + ":" + hex.EncodeToString(w.h.Sum(nil))
}

type fpWriter struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

func (w *fpWriter) field(tag byte, values ...string) {
	w.h.Write([]byte{tag})
	w.h.Write(w.buf[:binary.PutUvarint(w.buf[:], uint64(len(values)))])
	for _, v := range values {
		w.h.Write(w.buf[:binary.PutUvarint(w.buf[:], uint64(len(v)))])
		w.h.Write([]byte(v))
	}
}
