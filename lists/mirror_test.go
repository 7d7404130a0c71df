package lists

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMirrorFeedsURLs(t *testing.T) {
	tests := []struct {
		base   string
		want   string // URL of the UN file
		reason string
	}{
		{"https://mirror.internal/sanctions", "https://mirror.internal/sanctions/un/consolidated.xml", "files under the base path"},
		{"https://mirror.internal/sanctions/", "https://mirror.internal/sanctions/un/consolidated.xml", "a trailing slash adds no empty element"},
		{"http://10.0.0.5:8080", "http://10.0.0.5:8080/un/consolidated.xml", "plain http, a port and no path"},
		{"http://[::1]:9000/a%20b/", "http://[::1]:9000/a%20b/un/consolidated.xml", "an IPv6 host; an escaped path stays escaped"},
		{"HTTPS://Mirror.Internal/x", "https://Mirror.Internal/x/un/consolidated.xml", "the scheme is case-insensitive"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			feeds, err := MirrorFeeds(tt.base)
			require.NoError(t, err, tt.reason)
			i := slices.IndexFunc(feeds, func(f Feed) bool { return f.Source == UN })
			require.GreaterOrEqual(t, i, 0, "no UN feed")
			assert.Equal(t, tt.want, feeds[i].Files[0].URL, tt.reason)
		})
	}
}

// TestMirrorFeedsLayout checks every file of every feed: same sources,
// formats and cache names as the official feeds, at
// <base>/<source>/<name as published>.
func TestMirrorFeedsLayout(t *testing.T) {
	const base = "https://mirror.internal/lists"
	feeds, err := MirrorFeeds(base)
	require.NoError(t, err)
	official := OfficialFeeds()
	require.Len(t, feeds, len(official), "one mirror feed per official feed")
	want := map[string]string{ // cache name: path under base
		"sdn.csv":                      "ofac_sdn/SDN.CSV",
		"alt.csv":                      "ofac_sdn/ALT.CSV",
		"add.csv":                      "ofac_sdn/ADD.CSV",
		"sdn_comments.csv":             "ofac_sdn/SDN_COMMENTS.CSV",
		"cons_prim.csv":                "ofac_cons/CONS_PRIM.CSV",
		"cons_alt.csv":                 "ofac_cons/CONS_ALT.CSV",
		"cons_add.csv":                 "ofac_cons/CONS_ADD.CSV",
		"cons_comments.csv":            "ofac_cons/CONS_COMMENTS.CSV",
		"consolidated.xml":             "un/consolidated.xml",
		"xmlFullSanctionsList_1_1.xml": "eu/xmlFullSanctionsList_1_1.xml", // the EU URL names no file
		"UK-Sanctions-List.xml":        "uk/UK-Sanctions-List.xml",
	}
	seen := 0
	for i, f := range feeds {
		o := official[i]
		assert.Equal(t, [2]any{o.Source, o.Format}, [2]any{f.Source, f.Format}, "feed %d: same source and format", i)
		assert.NoError(t, f.validate(), "feed %d is usable by the Downloader", i)
		require.Len(t, f.Files, len(o.Files), "feed %d: same files", i)
		for j, ff := range f.Files {
			assert.Equal(t, o.Files[j].Name, ff.Name, "%s file %d: the cache name is kept, so the cache reads the same", f.Source, j)
			assert.Equal(t, base+"/"+want[ff.Name], ff.URL, "%s %s", f.Source, ff.Name)
			seen++
		}
	}
	assert.Equal(t, len(want), seen, "every file of the layout is in a feed")
	assert.True(t, strings.HasPrefix(OfficialFeeds()[0].Files[0].URL, OFACBaseURL), "the official feeds are unchanged")
}

func TestMirrorFeedsRefused(t *testing.T) {
	tests := []struct {
		base   string
		want   string // in the error
		reason string
	}{
		{"", "want an absolute", "no URL at all"},
		{"mirror.internal/lists", "want an absolute", "no scheme: a relative reference"},
		{"/srv/lists", "want an absolute", "a local path is not a URL (use --lists for folders)"},
		{"//mirror.internal/lists", "want an absolute", "scheme-relative"},
		{"ftp://mirror.internal/lists", "want an absolute", "only http and https are downloaded"},
		{"file:///srv/lists", "want an absolute", "file URLs are not downloaded"},
		{"https://", "no host", "a scheme alone"},
		{"http:mirror.internal/lists", "no host", "an opaque URL has no host"},
		{"https://user:secret@mirror.internal/", "no user name or password", "credentials would be logged"},
		{"https://mirror.internal/lists?token=1", "no query or fragment", "a query cannot be a base"},
		{"https://mirror.internal/lists?", "no query or fragment", "an empty query too"},
		{"https://mirror.internal/lists#top", "no query or fragment", "a fragment cannot be a base"},
		{"https://mirror internal/", "not a URL", "a space in the host does not parse"},
		{"https://mirror.internal/%zz", "not a URL", "a bad escape does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			feeds, err := MirrorFeeds(tt.base)
			require.Error(t, err, tt.reason)
			assert.Nil(t, feeds, tt.reason)
			assert.True(t, errors.Is(err, ErrMirrorURL), "wraps ErrMirrorURL (%s): %v", tt.reason, err)
			assert.Contains(t, err.Error(), tt.want, tt.reason)
			assert.NotContains(t, err.Error(), "secret", "no password in the error (%s)", tt.reason)
		})
	}
}

// TestUpdateFromMirror downloads OFAC SDN and the UN list from a loopback
// mirror laid out as MirrorFeeds documents, into a cache that loads.
func TestUpdateFromMirror(t *testing.T) {
	p := newTestPublisher(t)
	for _, n := range []string{"SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"} {
		p.set("/ofac_sdn/"+n, p.files["/ofac/"+n])
	}
	p.set("/un/consolidated.xml", unFixture(20, "2026-02-27"))
	feeds, err := MirrorFeeds(p.srv.URL + "/")
	require.NoError(t, err)
	d := p.downloader(t.TempDir())
	d.Feeds, d.Sources = feeds, []Source{OFACSDN, UN}
	report, err := d.Update(t.Context())
	require.NoError(t, err)
	assert.Equal(t, map[Source]UpdateOutcome{OFACSDN: Updated, UN: Updated}, outcomes(report), "both downloaded")
	for _, path := range []string{"/ofac_sdn/SDN.CSV", "/ofac_sdn/SDN_COMMENTS.CSV", "/un/consolidated.xml"} {
		n, _ := p.count(path)
		assert.Equal(t, 1, n, "requests of %s", path)
	}
	set, err := LoadCache(t.Context(), d.CacheDir, LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, 23, set.Len(), "3 OFAC entries and 20 UN entries")
	meta, err := readCacheMeta(d.CacheDir, UN)
	require.NoError(t, err)
	require.NotNil(t, meta)
	require.Len(t, meta.Files, 1)
	assert.Equal(t, p.srv.URL+"/un/consolidated.xml", meta.Files[0].URL, "the sidecar records the mirror's URL")
}

// ExampleMirrorFeeds downloads the lists from an internal mirror of the
// publishers' files rather than from the publishers.
func ExampleMirrorFeeds() {
	feeds, err := MirrorFeeds("https://mirror.example.internal/sanctions")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range feeds {
		fmt.Println(f.Source, f.Files[0].URL)
	}
	d := NewDownloader("/var/cache/payscreen/lists")
	d.Feeds = feeds // then d.Update(ctx)
	// Output:
	// ofac_sdn https://mirror.example.internal/sanctions/ofac_sdn/SDN.CSV
	// ofac_cons https://mirror.example.internal/sanctions/ofac_cons/CONS_PRIM.CSV
	// un https://mirror.example.internal/sanctions/un/consolidated.xml
	// eu https://mirror.example.internal/sanctions/eu/xmlFullSanctionsList_1_1.xml
	// uk https://mirror.example.internal/sanctions/uk/UK-Sanctions-List.xml
}
