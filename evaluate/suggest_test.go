package evaluate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func TestSuggest(t *testing.T) {
	ev := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: 100})
	at := func(th float64) Point {
		for _, p := range ev.Sweep {
			if p.Threshold == th {
				return p
			}
		}
		t.Fatalf("no sweep point at %v", th)
		return Point{}
	}
	tests := []struct {
		name               string
		targets            Targets
		review, block      float64
		recallMet, precMet bool
		reason             string
	}{
		{"none", Targets{}, 0.80, 0.95, true, true, "no target keeps the policy"},
		{"recall 0.9", Targets{Recall: 0.9}, 0.90, 0.95, true, true,
			"14/15 holds up to 0.90; p03 (\"Vitaly Andreev\", 0.9014 against ANDREYEV) drops out at 0.91: 13/15"},
		{"recall 1", Targets{Recall: 1}, 0.60, 0.95, false, true, "p11 is on no list: recall 1 cannot be met; the lowest threshold comes closest"},
		{"block precision 0.99", Targets{BlockPrecision: 0.99}, 0.80, 0.80, true, false,
			"n11 is blocked by its country whatever the threshold: 7/8 at best, and the lowest threshold with the best precision"},
		{"block precision 0.8", Targets{BlockPrecision: 0.8}, 0.80, 0.80, true, true, "7/8 meets 0.8 from the review threshold up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ev.Suggest(tt.targets)
			require.NoError(t, err)
			assert.Equal(t, tt.review, s.Review, "suggested review (%s)", tt.reason)
			assert.Equal(t, tt.block, s.Block, "suggested block (%s)", tt.reason)
			assert.Equal(t, tt.recallMet, s.RecallMet, "recall met (%s)", tt.reason)
			assert.Equal(t, tt.precMet, s.BlockPrecisionMet, "block precision met (%s)", tt.reason)
			assert.Equal(t, [2]float64{s.Review, s.Block}, [2]float64{s.Policy.Review, s.Policy.Block}, "the policy has the suggested thresholds")
			assert.Equal(t, screening.Block, s.Policy.PayeeCountries["KP"], "the policy is the evaluated one")
			assert.Equal(t, at(s.Review).Recall, s.Overall.Recall.Ratio, "suggestion's recall, as the sweep at %.2f says", s.Review)
		})
	}
	// The suggested review threshold is the highest meeting the target.
	s, _ := ev.Suggest(Targets{Recall: 0.9})
	assert.Less(t, at(s.Review+0.01).Recall.Value, 0.9, "review %.2f suggested but %.2f also reaches the recall", s.Review, s.Review+0.01)
	for _, bad := range []Targets{{Recall: 1.5}, {BlockPrecision: -0.1}} {
		_, err := ev.Suggest(bad)
		assert.ErrorIs(t, err, ErrTargets, "Suggest(%+v)", bad)
	}
}

func TestSuggestNoPositives(t *testing.T) {
	ev := sampleEval(t, screening.DefaultPolicy(), Options{Resamples: -1})
	var neg []Case
	for _, c := range ev.cases {
		if !c.Label.Positive() {
			neg = append(neg, c)
		}
	}
	ev2, err := Evaluate(t.Context(), sampleSet(t), screening.DefaultPolicy(), &Labels{Name: "neg", Cases: neg}, Options{Resamples: -1})
	require.NoError(t, err)
	_, err = ev2.Suggest(Targets{Recall: 0.99})
	assert.ErrorIs(t, err, ErrTargets, "recall target on rows without true matches")
}

func TestWritePolicyFile(t *testing.T) {
	p := screening.DefaultPolicy()
	p.Review, p.Block = 0.87, 0.93
	p.Sources = map[lists.ListID]screening.Thresholds{{Source: lists.UN}: {Review: 0.9}}
	p.Programs = map[string]screening.Thresholds{"DPRK": {Review: 0.75, Block: 0.9}}
	p.MaxListAge = "72h0m0s"
	for _, ext := range []string{".json", ".yaml", ".yml"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "policy"+ext)
			require.NoError(t, WritePolicyFile(path, p))
			got, err := screening.LoadPolicy(path)
			require.NoError(t, err)
			assert.True(t, samePolicy(got, p), "loaded %+v, want %+v", got, p)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Contains(t, string(b), "0.87", "the file shows the review threshold")
			assert.Contains(t, string(b), "review", "the file names the review threshold")
		})
	}
	tests := []struct {
		name   string
		path   string
		p      screening.Policy
		reason string
	}{
		{"extension", "policy.toml", p, "only JSON and YAML are policy files"},
		{"invalid", "policy.json", screening.Policy{}, "an invalid policy is never written"},
		{"not round-tripping", "policy.json", func() screening.Policy {
			q := screening.DefaultPolicy()
			q.PayeeCountries = map[string]screening.Decision{}
			return q
		}(), "a policy without the default countries would load with them: refuse to write it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.path)
			assert.ErrorIs(t, WritePolicyFile(path, tt.p), ErrPolicyFile, tt.reason)
			ents, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, ents, "nothing left behind (%s)", tt.reason)
		})
	}
}
