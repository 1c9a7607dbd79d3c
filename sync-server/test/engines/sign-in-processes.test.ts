/**
 * Sign-in throttling counts across processes (issue 19, decision 0116): with REDIS_URL, failed
 * sign-ins spread over two real server processes on one Redis and one data folder are counted
 * together, a burst sent to both at once gets exactly the limit checked, and the refusal is the
 * same answer one process alone gives. Two server instances on one Redis and one moved clock show
 * the window expiring, and that Redis keeps nothing past it. Without Redis the guard counts in
 * the process.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisSignInGuard } from '../../src/auth/redis-sign-in-guard';
import { DEMO_PASSWORD, FakeClock, startServer, tempDir as tempFolder, type TestServer } from '../helpers';
import { serverProcesses } from './server-processes';

interface Answer {
	status: number;
	body: unknown;
	retryAfter: number | null;
}

async function attempt(origin: string, username: string, password: string): Promise<Answer> {
	const response = await fetch(`${origin}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
	const retryAfter = response.headers.get('retry-after');
	return {
		status: response.status,
		body: await response.json(),
		retryAfter: retryAfter === null ? null : Number(retryAfter)
	};
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

/** What one process alone (no Redis) answers to the attempt after five wrong passwords. */
async function refusalOfOneProcess(): Promise<Answer> {
	const alone = await startServer();
	try {
		for (let i = 0; i < 5; i++) expect((await attempt(alone.url, 'carmen', `guess-${i}`)).status).toBe(401);
		return await attempt(alone.url, 'carmen', DEMO_PASSWORD);
	} finally {
		await alone.close();
	}
}

describe('sign-in counts shared by two real processes on one Redis', { timeout: 120_000 }, () => {
	const group = serverProcesses();
	let a = '';
	let b = '';

	const start = (seed: boolean) => group.start(seed);

	beforeAll(async () => {
		a = await start(true);
		b = await start(false);
	}, 120_000);
	afterAll(async () => {
		await group.stop();
	});

	it('counts wrong passwords sent to either process together and refuses the next with the usual answer', async () => {
		for (let i = 0; i < 3; i++) expect((await attempt(a, 'carmen', `guess-a${i}`)).status).toBe(401);
		for (let i = 0; i < 2; i++) expect((await attempt(b, 'carmen', `guess-b${i}`)).status).toBe(401);

		// The sixth attempt, even with the right password, is refused on both processes.
		const onA = await attempt(a, 'carmen', DEMO_PASSWORD);
		const onB = await attempt(b, 'carmen', DEMO_PASSWORD);
		const alone = await refusalOfOneProcess();
		for (const refused of [onA, onB]) {
			expect(refused.status).toBe(alone.status);
			expect(refused.body).toEqual(alone.body);
			expect(refused.retryAfter).toBeGreaterThan(0);
			expect(refused.retryAfter).toBeLessThanOrEqual(15 * 60);
		}
		expect(alone.status).toBe(429);

		// Somebody else is not locked out by Carmen's attempts, on either process.
		expect((await attempt(b, 'eli', DEMO_PASSWORD)).status).toBe(201);
	});

	it('checks at most 5 of 40 wrong passwords sent at once to both processes', async () => {
		const burst = await Promise.all(
			Array.from({ length: 40 }, (_, i) => attempt(i % 2 === 0 ? a : b, 'amara', `wrong-${i}`))
		);
		// Each 401 is a password that was checked; every other attempt was refused before scrypt.
		expect(count(burst, 401)).toBe(5);
		expect(count(burst, 429)).toBe(35);
		expect((await attempt(b, 'amara', DEMO_PASSWORD)).status).toBe(429);
	});
});

describe('the shared window expires', () => {
	const clock = new FakeClock();
	const folder = tempFolder();
	const prefix = `test-${randomUUID()}:`;
	const servers: TestServer[] = [];
	let redis: Redis;

	beforeAll(async () => {
		const config = { redisUrl: inject('redisUrl'), redisChannelPrefix: prefix };
		servers.push(await startServer({ dir: folder, clock, config }));
		servers.push(await startServer({ dir: folder, clock, config }));
		redis = new Redis(inject('redisUrl'));
	}, 60_000);
	afterAll(async () => {
		for (const server of servers.splice(0)) await server.close();
		await redis.quit();
		rmSync(folder, { recursive: true, force: true });
	});

	it('lets the account in again once the window has passed, and Redis keeps the counts no longer than it', async () => {
		const [one, two] = [servers[0]!.url, servers[1]!.url];
		for (let i = 0; i < 5; i++) {
			expect((await attempt(i % 2 === 0 ? one : two, 'ben', `guess-${i}`)).status).toBe(401);
		}
		expect((await attempt(two, 'ben', DEMO_PASSWORD)).status).toBe(429);

		const key = `${prefix}signin:account:ben`;
		expect(await redis.zcard(key)).toBe(5);
		const ttl = await redis.pttl(key);
		expect(ttl).toBeGreaterThan(0);
		expect(ttl).toBeLessThanOrEqual(15 * 60_000);

		clock.advanceMinutes(14);
		expect((await attempt(one, 'ben', DEMO_PASSWORD)).status).toBe(429);
		clock.advanceMinutes(2);
		expect((await attempt(one, 'ben', DEMO_PASSWORD)).status).toBe(201);
		// A right password starts the pair again from zero and takes back its own attempt only.
		expect(await redis.exists(`${prefix}signin:pair:ben\n127.0.0.1`)).toBe(0);
		expect(await redis.zcard(key)).toBe(0);
	});
});

describe('while Redis cannot be reached', () => {
	it('counts in the process instead, so the limit still holds and nobody waits on Redis', async () => {
		// Nothing listens on port 1; the link fails a command at once, as the server's does.
		const gone = new Redis('redis://127.0.0.1:1', {
			lazyConnect: true,
			enableOfflineQueue: false,
			retryStrategy: () => null
		});
		gone.on('error', () => undefined);
		const errors: string[] = [];
		const clock = new FakeClock();
		const guard = new RedisSignInGuard(
			gone,
			'test:',
			{ maxFailures: 5, maxFailuresPerAccount: 20, windowMs: 15 * 60_000 },
			clock.now,
			(error) => errors.push(error.message)
		);
		const attempt = { username: 'carmen', address: '203.0.113.7', trustedDevice: null };
		for (let i = 0; i < 5; i++) expect(await guard.begin(attempt)).toBe(0);
		expect(await guard.begin(attempt)).toBe(15 * 60);
		expect(errors[0]).toContain('counting in this process');
		clock.advanceMinutes(16);
		expect(await guard.begin(attempt)).toBe(0);
		gone.disconnect();
	});
});
