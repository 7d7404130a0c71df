package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/moov-io/watchman/pkg/search"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
)

// keyTransport adds an API key to every request, as an application would
// configure Watchman's client behind a gateway.
type keyTransport struct{ key string }

func (k keyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-API-Key", k.key)
	return http.DefaultTransport.RoundTrip(r)
}

// firstEntity returns the first entity of source in set that keep accepts.
func firstEntity(t *testing.T, set *lists.Set, source lists.Source, keep func(*lists.Entity) bool) *lists.Entity {
	t.Helper()
	for _, l := range set.Lists {
		if l.Source != source {
			continue
		}
		for i := range l.Entities {
			if keep(&l.Entities[i]) {
				return &l.Entities[i]
			}
		}
	}
	t.Fatalf("no such %s entity", source)
	return nil
}

// TestWatchmanClient uses Watchman v0.65.1's own Go client
// (github.com/moov-io/watchman/pkg/search) against payscreen serve, on
// the real lists, with an API key.
func TestWatchmanClient(t *testing.T) {
	set := realSet(t)
	keys, err := ParseAPIKeys(strings.NewReader(digest("wm-key")+"\n"), "keys")
	require.NoError(t, err)
	_, ts, _ := start(t, Config{Load: fixed(set), Keys: keys})
	client := search.NewClient(&http.Client{Transport: keyTransport{"wm-key"}, Timeout: 20 * time.Second}, ts.URL)
	ctx := context.Background()

	t.Run("listinfo", func(t *testing.T) {
		info, err := client.ListInfo(ctx)
		require.NoError(t, err)
		want := map[string]int{}
		for _, l := range set.Lists {
			sl := map[lists.Source]string{lists.OFACSDN: "us_ofac", lists.OFACNonSDN: "us_non_sdn", lists.UN: "un_csl", lists.EU: "eu_csl", lists.UK: "uk_csl"}[l.Source]
			want[sl] += len(l.Entities)
		}
		assert.Equal(t, want, info.Lists, "entities per Watchman source list")
		assert.Len(t, info.ListHashes, len(want))
	})

	born := time.Date(1983, 11, 25, 0, 0, 0, 0, time.UTC)
	unPerson := firstEntity(t, set, lists.UN, func(e *lists.Entity) bool {
		return e.Type == lists.Person && len(strings.Fields(e.PrimaryName())) >= 3 && strings.HasPrefix(e.ID, "KPi")
	})
	org := firstEntity(t, set, lists.OFACSDN, func(e *lists.Entity) bool {
		return e.Type == lists.Organization && e.DPRK && len(strings.Fields(e.PrimaryName())) >= 3
	})
	tests := []struct {
		name       string
		query      search.Entity[search.Value]
		opts       search.SearchOpts
		source     search.SourceList
		sourceID   string
		entityType search.EntityType
		reason     string
	}{
		{"person by name and birth date", search.Entity[search.Value]{Name: "Sim Hyeon Seop", Type: search.EntityPerson,
			Person: &search.Person{Name: "Sim Hyeon Seop", BirthDate: &born}}, search.SearchOpts{Limit: 5},
			search.SourceUSOFAC, "42498", search.EntityPerson, "OFAC SDN 42498 under a romanization variant"},
		{"UN person", search.Entity[search.Value]{Name: unPerson.PrimaryName(), Type: search.EntityPerson,
			Person: &search.Person{Name: unPerson.PrimaryName()}}, search.SearchOpts{Limit: 10},
			search.SourceUNCSL, unPerson.ID, search.EntityPerson, "a UN entry, identified by its reference number"},
		{"business", search.Entity[search.Value]{Name: org.PrimaryName(), Type: search.EntityBusiness,
			Business: &search.Business{Name: org.PrimaryName()}}, search.SearchOpts{Limit: 10, MinMatch: 0.9},
			search.SourceUSOFAC, org.ID, search.EntityBusiness, "an organization is a Watchman business"},
		{"crypto address only", search.Entity[search.Value]{Type: search.EntityPerson,
			CryptoAddresses: []search.CryptoAddress{{Currency: "ETH", Address: "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"}}},
			search.SearchOpts{}, search.SourceUSOFAC, "43377", search.EntityPerson, "a listed wallet is matched exactly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := client.SearchByEntity(ctx, tt.query, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.query.Name, resp.Query.Name, "the query is echoed")
			require.NotEmpty(t, resp.Entities, tt.reason)
			limit := tt.opts.Limit
			if limit == 0 {
				limit = 10
			}
			assert.LessOrEqual(t, len(resp.Entities), limit)
			var found *search.SearchedEntity[search.Value]
			for i, e := range resp.Entities {
				assert.GreaterOrEqual(t, e.Match, tt.opts.MinMatch, "minMatch holds")
				if i > 0 {
					assert.LessOrEqual(t, e.Match, resp.Entities[i-1].Match, "best first")
				}
				if e.Source == tt.source && e.SourceID == tt.sourceID {
					found = &resp.Entities[i]
				}
			}
			require.NotNil(t, found, "%s: %+v", tt.reason, resp.Entities)
			assert.Equal(t, tt.entityType, found.Type)
			assert.Greater(t, found.Match, 0.9)
			if tt.source == search.SourceUNCSL {
				sd, ok := found.SourceData.(map[string]any)
				require.True(t, ok)
				assert.Equal(t, tt.sourceID, sd["ReferenceNumber"], "as Watchman's UN source data names it")
			}
			if tt.sourceID == "42498" {
				require.NotNil(t, found.Person)
				require.NotNil(t, found.Person.BirthDate)
				assert.Equal(t, born, found.Person.BirthDate.UTC())
			}
		})
	}

	t.Run("no match", func(t *testing.T) {
		resp, err := client.SearchByEntity(ctx, search.Entity[search.Value]{Name: "Maria Fernanda Lopez Garcia", Type: search.EntityPerson,
			Person: &search.Person{Name: "Maria Fernanda Lopez Garcia"}}, search.SearchOpts{})
		require.NoError(t, err)
		assert.Empty(t, resp.Entities)
	})
}

func TestSearchParameters(t *testing.T) {
	_, ts, _ := start(t, Config{Load: fixed(realSet(t)), MaxFieldBytes: 64})
	tests := []struct {
		name, query string
		code        int
		want        string
		reason      string
	}{
		{"unknown parameter", "name=Kim&colour=red", 400, "extra/unused query parameters in request: colour", "as Watchman refuses them"},
		{"field of another type", "name=Kim&type=business&birthDate=1980", 400, "extra/unused query parameters in request: birthDate",
			"Watchman reads birthDate only for a person"},
		{"long value", "name=" + strings.Repeat("k", 65), 400, "query parameter name: 65 bytes, more than the limit of 64", "values are bounded"},
		{"senzing", "name=Kim&format=senzing", 400, "senzing", "the senzing formats are not served"},
		{"options", "name=Sim+Hyon+Sop&type=person&limit=1&minMatch=0.5&requestID=r1&debug=yes&debugSourceIDs=1", 200, `"debug":"`,
			"Watchman's options are accepted; debug explains the match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := do(t, "GET", ts.URL+"/v2/search?"+tt.query, "")
			assert.Equal(t, tt.code, code, "%s: %s", tt.reason, body)
			assert.Contains(t, body, tt.want, tt.reason)
			if code == 400 {
				var r search.SearchResponse
				err := json.Unmarshal([]byte(body), &r)
				assert.Error(t, err, "Watchman's client reads the error the same way")
			}
		})
	}
	_, body, _ := do(t, "GET", ts.URL+"/v2/search?name=Sim+Hyon+Sop&type=person&limit=1", "")
	var r search.SearchResponse
	require.NoError(t, json.Unmarshal([]byte(body), &r))
	assert.Len(t, r.Entities, 1, "limit=1")
}
