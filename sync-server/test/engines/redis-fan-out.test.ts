/**
 * The fan-out between relay processes on a real Redis: each RedisFanOut below has its own two
 * connections and process id, as a separate relay process would.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { FanOutReceiver, Revocation } from '../../src/contracts';
import { RedisFanOut } from '../../src/fanout/redis-fan-out';
import { waitFor } from '../harness';
import { freePort, startRedis } from './services';

interface Heard {
	updates: { docName: string; update: Uint8Array }[];
	presence: { docName: string; presence: Uint8Array }[];
	revocations: Revocation[];
	resumed: number;
	errors: Error[];
}

function listener(): { heard: Heard; receiver: FanOutReceiver } {
	const heard: Heard = { updates: [], presence: [], revocations: [], resumed: 0, errors: [] };
	return {
		heard,
		receiver: {
			update: (docName, update) => heard.updates.push({ docName, update }),
			presence: (docName, presence) => heard.presence.push({ docName, presence }),
			revocation: (revocation) => heard.revocations.push(revocation),
			resumed: () => heard.resumed++
		}
	};
}

/** Every byte value, twice over, including 0 and bytes that are not UTF-8. */
const ALL_BYTES = new Uint8Array(512).map((_, i) => i % 256);

describe('RedisFanOut', () => {
	let open: RedisFanOut[] = [];
	/** Channels of this test only, so tests sharing the project's Redis never hear each other. */
	let prefix = '';

	async function startProcess(url = inject('redisUrl')): Promise<{ fanOut: RedisFanOut; heard: Heard }> {
		const { heard, receiver } = listener();
		const fanOut = await RedisFanOut.connect(url, receiver, {
			channelPrefix: prefix,
			onError: (error) => heard.errors.push(error)
		});
		open.push(fanOut);
		return { fanOut, heard };
	}

	afterEach(async () => {
		for (const fanOut of open) await fanOut.close();
		open = [];
	});
	beforeEach(() => {
		prefix = `test-${randomUUID()}:`;
	});

	it('delivers the updates and presence of a held document to another process, byte for byte', async () => {
		const [a, b] = [await startProcess(), await startProcess()];
		const doc = 'plan.ñ-学.1';
		await b.fanOut.hold(doc);
		await a.fanOut.publishUpdate(doc, ALL_BYTES);
		await a.fanOut.publishPresence(doc, new Uint8Array([0, 255, 0]));
		await waitFor(() => b.heard.presence.length === 1, 'presence at B');
		expect(b.heard.updates).toEqual([{ docName: doc, update: ALL_BYTES }]);
		expect(b.heard.presence).toEqual([{ docName: doc, presence: new Uint8Array([0, 255, 0]) }]);
		expect(b.heard.errors).toEqual([]);
	});

	it('never hands a process its own messages', async () => {
		const [a, b] = [await startProcess(), await startProcess()];
		await a.fanOut.hold('plan.x');
		await b.fanOut.hold('plan.x');
		await a.fanOut.publishUpdate('plan.x', new Uint8Array([1]));
		await waitFor(() => b.heard.updates.length === 1, 'the update at B');
		// B answers only after hearing A, so Redis has delivered A's own message to A before B's.
		await b.fanOut.publishUpdate('plan.x', new Uint8Array([2]));
		await waitFor(() => a.heard.updates.length === 1, 'the answer at A');
		expect(a.heard.updates.map((u) => [...u.update])).toEqual([[2]]);
		expect(b.heard.updates.map((u) => [...u.update])).toEqual([[1]]);
		expect(a.fanOut.processId).not.toBe(b.fanOut.processId);
	});

	it('only processes holding a document hear it, and releasing it stops them hearing it', async () => {
		const [a, b, c] = [await startProcess(), await startProcess(), await startProcess()];
		await b.fanOut.hold('plan.one');
		await b.fanOut.hold('plan.marker');
		await c.fanOut.hold('plan.marker');
		await a.fanOut.publishUpdate('plan.one', new Uint8Array([1]));
		await waitFor(() => b.heard.updates.length === 1, 'the first update at B');
		await b.fanOut.release('plan.one');
		await a.fanOut.publishUpdate('plan.one', new Uint8Array([2]));
		// One publisher's messages arrive in order: once the marker is in, the update would be too.
		await a.fanOut.publishUpdate('plan.marker', new Uint8Array([3]));
		await waitFor(() => b.heard.updates.length === 2 && c.heard.updates.length === 1, 'the marker');
		expect(b.heard.updates.map((u) => [u.docName, ...u.update])).toEqual([
			['plan.one', 1],
			['plan.marker', 3]
		]);
		expect(c.heard.updates.map((u) => [u.docName, ...u.update])).toEqual([['plan.marker', 3]]);
	});

	it('brings a revocation to every other process within 1 s, holding a document or not', async () => {
		const [a, b, c] = [await startProcess(), await startProcess(), await startProcess()];
		await b.fanOut.hold('plan.x');
		const revocations: Revocation[] = [
			{ kind: 'session', sessionId: 'session-1' },
			{ kind: 'user', userId: 'user-ü' }
		];
		for (const revocation of revocations) await a.fanOut.publishRevocation(revocation);
		await waitFor(
			() => b.heard.revocations.length === 2 && c.heard.revocations.length === 2,
			'the revocations at B and C',
			1_000
		);
		expect(b.heard.revocations).toEqual(revocations);
		expect(c.heard.revocations).toEqual(revocations);
		expect(a.heard.revocations).toEqual([]);
	});

	it('drops a frame it cannot read, says so, and keeps delivering', async () => {
		const [a, b] = [await startProcess(), await startProcess()];
		await b.fanOut.hold('plan.x');
		const raw = new Redis(inject('redisUrl'));
		try {
			await raw.publish(`${prefix}doc:plan.x`, Buffer.from([9, 1, 0x41]));
			await raw.publish(`${prefix}doc:plan.x`, Buffer.from([0, 0, 5, 1]));
		} finally {
			raw.disconnect();
		}
		await a.fanOut.publishUpdate('plan.x', new Uint8Array([7]));
		await waitFor(() => b.heard.updates.length === 1, 'the good update');
		expect(b.heard.updates.map((u) => [...u.update])).toEqual([[7]]);
		expect(b.heard.errors.map((e) => e.message)).toEqual([
			expect.stringMatching(/unreadable frame.*unknown fan-out frame kind 9/),
			expect.stringMatching(/unreadable frame/)
		]);
	});

	it('after Redis restarts, subscribes again, tells the receiver to reload, and delivers again', async () => {
		const redis = await startRedis();
		try {
			const [a, b] = [await startProcess(redis.url), await startProcess(redis.url)];
			await b.fanOut.hold('plan.x');
			await redis.restart();
			await waitFor(() => b.heard.resumed === 1 && a.heard.resumed === 1, 'both to resume', 10_000);
			await a.fanOut.publishUpdate('plan.x', new Uint8Array([1]));
			await a.fanOut.publishRevocation({ kind: 'user', userId: 'u1' });
			await waitFor(
				() => b.heard.updates.length === 1 && b.heard.revocations.length === 1,
				'delivery after restart'
			);
			expect(b.heard.updates[0]!.update).toEqual(new Uint8Array([1]));
		} finally {
			for (const fanOut of open) await fanOut.close();
			open = [];
			await redis.stop();
		}
	});

	it('refuses to start when Redis is not there, naming the address and never the password', async () => {
		const port = await freePort();
		const { receiver } = listener();
		const error: Error = await RedisFanOut.connect(`redis://:secret-word@127.0.0.1:${port}`, receiver, {
			onError: () => {}
		}).then(
			() => new Error('connected'),
			(e: Error) => e
		);
		expect(error.message).toMatch(new RegExp(`Cannot connect to Redis at 127\\.0\\.0\\.1:${port}`));
		expect(error.message).not.toContain('secret-word');
	});
});
