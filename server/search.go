package server

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/watchman"
)

// Watchman v0.65.1's result limits.
const (
	searchDefaultLimit = 10
	searchMaxLimit     = 100
	// searchMaxValues bounds the values of one query parameter.
	searchMaxValues = 20
)

type entityKey struct {
	source lists.ListID
	id     string
}

// searchIndex finds the listed entities of a snapshot for /v2/search and
// counts them per Watchman source list for /v2/listinfo.
type searchIndex struct {
	byKey  map[entityKey]*lists.Entity
	counts map[string]int
	hashes map[string]string
}

func newSearchIndex(set *lists.Set) *searchIndex {
	ix := &searchIndex{byKey: map[entityKey]*lists.Entity{}, counts: map[string]int{}, hashes: map[string]string{}}
	for _, l := range set.Lists {
		sl, ok := watchman.SourceListOf(l.Source)
		if !ok || l.Source == lists.Indicators {
			continue
		}
		for i := range l.Entities {
			e := &l.Entities[i]
			ix.byKey[entityKey{l.ID(), e.ID}] = e
		}
		ix.counts[string(sl)] += len(l.Entities)
		ix.hashes[string(sl)] = l.Version().SHA256()
	}
	return ix
}

// queryParams tracks which query parameters were read, as Watchman does
// to refuse unknown ones.
type queryParams struct {
	v url.Values
	// read are the names read so far, in a slice rather than a set: a
	// few dozen names, checked against the two or three of a query.
	read []string
}

func (q *queryParams) get(name string) string {
	q.read = append(q.read, name)
	return q.v.Get(name)
}

func (q *queryParams) getAll(name string) []string {
	q.read = append(q.read, name)
	return q.v[name]
}

func (q *queryParams) withPrefix(prefix string) []string {
	var out []string
	for k := range q.v {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func (q *queryParams) unused() []string {
	var out []string
	for k := range q.v {
		if !slices.Contains(q.read, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// searchRequest is a /v2/search query read as Watchman reads it.
type searchRequest struct {
	query    search.Entity[search.Value]
	limit    int
	minMatch float64
	debug    bool
}

var dateFormats = []string{"2006-01-02", "2006-01", "2006"}

func readDate(v string) *time.Time {
	if v == "" {
		return nil
	}
	for _, f := range dateFormats {
		if t, err := time.Parse(f, v); err == nil {
			return &t
		}
	}
	return nil
}

func readStrings(inputs ...[]string) []string {
	var out []string
	for _, items := range inputs {
		for _, item := range items {
			out = append(out, strings.TrimSpace(item))
		}
	}
	return out
}

// readSearch reads the query parameters of Watchman v0.65.1's
// GET /v2/search (internal/search/api_search.go), and refuses parameters
// it does not read, values over maxField bytes and the senzing formats.
func readSearch(r *http.Request, maxField int) (searchRequest, error) {
	raw := r.URL.Query()
	if err := checkQuerySizes(raw, maxField); err != nil {
		return searchRequest{}, err
	}
	q := &queryParams{v: raw, read: make([]string, 0, 64)}
	var sr searchRequest
	sr.debug = yes(q.get("debug"))
	e := &sr.query
	e.Name = strings.TrimSpace(q.get("name"))
	e.Type = search.EntityType(strings.TrimSpace(strings.ToLower(q.get("type"))))
	e.Source = cmp.Or(search.SourceList(q.get("source")), search.SourceAPIRequest)
	e.SourceID = q.get("sourceID")
	if err := readEntityKind(q, e); err != nil {
		return sr, err
	}
	readContact(q, e)

	sr.limit = searchDefaultLimit
	if n, _ := strconv.Atoi(q.get("limit")); n > 0 {
		sr.limit = min(n, searchMaxLimit)
	}
	if v := q.get("minMatch"); v != "" {
		sr.minMatch, _ = strconv.ParseFloat(v, 64)
	}
	q.get("requestID")
	q.get("debugSourceIDs")
	format := q.get("format")
	if strings.Contains(strings.ToLower(r.Header.Get("Accept")), "senzing") || strings.HasPrefix(strings.ToLower(format), "senzing") {
		return sr, fmt.Errorf("the senzing output formats are not served by payscreen")
	}
	if extra := q.unused(); len(extra) > 0 {
		return sr, fmt.Errorf("extra/unused query parameters in request: %v", strings.Join(extra, ","))
	}
	return sr, nil
}

// checkQuerySizes refuses a parameter given more than searchMaxValues times
// or a value over maxField bytes.
func checkQuerySizes(raw url.Values, maxField int) error {
	for k, vs := range raw {
		if len(vs) > searchMaxValues {
			return fmt.Errorf("query parameter %s given %d times, more than the limit of %d", k, len(vs), searchMaxValues)
		}
		for _, v := range vs {
			if len(v) > maxField {
				return fmt.Errorf("query parameter %s: %d bytes, more than the limit of %d", k, len(v), maxField)
			}
		}
	}
	return nil
}

// readEntityKind reads the parameters of e's entity type into the
// matching part of e (Person, Business, ...).
func readEntityKind(q *queryParams, e *search.Entity[search.Value]) error {
	switch e.Type {
	case search.EntityPerson:
		e.Person = &search.Person{
			Name:          e.Name,
			AltNames:      q.getAll("altNames"),
			Gender:        search.Gender(normalizeGender(q.get("gender"))),
			BirthDate:     readDate(q.get("birthDate")),
			DeathDate:     readDate(q.get("deathDate")),
			Titles:        q.getAll("titles"),
			GovernmentIDs: readGovernmentIDs(q),
		}
	case search.EntityBusiness:
		e.Business = &search.Business{Name: e.Name, AltNames: q.getAll("altNames"), Created: readDate(q.get("created")),
			Dissolved: readDate(q.get("dissolved")), GovernmentIDs: readGovernmentIDs(q)}
	case search.EntityOrganization:
		e.Organization = &search.Organization{Name: e.Name, AltNames: q.getAll("altNames"), Created: readDate(q.get("created")),
			Dissolved: readDate(q.get("dissolved")), GovernmentIDs: readGovernmentIDs(q)}
	case search.EntityAircraft:
		e.Aircraft = &search.Aircraft{Name: e.Name, AltNames: q.getAll("altNames"), Type: search.AircraftType(q.get("aircraftType")),
			Flag: q.get("flag"), Built: readDate(q.get("built")), ICAOCode: q.get("icaoCode"), Model: q.get("model"),
			SerialNumber: q.get("serialNumber")}
	case search.EntityVessel:
		e.Vessel = &search.Vessel{Name: e.Name, AltNames: q.getAll("altNames"), IMONumber: q.get("imoNumber"),
			Type: search.VesselType(q.get("vesselType")), Flag: q.get("flag"), Built: readDate(q.get("built")),
			Model: q.get("model"), MMSI: q.get("mmsi"), CallSign: q.get("callSign"), Owner: q.get("owner")}
		for _, p := range []struct {
			name string
			dst  *int
		}{{"tonnage", &e.Vessel.Tonnage}, {"grossRegisteredTonnage", &e.Vessel.GrossRegisteredTonnage}} {
			if v := strings.TrimSpace(q.get(p.name)); v != "" {
				n, err := strconv.ParseInt(v, 10, 20)
				if err != nil {
					return fmt.Errorf("reading vessel %s: %w", p.name, err)
				}
				*p.dst = int(n)
			}
		}
	}
	return nil
}

// readContact reads the contact, address and crypto address parameters
// into e.
func readContact(q *queryParams, e *search.Entity[search.Value]) {
	e.Contact.EmailAddresses = readStrings(q.getAll("email"), q.getAll("emailAddress"), q.getAll("emailAddresses"))
	e.Contact.PhoneNumbers = readStrings(q.getAll("phone"), q.getAll("phoneNumber"), q.getAll("phoneNumbers"))
	e.Contact.FaxNumbers = readStrings(q.getAll("fax"), q.getAll("faxNumber"), q.getAll("faxNumbers"))
	e.Contact.Websites = readStrings(q.getAll("website"), q.getAll("websites"))
	for _, a := range readStrings(q.getAll("address"), q.getAll("addresses")) {
		e.Addresses = append(e.Addresses, search.Address{Line1: a})
	}
	for _, c := range readStrings(q.getAll("cryptoAddress"), q.getAll("cryptoAddresses")) {
		if cur, addr, ok := strings.Cut(c, ":"); ok && !strings.Contains(addr, ":") {
			e.CryptoAddresses = append(e.CryptoAddresses, search.CryptoAddress{Currency: strings.ToUpper(cur), Address: addr})
		}
	}
}

func yes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "true", "1", "y", "on":
		return true
	}
	return false
}

func normalizeGender(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "m", "male", "man", "guy":
		return "male"
	case "f", "female", "woman", "gal", "girl":
		return "female"
	}
	return "unknown"
}

func readGovernmentIDs(q *queryParams) []search.GovernmentID {
	var out []search.GovernmentID
	for _, k := range q.withPrefix("gov_") {
		parts := strings.Split(q.get(k), ":")
		if len(parts) <= 1 {
			continue
		}
		out = append(out, search.GovernmentID{Type: search.GovernmentIDType(strings.TrimPrefix(k, "gov_")), Country: parts[0], Identifier: parts[1]})
	}
	return out
}

// payees turns a search query into the payees screened for it: one per
// name (the name, then each alternative name), the first carrying the
// query's identifiers.
func (sr *searchRequest) payees() []screening.Payee {
	e := &sr.query
	base := screening.Payee{}
	var alt []string
	var ids []search.GovernmentID
	switch e.Type {
	case search.EntityPerson:
		base.Type = screening.Person
		if e.Person.BirthDate != nil {
			base.DOB = e.Person.BirthDate.Format("2006-01-02")
		}
		alt, ids = e.Person.AltNames, e.Person.GovernmentIDs
	case search.EntityBusiness:
		base.Type = screening.Organization
		alt, ids = e.Business.AltNames, e.Business.GovernmentIDs
	case search.EntityOrganization:
		base.Type = screening.Organization
		alt, ids = e.Organization.AltNames, e.Organization.GovernmentIDs
	case search.EntityAircraft:
		alt = e.Aircraft.AltNames
	case search.EntityVessel:
		alt = e.Vessel.AltNames
	}
	first := base
	first.Name = e.Name
	if len(e.Contact.EmailAddresses) > 0 {
		first.Email = e.Contact.EmailAddresses[0]
	}
	if len(e.Contact.PhoneNumbers) > 0 {
		first.Phone = e.Contact.PhoneNumbers[0]
	}
	if len(e.Addresses) > 0 {
		first.Address = e.Addresses[0].Line1
	}
	for _, c := range e.CryptoAddresses {
		first.Wallets = append(first.Wallets, screening.Wallet{Address: c.Address, Currency: c.Currency})
	}
	for _, g := range ids {
		first.Documents = append(first.Documents, screening.Document{Type: string(g.Type), Number: g.Identifier, Country: g.Country})
	}
	out := []screening.Payee{first}
	seen := map[string]bool{strings.ToLower(e.Name): true}
	for _, a := range alt {
		a = strings.TrimSpace(a)
		if a == "" || seen[strings.ToLower(a)] {
			continue
		}
		seen[strings.ToLower(a)] = true
		p := base
		p.Name = a
		out = append(out, p)
	}
	return out
}

// wantType reports whether a listed entity of type t answers a query of
// type q (Watchman compares types exactly; payscreen's lists do not tell
// businesses from other organizations).
func wantType(q search.EntityType, t lists.EntityType) bool {
	switch q {
	case "":
		return true
	case search.EntityPerson:
		return t == lists.Person
	case search.EntityBusiness, search.EntityOrganization:
		return t == lists.Organization
	case search.EntityVessel:
		return t == lists.Vessel
	case search.EntityAircraft:
		return t == lists.Aircraft
	}
	return t == lists.TypeUnknown
}

// handleSearch is Watchman v0.65.1's GET /v2/search on payscreen's
// matching; see [Server.Handler].
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	snap := s.current()
	if snap == nil {
		s.notReady(w)
		return
	}
	sr, err := readSearch(r, s.cfg.MaxFieldBytes)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	type hit struct {
		e *lists.Entity
		m screening.Match
	}
	best := map[entityKey]hit{}
	for _, p := range sr.payees() {
		res, err := snap.screener.Screen(r.Context(), p)
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, "search did not complete")
			return
		}
		for _, m := range res.Matches {
			k := entityKey{m.Source, m.EntityID}
			e := snap.search.byKey[k]
			if e == nil || !wantType(sr.query.Type, e.Type) || m.Score < sr.minMatch {
				continue // indicator feeds; other types
			}
			if h, ok := best[k]; !ok || m.Score > h.m.Score {
				best[k] = hit{e, m}
			}
		}
	}
	hits := make([]hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.m.Score, a.m.Score); c != 0 {
			return c
		}
		if c := a.m.Source.Compare(b.m.Source); c != 0 {
			return c
		}
		return cmp.Compare(a.m.EntityID, b.m.EntityID)
	})
	if len(hits) > sr.limit {
		hits = hits[:sr.limit]
	}
	ans := search.SearchResponse{Query: sr.query, Entities: make([]search.SearchedEntity[search.Value], 0, len(hits))}
	for _, h := range hits {
		se := search.SearchedEntity[search.Value]{Entity: toWatchman(h.e), Match: h.m.Score}
		if sr.debug {
			se.Debug = base64.StdEncoding.EncodeToString([]byte(explainMatch(&h.m)))
		}
		ans.Entities = append(ans.Entities, se)
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set(ListsHeader, snap.id)
	writeJSON(w, http.StatusOK, ans)
}

// explainMatch is the debug text of a match: its evidence, one line each.
func explainMatch(m *screening.Match) string {
	var b strings.Builder
	fmt.Fprintf(&b, "payscreen %s %s: score %.4f, decides %s\n", m.Source, m.EntityID, m.Score, m.Decision)
	for _, e := range m.Evidence {
		fmt.Fprintf(&b, "%s: %s (%.4f) %s\n", e.Field, e.Effect, e.Score, e.Detail)
	}
	return b.String()
}

// handleListInfo is Watchman's GET /v2/listinfo: entities per source list.
func (s *Server) handleListInfo(w http.ResponseWriter, r *http.Request) {
	snap := s.cur.Load()
	if snap == nil {
		s.notReady(w)
		return
	}
	ans := search.ListInfoResponse{
		Lists:      snap.search.counts,
		ListHashes: snap.search.hashes,
		StartedAt:  snap.loadedAt,
		EndedAt:    snap.loadedAt,
		Version:    "payscreen",
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set(ListsHeader, snap.id)
	writeJSON(w, http.StatusOK, ans)
}
