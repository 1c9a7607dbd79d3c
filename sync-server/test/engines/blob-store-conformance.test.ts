/**
 * One suite, every engine: what the blob routes may rely on from an AsyncBlobStore, run against
 * the disk store (a real data folder and SQLite file, through the adapter) and PostgreSQL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskBlobStoreAdapter } from '../../src/blobs/async-blob-store';
import { BlobStore } from '../../src/blobs/blob-store';
import { PostgresBlobStore } from '../../src/blobs/postgres-blob-store';
import type { AsyncBlobStore } from '../../src/contracts';
import { openDatabase, type Database } from '../../src/db';
import { openPostgres, type PostgresPool } from '../../src/postgres/database';
import { tempDir } from '../harness';
import { createTestDatabase } from './databases';

interface Engine {
	name: string;
	open(): Promise<AsyncBlobStore>;
	close(): Promise<void>;
}

function diskEngine(): Engine {
	let dir: ReturnType<typeof tempDir> | undefined;
	let db: Database | undefined;
	return {
		name: 'disk and SQLite',
		async open() {
			dir = tempDir();
			db = openDatabase(dir.path);
			return new DiskBlobStoreAdapter(new BlobStore(db, dir.path, Date.now));
		},
		async close() {
			db?.close();
			dir?.remove();
		}
	};
}

function postgresEngine(): Engine {
	let pool: PostgresPool | undefined;
	return {
		name: 'PostgreSQL',
		async open() {
			pool = await openPostgres(await createTestDatabase(), { max: 4 });
			return new PostgresBlobStore(pool);
		},
		async close() {
			await pool?.end();
		}
	};
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Sends a file in chunks, as the blob route does, and finishes it. */
async function upload(
	store: AsyncBlobStore,
	planId: string,
	file: Uint8Array,
	chunkSize: number
): Promise<boolean> {
	const hash = sha256(file);
	for (let offset = 0; offset < file.byteLength; offset += chunkSize) {
		const answer = await store.appendChunk(planId, hash, offset, file.subarray(offset, offset + chunkSize));
		expect(answer).toEqual({ isAccepted: true, received: Math.min(offset + chunkSize, file.byteLength) });
	}
	return store.finish(planId, hash, 'application/pdf');
}

async function readAll(store: AsyncBlobStore, hash: string): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const chunk of store.read(hash)) parts.push(chunk);
	return Buffer.concat(parts);
}

describe.each([diskEngine(), postgresEngine()])('AsyncBlobStore on $name', (engine) => {
	let store: AsyncBlobStore;
	beforeAll(async () => {
		store = await engine.open();
	});
	afterAll(() => engine.close());

	it('takes a file in chunks, resumes where it got to, and gives it back byte for byte', async () => {
		const file = randomBytes(3 * 1024 * 1024 + 17);
		const hash = sha256(file);
		const chunk = 256 * 1024;
		await store.appendChunk('plan-a', hash, 0, file.subarray(0, chunk));
		await store.appendChunk('plan-a', hash, chunk, file.subarray(chunk, 2 * chunk));
		// A dropped connection: the client asks how far the upload got and goes on from there.
		const received = await store.receivedBytes('plan-a', hash);
		expect(received).toBe(2 * chunk);
		for (let offset = received; offset < file.length; offset += chunk) {
			await store.appendChunk('plan-a', hash, offset, file.subarray(offset, offset + chunk));
		}
		expect(await store.info(hash)).toBeUndefined();
		expect(await store.finish('plan-a', hash, 'application/pdf')).toBe(true);
		expect(await store.info(hash)).toEqual({ hash, size: file.length, mimeType: 'application/pdf' });
		expect(await store.receivedBytes('plan-a', hash)).toBe(0);
		const back = await readAll(store, hash);
		expect(back.length).toBe(file.length);
		expect(Buffer.compare(back, file)).toBe(0);
	});

	it('refuses a chunk that is not where the upload is, and keeps nothing of it', async () => {
		const file = randomBytes(1000);
		const hash = sha256(file);
		await store.appendChunk('plan-b', hash, 0, file.subarray(0, 400));
		expect(await store.appendChunk('plan-b', hash, 800, file.subarray(800))).toEqual({
			isAccepted: false,
			received: 400
		});
		expect(await store.appendChunk('plan-b', hash, 0, file.subarray(0, 400))).toEqual({
			isAccepted: false,
			received: 400
		});
		expect(await store.receivedBytes('plan-b', hash)).toBe(400);
		expect(await store.appendChunk('plan-b', hash, 400, file.subarray(400))).toEqual({
			isAccepted: true,
			received: 1000
		});
		expect(await store.finish('plan-b', hash, 'image/png')).toBe(true);
		expect(Buffer.compare(await readAll(store, hash), file)).toBe(0);
	});

	it('takes exactly one of two requests racing with the same chunk', async () => {
		const file = randomBytes(2000);
		const hash = sha256(file);
		const answers = await Promise.all([
			store.appendChunk('plan-c', hash, 0, file.subarray(0, 1000)),
			store.appendChunk('plan-c', hash, 0, file.subarray(0, 1000))
		]);
		expect(answers.filter((answer) => answer.isAccepted)).toHaveLength(1);
		expect(await store.receivedBytes('plan-c', hash)).toBe(1000);
		await store.appendChunk('plan-c', hash, 1000, file.subarray(1000));
		expect(await store.finish('plan-c', hash, 'application/pdf')).toBe(true);
		expect(Buffer.compare(await readAll(store, hash), file)).toBe(0);
	});

	it('drops an upload whose content does not match its hash, and stores nothing', async () => {
		const file = randomBytes(5000);
		const wrongHash = sha256(randomBytes(10));
		await store.appendChunk('plan-d', wrongHash, 0, file);
		expect(await store.finish('plan-d', wrongHash, 'application/pdf')).toBe(false);
		expect(await store.info(wrongHash)).toBeUndefined();
		expect(await store.receivedBytes('plan-d', wrongHash)).toBe(0);
	});

	it('stores the same content once for two plans, and says which plans hold a file', async () => {
		const file = randomBytes(70_000);
		const hash = sha256(file);
		expect(await upload(store, 'plan-e', file, 16_384)).toBe(true);
		expect(await upload(store, 'plan-f', file, 65_536)).toBe(true);
		await store.linkToPlan('plan-f', hash, 'user-1');
		await store.linkToPlan('plan-e', hash, 'user-2');
		await store.linkToPlan('plan-e', hash, 'user-2');
		expect(await store.plansOf(hash)).toEqual(['plan-e', 'plan-f']);
		expect(await store.isLinked('plan-e', hash)).toBe(true);
		expect(await store.isLinked('plan-g', hash)).toBe(false);
		expect(await store.blobsOf('plan-e')).toEqual([{ hash, size: file.length, mimeType: 'application/pdf' }]);
		expect(Buffer.compare(await readAll(store, hash), file)).toBe(0);
	});

	it('reads the first bytes of an unfinished upload across its chunks', async () => {
		const file = Buffer.from('%PDF-1.7 and then the rest of it');
		const hash = sha256(file);
		expect((await store.readPartialHead('plan-h', hash, 10)).byteLength).toBe(0);
		for (let offset = 0; offset < file.length; offset += 3) {
			await store.appendChunk('plan-h', hash, offset, file.subarray(offset, offset + 3));
		}
		expect(Buffer.from(await store.readPartialHead('plan-h', hash, 10)).toString()).toBe('%PDF-1.7 a');
		expect((await store.readPartialHead('plan-h', hash, 1000)).byteLength).toBe(file.length);
	});

	it('knows nothing of a file it does not hold', async () => {
		const hash = sha256(Buffer.from('never sent'));
		expect(await store.info(hash)).toBeUndefined();
		expect(await store.plansOf(hash)).toEqual([]);
		expect(await store.blobsOf('plan-none')).toEqual([]);
	});
});
