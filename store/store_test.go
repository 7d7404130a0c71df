package store

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func sampleScreener(t testing.TB) *screening.Screener {
	t.Helper()
	set, err := lists.Sample()
	require.NoError(t, err)
	p := screening.DefaultPolicy()
	p.MaxListAge = "0"
	sc, err := screening.New(set, p, screening.Options{})
	require.NoError(t, err)
	return sc
}

type sliceRows struct {
	payees []screening.Payee
	i      int
}

func (r *sliceRows) Read() (screening.Row, error) {
	if r.i >= len(r.payees) {
		return screening.Row{}, io.EOF
	}
	r.i++
	return screening.Row{Line: r.i, Payee: r.payees[r.i-1]}, nil
}

// record screens payees and records the run, returning the alerts of each
// row's matches.
func record(t testing.TB, s *Store, sc *screening.Screener, payees []screening.Payee) (RunStats, []screening.RowResult, [][]AlertRef) {
	t.Helper()
	ctx := context.Background()
	run, err := s.BeginRun(ctx, "screen", sc)
	require.NoError(t, err)
	var results []screening.RowResult
	var refs [][]AlertRef
	rec := run.Recorder(ctx, func(r screening.RowResult, a []AlertRef) error {
		results = append(results, r)
		refs = append(refs, a)
		return nil
	})
	require.NoError(t, sc.ScreenBatch(ctx, &sliceRows{payees: payees}, screening.BatchOptions{}, rec.Add))
	require.NoError(t, rec.Close())
	st, err := run.Finish(ctx)
	require.NoError(t, err)
	return st, results, refs
}

var samplePayees = []screening.Payee{
	{ID: "p1", Name: "Kim Sang Man", DOB: "1965-04-25"},
	{ID: "p2", Name: "Jane Smith"},
	{ID: "p3", Name: "Korea Daesong Bank", Type: screening.Organization},
	{ID: "p4", Name: "Alice Example", Wallets: []screening.Wallet{{Address: "0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c", Currency: "ETH"}}},
}

func TestOpenCreatesOwnerOnlyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	openStore(t, path)
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	var mode string
	require.NoError(t, openStore(t, path).db.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	assert.Equal(t, "wal", mode)
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		target := b.target(t)
		s := openStore(t, target)
		_, err := s.db.Exec(s.rebind(`INSERT INTO `+versionTable+` (version_id, is_applied) VALUES (?, ?)`), SchemaVersion+1, true)
		require.NoError(t, err)
		_, err = Open(context.Background(), target)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrNewerSchema)
		assert.Contains(t, err.Error(), "schema version 2")
	})
}

func TestOpenRefusesCorruptOrForeignStore(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	data := []byte("this is not an SQLite database, but it is 4096 bytes long......." + string(make([]byte, 4096)))
	require.NoError(t, os.WriteFile(garbage, data, 0o600))

	// A real store whose pages were overwritten in the middle.
	damaged := filepath.Join(dir, "damaged.db")
	s := openStore(t, damaged)
	record(t, s, sampleScreener(t), samplePayees)
	_, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	require.NoError(t, err)
	s.Close()
	b, err := os.ReadFile(damaged)
	require.NoError(t, err)
	for i := 4096; i < len(b); i++ {
		b[i] = 0xA5
	}
	require.NoError(t, os.WriteFile(damaged, b, 0o600))

	foreign := filepath.Join(dir, "foreign.db")
	fs := openStore(t, foreign)
	_, err = fs.db.Exec(`DROP TABLE ` + versionTable)
	require.NoError(t, err)
	fs.Close()

	for _, tt := range []struct{ path, reason string }{
		{garbage, "not a database at all"},
		{damaged, "a payscreen store with damaged pages"},
		{foreign, "a database without payscreen's schema version"},
	} {
		before, err := os.ReadFile(tt.path)
		require.NoError(t, err)
		_, err = Open(context.Background(), tt.path)
		require.Error(t, err, tt.reason)
		assert.ErrorIs(t, err, ErrCorrupt, tt.reason)
		after, err := os.ReadFile(tt.path)
		require.NoError(t, err)
		assert.Equal(t, before, after, "%s: the file must be left as it was", tt.reason)
	}
}

func TestScreenRecordsAlertsOnceAndSuppressesFalsePositives(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := openStore(t, b.target(t))
		sc := sampleScreener(t)
		st, results, refs := record(t, s, sc, samplePayees)
		assert.Equal(t, 4, st.Recorded)
		var want int
		for i, r := range results {
			want += len(r.Result.Matches)
			require.Len(t, refs[i], len(r.Result.Matches))
			for _, a := range refs[i] {
				assert.Equal(t, SeenNew, a.Status)
			}
		}
		require.Greater(t, want, 2, "the sample payees must match")
		assert.Equal(t, want, st.NewAlerts)

		// The same payroll on the same lists: no new alert.
		st2, _, refs2 := record(t, s, sc, samplePayees)
		assert.Zero(t, st2.NewAlerts)
		assert.Equal(t, want, st2.Open)
		for i := range refs2 {
			for j, a := range refs2[i] {
				assert.Equal(t, refs[i][j].ID, a.ID)
				assert.Equal(t, SeenOpen, a.Status)
			}
		}

		// p1's name match is a false positive: suppressed on the next run.
		p1 := refs[0][0].ID
		_, err := s.Decide(ctx, Decision{Alert: p1, As: StatusFalsePositive, By: "ana", Reason: "different person"})
		require.NoError(t, err)
		_, _, refs3 := record(t, s, sc, samplePayees)
		assert.Equal(t, SeenSuppressed, refs3[0][0].Status)

		// The payee's date of birth changes: re-opened, naming the field.
		changed := slices.Clone(samplePayees)
		changed[0].DOB = "1965-04-26"
		st4, _, refs4 := record(t, s, sc, changed)
		assert.Equal(t, 1, st4.Reopened)
		assert.Equal(t, AlertRef{ID: p1, Status: SeenOpen, Reopened: true, Changed: []string{"dob"}}, refs4[0][0])
		a, err := s.Alert(ctx, p1)
		require.NoError(t, err)
		assert.Equal(t, StatusOpen, a.Status)
		assert.Equal(t, "dob", a.Changed)

		// Identifier hits can never be suppressed.
		walletAlert := refs[3][0].ID
		_, err = s.Decide(ctx, Decision{Alert: walletAlert, As: StatusFalsePositive, By: "ana", Reason: "x"})
		assert.ErrorIs(t, err, ErrIdentifierHit)
		_, err = s.Decide(ctx, Decision{Alert: walletAlert, As: StatusTrueMatch, By: "ana", Reason: "listed wallet"})
		require.NoError(t, err)
		_, err = s.Decide(ctx, Decision{Alert: 99999, As: StatusTrueMatch, By: "ana", Reason: "x"})
		assert.ErrorIs(t, err, ErrNotFound)

		// The audit trail of p1: four screenings, created/decided/reopened.
		au, err := s.Audit(ctx, "p1")
		require.NoError(t, err)
		assert.Len(t, au.Screenings, 4)
		assert.NotEmpty(t, au.Screenings[0].Lists)
		assert.Len(t, au.Screenings[0].PolicyHash, 64)
		var events []string
		for _, e := range au.Events {
			if e.Alert == p1 {
				events = append(events, e.Event)
			}
		}
		assert.Equal(t, []string{"created", "decided", "reopened"}, events)

		// The log is append-only.
		_, err = s.db.Exec(`UPDATE alert_log SET reason = 'rewritten'`)
		assert.Error(t, err)
		_, err = s.db.Exec(`DELETE FROM alert_log`)
		assert.Error(t, err)
		_, err = s.db.Exec(`DELETE FROM screenings`)
		assert.Error(t, err)

		// Labels for eval: the wallet alert is a true match.
		labels, err := s.Labels(ctx)
		require.NoError(t, err)
		require.Len(t, labels.Cases, 1)
		assert.Equal(t, "p4", labels.Cases[0].Payee.ID)
		assert.Equal(t, screening.Block, labels.Cases[0].Label.Expect, "the listed wallet blocked")
		assert.Equal(t, samplePayees[3].Wallets, labels.Cases[0].Payee.Wallets)
	})
}

func TestStoredPayeeRoundTrip(t *testing.T) {
	p := screening.Payee{ID: "x", Name: "N", Type: screening.Person, DOB: "1970", Country: "DE", Address: "A", Email: "e@x", Phone: "1",
		Bank:      screening.BankAccount{IBAN: "DE89370400440532013000", BIC: "COBADEFF", AccountNumber: "123", RoutingNumber: "021000021", Country: "DE"},
		Wallets:   []screening.Wallet{{Address: "0xabc", Currency: "ETH"}},
		Documents: []screening.Document{{Type: "passport", Number: "X1", Country: "DE"}}}
	got, err := decodePayee("x", encodePayee(&p))
	require.NoError(t, err)
	assert.Equal(t, p, got)
	assert.Equal(t, PayeeFingerprint(&p), PayeeFingerprint(&got))
	q := p
	q.Bank.IBAN = "DE02120300000000202051"
	q.Name = "M"
	assert.Equal(t, []string{"name", "iban"}, changedFields(PayeeFingerprint(&p), PayeeFingerprint(&q)))
}

// The entry fingerprint the store records per list version is the one
// matches carry: a delta computed from one finds the alerts of the other.
func TestEntryFingerprintAgreesWithMatches(t *testing.T) {
	sc := sampleScreener(t)
	res, err := sc.Screen(context.Background(), samplePayees[0])
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	for _, l := range sc.Lists().Lists {
		for i := range l.Entities {
			if SourceKey(l) == res.Matches[0].Source.String() && l.Entities[i].ID == res.Matches[0].EntityID {
				assert.Equal(t, EntryFingerprint(&l.Entities[i]), matchFingerprint(&res.Matches[0]))
				return
			}
		}
	}
	t.Fatal("matched entity not found in the lists")
}

// Four runs at once on one store (each with its own connections, as
// separate processes have; two with the rows in the other order) all
// complete, and every alert is raised exactly once.
func TestConcurrentRunsDoNotCorruptTheStore(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		target := b.target(t)
		sc := sampleScreener(t)
		var payees []screening.Payee
		for i := range 3000 {
			p := samplePayees[i%len(samplePayees)]
			p.ID = p.ID + "-" + string(rune('a'+i%26)) + "-" + itoa(i)
			payees = append(payees, p)
		}
		openStore(t, target) // the schema first, as the first run would
		var wg sync.WaitGroup
		stats := make([]RunStats, 4)
		errs := make([]error, 4)
		for k := range 4 {
			wg.Go(func() {
				s, err := Open(context.Background(), target)
				if err != nil {
					errs[k] = err
					return
				}
				defer s.Close()
				mine := payees
				if k%2 == 1 {
					// The other runs see the payroll in the other order.
					mine = slices.Clone(payees)
					slices.Reverse(mine)
				}
				stats[k], _, _ = record(t, s, sc, mine)
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		s := openStore(t, target)
		newAlerts, seen := 0, 0
		for _, st := range stats {
			newAlerts += st.NewAlerts
			seen += st.NewAlerts + st.Open
		}
		var alerts, dupes, screenings, runs int
		require.NoError(t, s.db.QueryRow(`SELECT COUNT(*) FROM alerts`).Scan(&alerts))
		require.NoError(t, s.db.QueryRow(`SELECT COUNT(*) FROM (SELECT payee_id, source, entity_id FROM alerts GROUP BY payee_id, source, entity_id HAVING COUNT(*) > 1) d`).Scan(&dupes))
		require.NoError(t, s.db.QueryRow(`SELECT COUNT(*) FROM screenings`).Scan(&screenings))
		require.NoError(t, s.db.QueryRow(`SELECT COUNT(*) FROM runs WHERE finished_at <> ''`).Scan(&runs))
		assert.Equal(t, alerts, newAlerts, "each alert raised by exactly one run")
		assert.Equal(t, 4*alerts, seen)
		assert.Zero(t, dupes)
		assert.Equal(t, 4*len(payees), screenings)
		assert.Equal(t, 4, runs)
		if s.dialect == sqliteDialect {
			var ok string
			require.NoError(t, s.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok))
			assert.Equal(t, "ok", ok)
		}
	})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

var _ = errors.Is
