package watchman

import (
	"fmt"
	"strings"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/payscreen/payscreen/lists"
)

// sourceLists maps the Watchman source lists payscreen also reads to
// payscreen's sources. Watchman v0.65.1 reads OFAC's legacy CSV files
// (us_ofac: sdn.csv...; us_non_sdn: cons_*.csv), the UN consolidated XML
// (un_csl), the EU FSF CSV 1.1 (eu_csl) and the FCDO UK Sanctions List CSV
// (uk_csl). Its other lists (us_csl, us_fincen_311, us_tel, OpenSanctions
// and Senzing lists) have no payscreen counterpart.
var sourceLists = map[search.SourceList]lists.Source{
	search.SourceUSOFAC:   lists.OFACSDN,
	search.SourceUSNonSDN: lists.OFACNonSDN,
	search.SourceUNCSL:    lists.UN,
	search.SourceEUCSL:    lists.EU,
	search.SourceUKCSL:    lists.UK,
}

// SourceOf returns the payscreen source of a Watchman source list, and
// false for a list payscreen does not read.
func SourceOf(l search.SourceList) (lists.Source, bool) {
	s, ok := sourceLists[search.SourceList(strings.ToLower(strings.TrimSpace(string(l))))]
	return s, ok
}

// SourceListOf returns the Watchman source list holding payscreen's source
// s, and false for a source Watchman does not read (indicator feeds).
func SourceListOf(s lists.Source) (search.SourceList, bool) {
	for l, src := range sourceLists {
		if src == s {
			return l, true
		}
	}
	return "", false
}

// entityRef identifies a Watchman search result as a payscreen entity.
//
// Watchman's SourceID is payscreen's Entity.ID for OFAC (the ent_num), the
// EU (the logicalId, as a decimal number) and the UK (the unique ID). For
// the UN, Watchman's SourceID is "UN-" followed by the record's DATAID,
// while payscreen identifies UN entries by their REFERENCE_NUMBER
// ("QDi.006"), which Watchman keeps in the result's source data.
func entityRef[T any](e search.Entity[T]) (lists.Source, string, error) {
	src, ok := SourceOf(e.Source)
	if !ok {
		return 0, "", fmt.Errorf("%w: source list %q is not one payscreen reads", ErrUnmapped, e.Source)
	}
	id := strings.TrimSpace(e.SourceID)
	if id == "" {
		return 0, "", fmt.Errorf("%w: %s result without a source ID", ErrUnmapped, e.Source)
	}
	switch src {
	case lists.UN:
		ref, ok := sourceDataString(e.SourceData, "ReferenceNumber")
		if !ok || ref == "" {
			return 0, "", fmt.Errorf("%w: un_csl result %s has no ReferenceNumber in its source data", ErrUnmapped, id)
		}
		return src, ref, nil
	case lists.OFACSDN, lists.OFACNonSDN, lists.EU:
		if !isDigits(id) {
			return 0, "", fmt.Errorf("%w: %s source ID %q is not a number", ErrUnmapped, e.Source, id)
		}
	}
	return src, id, nil
}

// sourceDataString returns the string field key of a result's source data
// as decoded from JSON.
func sourceDataString(data any, key string) (string, bool) {
	m, ok := data.(map[string]any)
	if !ok {
		return "", false
	}
	v, ok := m[key].(string)
	return strings.TrimSpace(v), ok
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
