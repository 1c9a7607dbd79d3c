/**
 * Knowing a file's hash is not enough (issue 13, hole 5): linking a file the server already has to
 * another plan takes its bytes, and the status call says nothing about other plans' files or
 * uploads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startServer, type TestServer } from './helpers';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100_000)]);

async function put(
	server: TestServer,
	token: string,
	planId: string,
	file: Buffer,
	offset: number,
	chunk: Buffer
) {
	const query = `planId=${planId}&offset=${offset}&total=${file.length}`;
	const response = await fetch(`${server.url}/api/blobs/${sha256(file)}?${query}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
		body: new Uint8Array(chunk)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function status(server: TestServer, token: string, planId: string, file: Buffer) {
	const response = await fetch(`${server.url}/api/blobs/${sha256(file)}/status?planId=${planId}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	return (await response.json()) as Record<string, unknown>;
}

async function download(server: TestServer, token: string, file: Buffer): Promise<number> {
	const response = await fetch(`${server.url}/api/blobs/${sha256(file)}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	await response.arrayBuffer();
	return response.status;
}

describe('evidence files need their bytes, not just their hash', () => {
	let server: TestServer;
	afterEach(async () => server.close());

	it('does not link a stored file to another plan by its hash, through status or an empty upload', async () => {
		server = await startServer();
		const amara = await signIn(server.url, 'amara');
		expect((await put(server, amara, 'demo-amara', pdf, 0, pdf)).body).toEqual({
			received: pdf.length,
			isComplete: true
		});
		const ben = await signIn(server.url, 'ben');
		// Ben learned the hash (a shared screen, a log): the server must not admit it has the file.
		expect(await status(server, ben, 'demo-ben', pdf)).toEqual({ received: 0, isComplete: false });
		expect(await download(server, ben, pdf)).toBe(404);
		const empty = await put(server, ben, 'demo-ben', pdf, 0, Buffer.alloc(0));
		expect(empty.body).toEqual({ received: 0, isComplete: false });
		expect(await download(server, ben, pdf)).toBe(404);
		// With the bytes themselves he proves he has the file, and then it is in his plan too.
		expect((await put(server, ben, 'demo-ben', pdf, 0, pdf)).body).toEqual({
			received: pdf.length,
			isComplete: true
		});
		expect(await status(server, ben, 'demo-ben', pdf)).toEqual({ received: pdf.length, isComplete: true });
		expect(await download(server, ben, pdf)).toBe(200);
		expect(await download(server, amara, pdf)).toBe(200);
	});

	it("keeps one plan's unfinished upload apart from another plan's", async () => {
		server = await startServer();
		const amara = await signIn(server.url, 'amara');
		const half = pdf.subarray(0, 50_000);
		expect((await put(server, amara, 'demo-amara', pdf, 0, half)).body).toEqual({
			received: half.length,
			isComplete: false
		});
		const ben = await signIn(server.url, 'ben');
		expect(await status(server, ben, 'demo-ben', pdf)).toEqual({ received: 0, isComplete: false });
		// Ben cannot finish Amara's upload with bytes of his own.
		const appended = await put(server, ben, 'demo-ben', pdf, half.length, pdf.subarray(half.length));
		expect(appended.status).toBe(409);
		expect(appended.body.received).toBe(0);
		expect(await status(server, amara, 'demo-amara', pdf)).toEqual({
			received: half.length,
			isComplete: false
		});
	});
});
