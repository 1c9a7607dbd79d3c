/** Versions of each school's proficiency framework, newest last; every version is kept. */
import type { Framework, FrameworkVersion } from '../../../src/lib/contracts/framework';
import type { Database } from '../db';

export interface VersionSummary {
	version: number;
	createdAt: string;
	proficiencies: number;
	scales: number;
}

type Row = { version: number; created_at: number; content: string };

const toVersion = (row: Row): FrameworkVersion => ({
	...(JSON.parse(row.content) as Framework),
	version: row.version,
	createdAt: new Date(row.created_at).toISOString()
});

/** What a version holds; `links` only when there are some, so versions saved before them compare equal. */
const contentOf = ({ proficiencies, scales, links }: Framework) =>
	JSON.stringify(links?.length ? { proficiencies, scales, links } : { proficiencies, scales });

export class FrameworkStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	latest(schoolId: string): FrameworkVersion | null {
		const row = this.db
			.prepare(
				'SELECT version, created_at, content FROM proficiency_frameworks WHERE school_id = ? ORDER BY version DESC LIMIT 1'
			)
			.get(schoolId) as Row | undefined;
		return row ? toVersion(row) : null;
	}

	get(schoolId: string, version: number): FrameworkVersion | null {
		const row = this.db
			.prepare(
				'SELECT version, created_at, content FROM proficiency_frameworks WHERE school_id = ? AND version = ?'
			)
			.get(schoolId, version) as Row | undefined;
		return row ? toVersion(row) : null;
	}

	list(schoolId: string): VersionSummary[] {
		const rows = this.db
			.prepare(
				'SELECT version, created_at, content FROM proficiency_frameworks WHERE school_id = ? ORDER BY version DESC'
			)
			.all(schoolId) as Row[];
		return rows.map((row) => {
			const framework = toVersion(row);
			return {
				version: framework.version,
				createdAt: framework.createdAt,
				proficiencies: framework.proficiencies.length,
				scales: framework.scales.length
			};
		});
	}

	/** Saves the framework as a new version, unless it is the same as the latest (then that one is answered). */
	save(
		schoolId: string,
		userId: string,
		framework: Framework
	): { version: FrameworkVersion; isNew: boolean } {
		const content = contentOf(framework);
		const latest = this.latest(schoolId);
		if (latest && contentOf(latest) === content) {
			return { version: latest, isNew: false };
		}
		const version = (latest?.version ?? 0) + 1;
		this.db
			.prepare(
				'INSERT INTO proficiency_frameworks (school_id, version, created_at, created_by, content) VALUES (?, ?, ?, ?, ?)'
			)
			.run(schoolId, version, this.now(), userId, content);
		return { version: this.get(schoolId, version)!, isNew: true };
	}
}
