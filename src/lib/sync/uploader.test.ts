import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startServer, type TestServer } from '../../../sync-server/test/helpers';
import { uploadFile } from './uploader';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const CHUNK = 64 * 1024;

/** A network that drops the connection in the middle of the given PUTs (counted from 1). */
function flakyFetch(failOn: number[], sent: { bytes: number }): typeof fetch {
	let puts = 0;
	return async (input, init) => {
		if (init?.method === 'PUT') {
			puts += 1;
			sent.bytes += (init.body as Blob).size;
			if (failOn.includes(puts)) throw new TypeError('Failed to fetch');
		}
		return fetch(input, init);
	};
}

describe('uploading evidence in chunks', () => {
	let server: TestServer;
	let token: string;
	beforeEach(async () => {
		server = await startServer();
		token = await signIn(server.url, 'amara');
	});
	afterEach(() => server.close());

	it('continues after dropped connections without starting over', async () => {
		const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(10 * CHUNK - 9)]);
		const target = {
			planId: 'demo-amara',
			hash: sha256(file),
			data: new Blob([file]),
			mimeType: 'application/pdf'
		};
		const sent = { bytes: 0 };
		const options = { token, baseUrl: server.url, chunkBytes: CHUNK, fetch: flakyFetch([3, 7], sent) };
		const progress: number[] = [];

		expect(await uploadFile(target, { ...options, onProgress: (n) => progress.push(n) })).toEqual({
			outcome: 'offline',
			sentBytes: 2 * CHUNK
		});
		// The app tries again later; the second drop happens four chunks on.
		expect(await uploadFile(target, options)).toEqual({ outcome: 'offline', sentBytes: 5 * CHUNK });
		expect(await uploadFile(target, options)).toEqual({ outcome: 'done' });
		// Two interruptions cost exactly the two chunks that were lost on the way.
		expect(sent.bytes - file.length).toBe(2 * CHUNK);
		expect(progress).toEqual([0, CHUNK, 2 * CHUNK]);

		const back = await fetch(`${server.url}/api/blobs/${target.hash}`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(Buffer.from(await back.arrayBuffer()).equals(file)).toBe(true);
		// Once the server has it, nothing more is sent.
		expect(await uploadFile(target, options)).toEqual({ outcome: 'done' });
		expect(sent.bytes - file.length).toBe(2 * CHUNK);
	});

	it('reports a refused file and an ended sign-in instead of retrying forever', async () => {
		const text = Buffer.from('just some words, not a kind of file we accept');
		const refused = await uploadFile(
			{ planId: 'demo-amara', hash: sha256(text), data: new Blob([text]), mimeType: 'application/pdf' },
			{ token, baseUrl: server.url }
		);
		expect(refused.outcome).toBe('refused');
		expect((refused as { message: string }).message).toMatch(/can not be added/);
		const pdf = Buffer.from('%PDF-1.7\nsmall');
		expect(
			await uploadFile(
				{ planId: 'demo-amara', hash: sha256(pdf), data: new Blob([pdf]), mimeType: 'application/pdf' },
				{ token: 'not-a-token', baseUrl: server.url }
			)
		).toEqual({ outcome: 'signed-out' });
	});
});
