// Package screening screens payroll payees and payments against sanctions
// lists and returns decisions a payroll system can act on and a compliance
// officer can audit.
//
// A [Screener] is built once from a loaded [lists.Set] and a [Policy]; it
// is immutable and safe for concurrent use. [Screener.Screen] takes a
// [Payee] and returns a [Result]: a [Decision] (Clear, Review or Block), the
// [Match] values behind it with their [Evidence], [Flag] values for what is
// wrong with the payee's own data, and the versions of the lists used.
//
// Decisions follow fixed rules:
//   - Block only on an exact identifier hit (a listed crypto address,
//     SWIFT/BIC, passport or national ID) or on a near-exact name
//     corroborated by date of birth or nationality with no contradiction.
//   - Review when a name reaches the review threshold without a strong
//     contradiction (a person matching an organization, a date of birth
//     that cannot be the listed one), and never more than Review for a
//     single-token or surname-only hit or a weak alias.
//   - Clear otherwise.
//
// Thresholds, the treatment of sanctioned countries and an allow-list of
// reviewed false positives come from the [Policy].
package screening
