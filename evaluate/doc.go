// Package evaluate measures how well a screening policy separates labelled
// true matches from non-matches, and suggests thresholds that reach a
// compliance team's targets.
//
// A labels file holds rows in the screening input format ([payroll.Columns])
// plus an "expect" column (clear, review or block) and, optionally,
// "source" and "entity_id" (the listed entry a true match must find, or a
// non-match must not), and "category" (for figures per category).
// [ReadLabels] reads it; [Evaluate] screens every row once and returns an
// [Evaluation]:
//
//   - recall of true matches: the share of rows expected review or block
//     that got at least review — and, where the row names a source or an
//     entity, a match on that source or entity;
//   - alert rate on non-matches: the share of rows expected clear that got
//     review or block (where the row names an entity: that matched it);
//   - block precision: of the rows decided block, the share expected block;
//     block recall: of the rows expected block, the share decided block;
//
// each with a bootstrap confidence interval from a seeded random number
// generator (the same inputs and seed give the same intervals), overall and
// per category, and the same figures swept over name-score thresholds.
//
// # How the sweep re-derives decisions
//
// Every row is screened once, under [SweepPolicy]: the policy with every
// review threshold lowered to the bottom of the sweep, so that each row's
// result holds every match any swept threshold could produce. Decisions at
// a threshold t are then re-derived from the matches' evidence with the
// screening package's own rule, [screening.FactsOf] and
// [screening.Decide], without screening again:
//
//   - a match whose name score is below the review threshold keeps only its
//     identifier evidence: it decides block on an identifier that blocks,
//     review on any other identifier, and disappears without one;
//   - a match whose name reaches the review threshold decides review, or
//     block if the name score also reaches the block threshold and the
//     evidence corroborates (date of birth, country) with nothing
//     contradicting or capping it; a strong contradiction (a person against
//     a listed organization, an impossible date of birth) dismisses a
//     name-only match;
//   - a row's decision is the highest of its matches' and of its flags'
//     (sanctioned countries, invalid identifiers), which no threshold moves.
//
// The review sweep moves the policy's overall review threshold (alerts and
// recall depend on it alone); the block sweep moves the overall block
// threshold (block decisions depend on it alone once it is at or above the
// review threshold). Per-source and per-program overrides stay as the
// policy sets them. Scores are compared as results report them, rounded to
// four decimals. At the policy's own thresholds the re-derived decision is
// the decision screening with the policy gives; the tests check it.
//
// [Suggest] picks review and block thresholds for [Targets], and
// [WritePolicyFile] writes the policy with them; [WriteReport] writes a
// self-contained HTML report with SVG charts for a compliance officer to
// read and file.
package evaluate
