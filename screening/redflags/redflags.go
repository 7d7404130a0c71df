// Package redflags finds payroll red flags across the rows of one run —
// shared bank accounts, wallets, e-mail addresses, phones and addresses,
// PRC bank accounts, crypto salaries, changed payout details — in a pass
// over the batch before [screening.Screener.ScreenBatch] screens it (see
// [ScreenBatch]). The policy, [screening.RedFlagPolicy], is part of the
// screening policy.
package redflags

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/payscreen/payscreen/fuzzy"
	"github.com/payscreen/payscreen/ident"
	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// ErrInputChanged is returned when the rows of the screening pass are not
// those the red-flag index was built from.
var ErrInputChanged = errors.New("input changed between the red-flag pass and the screening pass")

// rfKind is the kind of a shared key.
type rfKind uint8

const (
	rfIBAN rfKind = iota + 1
	rfAccount
	rfWallet
	rfEmail
	rfPhone
	rfAddress
)

func (k rfKind) flag() screening.FlagCode {
	switch k {
	case rfIBAN, rfAccount:
		return screening.FlagSharedBankAccount
	case rfWallet:
		return screening.FlagSharedWallet
	case rfEmail:
		return screening.FlagSharedEmail
	case rfPhone:
		return screening.FlagSharedPhone
	}
	return screening.FlagSharedAddress
}

func (k rfKind) noun() string {
	switch k {
	case rfIBAN, rfAccount:
		return "bank account"
	case rfWallet:
		return "wallet"
	case rfEmail:
		return "e-mail address"
	case rfPhone:
		return "phone number"
	}
	return "address"
}

// rfEntry is one key of one row in the first pass: 16 bytes.
type rfEntry struct {
	hash uint64 // FNV-1a of the kind and the normalized value
	row  int32
	kind rfKind
}

// rfGroup is a key shared by enough payees to be a flag.
type rfGroup struct {
	kind     rfKind
	start, n int32 // members[start:start+n], rows in order
	payees   int32 // distinct payees
}

// Index holds what the cross-row red flags need from a whole run:
// the keys each row shares with others, the rows' positions and payee
// IDs. It is built by a first pass over the rows ([Build]) and read
// by the screening pass; its memory is about 30 bytes per row plus 16
// bytes per key while it is built, and only the shared keys afterwards.
// It is safe for concurrent reads.
type Index struct {
	policy  screening.RedFlagPolicy
	prev    *PreviousPayouts
	n       int
	idHash  []uint64 // per row: identity of the payee (the ID, or the row for rows without one)
	lines   []int32  // per row: screening.Row.Line (or position+1)
	idOff   []uint32 // per row: offsets into ids
	ids     []byte   // payee IDs, truncated to rfMaxID bytes
	memb    []rfMember
	groups  []rfGroup
	members []int32
}

type rfMember struct{ row, group int32 }

// rfMaxID bounds the bytes of a payee ID kept for details.
const rfMaxID = 64

// Build reads every row of r — the first of two passes over a
// run — and indexes the keys shared across rows: bank accounts, IBANs,
// wallets, e-mail addresses, phone numbers and addresses. prev, if not
// nil, is the previous run for [FlagPayoutChanged]. Rows with an error are
// counted but carry no keys. It stops at the first error of r other than
// io.EOF, or when ctx is done.
func Build(ctx context.Context, r screening.RowReader, p screening.RedFlagPolicy, prev *PreviousPayouts) (*Index, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	ix := &Index{policy: p.WithDefaults(), prev: prev, idOff: []uint32{0}}
	var entries rfBuckets
	for {
		if ix.n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if ix.n >= 1<<31-1 {
			return nil, errors.New("screening: red flags: more than 2^31-1 rows")
		}
		pos := int32(ix.n)
		ix.n++
		ix.idHash = append(ix.idHash, rfRowIdentity(row, int(pos)))
		line := int32(row.Line)
		if row.Line <= 0 || row.Line > 1<<31-1 {
			line = pos + 1
		}
		ix.lines = append(ix.lines, line)
		id := row.Payee.ID
		if len(id) > rfMaxID {
			id = id[:rfMaxID]
		}
		if len(ix.ids)+len(id) > 1<<32-1 {
			return nil, errors.New("screening: red flags: payee IDs of the run exceed 4 GiB")
		}
		ix.ids = append(ix.ids, id...)
		ix.idOff = append(ix.idOff, uint32(len(ix.ids)))
		if row.Err != nil {
			continue
		}
		rfKeys(&row.Payee, func(k rfKind, h uint64) {
			entries.add(rfEntry{hash: h, row: pos, kind: k})
		})
	}
	var bucket, buf []rfEntry
	for d := range entries.chunks {
		// One bucket at a time: its chunks are gathered, sorted, scanned
		// and released, so that no second copy of all keys is ever held.
		bucket = bucket[:0]
		for _, c := range entries.chunks[d] {
			bucket = append(bucket, c...)
		}
		entries.chunks[d] = nil
		if len(buf) < len(bucket) {
			buf = make([]rfEntry, len(bucket))
		}
		ix.group(rfRadixSort(bucket, buf[:len(bucket)]))
	}
	slices.SortFunc(ix.memb, func(a, b rfMember) int {
		if c := cmp.Compare(a.row, b.row); c != 0 {
			return c
		}
		return cmp.Compare(a.group, b.group)
	})
	return ix, nil
}

// rfBuckets holds the keys of a run by the top byte of their hash, in
// chunks that are never copied as they fill (growing a single slice of
// millions of keys would leave several times its size as garbage).
type rfBuckets struct {
	chunks [256][][]rfEntry
}

// rfMaxChunk bounds a chunk: 4096 keys, 64 KiB.
const rfMaxChunk = 4096

func (b *rfBuckets) add(e rfEntry) {
	d := byte(e.hash >> 56)
	cs := b.chunks[d]
	if n := len(cs); n == 0 || len(cs[n-1]) == cap(cs[n-1]) {
		size := 16
		if n > 0 {
			size = min(2*cap(cs[n-1]), rfMaxChunk)
		}
		cs = append(cs, make([]rfEntry, 0, size))
		b.chunks[d] = cs
	}
	cs[len(cs)-1] = append(cs[len(cs)-1], e)
}

// group scans entries sorted by hash (rows in order within a hash) and
// keeps the keys shared by enough payees.
func (ix *Index) group(entries []rfEntry) {
	var payees []uint64
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].hash == entries[i].hash {
			j++
		}
		run := entries[i:j]
		i = j
		if len(run) < 2 {
			continue
		}
		payees = payees[:0]
		for _, e := range run {
			payees = append(payees, ix.idHash[e.row])
		}
		slices.Sort(payees)
		distinct := len(slices.Compact(payees))
		if distinct < ix.threshold(run[0].kind) {
			continue
		}
		g := rfGroup{kind: run[0].kind, start: int32(len(ix.members)), payees: int32(distinct)}
		last := int32(-1)
		for _, e := range run {
			if e.row == last {
				continue // one row with two equal wallets
			}
			last = e.row
			ix.members = append(ix.members, e.row)
			ix.memb = append(ix.memb, rfMember{row: e.row, group: int32(len(ix.groups))})
		}
		g.n = int32(len(ix.members)) - g.start
		ix.groups = append(ix.groups, g)
	}
}

// rfRadixSort sorts entries by hash with a stable least-significant-digit
// radix sort, so that rows stay in order within a hash: on millions of
// keys it is several times faster than a comparison sort. buf is scratch
// space as long as entries; the sorted slice is one of the two.
func rfRadixSort(entries, buf []rfEntry) []rfEntry {
	if len(entries) < 256 {
		slices.SortStableFunc(entries, func(a, b rfEntry) int { return cmp.Compare(a.hash, b.hash) })
		return entries
	}
	src, dst := entries, buf
	for shift := uint(0); shift < 64; shift += 8 {
		var count [256]int
		for i := range src {
			count[byte(src[i].hash>>shift)]++
		}
		if count[byte(src[0].hash>>shift)] == len(src) {
			continue // every entry has this digit
		}
		pos := 0
		for d := range count {
			pos, count[d] = pos+count[d], pos
		}
		for i := range src {
			d := byte(src[i].hash >> shift)
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	return src
}

func (ix *Index) threshold(k rfKind) int {
	switch k {
	case rfIBAN, rfAccount, rfWallet:
		return ix.policy.SharedAccountPayees
	case rfEmail, rfPhone:
		return ix.policy.SharedContactPayees
	}
	return ix.policy.SharedAddressPayees
}

// Rows returns the number of rows the index was built from.
func (ix *Index) Rows() int { return ix.n }

// SharedKeys returns the number of keys shared by enough payees to flag.
func (ix *Index) SharedKeys() int { return len(ix.groups) }

// Flags returns the red flags of the row at position pos (0-based, in
// the order the rows were read) whose content is row. Row must be the row
// read at pos in the first pass: a row whose payee ID differs is an error
// wrapping [ErrInputChanged]. Rows with an error get no flags.
func (ix *Index) Flags(pos int, row screening.Row) ([]screening.Flag, error) {
	if pos < 0 || pos >= ix.n {
		return nil, fmt.Errorf("screening: row %d of a run indexed with %d rows: %w", pos+1, ix.n, ErrInputChanged)
	}
	if rfRowIdentity(row, pos) != ix.idHash[pos] {
		return nil, fmt.Errorf("screening: row %d is not the row indexed there: %w", pos+1, ErrInputChanged)
	}
	if row.Err != nil {
		return nil, nil
	}
	var flags []screening.Flag
	add := func(code screening.FlagCode, detail string) {
		if ix.policy.Applies(code) {
			flags = append(flags, screening.Flag{Code: code, Detail: detail, Decision: screening.Review})
		}
	}
	ix.sharedFlags(int32(pos), add)
	p := &row.Payee
	ix.countryFlags(p, add)
	if ix.policy.Applies(screening.FlagCryptoSalary) {
		n := 0
		for _, w := range p.Wallets {
			if strings.TrimSpace(w.Address) != "" {
				n++
			}
		}
		if n > 0 {
			add(screening.FlagCryptoSalary, fmt.Sprintf("asks to be paid in crypto (%d wallet address(es)): DPRK IT workers seek payment in virtual currency to evade KYC/AML", n))
		}
	}
	if ix.prev != nil && ix.policy.Applies(screening.FlagPayoutChanged) {
		if changed := ix.prev.changed(p); len(changed) > 0 {
			add(screening.FlagPayoutChanged, "payout details changed since the previous run: "+strings.Join(changed, ", ")+" (values not shown)")
		}
	}
	return flags, nil
}

// Apply adds the red flags of the row at position pos to rr and lifts its
// decision to Review when there are any; it never blocks. A row in error
// is left as it is.
func (ix *Index) Apply(pos int, rr *screening.RowResult) error {
	flags, err := ix.Flags(pos, rr.Row)
	if err != nil || rr.Err != nil || len(flags) == 0 {
		return err
	}
	rr.Result.Flags = append(rr.Result.Flags, flags...)
	rr.Result.Decision = max(rr.Result.Decision, screening.Review)
	return nil
}

// sharedFlags adds one flag per shared-key code the row has, naming the
// rows of other payees it shares with.
func (ix *Index) sharedFlags(row int32, add func(screening.FlagCode, string)) {
	i, _ := slices.BinarySearchFunc(ix.memb, row, func(m rfMember, r int32) int { return cmp.Compare(m.row, r) })
	type agg struct {
		nouns  []string
		others []int32
	}
	var byCode map[screening.FlagCode]*agg
	var order []screening.FlagCode
	me := ix.idHash[row]
	for ; i < len(ix.memb) && ix.memb[i].row == row; i++ {
		g := &ix.groups[ix.memb[i].group]
		code := g.kind.flag()
		if byCode == nil {
			byCode = map[screening.FlagCode]*agg{}
		}
		a, ok := byCode[code]
		if !ok {
			a = &agg{}
			byCode[code] = a
			order = append(order, code)
		}
		if noun := g.kind.noun(); !slices.Contains(a.nouns, noun) {
			a.nouns = append(a.nouns, noun)
		}
		for _, r := range ix.members[g.start : g.start+g.n] {
			if ix.idHash[r] != me {
				a.others = append(a.others, r)
			}
		}
	}
	slices.SortFunc(order, func(a, b screening.FlagCode) int {
		return cmp.Compare(slices.Index(screening.RedFlagCodes, a), slices.Index(screening.RedFlagCodes, b))
	})
	for _, code := range order {
		a := byCode[code]
		slices.Sort(a.others)
		a.others = slices.Compact(a.others)
		if len(a.others) == 0 {
			continue
		}
		payees := map[uint64]bool{}
		for _, r := range a.others {
			payees[ix.idHash[r]] = true
		}
		add(code, fmt.Sprintf("same %s as %d other payee(s): %s", a.nouns[0], len(payees), ix.describeRows(a.others)))
	}
}

// describeRows names rows as "rows 12, 57 (ids EMP-3, EMP-9)", at most
// MaxRowsNamed of them, counting the rest.
func (ix *Index) describeRows(rows []int32) string {
	named := rows
	if len(named) > ix.policy.MaxRowsNamed {
		named = named[:ix.policy.MaxRowsNamed]
	}
	var lines, ids []string
	for _, r := range named {
		lines = append(lines, strconv.Itoa(int(ix.lines[r])))
		ids = append(ids, string(ix.ids[ix.idOff[r]:ix.idOff[r+1]]))
	}
	s := "row"
	if len(rows) > 1 {
		s = "rows"
	}
	s += " " + strings.Join(lines, ", ")
	if more := len(rows) - len(named); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s + " (ids " + strings.Join(ids, ", ") + ")"
}

// countryFlags adds bank_country_mismatch and prc_bank_account.
func (ix *Index) countryFlags(p *screening.Payee, add func(screening.FlagCode, string)) {
	pol := &ix.policy
	var buf [4]screening.BankCountry
	banks := p.Bank.AppendCountries(buf[:0])
	if len(banks) == 0 {
		return
	}
	payee, _ := lists.CountryCode(p.Country)
	payeeInPRC := payee != "" && slices.Contains(pol.PRCCountries, payee)
	var prc, other []string
	for _, b := range banks {
		switch {
		case slices.Contains(pol.PRCCountries, b.Country) && !payeeInPRC:
			prc = append(prc, b.From.First()+" "+b.Country)
		case payee != "" && b.Country != payee && !(payeeInPRC && slices.Contains(pol.PRCCountries, b.Country)):
			other = append(other, b.From.First()+" "+b.Country)
		}
	}
	if len(prc) > 0 {
		who := "a payee whose country is not given"
		if payee != "" {
			who = "a payee in " + payee
		}
		add(screening.FlagPRCBankAccount, fmt.Sprintf("PRC-based bank account (%s) for %s", strings.Join(prc, ", "), who))
	}
	if len(other) > 0 {
		add(screening.FlagBankCountry, fmt.Sprintf("bank account in another country than the payee's %s: %s", payee, strings.Join(other, ", ")))
	}
}

// rfRowIdentity is the identity of a row's payee: its ID, or for rows
// without one, the row itself (each such row is its own payee). Rows in
// error are marked so that both passes agree on them.
func rfRowIdentity(row screening.Row, pos int) uint64 {
	id := strings.TrimSpace(row.Payee.ID)
	switch {
	case row.Err != nil:
		return rfHash(1, "error "+strconv.Itoa(pos))
	case id == "":
		return rfHash(2, strconv.Itoa(pos))
	}
	return rfHash(0, id)
}

// rfKeys calls emit with the hash of every normalized key of a payee. The
// keys are hashed as they are normalized, without building strings: this
// runs once per row of a run.
func rfKeys(p *screening.Payee, emit func(rfKind, uint64)) {
	b := &p.Bank
	if rfAlnumCount(b.IBAN) >= 15 {
		h := rfNewHash(byte(rfIBAN))
		h.alnumUpper(b.IBAN)
		emit(rfIBAN, h.sum())
	}
	if rfAlnumCount(b.AccountNumber) >= 4 {
		h := rfNewHash(byte(rfAccount))
		h.alnumUpper(b.AccountNumber)
		h.byte('@')
		h.digits(b.RoutingNumber, 0)
		if rfAlnumCount(b.BIC) >= 8 {
			h.byte('/')
			h.alnumUpperN(b.BIC, 8)
		}
		emit(rfAccount, h.sum())
	}
	for _, w := range p.Wallets {
		if k := ident.CryptoKey(w.Address); k != "" {
			emit(rfWallet, rfHash(byte(rfWallet), k))
		}
	}
	if h, ok := rfEmailHash(p.Email); ok {
		emit(rfEmail, h)
	}
	if h, ok := rfPhoneHash(p.Phone); ok {
		emit(rfPhone, h)
	}
	if h, ok := rfAddressHash(p.Address, p.Country); ok {
		emit(rfAddress, h)
	}
}

// rfFNV is an FNV-1a 64 hash being computed.
type rfFNV uint64

const rfPrime = 1099511628211

func rfNewHash(kind byte) rfFNV {
	h := rfFNV(14695981039346656037)
	h.byte(kind)
	return h
}

func (h *rfFNV) byte(c byte) { *h = (*h ^ rfFNV(c)) * rfPrime }

func (h *rfFNV) string(s string) {
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
}

func (h rfFNV) sum() uint64 { return uint64(h) }

// alnumUpper hashes the ASCII letters (upper-cased) and digits of s, as
// compactID keeps them.
func (h *rfFNV) alnumUpper(s string) { h.alnumUpperN(s, len(s)) }

func (h *rfFNV) alnumUpperN(s string, n int) {
	for i := 0; i < len(s) && n > 0; i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			continue
		}
		h.byte(c)
		n--
	}
}

// digits hashes the digits of s after skipping the first skip of them.
func (h *rfFNV) digits(s string, skip int) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			if skip > 0 {
				skip--
				continue
			}
			h.byte(c)
		}
	}
}

func rfAlnumCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

// rfEmailHash hashes the mailbox of an address ([ident.EmailKey]: the
// form identifiers are matched in), so that mailbox variants of one person
// compare equal. Placeholders give no key.
func rfEmailHash(v string) (uint64, bool) {
	k := ident.EmailKey(v)
	at := strings.LastIndexByte(k, '@')
	if at <= 0 || rfPlaceholder(k[:at]) {
		return 0, false
	}
	return rfHash(byte(rfEmail), k), true
}

// rfPhoneHash hashes the last nine digits of a number ([ident.PhoneSuffix]),
// so that "+1 555 010 7788" and "(555) 010-7788" compare equal. Numbers
// of one repeated digit, and 1234567..., are placeholders.
func rfPhoneHash(v string) (uint64, bool) {
	k := ident.PhoneKey(v)
	if k == "" || strings.Count(k, k[:1]) == len(k) || strings.HasPrefix("1234567890", k) {
		return 0, false
	}
	return rfHash(byte(rfPhone), ident.PhoneSuffix(v)), true
}

// rfAddressWords maps common street-address words to one spelling.
var rfAddressWords = map[string]string{
	"street": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr", "lane": "ln",
	"boulevard": "blvd", "court": "ct", "place": "pl", "apartment": "apt", "suite": "ste",
	"unit": "apt", "number": "no", "north": "n", "south": "s", "east": "e", "west": "w",
	"floor": "fl", "building": "bldg", "highway": "hwy", "square": "sq", "terrace": "ter",
}

// rfAddressHash hashes an address normalized as names are (case, accents,
// scripts, punctuation), common words abbreviated, with the payee's
// country. Addresses of fewer than two words, and placeholders, give no
// key.
func rfAddressHash(addr, country string) (uint64, bool) {
	norm := fuzzy.Normalize(addr)
	if rfPlaceholder(norm) || strings.IndexByte(norm, ' ') < 0 {
		return 0, false
	}
	h := rfNewHash(byte(rfAddress))
	h.alnumUpper(country)
	h.byte('|')
	for w := range strings.SplitSeq(norm, " ") {
		if a, ok := rfAddressWords[w]; ok {
			w = a
		}
		h.string(w)
		h.byte(' ')
	}
	return h.sum(), true
}

// rfPlaceholder reports values that payroll systems put in place of a
// missing one.
func rfPlaceholder(v string) bool {
	switch strings.ToLower(v) {
	case "", "na", "n a", "none", "unknown", "null", "nil", "tbd", "tba", "test", "x", "xx", "xxx", "0", "noreply", "no reply", "no address":
		return true
	}
	return false
}

// rfHash is FNV-1a 64 of a kind byte and a string: deterministic, so the
// same input gives the same groups in every run.
func rfHash(kind byte, s string) uint64 {
	h := rfNewHash(kind)
	h.string(s)
	return h.sum()
}

// contactKey is key(v), the form in which identifiers are compared, or,
// for a value that has none (an e-mail without "@", a phone of fewer than
// seven digits), v trimmed and lower-cased: a payout detail changed from
// one such value to another is still a change.
func contactKey(key func(string) string, v string) string {
	if k := key(v); k != "" {
		return k
	}
	return strings.ToLower(strings.TrimSpace(v))
}

func rfDigits(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			b.WriteByte(v[i])
		}
	}
	return b.String()
}

// PreviousPayouts holds, per payee ID, the payout details of an earlier
// run's input, hashed (no values are kept), for [FlagPayoutChanged].
type PreviousPayouts struct {
	recs []prevRec // sorted by id
	// Rows is the number of rows read; Skipped those that could not be
	// read (and so are not compared).
	Rows, Skipped int
}

// prevFields are the payout details compared with the previous run.
var prevFields = [...]string{"iban", "account_number", "routing_number", "bic", "wallet", "email", "phone"}

type prevRec struct {
	id uint64
	f  [len(prevFields)]uint32
}

// ReadPreviousPayouts reads an earlier run's input (the rows of the
// previous payroll file) for [FlagPayoutChanged]. It keeps 40 bytes per
// row: hashes of the payee ID and of each payout detail.
func ReadPreviousPayouts(ctx context.Context, r screening.RowReader) (*PreviousPayouts, error) {
	pp := &PreviousPayouts{}
	for {
		if pp.Rows&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		pp.Rows++
		id := strings.TrimSpace(row.Payee.ID)
		if row.Err != nil || id == "" {
			pp.Skipped++
			continue
		}
		pp.recs = append(pp.recs, prevRec{id: rfHash(0, id), f: payoutHashes(&row.Payee)})
	}
	slices.SortFunc(pp.recs, func(a, b prevRec) int { return cmp.Compare(a.id, b.id) })
	return pp, nil
}

// payoutHashes hashes each payout detail in normalized form; 0 means
// empty.
func payoutHashes(p *screening.Payee) [len(prevFields)]uint32 {
	var wallets []string
	for _, w := range p.Wallets {
		if k := ident.CryptoKey(w.Address); k != "" {
			wallets = append(wallets, k)
		}
	}
	slices.Sort(wallets)
	vals := [len(prevFields)]string{
		ident.Compact(p.Bank.IBAN), ident.Compact(p.Bank.AccountNumber), rfDigits(p.Bank.RoutingNumber),
		ident.Compact(p.Bank.BIC), strings.Join(wallets, " "), contactKey(ident.EmailKey, p.Email), contactKey(ident.PhoneKey, p.Phone),
	}
	var h [len(prevFields)]uint32
	for i, v := range vals {
		if v == "" {
			continue
		}
		x := uint32(rfHash(byte(i), v))
		if x == 0 {
			x = 1
		}
		h[i] = x
	}
	return h
}

// changed returns the payout details of p that differ from every previous
// row of the same payee ID; nil for a payee the previous run did not have.
func (pp *PreviousPayouts) changed(p *screening.Payee) []string {
	id := strings.TrimSpace(p.ID)
	if id == "" {
		return nil
	}
	h := rfHash(0, id)
	i, found := slices.BinarySearchFunc(pp.recs, h, func(r prevRec, t uint64) int { return cmp.Compare(r.id, t) })
	if !found {
		return nil
	}
	cur := payoutHashes(p)
	var out []string
	for f := range prevFields {
		same := false
		for j := i; j < len(pp.recs) && pp.recs[j].id == h; j++ {
			if pp.recs[j].f[f] == cur[f] {
				same = true
				break
			}
		}
		if !same {
			out = append(out, prevFields[f])
		}
	}
	return out
}

// Options configure [ScreenBatch].
type Options struct {
	Policy screening.RedFlagPolicy
	// Previous is the previous run's input, for payout_changed; nil skips
	// that flag.
	Previous *PreviousPayouts
}

// ScreenBatch screens a run with the payroll red flags: a first
// pass over the rows builds the [Index], a second screens them with
// [Screener.ScreenBatch] and adds each row's red flags before emit sees
// it. open is called once per pass and must return the same rows each
// time (a file opened twice; standard input spooled to a temporary file
// first); a reader that is an io.Closer is closed after its pass. Rows
// that differ between the passes stop the run with an error wrapping
// [ErrInputChanged].
func ScreenBatch(ctx context.Context, s *screening.Screener, open func() (screening.RowReader, error), ro Options, opts screening.BatchOptions, emit func(screening.RowResult) error) error {
	pass := func(f func(screening.RowReader) error) error {
		r, err := open()
		if err != nil {
			return err
		}
		err = f(r)
		if c, ok := r.(io.Closer); ok {
			if cerr := c.Close(); err == nil {
				err = cerr
			}
		}
		return err
	}
	var ix *Index
	if err := pass(func(r screening.RowReader) (err error) {
		ix, err = Build(ctx, r, ro.Policy, ro.Previous)
		return err
	}); err != nil {
		return err
	}
	pos := 0
	err := pass(func(r screening.RowReader) error {
		return s.ScreenBatch(ctx, r, opts, func(rr screening.RowResult) error {
			if err := ix.Apply(pos, &rr); err != nil {
				return err
			}
			pos++
			return emit(rr)
		})
	})
	if err == nil && pos != ix.Rows() {
		err = fmt.Errorf("screening: %d rows screened, %d indexed: %w", pos, ix.Rows(), ErrInputChanged)
	}
	return err
}
