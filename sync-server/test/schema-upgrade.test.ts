/**
 * One migration mechanism (issue 15): the document log is made by db.ts's versioned migrations,
 * not by SqliteDocStore. A data folder written by the code before this change (a real SQLite file,
 * fixtures/schema-13) opens, is upgraded to the newest schema, and keeps every row: the accounts,
 * and each stored update of the plan, byte for byte.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/plp/access';
import { Plan } from '../../src/lib/plp/plan';
import { DB_FILE_NAME, MIGRATIONS, openDatabase } from '../src/db';
import { loadStoredDoc } from '../src/export/plan-archive';
import { SyncDocStoreAdapter } from '../src/storage/async-doc-store';
import { SqliteDocStore } from '../src/storage/sqlite-doc-store';
import { tempDir } from './helpers';

const FIXTURE = fileURLToPath(new URL('./fixtures/schema-13/pathways.db', import.meta.url));

describe('a data folder from before the one migration mechanism', () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	/** A copy of the old file in a data folder of its own (the fixture is never written). */
	function oldDataFolder(): string {
		const dir = path.join(tempDir(), 'data');
		dirs.push(path.dirname(dir));
		mkdirSync(dir);
		copyFileSync(FIXTURE, path.join(dir, DB_FILE_NAME));
		return dir;
	}

	it('opens, is upgraded to the newest schema, and keeps its accounts and every stored update', async () => {
		const dir = oldDataFolder();
		const old = new DatabaseSync(path.join(dir, DB_FILE_NAME), { readOnly: true });
		const version = (db: DatabaseSync) =>
			(db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
		expect(version(old)).toBe(13);
		const oldUpdates = old.prepare('SELECT seq, doc, data, created_at FROM doc_updates ORDER BY seq').all();
		const oldUsers = old.prepare('SELECT * FROM users ORDER BY id').all();
		old.close();
		expect(oldUpdates).toHaveLength(2);

		const db = openDatabase(dir);
		try {
			expect(version(db)).toBe(MIGRATIONS.length);
			expect(db.prepare('SELECT seq, doc, data, created_at FROM doc_updates ORDER BY seq').all()).toEqual(
				oldUpdates
			);
			expect(db.prepare('SELECT * FROM users ORDER BY id').all()).toEqual(oldUsers);
			const store = new SqliteDocStore(db);
			const { planId } = db
				.prepare(
					"SELECT s.plan_id AS planId FROM students s JOIN users u ON u.id = s.user_id WHERE u.username = 'ada.old'"
				)
				.get() as { planId: string };
			const plan = Plan.open(
				await loadStoredDoc(new SyncDocStoreAdapter(store), docName('plan', planId))
			).plan;
			expect(plan.info()).toMatchObject({ studentName: 'Ada Old', grade: '10' });
			expect(plan.goals.list().map((goal) => goal.title)).toEqual(['Written before the upgrade']);
			// And it goes on working: a new update lands after the old ones.
			store.appendUpdate(docName('plan', planId), new Uint8Array([0, 0]));
			expect(store.countUpdates(docName('plan', planId))).toBe(3);
			store.close();
		} finally {
			db.close();
		}
		// Opening again changes nothing more.
		const again = openDatabase(dir);
		expect(version(again)).toBe(MIGRATIONS.length);
		again.close();
	});

	it('a new data folder gets the document log from the migrations, and the store refuses a file without it', () => {
		const dir = path.join(tempDir(), 'data');
		dirs.push(path.dirname(dir));
		const db = openDatabase(dir);
		try {
			expect(
				db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'doc_updates%' ORDER BY name").all()
			).toEqual([{ name: 'doc_updates' }, { name: 'doc_updates_by_doc' }]);
		} finally {
			db.close();
		}
		const bare = new DatabaseSync(':memory:');
		expect(() => new SqliteDocStore(bare)).toThrow(/open it with openDatabase/);
		bare.close();
	});
});
