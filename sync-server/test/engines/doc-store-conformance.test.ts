/**
 * One suite, every engine: what the relay may rely on from an AsyncDocStore, run against SQLite
 * (a real file, through the adapter) and PostgreSQL (a real database in the throwaway cluster).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../../src/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AsyncDocStore, StoredUpdate } from '../../src/contracts';
import { openPostgres } from '../../src/postgres/database';
import { SyncDocStoreAdapter } from '../../src/storage/async-doc-store';
import { PostgresDocStore } from '../../src/storage/postgres-doc-store';
import { SqliteDocStore } from '../../src/storage/sqlite-doc-store';
import { tempDir } from '../harness';
import { createTestDatabase } from './databases';

interface Engine {
	name: string;
	/** Prepares an empty place for the engine's data (a folder, a database). */
	prepare(): Promise<void>;
	/** A store on that place; every open() is a connection of its own, as another process would have. */
	open(): Promise<{ store: AsyncDocStore; close(): Promise<void> }>;
	cleanUp(): Promise<void>;
}

function sqliteEngine(): Engine {
	let dir: ReturnType<typeof tempDir> | undefined;
	return {
		name: 'SQLite',
		async prepare() {
			dir = tempDir();
		},
		async open() {
			const db = new DatabaseSync(join(dir!.path, 'pathways.db'), { timeout: 5000 });
			migrate(db);
			const store = new SyncDocStoreAdapter(new SqliteDocStore(db), () => db.close());
			return { store, close: () => store.close() };
		},
		async cleanUp() {
			dir?.remove();
		}
	};
}

function postgresEngine(): Engine {
	let url = '';
	return {
		name: 'PostgreSQL',
		async prepare() {
			url = await createTestDatabase();
		},
		async open() {
			const pool = await openPostgres(url, { max: 4 });
			const store = new PostgresDocStore(pool);
			return {
				store,
				async close() {
					await store.close();
					await pool.end();
				}
			};
		},
		async cleanUp() {}
	};
}

/** Distinct, recognisable bytes: [doc number, round, …filler]. */
function bytes(...values: number[]): Uint8Array {
	return new Uint8Array(values);
}

function edit(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
	let update: Uint8Array | undefined;
	doc.once('update', (u: Uint8Array) => (update = u));
	fn(doc);
	if (update === undefined) throw new Error('edit produced no update');
	return update;
}

function textOf(updates: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc.getText('t').toString();
}

describe.each([sqliteEngine(), postgresEngine()])('AsyncDocStore on $name', (engine) => {
	let opened: Awaited<ReturnType<Engine['open']>>[] = [];
	let counter = 0;
	/** A document name no other test of this file has used. */
	const fresh = (label: string) => `plan.${label}.${++counter}`;
	const open = async () => {
		const handle = await engine.open();
		opened.push(handle);
		return handle.store;
	};

	beforeAll(() => engine.prepare());
	afterEach(async () => {
		for (const handle of opened) await handle.close();
		opened = [];
	});
	afterAll(() => engine.cleanUp());

	it('loads nothing for a new document, then its updates oldest first and none of another', async () => {
		const store = await open();
		const [a, b] = [fresh('a'), fresh('b')];
		expect(await store.loadUpdates(a)).toEqual([]);
		expect(await store.countUpdates(a)).toBe(0);
		await store.appendUpdates([
			{ docName: a, update: bytes(1) },
			{ docName: b, update: bytes(9) },
			{ docName: a, update: bytes(2) }
		]);
		await store.appendUpdates([{ docName: a, update: bytes(3) }]);
		await store.appendUpdates([]);
		expect(await store.loadUpdates(a)).toEqual([bytes(1), bytes(2), bytes(3)]);
		expect(await store.countUpdates(a)).toBe(3);
		expect(await store.loadUpdates(b)).toEqual([bytes(9)]);
	});

	it('has committed a batch when it resolves: another connection reads it at once', async () => {
		const [writer, reader] = [await open(), await open()];
		const doc = fresh('seen');
		await writer.appendUpdates([
			{ docName: doc, update: bytes(4) },
			{ docName: doc, update: bytes(5) }
		]);
		expect(await reader.loadUpdates(doc)).toEqual([bytes(4), bytes(5)]);
	});

	it('stores none of a batch that fails, of any of its documents, and keeps working', async () => {
		const store = await open();
		const [a, b] = [fresh('a'), fresh('b')];
		await store.appendUpdates([{ docName: a, update: bytes(1) }]);
		const broken: StoredUpdate[] = [
			{ docName: a, update: bytes(2) },
			{ docName: b, update: bytes(3) },
			// A null name breaks the NOT NULL constraint of both engines, after two good entries.
			{ docName: null as unknown as string, update: bytes(4) }
		];
		await expect(store.appendUpdates(broken)).rejects.toThrow();
		expect(await store.loadUpdates(a)).toEqual([bytes(1)]);
		expect(await store.loadUpdates(b)).toEqual([]);
		await store.appendUpdates([{ docName: b, update: bytes(5) }]);
		expect(await store.loadUpdates(b)).toEqual([bytes(5)]);
	});

	it('compacts the stored log into one merged update that keeps the same document', async () => {
		const store = await open();
		const name = fresh('compact');
		const doc = new Y.Doc();
		const log = [
			edit(doc, (d) => d.getText('t').insert(0, 'hello')),
			edit(doc, (d) => d.getText('t').insert(5, ' world')),
			edit(doc, (d) => d.getText('t').delete(0, 1))
		];
		await store.appendUpdates(log.map((update) => ({ docName: name, update })));
		expect(await store.compact(name)).toBe(3);
		const stored = await store.loadUpdates(name);
		expect(stored).toEqual([Y.mergeUpdates(log)]);
		expect(textOf(stored)).toBe('ello world');
		const later = edit(doc, (d) => d.getText('t').insert(10, '!'));
		await store.appendUpdates([{ docName: name, update: later }]);
		expect(await store.loadUpdates(name)).toEqual([Y.mergeUpdates(log), later]);
	});

	it('gives a newest seq that grows with every append and stays through a compaction', async () => {
		const store = await open();
		const name = fresh('newest');
		expect(await store.newestSeq(name)).toBe(0);
		const doc = new Y.Doc();
		await store.appendUpdates([{ docName: name, update: edit(doc, (d) => d.getText('t').insert(0, 'a')) }]);
		const first = await store.newestSeq(name);
		expect(first).toBeGreaterThan(0);
		await store.appendUpdates([{ docName: name, update: edit(doc, (d) => d.getText('t').insert(1, 'b')) }]);
		const second = await store.newestSeq(name);
		expect(second).toBeGreaterThan(first);
		expect(await store.compact(name)).toBe(2);
		// Caches stamped with it (plan summaries, plan facts) must not see an older number again.
		expect(await store.newestSeq(name)).toBe(second);
		await store.appendUpdates([{ docName: name, update: edit(doc, (d) => d.getText('t').insert(2, 'c')) }]);
		expect(await store.newestSeq(name)).toBeGreaterThan(second);
		expect(await store.newestSeq(fresh('other'))).toBe(0);
	});

	it('leaves a log of one update or none as it is', async () => {
		const store = await open();
		const [one, none] = [fresh('one'), fresh('none')];
		await store.appendUpdates([
			{ docName: one, update: edit(new Y.Doc(), (d) => d.getText('t').insert(0, 'a')) }
		]);
		expect(await store.compact(one)).toBe(0);
		expect(await store.compact(none)).toBe(0);
		expect(await store.countUpdates(one)).toBe(1);
		expect(await store.countUpdates(none)).toBe(0);
	});

	it('loses no edit when writers on other connections append while it compacts', async () => {
		// Three connections appending and one compacting, as four relay processes would: on
		// PostgreSQL they really overlap; every edit must be in the log afterwards.
		const writers = [await open(), await open(), await open()];
		const compactor = await open();
		const name = fresh('race');
		const edits = 30;
		const writing = writers.map(async (writer, w) => {
			const doc = new Y.Doc();
			for (let i = 0; i < edits; i++) {
				const update = edit(doc, (d) => d.getMap(`writer${w}`).set(`edit${i}`, i));
				await writer.appendUpdates([{ docName: name, update }]);
			}
		});
		let isWriting = true;
		let compactions = 0;
		const compacting = (async () => {
			while (isWriting) {
				if ((await compactor.compact(name)) > 0) compactions++;
			}
		})();
		await Promise.all(writing);
		isWriting = false;
		await compacting;
		const restored = new Y.Doc();
		for (const update of await compactor.loadUpdates(name)) Y.applyUpdate(restored, update);
		for (let w = 0; w < writers.length; w++) {
			expect(restored.getMap(`writer${w}`).size).toBe(edits);
		}
		expect(compactions).toBeGreaterThan(0);
	});

	it('stores and returns large updates byte for byte, alone and in a batch', async () => {
		const store = await open();
		const [alone, batched] = [fresh('big'), fresh('big')];
		const big = new Uint8Array(randomBytes(8 * 1024 * 1024));
		await store.appendUpdates([{ docName: alone, update: big }]);
		await store.appendUpdates([
			{ docName: batched, update: bytes(1) },
			{ docName: batched, update: big },
			{ docName: batched, update: bytes(2) }
		]);
		const [loaded] = await store.loadUpdates(alone);
		expect(loaded!.byteLength).toBe(big.byteLength);
		expect(Buffer.compare(loaded!, big)).toBe(0);
		const loadedBatch = await store.loadUpdates(batched);
		expect(loadedBatch.map((update) => update.byteLength)).toEqual([1, big.byteLength, 1]);
		expect(Buffer.compare(loadedBatch[1]!, big)).toBe(0);
	});

	it('keeps many documents apart through batches that mix them all', async () => {
		const store = await open();
		const docs = Array.from({ length: 300 }, () => fresh('many'));
		for (let round = 0; round < 3; round++) {
			await store.appendUpdates(
				docs.map((docName, i) => ({ docName, update: bytes(i % 256, round, i >> 8) }))
			);
		}
		for (const [i, docName] of docs.entries()) {
			expect(await store.loadUpdates(docName)).toEqual(
				[0, 1, 2].map((round) => bytes(i % 256, round, i >> 8))
			);
		}
		expect(await store.countUpdates(docs[299]!)).toBe(3);
	});

	it('finishes the calls in flight when closed, refuses new ones, and a reopened store has it all', async () => {
		const handle = await engine.open();
		const name = fresh('reopen');
		await handle.store.appendUpdates([{ docName: name, update: bytes(1) }]);
		const inFlight = handle.store.appendUpdates([{ docName: name, update: bytes(2) }]);
		await handle.close();
		await inFlight;
		await expect(handle.store.loadUpdates(name)).rejects.toThrow(/closed/);
		await expect(handle.store.appendUpdates([{ docName: name, update: bytes(3) }])).rejects.toThrow(/closed/);
		const reopened = await open();
		expect(await reopened.loadUpdates(name)).toEqual([bytes(1), bytes(2)]);
		expect(await reopened.countUpdates(name)).toBe(2);
	});
});
