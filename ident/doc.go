// Package ident validates and normalizes payment identifiers: IBANs
// (ISO 13616), BICs (ISO 9362), US ABA routing numbers and crypto-currency
// addresses.
//
// Validation never panics: every function returns a typed error naming what
// is wrong, so a screening result can report an invalid identifier on the
// row it came from. The functions are safe for concurrent use.
package ident
