package evaluate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/payscreen/payscreen/screening"
)

// Targets are what a compliance team asks of its thresholds. A zero
// target leaves the policy's threshold as it is.
type Targets struct {
	// Recall is the lowest acceptable recall of true matches (e.g. 0.99).
	Recall float64 `json:"recall,omitempty"`
	// BlockPrecision is the lowest acceptable block precision (e.g. 0.99).
	BlockPrecision float64 `json:"block_precision,omitempty"`
}

// ErrTargets is wrapped when targets are invalid or cannot be assessed on
// the labelled rows (no positives for a recall target).
var ErrTargets = errors.New("cannot suggest thresholds")

// Suggestion is a pair of thresholds chosen for targets, and the figures
// they reach on the labelled rows.
type Suggestion struct {
	Targets Targets `json:"targets"`
	// Review and Block are the suggested overall thresholds.
	Review float64 `json:"review"`
	Block  float64 `json:"block"`
	// RecallMet and BlockPrecisionMet report whether the point figures
	// reach the targets; when a target cannot be reached on the swept
	// thresholds, the threshold that comes closest is suggested.
	RecallMet         bool `json:"recall_met"`
	BlockPrecisionMet bool `json:"block_precision_met"`
	// Policy is the evaluated policy with the suggested thresholds.
	Policy screening.Policy `json:"policy"`
	// Overall and Categories are the figures at the suggested thresholds,
	// with intervals.
	Overall    Metrics           `json:"overall"`
	Categories []CategoryMetrics `json:"categories,omitempty"`
}

// Suggest picks, among the swept thresholds:
//   - as review threshold, the highest one whose recall reaches
//     t.Recall — the fewest alerts that keep the recall — or, if none
//     does, the lowest;
//   - as block threshold, the lowest one at or above the review threshold
//     whose block precision reaches t.BlockPrecision — the most blocks
//     that keep the precision — or, if none does, the one with the
//     highest block precision. A threshold at which nothing is blocked
//     meets any precision target only if no lower one does.
//
// Targets are met on the point figures; the suggestion's intervals show
// how far they can be trusted on the number of labelled rows.
func (e *Evaluation) Suggest(t Targets) (*Suggestion, error) {
	for _, v := range []float64{t.Recall, t.BlockPrecision} {
		if v < 0 || v > 1 {
			return nil, fmt.Errorf("%w: targets must be in [0,1], got %+v", ErrTargets, t)
		}
	}
	s := &Suggestion{Targets: t, Review: e.Policy.Review, Block: e.Policy.Block, RecallMet: true, BlockPrecisionMet: true}
	pts := e.Sweep
	if t.Recall > 0 {
		if e.Overall.Positives == 0 {
			return nil, fmt.Errorf("%w: a recall target needs rows expected review or block", ErrTargets)
		}
		s.Review, s.RecallMet = pts[0].Threshold, false
		for i := len(pts) - 1; i >= 0; i-- {
			if pts[i].Recall.Value >= t.Recall {
				s.Review, s.RecallMet = pts[i].Threshold, true
				break
			}
		}
	}
	if t.BlockPrecision > 0 {
		chosen, vacuous, best := -1, -1, -1
		for i, p := range pts {
			if p.Threshold < s.Review {
				continue
			}
			switch {
			case !p.BlockPrecision.Defined():
				if vacuous < 0 {
					vacuous = i
				}
			case p.BlockPrecision.Value >= t.BlockPrecision:
				if chosen < 0 {
					chosen = i
				}
			}
			if p.BlockPrecision.Defined() && (best < 0 || p.BlockPrecision.Value > pts[best].BlockPrecision.Value) {
				best = i
			}
		}
		switch {
		case chosen >= 0:
			s.Block = pts[chosen].Threshold
		case vacuous >= 0:
			s.Block = pts[vacuous].Threshold
		case best >= 0:
			s.Block, s.BlockPrecisionMet = pts[best].Threshold, false
		default:
			s.Block = max(s.Review, s.Block)
		}
	}
	s.Block = max(s.Block, s.Review)
	s.Policy = e.Policy
	s.Policy.Review, s.Policy.Block = s.Review, s.Block
	if err := s.Policy.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTargets, err)
	}
	var err error
	s.Overall, s.Categories, err = e.Measure(s.Policy)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTargets, err)
	}
	return s, nil
}

// ErrPolicyFile is wrapped when a policy cannot be written.
var ErrPolicyFile = errors.New("cannot write policy file")

// EncodePolicy returns p as a policy file in JSON or YAML, by the
// extension of path (.json, .yaml or .yml), in the form
// [screening.LoadPolicy] reads.
func EncodePolicy(path string, p screening.Policy) ([]byte, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrPolicyFile, err)
		}
		return append(b, '\n'), nil
	case ".yaml", ".yml":
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(p); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrPolicyFile, err)
		}
		if err := enc.Close(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrPolicyFile, err)
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("%w: %s: want a .json, .yaml or .yml file", ErrPolicyFile, path)
}

// WritePolicyFile writes p to path as [EncodePolicy] encodes it, then
// reads it back with [screening.LoadPolicy] and fails unless it loads as
// the same policy: a written policy always means what was evaluated. The
// file is replaced only when it checks out.
func WritePolicyFile(path string, p screening.Policy) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrPolicyFile, err)
	}
	b, err := EncodePolicy(path, p)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".policy-*"+filepath.Ext(path))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrPolicyFile, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("%w: %w", ErrPolicyFile, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%w: %w", ErrPolicyFile, err)
	}
	back, err := screening.LoadPolicy(tmp)
	if err != nil {
		return fmt.Errorf("%w: written policy does not load: %w", ErrPolicyFile, err)
	}
	if !samePolicy(back, p) {
		return fmt.Errorf("%w: %s would load as a different policy", ErrPolicyFile, path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("%w: %w", ErrPolicyFile, err)
	}
	return nil
}

// samePolicy compares policies, an empty map equal to a nil one.
func samePolicy(a, b screening.Policy) bool {
	norm := func(p *screening.Policy) {
		if len(p.Sources) == 0 {
			p.Sources = nil
		}
		if len(p.Programs) == 0 {
			p.Programs = nil
		}
		if len(p.PayeeCountries) == 0 {
			p.PayeeCountries = nil
		}
		if len(p.BankCountries) == 0 {
			p.BankCountries = nil
		}
		if len(p.AllowList) == 0 {
			p.AllowList = nil
		}
	}
	norm(&a)
	norm(&b)
	return reflect.DeepEqual(a, b)
}
