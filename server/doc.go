// Package server is payscreen's screening service over HTTP: one payee or
// a whole payroll screened by a [screening.Screener] per request, the
// lists re-read and swapped in the background, and a Moov Watchman
// v0.65.1 compatible search endpoint.
//
// # Endpoints
//
//   - POST /v1/screen: one payee as a JSON object with the keys of a
//     payroll JSON Lines row (id, name, type, dob, country, iban, ...;
//     see package payroll). The answer is the JSON object a line of
//     "payscreen screen" output holds, written by [payroll.JSONLWriter].
//     An invalid payee is a 400 naming the field.
//   - POST /v1/screen/batch: JSON Lines in, JSON Lines out, one result per
//     input line in input order, streamed, with the payroll red flags
//     across the lines of the request (shared accounts, wallets,
//     contacts...). The body is spooled to a temporary file first: the
//     red flags read the rows twice.
//   - GET /v1/lists: the list versions in use, their entity counts and
//     when they stop being fresh enough.
//   - GET /healthz: the process answers. GET /readyz: lists are loaded and
//     within their maximum age (503 otherwise).
//   - GET /metrics: Prometheus metrics (requests by route, status and
//     decision, latency, list age per source, refreshes).
//   - GET /v2/search and GET /v2/listinfo: Watchman v0.65.1's search and
//     list information endpoints, same query parameters and JSON shape;
//     see [Server.Handler] for what differs.
//
// Every answer carries a Payscreen-Lists header identifying the list set
// it was decided against.
//
// # Lists
//
// [Config].Load is called at start ([Server.Refresh]) and every
// [Config].Refresh ([Server.Run]); the new lists are parsed and indexed
// while requests go on against the old ones, then swapped in atomically.
// A request keeps the set it started with to its end. A failed refresh
// keeps the old set. Once the set in use is older than the policy's
// maximum list age, /readyz fails and every screening endpoint answers
// 503: a payee is never cleared against stale lists.
//
// # Security
//
// With [Config].Keys, every endpoint but /healthz and /readyz needs an API
// key (Authorization: Bearer KEY, or X-API-Key: KEY), compared in constant
// time with sha256 digests ([LoadAPIKeys]). Bodies and fields are bounded
// (413 and 400 with a message saying which limit). Logs (log/slog) hold
// routes, statuses, durations and sizes, never a name, account, wallet or
// query string.
package server
