package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/payscreen/payscreen/evaluate"
	"github.com/payscreen/payscreen/screening"
)

// Alert is one alert as stored: a match of a payee on a listed entry,
// keyed by (payee ID, source, entity ID).
type Alert struct {
	ID       int64  `json:"id"`
	PayeeID  string `json:"payee_id"`
	Source   string `json:"source"`
	EntityID string `json:"entity_id"`
	Status   string `json:"status"`
	// Identifier names the identifier fields of an identifier hit
	// ("wallet", "bic,iban"); such an alert can never be a false positive.
	Identifier string  `json:"identifier,omitempty"`
	Decision   string  `json:"decision"`
	Score      float64 `json:"score"`
	CreatedRun int64   `json:"created_run"`
	SeenRun    int64   `json:"seen_run"`
	// Changed names what changed when the alert was last re-opened.
	Changed string `json:"changed,omitempty"`
}

// Statuses lists the alert statuses.
var Statuses = []string{StatusOpen, StatusFalsePositive, StatusTrueMatch, StatusEscalated}

// Dispositions lists what a person can decide about an alert.
var Dispositions = []string{StatusFalsePositive, StatusTrueMatch, StatusEscalated}

const alertCols = `id, payee_id, source, entity_id, status, identifier, decision, score, created_run, seen_run, changed`

func scanAlert(row interface{ Scan(...any) error }) (Alert, error) {
	var a Alert
	err := row.Scan(&a.ID, &a.PayeeID, &a.Source, &a.EntityID, &a.Status, &a.Identifier, &a.Decision, &a.Score, &a.CreatedRun, &a.SeenRun, &a.Changed)
	return a, err
}

// Alerts returns the alerts with the given status (every alert for ""),
// by ID, calling f for each.
func (s *Store) Alerts(ctx context.Context, status string, f func(Alert) error) error {
	q, args := `SELECT `+alertCols+` FROM alerts`, []any{}
	if status != "" {
		if !containsString(Statuses, status) {
			return fmt.Errorf("store: unknown alert status %q (want %s)", status, strings.Join(Statuses, ", "))
		}
		q += ` WHERE status = ?`
		args = append(args, status)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+` ORDER BY id`), args...)
	if err != nil {
		return s.wrap("alerts", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return s.wrap("alerts", err)
		}
		if err := f(a); err != nil {
			return err
		}
	}
	return s.wrap("alerts", rows.Err())
}

// Alert returns one alert.
func (s *Store) Alert(ctx context.Context, id int64) (Alert, error) {
	a, err := scanAlert(s.db.QueryRowContext(ctx, s.rebind(`SELECT `+alertCols+` FROM alerts WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Alert{}, fmt.Errorf("store: alert %d: %w", id, ErrNotFound)
	}
	return a, s.wrap("alert", err)
}

// ErrIdentifierHit is returned when an identifier hit is to be marked a
// false positive: a listed wallet, BIC, IBAN, account or document is
// never suppressed.
var ErrIdentifierHit = errors.New("an identifier hit cannot be a false positive")

// Decision is a person's disposition of an alert.
type Decision struct {
	Alert int64
	// As is StatusFalsePositive, StatusTrueMatch or StatusEscalated.
	As     string
	By     string
	Reason string
}

// Decide records a disposition in the append-only log and sets the
// alert's status. A false positive is recorded with the fingerprints of
// the payee and the listed entry as last screened: it stays suppressed
// until either changes.
func (s *Store) Decide(ctx context.Context, d Decision) (Alert, error) {
	if !containsString(Dispositions, d.As) {
		return Alert{}, fmt.Errorf("store: unknown disposition %q (want %s)", d.As, strings.Join(Dispositions, ", "))
	}
	if strings.TrimSpace(d.By) == "" || strings.TrimSpace(d.Reason) == "" {
		return Alert{}, errors.New("store: a disposition needs who decided (--by) and why (--reason)")
	}
	var a Alert
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var pfp, efp string
		var err error
		a, err = scanAlert(tx.QueryRowContext(ctx, s.rebind(`SELECT `+alertCols+` FROM alerts WHERE id = ?`), d.Alert))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("alert %d: %w", d.Alert, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if d.As == StatusFalsePositive && a.Identifier != "" {
			return fmt.Errorf("alert %d matched on %s: %w", d.Alert, a.Identifier, ErrIdentifierHit)
		}
		if err := tx.QueryRowContext(ctx, s.rebind(`SELECT payee_fp, entry_fp FROM alerts WHERE id = ?`), d.Alert).Scan(&pfp, &efp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO alert_log (alert_id, at, event, disposition, by_name, reason, payee_fp, entry_fp) VALUES (?, ?, 'decided', ?, ?, ?, ?, ?)`),
			d.Alert, now(), d.As, d.By, d.Reason, pfp, efp); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.rebind(`UPDATE alerts SET status = ? WHERE id = ?`), d.As, d.Alert)
		a.Status = d.As
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrIdentifierHit) {
			return Alert{}, fmt.Errorf("store: %w", err)
		}
		return Alert{}, s.wrap("decide", err)
	}
	return a, nil
}

// ListVersion is a list publication a run screened against.
type ListVersion struct {
	Source    string `json:"source"`
	Format    string `json:"format"`
	SHA256    string `json:"sha256"`
	Published string `json:"published"`
	Sample    bool   `json:"sample,omitempty"`
}

// Screening is one screening of a payee.
type Screening struct {
	Run        int64         `json:"run"`
	Kind       string        `json:"kind"`
	At         string        `json:"at"`
	Scope      string        `json:"scope"`
	Decision   string        `json:"decision"`
	PolicyHash string        `json:"policy_hash"`
	Lists      []ListVersion `json:"lists"`
}

// Event is one entry of an alert's audit log.
type Event struct {
	Alert       int64  `json:"alert"`
	At          string `json:"at"`
	Event       string `json:"event"`
	Run         int64  `json:"run,omitempty"`
	Disposition string `json:"disposition,omitempty"`
	By          string `json:"by,omitempty"`
	Reason      string `json:"reason,omitempty"`
	Changed     string `json:"changed,omitempty"`
}

// Audit is everything the store holds on what was done about a payee.
type Audit struct {
	PayeeID    string      `json:"payee_id"`
	Screenings []Screening `json:"screenings"`
	Alerts     []Alert     `json:"alerts"`
	Events     []Event     `json:"events"`
}

// Audit returns every screening of the payee (when, list versions, policy
// hash, decision), its alerts and every event of their log (who decided
// what, when, why).
func (s *Store) Audit(ctx context.Context, payee string) (*Audit, error) {
	out := &Audit{PayeeID: payee, Screenings: []Screening{}, Alerts: []Alert{}, Events: []Event{}}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT r.id, r.kind, r.started_at, sc.scope, sc.decision, r.policy_hash
		FROM screenings sc JOIN runs r ON r.id = sc.run_id WHERE sc.payee_id = ? ORDER BY r.id`), payee)
	if err != nil {
		return nil, s.wrap("audit", err)
	}
	for rows.Next() {
		var sc Screening
		if err := rows.Scan(&sc.Run, &sc.Kind, &sc.At, &sc.Scope, &sc.Decision, &sc.PolicyHash); err != nil {
			rows.Close()
			return nil, s.wrap("audit", err)
		}
		out.Screenings = append(out.Screenings, sc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap("audit", err)
	}
	if err := s.impliedRescreens(ctx, out); err != nil {
		return nil, err
	}
	lists := map[int64][]ListVersion{}
	for i := range out.Screenings {
		sc := &out.Screenings[i]
		if v, ok := lists[sc.Run]; ok {
			sc.Lists = v
			continue
		}
		v, err := s.runLists(ctx, sc.Run)
		if err != nil {
			return nil, err
		}
		lists[sc.Run], sc.Lists = v, v
	}
	arows, err := s.db.QueryContext(ctx, s.rebind(`SELECT `+alertCols+` FROM alerts WHERE payee_id = ? ORDER BY id`), payee)
	if err != nil {
		return nil, s.wrap("audit", err)
	}
	for arows.Next() {
		a, err := scanAlert(arows)
		if err != nil {
			arows.Close()
			return nil, s.wrap("audit", err)
		}
		out.Alerts = append(out.Alerts, a)
	}
	arows.Close()
	erows, err := s.db.QueryContext(ctx, s.rebind(`SELECT l.alert_id, l.at, l.event, COALESCE(l.run_id, 0), l.disposition, l.by_name, l.reason, l.changed
		FROM alert_log l JOIN alerts a ON a.id = l.alert_id WHERE a.payee_id = ? ORDER BY l.id`), payee)
	if err != nil {
		return nil, s.wrap("audit", err)
	}
	defer erows.Close()
	for erows.Next() {
		var e Event
		if err := erows.Scan(&e.Alert, &e.At, &e.Event, &e.Run, &e.Disposition, &e.By, &e.Reason, &e.Changed); err != nil {
			return nil, s.wrap("audit", err)
		}
		out.Events = append(out.Events, e)
	}
	if err := erows.Err(); err != nil {
		return nil, s.wrap("audit", err)
	}
	if len(out.Screenings) == 0 && len(out.Alerts) == 0 {
		return nil, fmt.Errorf("store: payee %q: %w", payee, ErrNotFound)
	}
	return out, nil
}

// impliedRescreens adds to a payee's screenings the delta re-screenings
// that covered it without a match (they are recorded once per run, in
// rescreens, not per payee): following the re-screenings from each run
// that set the payee's baseline, until its next screening.
func (s *Store) impliedRescreens(ctx context.Context, au *Audit) error {
	next := map[int64]int64{}
	rows, err := s.db.QueryContext(ctx, `SELECT base_run, run_id FROM rescreens`)
	if err != nil {
		return s.wrap("audit", err)
	}
	for rows.Next() {
		var b, r int64
		if err := rows.Scan(&b, &r); err != nil {
			rows.Close()
			return s.wrap("audit", err)
		}
		next[b] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.wrap("audit", err)
	}
	have := map[int64]bool{}
	var starts []int64
	for _, sc := range au.Screenings {
		have[sc.Run] = true
		if sc.Scope == "full" {
			starts = append(starts, sc.Run)
		}
	}
	var added []int64
	for i, st := range starts {
		limit := int64(1 << 62)
		if i+1 < len(starts) {
			limit = starts[i+1]
		}
		for r, ok := next[st]; ok && r < limit; r, ok = next[r] {
			if !have[r] {
				have[r] = true
				added = append(added, r)
			}
		}
	}
	for _, r := range added {
		var sc Screening
		if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT id, kind, started_at, policy_hash FROM runs WHERE id = ?`), r).Scan(&sc.Run, &sc.Kind, &sc.At, &sc.PolicyHash); err != nil {
			return s.wrap("audit", err)
		}
		sc.Scope, sc.Decision = "delta", NoChange
		au.Screenings = append(au.Screenings, sc)
	}
	sort.Slice(au.Screenings, func(i, j int) bool { return au.Screenings[i].Run < au.Screenings[j].Run })
	return nil
}

// NoChange is the decision of a delta re-screening of a payee in which no
// added or changed entry matched: its decision is as before.
const NoChange = "no_change"

func (s *Store) runLists(ctx context.Context, run int64) ([]ListVersion, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT lv.source, lv.format, lv.sha256, lv.published, lv.sample
		FROM run_lists rl JOIN list_versions lv ON lv.id = rl.version_id WHERE rl.run_id = ? ORDER BY lv.id`), run)
	if err != nil {
		return nil, s.wrap("audit", err)
	}
	defer rows.Close()
	out := []ListVersion{}
	for rows.Next() {
		var v ListVersion
		var sample int
		if err := rows.Scan(&v.Source, &v.Format, &v.SHA256, &v.Published, &sample); err != nil {
			return nil, s.wrap("audit", err)
		}
		v.Sample = sample != 0
		out = append(out, v)
	}
	return out, s.wrap("audit", rows.Err())
}

// Labels turns the dispositions into labelled rows for evaluate: the
// payee of an alert decided true_match is a true match of that entry
// (expect review, or block when the match blocked), one decided false_positive a non-match of it (expect
// clear). Alerts still open or escalated are left out.
func (s *Store) Labels(ctx context.Context) (*evaluate.Labels, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.source, a.entity_id, a.status, a.decision, p.payee_id, p.fields
		FROM alerts a JOIN payees p ON p.payee_id = a.payee_id WHERE a.status IN ('true_match', 'false_positive') ORDER BY a.id`)
	if err != nil {
		return nil, s.wrap("labels", err)
	}
	defer rows.Close()
	out := &evaluate.Labels{Name: s.name, HasCategory: true}
	for rows.Next() {
		var id int64
		var src, ent, status, decision, payee, fields string
		if err := rows.Scan(&id, &src, &ent, &status, &decision, &payee, &fields); err != nil {
			return nil, s.wrap("labels", err)
		}
		p, err := decodePayee(payee, []byte(fields))
		if err != nil {
			return nil, fmt.Errorf("store %s: alert %d: stored payee fields unreadable: %w", s.name, id, ErrCorrupt)
		}
		l := evaluate.Label{Expect: screening.Clear, Source: src, EntityID: ent, Category: status}
		if status == StatusTrueMatch {
			// A true match is expected to get the decision it got (a
			// block on a listed identifier, or a corroborated name), and
			// at least review.
			l.Expect = screening.Review
			if decision == screening.Block.String() {
				l.Expect = screening.Block
			}
		}
		out.Cases = append(out.Cases, evaluate.Case{Line: int(id), Payee: p, Label: l})
	}
	return out, s.wrap("labels", rows.Err())
}
