package screening

import (
	"fmt"
	"slices"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
)

// TestITWorkerNetworkRealLists marks the network on the real lists of
// ../shared/lists: the 38 OFAC entries by ent_num, and the entries of the
// other lists that are the same companies or people.
func TestITWorkerNetworkRealLists(t *testing.T) {
	set, _ := realLists(t)
	n := ITWorkerNetwork(set)
	bySource := map[lists.Source]int{}
	var others []string
	for k, info := range n {
		bySource[k.List.Source]++
		if k.List.Source != lists.OFACSDN {
			others = append(others, fmt.Sprintf("%s %s -> %s by %s %q", k.List, k.ID, info.OFACID, info.LinkedBy, info.Link))
		}
	}
	slices.Sort(others)
	for _, o := range others {
		t.Log(o)
	}
	want := []string{
		`eu 5614 -> 54764 by name "Sobaeku United Corp."`,
		`uk 11043 -> 54764 by name "SOBAEKU UNITED CORP."`,
	}
	assert.Equal(t, want, others, "entries of other lists linked: want the EU and UK listings of Sobaeksu United Corp., which OFAC designated in 2025 as Korea Sobaeksu Trading Corporation")
	assert.Equal(t, 38, bySource[lists.OFACSDN], "OFAC SDN entries marked: want all 38 of the December 2025 list")
}
