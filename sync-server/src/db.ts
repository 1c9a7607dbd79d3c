/**
 * The one SQLite file of a Pathways server (`${DATA_DIR}/pathways.db`): accounts, sessions,
 * invites, the audit log and the relay's document log — every table made by the migrations below,
 * the one mechanism. Opened with Node's built-in `node:sqlite`, so there is nothing to install.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

export type Database = DatabaseSync;

/**
 * node:sqlite prints "ExperimentalWarning: SQLite is an experimental feature" when it is first
 * loaded. It is stable enough for us, and the warning scares people running `npm start`, so we
 * drop exactly that warning — every other warning still prints.
 */
function loadSqlite(): typeof import('node:sqlite') {
	const emitWarning = process.emitWarning;
	const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
		const text = typeof warning === 'string' ? warning : warning.message;
		const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
		const name = typeof warning === 'string' ? type : warning.name;
		if (name === 'ExperimentalWarning' && /SQLite/i.test(text)) return;
		return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
	};
	process.emitWarning = filtered as typeof process.emitWarning;
	try {
		return createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
	} finally {
		process.emitWarning = emitWarning;
	}
}

const sqlite = loadSqlite();

export const DB_FILE_NAME = 'pathways.db';

/** Opens (creating if needed) the database in dataDir and brings its schema up to date. */
export function openDatabase(dataDir: string): Database {
	try {
		mkdirSync(dataDir, { recursive: true });
	} catch (cause) {
		throw new Error(`Cannot create the data folder ${dataDir}: ${(cause as Error).message}`, { cause });
	}
	const file = path.join(dataDir, DB_FILE_NAME);
	let db: Database;
	try {
		db = new sqlite.DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
		db.exec('PRAGMA journal_mode = WAL');
		// `synchronous` is left to the document store, which chooses its durability (storage/).
		db.exec('PRAGMA foreign_keys = ON');
		db.exec('PRAGMA busy_timeout = 5000');
	} catch (cause) {
		throw new Error(`Cannot open the database ${file}: ${(cause as Error).message}`, { cause });
	}
	migrate(db);
	return db;
}

/**
 * Applies every migration newer than the file's `PRAGMA user_version`, each in its own transaction.
 * Several processes may open one file at once (relay processes on one host, decision 0113): each
 * step re-reads the version inside its BEGIN IMMEDIATE, which only one connection holds at a time,
 * so every migration runs exactly once whoever gets there first.
 */
export function migrate(db: Database): void {
	const version = () =>
		Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
	const refuseNewer = (current: number) => {
		if (current > MIGRATIONS.length) {
			throw new Error(
				`The database was written by a newer version of Pathways (schema ${current}, this version knows ${MIGRATIONS.length}). Update Pathways.`
			);
		}
	};
	refuseNewer(version());
	for (;;) {
		const isDone = transaction(db, () => {
			const current = version();
			refuseNewer(current);
			if (current === MIGRATIONS.length) return true;
			db.exec(MIGRATIONS[current]!);
			db.exec(`PRAGMA user_version = ${current + 1}`);
			return false;
		});
		if (isDone) return;
	}
}

/**
 * Runs fn inside BEGIN IMMEDIATE … COMMIT, rolling back if it throws. Inside an open transaction it
 * simply runs fn, so the outer transaction decides (all of it commits or none).
 */
export function transaction<T>(db: Database, fn: () => T): T {
	if (db.isTransaction) return fn();
	db.exec('BEGIN IMMEDIATE');
	try {
		const result = fn();
		db.exec('COMMIT');
		return result;
	} catch (error) {
		db.exec('ROLLBACK');
		throw error;
	}
}

/**
 * Triggers that refuse every change and removal of a table's rows (records of who did what):
 * `what … append-only` is the refusal's message.
 */
function appendOnly(table: string, what: string): string {
	return ['UPDATE', 'DELETE']
		.map(
			(verb) =>
				`CREATE TRIGGER ${table}_no_${verb.toLowerCase()} BEFORE ${verb} ON ${table}\n\t\tBEGIN SELECT RAISE(ABORT, '${what} append-only'); END;`
		)
		.join('\n\t');
}

/**
 * Schema migrations of the whole file, applied in order by migrate() below (`PRAGMA user_version` is the
 * number applied). Never edit a migration that has shipped: add a new one at the end.
 * Times are milliseconds since 1970 (UTC).
 */
export const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE schools (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);

	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		school_id TEXT NOT NULL REFERENCES schools(id),
		username TEXT NOT NULL UNIQUE,
		display_name TEXT NOT NULL,
		role TEXT NOT NULL CHECK (role IN ('student', 'guardian', 'staff', 'admin')),
		staff_title TEXT CHECK (staff_title IN ('advisor', 'teacher', 'counselor')),
		password_hash TEXT NOT NULL,
		is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
		created_at INTEGER NOT NULL,
		CHECK ((role = 'staff') = (staff_title IS NOT NULL))
	);

	-- Each student has exactly one plan; its id names the plan's documents on the relay.
	CREATE TABLE students (
		user_id TEXT PRIMARY KEY REFERENCES users(id),
		plan_id TEXT NOT NULL UNIQUE,
		grade INTEGER
	);

	CREATE TABLE caseloads (
		staff_id TEXT NOT NULL REFERENCES users(id),
		student_id TEXT NOT NULL REFERENCES students(user_id),
		PRIMARY KEY (staff_id, student_id)
	);
	CREATE INDEX caseloads_by_student ON caseloads(student_id);

	CREATE TABLE guardian_links (
		guardian_id TEXT NOT NULL REFERENCES users(id),
		student_id TEXT NOT NULL REFERENCES students(user_id),
		PRIMARY KEY (guardian_id, student_id)
	);
	CREATE INDEX guardian_links_by_student ON guardian_links(student_id);

	-- Only the SHA-256 of a session token is stored: a copy of this file signs nobody in.
	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		token_hash TEXT NOT NULL UNIQUE,
		user_id TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	);
	CREATE INDEX sessions_by_user ON sessions(user_id);

	CREATE TABLE invites (
		id TEXT PRIMARY KEY,
		code_hash TEXT NOT NULL UNIQUE,
		student_id TEXT NOT NULL REFERENCES students(user_id),
		created_by TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used_at INTEGER,
		used_by TEXT REFERENCES users(id)
	);

	-- Append-only: the triggers below refuse every change to a written row.
	CREATE TABLE audit_log (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		plan_id TEXT NOT NULL,
		doc_kind TEXT NOT NULL,
		action TEXT NOT NULL CHECK (action IN ('open', 'change', 'denied')),
		detail TEXT
	);
	CREATE INDEX audit_by_plan ON audit_log(plan_id, at);
	${appendOnly('audit_log', 'the audit log is')}
	`,
	// Evidence files (src/blobs/): stored once by SHA-256; plan_blobs says which plans reference a
	// file, which is what lets a person read it. backups records each backup run (src/backup/).
	`
	CREATE TABLE blobs (
		hash TEXT PRIMARY KEY,
		size INTEGER NOT NULL,
		mime_type TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE plan_blobs (
		plan_id TEXT NOT NULL,
		hash TEXT NOT NULL REFERENCES blobs(hash),
		added_by TEXT NOT NULL,
		added_at INTEGER NOT NULL,
		PRIMARY KEY (plan_id, hash)
	);
	CREATE INDEX plan_blobs_by_hash ON plan_blobs(hash);
	CREATE TABLE backups (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		started_at INTEGER NOT NULL,
		finished_at INTEGER,
		is_ok INTEGER CHECK (is_ok IN (0, 1)),
		location TEXT,
		detail TEXT
	);
	`,
	// Roster import (sync-server/src/roster): the student information system's id of each imported
	// person, the school's student ID, and which links the roster made (a re-import may remove those,
	// never a link an admin or an invite made by hand).
	`
	CREATE TABLE roster_links (
		school_id TEXT NOT NULL REFERENCES schools(id),
		source_id TEXT NOT NULL,
		user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
		PRIMARY KEY (school_id, source_id)
	);
	ALTER TABLE students ADD COLUMN student_number TEXT;
	ALTER TABLE caseloads ADD COLUMN from_roster INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE guardian_links ADD COLUMN from_roster INTEGER NOT NULL DEFAULT 0;

	-- Proficiency frameworks (sync-server/src/proficiencies): every upload that changes something is
	-- a new version; old versions are kept, because progress entries point at their proficiencies.
	CREATE TABLE proficiency_frameworks (
		school_id TEXT NOT NULL REFERENCES schools(id),
		version INTEGER NOT NULL,
		created_at INTEGER NOT NULL,
		created_by TEXT NOT NULL REFERENCES users(id),
		content TEXT NOT NULL,
		PRIMARY KEY (school_id, version)
	);
	`,
	// Schools from the roster (sync-server/src/roster/school-scope.ts): a school's OneRoster org
	// sourcedId and identifier, the district it belongs to, and which admins act for a whole
	// district (they may create and update its schools by import). school_changes is the
	// append-only record of who created, changed or was refused which school.
	`
	CREATE TABLE districts (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		source_id TEXT UNIQUE,
		created_at INTEGER NOT NULL
	);
	ALTER TABLE schools ADD COLUMN district_id TEXT REFERENCES districts(id);
	ALTER TABLE schools ADD COLUMN source_id TEXT;
	ALTER TABLE schools ADD COLUMN identifier TEXT;
	CREATE UNIQUE INDEX schools_by_source ON schools(source_id) WHERE source_id IS NOT NULL;
	ALTER TABLE users ADD COLUMN district_id TEXT REFERENCES districts(id);

	CREATE TABLE school_changes (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		school_id TEXT,
		source_id TEXT NOT NULL,
		action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'refused')),
		detail TEXT NOT NULL
	);
	${appendOnly('school_changes', 'school changes are')}
	`,
	// Each person's language (src/lib/messages/languages.ts), so their screens follow them to any device.
	`
	ALTER TABLE users ADD COLUMN language TEXT;
	`,
	// Devices an account signed in on before (src/auth/trusted-devices.ts): they keep signing in
	// while the account is throttled for everyone else.
	`
	CREATE TABLE trusted_devices (
		token_hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		last_used_at INTEGER NOT NULL
	);
	CREATE INDEX trusted_devices_by_user ON trusted_devices(user_id, last_used_at);
	-- The admin's audit view pages by entry id (src/api/admin-routes.ts).
	CREATE INDEX audit_by_plan_id ON audit_log(plan_id, id);
	`,
	// A student's birth date from the roster (OneRoster demographics.csv), for "turning 18"; and
	// the roster checks an admin ran (sync-server/src/roster/roster-checks.ts): an import for real
	// needs a check of the same files.
	`
	ALTER TABLE students ADD COLUMN birth_date TEXT;
	CREATE TABLE roster_checks (
		token_hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id),
		files_hash TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	`,
	// A student of 18 decides who reads their plan (issue 17): when they end a guardian's access the
	// link stays (a re-import must not bring it back), marked with the moment they ended it.
	`
	ALTER TABLE guardian_links ADD COLUMN ended_by_student_at INTEGER;
	`,
	// The school's self-assessment on the five essential attributes (src/self-assessment/): one per
	// school and school year (the year it starts in), a rating row per attribute; the team of staff an
	// admin added to rate with the admins; the append-only record of who read, saved or changed what;
	// and of who named or removed a district admin (until now done only in the database).
	`
	CREATE TABLE self_assessments (
		school_id TEXT NOT NULL REFERENCES schools(id),
		school_year INTEGER NOT NULL,
		saved_by TEXT NOT NULL REFERENCES users(id),
		saved_at INTEGER NOT NULL,
		PRIMARY KEY (school_id, school_year)
	);
	CREATE TABLE self_assessment_ratings (
		school_id TEXT NOT NULL,
		school_year INTEGER NOT NULL,
		attribute TEXT NOT NULL,
		level TEXT CHECK (level IN ('initiating', 'developing', 'performing')),
		notes TEXT NOT NULL DEFAULT '',
		next_steps TEXT NOT NULL DEFAULT '',
		PRIMARY KEY (school_id, school_year, attribute),
		FOREIGN KEY (school_id, school_year) REFERENCES self_assessments(school_id, school_year)
	);
	CREATE TABLE self_assessment_team (
		school_id TEXT NOT NULL REFERENCES schools(id),
		user_id TEXT NOT NULL REFERENCES users(id),
		added_by TEXT NOT NULL REFERENCES users(id),
		added_at INTEGER NOT NULL,
		PRIMARY KEY (school_id, user_id)
	);
	CREATE TABLE self_assessment_log (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		school_id TEXT NOT NULL,
		school_year INTEGER,
		action TEXT NOT NULL CHECK (action IN ('read', 'saved', 'team-added', 'team-removed', 'denied')),
		detail TEXT
	);
	CREATE INDEX self_assessment_log_by_school ON self_assessment_log(school_id, id);
	${appendOnly('self_assessment_log', 'the self-assessment log is')}

	-- Who named or removed which district admin (src/self-assessment/district-admins.ts).
	CREATE TABLE district_admin_changes (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		district_id TEXT NOT NULL,
		target_id TEXT NOT NULL,
		action TEXT NOT NULL CHECK (action IN ('named', 'removed'))
	);
	${appendOnly('district_admin_changes', 'district admin changes are')}
	`,
	// A district's choice to let its district admins read (never write) the plans of its schools
	// (issue 18; off until a district admin turns it on), and the append-only record of who changed it.
	`
	ALTER TABLE districts ADD COLUMN plans_readable INTEGER NOT NULL DEFAULT 0;
	CREATE TABLE district_setting_changes (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		district_id TEXT NOT NULL,
		setting TEXT NOT NULL CHECK (setting IN ('plans-readable')),
		value TEXT NOT NULL
	);
	${appendOnly('district_setting_changes', 'district setting changes are')}
	`,
	// Issue 17. Students who left (src/auth/leavers.ts): when the roster turned an account off, so a
	// student who graduated or left reads and downloads their plan for the district's period
	// (leaver_access_days; the server's LEAVER_ACCESS_DAYS when null). An admin turning an account off
	// by hand clears it (no access at all). Accounts the roster turned off before count from now.
	// Outside voices (src/voices/): one-time links to one plan.
	`
	ALTER TABLE users ADD COLUMN left_at INTEGER;
	UPDATE users SET left_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
		WHERE is_active = 0 AND id IN (SELECT user_id FROM roster_links);
	ALTER TABLE districts ADD COLUMN leaver_access_days INTEGER CHECK (leaver_access_days BETWEEN 0 AND 3660);
	-- Only the SHA-256 of a link's secret is kept. One link: one plan, one action, one use.
	CREATE TABLE voice_links (
		id TEXT PRIMARY KEY,
		token_hash TEXT NOT NULL UNIQUE,
		plan_id TEXT NOT NULL,
		action TEXT NOT NULL CHECK (action IN ('reflect', 'confirm')),
		evidence_id TEXT,
		guest_name TEXT NOT NULL,
		guest_relation TEXT NOT NULL CHECK (guest_relation IN ('mentor', 'employer', 'community')),
		created_by TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used_at INTEGER,
		revoked_at INTEGER,
		CHECK ((action = 'confirm') = (evidence_id IS NOT NULL))
	);
	CREATE INDEX voice_links_by_plan ON voice_links(plan_id, created_at);
	`,
	// Where a student's birth date came from (decision 0094): the roster's demographics.csv or an
	// admin. Dates stored before this are counted as the roster's.
	`
	ALTER TABLE students ADD COLUMN birth_date_source TEXT CHECK (birth_date_source IN ('roster', 'admin'));
	UPDATE students SET birth_date_source = 'roster' WHERE birth_date IS NOT NULL;
	`,
	// Issue 17 (decision 0095): a school of no district sets its own leavers' period (a school of a
	// district follows the district's), and every change of either is recorded, append-only: who,
	// the old and the new number of days (null: the server's default).
	`
	ALTER TABLE schools ADD COLUMN leaver_access_days INTEGER CHECK (leaver_access_days BETWEEN 0 AND 3660);
	CREATE TABLE leaver_period_changes (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		district_id TEXT REFERENCES districts(id),
		school_id TEXT REFERENCES schools(id),
		old_days INTEGER,
		new_days INTEGER,
		CHECK ((district_id IS NULL) <> (school_id IS NULL))
	);
	${appendOnly('leaver_period_changes', 'leaver period changes are')}
	`,
	// Issue 15: the relay's document log joins the versioned migrations. Until now SqliteDocStore
	// made it itself on every start (CREATE … IF NOT EXISTS), so every file written before this has
	// it already, with its rows: IF NOT EXISTS keeps them as they are.
	`
	CREATE TABLE IF NOT EXISTS doc_updates (
		seq INTEGER PRIMARY KEY,
		doc TEXT NOT NULL,
		data BLOB NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc, seq);
	`,
	// Issue 19: each move of this file's plan documents into PostgreSQL
	// (storage/move-to-postgres.ts): up to which seq of doc_updates it moved, so a server started
	// with DATABASE_URL knows whether this file still has words PostgreSQL lacks; and up to which
	// link of evidence to a plan (plan_blobs.added_at; 0 when evidence was not moved).
	`
	CREATE TABLE postgres_moves (
		moved_at INTEGER NOT NULL,
		last_seq INTEGER NOT NULL,
		documents INTEGER NOT NULL,
		last_evidence_at INTEGER NOT NULL,
		evidence_files INTEGER NOT NULL
	);
	`,
	// The audit log moves to PostgreSQL too (issue 19): up to which entry a move copied. The file's
	// own id names it in PostgreSQL's record of what was moved from where (audit_moved).
	`
	ALTER TABLE postgres_moves ADD COLUMN last_audit_id INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE postgres_moves ADD COLUMN audit_entries INTEGER NOT NULL DEFAULT 0;
	CREATE TABLE installation (
		is_the_row INTEGER PRIMARY KEY CHECK (is_the_row = 1),
		id TEXT NOT NULL
	);
	INSERT INTO installation (is_the_row, id) VALUES (1, lower(hex(randomblob(16))));
	`,
	// The proficiency frameworks move to PostgreSQL too (issue 19): up to which version (by rowid;
	// versions are never deleted) a move copied, and how many versions the file had then.
	`
	ALTER TABLE postgres_moves ADD COLUMN last_framework_row INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE postgres_moves ADD COLUMN framework_versions INTEGER NOT NULL DEFAULT 0;
	`
];
