-- The case store's first schema (SQLite). migrations/postgres holds the
-- same schema in PostgreSQL's dialect: keep them in step.

-- +goose Up
CREATE TABLE runs (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	kind         TEXT    NOT NULL CHECK (kind IN ('screen', 'rescreen')),
	started_at   TEXT    NOT NULL,
	finished_at  TEXT    NOT NULL DEFAULT '',
	policy_hash  TEXT    NOT NULL,
	rows         INTEGER NOT NULL DEFAULT 0,
	new_alerts   INTEGER NOT NULL DEFAULT 0,
	reopened     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE list_versions (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	source    TEXT    NOT NULL,
	format    TEXT    NOT NULL,
	sha256    TEXT    NOT NULL,
	published TEXT    NOT NULL,
	sample    INTEGER NOT NULL,
	entries   INTEGER NOT NULL,
	UNIQUE (source, format, sha256)
);

-- One row per listed entry of a list version: what the re-screening
-- delta is computed from.
CREATE TABLE list_entries (
	version_id  INTEGER NOT NULL REFERENCES list_versions (id),
	entity_id   TEXT    NOT NULL,
	fingerprint TEXT    NOT NULL,
	PRIMARY KEY (version_id, entity_id, fingerprint)
) WITHOUT ROWID;

CREATE TABLE run_lists (
	run_id     INTEGER NOT NULL REFERENCES runs (id),
	version_id INTEGER NOT NULL REFERENCES list_versions (id),
	PRIMARY KEY (run_id, version_id)
);

-- The screened fields of each payee as last screened (JSON, and its
-- sha256), and the run whose lists it was last screened against (not
-- indexed: every screening changes it, and re-screening reads all payees).
CREATE TABLE payees (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	payee_id  TEXT    NOT NULL UNIQUE,
	fields    TEXT    NOT NULL,
	fields_fp TEXT    NOT NULL,
	last_run  INTEGER NOT NULL REFERENCES runs (id)
);

-- Every screening of every payee (append-only).
CREATE TABLE screenings (
	payee_id TEXT    NOT NULL,
	run_id   INTEGER NOT NULL REFERENCES runs (id),
	decision TEXT    NOT NULL,
	scope    TEXT    NOT NULL CHECK (scope IN ('full', 'delta')),
	PRIMARY KEY (payee_id, run_id)
) WITHOUT ROWID;

-- A delta re-screening: the payees last screened in base_run (and not
-- screened since) were re-screened by run_id against the entries added or
-- changed since; from then on they count as screened against run_id's
-- lists. Payees with a match are in screenings too.
CREATE TABLE rescreens (
	base_run INTEGER NOT NULL PRIMARY KEY REFERENCES runs (id),
	run_id   INTEGER NOT NULL REFERENCES runs (id)
);

CREATE TABLE alerts (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	payee_id    TEXT    NOT NULL,
	source      TEXT    NOT NULL,
	entity_id   TEXT    NOT NULL,
	status      TEXT    NOT NULL CHECK (status IN ('open', 'false_positive', 'true_match', 'escalated')),
	identifier  TEXT    NOT NULL,
	decision    TEXT    NOT NULL,
	score       REAL    NOT NULL,
	payee_fp    TEXT    NOT NULL,
	entry_fp    TEXT    NOT NULL,
	created_run INTEGER NOT NULL REFERENCES runs (id),
	seen_run    INTEGER NOT NULL REFERENCES runs (id),
	changed     TEXT    NOT NULL DEFAULT '',
	UNIQUE (payee_id, source, entity_id)
);
CREATE INDEX alerts_status ON alerts (status);

-- The audit log of every alert: created, re-opened, decided (append-only).
CREATE TABLE alert_log (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	alert_id    INTEGER NOT NULL REFERENCES alerts (id),
	at          TEXT    NOT NULL,
	event       TEXT    NOT NULL CHECK (event IN ('created', 'reopened', 'decided')),
	run_id      INTEGER REFERENCES runs (id),
	disposition TEXT    NOT NULL DEFAULT '',
	by_name     TEXT    NOT NULL DEFAULT '',
	reason      TEXT    NOT NULL DEFAULT '',
	changed     TEXT    NOT NULL DEFAULT '',
	payee_fp    TEXT    NOT NULL,
	entry_fp    TEXT    NOT NULL
);
CREATE INDEX alert_log_alert ON alert_log (alert_id);

CREATE TRIGGER alert_log_no_update BEFORE UPDATE ON alert_log
BEGIN SELECT RAISE(ABORT, 'alert_log is append-only'); END;
CREATE TRIGGER alert_log_no_delete BEFORE DELETE ON alert_log
BEGIN SELECT RAISE(ABORT, 'alert_log is append-only'); END;
CREATE TRIGGER screenings_no_update BEFORE UPDATE ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings is append-only'); END;
CREATE TRIGGER screenings_no_delete BEFORE DELETE ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings is append-only'); END;

-- +goose Down
DROP TABLE alert_log;
DROP TABLE alerts;
DROP TABLE rescreens;
DROP TABLE screenings;
DROP TABLE payees;
DROP TABLE run_lists;
DROP TABLE list_entries;
DROP TABLE list_versions;
DROP TABLE runs;
