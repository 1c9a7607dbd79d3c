import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../src/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteDocStore } from '../src/storage/sqlite-doc-store';
import { tempDir } from './harness';

function edit(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
	let update: Uint8Array | undefined;
	const capture = (u: Uint8Array) => (update = u);
	doc.once('update', capture);
	fn(doc);
	if (update === undefined) throw new Error('edit produced no update');
	return update;
}

function replay(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

describe('SqliteDocStore', () => {
	let dir: ReturnType<typeof tempDir>;
	let db: DatabaseSync;
	let store: SqliteDocStore;
	const file = () => join(dir.path, 'pathways.db');

	beforeEach(() => {
		dir = tempDir();
		db = new DatabaseSync(file());
		migrate(db);
		store = new SqliteDocStore(db);
	});
	afterEach(() => {
		store.close();
		if (db.isOpen) db.close();
		dir.remove();
	});

	it('sets WAL and the chosen durability on the shared connection', () => {
		expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 }); // NORMAL, the default
		new SqliteDocStore(db, { durability: 'full' }).close();
		expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 }); // FULL
	});

	it('with normal durability, checkpoints the WAL (which fsyncs it) on the interval', async () => {
		// A file of its own: no other store's checkpointer may touch it.
		const path = join(dir.path, 'own.db');
		const ownDb = new DatabaseSync(path);
		migrate(ownDb);
		const own = new SqliteDocStore(ownDb, { checkpointIntervalMs: 50 });
		// The migrations' tables are in the file already (with free pages an update may reuse):
		// holding the update makes it at least half the update's size larger.
		const held = statSync(path).size + 100_000;
		try {
			own.appendUpdate('plan.a', new Uint8Array(200_000).fill(7));
			// Committed to the WAL only: the main database file does not hold the update yet.
			expect(statSync(path).size).toBeLessThan(held);
			const deadline = Date.now() + 5_000;
			while (statSync(path).size < held && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			expect(statSync(path).size).toBeGreaterThanOrEqual(held);
		} finally {
			own.close();
			ownDb.close();
		}
	});

	it('returns the updates of one document, oldest first, and none of another', () => {
		expect(store.loadUpdates('plan.a')).toEqual([]);
		expect(store.countUpdates('plan.a')).toBe(0);
		const updates = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
		store.appendUpdate('plan.a', updates[0]!);
		store.appendUpdate('plan.b', new Uint8Array([9]));
		store.appendUpdate('plan.a', updates[1]!);
		store.appendUpdate('plan.a', updates[2]!);
		expect(store.loadUpdates('plan.a')).toEqual(updates);
		expect(store.countUpdates('plan.a')).toBe(3);
		expect(store.loadUpdates('plan.b')).toEqual([new Uint8Array([9])]);
	});

	it('has committed an append when it returns: another connection to the file sees it', () => {
		store.appendUpdate('plan.a', new Uint8Array([7]));
		// A plain reader (no second store, which would start its own checkpointer and take locks).
		const other = new DatabaseSync(file(), { readOnly: true });
		try {
			other.exec('PRAGMA busy_timeout = 5000');
			const rows = other.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq').all('plan.a');
			expect(rows.map((row) => new Uint8Array(row.data as Uint8Array))).toEqual([new Uint8Array([7])]);
		} finally {
			other.close();
		}
	});

	it('refuses to append inside a transaction it would not commit', () => {
		db.exec('BEGIN');
		expect(() => store.appendUpdate('plan.a', new Uint8Array([1]))).toThrow(/transaction/);
		db.exec('ROLLBACK');
	});

	it('compacts a log into one merged update that keeps the same document', () => {
		const doc = new Y.Doc();
		const log = [
			edit(doc, (d) => d.getText('t').insert(0, 'hello')),
			edit(doc, (d) => d.getText('t').insert(5, ' world')),
			edit(doc, (d) => d.getMap('m').set('k', 1)),
			edit(doc, (d) => d.getText('t').delete(0, 1))
		];
		for (const update of log) store.appendUpdate('plan.a', update);
		store.compact('plan.a', Y.mergeUpdates(log), log.length);
		expect(store.countUpdates('plan.a')).toBe(1);
		const restored = replay(store.loadUpdates('plan.a'));
		expect(restored.getText('t').toString()).toBe('ello world');
		expect(restored.getMap('m').get('k')).toBe(1);
	});

	it('keeps updates appended after the compacted prefix, after the merged one', () => {
		store.appendUpdate('plan.a', new Uint8Array([1]));
		store.appendUpdate('plan.a', new Uint8Array([2]));
		store.appendUpdate('plan.b', new Uint8Array([8]));
		store.appendUpdate('plan.a', new Uint8Array([3]));
		store.compact('plan.a', new Uint8Array([12]), 2);
		expect(store.loadUpdates('plan.a')).toEqual([new Uint8Array([12]), new Uint8Array([3])]);
		expect(store.loadUpdates('plan.b')).toEqual([new Uint8Array([8])]);
	});

	it('leaves the log untouched when a compaction fails', () => {
		store.appendUpdate('plan.a', new Uint8Array([1]));
		expect(() => store.compact('plan.a', new Uint8Array([9]), 2)).toThrow(/fewer than 2/);
		expect(store.loadUpdates('plan.a')).toEqual([new Uint8Array([1])]);
		expect(db.isTransaction).toBe(false);
	});

	it('survives closing and reopening the file', () => {
		store.appendUpdate('plan.a', new Uint8Array([5]));
		store.close();
		db.close();
		db = new DatabaseSync(file());
		migrate(db);
		store = new SqliteDocStore(db);
		expect(store.loadUpdates('plan.a')).toEqual([new Uint8Array([5])]);
	});

	it('refuses use after close, without closing the database it does not own', () => {
		store.close();
		expect(() => store.appendUpdate('plan.a', new Uint8Array([1]))).toThrow(/closed/);
		expect(db.isOpen).toBe(true);
	});
});
