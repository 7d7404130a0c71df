package screening

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDecide(t *testing.T) {
	th := Thresholds{Review: 0.8, Block: 0.95}
	tests := []struct {
		name   string
		m      MatchFacts
		want   Decision
		ok     bool
		reason string
	}{
		{"below review", MatchFacts{Name: true, NameScore: 0.79}, Clear, false, "a name below the review threshold is no match"},
		{"review", MatchFacts{Name: true, NameScore: 0.8}, Review, true, "the threshold itself reaches review"},
		{"uncorroborated", MatchFacts{Name: true, NameScore: 1}, Review, true, "block needs corroboration"},
		{"corroborated", MatchFacts{Name: true, NameScore: 0.95, NameCorroborated: true}, Block, true, "near-exact and corroborated"},
		{"corroborated low", MatchFacts{Name: true, NameScore: 0.94, NameCorroborated: true}, Review, true, "below the block threshold"},
		{"contradicted", MatchFacts{Name: true, NameScore: 1, NameCorroborated: true, NameContradicted: true}, Review, true, "a contradiction prevents block"},
		{"name capped", MatchFacts{Name: true, NameScore: 1, NameCorroborated: true, NameCapped: true}, Review, true, "a single token or weak alias caps at review"},
		{"id capped", MatchFacts{Name: true, NameScore: 1, NameCorroborated: true, Identifier: true, IdentifierCaps: true}, Review, true, "an e-mail hit caps the match too, as screening does"},
		{"excluded", MatchFacts{Name: true, NameScore: 1, NameExcluded: true}, Clear, false, "a strong contradiction dismisses a name-only match"},
		{"excluded with id", MatchFacts{Name: true, NameScore: 1, NameExcluded: true, Identifier: true}, Review, true, "an identifier keeps the match"},
		{"id blocks", MatchFacts{Identifier: true, IdentifierBlocks: true}, Block, true, "a listed BIC blocks whatever the name"},
		{"id blocks below review", MatchFacts{Name: true, NameScore: 0.5, Identifier: true, IdentifierBlocks: true, NameExcluded: true}, Block, true, "blocks before anything else"},
		{"id only", MatchFacts{Name: true, NameScore: 0.7, Identifier: true, NameCorroborated: true}, Review, true, "a name below review leaves the identifier: review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Decide(tt.m, th)
			if assert.Equal(t, tt.ok, v.Reported, "reported; rule %s (%s)", v.Rule, tt.reason) && v.Reported {
				assert.Equal(t, tt.want, v.Decision, "decision; rule %s (%s)", v.Rule, tt.reason)
			}
		})
	}
}

func TestFactsOf(t *testing.T) {
	tests := []struct {
		name   string
		ev     []Evidence
		want   MatchFacts
		reason string
	}{
		{"name and dob", []Evidence{{Field: FieldName, Score: 0.97, Effect: Matches}, {Field: FieldDOB, Effect: Corroborates}},
			MatchFacts{Name: true, NameScore: 0.97, NameCorroborated: true}, "name-side evidence counts only as name facts"},
		{"annotations", []Evidence{{Field: FieldNetwork, Effect: Neutral}, {Field: FieldAllowList, Effect: Neutral}},
			MatchFacts{}, "network and allow-list annotations are not identifier evidence"},
		{"identifiers", []Evidence{{Field: FieldBIC, Effect: Blocks}, {Field: FieldEmail, Effect: Caps}},
			MatchFacts{Identifier: true, IdentifierBlocks: true, IdentifierCaps: true}, "a cap on an identifier is not a name cap"},
		{"name caps", []Evidence{{Field: FieldName, Score: 1, Effect: Matches}, {Field: FieldName, Effect: Caps}, {Field: FieldType, Effect: Excludes}, {Field: FieldCountry, Effect: Contradicts}},
			MatchFacts{Name: true, NameScore: 1, NameCapped: true, NameExcluded: true, NameContradicted: true}, "every name-side effect is kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FactsOf(tt.ev), tt.reason)
		})
	}
}
