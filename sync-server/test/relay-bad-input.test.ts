import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	connectClient,
	destroyClients,
	rawSocket,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type TestRelay
} from './harness';

const MAX = 64 * 1024;

describe('relay: bad input closes one connection, never the server', () => {
	let dir: ReturnType<typeof tempDir>;
	let server: TestRelay;

	beforeAll(async () => {
		dir = tempDir();
		server = await startRelay(dir.path, {
			limits: { maxMessageBytes: MAX, messagesPerSecond: 50, messageBurst: 20 }
		});
	});
	afterAll(async () => {
		await server.close();
		dir.remove();
	});

	/** After every bad connection, two clients on another document must still sync through the relay. */
	async function relayStillWorks(round: string): Promise<void> {
		const a = connectClient(server.url, 'plan.p3', 'tok-student');
		const b = connectClient(server.url, 'plan.p3', 'tok-advisor');
		try {
			await Promise.all([synced(a), synced(b)]);
			a.doc.getMap('rounds').set(round, true);
			await waitFor(() => b.doc.getMap('rounds').get(round) === true, `round ${round} to sync`);
		} finally {
			destroyClients(a, b);
		}
	}

	async function sendAndExpectClose(
		frame: Uint8Array | string,
		code: number,
		reason?: string
	): Promise<void> {
		const raw = await rawSocket(`${server.url}/plan.p1`, 'tok-student');
		raw.socket.send(frame);
		const closed = await raw.closed;
		expect(closed.code).toBe(code);
		if (reason !== undefined) expect(closed.reason).toBe(reason);
	}

	const cases: [string, Uint8Array | string, number, string?][] = [
		['garbage bytes', new Uint8Array([0xff, 0xfe, 0x13, 0x37, 0x00]), 4400, 'malformed message'],
		['an unknown message type', new Uint8Array([7, 1, 2]), 4400, 'malformed message'],
		['an unknown sync message type', new Uint8Array([0, 9, 0]), 4400, 'malformed message'],
		['a truncated varint', new Uint8Array([0, 2, 0x80, 0x80]), 4400, 'malformed message'],
		[
			'an update whose length runs past the frame',
			new Uint8Array([0, 2, 50, 1, 2, 3]),
			4400,
			'malformed message'
		],
		['an update that does not parse', new Uint8Array([0, 2, 4, 9, 9, 9, 9]), 4400, 'malformed message'],
		['awareness that is not JSON', new Uint8Array([1, 6, 1, 1, 1, 2, 0x7b, 0x7b]), 4400, 'malformed message'],
		['trailing bytes', new Uint8Array([3, 0]), 4400, 'malformed message'],
		['an empty frame', new Uint8Array([]), 4400, 'malformed message'],
		['a text frame', 'hello', 4400, 'malformed message: expected a binary frame'],
		['a frame over the limit', new Uint8Array(MAX + 1), 1009, `message too large: the limit is ${MAX} bytes`],
		['a frame far over the limit (cut off by ws)', new Uint8Array(MAX * 3), 1009]
	];

	for (const [what, frame, code, reason] of cases) {
		it(`closes on ${what} with ${code}, and the relay keeps working`, async () => {
			await sendAndExpectClose(frame, code, reason);
			await relayStillWorks(what);
		});
	}

	it('closes a connection that sends too fast with 4429', async () => {
		const raw = await rawSocket(`${server.url}/plan.p1`, 'tok-student');
		const queryAwareness = new Uint8Array([3]);
		for (let i = 0; i < 100; i++) raw.socket.send(queryAwareness);
		const closed = await raw.closed;
		expect(closed.code).toBe(4429);
		await relayStillWorks('rate limit');
	});

	it('stores nothing from any of the bad frames, and leaves no connection behind', async () => {
		expect(server.store.countUpdates('plan.p1')).toBe(0);
		await waitFor(() => server.relay.connectionCount() === 0, 'every socket to be gone');
	});
});

describe('relay: connection limits', () => {
	it('lets a provider refused for too many connections retry by itself, and get in once a place frees', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path, { limits: { maxConnectionsPerUser: 1 } });
		const first = await rawSocket(`${server.url}/plan.p1`, 'tok-student');
		const waiting = connectClient(server.url, 'plan.p3', 'tok-student');
		try {
			await waitFor(() => waiting.closes.length >= 2, 'the provider to be refused and to retry');
			expect(waiting.closes.every((close) => close.code === 4529)).toBe(true);
			first.socket.close();
			await synced(waiting);
		} finally {
			destroyClients(waiting);
			first.socket.terminate();
			await server.close();
			dir.remove();
		}
	});

	it('refuses a person more connections than allowed (4529), and the server past its maximum (1013)', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path, { limits: { maxConnectionsPerUser: 2, maxConnections: 3 } });
		const sockets: Awaited<ReturnType<typeof rawSocket>>[] = [];
		try {
			for (let i = 0; i < 2; i++) sockets.push(await rawSocket(`${server.url}/plan.p1`, 'tok-student'));
			const third = await rawSocket(`${server.url}/plan.p3`, 'tok-student');
			expect(await third.closed).toEqual({
				code: 4529,
				reason: 'too many open connections: close another tab or device; retrying'
			});
			// Someone else still gets in, up to the relay's maximum.
			sockets.push(await rawSocket(`${server.url}/plan.p1`, 'tok-advisor'));
			await waitFor(() => server.relay.connectionCount() === 3, 'three live connections');
			const fourth = await rawSocket(`${server.url}/plan.p1`, 'tok-admin');
			expect((await fourth.closed).code).toBe(1013);
			// A closed connection frees its place.
			sockets.shift()?.socket.close();
			await waitFor(() => server.relay.connectionCount() === 2, 'a place to free up');
			const again = connectClient(server.url, 'plan.p1', 'tok-student');
			await synced(again);
			destroyClients(again);
		} finally {
			for (const raw of sockets) raw.socket.close();
			await server.close();
			dir.remove();
		}
	});
});
