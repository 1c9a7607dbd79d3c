/**
 * One suite, both engines: what the framework routes and the export pages rely on from a
 * FrameworkStore, against a real SQLite file and a real PostgreSQL database. Each engine is opened
 * twice (two connections to one file, two pools on one database), as two server processes would,
 * and saves made at once on both never get the same version number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../src/lib/contracts/framework';
import type { FrameworkStore } from '../../src/contracts';
import { openDatabase, type Database } from '../../src/db';
import { openPostgres, type PostgresPool } from '../../src/postgres/database';
import { SqliteFrameworkStore } from '../../src/proficiencies/framework-store';
import { PostgresFrameworkStore } from '../../src/proficiencies/postgres-framework-store';
import { tempDir } from '../harness';
import { createTestDatabase } from './databases';

interface Engine {
	name: string;
	/** Two stores on one database, as two processes hold it. */
	open(now: () => number): Promise<[FrameworkStore, FrameworkStore]>;
	close(): Promise<void>;
}

/** The SQLite file's foreign keys want a school and a user; PostgreSQL's table has none yet. */
function seedSchool(db: Database, schoolId: string): void {
	db.prepare('INSERT OR IGNORE INTO schools (id, name, created_at) VALUES (?, ?, 0)').run(schoolId, schoolId);
	db.prepare(
		"INSERT OR IGNORE INTO users (id, username, display_name, role, school_id, password_hash, created_at) VALUES ('admin', 'admin', 'Admin', 'admin', ?, 'x', 0)"
	).run(schoolId);
}

function sqliteEngine(): Engine {
	let dir: ReturnType<typeof tempDir> | undefined;
	const dbs: Database[] = [];
	return {
		name: 'SQLite',
		async open(now) {
			dir = tempDir();
			dbs.push(openDatabase(dir.path), openDatabase(dir.path));
			for (const school of ['school-a', 'school-b']) seedSchool(dbs[0]!, school);
			return [new SqliteFrameworkStore(dbs[0]!, now), new SqliteFrameworkStore(dbs[1]!, now)];
		},
		async close() {
			for (const db of dbs) db.close();
			dir?.remove();
		}
	};
}

function postgresEngine(): Engine {
	const pools: PostgresPool[] = [];
	return {
		name: 'PostgreSQL',
		async open(now) {
			const url = await createTestDatabase();
			pools.push(await openPostgres(url, { max: 3 }), await openPostgres(url, { max: 3 }));
			return [new PostgresFrameworkStore(pools[0]!, now), new PostgresFrameworkStore(pools[1]!, now)];
		},
		async close() {
			for (const pool of pools) await pool.end();
		}
	};
}

/** A small framework whose one proficiency is named `title`. */
const frameworkNamed = (title: string, links = false): Framework => ({
	proficiencies: [
		{
			id: 'SCI-1',
			kind: 'graduation',
			area: 'Science',
			title,
			indicators: [{ id: 'SCI-1.a', text: 'Asks a question a test can answer' }],
			scaleId: 'four'
		}
	],
	scales: [
		{
			id: 'four',
			name: 'Four levels',
			levels: [
				{ value: 1, label: 'Beginning', description: '' },
				{ value: 4, label: 'Exceeding', description: '' }
			]
		}
	],
	...(links ? { links: [{ type: 'isRelatedTo', fromId: 'SCI-1', toId: 'SCI-1.a' }] } : {})
});

describe.each([sqliteEngine(), postgresEngine()])('FrameworkStore on $name', (engine) => {
	let first: FrameworkStore;
	let second: FrameworkStore;
	let time = Date.UTC(2026, 11, 4, 9, 0);
	beforeAll(async () => {
		[first, second] = await engine.open(() => time);
	});
	afterAll(() => engine.close());

	it('has nothing before the first save; saves versions, newest last, and answers the same one again', async () => {
		expect(await first.latest('school-a')).toBeNull();
		expect(await first.list('school-a')).toEqual([]);

		const one = await first.save('school-a', 'admin', frameworkNamed('Scientific inquiry'));
		expect(one.isNew).toBe(true);
		expect(one.version).toMatchObject({ version: 1, createdAt: '2026-12-04T09:00:00.000Z' });
		expect(one.version.proficiencies[0]!.title).toBe('Scientific inquiry');

		time += 60_000;
		// The same content again, from the other process: no new version, the latest answered.
		const same = await second.save('school-a', 'admin', frameworkNamed('Scientific inquiry'));
		expect(same).toEqual({ version: one.version, isNew: false });

		const two = await second.save('school-a', 'admin', frameworkNamed('Scientific inquiry', true));
		expect(two.isNew).toBe(true);
		expect(two.version.version).toBe(2);
		expect(two.version.links).toHaveLength(1);

		// Each process reads what the other saved.
		expect(await first.latest('school-a')).toEqual(two.version);
		expect(await first.get('school-a', 1)).toEqual(one.version);
		expect(await first.get('school-a', 3)).toBeNull();
		expect(await second.list('school-a')).toEqual([
			{ version: 2, createdAt: '2026-12-04T09:01:00.000Z', proficiencies: 1, scales: 1 },
			{ version: 1, createdAt: '2026-12-04T09:00:00.000Z', proficiencies: 1, scales: 1 }
		]);
		// Another school's versions are its own.
		expect(await first.latest('school-b')).toBeNull();
	});

	it('gives saves made at once on two processes distinct versions, one each', async () => {
		const titles = Array.from({ length: 8 }, (_, n) => `Inquiry, draft ${n + 1}`);
		const saved = await Promise.all(
			titles.map((title, n) =>
				(n % 2 === 0 ? first : second).save('school-b', 'admin', frameworkNamed(title))
			)
		);
		expect(saved.every((result) => result.isNew)).toBe(true);
		expect(saved.map((result) => result.version.version).sort((a, b) => a - b)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8
		]);
		const listed = await first.list('school-b');
		expect(listed.map((summary) => summary.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
		// Each number holds the framework its save was answered with.
		for (const result of saved) {
			expect(await second.get('school-b', result.version.version)).toEqual(result.version);
		}
	});
});
