/**
 * `/api/health` in scale-out mode (issue 19): with DATABASE_URL and REDIS_URL the real server
 * checks PostgreSQL and Redis too. Their own throwaway PostgreSQL and Redis (not the project's
 * shared ones) are stopped, frozen and started again under a running server: the check answers
 * 503 naming the part that is down, within its short timeout when the part hangs, with no address
 * or secret in the answer, and 200 again once the part is back.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_TIMEOUT_MS } from '../../src/api/health-checks';
import { startServer, type TestServer } from '../helpers';
import {
	createDatabase,
	startPostgres,
	startRedis,
	type PostgresService,
	type RedisService
} from './services';

interface Health {
	status: number;
	body: { status: string; down?: string[]; parts: Record<string, string>; message?: string };
	text: string;
	ms: number;
}

async function health(server: TestServer): Promise<Health> {
	const started = performance.now();
	const response = await fetch(`${server.url}/api/health`);
	const text = await response.text();
	return {
		status: response.status,
		body: JSON.parse(text) as Health['body'],
		text,
		ms: performance.now() - started
	};
}

/** How many PINGs the Redis at `url` has answered (its own count, INFO commandstats). */
async function pingsAnswered(url: string): Promise<number> {
	const client = new Redis(url);
	try {
		const stats = await client.info('commandstats');
		return Number(/cmdstat_ping:calls=(\d+)/.exec(stats)?.[1] ?? 0);
	} finally {
		client.disconnect();
	}
}

/** Asks until the answer has `status` (a client reconnects after its server is back). */
async function healthBecomes(server: TestServer, status: number, withinMs = 20_000): Promise<Health> {
	const until = Date.now() + withinMs;
	for (;;) {
		const answer = await health(server);
		if (answer.status === status || Date.now() > until) return answer;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describe('/api/health with PostgreSQL and Redis', { timeout: 120_000 }, () => {
	let postgres: PostgresService;
	let redis: RedisService;
	let server: TestServer;
	let databaseUrl = '';

	beforeAll(async () => {
		[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		databaseUrl = await createDatabase(postgres.url, 'health');
		server = await startServer({ config: { databaseUrl, redisUrl: redis.url } });
	}, 60_000);
	afterAll(async () => {
		await server?.close();
		await redis?.stop();
		await postgres?.stop();
	});

	const expectNoAddress = (answer: Health) => {
		for (const secret of [new URL(databaseUrl).host, new URL(redis.url).host, 'postgres://', 'redis://'])
			expect(answer.text).not.toContain(secret);
	};

	it('answers 200 and names every part it checked when all answer', async () => {
		const answer = await health(server);
		expect(answer.status).toBe(200);
		expect(answer.body.status).toBe('ok');
		expect(answer.body.parts).toEqual({ file: 'ok', postgresql: 'ok', redis: 'ok' });
	});

	it('answers 503 naming Redis while Redis is stopped, and 200 once it is back', async () => {
		await redis.halt();
		try {
			const down = await health(server);
			expect(down.status).toBe(503);
			expect(down.body).toMatchObject({ status: 'down', down: ['redis'] });
			expect(down.body.parts).toEqual({ file: 'ok', postgresql: 'ok', redis: 'down' });
			expect(down.body.message).toBe('Redis did not answer within 2 seconds.');
			expectNoAddress(down);
		} finally {
			await redis.start();
		}
		expect((await healthBecomes(server, 200)).body.parts.redis).toBe('ok');
	});

	it('answers 503 within its timeout while Redis hangs, without piling up checks', async () => {
		const pingsBefore = await pingsAnswered(redis.url);
		redis.freeze();
		try {
			const answers = await Promise.all([health(server), health(server), health(server)]);
			for (const answer of answers) {
				expect(answer.status).toBe(503);
				expect(answer.body.down).toEqual(['redis']);
				expect(answer.ms).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 50);
				expect(answer.ms).toBeLessThan(HEALTH_TIMEOUT_MS + 3_000);
			}
		} finally {
			redis.thaw();
		}
		// The three requests shared one PING, answered once Redis thawed.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await pingsAnswered(redis.url)).toBe(pingsBefore + 1);
		expect((await healthBecomes(server, 200)).status).toBe(200);
	});

	it('answers 503 naming PostgreSQL while it is stopped, and 200 once it is back', async () => {
		postgres.halt();
		try {
			const down = await health(server);
			expect(down.status).toBe(503);
			expect(down.body).toMatchObject({ status: 'down', down: ['postgresql'] });
			expect(down.body.parts).toEqual({ file: 'ok', postgresql: 'down', redis: 'ok' });
			expect(down.body.message).toBe('PostgreSQL did not answer within 2 seconds.');
			expectNoAddress(down);
		} finally {
			postgres.start();
		}
		expect((await healthBecomes(server, 200)).body.parts.postgresql).toBe('ok');
	});
});

describe('/api/health without PostgreSQL and Redis', () => {
	it('checks the SQLite file only', async () => {
		const server = await startServer();
		try {
			const answer = await health(server);
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ status: 'ok', hasRelay: true, parts: { file: 'ok' } });
			expect(Object.keys(answer.body.parts)).toEqual(['file']);
		} finally {
			await server.close();
		}
	});
});
