package screening

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/payscreen/payscreen/ident"
	"github.com/payscreen/payscreen/lists"
)

// Options configure a Screener beyond its policy.
type Options struct {
	// Now is the time list ages are measured against; zero means
	// time.Now() when the Screener is built.
	Now time.Time
	// Engine, if set, matches names in place of the built-in fuzzy index;
	// see [Engine].
	Engine Engine
}

// Screener screens payees against a set of lists under a policy. It is
// immutable once built and safe for concurrent use by any number of
// goroutines.
type Screener struct {
	set      *lists.Set
	policy   Policy
	versions []lists.Version
	names    *nameIndex
	ids      *idIndex
	allow    map[allowKey]AllowEntry
	sample   bool
	engine   Engine
	// network marks the entries of DPRK IT-worker networks.
	network ITWorkerNetworks
	// fingerprints holds each entity's Fingerprint, by entityRef.
	fingerprints [][]string
	// byID finds an entity by source and ID, for engine matches.
	byID map[sourceID]entityRef
}

type sourceID struct {
	source lists.Source
	id     string
}

type allowKey struct {
	payee  string
	list   lists.ListID
	entity string
}

// New builds a Screener over set with policy p. It fails closed: an empty
// set, an invalid policy or a list older than the policy's MaxListAge is an
// error.
func New(set *lists.Set, p Policy, opts Options) (*Screener, error) {
	if set == nil || len(set.Lists) == 0 || set.Len() == 0 {
		return nil, fmt.Errorf("screening: no lists loaded: refusing to screen against nothing")
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := p.checkFeeds(set); err != nil {
		return nil, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if err := set.CheckFresh(now, p.MaxAge()); err != nil {
		return nil, fmt.Errorf("screening: %w", err)
	}
	s := &Screener{
		set:      set,
		policy:   p,
		versions: set.Versions(),
		ids:      newIDIndex(set),
		allow:    map[allowKey]AllowEntry{},
	}
	for _, l := range set.Lists {
		s.sample = s.sample || l.Sample
	}
	for _, a := range p.AllowList {
		s.allow[allowKey{a.PayeeID, a.Source, a.EntityID}] = a
	}
	s.fingerprints = make([][]string, len(set.Lists))
	for li, l := range set.Lists {
		s.fingerprints[li] = make([]string, len(l.Entities))
		for ei := range l.Entities {
			s.fingerprints[li][ei] = l.Entities[ei].Fingerprint()
		}
	}
	s.network = ITWorkerNetwork(set)
	if opts.Engine != nil {
		s.engine = opts.Engine
		s.byID = map[sourceID]entityRef{}
		for li, l := range set.Lists {
			for ei := range l.Entities {
				s.byID[sourceID{l.Source, l.Entities[ei].ID}] = entityRef{int32(li), int32(ei)}
			}
		}
	} else {
		s.names = newNameIndex(set, nil)
	}
	return s, nil
}

// Policy returns the Screener's policy.
func (s *Screener) Policy() Policy { return s.policy }

// Versions returns the versions of the lists the Screener uses.
func (s *Screener) Versions() []lists.Version { return s.versions }

func (s *Screener) fingerprint(r entityRef) string { return s.fingerprints[r.list][r.entity] }

func (s *Screener) entity(r entityRef) (*lists.List, *lists.Entity) {
	l := s.set.Lists[r.list]
	return l, &l.Entities[r.entity]
}

// ScreenPayment screens the payment's payee. The amount does not change
// the decision: sanctions apply to any amount.
func (s *Screener) ScreenPayment(ctx context.Context, p Payment) (Result, error) {
	return s.Screen(ctx, p.Payee)
}

// Screen screens one payee. Problems with the payee's data are reported as
// flags on the result, not as errors. The error is non-nil when ctx is
// done or when the Screener's [Engine] fails: a payee that could not be
// screened is never reported as clear.
func (s *Screener) Screen(ctx context.Context, p Payee) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	res := Result{PayeeID: p.ID, Lists: s.versions, Matches: []Match{}, Flags: []Flag{}}
	c := newCandidates()
	q := s.prepare(&p, &res)

	if strings.TrimSpace(p.Name) == "" {
		res.Flags = append(res.Flags, Flag{Code: FlagNoName, Detail: "no name given: screened by identifiers only", Decision: s.policy.InvalidIdentifier})
	} else if s.engine != nil {
		hits, err := s.engineHits(ctx, p)
		if err != nil {
			return Result{}, err
		}
		for _, h := range hits {
			c.addName(h)
		}
	} else {
		for _, h := range s.names.search(p.Name, s.minReview()) {
			c.addName(h)
		}
	}
	s.matchIdentifiers(&p, q, c)
	for _, ref := range c.order {
		if m, ok := s.decide(&p, q, c.byRef[ref]); ok {
			res.Matches = append(res.Matches, m)
		}
	}
	s.applyAllowList(&p, &res)
	sort.SliceStable(res.Matches, func(i, j int) bool {
		a, b := &res.Matches[i], &res.Matches[j]
		if a.Decision != b.Decision {
			return a.Decision > b.Decision
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Source.Source != b.Source.Source {
			return a.Source.Source < b.Source.Source
		}
		if a.EntityID != b.EntityID {
			return a.EntityID < b.EntityID
		}
		return a.Source.Feed < b.Source.Feed
	})
	for _, m := range res.Matches {
		res.Decision = maxDecision(res.Decision, m.Decision)
		res.Score = max(res.Score, m.Score)
	}
	for _, f := range res.Flags {
		res.Decision = maxDecision(res.Decision, f.Decision)
	}
	s.network.Annotate(&res)
	return res, nil
}

// minReview is the lowest review threshold of the policy, over every
// source and program: names are retrieved down to it and each match is
// then held to its own threshold.
func (s *Screener) minReview() float64 {
	t := s.policy.Review
	for _, o := range s.policy.Sources {
		if o.Review > 0 {
			t = min(t, o.Review)
		}
	}
	for _, o := range s.policy.Programs {
		if o.Review > 0 {
			t = min(t, o.Review)
		}
	}
	return t
}

// query is the payee's data once validated.
type query struct {
	dob      lists.Date
	hasDOB   bool
	country  string
	iban     ident.IBAN
	bic      ident.BIC
	hasBIC   bool
	wallets  []ident.CryptoAddress
	walletIn []string
}

// prepare validates the payee's fields, adding flags for what is invalid
// or in a sanctioned country.
func (s *Screener) prepare(p *Payee, res *Result) *query {
	q := &query{}
	flag := func(code FlagCode, d Decision, format string, args ...any) {
		res.Flags = append(res.Flags, Flag{Code: code, Detail: fmt.Sprintf(format, args...), Decision: d})
	}
	if s.sample {
		flag(FlagSampleLists, Clear, "screened against the built-in SAMPLE lists: not valid for real payments")
	}
	if v := strings.TrimSpace(p.DOB); v != "" {
		d, err := lists.ParseISODate(v)
		if err != nil {
			flag(FlagInvalidDOB, Clear, "date of birth is not YYYY-MM-DD, YYYY-MM or YYYY: not used")
		} else {
			q.dob, q.hasDOB = d, true
		}
	}
	if v := strings.ToUpper(strings.TrimSpace(p.Country)); v != "" {
		if code, ok := lists.CountryCode(v); ok {
			q.country = code
			if d, ok := s.policy.PayeeCountries[code]; ok {
				flag(FlagSanctionedCountry, d, "payee country %s is under comprehensive sanctions (policy: %s)", code, d)
			}
		} else {
			flag(FlagInvalidCountry, Clear, "country is not an ISO 3166-1 code: not used")
		}
	}
	s.prepareBank(p, q, flag)
	s.prepareWallets(p, q, flag)
	return q
}

// prepareBank validates the payee's bank details into q and flags those
// that are invalid or in a sanctioned country.
func (s *Screener) prepareBank(p *Payee, q *query, flag func(FlagCode, Decision, string, ...any)) {
	if v := strings.TrimSpace(p.Bank.IBAN); v != "" {
		i, err := ident.ParseIBAN(v)
		if err != nil {
			flag(FlagInvalidIBAN, s.policy.InvalidIdentifier, "%v", err)
		} else {
			q.iban = i
		}
	}
	if v := strings.TrimSpace(p.Bank.BIC); v != "" {
		b, err := ident.ParseBIC(v)
		if err != nil {
			flag(FlagInvalidBIC, s.policy.InvalidIdentifier, "%v", err)
		} else {
			q.bic, q.hasBIC = b, true
		}
	}
	if v := strings.TrimSpace(p.Bank.RoutingNumber); v != "" {
		if _, err := ident.ParseABA(v); err != nil {
			flag(FlagInvalidRouting, s.policy.InvalidIdentifier, "%v", err)
		}
	}
	if v := strings.TrimSpace(p.Bank.Country); v != "" {
		if _, ok := lists.CountryCode(v); !ok {
			flag(FlagInvalidCountry, Clear, "bank country is not an ISO 3166-1 code: not used")
		}
	}
	// One flag per sanctioned country, naming every bank detail in it.
	countries := p.Bank.AppendCountries(nil)
	slices.SortFunc(countries, func(a, b BankCountry) int { return strings.Compare(a.Country, b.Country) })
	for _, c := range countries {
		if d, ok := s.policy.BankCountries[c.Country]; ok {
			names := c.From.Names()
			sort.Strings(names)
			flag(FlagSanctionedBank, d, "%s country %s is under comprehensive sanctions (policy: %s)", strings.Join(names, " and "), c.Country, d)
		}
	}
}

// prepareWallets validates the payee's wallets into q, flagging invalid
// addresses and currencies that do not fit the address.
func (s *Screener) prepareWallets(p *Payee, q *query, flag func(FlagCode, Decision, string, ...any)) {
	for i, w := range p.Wallets {
		if strings.TrimSpace(w.Address) == "" {
			continue
		}
		a, err := ident.ParseCryptoAddress(w.Address)
		q.wallets = append(q.wallets, a)
		q.walletIn = append(q.walletIn, w.Address)
		if err != nil {
			flag(FlagInvalidWallet, s.policy.InvalidIdentifier, "wallet %d: %v", i+1, err)
			continue
		}
		if tag := normalizeTag(w.Currency); tag != "" && !containsFold(a.Tags, tag) {
			flag(FlagWalletTag, Clear, "wallet %d: given as %s but the address is a %s address (%s)", i+1, strings.ToUpper(w.Currency), a.Format, strings.Join(a.Tags, "/"))
		}
	}
}

// normalizeTag maps common currency names to OFAC's tags (BTC is XBT).
func normalizeTag(t string) string {
	t = strings.ToUpper(strings.TrimSpace(t))
	switch t {
	case "BTC", "BITCOIN":
		return "XBT"
	case "ETHER", "ETHEREUM":
		return "ETH"
	case "TRON":
		return "TRX"
	case "MONERO":
		return "XMR"
	}
	return t
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// matchIdentifiers adds every listed identifier equal to one of the
// payee's.
func (s *Screener) matchIdentifiers(p *Payee, q *query, c *candidates) {
	for i, w := range q.wallets {
		for _, h := range s.ids.crypto[w.Key] {
			c.addID(h.ref, Evidence{Field: FieldWallet, Query: q.walletIn[i], Listed: h.label + " " + h.listed, Score: 1, Effect: Blocks,
				Detail: "listed digital currency address"})
		}
	}
	if q.hasBIC {
		for _, h := range s.ids.lookupBIC(q.bic) {
			c.addID(h.ref, Evidence{Field: FieldBIC, Query: q.bic.String(), Listed: h.listed, Score: 1, Effect: Blocks, Detail: "listed SWIFT/BIC"})
		}
		for _, h := range s.ids.lookupBICInstitution(q.bic) {
			c.addID(h.ref, Evidence{Field: FieldBIC, Query: q.bic.String(), Listed: h.listed, Score: 1, Effect: Caps,
				Detail: "another office of an institution listed by a branch SWIFT/BIC"})
		}
	}
	if q.iban != "" {
		for _, h := range s.ids.accounts[string(q.iban)] {
			c.addID(h.ref, Evidence{Field: FieldIBAN, Query: q.iban.String(), Listed: h.listed, Score: 1, Effect: Blocks, Detail: "listed account"})
		}
	}
	if v := compactID(p.Bank.AccountNumber); len(v) >= 6 {
		for _, h := range s.ids.accounts[v] {
			c.addID(h.ref, Evidence{Field: FieldAccountNumber, Query: p.Bank.AccountNumber, Listed: h.listed, Score: 1, Effect: Caps,
				Detail: "account number listed; without the bank it may be another account"})
		}
	}
	for _, d := range p.Documents {
		for _, h := range s.ids.documents[compactID(d.Number)] {
			e := Evidence{Field: FieldDocument, Query: d.Number, Listed: h.label + " " + h.listed, Score: 1, Effect: Blocks, Detail: "listed identity document"}
			dc := strings.ToUpper(strings.TrimSpace(d.Country))
			if h.idType == lists.IDTaxID {
				e.Effect, e.Detail = Caps, "listed tax ID"
			}
			if dc != "" && h.country != "" && dc != h.country {
				e.Effect, e.Detail = Caps, fmt.Sprintf("same number, but issued by %s, listed as %s", dc, h.country)
			}
			c.addID(h.ref, e)
		}
	}
	if k := ident.EmailKey(p.Email); k != "" {
		for _, h := range s.ids.emails[k] {
			c.addID(h.ref, Evidence{Field: FieldEmail, Query: p.Email, Listed: h.listed, Score: 1, Effect: Caps, Detail: "listed e-mail address"})
		}
	}
	// Indicator feeds list e-mail domains as "@domain".
	if dom := ident.EmailDomain(p.Email); dom != "" {
		for _, h := range s.ids.emails[dom] {
			c.addID(h.ref, Evidence{Field: FieldEmail, Query: p.Email, Listed: h.listed, Score: 1, Effect: Caps, Detail: "e-mail domain listed as an indicator"})
		}
	}
	if k := ident.PhoneKey(p.Phone); k != "" {
		for _, h := range s.ids.phones[k] {
			c.addID(h.ref, Evidence{Field: FieldPhone, Query: p.Phone, Listed: h.listed, Score: 1, Effect: Caps, Detail: "listed phone number"})
		}
	}
}

// applyAllowList suppresses name matches the policy's allow-list records
// as reviewed false positives, while the listed entry is unchanged.
// Identifier hits are never suppressed.
func (s *Screener) applyAllowList(p *Payee, res *Result) {
	if len(s.allow) == 0 || p.ID == "" {
		return
	}
	kept := res.Matches[:0]
	for _, m := range res.Matches {
		a, ok := s.allow[allowKey{p.ID, m.Source, m.EntityID}]
		if !ok || hasEffect(m.Evidence, Blocks) {
			kept = append(kept, m)
			continue
		}
		if a.Fingerprint != m.Fingerprint {
			m.Evidence = append(m.Evidence, Evidence{Field: FieldAllowList, Query: p.ID, Listed: m.EntityID, Effect: Neutral,
				Detail: "allow-list entry no longer applies: the listed entry has changed since it was reviewed"})
			kept = append(kept, m)
			continue
		}
		res.Flags = append(res.Flags, Flag{Code: FlagAllowListed, Decision: Clear,
			Detail: fmt.Sprintf("match with %s %s suppressed: reviewed false positive (%s)", m.Source, m.EntityID, a.Reason)})
	}
	res.Matches = kept
}

func hasEffect(ev []Evidence, e Effect) bool {
	for _, x := range ev {
		if x.Effect == e {
			return true
		}
	}
	return false
}
