// Package lists reads the official sanctions lists into one entity model.
//
// Each supported publication — OFAC's legacy CSV files, SDN.XML and
// CONSOLIDATED.XML, SDN_ADVANCED.XML, the UN Security Council consolidated
// list, the EU Financial Sanctions Files (XML and CSV 1.1), the FCDO UK
// Sanctions List (XML and CSV) and the legacy OFSI ConList.csv — is parsed
// into a [List] of [Entity] values. A [List] records where it came from: its
// [Source], its [Format], its publish date and the sha256 of every file read,
// so that every screening decision can name the list versions it was made
// against.
//
// Lists are read from local files or a directory ([LoadDir], [LoadFiles]) or
// downloaded from the official locations into a cache directory
// ([Downloader]). Loading fails closed: a missing, malformed, truncated or
// stale list is an error, never an empty list.
//
// The package knows nothing of matching; see the fuzzy and screening
// packages for that.
package lists
