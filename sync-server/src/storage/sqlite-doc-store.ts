/**
 * The embedded DocStore: one append-only table of Yjs updates in the server's SQLite file.
 * Every method is synchronous (node:sqlite), so "returned" means "committed" — the relay relies on
 * that to never broadcast an update that is not on disk. See README.md for the durability levels.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DocStore, StoredUpdate } from '../contracts';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

/**
 * How far a commit goes before appendUpdate returns (SQLite `synchronous` in WAL mode):
 * - 'normal' (default): the WAL is written to the OS on every commit — survives a process kill;
 *   the WAL is fsynced by a checkpoint every `checkpointIntervalMs`, so a power cut can roll back
 *   at most about that much (never corrupts). See README.md for why this is the default.
 * - 'full': the WAL is fsynced on every commit — survives a power cut too, at about twice the CPU.
 */
export type Durability = 'full' | 'normal';

export interface DocStoreOptions {
	durability?: Durability;
	/** With 'normal': how often the WAL is checkpointed (and so fsynced). Default 1000 ms. */
	checkpointIntervalMs?: number;
}

export class SqliteDocStore implements DocStore {
	readonly #db: DatabaseSync;
	readonly #insert: StatementSync;
	readonly #insertAt: StatementSync;
	readonly #select: StatementSync;
	readonly #count: StatementSync;
	readonly #newest: StatementSync;
	readonly #begin: StatementSync;
	readonly #commit: StatementSync;
	readonly #nthSeq: StatementSync;
	readonly #deleteUpTo: StatementSync;
	#isClosed = false;
	#checkpointer: WalCheckpointer | undefined;

	/**
	 * Takes a database the caller opened (openDatabase: its migrations make the `doc_updates`
	 * table) and will close.
	 */
	constructor(db: DatabaseSync, options: DocStoreOptions = {}) {
		this.#db = db;
		// WAL lets readers (API, exports) run while the relay appends, and makes each commit one
		// sequential write. journal_mode persists in the file; synchronous is per connection, and
		// the whole server shares this one connection, so it applies to every table alike.
		db.exec('PRAGMA journal_mode = WAL');
		const durability = options.durability ?? 'normal';
		db.exec(`PRAGMA synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
		const table = db
			.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'doc_updates'")
			.get();
		if (table === undefined) {
			throw new Error(
				'The database has no doc_updates table: open it with openDatabase (db.ts), whose migrations make it.'
			);
		}
		const file = db.location();
		if (durability === 'normal' && file !== null) {
			this.#checkpointer = startWalCheckpointer(file, options.checkpointIntervalMs ?? 1000);
		}
		this.#insert = db.prepare('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)');
		// Prepared once: exec() would parse the statement again on every batch.
		this.#begin = db.prepare('BEGIN IMMEDIATE');
		this.#commit = db.prepare('COMMIT');
		this.#insertAt = db.prepare('INSERT INTO doc_updates (seq, doc, data, created_at) VALUES (?, ?, ?, ?)');
		this.#select = db.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq');
		this.#count = db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?');
		this.#newest = db.prepare('SELECT max(seq) AS seq FROM doc_updates WHERE doc = ?');
		this.#nthSeq = db.prepare('SELECT seq FROM doc_updates WHERE doc = ? ORDER BY seq LIMIT 1 OFFSET ?');
		this.#deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?');
	}

	loadUpdates(docName: string): Uint8Array[] {
		this.#assertOpen();
		return this.#select.all(docName).map((row) => toBytes(row.data));
	}

	appendUpdate(docName: string, update: Uint8Array): void {
		this.#assertOpen();
		// Inside someone else's open transaction our insert would not be committed when we return,
		// and the relay would broadcast an update that a crash could still lose.
		if (this.#db.isTransaction) throw new Error('appendUpdate called inside an open transaction');
		this.#insert.run(docName, update, Date.now());
	}

	appendUpdates(entries: readonly StoredUpdate[]): void {
		this.#assertOpen();
		if (entries.length === 0) return;
		if (this.#db.isTransaction) throw new Error('appendUpdates called inside an open transaction');
		// One transaction for the whole batch: one WAL commit instead of one per update, which is
		// what group commit in the relay buys. All or nothing: a failure rolls every entry back.
		const now = Date.now();
		if (entries.length === 1) {
			// One statement outside a transaction is its own transaction, committed when run() returns.
			this.#insert.run(entries[0]!.docName, entries[0]!.update, now);
			return;
		}
		this.#begin.run();
		try {
			for (const { docName, update } of entries) this.#insert.run(docName, update, now);
			this.#commit.run();
		} catch (error) {
			if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
			throw error;
		}
	}

	compact(docName: string, merged: Uint8Array, replacedCount: number): void {
		this.#assertOpen();
		if (!Number.isInteger(replacedCount) || replacedCount < 1) throw new Error('replacedCount must be >= 1');
		// IMMEDIATE takes the write lock up front, so nothing is appended between our read and delete.
		this.#db.exec('BEGIN IMMEDIATE');
		try {
			const last = this.#nthSeq.get(docName, replacedCount - 1);
			if (last === undefined) throw new Error(`${docName} has fewer than ${replacedCount} stored updates`);
			const lastSeq = Number(last.seq);
			this.#deleteUpTo.run(docName, lastSeq);
			// Reusing the last replaced seq keeps the merged update before any later appends.
			this.#insertAt.run(lastSeq, docName, merged, Date.now());
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			throw error;
		}
	}

	countUpdates(docName: string): number {
		this.#assertOpen();
		const row = this.#count.get(docName);
		return row === undefined ? 0 : Number(row.n);
	}

	newestSeq(docName: string): number {
		this.#assertOpen();
		return Number(this.#newest.get(docName)?.seq ?? 0);
	}

	/** Stops using the database; the caller that opened it closes it (its last close checkpoints the WAL). */
	close(): void {
		if (this.#isClosed) return;
		this.#isClosed = true;
		this.#checkpointer?.stop();
	}

	#assertOpen(): void {
		if (this.#isClosed) throw new Error('DocStore is closed');
	}
}

export function createDocStore(db: DatabaseSync, options?: DocStoreOptions): DocStore {
	return new SqliteDocStore(db, options);
}

function toBytes(value: unknown): Uint8Array {
	if (value instanceof Uint8Array) return value;
	throw new Error('doc_updates.data is not a BLOB');
}
