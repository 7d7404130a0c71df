package lists

import (
	"errors"
	"fmt"
	"net/url"
	"path"
)

// ErrMirrorURL means a mirror base URL given to [MirrorFeeds] is not an
// absolute http or https URL usable as a base.
var ErrMirrorURL = errors.New("invalid mirror URL")

// MirrorFeeds returns the feeds of [OfficialFeeds], in the same order and
// formats, served from a mirror of the publishers' files at base instead
// of the publishers' sites: for networks that cannot reach the
// publishers, or that must go through an internal copy.
//
// The mirror holds each file at <base>/<source>/<name>, where source is
// the name of the [Source] (ofac_sdn, ofac_cons, un, eu, uk) and name the
// file's name as published, the last element of its official URL path:
//
//	ofac_sdn/SDN.CSV  ofac_sdn/ALT.CSV  ofac_sdn/ADD.CSV  ofac_sdn/SDN_COMMENTS.CSV
//	ofac_cons/CONS_PRIM.CSV  ofac_cons/CONS_ALT.CSV  ofac_cons/CONS_ADD.CSV  ofac_cons/CONS_COMMENTS.CSV
//	un/consolidated.xml
//	eu/xmlFullSanctionsList_1_1.xml
//	uk/UK-Sanctions-List.xml
//
// The EU's official URL ends in ".../content?token=...", so its file is
// named as in the cache (xmlFullSanctionsList_1_1.xml). Such a mirror is
// filled by fetching each official URL (see [OfficialFeeds]) with wget
// or curl into those paths. OFAC's CSV files state no publish date: the
// list is dated by the mirror's Last-Modified header, so the mirror
// should keep the publisher's modification time (curl -R, or wget, which
// keeps it by default) and serve it, as static file servers do.
//
// base must be an absolute http or https URL with a host, and no query,
// fragment or user name and password (which would show in errors and
// logs); a trailing slash is optional. Otherwise the error wraps
// [ErrMirrorURL].
func MirrorFeeds(base string) ([]Feed, error) {
	u, err := parseMirrorURL(base)
	if err != nil {
		return nil, err
	}
	feeds := OfficialFeeds()
	for i, f := range feeds {
		feeds[i] = mirrorFeed(u, f)
	}
	return feeds, nil
}

// parseMirrorURL checks a mirror base URL.
func parseMirrorURL(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		// The parser's error quotes the URL, which may hold a password.
		return nil, fmt.Errorf("lists: %w: not a URL", ErrMirrorURL)
	}
	bad := func(why string) error {
		return fmt.Errorf("lists: %w %q: %s", ErrMirrorURL, u.Redacted(), why)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, bad("want an absolute http:// or https:// URL")
	case u.Opaque != "" || u.Host == "":
		return nil, bad("no host")
	case u.User != nil:
		return nil, bad("no user name or password in the URL: they would show in errors and logs")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, bad("no query or fragment: files are found under its path")
	}
	return u, nil
}

// mirrorFeed returns f with its files at <base>/<source>/<name>.
func mirrorFeed(base *url.URL, f Feed) Feed {
	m := Feed{Source: f.Source, Format: f.Format, Files: make([]FeedFile, len(f.Files))}
	for i, ff := range f.Files {
		m.Files[i] = FeedFile{Name: ff.Name, URL: base.JoinPath(f.Source.String(), publishedName(ff)).String()}
	}
	return m
}

// publishedName is the name of an official file as published: the last
// element of its URL path, or its cache name when the URL has none that
// tells the file (the EU's ".../content?token=...").
func publishedName(ff FeedFile) string {
	u, err := url.Parse(ff.URL)
	if err != nil || u.RawQuery != "" {
		return ff.Name
	}
	if n := path.Base(u.Path); n != "/" && n != "." {
		return n
	}
	return ff.Name
}
