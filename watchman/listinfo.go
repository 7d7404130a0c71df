package watchman

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/payscreen/payscreen/lists"
)

// ListInfo returns what the server says it has loaded (GET /v2/listinfo):
// the number of entries per source list, with their hashes and the time
// of the last refresh.
func (e *Engine) ListInfo(ctx context.Context) (search.ListInfoResponse, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, e.timeout, ErrTimeout)
	defer cancel()
	u := *e.base
	u.Path += "/v2/listinfo"
	var out search.ListInfoResponse
	err := e.get(ctx, "listinfo", u.String(), &out)
	return out, err
}

// ListCount compares one list as loaded by payscreen and by the server.
type ListCount struct {
	Source lists.Source
	// List is the Watchman source list, empty for a source Watchman does
	// not read.
	List search.SourceList
	// Local and Server are the numbers of entries loaded; -1 when the
	// list is not loaded on that side.
	Local, Server int
}

// CheckLists checks that the server holds exactly the lists of set, by
// source and number of entries, and returns the comparison. The error
// wraps ErrListMismatch when:
//   - set holds a list the server lacks (its names would go unscreened:
//     with an engine, the Screener matches names only through it), such
//     as a payscreen indicator feed, which no Watchman server holds;
//   - the server holds a list payscreen does not read, and Options.Ignore
//     does not name it;
//   - the numbers of entries differ (another publication).
//
// Equal counts do not prove the same publication; the Screener still
// fails on any match on an entry its lists lack.
func (e *Engine) CheckLists(ctx context.Context, set *lists.Set) ([]ListCount, error) {
	info, err := e.ListInfo(ctx)
	if err != nil {
		return nil, err
	}
	local := map[lists.Source]int{}
	if set != nil {
		for _, l := range set.Lists {
			local[l.Source] += len(l.Entities)
		}
	}
	var out []ListCount
	var errs []error
	seen := map[lists.Source]bool{}
	for name, n := range info.Lists {
		l := search.SourceList(name)
		src, ok := SourceOf(l)
		if !ok {
			if !slices.Contains(e.ignore, l) {
				errs = append(errs, fmt.Errorf("%w: the server holds %s (%d entries), which payscreen does not read", ErrListMismatch, name, n))
			}
			continue
		}
		seen[src] = true
		c := ListCount{Source: src, List: l, Local: -1, Server: n}
		if v, ok := local[src]; ok {
			c.Local = v
		}
		switch {
		case c.Local < 0:
			errs = append(errs, fmt.Errorf("%w: the server holds %s (%d entries), which the loaded lists lack", ErrListMismatch, name, n))
		case c.Local != n:
			errs = append(errs, fmt.Errorf("%w: %s has %d entries loaded, the server's %s %d", ErrListMismatch, src, c.Local, name, n))
		}
		out = append(out, c)
	}
	for src, n := range local {
		if seen[src] {
			continue
		}
		l, _ := SourceListOf(src)
		out = append(out, ListCount{Source: src, List: l, Local: n, Server: -1})
		if l == "" {
			errs = append(errs, fmt.Errorf("%w: the loaded lists include %s, which a Watchman server cannot hold: its names would not be screened", ErrListMismatch, src))
		} else {
			errs = append(errs, fmt.Errorf("%w: the loaded lists include %s, which the server does not hold (%s): its names would not be screened", ErrListMismatch, src, l))
		}
	}
	slices.SortFunc(out, func(a, b ListCount) int { return cmp.Compare(a.Source, b.Source) })
	slices.SortFunc(errs, func(a, b error) int { return cmp.Compare(a.Error(), b.Error()) })
	return out, errors.Join(errs...)
}
