package lists

import (
	"errors"
	"fmt"
	"strings"
)

// ListID identifies one list of a [Set]: an official source ("ofac_sdn",
// "un", ...) or an indicator feed by its name (Source [Indicators], Feed
// "dprk_indicators" for the built-in feed, the user's name for their
// own). It is the key by which policies, allow-lists and results name a
// list. Its text form (String, MarshalText) is the feed's name for a feed
// and the source's stable name otherwise; [ParseListID] reads it back.
type ListID struct {
	Source Source
	// Feed is the indicator feed's name; empty for the official lists.
	Feed string
}

// ErrListID is wrapped by the errors of [ParseListID] and [ListID.Validate].
var ErrListID = errors.New("unknown list")

// ID returns what identifies l among the lists of a Set.
func (l *List) ID() ListID { return ListID{Source: l.Source, Feed: l.Feed} }

// ID returns the ListID of the list v identifies.
func (v Version) ID() ListID { return ListID{Source: v.Source, Feed: v.Feed} }

// ParseListID returns the ListID named s (surrounding space ignored): an
// official source's name (case-insensitive) or, otherwise, an indicator
// feed's name, as [ParseIndicators] accepts it ("dprk_indicators" is the
// built-in feed). Any other string is an error wrapping [ErrListID].
func ParseListID(s string) (ListID, error) {
	name := strings.TrimSpace(s)
	if src, err := ParseSource(name); err == nil && src != Indicators {
		return ListID{Source: src}, nil
	}
	if err := checkFeedName(name); err != nil {
		return ListID{}, fmt.Errorf("lists: %w %q: neither an official list (%s) nor an indicator feed name: %w",
			ErrListID, s, officialNames(), err)
	}
	return ListID{Source: Indicators, Feed: name}, nil
}

func officialNames() string {
	names := make([]string, len(Sources))
	for i, s := range Sources {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
}

// String returns the feed's name for an indicator feed, else the
// source's stable name ("ofac_sdn").
func (id ListID) String() string {
	if id.Feed != "" {
		return id.Feed
	}
	return id.Source.String()
}

// Title returns a human-readable name of the list: the source's
// [Source.Title].
func (id ListID) Title() string { return id.Source.Title() }

// Validate reports whether id names a list: an official source without a
// feed, or Source Indicators with a valid feed name.
func (id ListID) Validate() error {
	switch {
	case id.Source == Indicators:
		if err := checkFeedName(id.Feed); err != nil {
			return fmt.Errorf("lists: %w: indicator feed: %w", ErrListID, err)
		}
	case id.Source == SourceUnknown || int(id.Source) >= len(sourceNames):
		return fmt.Errorf("lists: %w: source %s", ErrListID, id.Source)
	case id.Feed != "":
		return fmt.Errorf("lists: %w: %s has no feed %q", ErrListID, id.Source, id.Feed)
	}
	return nil
}

// Compare orders ListIDs by source, then feed name.
func (id ListID) Compare(o ListID) int {
	switch {
	case id.Source != o.Source:
		return int(id.Source) - int(o.Source)
	case id.Feed < o.Feed:
		return -1
	case id.Feed > o.Feed:
		return 1
	}
	return 0
}

// MarshalText implements encoding.TextMarshaler (JSON and YAML, map keys
// included): the String form.
func (id ListID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with [ParseListID].
func (id *ListID) UnmarshalText(b []byte) error {
	v, err := ParseListID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}
