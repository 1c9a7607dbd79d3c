/**
 * The document log on PostgreSQL: the same table and the same promises as the SQLite store, for a
 * district whose relay runs as several processes on one database. Each method is one transaction,
 * and its promise resolves only after COMMIT has returned — "resolved means committed".
 *
 * Appends and compactions of one document may come from different processes at once. Every append
 * holds a shared advisory lock on its documents until it commits, and a compaction the exclusive
 * one, so a compaction waits for the appends in flight, then sees all of them (each statement of a
 * READ COMMITTED transaction reads what was committed before it started), and appends arriving
 * meanwhile wait for it and land after the merged update.
 */
import type pg from 'pg';
import * as Y from 'yjs';
import type { AsyncDocStore, StoredUpdate } from '../contracts';
import { LOCK_SPACE, withTransaction, type PostgresPool } from '../postgres/database';

/**
 * One statement, so one round trip and its own transaction: the CTE takes the locks before the
 * first row is inserted (the sort reads all of it first), and ORDER BY keeps the batch's order in
 * the seq the rows get.
 */
const APPEND = `
WITH locked AS (
	SELECT count(pg_advisory_xact_lock_shared($4, hashtext(doc))) AS n
	FROM (SELECT DISTINCT unnest($1::text[]) AS doc) AS docs
)
INSERT INTO doc_updates (doc, data, created_at)
SELECT entry.doc, entry.data, $3
FROM locked, unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS entry (doc, data, position)
ORDER BY entry.position`;

export class PostgresDocStore implements AsyncDocStore {
	readonly #pool: PostgresPool;
	readonly #inFlight = new Set<Promise<unknown>>();
	#isClosed = false;

	/** Takes a pool the caller opened (openPostgres, which migrates) and will end. */
	constructor(pool: PostgresPool) {
		this.#pool = pool;
	}

	loadUpdates(docName: string): Promise<Uint8Array[]> {
		return this.#run(async () => {
			const { rows } = await this.#pool.query<{ data: Buffer }>({
				name: 'doc-load',
				text: 'SELECT data FROM doc_updates WHERE doc = $1 ORDER BY seq',
				values: [docName]
			});
			return rows.map((row) => toBytes(row.data));
		});
	}

	appendUpdates(entries: readonly StoredUpdate[]): Promise<void> {
		return this.#run(async () => {
			if (entries.length === 0) return;
			const docs = entries.map((entry) => entry.docName);
			const updates = entries.map((entry) =>
				Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength)
			);
			await this.#pool.query({
				name: 'doc-append',
				text: APPEND,
				values: [docs, updates, Date.now(), LOCK_SPACE]
			});
		});
	}

	compact(docName: string): Promise<number> {
		return this.#run(() => withTransaction(this.#pool, (client) => this.#compactIn(client, docName)));
	}

	async #compactIn(client: pg.PoolClient, docName: string): Promise<number> {
		// Waits for every append of this document in flight; holds off new ones until COMMIT.
		await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, docName]);
		const { rows } = await client.query<{ seq: string; data: Buffer }>(
			'SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq',
			[docName]
		);
		if (rows.length < 2) return 0;
		const merged = Y.mergeUpdates(rows.map((row) => toBytes(row.data)));
		const lastSeq = rows.at(-1)!.seq;
		await client.query('DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2', [docName, lastSeq]);
		// Reusing the last replaced seq keeps the merged update before any later appends, and the
		// newest seq of a document (what plan facts are stamped with) never goes back.
		await client.query('INSERT INTO doc_updates (seq, doc, data, created_at) VALUES ($1, $2, $3, $4)', [
			lastSeq,
			docName,
			Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength),
			Date.now()
		]);
		return rows.length;
	}

	countUpdates(docName: string): Promise<number> {
		return this.#run(async () => {
			const { rows } = await this.#pool.query<{ n: number }>({
				name: 'doc-count',
				text: 'SELECT count(*)::integer AS n FROM doc_updates WHERE doc = $1',
				values: [docName]
			});
			return rows[0]!.n;
		});
	}

	newestSeq(docName: string): Promise<number> {
		return this.#run(async () => {
			const { rows } = await this.#pool.query<{ seq: string | null }>({
				name: 'doc-newest',
				text: 'SELECT max(seq) AS seq FROM doc_updates WHERE doc = $1',
				values: [docName]
			});
			// bigint arrives as a string; a document's seqs stay far below 2^53.
			return Number(rows[0]?.seq ?? 0);
		});
	}

	async close(): Promise<void> {
		this.#isClosed = true;
		await Promise.allSettled([...this.#inFlight]);
	}

	#run<T>(operation: () => Promise<T>): Promise<T> {
		if (this.#isClosed) return Promise.reject(new Error('DocStore is closed'));
		const promise = operation();
		this.#inFlight.add(promise);
		const forget = () => this.#inFlight.delete(promise);
		promise.then(forget, forget);
		return promise;
	}
}

/** A view of pg's Buffer as a plain Uint8Array (what the other engine returns), without a copy. */
function toBytes(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
