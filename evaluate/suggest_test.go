package evaluate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
			if err != nil {
				t.Fatal(err)
			}
			if s.Review != tt.review || s.Block != tt.block || s.RecallMet != tt.recallMet || s.BlockPrecisionMet != tt.precMet {
				t.Errorf("suggested review %.2f block %.2f (recall met %v, precision met %v); want %.2f %.2f %v %v (%s)",
					s.Review, s.Block, s.RecallMet, s.BlockPrecisionMet, tt.review, tt.block, tt.recallMet, tt.precMet, tt.reason)
			}
			if s.Policy.Review != s.Review || s.Policy.Block != s.Block || s.Policy.PayeeCountries["KP"] != screening.Block {
				t.Errorf("policy %+v: want the evaluated policy with the suggested thresholds", s.Policy)
			}
			if p := at(s.Review); s.Overall.Recall.Ratio != p.Recall {
				t.Errorf("suggestion's recall %+v, sweep at %.2f says %+v", s.Overall.Recall.Ratio, s.Review, p.Recall)
			}
		})
	}
	// The suggested review threshold is the highest meeting the target.
	s, _ := ev.Suggest(Targets{Recall: 0.9})
	if next := at(s.Review + 0.01); next.Recall.Value >= 0.9 {
		t.Errorf("review %.2f suggested but %.2f also reaches recall %.4f", s.Review, s.Review+0.01, next.Recall.Value)
	}
	for _, bad := range []Targets{{Recall: 1.5}, {BlockPrecision: -0.1}} {
		if _, err := ev.Suggest(bad); !errors.Is(err, ErrTargets) {
			t.Errorf("Suggest(%+v): error %v, want ErrTargets", bad, err)
		}
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
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ev2.Suggest(Targets{Recall: 0.99}); !errors.Is(err, ErrTargets) {
		t.Errorf("recall target on rows without true matches: error %v, want ErrTargets", err)
	}
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
			if err := WritePolicyFile(path, p); err != nil {
				t.Fatal(err)
			}
			got, err := screening.LoadPolicy(path)
			if err != nil {
				t.Fatal(err)
			}
			if !samePolicy(got, p) {
				t.Errorf("loaded %+v, want %+v", got, p)
			}
			b, _ := os.ReadFile(path)
			if !strings.Contains(string(b), "0.87") || !strings.Contains(string(b), "review") {
				t.Errorf("file %s does not show the review threshold:\n%s", path, b)
			}
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
			if err := WritePolicyFile(path, tt.p); !errors.Is(err, ErrPolicyFile) {
				t.Errorf("error %v, want ErrPolicyFile (%s)", err, tt.reason)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("left %v behind", ents)
			}
		})
	}
}
