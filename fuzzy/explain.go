package fuzzy

import (
	"strconv"
	"strings"
)

// String returns a short human-readable explanation of the token match,
// such as "jong~jon fuzzy 0.87", "pak=park equivalent 0.95", "kim=kim exact",
// "+un" (a query token without counterpart) or "-man" (a listed token
// without counterpart). Its format is not stable: do not parse it, use the
// fields.
func (m TokenMatch) String() string {
	var b strings.Builder
	m.appendTo(&b)
	return b.String()
}

func (m TokenMatch) appendTo(b *strings.Builder) {
	switch {
	case m.Kind == Unmatched && m.QueryIndex >= 0:
		b.WriteString("+")
		b.WriteString(m.Query)
		return
	case m.Kind == Unmatched:
		b.WriteString("-")
		b.WriteString(m.Listed)
		return
	}
	b.WriteString(m.Query)
	if m.Kind == Fuzzy {
		b.WriteString("~")
	} else {
		b.WriteString("=")
	}
	b.WriteString(m.Listed)
	b.WriteString(" ")
	b.WriteString(m.Kind.String())
	if m.Kind != Exact {
		b.WriteString(" ")
		b.WriteString(strconv.FormatFloat(m.Score, 'f', 2, 64))
	}
	if m.OutOfOrder {
		b.WriteString(" out-of-order")
	}
}

// String returns a one-line human-readable explanation of the result: the
// score, then each token match as [TokenMatch.String] writes it, e.g.
// "0.67: kim=kim exact, jong=jong exact, +un, -man". Its format is not
// stable: do not parse it, use the fields.
func (r Result) String() string {
	var b strings.Builder
	b.WriteString(strconv.FormatFloat(r.Score, 'f', 2, 64))
	b.WriteString(":")
	for k, m := range r.Matches {
		if k > 0 {
			b.WriteString(",")
		}
		b.WriteString(" ")
		m.appendTo(&b)
	}
	return b.String()
}
