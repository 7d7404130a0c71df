package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moov-io/watchman/pkg/search"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/watchman/wmserver"
)

// watchmanBinary returns the Watchman server binary: $PAYSCREEN_WATCHMAN_BIN
// or the one scripts/watchman/build.sh builds. Without it the test is
// skipped, except in CI, where it fails.
func watchmanBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("PAYSCREEN_WATCHMAN_BIN"); bin != "" {
		return bin
	}
	var stderr strings.Builder
	cmd := exec.Command("bash", filepath.Join("..", "scripts", "watchman", "build.sh"))
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the Watchman server is required in CI: %v\n%s", err, stderr.String())
		}
		t.Skipf("cannot build the Watchman server: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestSameClientBothServers runs one application's code — Watchman's Go
// client — against a real Watchman v0.65.1 server and against payscreen
// serve over the same lists, changing only the base URL: both hold the
// same entries, and both find listed people and organizations by their
// listed names under the same source lists and IDs.
func TestSameClientBothServers(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no real Watchman server")
	}
	dirs := []string{"ofac/2025-12", "ofac-nonsdn/2025-12", "un/2026-02", "eu/2024-01"}
	set := sharedSet(t, dirs...)
	var paths []string
	for _, d := range dirs {
		paths = append(paths, sharedPath(t, "lists/"+d))
	}
	bin := watchmanBinary(t)
	ctx := context.Background()
	wm, err := wmserver.Start(ctx, wmserver.Config{Binary: bin, Dirs: paths})
	require.NoError(t, err)
	t.Cleanup(func() { wm.Close() })
	_, ts, _ := start(t, Config{Load: fixed(set)})

	clients := map[string]search.Client{
		"watchman":  search.NewClient(nil, wm.URL),
		"payscreen": search.NewClient(nil, ts.URL),
	}
	infos := map[string]search.ListInfoResponse{}
	for name, c := range clients {
		info, err := c.ListInfo(ctx)
		require.NoError(t, err, name)
		infos[name] = info
	}
	assert.Equal(t, infos["watchman"].Lists, infos["payscreen"].Lists, "the same entries per source list")

	// Every 400th entry of each list with a name of three words or more.
	type probe struct {
		name   string
		typ    search.EntityType
		source search.SourceList
		id     string // payscreen's ID: Watchman's, or the UN reference number
	}
	var probes []probe
	for _, l := range set.Lists {
		sl := map[lists.Source]search.SourceList{lists.OFACSDN: search.SourceUSOFAC, lists.OFACNonSDN: search.SourceUSNonSDN,
			lists.UN: search.SourceUNCSL, lists.EU: search.SourceEUCSL}[l.Source]
		for i := 0; i < len(l.Entities); i += 400 {
			e := &l.Entities[i]
			if len(strings.Fields(e.PrimaryName())) < 3 || (e.Type != lists.Person && e.Type != lists.Organization) {
				continue
			}
			typ := search.EntityPerson
			if e.Type == lists.Organization {
				typ = search.EntityBusiness
			}
			probes = append(probes, probe{e.PrimaryName(), typ, sl, e.ID})
		}
	}
	require.Greater(t, len(probes), 40)
	found := map[string]int{}
	for _, p := range probes {
		q := search.Entity[search.Value]{Name: p.name, Type: p.typ}
		if p.typ == search.EntityPerson {
			q.Person = &search.Person{Name: p.name}
		} else {
			q.Business = &search.Business{Name: p.name}
		}
		for name, c := range clients {
			resp, err := c.SearchByEntity(ctx, q, search.SearchOpts{Limit: 10})
			require.NoError(t, err, name)
			for _, e := range resp.Entities {
				id := e.SourceID
				if e.Source == search.SourceUNCSL {
					sd, _ := e.SourceData.(map[string]any)
					id, _ = sd["ReferenceNumber"].(string)
				}
				if e.Source == p.source && id == p.id {
					found[name]++
					break
				}
			}
		}
	}
	t.Logf("%d listed names; found by watchman %d, by payscreen %d", len(probes), found["watchman"], found["payscreen"])
	assert.Equal(t, len(probes), found["payscreen"], "payscreen finds every listed entry by its listed name")
	assert.GreaterOrEqual(t, found["watchman"], len(probes)*9/10, "so does Watchman (the same client code against both)")
}
