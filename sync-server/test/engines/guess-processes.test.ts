/**
 * Guesses of invite codes and guests' links count across processes (issue 19): with REDIS_URL,
 * unknown invite codes spread over two real server processes on one Redis and one data folder are
 * counted together, and the next attempt is refused with the answer one process alone gives; a
 * burst of unknown guests' links sent to both at once gets exactly the limit looked up.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startServer } from '../helpers';
import { serverProcesses } from './server-processes';

/** Unknown codes per address in the window, small so the test is quick. */
const LIMIT = 6;

interface Answer {
	status: number;
	body: unknown;
	retryAfter: number | null;
}

async function post(origin: string, path: string, body: unknown): Promise<Answer> {
	const response = await fetch(`${origin}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	const retryAfter = response.headers.get('retry-after');
	return {
		status: response.status,
		body: await response.json(),
		retryAfter: retryAfter === null ? null : Number(retryAfter)
	};
}

const redeem = (origin: string, code: string) => post(origin, '/api/invites/redeem', { code });
const openLink = (origin: string, token: string) => post(origin, '/api/voices/open', { token });
const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

/** What one process alone (no Redis) answers after LIMIT unknown codes. */
async function refusalOfOneProcess(): Promise<Answer> {
	const defaults = loadConfig({});
	const alone = await startServer({
		config: { signIn: { ...defaults.signIn, maxInviteFailuresPerIp: LIMIT } }
	});
	try {
		for (let i = 0; i < LIMIT; i++) expect((await redeem(alone.url, `NOPE-${i}`)).status).toBe(404);
		return await redeem(alone.url, 'NOPE-LAST');
	} finally {
		await alone.close();
	}
}

describe(
	'guesses of invite codes and links counted by two real processes on one Redis',
	{ timeout: 120_000 },
	() => {
		const group = serverProcesses();
		let a = '';
		let b = '';

		const start = (seed: boolean) => group.start(seed, { INVITE_MAX_FAILURES_PER_IP: String(LIMIT) });

		beforeAll(async () => {
			a = await start(true);
			b = await start(false);
		}, 120_000);
		afterAll(async () => {
			await group.stop();
		});

		it('counts unknown invite codes sent to either process together and refuses the next with the usual answer', async () => {
			for (let i = 0; i < LIMIT / 2; i++) expect((await redeem(a, `GUESS-A${i}`)).status).toBe(404);
			for (let i = 0; i < LIMIT / 2; i++) expect((await redeem(b, `GUESS-B${i}`)).status).toBe(404);

			const onA = await redeem(a, 'GUESS-NEXT');
			const onB = await redeem(b, 'GUESS-NEXT');
			const alone = await refusalOfOneProcess();
			expect(alone.status).toBe(429);
			for (const refused of [onA, onB]) {
				expect(refused.status).toBe(alone.status);
				expect(refused.body).toEqual(alone.body);
				expect(refused.retryAfter).toBeGreaterThan(0);
				expect(refused.retryAfter).toBeLessThanOrEqual(15 * 60);
			}
			// Guests' links are counted apart: the invite codes' limit does not close them.
			expect((await openLink(b, 'no-such-link')).status).toBe(404);
		});

		it(`looks up at most ${LIMIT} of 30 unknown guests' links sent at once to both processes`, async () => {
			// The previous test used one guess of the links' count on this address.
			const burst = await Promise.all(
				Array.from({ length: 30 }, (_, i) => openLink(i % 2 === 0 ? a : b, `guess-${i}-${randomUUID()}`))
			);
			expect(count(burst, 404)).toBe(LIMIT - 1);
			expect(count(burst, 429)).toBe(30 - (LIMIT - 1));
			expect((await openLink(a, 'one-more')).status).toBe(429);
		});
	}
);
