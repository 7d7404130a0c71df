package watchman

import (
	"errors"
	"fmt"
	"strings"

	"github.com/payscreen/payscreen/screening"
)

// Errors wrapped by [Error] and by the errors of [Engine.CheckLists].
var (
	// ErrUnavailable means the server could not be reached: the
	// connection was refused or broken before an answer came.
	ErrUnavailable = errors.New("server unavailable")
	// ErrTimeout means the server did not answer within the engine's
	// timeout.
	ErrTimeout = errors.New("server did not answer in time")
	// ErrServer means the server answered with an error.
	ErrServer = errors.New("server error")
	// ErrProtocol means the server's answer could not be read as a
	// Watchman answer.
	ErrProtocol = errors.New("malformed answer")
	// ErrUnmapped means a result names an entry payscreen cannot
	// identify: a list payscreen does not read, or a result without the
	// identifier payscreen needs.
	ErrUnmapped = errors.New("result not mappable to a payscreen entity")
	// ErrTruncated means the server returned as many results as it ever
	// returns, so that entries scoring above the threshold may be missing.
	ErrTruncated = errors.New("too many results")
	// ErrScoreMismatch means the score the server gave a result is not
	// the one Watchman's own scoring code gives when run by the client:
	// the server is tuned differently (TF-IDF, FINAL_SCORE_* variables)
	// and the name score cannot be taken from the client's computation.
	// Set [Options.ServerDetails] to take it from the server.
	ErrScoreMismatch = errors.New("server score differs from the client's")
	// ErrListMismatch means the server does not hold the same lists as
	// the payscreen list set it is checked against.
	ErrListMismatch = errors.New("server lists differ from the loaded lists")
)

// Error is a failed exchange with a Watchman server. It never holds the
// request's URL or any payee data.
type Error struct {
	// Op is the operation: "search" or "listinfo".
	Op string
	// Status is the HTTP status of the answer, 0 if none came.
	Status int
	// Attempts is the number of requests made.
	Attempts int
	// Err is the cause; it wraps one of the package's sentinel errors.
	Err error
}

// Error describes the failure: the operation, the HTTP status and attempts
// when there were any, and the cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("watchman: ")
	b.WriteString(e.Op)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorKind names the sentinel err wraps, for counting failures by kind:
// "truncated", "timeout", "unavailable", "server", "protocol",
// "unmapped", "score-mismatch", "engine-mismatch" (a
// [screening.ErrEngineMismatch]) or "other".
func ErrorKind(err error) string {
	for _, k := range []struct {
		err  error
		name string
	}{
		{ErrTruncated, "truncated"}, {ErrTimeout, "timeout"}, {ErrUnavailable, "unavailable"},
		{ErrServer, "server"}, {ErrProtocol, "protocol"}, {ErrUnmapped, "unmapped"},
		{ErrScoreMismatch, "score-mismatch"}, {screening.ErrEngineMismatch, "engine-mismatch"},
	} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "other"
}
