// Package watchman screens payee names with a Moov Watchman server, as an
// alternative to payscreen's own fuzzy index.
//
// An [Engine] implements [screening.Engine]: give it to [screening.New]
// in [screening.Options].Engine and the Screener sends each payee's name
// to the server, maps Watchman's results to the entries of its own lists,
// and applies the same policy as with its own matching (date of birth and
// country corroboration, identifiers, thresholds, allow-list). The
// Screener must load the same publications as the server; use
// [Engine.CheckLists] to check it at start-up.
//
// # What is sent
//
// One GET /v2/search per payee, through the request model, query encoding
// and answer model of Watchman's Go client
// (github.com/moov-io/watchman/pkg/search, v0.65.1): the payee's name, and
// "type=person" for a person. Nothing else of the payee leaves the
// process, and nothing is logged.
//
// The client's own Client.SearchByEntity is not used: in v0.65.1 it makes
// its request without the caller's context and retries through
// go-retryablehttp (four retries, 1–30 s apart) whatever the caller's
// deadline, so a cancelled or timed-out payee would hold its row for
// about 15 s. The Engine sends the same request with the caller's context,
// its own timeout ([Options].Timeout), and retries only transport errors
// that came before any answer.
//
// # Scores
//
// Watchman scores an entry in pieces (identifiers, name, titles, dates,
// addresses...) and combines them into an overall match score. A
// name-only search compares one piece, and v0.65.1 then multiplies the
// result by 0.95 (few of the entry's fields compared), 0.90 (fewer than two
// required fields) and 0.95 (name-only match): an exact name scores 0.81225
// overall (0.855 for an entry with no field but its name), so Watchman's
// overall score can never reach payscreen's default block threshold. The
// Engine therefore takes Watchman's name piece as
// [screening.EngineMatch].Score, and reports the overall score and the
// compared pieces in Detail. It searches down to the overall score a name
// at the Screener's review threshold gets (threshold × 0.81225) and keeps
// the entries whose name piece reaches the threshold.
//
// The pieces come from running the client package's DetailedSimilarity on
// each returned entry — the code the server runs — and the overall score
// computed so must equal the server's, or Match fails with
// [ErrScoreMismatch] (a server with TF-IDF or FINAL_SCORE_* tuning); with
// [Options].ServerDetails the server sends its pieces instead, at about
// twice its cost per search.
//
// Watchman does not say which of an entry's names matched; the Engine
// reports the name or alias that scores best on its own, spelled as the
// loaded list spells it when [Options].Lists is set.
//
// # Entries
//
// Results map to payscreen's sources and entity IDs: us_ofac to ofac_sdn
// and us_non_sdn to ofac_cons (Watchman's source ID is the ent_num, as
// payscreen's), eu_csl to eu (the logicalId), uk_csl to uk (the FCDO
// unique ID), and un_csl to un, whose entries Watchman identifies as
// "UN-" followed by the DATAID while payscreen uses the reference number
// ("QDi.006"), which the result carries in its source data. A result from
// any other list (us_csl, us_fincen_311, us_tel, OpenSanctions or Senzing
// lists) is an error wrapping [ErrUnmapped] unless [Options].Ignore names
// the list: it is never dropped silently.
//
// # Failures
//
// A server that is down, slow, answering errors or more results than it
// returns (100: a search for a single common word such as "Kim") makes
// Match fail, and with it the payee's screening: never a Clear.
package watchman
