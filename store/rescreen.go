package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// RescreenOptions configure a re-screening.
type RescreenOptions struct {
	// Full screens every stored payee against all the current lists,
	// instead of against the entries added or changed since each was last
	// screened.
	Full  bool
	Batch screening.BatchOptions
}

// RescreenStats counts what a re-screening did.
type RescreenStats struct {
	RunStats
	// Payees is the number of stored payees considered; those whose
	// delta was empty were not screened again.
	Payees int
	// Groups is the number of distinct baselines (the run whose lists a
	// payee was last screened against); DeltaEntries sums, over the
	// groups, the entries their payees were screened against.
	Groups, DeltaEntries int
	// FullGroups counts the groups screened against all the lists
	// because their policy differs from the current one (or Full).
	FullGroups int
}

// Rescreen re-screens the stored payees, each against the entries of the
// current lists (sc's) that were added or changed since the lists it was
// last screened against — the list delta — and records the run. emit is
// called, in order, with each alert the run raised or re-opened (and
// only those). A payee last screened under another policy is screened
// against all the lists: its earlier matches say nothing about the new
// thresholds.
//
// Screening against the delta finds what screening against all the lists
// would find on those entries (see [screening.Screener.Restrict]), and the
// payee's matches on unchanged entries are unchanged, so the alerts
// raised and re-opened are those a full re-screening raises and re-opens
// (a test proves it on two real publications of the OFAC and UN lists).
// One caveat: name scores weigh tokens by their frequency over all listed
// names, so a new publication shifts the scores of unchanged entries a
// little (by 0.0004 between the two publications of the test). Matches on
// unchanged entries keep the score of their last screening, and a match
// that sat just under its threshold could cross it without being seen;
// Full re-screens everything, e.g. after a large list change.
func (s *Store) Rescreen(ctx context.Context, sc *screening.Screener, opts RescreenOptions, emit func(payee string, m *screening.Match, a AlertRef) error) (RescreenStats, error) {
	var st RescreenStats
	run, err := s.BeginRun(ctx, "rescreen", sc)
	if err != nil {
		return st, err
	}
	groups, err := s.baselines(ctx, run.ID)
	if err != nil {
		return st, err
	}
	type cached struct {
		sc      *screening.Screener
		entries int
		full    bool
	}
	screeners := map[string]cached{}
	for _, g := range groups {
		key, err := s.baselineKey(ctx, g.base)
		if err != nil {
			return st, err
		}
		key += fmt.Sprintf(",full=%v", opts.Full || !g.finished)
		c, ok := screeners[key]
		if !ok {
			c, err = s.deltaScreener(ctx, run, sc, g.base, opts.Full || !g.finished)
			if err != nil {
				return st, err
			}
			screeners[key] = c
		}
		st.Groups++
		st.Payees += g.payees
		st.DeltaEntries += c.entries
		mode := recordMode{scope: "delta", onlyMatches: true}
		if c.full {
			st.FullGroups++
			mode = recordMode{scope: "full"}
		}
		if c.entries > 0 {
			if err := s.rescreenGroup(ctx, run, c.sc, g, mode, opts.Batch, emit); err != nil {
				return st, err
			}
		}
		if g.finished {
			// Every payee of the group was re-screened: the group now
			// counts as screened against this run's lists.
			if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO rescreens (base_run, run_id) VALUES (?, ?)`), g.base, run.ID); err != nil {
				return st, s.wrap("rescreen", err)
			}
		}
	}
	rs, err := run.Finish(ctx)
	st.RunStats = rs
	return st, err
}

// baseline is a group of stored payees screened against the same lists:
// those whose last screening run (last_run) leads, through the re-screenings
// that covered it, to base.
type baseline struct {
	base     int64
	lastRuns []int64
	payees   int
	// finished: every last run of the group is finished, so no
	// screening still adds payees to it. A group with a run still going
	// (or one that died) is screened against all the lists, payee by
	// payee moved to this run.
	finished bool
}

func (s *Store) baselines(ctx context.Context, run int64) ([]baseline, error) {
	type lr struct {
		id       int64
		n        int
		finished bool
	}
	var last []lr
	rows, err := s.db.QueryContext(ctx, `SELECT p.last_run, COUNT(*), MIN(r.finished_at) FROM payees p JOIN runs r ON r.id = p.last_run GROUP BY p.last_run ORDER BY p.last_run`)
	if err != nil {
		return nil, s.wrap("rescreen", err)
	}
	for rows.Next() {
		var x lr
		var fin string
		if err := rows.Scan(&x.id, &x.n, &fin); err != nil {
			rows.Close()
			return nil, s.wrap("rescreen", err)
		}
		x.finished = fin != ""
		last = append(last, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap("rescreen", err)
	}
	next := map[int64]int64{}
	rows, err = s.db.QueryContext(ctx, `SELECT base_run, run_id FROM rescreens`)
	if err != nil {
		return nil, s.wrap("rescreen", err)
	}
	for rows.Next() {
		var b, r int64
		if err := rows.Scan(&b, &r); err != nil {
			rows.Close()
			return nil, s.wrap("rescreen", err)
		}
		next[b] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap("rescreen", err)
	}
	var out []baseline
	index := map[int64]int{}
	for _, x := range last {
		if x.id == run {
			continue
		}
		b := x.id
		for {
			n, ok := next[b]
			if !ok {
				break
			}
			b = n
		}
		if !x.finished {
			// Payees of a run still going: a group of their own.
			out = append(out, baseline{base: b, lastRuns: []int64{x.id}, payees: x.n})
			continue
		}
		i, ok := index[b]
		if !ok {
			i = len(out)
			index[b] = i
			out = append(out, baseline{base: b, finished: true})
		}
		out[i].lastRuns = append(out[i].lastRuns, x.id)
		out[i].payees += x.n
	}
	return out, nil
}

// baselineKey identifies what a run screened against: its policy and list
// versions.
func (s *Store) baselineKey(ctx context.Context, run int64) (string, error) {
	var policy string
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT policy_hash FROM runs WHERE id = ?`), run).Scan(&policy); err != nil {
		return "", s.wrap("rescreen", err)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT version_id FROM run_lists WHERE run_id = ? ORDER BY version_id`), run)
	if err != nil {
		return "", s.wrap("rescreen", err)
	}
	defer rows.Close()
	var b strings.Builder
	b.WriteString(policy)
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return "", s.wrap("rescreen", err)
		}
		fmt.Fprintf(&b, ",%d", v)
	}
	return b.String(), s.wrap("rescreen", rows.Err())
}

// deltaScreener restricts sc to the entries not in the lists of the
// baseline run (all of them for another policy, or full).
func (s *Store) deltaScreener(ctx context.Context, run *Run, sc *screening.Screener, base int64, full bool) (c struct {
	sc      *screening.Screener
	entries int
	full    bool
}, err error) {
	var policy string
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT policy_hash FROM runs WHERE id = ?`), base).Scan(&policy); err != nil {
		return c, s.wrap("rescreen", err)
	}
	c.full = full || policy != run.policy
	known := map[string]struct{}{}
	if !c.full {
		rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT lv.source, le.entity_id, le.fingerprint FROM run_lists rl
			JOIN list_versions lv ON lv.id = rl.version_id JOIN list_entries le ON le.version_id = lv.id WHERE rl.run_id = ?`), base)
		if err != nil {
			return c, s.wrap("rescreen", err)
		}
		for rows.Next() {
			var src, id, fp string
			if err := rows.Scan(&src, &id, &fp); err != nil {
				rows.Close()
				return c, s.wrap("rescreen", err)
			}
			known[src+"\x00"+id+"\x00"+fp] = struct{}{}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return c, s.wrap("rescreen", err)
		}
	}
	c.sc, err = sc.Restrict(func(l *lists.List, e *lists.Entity) bool {
		if c.full {
			c.entries++
			return true
		}
		_, ok := known[SourceKey(l)+"\x00"+e.ID+"\x00"+run.fp[e]]
		if !ok {
			c.entries++
		}
		return !ok
	})
	return c, err
}

// rescreenGroup screens the payees of a baseline group.
func (s *Store) rescreenGroup(ctx context.Context, run *Run, sc *screening.Screener, g baseline, mode recordMode, batch screening.BatchOptions,
	emit func(string, *screening.Match, AlertRef) error) error {
	in := strings.TrimSuffix(strings.Repeat("?, ", len(g.lastRuns)), ", ")
	args := make([]any, len(g.lastRuns))
	for i, r := range g.lastRuns {
		args[i] = r
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT payee_id, fields, fields_fp FROM payees WHERE last_run IN (`+in+`) ORDER BY id`), args...)
	if err != nil {
		return s.wrap("rescreen", err)
	}
	defer rows.Close()
	pr := &payeeRows{s: s, rows: rows, keepFP: !g.finished}
	rec := run.recorder(ctx, mode, func(r screening.RowResult, refs []AlertRef) error {
		for i, a := range refs {
			if a.Status == SeenNew || a.Reopened {
				if err := emit(r.Row.Payee.ID, &r.Result.Matches[i], a); err != nil {
					return err
				}
			}
		}
		return nil
	})
	err = sc.ScreenBatch(ctx, pr, batch, rec.Add)
	if cerr := rec.Close(); err == nil {
		err = cerr
	}
	if err != nil || g.finished {
		return err
	}
	// A group whose run is still going: move the payees screened here,
	// unless their run changed them meanwhile.
	for lo := 0; lo < len(pr.moved); lo += 500 {
		part := pr.moved[lo:min(lo+500, len(pr.moved))]
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			for _, m := range part {
				if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE payees SET last_run = ? WHERE payee_id = ? AND last_run = ? AND fields_fp = ?`),
					run.ID, m[0], g.lastRuns[0], m[1]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return s.wrap("rescreen", err)
		}
	}
	return nil
}

// payeeRows reads stored payees as screening rows.
type payeeRows struct {
	s    *Store
	rows *sql.Rows
	n    int
	// keepFP keeps the ID and fields fingerprint of every payee read, in
	// moved.
	keepFP bool
	moved  [][2]string
}

func (p *payeeRows) Read() (screening.Row, error) {
	if !p.rows.Next() {
		if err := p.rows.Err(); err != nil {
			return screening.Row{}, p.s.wrap("read payees", err)
		}
		return screening.Row{}, io.EOF
	}
	p.n++
	var id, fields, fp string
	if err := p.rows.Scan(&id, &fields, &fp); err != nil {
		return screening.Row{}, p.s.wrap("read payees", err)
	}
	if p.keepFP {
		p.moved = append(p.moved, [2]string{id, fp})
	}
	pay, err := decodePayee(id, []byte(fields))
	row := screening.Row{Line: p.n, Payee: pay}
	if err != nil {
		row.Payee.ID = id
		row.Err = fmt.Errorf("store %s: stored fields of a payee unreadable: %w", p.s.name, errors.Join(ErrCorrupt, err))
	}
	return row, nil
}
