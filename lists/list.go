package lists

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Format is a published file format of a list.
type Format uint8

// The formats payscreen reads.
const (
	FormatUnknown      Format = iota
	FormatOFACCSV             // OFAC legacy CSV: sdn.csv/alt.csv/add.csv/sdn_comments.csv or cons_*.csv
	FormatOFACXML             // OFAC SDN.XML or CONSOLIDATED.XML
	FormatOFACAdvanced        // OFAC SDN_ADVANCED.XML (or CONS_ADVANCED.XML)
	FormatUNXML               // UN Security Council consolidated.xml
	FormatEUXML               // EU FSF XML 1.1
	FormatEUCSV               // EU FSF CSV 1.1
	FormatUKXML               // FCDO UK Sanctions List XML
	FormatUKCSV               // FCDO UK Sanctions List CSV
	FormatOFSICSV             // legacy OFSI ConList.csv
	FormatIndicators          // payscreen indicator feed (JSON Lines)
)

var formatNames = [...]string{
	"unknown", "ofac_csv", "ofac_xml", "ofac_advanced_xml", "un_xml",
	"eu_xml", "eu_csv", "uk_xml", "uk_csv", "ofsi_csv", "indicators",
}

// String returns the stable name of f, such as "ofac_csv".
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// FileInfo identifies one file a list was read from.
type FileInfo struct {
	Name   string `json:"name"`   // base name of the file as read, e.g. "sdn.csv"
	SHA256 string `json:"sha256"` // lower-case hex sha256 of the bytes as published (for a .bz2 copy: of the decompressed bytes)
	Size   int64  `json:"size"`   // size in bytes of what was hashed
}

// Where a list's publish date comes from.
const (
	PublishedFromContent      = "content"       // stated inside the file
	PublishedFromLastModified = "last-modified" // the publisher's HTTP Last-Modified header, kept in the cache
	PublishedFromFileTime     = "file-mtime"    // the local file's modification time: the format states no date
)

// List is one loaded sanctions list: the entities of one publication with
// what identifies that publication.
type List struct {
	Source Source
	// Feed names an indicator feed (Source Indicators): "dprk_indicators"
	// for the built-in feed, the user's name for their own. Empty for the
	// official lists.
	Feed   string `json:",omitempty"`
	Format Format
	// Published is the publication date: stated in the file where the
	// format has one (PublishedFrom "content"), otherwise taken from the
	// download's Last-Modified header or the file's modification time.
	Published     time.Time
	PublishedFrom string
	// Retrieved is when the list was last confirmed current with its
	// publisher (a download or a 304 Not Modified); zero for local files.
	Retrieved time.Time `json:",omitzero"`
	Files     []FileInfo
	Entities  []Entity
	// Sample is set on the small sample lists built into payscreen, which
	// are for demonstrations only and must never be used to screen real
	// payments.
	Sample bool `json:",omitempty"`
}

// Version identifies the publication a list was loaded from. Results carry
// the versions of the lists they were decided against.
type Version struct {
	Source    Source     `json:"source"`
	Feed      string     `json:"feed,omitempty"`
	Format    Format     `json:"format"`
	Published time.Time  `json:"published"`
	Files     []FileInfo `json:"files"`
	Sample    bool       `json:"sample,omitempty"`
}

// Version returns what identifies l's publication.
func (l *List) Version() Version {
	return Version{Source: l.Source, Feed: l.Feed, Format: l.Format, Published: l.Published, Files: l.Files, Sample: l.Sample}
}

// SHA256 returns the sha256 of l's files joined by "+" in file order, a
// short form of l's identity for display.
func (v Version) SHA256() string {
	parts := make([]string, len(v.Files))
	for i, f := range v.Files {
		parts[i] = f.SHA256
	}
	return strings.Join(parts, "+")
}

// Counts summarizes a list.
type Counts struct {
	Entities      int
	ByType        map[EntityType]int
	StrongAliases int
	WeakAliases   int
	DPRK          int
	Identifiers   int
	// Crypto counts the listed crypto addresses by currency tag as published.
	Crypto map[string]int
}

// Counts returns the counts of l's entities, aliases, DPRK entries and
// crypto addresses.
func (l *List) Counts() Counts {
	c := Counts{ByType: map[EntityType]int{}, Crypto: map[string]int{}}
	for i := range l.Entities {
		e := &l.Entities[i]
		c.Entities++
		c.ByType[e.Type]++
		if e.DPRK {
			c.DPRK++
		}
		for _, n := range e.Names {
			if n.Kind == Primary {
				continue
			}
			if n.Strength == Weak {
				c.WeakAliases++
			} else {
				c.StrongAliases++
			}
		}
		c.Identifiers += len(e.Identifiers)
		for _, a := range e.Crypto {
			c.Crypto[a.Currency]++
		}
	}
	return c
}

// CryptoCurrencies returns the currency tags of c.Crypto in sorted order.
func (c Counts) CryptoCurrencies() []string {
	tags := make([]string, 0, len(c.Crypto))
	for t := range c.Crypto {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return tags
}

// Set is the collection of lists a screening runs against. A Set is
// immutable once loaded and safe for concurrent use.
type Set struct {
	Lists []*List
}

// Versions returns the versions of every list in s, in order.
func (s *Set) Versions() []Version {
	v := make([]Version, len(s.Lists))
	for i, l := range s.Lists {
		v[i] = l.Version()
	}
	return v
}

// Len returns the number of entities over all lists of s.
func (s *Set) Len() int {
	n := 0
	for _, l := range s.Lists {
		n += len(l.Entities)
	}
	return n
}

// CheckFresh returns an error wrapping [ErrStale] if any list in s was
// published and last confirmed current more than maxAge before now. A
// maxAge of zero or less disables the check. Sample lists are exempt: they
// are never current, and are marked as samples wherever they are shown.
// So are indicator feeds: they are not publications that are replaced, and
// each indicator carries its own date.
func (s *Set) CheckFresh(now time.Time, maxAge time.Duration) error {
	if maxAge <= 0 {
		return nil
	}
	for _, l := range s.Lists {
		if l.Sample || l.Source == Indicators {
			continue
		}
		asOf := l.Published
		if l.Retrieved.After(asOf) {
			asOf = l.Retrieved
		}
		if asOf.IsZero() {
			return fmt.Errorf("%w: %s (%s) has no publish date", ErrStale, l.Source.Title(), l.Format)
		}
		if age := now.Sub(asOf); age > maxAge {
			return fmt.Errorf("%w: %s (%s) is from %s, %s old, more than the maximum age %s",
				ErrStale, l.Source.Title(), l.Format, asOf.Format("2006-01-02"), roundDays(age), roundDays(maxAge))
		}
	}
	return nil
}

func roundDays(d time.Duration) string {
	days := int(d.Hours() / 24)
	if days >= 2 {
		return fmt.Sprintf("%d days", days)
	}
	return d.Round(time.Minute).String()
}

// IsDPRKProgram reports whether a program or regime name, as any of the
// lists publishes it, is a North Korea sanctions regime: OFAC's DPRK,
// DPRK2, DPRK3, DPRK4, DPRK-NKSPEA; the UN's "DPRK" list type; the EU's
// "PRK" programme; the UK's "Democratic People's Republic of Korea" regime.
func IsDPRKProgram(p string) bool {
	k := countryKey(p)
	switch {
	case k == "prk", k == "nkspea", strings.HasPrefix(k, "dprk"):
		return true
	case strings.Contains(k, "democratic people s republic of korea"),
		strings.Contains(k, "north korea"), strings.Contains(k, "korea north"),
		strings.Contains(k, "korea democratic people s republic"):
		return true
	}
	return false
}
