// Package store is payscreen's case store: it records screening runs (the
// list versions and policy each payee was screened against, and the
// decision), the alerts those runs raised, and an append-only log of who
// decided what about each alert, so that screening becomes a process:
// a reviewed false positive stays suppressed until the payee or the listed
// entry changes, and payees are re-screened against only the list entries
// added or changed since they were last screened.
//
// Two backends share one schema and one set of versioned migrations
// (pressly/goose, SQL embedded in the binary): SQLite through
// modernc.org/sqlite (pure Go; one file, created 0600, WAL journal and a
// busy timeout so that concurrent runs wait for each other), and
// PostgreSQL through jackc/pgx for teams.
//
// The store holds what re-screening needs and no more: each payee's
// screened fields (name, type, date of birth, country, address, e-mail,
// phone, bank details, wallets, documents) as last screened, never
// payment amounts. Nothing of it is logged; errors name payee IDs only
// where the caller asked about that payee.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations
var migrations embed.FS

// SchemaVersion is the schema version this build of payscreen writes: the
// highest migration it holds.
const SchemaVersion = 1

// versionTable is goose's table of applied migrations.
const versionTable = "payscreen_schema_version"

// Errors Open wraps.
var (
	// ErrNewerSchema: the store was written by a newer payscreen, whose
	// schema this build does not know.
	ErrNewerSchema = errors.New("store written by a newer schema version")
	// ErrCorrupt: the store is damaged or is not a payscreen store. It is
	// never cleared or overwritten.
	ErrCorrupt = errors.New("store is corrupt or not a payscreen store")
	// ErrNotFound: no alert or payee with the given identifier.
	ErrNotFound = errors.New("not found")
)

// dialect is the SQL flavour of a backend.
type dialect uint8

const (
	sqliteDialect dialect = iota
	postgresDialect
)

// Store is an open case store. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect dialect
	// name is how errors name the store: the file, or the PostgreSQL
	// database without credentials.
	name string
}

// IsPostgres reports whether target names a PostgreSQL database
// (postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Open opens the store at target — a SQLite file path (created 0600 if
// missing) or a postgres:// URL — and brings its schema up to
// SchemaVersion. A store of a newer schema wraps ErrNewerSchema; a damaged
// file or a database that is not a payscreen store wraps ErrCorrupt.
func Open(ctx context.Context, target string) (*Store, error) {
	if target == "" {
		return nil, errors.New("store: no store given")
	}
	var s *Store
	var err error
	if IsPostgres(target) {
		s, err = openPostgres(ctx, target)
	} else {
		s, err = openSQLite(ctx, target)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// OpenExisting opens a store like Open, but refuses to create a SQLite
// file: for commands that read a store, a mistyped path must not yield an
// empty one.
func OpenExisting(ctx context.Context, target string) (*Store, error) {
	if !IsPostgres(target) {
		if _, err := os.Stat(target); err != nil {
			return nil, fmt.Errorf("store %s: %w", target, err)
		}
	}
	return Open(ctx, target)
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	// Create the file with owner-only permissions before SQLite does
	// (SQLite gives the -wal and -shm files the database's permissions).
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	f.Close()
	q := url.Values{}
	for _, p := range []string{"busy_timeout(60000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(OFF)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	s := &Store{db: db, dialect: sqliteDialect, name: path}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, s.wrap("open", err)
	}
	return s, nil
}

func openPostgres(ctx context.Context, target string) (*Store, error) {
	name := "postgres"
	if u, err := url.Parse(target); err == nil {
		u.User = nil
		u.RawQuery = ""
		name = u.String()
	}
	db, err := sql.Open("pgx", target)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", name, err)
	}
	s := &Store{db: db, dialect: postgresDialect, name: name}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", name, err)
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// String names the store (a file, or a PostgreSQL URL without
// credentials).
func (s *Store) String() string { return s.name }

// wrap adds the store's name to err, and ErrCorrupt when SQLite reports a
// damaged file or one that is not a database.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("store %s: %s: %w: %v", s.name, op, ErrCorrupt, err)
		}
	}
	return fmt.Errorf("store %s: %s: %w", s.name, op, err)
}

// migrate checks the schema version and applies the migrations this build
// holds that the store lacks.
func (s *Store) migrate(ctx context.Context) error {
	dir, goDialect := "migrations/sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.dialect == postgresDialect {
		dir, goDialect = "migrations/postgres", goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	} else {
		// Two processes opening a new file at once: one migrates, the
		// other waits, then finds the schema in place.
		f, err := os.OpenFile(s.name, os.O_RDONLY, 0)
		if err != nil {
			return fmt.Errorf("store %s: %w", s.name, err)
		}
		defer f.Close()
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			return fmt.Errorf("store %s: lock: %w", s.name, err)
		}
		defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	if err := s.checkVersion(ctx); err != nil {
		return err
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return err
	}
	opts = append(opts, goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true))
	p, err := goose.NewProvider(goDialect, s.db, sub, opts...)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return s.wrap("migrate", err)
	}
	return nil
}

// checkVersion refuses a store of a newer schema, and a database that
// holds tables but is not a payscreen store.
func (s *Store) checkVersion(ctx context.Context) error {
	var tables []string
	var q string
	if s.dialect == sqliteDialect {
		q = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	} else {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return s.wrap("read schema", err)
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return s.wrap("read schema", err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.wrap("read schema", err)
	}
	hasVersion := false
	for _, t := range tables {
		hasVersion = hasVersion || t == versionTable
	}
	if !hasVersion {
		if len(tables) > 0 {
			return fmt.Errorf("store %s: %w: it holds tables (%s) but no payscreen schema version", s.name, ErrCorrupt, strings.Join(tables, ", "))
		}
		return nil
	}
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(version_id) FROM `+versionTable+` WHERE is_applied`).Scan(&v); err != nil {
		return s.wrap("read schema version", err)
	}
	if v.Int64 > SchemaVersion {
		return fmt.Errorf("store %s: %w: schema version %d, this payscreen knows up to %d: upgrade payscreen", s.name, ErrNewerSchema, v.Int64, SchemaVersion)
	}
	return nil
}

// rebind rewrites the ? placeholders of q as $1, $2, ... for PostgreSQL.
func (s *Store) rebind(q string) string {
	if s.dialect != postgresDialect {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
