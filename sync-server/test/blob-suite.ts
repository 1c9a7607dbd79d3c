/**
 * What the blob routes do, on every engine: `blobs.test.ts` runs it on the data folder and its
 * SQLite file, `engines/blobs-postgres.test.ts` with DATABASE_URL (the files in PostgreSQL).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config';
import { signIn, startServer, type TestServer } from './helpers';

/** Where a server keeps its evidence files, as a test looks at it from outside the routes. */
export interface EvidenceEngine {
	name: string;
	/** What the server is started with besides the test's own limits. */
	config(): Promise<Partial<ServerConfig>>;
	/** Uploads not finished (or not cleaned up). */
	unfinishedUploads(server: TestServer): Promise<number>;
	/** Copies of one file's content the server holds. */
	copiesOf(server: TestServer, hash: string): Promise<number>;
}

/** The data folder's blobs/ (the default): a file per content, unfinished uploads in blobs/tmp. */
export const diskEvidence: EvidenceEngine = {
	name: 'the data folder',
	config: async () => ({}),
	async unfinishedUploads(server) {
		try {
			return readdirSync(path.join(server.config.dataDir, 'blobs', 'tmp')).length;
		} catch {
			return 0;
		}
	},
	async copiesOf(server, hash) {
		try {
			return readdirSync(path.join(server.config.dataDir, 'blobs', hash.slice(0, 2))).filter(
				(name) => name === hash
			).length;
		} catch {
			return 0;
		}
	}
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function fakePdf(size: number): Buffer {
	return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
}

async function put(
	server: TestServer,
	token: string,
	hash: string,
	query: { planId: string; offset: number; total: number; type?: string },
	chunk: Uint8Array
) {
	const params = new URLSearchParams({
		planId: query.planId,
		offset: String(query.offset),
		total: String(query.total),
		type: query.type ?? ''
	});
	const response = await fetch(`${server.url}/api/blobs/${hash}?${params}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
		body: new Uint8Array(chunk)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Sends a whole file in chunks, the way the app does. */
async function upload(
	server: TestServer,
	token: string,
	planId: string,
	file: Buffer,
	chunkSize = 64 * 1024
) {
	const hash = sha256(file);
	let offset = 0;
	let last: { status: number; body: Record<string, unknown> };
	do {
		const chunk = file.subarray(offset, offset + chunkSize);
		last = await put(server, token, hash, { planId, offset, total: file.length }, chunk);
		if (last.status !== 200) return { hash, ...last };
		offset = last.body.received as number;
	} while (!last.body.isComplete);
	return { hash, ...last };
}

async function download(server: TestServer, token: string, hash: string) {
	const response = await fetch(`${server.url}/api/blobs/${hash}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		bytes: Buffer.from(await response.arrayBuffer())
	};
}

export function describeEvidenceFiles(engine: EvidenceEngine): void {
	describe(`evidence files on the server, kept in ${engine.name}`, () => {
		let server: TestServer;
		beforeEach(async () => {
			server = await startServer({
				config: {
					...(await engine.config()),
					blobs: {
						maxBytes: 1024 * 1024,
						maxChunkBytes: 128 * 1024,
						acceptedCategories: ['pdf', 'image', 'audio', 'video', 'document']
					}
				}
			});
		});
		afterEach(() => server.close());

		it('takes a file in chunks, checks its hash and gives it back byte for byte', async () => {
			const amara = await signIn(server.url, 'amara');
			const file = fakePdf(300_000);
			const result = await upload(server, amara, 'demo-amara', file);
			expect(result.status).toBe(200);
			expect(result.body).toEqual({ received: file.length, isComplete: true });
			const back = await download(server, amara, result.hash);
			expect(back.status).toBe(200);
			expect(back.type).toBe('application/pdf');
			expect(back.bytes.equals(file)).toBe(true);
			expect(await engine.unfinishedUploads(server)).toBe(0);
		});

		it('resumes an interrupted upload from where the server is, not from the start', async () => {
			const amara = await signIn(server.url, 'amara');
			const file = fakePdf(200_000);
			const hash = sha256(file);
			const first = await put(
				server,
				amara,
				hash,
				{ planId: 'demo-amara', offset: 0, total: file.length },
				file.subarray(0, 100_000)
			);
			expect(first.body).toEqual({ received: 100_000, isComplete: false });
			// The client lost track (a reload): it asks where the upload stands, then sends only the rest.
			const status = await fetch(`${server.url}/api/blobs/${hash}/status?planId=demo-amara`, {
				headers: { authorization: `Bearer ${amara}` }
			});
			expect(await status.json()).toEqual({ received: 100_000, isComplete: false });
			const stale = await put(
				server,
				amara,
				hash,
				{ planId: 'demo-amara', offset: 50_000, total: file.length },
				file.subarray(50_000, 100_000)
			);
			expect(stale.status).toBe(409);
			expect(stale.body.received).toBe(100_000);
			const rest = await put(
				server,
				amara,
				hash,
				{ planId: 'demo-amara', offset: 100_000, total: file.length },
				file.subarray(100_000)
			);
			expect(rest.body).toEqual({ received: 200_000, isComplete: true });
			expect((await download(server, amara, hash)).bytes.equals(file)).toBe(true);
		});

		it('stores the same file once and does not take it again', async () => {
			const amara = await signIn(server.url, 'amara');
			const rivera = await signIn(server.url, 'rivera');
			const file = fakePdf(70_000);
			await upload(server, amara, 'demo-amara', file);
			// Rivera attaches the same file to Ben's plan: he sends its bytes (knowing the hash is not
			// enough, see security-blobs.test.ts), and the server keeps its one copy.
			const again = await put(
				server,
				rivera,
				sha256(file),
				{ planId: 'demo-ben', offset: 0, total: file.length },
				file
			);
			expect(again.body).toEqual({ received: file.length, isComplete: true });
			const ben = await signIn(server.url, 'ben');
			expect((await download(server, ben, sha256(file))).bytes.equals(file)).toBe(true);
			expect(await engine.copiesOf(server, sha256(file))).toBe(1);
			expect(await engine.unfinishedUploads(server)).toBe(0);
			// Sent again for a plan that has it, nothing more is taken.
			const third = await put(
				server,
				rivera,
				sha256(file),
				{ planId: 'demo-ben', offset: 0, total: file.length },
				new Uint8Array(0)
			);
			expect(third.body).toEqual({ received: file.length, isComplete: true });
		});

		it('refuses damaged content, files of the wrong kind and files over the limit', async () => {
			const amara = await signIn(server.url, 'amara');
			const file = fakePdf(1000);
			const wrongHash = sha256(Buffer.from('something else'));
			const damaged = await put(
				server,
				amara,
				wrongHash,
				{ planId: 'demo-amara', offset: 0, total: file.length },
				file
			);
			expect(damaged.status).toBe(422);
			expect((damaged.body.error as { code: string }).code).toBe('hash-mismatch');
			expect(await engine.unfinishedUploads(server)).toBe(0);

			// A program renamed to .pdf: the name and the stated type say PDF, the content does not.
			const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(500)]);
			const refused = await put(
				server,
				amara,
				sha256(exe),
				{ planId: 'demo-amara', offset: 0, total: exe.length, type: 'application/pdf' },
				exe
			);
			expect(refused.status).toBe(415);
			expect((refused.body.error as { code: string }).code).toBe('type-not-accepted');

			const big = await put(
				server,
				amara,
				sha256(file),
				{ planId: 'demo-amara', offset: 0, total: 2 * 1024 * 1024 },
				file
			);
			expect(big.status).toBe(413);
		});

		it('lets only people who may read a plan that holds the file read it', async () => {
			const amara = await signIn(server.url, 'amara');
			const file = fakePdf(5000);
			const { hash } = await upload(server, amara, 'demo-amara', file);
			for (const reader of ['rivera', 'grace', 'admin']) {
				const token = await signIn(server.url, reader);
				expect((await download(server, token, hash)).status, reader).toBe(200);
			}
			for (const stranger of ['chen', 'ben', 'dev']) {
				const token = await signIn(server.url, stranger);
				expect((await download(server, token, hash)).status, stranger).toBe(404);
			}
			expect((await fetch(`${server.url}/api/blobs/${hash}`)).status).toBe(401);
		});

		it('lets only people who may write a plan attach files to it', async () => {
			const file = fakePdf(2000);
			for (const [who, planId] of [
				['grace', 'demo-amara'],
				['admin', 'demo-amara'],
				['ben', 'demo-amara'],
				['chen', 'demo-amara']
			]) {
				const token = await signIn(server.url, who!);
				const result = await put(
					server,
					token,
					sha256(file),
					{ planId: planId!, offset: 0, total: file.length },
					file
				);
				expect(result.status, who).toBe(403);
			}
			const dev = await signIn(server.url, 'dev');
			expect((await upload(server, dev, 'demo-dev', file)).status).toBe(200);
			// Grace (Amara's guardian) can not read Dev's file by its address.
			const grace = await signIn(server.url, 'grace');
			expect((await download(server, grace, sha256(file))).status).toBe(404);
		});
	});
}
