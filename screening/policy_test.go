package screening

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/payscreen/payscreen/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writePolicy(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

func TestLoadPolicy(t *testing.T) {
	tests := []struct {
		name, file, body string
		check            func(Policy) bool
		err              error
		reason           string
	}{
		{"yaml thresholds", "p.yaml", "review: 0.85\nblock: 0.97\n",
			func(p Policy) bool { return p.Review == 0.85 && p.Block == 0.97 && p.PayeeCountries["KP"] == Block }, nil,
			"unset fields keep their defaults"},
		{"json per program", "p.json", `{"programs": {"DPRK": {"review": 0.7}}}`,
			func(p Policy) bool {
				return p.ThresholdsFor(lists.ListID{Source: lists.UN}, []string{"DPRK"}, true).Review == 0.7 && p.ThresholdsFor(lists.ListID{Source: lists.UN}, nil, false).Review == DefaultReviewThreshold
			}, nil, "a DPRK override applies only to DPRK entries"},
		{"countries replace defaults", "p.yaml", "payee_countries: {KP: block}\n",
			func(p Policy) bool { _, ir := p.PayeeCountries["IR"]; return !ir && p.BankCountries["IR"] == Review }, nil,
			"a map the file sets replaces the default map; the other keeps its defaults"},
		{"misspelt field", "p.yaml", "reveiw: 0.85\n", nil, ErrPolicy, "unknown fields are errors, not ignored"},
		{"review above block", "p.json", `{"review": 0.99, "block": 0.9}`, nil, ErrPolicy, "review must not exceed block"},
		{"unknown source", "p.yaml", "sources: {OFAC SDN: {review: 0.9}}\n", nil, ErrPolicy, "sources are ofac_sdn, ofac_cons, un, eu, uk or an indicator feed's name"},
		{"bad decision", "p.yaml", "payee_countries: {KP: stop}\n", nil, ErrPolicy, "decisions are clear, review, block"},
		{"allow-list without fingerprint", "p.yaml", "allow_list: [{payee_id: E1, source: un, entity_id: KPi.033}]\n", nil, ErrPolicy,
			"an allow-list entry must pin the listed entry's content"},
		{"bad extension", "p.toml", "review = 0.8", nil, ErrPolicy, "only JSON and YAML"},
		{"bad max age", "p.yaml", "max_list_age: soon\n", nil, ErrPolicy, "a Go duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := LoadPolicy(writePolicy(t, tt.file, tt.body))
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err, tt.reason)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.True(t, tt.check(p), "policy %+v does not hold (%s)", p, tt.reason)
		})
	}
}

func TestDefaultPolicyValid(t *testing.T) {
	p := DefaultPolicy()
	require.NoError(t, p.Validate())
	assert.Equal(t, DefaultMaxListAge, p.MaxAge())
}

// TestPolicyErrorCauses: a policy error wraps ErrPolicy and its cause.
func TestPolicyErrorCauses(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.yaml")
	tests := []struct {
		name   string
		path   string
		cause  func(error) bool
		reason string
	}{
		{"missing file", missing, func(err error) bool { return errors.Is(err, fs.ErrNotExist) }, "a caller tells a missing file by fs.ErrNotExist"},
		{"bad JSON", writePolicy(t, "p.json", `{"review": }`), func(err error) bool { var se *json.SyntaxError; return errors.As(err, &se) },
			"the decoder's error stays reachable"},
		{"bad list", writePolicy(t, "p.yaml", "sources: {\"Acme Feed\": {review: 0.9}}\n"), func(err error) bool { return errors.Is(err, lists.ErrListID) },
			"an unknown list name wraps lists.ErrListID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadPolicy(tt.path)
			assert.ErrorIs(t, err, ErrPolicy, tt.reason)
			assert.True(t, tt.cause(err), "err = %v: want its cause (%s)", err, tt.reason)
		})
	}
}
