import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteAuditLog } from '../src/audit/audit-log';
import { DB_FILE_NAME, MIGRATIONS, openDatabase } from '../src/db';
import { tempDir } from './helpers';

describe('the database file', () => {
	const dir = tempDir();
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('is created with its folder on first start, in WAL mode with foreign keys, at the latest schema', () => {
		const dataDir = path.join(dir, 'nested', 'data');
		const db = openDatabase(dataDir);
		try {
			expect(existsSync(path.join(dataDir, DB_FILE_NAME))).toBe(true);
			expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
			expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
			expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 5000 });
			expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
			expect(() =>
				db.prepare("INSERT INTO caseloads (staff_id, student_id) VALUES ('x', 'y')").run()
			).toThrow(/FOREIGN KEY/);
		} finally {
			db.close();
		}
		// Reopening does not re-run migrations (they would fail on existing tables).
		openDatabase(dataDir).close();
	});

	it('refuses a file from a newer version instead of damaging it', () => {
		const dataDir = path.join(dir, 'newer');
		const db = openDatabase(dataDir);
		db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
		db.close();
		expect(() => openDatabase(dataDir)).toThrow(/newer version of Pathways/);
	});

	it('says which folder it cannot create', () => {
		const blocked = path.join(dir, 'file-not-folder');
		openDatabase(blocked).close();
		expect(() => openDatabase(path.join(blocked, DB_FILE_NAME, 'data'))).toThrow(
			/Cannot create the data folder/
		);
	});

	it('keeps the audit log append-only', async () => {
		const db = openDatabase(path.join(dir, 'audit'));
		try {
			const audit = new SqliteAuditLog(db, () => 1000);
			audit.record({ userId: 'u1', planId: 'p1', action: 'open', docKind: 'plan' });
			audit.record({ userId: 'u1', planId: 'p1', action: 'change', docKind: 'plan', detail: '3 updates' });
			expect((await audit.listForPlan('p1', 10)).map((e) => e.action)).toEqual(['change', 'open']);
			expect(() => db.exec("UPDATE audit_log SET action = 'open'")).toThrow(/append-only/);
			expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
			expect(await audit.listForPlan('p1', 10)).toHaveLength(2);
		} finally {
			db.close();
		}
	});
});
