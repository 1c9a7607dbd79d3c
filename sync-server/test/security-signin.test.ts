/**
 * Sign-in under attack (issue 13, holes 3 and 7): attempts are counted before the password is
 * checked, so a burst cannot outrun the limit; guessing is slowed per account and address, one
 * school's shared address never locks the other students out, and a device that signed in before
 * stays trusted while its account is under attack from elsewhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, DEMO_PASSWORD, startServer, type ErrorBody, type TestServer } from './helpers';

interface Attempt {
	status: number;
	cookie: string | null;
}

async function attempt(
	server: TestServer,
	username: string,
	password: string,
	options: { from?: string; cookie?: string } = {}
): Promise<Attempt> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (options.from) headers['x-forwarded-for'] = options.from;
	if (options.cookie) headers.cookie = options.cookie;
	const response = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ username, password })
	});
	await response.arrayBuffer();
	const setCookie = response.headers.get('set-cookie');
	return { status: response.status, cookie: setCookie ? setCookie.split(';')[0]! : null };
}

const count = (attempts: Attempt[], status: number) => attempts.filter((a) => a.status === status).length;

describe('sign-in throttling', () => {
	let server: TestServer;
	afterEach(async () => server.close());

	it('checks at most 5 of 60 wrong passwords sent at once for one account (counted before scrypt)', async () => {
		server = await startServer();
		const burst = await Promise.all(
			Array.from({ length: 60 }, (_, i) => attempt(server, 'amara', `wrong-guess-${i}`))
		);
		// Each 401 is a password that was checked; every other attempt was refused before scrypt.
		expect(count(burst, 401)).toBe(5);
		expect(count(burst, 429)).toBe(55);
		const right = await attempt(server, 'amara', DEMO_PASSWORD);
		expect(right.status).toBe(429);
	}, 60_000);

	it("does not lock a school's students out when one of them guesses from the shared address", async () => {
		server = await startServer();
		const school = '203.0.113.7';
		for (let i = 0; i < 5; i++) expect((await attempt(server, 'carmen', `guess-${i}`)).status).toBe(401);
		expect((await attempt(server, 'carmen', DEMO_PASSWORD)).status).toBe(429);
		// 60 unknown invite codes from the same address: invite guessing is throttled on its own…
		const invites = [];
		for (let i = 0; i < 60; i++) {
			invites.push(
				await api<ErrorBody>(server.url, 'POST', '/api/invites/redeem', {
					body: { code: `ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '2')}` }
				})
			);
		}
		expect(invites.filter((r) => r.status === 404).length).toBe(50);
		expect(invites.at(-1)!.status).toBe(429);
		// …and every other student at the school still signs in.
		for (const name of ['ben', 'dev', 'eli', 'amara']) {
			expect((await attempt(server, name, DEMO_PASSWORD, { from: school })).status).toBe(201);
			expect((await attempt(server, name, DEMO_PASSWORD)).status).toBe(201);
		}
	}, 60_000);

	it('keeps a device that signed in before trusted while the account is attacked from many addresses', async () => {
		server = await startServer({ config: { trustProxy: true } });
		const before = await attempt(server, 'ben', DEMO_PASSWORD, { from: '198.51.100.1' });
		expect(before.status).toBe(201);
		expect(before.cookie).toMatch(/^pathways_device=/);
		// Guesses from 4 addresses, 5 each: the account's limit for untrusted devices (20) is reached.
		for (let a = 0; a < 4; a++) {
			for (let i = 0; i < 5; i++) {
				expect((await attempt(server, 'ben', `guess-${a}-${i}`, { from: `192.0.2.${a}` })).status).toBe(401);
			}
		}
		expect((await attempt(server, 'ben', 'guess-more', { from: '192.0.2.99' })).status).toBe(429);
		expect((await attempt(server, 'ben', DEMO_PASSWORD, { from: '198.51.100.2' })).status).toBe(429);
		// Ben's own device signs in, from anywhere.
		const trusted = await attempt(server, 'ben', DEMO_PASSWORD, {
			from: '198.51.100.3',
			cookie: before.cookie!
		});
		expect(trusted.status).toBe(201);
		// A device cookie of another account does not help.
		expect((await attempt(server, 'ben', DEMO_PASSWORD, { cookie: 'pathways_device=forged' })).status).toBe(
			429
		);
		server.clock.advanceMinutes(16);
		expect((await attempt(server, 'ben', DEMO_PASSWORD, { from: '198.51.100.2' })).status).toBe(201);
	}, 60_000);
});
