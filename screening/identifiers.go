package screening

import (
	"github.com/payscreen/payscreen/ident"
	"github.com/payscreen/payscreen/lists"
)

// entityRef points at one listed entity of the Screener's lists.
type entityRef struct {
	list   int32 // index in Screener.set.Lists
	entity int32 // index in that list's Entities
}

// idHit is a listed identifier that equals a payee's.
type idHit struct {
	ref    entityRef
	listed string // the listed value, as published
	label  string // the listed identifier's label or currency tag
	idType lists.IDType
	crypto bool
	// country is the listed issuing country, for documents.
	country string
}

// idIndex maps normalized identifiers to the entities that list them. It
// is built once and only read afterwards.
type idIndex struct {
	crypto    map[string][]idHit // ident.CryptoKey
	bic       map[string][]idHit // BIC8 for head-office listings, BIC11 for branch listings
	bicInst   map[string][]idHit // BIC8 of the institution, for branch listings
	documents map[string][]idHit // compact upper-case number of passports, national and tax IDs
	accounts  map[string][]idHit // compact upper-case IBANs and account numbers
	emails    map[string][]idHit // lower-case
	phones    map[string][]idHit // digits only
}

func newIDIndex(set *lists.Set) *idIndex {
	ix := &idIndex{
		crypto:    map[string][]idHit{},
		bic:       map[string][]idHit{},
		bicInst:   map[string][]idHit{},
		documents: map[string][]idHit{},
		accounts:  map[string][]idHit{},
		emails:    map[string][]idHit{},
		phones:    map[string][]idHit{},
	}
	for li, l := range set.Lists {
		for ei := range l.Entities {
			e := &l.Entities[ei]
			ref := entityRef{int32(li), int32(ei)}
			for _, c := range e.Crypto {
				k := ident.CryptoKey(c.Address)
				if k == "" {
					continue
				}
				ix.crypto[k] = append(ix.crypto[k], idHit{ref: ref, listed: c.Address, label: c.Currency, crypto: true})
			}
			for _, id := range e.Identifiers {
				h := idHit{ref: ref, listed: id.Value, label: id.Label, idType: id.Type, country: id.Country}
				switch id.Type {
				case lists.IDSWIFTBIC:
					if k, ok := bicKey(id.Value); ok {
						ix.bic[k] = append(ix.bic[k], h)
						if b, err := ident.ParseBIC(id.Value); err == nil && b.Branch() != "XXX" {
							ix.bicInst[b.BIC8()] = append(ix.bicInst[b.BIC8()], h)
						}
					}
				case lists.IDPassport, lists.IDNationalID, lists.IDTaxID:
					if k := compactID(id.Value); len(k) >= 5 {
						ix.documents[k] = append(ix.documents[k], h)
					}
				case lists.IDIBAN, lists.IDAccount:
					if k := compactID(id.Value); len(k) >= 6 {
						ix.accounts[k] = append(ix.accounts[k], h)
					}
				case lists.IDEmail:
					if k := ident.EmailKey(id.Value); k != "" {
						ix.emails[k] = append(ix.emails[k], h)
					}
				case lists.IDPhone:
					if k := ident.PhoneKey(id.Value); k != "" {
						ix.phones[k] = append(ix.phones[k], h)
					}
				}
			}
		}
	}
	return ix
}

// bicKey returns the key a listed BIC is indexed under: its first eight
// characters when it names the head office (8 characters or branch XXX),
// all eleven otherwise. Listed BICs that are not valid are indexed by
// their compact upper-case form so that they still match exactly.
func bicKey(v string) (string, bool) {
	b, err := ident.ParseBIC(v)
	if err != nil {
		k := compactID(v)
		return k, len(k) >= 8
	}
	if b.Branch() == "XXX" {
		return b.BIC8(), true
	}
	return b.BIC11(), true
}

// lookupBIC returns the listings a payee's BIC hits: the listing of its
// exact office and the listing of its institution's head office (a branch
// of a listed bank is part of the listed bank).
func (ix *idIndex) lookupBIC(b ident.BIC) []idHit {
	hits := ix.bic[b.BIC8()]
	if b.Branch() != "XXX" {
		hits = append(hits[:len(hits):len(hits)], ix.bic[b.BIC11()]...)
	}
	return hits
}

// lookupBICInstitution returns the listings of another office of the
// payee's institution: a listed branch BIC (KKBCKPPY123) catches the
// institution's 8-character BIC (KKBCKPPY), its head office (XXX) and its
// other branches. The exact office is lookupBIC's.
func (ix *idIndex) lookupBICInstitution(b ident.BIC) []idHit {
	var out []idHit
	for _, h := range ix.bicInst[b.BIC8()] {
		if lb, err := ident.ParseBIC(h.listed); err == nil && lb.BIC11() != b.BIC11() {
			out = append(out, h)
		}
	}
	return out
}

func compactID(v string) string { return ident.Compact(v) }
