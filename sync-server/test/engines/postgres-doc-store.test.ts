/** What only the PostgreSQL engine has: migrations shared by several processes, and appends in flight. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCK_SPACE, migratePostgres, openPostgres, type PostgresPool } from '../../src/postgres/database';
import { POSTGRES_MIGRATIONS } from '../../src/postgres/migrations';
import { PostgresDocStore } from '../../src/storage/postgres-doc-store';
import { createTestDatabase } from './databases';

async function query<T extends pg.QueryResultRow>(
	url: string,
	text: string,
	values: unknown[] = []
): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(text, values)).rows;
	} finally {
		await client.end();
	}
}

/** Resolves once some session waits for an advisory lock matching `where` (a pg_locks condition). */
async function waitForLockWait(url: string, where: string, what: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const rows = await query(
			url,
			`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND ${where}`
		);
		if (rows.length > 0) return;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('PostgreSQL migrations', () => {
	it('several processes starting at once on a new database migrate it exactly once', async () => {
		const url = await createTestDatabase();
		const pools = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url, { max: 2 })));
		try {
			const [row] = await query<{ version: number }>(url, 'SELECT version FROM schema_version');
			expect(row!.version).toBe(POSTGRES_MIGRATIONS.length);
			const tables = await query<{ name: string }>(
				url,
				"SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
			);
			expect(tables.map((t) => t.name)).toContain('doc_updates');
			expect(tables.map((t) => t.name)).toContain('blobs');
		} finally {
			await Promise.all(pools.map((pool) => pool.end()));
		}
	});

	it('applies only the migrations a database lacks, and a failed one leaves nothing behind', async () => {
		const url = await createTestDatabase();
		const pool = await openPostgres(url, { max: 1 });
		try {
			const extra = [...POSTGRES_MIGRATIONS, 'CREATE TABLE later_one (x integer)'];
			await migratePostgres(pool, extra);
			await migratePostgres(pool, extra);
			const broken = [...extra, 'CREATE TABLE half_done (x integer); SELECT no_such_column FROM later_one'];
			await expect(migratePostgres(pool, broken)).rejects.toThrow(
				`migration ${POSTGRES_MIGRATIONS.length + 2} failed`
			);
			const [row] = await query<{ version: number }>(url, 'SELECT version FROM schema_version');
			expect(row!.version).toBe(POSTGRES_MIGRATIONS.length + 1);
			const halfDone = await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
			expect(halfDone).toEqual([]);
		} finally {
			await pool.end();
		}
	});

	it('refuses a database written by a newer version', async () => {
		const url = await createTestDatabase();
		await (await openPostgres(url, { max: 1 })).end();
		await query(url, 'UPDATE schema_version SET version = 99');
		await expect(openPostgres(url)).rejects.toThrow(/newer version of Pathways \(schema 99/);
	});

	it('names the database it cannot open, never the password in its URL', async () => {
		const url = new URL(await createTestDatabase());
		url.password = 'secret-word';
		url.pathname = '/no_such_database';
		const error: Error = await openPostgres(url.toString()).then(
			() => new Error('opened'),
			(e: Error) => e
		);
		expect(error.message).toMatch(/Cannot open the PostgreSQL database 127\.0\.0\.1:\d+\/no_such_database/);
		expect(error.message).not.toContain('secret-word');
	});
});

describe('PostgresDocStore with an append in flight', () => {
	let url = '';
	let pool: PostgresPool;
	/** A second session holding the gate: the test's trigger makes a marked append wait for it. */
	let gate: pg.Client;
	const GATE = 4242;

	beforeAll(async () => {
		url = await createTestDatabase();
		pool = await openPostgres(url, { max: 4 });
		gate = new pg.Client({ connectionString: url });
		await gate.connect();
	});
	afterAll(async () => {
		await gate.end();
		await pool.end();
	});

	it('a compaction waits for it, so it is merged, not left before the merged update', async () => {
		const store = new PostgresDocStore(pool);
		const name = 'plan.in-flight';
		const doc = new Y.Doc();
		const edit = (key: string) => {
			let update: Uint8Array = new Uint8Array();
			doc.once('update', (u: Uint8Array) => (update = u));
			doc.getMap('m').set(key, key);
			return update;
		};
		await store.appendUpdates([{ docName: name, update: edit('first') }]);
		const marked = edit('slow');
		// Test-only: the marked update's INSERT waits (after its seq is taken, before its commit)
		// until the gate opens, which holds one real append of the store in flight.
		await query(
			url,
			`CREATE FUNCTION wait_at_gate() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN PERFORM pg_advisory_xact_lock(${GATE}); RETURN NEW; END $$;
			CREATE TRIGGER gate AFTER INSERT ON doc_updates FOR EACH ROW
			WHEN (NEW.data = '\\x${Buffer.from(marked).toString('hex')}'::bytea) EXECUTE FUNCTION wait_at_gate();`
		);
		await gate.query('SELECT pg_advisory_lock($1)', [GATE]);
		// The slow append takes the next seq, then waits at the gate, uncommitted.
		const slow = store.appendUpdates([{ docName: name, update: marked }]);
		await waitForLockWait(url, `objid = ${GATE}`, 'the marked append to wait at the gate');
		// A later append of another process commits first, with a higher seq.
		await store.appendUpdates([{ docName: name, update: edit('second') }]);
		let hasSettled = false;
		const compaction = store.compact(name).finally(() => (hasSettled = true));
		// Either it waits for the append's lock (right) or it runs through without it (wrong).
		await Promise.race([
			compaction.catch(() => {}),
			waitForLockWait(url, `classid = ${LOCK_SPACE}`, 'the compaction to wait for the append')
		]);
		expect(hasSettled).toBe(false);
		await gate.query('SELECT pg_advisory_unlock($1)', [GATE]);
		await slow;
		const replaced = await compaction;
		// Had the compaction not waited, it would have merged two updates and left the marked one
		// stored before the merge (and a commit landing between its read and delete would be lost).
		expect(replaced).toBe(3);
		const stored = await store.loadUpdates(name);
		expect(stored).toHaveLength(1);
		const restored = new Y.Doc();
		Y.applyUpdate(restored, stored[0]!);
		expect(restored.getMap('m').toJSON()).toEqual({ first: 'first', slow: 'slow', second: 'second' });
		await store.close();
	});
});
