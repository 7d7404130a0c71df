package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

// Alert statuses as stored and listed.
const (
	StatusOpen          = "open"
	StatusFalsePositive = "false_positive"
	StatusTrueMatch     = "true_match"
	StatusEscalated     = "escalated"
)

// Alert statuses as a screening reports them on a match.
const (
	SeenNew        = "new"        // raised by this run
	SeenOpen       = "open"       // raised before and not suppressed (or re-opened by this run)
	SeenSuppressed = "suppressed" // a reviewed false positive, payee and entry unchanged
)

// AlertRef is the alert a match raised or met.
type AlertRef struct {
	ID int64 `json:"id"`
	// Status is SeenNew, SeenOpen or SeenSuppressed.
	Status string `json:"status"`
	// Reopened is set when this run re-opened a false positive; Changed
	// names what changed: payee fields and/or "listed_entry".
	Reopened bool     `json:"reopened,omitempty"`
	Changed  []string `json:"changed,omitempty"`
}

// RunStats counts what a run recorded.
type RunStats struct {
	Run int64
	// Rows is every row seen; Recorded those stored (rows in error or
	// without a payee ID are not).
	Rows, Recorded int
	NewAlerts      int
	Reopened       int
	Open           int // matches on alerts already open (or decided true match / escalated)
	Suppressed     int
}

// PolicyHash is the sha256 of the policy's JSON form: runs under
// different policies are told apart by it.
func PolicyHash(p screening.Policy) string {
	b, err := json.Marshal(p)
	if err != nil {
		return "unencodable"
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Run is one screening or re-screening being recorded.
type Run struct {
	s      *Store
	ID     int64
	kind   string
	policy string
	set    *lists.Set
	// fp holds the fingerprint of every current entry, by pointer and by
	// source key and ID.
	fp   map[*lists.Entity]string
	byID map[string]string

	mu    sync.Mutex
	stats RunStats
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// BeginRun records the start of a run screening against sc's lists and
// policy: the list versions (with the fingerprint of every entry of a
// version the store has not seen) and the policy hash.
func (s *Store) BeginRun(ctx context.Context, kind string, sc *screening.Screener) (*Run, error) {
	r := &Run{s: s, kind: kind, policy: PolicyHash(sc.Policy()), set: sc.Lists(),
		fp: map[*lists.Entity]string{}, byID: map[string]string{}}
	for _, l := range r.set.Lists {
		src := SourceKey(l)
		for i := range l.Entities {
			e := &l.Entities[i]
			f := EntryFingerprint(e)
			r.fp[e] = f
			r.byID[src+"\x00"+e.ID] = f
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO runs (kind, started_at, policy_hash) VALUES (?, ?, ?) RETURNING id`),
			kind, now(), r.policy).Scan(&r.ID); err != nil {
			return err
		}
		for _, l := range r.set.Lists {
			vid, err := s.listVersion(ctx, tx, l, r.fp)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO run_lists (run_id, version_id) VALUES (?, ?) ON CONFLICT DO NOTHING`), r.ID, vid); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap("begin run", err)
	}
	r.stats.Run = r.ID
	return r, nil
}

// listVersion returns the id of l's version, recording it and its
// entries' fingerprints the first time.
func (s *Store) listVersion(ctx context.Context, tx *sql.Tx, l *lists.List, fp map[*lists.Entity]string) (int64, error) {
	v := l.Version()
	src := SourceKey(l)
	var id int64
	err := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO list_versions (source, format, sha256, published, sample, entries)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`),
		src, v.Format.String(), v.SHA256(), published(v.Published), boolInt(v.Sample), len(l.Entities)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// Recorded before (by an earlier run, or a concurrent one that
		// committed first).
		err = tx.QueryRowContext(ctx, s.rebind(`SELECT id FROM list_versions WHERE source = ? AND format = ? AND sha256 = ?`),
			src, v.Format.String(), v.SHA256()).Scan(&id)
		return id, err
	}
	if err != nil {
		return 0, err
	}
	const chunk = 300
	seen := map[string]bool{}
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		q := `INSERT INTO list_entries (version_id, entity_id, fingerprint) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(args)/3), ", ")
		_, err := tx.ExecContext(ctx, s.rebind(q), args...)
		args = args[:0]
		return err
	}
	for i := range l.Entities {
		e := &l.Entities[i]
		k := e.ID + "\x00" + fp[e]
		if seen[k] {
			continue
		}
		seen[k] = true
		args = append(args, id, e.ID, fp[e])
		if len(args) == 3*chunk {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	return id, flush()
}

// published formats a publication date, "unknown" for a list that states
// none.
func published(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format(time.RFC3339)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inTx runs f in a transaction, committed when f returns nil.
// On PostgreSQL a transaction aborted as a deadlock victim or for a
// serialization failure (two runs writing the same payees or alerts) is
// run again, a few times.
func (s *Store) inTx(ctx context.Context, f func(*sql.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.tryTx(ctx, f)
		var pe *pgconn.PgError
		if attempt < 4 && errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001") {
			time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
			continue
		}
		return err
	}
}

func (s *Store) tryTx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Stats returns what the run has recorded so far.
func (r *Run) Stats() RunStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stats
}

// Finish records the end of the run and its counts.
func (r *Run) Finish(ctx context.Context) (RunStats, error) {
	st := r.Stats()
	_, err := r.s.db.ExecContext(ctx, r.s.rebind(`UPDATE runs SET finished_at = ?, rows = ?, new_alerts = ?, reopened = ? WHERE id = ?`),
		now(), st.Rows, st.NewAlerts, st.Reopened, r.ID)
	return st, r.s.wrap("finish run", err)
}

// entryFP returns the current fingerprint of the entry a match is on.
func (r *Run) entryFP(m *screening.Match) string {
	if f, ok := r.byID[m.Source.String()+"\x00"+m.EntityID]; ok {
		return f
	}
	return matchFingerprint(m)
}

// recordMode says what a batch records.
type recordMode struct {
	// scope is "full" or "delta".
	scope string
	// upsert stores the payees' fields (a screening); a re-screening
	// leaves them as they are.
	upsert bool
	// onlyMatches records a screening only for the rows with matches: a
	// delta re-screening records the others once for the whole run (see
	// the rescreens table).
	onlyMatches bool
}

// recordBatch stores a batch of results in one transaction and returns
// the alert of each match of each row (nil for rows not recorded).
func (r *Run) recordBatch(ctx context.Context, batch []screening.RowResult, mode recordMode) ([][]AlertRef, error) {
	s := r.s
	refs := make([][]AlertRef, len(batch))
	var st RunStats
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st = RunStats{}
		rows := batchPayees(batch, mode, &st)
		if err := r.storeScreenings(ctx, tx, rows, mode); err != nil {
			return err
		}
		return r.recordAlerts(ctx, tx, batch, refs, &st)
	})
	if err != nil {
		return nil, s.wrap("record", err)
	}
	r.mu.Lock()
	r.stats.Rows += st.Rows
	r.stats.Recorded += st.Recorded
	r.stats.NewAlerts += st.NewAlerts
	r.stats.Reopened += st.Reopened
	r.stats.Open += st.Open
	r.stats.Suppressed += st.Suppressed
	r.mu.Unlock()
	return refs, nil
}

// payeeRow is a payee of a batch as stored: its screened fields and
// their fingerprint (when mode.upsert), and its decision.
type payeeRow struct {
	id, fields, fp, decision string
}

// batchPayees returns the payees of a batch to record (the last row of an
// ID in the batch wins), by payee ID, counting rows in st.
func batchPayees(batch []screening.RowResult, mode recordMode, st *RunStats) []payeeRow {
	var rows []payeeRow
	index := map[string]int{}
	for _, res := range batch {
		st.Rows++
		p := &res.Row.Payee
		if res.Err != nil || p.ID == "" {
			continue
		}
		st.Recorded++
		if mode.onlyMatches && len(res.Result.Matches) == 0 {
			continue
		}
		pr := payeeRow{id: p.ID, decision: res.Result.Decision.String()}
		if mode.upsert {
			f := encodePayee(p)
			h := sha256.Sum256(f)
			pr.fields, pr.fp = string(f), hex.EncodeToString(h[:16])
		}
		if i, ok := index[p.ID]; ok {
			rows[i] = pr
			continue
		}
		index[p.ID] = len(rows)
		rows = append(rows, pr)
	}
	// One lock order for every run: by payee ID.
	sort.Slice(rows, func(i, j int) bool { return rows[i].id < rows[j].id })
	return rows
}

// storeScreenings upserts the payees (when mode.upsert) and inserts their
// screenings, in chunks.
func (r *Run) storeScreenings(ctx context.Context, tx *sql.Tx, rows []payeeRow, mode recordMode) error {
	s := r.s
	const chunk = 200
	for lo := 0; lo < len(rows); lo += chunk {
		part := rows[lo:min(lo+chunk, len(rows))]
		args := make([]any, 0, 4*len(part))
		if mode.upsert {
			for _, pr := range part {
				args = append(args, pr.id, pr.fields, pr.fp, r.ID)
			}
			q := `INSERT INTO payees (payee_id, fields, fields_fp, last_run) VALUES ` + placeholders(len(part), 4) +
				` ON CONFLICT (payee_id) DO UPDATE SET fields = excluded.fields, fields_fp = excluded.fields_fp, last_run = excluded.last_run`
			if _, err := tx.ExecContext(ctx, s.rebind(q), args...); err != nil {
				return err
			}
			args = args[:0]
		}
		for _, pr := range part {
			args = append(args, pr.id, r.ID, pr.decision, mode.scope)
		}
		q := `INSERT INTO screenings (payee_id, run_id, decision, scope) VALUES ` + placeholders(len(part), 4) + ` ON CONFLICT DO NOTHING`
		if _, err := tx.ExecContext(ctx, s.rebind(q), args...); err != nil {
			return err
		}
	}
	return nil
}

// recordAlerts finds or raises the alert of each match of the batch, in
// one lock order for every run (by key), into refs.
func (r *Run) recordAlerts(ctx context.Context, tx *sql.Tx, batch []screening.RowResult, refs [][]AlertRef, st *RunStats) error {
	type op struct {
		i, j int
		key  string
	}
	var ops []op
	pfps := map[int]string{}
	for i, res := range batch {
		p := &res.Row.Payee
		if res.Err != nil || p.ID == "" || len(res.Result.Matches) == 0 {
			continue
		}
		pfps[i] = PayeeFingerprint(p)
		refs[i] = make([]AlertRef, len(res.Result.Matches))
		for j := range res.Result.Matches {
			m := &res.Result.Matches[j]
			ops = append(ops, op{i, j, p.ID + "\x00" + m.Source.String() + "\x00" + m.EntityID})
		}
	}
	sort.SliceStable(ops, func(a, b int) bool { return ops[a].key < ops[b].key })
	for _, o := range ops {
		res := &batch[o.i]
		ref, err := r.alert(ctx, tx, res.Row.Payee.ID, pfps[o.i], &res.Result.Matches[o.j], st)
		if err != nil {
			return err
		}
		refs[o.i][o.j] = ref
	}
	return nil
}

func placeholders(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// alert finds or raises the alert of one match and applies the
// suppression rule: a false positive stays suppressed while neither the
// payee's screened fields nor the listed entry changed and the match has
// no identifier hit; otherwise it re-opens, naming what changed.
func (r *Run) alert(ctx context.Context, tx *sql.Tx, payee, pfp string, m *screening.Match, st *RunStats) (AlertRef, error) {
	s := r.s
	src, efp, ident := m.Source.String(), r.entryFP(m), identifierHit(m)
	var (
		id                           int64
		status, oldIdent, oldP, oldE string
	)
	sel := s.rebind(`SELECT id, status, identifier, payee_fp, entry_fp FROM alerts WHERE payee_id = ? AND source = ? AND entity_id = ?`)
	err := tx.QueryRowContext(ctx, sel, payee, src, m.EntityID).Scan(&id, &status, &oldIdent, &oldP, &oldE)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO alerts (payee_id, source, entity_id, status, identifier, decision, score, payee_fp, entry_fp, created_run, seen_run)
			VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`),
			payee, src, m.EntityID, ident, m.Decision.String(), m.Score, pfp, efp, r.ID, r.ID).Scan(&id)
		if err == nil {
			if err := r.log(ctx, tx, id, "created", "", pfp, efp); err != nil {
				return AlertRef{}, err
			}
			st.NewAlerts++
			return AlertRef{ID: id, Status: SeenNew}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return AlertRef{}, err
		}
		// A concurrent run raised it first.
		err = tx.QueryRowContext(ctx, sel, payee, src, m.EntityID).Scan(&id, &status, &oldIdent, &oldP, &oldE)
	}
	if err != nil {
		return AlertRef{}, err
	}
	changed := changedFields(oldP, pfp)
	if oldE != efp {
		changed = append(changed, "listed_entry")
	}
	if ident != "" && oldIdent == "" {
		changed = append(changed, "identifier_hit")
	}
	if status == StatusFalsePositive && len(changed) == 0 && ident == "" {
		st.Suppressed++
		_, err := tx.ExecContext(ctx, s.rebind(`UPDATE alerts SET seen_run = ? WHERE id = ?`), r.ID, id)
		return AlertRef{ID: id, Status: SeenSuppressed}, err
	}
	ref := AlertRef{ID: id, Status: SeenOpen}
	newStatus, what := status, ""
	if status == StatusFalsePositive {
		newStatus, what = StatusOpen, strings.Join(changed, ",")
		if what == "" {
			what = "identifier_hit"
		}
		ref.Reopened, ref.Changed = true, strings.Split(what, ",")
		st.Reopened++
		if err := r.log(ctx, tx, id, "reopened", what, pfp, efp); err != nil {
			return AlertRef{}, err
		}
	} else {
		st.Open++
	}
	q := `UPDATE alerts SET status = ?, identifier = ?, decision = ?, score = ?, payee_fp = ?, entry_fp = ?, seen_run = ?`
	args := []any{newStatus, ident, m.Decision.String(), m.Score, pfp, efp, r.ID}
	if what != "" {
		q += `, changed = ?`
		args = append(args, what)
	}
	_, err = tx.ExecContext(ctx, s.rebind(q+` WHERE id = ?`), append(args, id)...)
	return ref, err
}

func (r *Run) log(ctx context.Context, tx *sql.Tx, alert int64, event, changed, pfp, efp string) error {
	_, err := tx.ExecContext(ctx, r.s.rebind(`INSERT INTO alert_log (alert_id, at, event, run_id, changed, payee_fp, entry_fp) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		alert, now(), event, r.ID, changed, pfp, efp)
	return err
}

// Recorder stores the results of a run in batches, on its own goroutine,
// while screening goes on, and hands each result with its alerts to an
// output function in input order.
type Recorder struct {
	run   *Run
	mode  recordMode
	out   func(screening.RowResult, []AlertRef) error
	batch []screening.RowResult
	ch    chan []screening.RowResult
	done  chan struct{}
	ctx   context.Context

	mu  sync.Mutex
	err error
}

// recordBatchSize is the rows stored per transaction.
const recordBatchSize = 2048

// Recorder returns a Recorder of the run's screening results; out is
// called with every result added, in order, once its alerts are known.
func (r *Run) Recorder(ctx context.Context, out func(screening.RowResult, []AlertRef) error) *Recorder {
	return r.recorder(ctx, recordMode{scope: "full", upsert: true}, out)
}

func (r *Run) recorder(ctx context.Context, mode recordMode, out func(screening.RowResult, []AlertRef) error) *Recorder {
	rec := &Recorder{run: r, mode: mode, out: out, ch: make(chan []screening.RowResult, 1), done: make(chan struct{}), ctx: ctx}
	go rec.loop()
	return rec
}

func (rec *Recorder) loop() {
	defer close(rec.done)
	for b := range rec.ch {
		if rec.failed() != nil {
			continue
		}
		refs, err := rec.run.recordBatch(rec.ctx, b, rec.mode)
		if err == nil {
			for i := range b {
				if err = rec.out(b[i], refs[i]); err != nil {
					break
				}
			}
		}
		if err != nil {
			rec.mu.Lock()
			rec.err = err
			rec.mu.Unlock()
		}
	}
}

func (rec *Recorder) failed() error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.err
}

// Add adds the next result. It returns the first error of storing or
// output so far.
func (rec *Recorder) Add(res screening.RowResult) error {
	if err := rec.failed(); err != nil {
		return err
	}
	rec.batch = append(rec.batch, res)
	if len(rec.batch) >= recordBatchSize {
		rec.ch <- rec.batch
		rec.batch = make([]screening.RowResult, 0, recordBatchSize)
	}
	return nil
}

// Close stores what is left, waits for the output of every result and
// returns the first error.
func (rec *Recorder) Close() error {
	if len(rec.batch) > 0 {
		rec.ch <- rec.batch
		rec.batch = nil
	}
	close(rec.ch)
	<-rec.done
	if err := rec.failed(); err != nil {
		return fmt.Errorf("%w", err)
	}
	return nil
}
