package screening

// MatchFacts are what a match's decision is made of: its name score and
// what its evidence did, by kind. [FactsOf] reads them from a match's
// evidence; [Decide] turns them into a decision under thresholds.
type MatchFacts struct {
	// Name is set when a listed name scored against the payee's name;
	// NameScore is that score, in [0,1].
	Name      bool
	NameScore float64
	// Identifier is set when a listed identifier (wallet, BIC, IBAN,
	// account, document, e-mail, phone; see [Field.Identifier]) matched;
	// IdentifierBlocks when one of them blocks, IdentifierCaps when one
	// of them caps the match at review.
	Identifier, IdentifierBlocks, IdentifierCaps bool
	// What the evidence that comes with a matched name did: excluded the
	// entry (a person against a listed organization, an impossible date
	// of birth), corroborated it (date of birth, country), contradicted it
	// weakly, or capped it at review (weak alias, single token).
	NameExcluded, NameCorroborated, NameContradicted, NameCapped bool
}

// FactsOf returns the facts of a match from its evidence: identifier
// fields by their effects, the name's score from the FieldName evidence
// that matches, and the effects of the other name-side evidence.
// Annotations (FieldNetwork, FieldAllowList) are neutral and count for
// nothing.
func FactsOf(ev []Evidence) MatchFacts {
	var f MatchFacts
	for _, e := range ev {
		if e.Field.Identifier() {
			f.Identifier = true
			switch e.Effect {
			case Blocks:
				f.IdentifierBlocks = true
			case Caps:
				f.IdentifierCaps = true
			}
			continue
		}
		switch e.Effect {
		case Matches:
			if e.Field == FieldName {
				f.Name, f.NameScore = true, e.Score
			}
		case Excludes:
			f.NameExcluded = true
		case Corroborates:
			f.NameCorroborated = true
		case Contradicts:
			f.NameContradicted = true
		case Caps:
			f.NameCapped = true
		}
	}
	return f
}

// Rule names the rule of [Decide] that decided a match.
type Rule uint8

// Rules, in the order Decide applies them.
const (
	RuleNoMatch          Rule = iota // no name at the review threshold and no identifier: not reported
	RuleIdentifierBlocks             // a listed identifier that blocks: Block
	RuleIdentifierOnly               // identifiers without a name at the review threshold: Review
	RuleExcluded                     // the name is excluded by a strong contradiction: Review with identifiers, else not reported
	RuleCorroborated                 // a name at the block threshold, corroborated, nothing contradicting or capping: Block
	RuleNameReview                   // a name at the review threshold: Review
)

var ruleNames = [...]string{"no_match", "identifier_blocks", "identifier_only", "excluded", "corroborated", "name_review"}

// String returns the stable name of r, such as "identifier_blocks".
func (r Rule) String() string {
	if int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return "Rule(?)"
}

// Verdict is what [Decide] makes of a match.
type Verdict struct {
	// Reported is false when the match is no match at all (RuleNoMatch,
	// or RuleExcluded without identifiers).
	Reported bool
	Decision Decision
	// Score is the match's score as results report it: 1 when an
	// identifier blocks or stands without a name at the review threshold,
	// else the name's score.
	Score float64
	Rule  Rule
}

// Decide is the decision rule of screening, the one [Screener] applies
// to every match and package evaluate re-applies at swept thresholds:
//
//   - without a name at th.Review and without identifiers, no match;
//   - an identifier that blocks: Block;
//   - identifiers without a name at th.Review: Review;
//   - a name excluded by a strong contradiction: Review if identifiers
//     matched, else no match;
//   - a name at th.Block, corroborated, with nothing contradicting it and
//     nothing (name or identifier) capping it: Block;
//   - otherwise Review.
func Decide(f MatchFacts, th Thresholds) Verdict {
	nameOK := f.Name && f.NameScore >= th.Review
	switch {
	case !nameOK && !f.Identifier:
		return Verdict{Rule: RuleNoMatch}
	case f.IdentifierBlocks:
		return Verdict{Reported: true, Decision: Block, Score: 1, Rule: RuleIdentifierBlocks}
	case !nameOK:
		return Verdict{Reported: true, Decision: Review, Score: 1, Rule: RuleIdentifierOnly}
	case f.NameExcluded:
		return Verdict{Reported: f.Identifier, Decision: Review, Score: f.NameScore, Rule: RuleExcluded}
	case f.NameScore >= th.Block && f.NameCorroborated && !f.NameContradicted && !f.NameCapped && !f.IdentifierCaps:
		return Verdict{Reported: true, Decision: Block, Score: f.NameScore, Rule: RuleCorroborated}
	}
	return Verdict{Reported: true, Decision: Review, Score: f.NameScore, Rule: RuleNameReview}
}
