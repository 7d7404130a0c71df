package lists

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSample(t *testing.T) {
	set, err := Sample()
	require.NoError(t, err)
	require.Len(t, set.Lists, 2)
	want := []struct {
		src      Source
		entities int
	}{{OFACSDN, 23}, {UN, 8}}
	for i, l := range set.Lists {
		if !l.Sample {
			t.Errorf("list %d (%s) is not marked Sample", i, l.Source)
		}
		assert.Equal(t, want[i].src, l.Source, "list %d", i)
		assert.Len(t, l.Entities, want[i].entities, "list %d", i)
		for _, f := range l.Files {
			if len(f.SHA256) != 64 || f.Size == 0 {
				t.Errorf("list %s: file %+v has no hash or size", l.Source, f)
			}
		}
	}
	// The sample must hold what the example payroll exercises: a DPRK bank
	// listed by BIC and a listed wallet.
	var bic, wallet bool
	for _, e := range set.Lists[0].Entities {
		for _, id := range e.Identifiers {
			bic = bic || (id.Type == IDSWIFTBIC && id.Value == "KMBKKPPY")
		}
		for _, c := range e.Crypto {
			wallet = wallet || c.Address == "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"
		}
	}
	assert.True(t, bic, "sample lacks Kumgang Bank's BIC")
	assert.True(t, wallet, "sample lacks Kumgang Bank's BIC")
	// Samples are exempt from the staleness check, whatever their age.
	assert.NoError(t, set.CheckFresh(set.Lists[1].Published.AddDate(10, 0, 0), 24*3600e9), "CheckFresh on the sample")
}
