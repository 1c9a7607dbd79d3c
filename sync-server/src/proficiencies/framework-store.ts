/**
 * Versions of each school's proficiency framework in the SQLite file, newest last; every version
 * is kept. PostgreSQL's are in postgres-framework-store.ts; both store a version's content as the
 * same JSON text, so a version moves between the engines unchanged.
 */
import type { Framework, FrameworkVersion } from '../../../src/lib/contracts/framework';
import type { FrameworkStore, FrameworkVersionSummary } from '../contracts';
import { transaction, type Database } from '../db';

/** A stored version as both engines read it (PostgreSQL's bigint times come as text). */
export interface FrameworkRow {
	version: number | string;
	created_at: number | string;
	content: string;
}

/** The columns of a version, in both engines' SQL. */
export const FRAMEWORK_COLUMNS = 'version, created_at, content';

export const versionOf = (row: FrameworkRow): FrameworkVersion => ({
	...(JSON.parse(row.content) as Framework),
	version: Number(row.version),
	createdAt: new Date(Number(row.created_at)).toISOString()
});

export const summaryOf = (row: FrameworkRow): FrameworkVersionSummary => {
	const framework = versionOf(row);
	return {
		version: framework.version,
		createdAt: framework.createdAt,
		proficiencies: framework.proficiencies.length,
		scales: framework.scales.length
	};
};

/** What a version holds; `links` only when there are some, so versions saved before them compare equal. */
export const contentOf = ({ proficiencies, scales, links }: Framework) =>
	JSON.stringify(links?.length ? { proficiencies, scales, links } : { proficiencies, scales });

/**
 * The number a save of `content` gets after the school's `latest` version, or null when `latest`
 * holds that content already (the save answers it, and makes no new version). Both engines decide so.
 */
export const nextVersionNumber = (latest: FrameworkVersion | null, content: string): number | null =>
	latest && contentOf(latest) === content ? null : (latest?.version ?? 0) + 1;

/** The SQLite file's frameworks. Its calls are synchronous underneath; they answer as promises for the contract. */
export class SqliteFrameworkStore implements FrameworkStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	#latest(schoolId: string): FrameworkVersion | null {
		const row = this.db
			.prepare(
				`SELECT ${FRAMEWORK_COLUMNS} FROM proficiency_frameworks WHERE school_id = ? ORDER BY version DESC LIMIT 1`
			)
			.get(schoolId) as FrameworkRow | undefined;
		return row ? versionOf(row) : null;
	}

	#get(schoolId: string, version: number): FrameworkVersion | null {
		const row = this.db
			.prepare(`SELECT ${FRAMEWORK_COLUMNS} FROM proficiency_frameworks WHERE school_id = ? AND version = ?`)
			.get(schoolId, version) as FrameworkRow | undefined;
		return row ? versionOf(row) : null;
	}

	async latest(schoolId: string): Promise<FrameworkVersion | null> {
		return this.#latest(schoolId);
	}

	async get(schoolId: string, version: number): Promise<FrameworkVersion | null> {
		return this.#get(schoolId, version);
	}

	async list(schoolId: string): Promise<FrameworkVersionSummary[]> {
		const rows = this.db
			.prepare(
				`SELECT ${FRAMEWORK_COLUMNS} FROM proficiency_frameworks WHERE school_id = ? ORDER BY version DESC`
			)
			.all(schoolId) as unknown as FrameworkRow[];
		return rows.map(summaryOf);
	}

	async save(
		schoolId: string,
		userId: string,
		framework: Framework
	): Promise<{ version: FrameworkVersion; isNew: boolean }> {
		const content = contentOf(framework);
		// BEGIN IMMEDIATE: the latest version and the new one are read and written by one process at a time.
		return transaction(this.db, () => {
			const latest = this.#latest(schoolId);
			const version = nextVersionNumber(latest, content);
			if (version === null) return { version: latest!, isNew: false };
			this.db
				.prepare(
					'INSERT INTO proficiency_frameworks (school_id, version, created_at, created_by, content) VALUES (?, ?, ?, ?, ?)'
				)
				.run(schoolId, version, this.now(), userId, content);
			return { version: this.#get(schoolId, version)!, isNew: true };
		});
	}
}
