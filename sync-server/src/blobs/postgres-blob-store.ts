/**
 * Evidence files in PostgreSQL, as chunks of ordinary rows (decision 0112): they are backed up,
 * replicated and recovered to a point in time with the rest of the database, and every relay
 * process sees the same files. A plan's unfinished upload grows as rows of `blob_upload_chunks`;
 * once complete and matching its hash, its chunks move to `blob_chunks` in one transaction.
 *
 * Several processes may take chunks of one upload at once: a chunk's transaction locks the upload's
 * row (SKIP LOCKED: a chunk arriving while another is being written, or while the upload is being
 * finished, is refused with what the store has, and the client sends again from there).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AsyncBlobStore, StoredBlobInfo } from '../contracts';
import { withTransaction, type PostgresPool } from '../postgres/database';

/** Rows read per query when streaming a file or hashing an upload (chunks are up to ~1 MB). */
const ROWS_PER_READ = 8;

interface InfoRow {
	hash: string;
	size: string;
	mime_type: string;
}

export class PostgresBlobStore implements AsyncBlobStore {
	constructor(
		private readonly pool: PostgresPool,
		private readonly now: () => number = Date.now
	) {}

	async info(hash: string): Promise<StoredBlobInfo | undefined> {
		const { rows } = await this.pool.query<InfoRow>(
			'SELECT hash, size, mime_type FROM blobs WHERE hash = $1',
			[hash]
		);
		return rows[0] === undefined ? undefined : toInfo(rows[0]);
	}

	async receivedBytes(planId: string, hash: string): Promise<number> {
		const { rows } = await this.pool.query<{ received: string }>(
			'SELECT received FROM blob_uploads WHERE plan_id = $1 AND hash = $2',
			[planId, hash]
		);
		return rows[0] === undefined ? 0 : Number(rows[0].received);
	}

	appendChunk(
		planId: string,
		hash: string,
		offset: number,
		chunk: Uint8Array
	): Promise<{ isAccepted: boolean; received: number }> {
		return withTransaction(this.pool, async (client) => {
			await client.query(
				`INSERT INTO blob_uploads (plan_id, hash, received, started_at) VALUES ($1, $2, 0, $3)
				 ON CONFLICT DO NOTHING`,
				[planId, hash, this.now()]
			);
			const locked = await client.query<{ received: string }>(
				'SELECT received FROM blob_uploads WHERE plan_id = $1 AND hash = $2 FOR UPDATE SKIP LOCKED',
				[planId, hash]
			);
			const received = locked.rows[0] === undefined ? undefined : Number(locked.rows[0].received);
			if (received === undefined)
				return { isAccepted: false, received: await this.receivedBytes(planId, hash) };
			if (received !== offset || chunk.byteLength === 0) return { isAccepted: received === offset, received };
			await client.query(
				'INSERT INTO blob_upload_chunks (plan_id, hash, start, data) VALUES ($1, $2, $3, $4)',
				[planId, hash, offset, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]
			);
			await client.query('UPDATE blob_uploads SET received = $3 WHERE plan_id = $1 AND hash = $2', [
				planId,
				hash,
				offset + chunk.byteLength
			]);
			return { isAccepted: true, received: offset + chunk.byteLength };
		});
	}

	async readPartialHead(planId: string, hash: string, bytes: number): Promise<Uint8Array> {
		const parts: Uint8Array[] = [];
		let length = 0;
		for await (const chunk of this.#chunks(this.pool, 'blob_upload_chunks', [planId, hash])) {
			parts.push(chunk.subarray(0, bytes - length));
			length += parts.at(-1)!.byteLength;
			if (length >= bytes) break;
		}
		return Buffer.concat(parts);
	}

	finish(planId: string, hash: string, mimeType: string): Promise<boolean> {
		return withTransaction(this.pool, async (client) => {
			// Waits for a chunk being written; from here no chunk of this upload is accepted.
			const upload = await client.query<{ received: string }>(
				'SELECT received FROM blob_uploads WHERE plan_id = $1 AND hash = $2 FOR UPDATE',
				[planId, hash]
			);
			// Another process finished it a moment ago: the content is stored, or it did not match.
			if (upload.rows[0] === undefined) return (await this.info(hash)) !== undefined;
			const size = Number(upload.rows[0].received);
			const digest = createHash('sha256');
			let hashed = 0;
			for await (const chunk of this.#chunks(client, 'blob_upload_chunks', [planId, hash])) {
				digest.update(chunk);
				hashed += chunk.byteLength;
			}
			const forget = () =>
				client.query('DELETE FROM blob_uploads WHERE plan_id = $1 AND hash = $2', [planId, hash]);
			if (hashed !== size || digest.digest('hex') !== hash) {
				await forget();
				return false;
			}
			// Two plans finishing the same content at once: the second waits here, then adds nothing.
			const inserted = await client.query(
				`INSERT INTO blobs (hash, size, mime_type, created_at) VALUES ($1, $2, $3, $4)
				 ON CONFLICT (hash) DO NOTHING RETURNING hash`,
				[hash, size, mimeType, this.now()]
			);
			if (inserted.rowCount === 1) {
				await client.query(
					`INSERT INTO blob_chunks (hash, start, data)
					 SELECT hash, start, data FROM blob_upload_chunks WHERE plan_id = $1 AND hash = $2`,
					[planId, hash]
				);
			}
			await forget();
			return true;
		});
	}

	async linkToPlan(planId: string, hash: string, userId: string): Promise<void> {
		await this.pool.query(
			`INSERT INTO plan_blobs (plan_id, hash, added_by, added_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT DO NOTHING`,
			[planId, hash, userId, this.now()]
		);
	}

	async isLinked(planId: string, hash: string): Promise<boolean> {
		const { rowCount } = await this.pool.query('SELECT 1 FROM plan_blobs WHERE plan_id = $1 AND hash = $2', [
			planId,
			hash
		]);
		return rowCount === 1;
	}

	async plansOf(hash: string): Promise<string[]> {
		const { rows } = await this.pool.query<{ plan_id: string }>(
			'SELECT plan_id FROM plan_blobs WHERE hash = $1 ORDER BY plan_id',
			[hash]
		);
		return rows.map((row) => row.plan_id);
	}

	async blobsOf(planId: string): Promise<StoredBlobInfo[]> {
		const { rows } = await this.pool.query<InfoRow>(
			`SELECT b.hash, b.size, b.mime_type FROM plan_blobs p JOIN blobs b ON b.hash = p.hash
			 WHERE p.plan_id = $1 ORDER BY p.added_at, b.hash`,
			[planId]
		);
		return rows.map(toInfo);
	}

	read(hash: string): AsyncIterable<Uint8Array> {
		return this.#chunks(this.pool, 'blob_chunks', [hash]);
	}

	/** The chunks of a file or of an upload, in order, a few rows per query (never all in memory). */
	async *#chunks(
		db: PostgresPool | pg.PoolClient,
		table: 'blob_chunks' | 'blob_upload_chunks',
		key: string[]
	): AsyncGenerator<Uint8Array> {
		const where = table === 'blob_chunks' ? 'hash = $1' : 'plan_id = $1 AND hash = $2';
		let next = 0;
		for (;;) {
			const { rows } = await db.query<{ start: string; data: Buffer }>(
				`SELECT start, data FROM ${table} WHERE ${where} AND start >= $${key.length + 1}
				 ORDER BY start LIMIT ${ROWS_PER_READ}`,
				[...key, next]
			);
			for (const row of rows) {
				if (Number(row.start) !== next)
					throw new Error(`a chunk of ${key.join('.')} is missing at byte ${next}`);
				yield new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
				next += row.data.byteLength;
			}
			if (rows.length < ROWS_PER_READ) return;
		}
	}
}

function toInfo(row: InfoRow): StoredBlobInfo {
	return { hash: row.hash, size: Number(row.size), mimeType: row.mime_type };
}
