package watchman

import (
	"encoding/json"
	"sync"

	"github.com/moov-io/watchman/pkg/search"
)

// DefaultCacheSize is how many listed entries' prepared fields an Engine
// keeps by default.
const DefaultCacheSize = 8192

// prepCache keeps the prepared fields (Watchman's normalized names,
// addresses and contacts) of the entries searches returned. Preparing an
// entry runs Watchman's language detection on each of its names, which
// costs about a millisecond per name: without the cache the client would
// spend more time on an answer than the server. An entry is reused only
// while everything its preparation reads is unchanged, so a server that
// reloads its lists cannot leave stale fields behind.
type prepCache struct {
	mu   sync.Mutex
	max  int
	byID map[prepKey]prepEntry
}

type prepKey struct {
	list search.SourceList
	id   string
}

type prepEntry struct {
	input  string // what the preparation read, as JSON
	fields search.PreparedFields
}

func newPrepCache(max int) *prepCache {
	return &prepCache{max: max, byID: map[prepKey]prepEntry{}}
}

// prepared returns e with its prepared fields.
func (c *prepCache) prepared(e search.Entity[search.Value]) search.Entity[search.Value] {
	if c == nil || c.max <= 0 {
		return e.Normalize()
	}
	in, err := json.Marshal(struct {
		N  string
		T  search.EntityType
		A  []string
		H  []search.HistoricalInfo
		C  search.ContactInfo
		Ad []search.Address
	}{e.Name, e.Type, altNames(&e), e.HistoricalInfo, e.Contact, e.Addresses})
	if err != nil {
		return e.Normalize()
	}
	k := prepKey{e.Source, e.SourceID}
	c.mu.Lock()
	v, ok := c.byID[k]
	c.mu.Unlock()
	if ok && v.input == string(in) {
		e.PreparedFields = v.fields
		return e
	}
	e = e.Normalize()
	c.mu.Lock()
	if len(c.byID) >= c.max {
		// Drop about a tenth, in map order: a cheap, fair eviction.
		n := c.max/10 + 1
		for k := range c.byID {
			delete(c.byID, k)
			if n--; n == 0 {
				break
			}
		}
	}
	c.byID[k] = prepEntry{input: string(in), fields: e.PreparedFields}
	c.mu.Unlock()
	return e
}
