/**
 * Proficiency frameworks in PostgreSQL (DATABASE_URL, issue 19): every process of a district reads
 * and saves the same versions. A save holds a lock on its school for its transaction, so two
 * uploads at once on two processes get two numbers (or, when they are the same, one version).
 * `moveFrameworkVersions` copies an SQLite file's versions in, each compared with what was stored.
 */
import type { Framework, FrameworkVersion } from '../../../src/lib/contracts/framework';
import type { FrameworkStore, FrameworkVersionSummary } from '../contracts';
import { LOCK_SPACE, withTransaction, type PostgresPool } from '../postgres/database';
import {
	contentOf,
	FRAMEWORK_COLUMNS,
	nextVersionNumber,
	summaryOf,
	versionOf,
	type FrameworkRow
} from './framework-store';

/** The key space of the per-school lock a save holds (two-key advisory locks; documents use LOCK_SPACE). */
const SAVE_LOCK = LOCK_SPACE + 2;

const LATEST = `SELECT ${FRAMEWORK_COLUMNS} FROM proficiency_frameworks WHERE school_id = $1 ORDER BY version DESC LIMIT 1`;

export class PostgresFrameworkStore implements FrameworkStore {
	constructor(
		private readonly pool: PostgresPool,
		private readonly now: () => number = Date.now
	) {}

	async latest(schoolId: string): Promise<FrameworkVersion | null> {
		const { rows } = await this.pool.query<FrameworkRow>(LATEST, [schoolId]);
		return rows[0] ? versionOf(rows[0]) : null;
	}

	async get(schoolId: string, version: number): Promise<FrameworkVersion | null> {
		const { rows } = await this.pool.query<FrameworkRow>(
			`SELECT ${FRAMEWORK_COLUMNS} FROM proficiency_frameworks WHERE school_id = $1 AND version = $2`,
			[schoolId, version]
		);
		return rows[0] ? versionOf(rows[0]) : null;
	}

	async list(schoolId: string): Promise<FrameworkVersionSummary[]> {
		const { rows } = await this.pool.query<FrameworkRow>(
			`SELECT ${FRAMEWORK_COLUMNS} FROM proficiency_frameworks WHERE school_id = $1 ORDER BY version DESC`,
			[schoolId]
		);
		return rows.map(summaryOf);
	}

	async save(
		schoolId: string,
		userId: string,
		framework: Framework
	): Promise<{ version: FrameworkVersion; isNew: boolean }> {
		const content = contentOf(framework);
		return withTransaction(this.pool, async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SAVE_LOCK, schoolId]);
			const { rows } = await client.query<FrameworkRow>(LATEST, [schoolId]);
			const latest = rows[0] ? versionOf(rows[0]) : null;
			const version = nextVersionNumber(latest, content);
			if (version === null) return { version: latest!, isNew: false };
			const inserted = await client.query<FrameworkRow>(
				`INSERT INTO proficiency_frameworks (school_id, version, created_at, created_by, content)
				 VALUES ($1, $2, $3, $4, $5) RETURNING ${FRAMEWORK_COLUMNS}`,
				[schoolId, version, this.now(), userId, content]
			);
			return { version: versionOf(inserted.rows[0]!), isNew: true };
		});
	}
}

/** One stored version with everything that identifies it, as both engines hold it. */
export interface FrameworkVersionRow {
	schoolId: string;
	version: number;
	createdAt: number;
	createdBy: string;
	content: string;
}

export interface FrameworkMoveReport {
	/** Versions in the SQLite file, and of those the ones PostgreSQL did not have before this run. */
	versions: number;
	copied: number;
}

/**
 * Copies `versions` (an SQLite file's, every school's) into PostgreSQL in one transaction: a
 * version PostgreSQL has already is kept. Then every one is read back and compared, column by
 * column; the first that differs is named in the error, and the transaction copies nothing.
 */
export async function moveFrameworkVersions(
	pool: PostgresPool,
	versions: readonly FrameworkVersionRow[],
	onDifferent: (message: string) => Error
): Promise<FrameworkMoveReport> {
	if (versions.length === 0) return { versions: 0, copied: 0 };
	return withTransaction(pool, async (client) => {
		const column = <K extends keyof FrameworkVersionRow>(key: K) => versions.map((row) => row[key]);
		const inserted = await client.query(
			`INSERT INTO proficiency_frameworks (school_id, version, created_at, created_by, content)
			 SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::text[], $5::text[])
			 ON CONFLICT (school_id, version) DO NOTHING`,
			[column('schoolId'), column('version'), column('createdAt'), column('createdBy'), column('content')]
		);
		const { rows } = await client.query<{
			school_id: string;
			version: number;
			created_at: string;
			created_by: string;
			content: string;
		}>(
			`SELECT f.school_id, f.version, f.created_at, f.created_by, f.content
			 FROM proficiency_frameworks f
			 JOIN unnest($1::text[], $2::integer[]) AS moved (school_id, version) USING (school_id, version)`,
			[column('schoolId'), column('version')]
		);
		const stored = new Map(rows.map((row) => [`${row.school_id}\n${row.version}`, row]));
		for (const row of versions) {
			const there = stored.get(`${row.schoolId}\n${row.version}`);
			const isEqual =
				there !== undefined &&
				Number(there.created_at) === row.createdAt &&
				there.created_by === row.createdBy &&
				there.content === row.content;
			if (!isEqual) {
				throw onDifferent(
					`Version ${row.version} of the proficiency framework of school ${row.schoolId} is different in PostgreSQL: nothing of the frameworks was moved.`
				);
			}
		}
		return { versions: versions.length, copied: inserted.rowCount ?? 0 };
	});
}
