/**
 * One suite, both engines: what the admin's audit view, the plan list and the growth figures rely
 * on from an AuditStore, run against a real SQLite file and a real PostgreSQL database. Then what
 * only PostgreSQL's log does: it writes a turn's entries after the turn, keeps them while the
 * database refuses them and writes them once it takes them again, and stays bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAuditLog } from '../../src/audit/audit-log';
import { PostgresAuditLog } from '../../src/audit/postgres-audit-log';
import type { AuditStore } from '../../src/contracts';
import { openDatabase, type Database } from '../../src/db';
import { openPostgres, type PostgresPool } from '../../src/postgres/database';
import { tempDir, waitFor } from '../harness';
import { createTestDatabase } from './databases';

interface Engine {
	name: string;
	open(now: () => number): Promise<AuditStore>;
	/** Runs SQL on the log's own database, as an intruder with the file or a connection would. */
	exec(sql: string): Promise<unknown>;
	close(): Promise<void>;
}

function sqliteEngine(): Engine {
	let dir: ReturnType<typeof tempDir> | undefined;
	let db: Database | undefined;
	return {
		name: 'SQLite',
		async open(now) {
			dir = tempDir();
			db = openDatabase(dir.path);
			return new SqliteAuditLog(db, now);
		},
		async exec(sql) {
			return db!.exec(sql);
		},
		async close() {
			db?.close();
			dir?.remove();
		}
	};
}

function postgresEngine(): Engine {
	let pool: PostgresPool | undefined;
	let log: PostgresAuditLog | undefined;
	return {
		name: 'PostgreSQL',
		async open(now) {
			pool = await openPostgres(await createTestDatabase(), { max: 2 });
			log = new PostgresAuditLog(pool, now);
			return log;
		},
		exec: (sql) => pool!.query(sql),
		async close() {
			await log?.close();
			await pool?.end();
		}
	};
}

describe.each([sqliteEngine(), postgresEngine()])('AuditStore on $name', (engine) => {
	let audit: AuditStore;
	let time = 1_000;
	beforeAll(async () => {
		audit = await engine.open(() => time);
	});
	afterAll(() => engine.close());

	it('lists a plan’s entries newest first, each as recorded, and pages by id', async () => {
		audit.record({ userId: 'amara', planId: 'p-list', action: 'open', docKind: 'plan', detail: 'write' });
		time += 5;
		audit.record({ userId: 'amara', planId: 'p-list', action: 'change', docKind: 'plan' });
		audit.record({ userId: 'someone', planId: 'p-other', action: 'denied', docKind: 'family' });
		time += 5;
		audit.record({
			userId: 'rivera',
			planId: 'p-list',
			action: 'change',
			docKind: 'family',
			detail: 'a voice'
		});
		await audit.flush();

		const all = await audit.listForPlan('p-list', 10);
		expect(all.map(({ id: _id, ...entry }) => entry)).toEqual([
			{
				at: 1_010,
				userId: 'rivera',
				planId: 'p-list',
				docKind: 'family',
				action: 'change',
				detail: 'a voice'
			},
			{ at: 1_005, userId: 'amara', planId: 'p-list', docKind: 'plan', action: 'change', detail: null },
			{ at: 1_000, userId: 'amara', planId: 'p-list', docKind: 'plan', action: 'open', detail: 'write' }
		]);
		expect(all[0]!.id).toBeGreaterThan(all[1]!.id);

		const first = await audit.listForPlan('p-list', 2);
		expect(first).toEqual(all.slice(0, 2));
		expect(await audit.listForPlan('p-list', 2, first[1]!.id)).toEqual(all.slice(2));
		expect(await audit.listForPlan('p-nobody', 10)).toEqual([]);
	});

	it('says when each plan, and its family part, was last changed', async () => {
		time = 2_000;
		audit.record({ userId: 'amara', planId: 'p-changes', action: 'change', docKind: 'plan' });
		time = 2_500;
		audit.record({ userId: 'kim', planId: 'p-changes', action: 'change', docKind: 'family' });
		time = 3_000;
		audit.record({ userId: 'amara', planId: 'p-changes', action: 'change', docKind: 'plan' });
		audit.record({ userId: 'ben', planId: 'p-changes', action: 'open', docKind: 'family' });
		audit.record({ userId: 'ben', planId: 'p-read', action: 'open', docKind: 'plan' });
		await audit.flush();

		const changes = await audit.lastChanges(['p-changes', 'p-read', 'p-never']);
		expect(Object.fromEntries(changes)).toEqual({
			'p-changes': { any: 3_000, family: 2_500 },
			'p-read': {},
			'p-never': {}
		});
		expect(await audit.lastChanges([])).toEqual(new Map());
	});

	it('refuses to change or delete an entry', async () => {
		audit.record({ userId: 'amara', planId: 'p-kept', action: 'change', docKind: 'plan' });
		await audit.flush();
		await expect(engine.exec("UPDATE audit_log SET action = 'open'")).rejects.toThrow(/append-only/);
		await expect(engine.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
		expect(await audit.listForPlan('p-kept', 10)).toHaveLength(1);
	});
});

describe('the audit log on PostgreSQL', () => {
	let pool: PostgresPool;
	beforeAll(async () => {
		pool = await openPostgres(await createTestDatabase(), { max: 4 });
	});
	afterAll(() => pool.end());

	it('refuses TRUNCATE too', async () => {
		await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
	});

	it('writes a turn’s entries in one go after the turn, and every process’s log reads them', async () => {
		const writer = new PostgresAuditLog(pool);
		const reader = new PostgresAuditLog(pool);
		for (let i = 0; i < 2_500; i++) {
			writer.record({ userId: 'ben', planId: 'p-burst', action: 'open', docKind: 'plan', detail: `${i}` });
		}
		// Nothing waited on the database in that loop: the entries are queued until the turn ends.
		expect(writer.pendingCount).toBe(2_500);
		await waitFor(() => writer.pendingCount === 0, 'the queued entries to be written');
		const newest = await reader.listForPlan('p-burst', 3);
		expect(newest.map((entry) => entry.detail)).toEqual(['2499', '2498', '2497']);
		await writer.close();
		expect(() =>
			writer.record({ userId: 'ben', planId: 'p-burst', action: 'open', docKind: 'plan' })
		).toThrow(/closed/);
	});

	it('keeps entries the database refuses, tells the log, and writes them once it takes them again', async () => {
		const told: string[] = [];
		const audit = new PostgresAuditLog(pool, Date.now, {
			retryMs: 20,
			onError: (message) => told.push(message)
		});
		await pool.query('ALTER TABLE audit_log RENAME TO audit_log_away');
		try {
			audit.record({
				userId: 'amara',
				planId: 'p-outage',
				action: 'change',
				docKind: 'plan',
				detail: 'first'
			});
			audit.record({
				userId: 'amara',
				planId: 'p-outage',
				action: 'change',
				docKind: 'plan',
				detail: 'second'
			});
			await waitFor(() => told.length >= 2, 'two failed tries to be told');
			expect(told[0]).toMatch(/could not be written to PostgreSQL \(2 kept, trying again\)/);
			expect(audit.pendingCount).toBe(2);
			await expect(audit.flush()).rejects.toThrow(/audit_log/);
			expect(audit.pendingCount).toBe(2);
		} finally {
			await pool.query('ALTER TABLE audit_log_away RENAME TO audit_log');
		}
		await waitFor(() => audit.pendingCount === 0, 'the kept entries to be written on a later try');
		const stored = await audit.listForPlan('p-outage', 10);
		expect(stored.map((entry) => entry.detail)).toEqual(['second', 'first']);
		await audit.close();
	});

	it('keeps at most maxPending entries while the database is away, and says how many it dropped', async () => {
		const told: string[] = [];
		const audit = new PostgresAuditLog(pool, Date.now, {
			maxPending: 3,
			retryMs: 60_000,
			onError: (message) => told.push(message)
		});
		await pool.query('ALTER TABLE audit_log RENAME TO audit_log_away');
		try {
			for (let i = 0; i < 5; i++) {
				audit.record({
					userId: 'amara',
					planId: 'p-bounded',
					action: 'open',
					docKind: 'plan',
					detail: `${i}`
				});
			}
			expect(audit.pendingCount).toBe(3);
			expect(told.filter((message) => /1 of the oldest kept here were dropped/.test(message))).toHaveLength(
				2
			);
		} finally {
			await pool.query('ALTER TABLE audit_log_away RENAME TO audit_log');
		}
		// close writes what is kept (the newest three), without waiting for the next try.
		await audit.close();
		const stored = await new PostgresAuditLog(pool).listForPlan('p-bounded', 10);
		expect(stored.map((entry) => entry.detail)).toEqual(['4', '3', '2']);
	});
});
