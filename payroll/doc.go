// Package payroll reads payroll files — CSV with a header or JSON Lines —
// into screening rows, and writes screening results as JSON Lines or CSV.
//
// The columns (CSV header names or JSON keys, case-insensitive, in any
// order; unknown ones are ignored; all optional except id) are: id, name,
// type (person|organization|unknown), dob (YYYY-MM-DD, YYYY-MM or YYYY),
// country (ISO 3166 alpha-2), address, email, phone, iban, bic,
// account_number, routing_number, bank_country, wallet, wallet_currency,
// amount, currency.
//
// A row that cannot be read (a wrong number of fields, an amount that is
// not a number, an unknown type, a missing id) is returned as a
// [screening.Row] with Err set, naming the file, line and field, so that a
// batch still yields exactly one result for it.
package payroll
