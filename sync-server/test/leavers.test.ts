/**
 * Graduates and students who leave keep their plan (issue 17, part 3): a student the roster turns
 * off signs in for the district's period (default two years) to read their plan and download its
 * archive, and nothing else — every other route of the server refuses, and the relay drops their
 * writes. After the period, or when an admin turns the account off by hand, they cannot sign in.
 * A real server on a real SQLite file, real roster imports, real sockets, a clock moved by hand.
 */
import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/lib/plp/plan';
import type { UserView } from '../../src/lib/contracts/api';
import { LEAVER_ROUTES } from '../src/api/authenticate';
import { serverPerTest } from './server-per-test';
import { connectClient, synced, waitFor, type Client } from './harness';
import { api, DEMO_PASSWORD, signIn, type ErrorBody, type TestServer } from './helpers';
import { createSchoolAdmin, givePassword, uploadPdf } from './district-people';
import { postRoster } from './roster-api';
import { oneRosterFixture } from './roster-district';

let t: TestServer;
const clients: Client[] = [];
serverPerTest((server) => (t = server), clients);

const DAY_HOURS = 24;
const wsUrl = () => `${t.url.replace('http', 'ws')}/sync`;
const row = (sql: string, ...params: string[]) =>
	t.server.db.prepare(sql).get(...params) as Record<string, unknown>;

/** The harbor district without Dana Kim (grade 12): she graduated. */
function danaGraduated(): Record<string, string> {
	const files = oneRosterFixture('harbor-district');
	const drop = (csv: string) =>
		csv
			.split('\n')
			.filter((line) => !line.includes('s-dana'))
			.join('\n');
	return {
		...files,
		'users.csv': drop(files['users.csv']!),
		'enrollments.csv': drop(files['enrollments.csv']!)
	};
}

/** Every route of the server as `METHOD path`, read from Fastify's own route tree. */
function allRoutes(): string[] {
	const routes: string[] = [];
	const stack: string[] = [];
	for (const line of t.server.app.printRoutes({ commonPrefix: false }).split('\n')) {
		const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
		if (!match) continue;
		const depth = match[1]!.length / 4;
		stack.length = depth;
		const path = (stack[depth - 1] ?? '') + match[2]!.replace(/:id\|:userId/g, ':userId');
		stack.push(path);
		for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
			if (method !== 'HEAD' && path.startsWith('/api/')) routes.push(`${method} ${path}`);
		}
	}
	return routes;
}

/** Routes that need no sign-in at all: a leaver's token changes nothing there. */
const PUBLIC_ROUTES = new Set([
	'GET /api/health',
	'GET /api/metrics',
	'POST /api/session',
	'POST /api/invites/redeem'
]);

describe('a student the roster turned off', () => {
	it('reads and downloads their plan for the period, and nothing else; the relay drops their writes', async () => {
		const district = await signIn(t.url, 'district');
		const files = oneRosterFixture('harbor-district');
		await postRoster(t.url, district, { format: 'oneroster', files, dryRun: false });
		const dana = row(
			"SELECT u.id, s.plan_id FROM users u JOIN students s ON s.user_id = u.id WHERE username = 'dana.kim'"
		);
		const planId = dana.plan_id as string;
		await givePassword(t.server.db, 'dana.kim');

		// While at school she writes in her plan and adds a piece of evidence.
		const before = await signIn(t.url, 'dana.kim');
		const writer = connectClient(wsUrl(), `plan.${planId}`, before);
		clients.push(writer);
		await synced(writer);
		Plan.open(writer.doc).plan.profileText('visionFar').insert(0, 'Nurse in a small town');
		const file = Buffer.from('%PDF-1.7\nDana’s first aid certificate');
		const { hash, status } = await uploadPdf(t.url, before, planId, file);
		expect(status).toBe(200);
		await waitFor(
			() => t.server.db.prepare('SELECT 1 FROM doc_updates WHERE doc = ?').all(`plan.${planId}`).length > 1,
			'her words to be stored'
		);

		// She graduates: the next export no longer has her. Her live sockets close.
		const graduated = await postRoster(t.url, district, {
			format: 'oneroster',
			files: danaGraduated(),
			dryRun: false
		});
		expect(graduated.body.counts.student.deactivated).toBe(1);
		await waitFor(() => writer.closes.length > 0, 'her old session’s socket to close');

		// She signs in again: the answer says until when she may read.
		const signedIn = await api<{ token: string; user: UserView }>(t.url, 'POST', '/api/session', {
			body: { username: 'dana.kim', password: DEMO_PASSWORD }
		});
		expect(signedIn.status).toBe(201);
		const leftAt = row("SELECT left_at FROM users WHERE username = 'dana.kim'").left_at as number;
		expect(leftAt).toBe(t.clock.ms);
		expect(signedIn.body.user).toMatchObject({
			isActive: false,
			readOnlyUntil: new Date(leftAt + 730 * 86_400_000).toISOString()
		});
		const token = signedIn.body.token;

		// Read: her plan in the list (read only), the archive, the evidence, the plan over the relay.
		const me = await api<{ user: UserView }>(t.url, 'GET', '/api/me', { token });
		expect(me.body.user.readOnlyUntil).toBe(signedIn.body.user.readOnlyUntil);
		const list = await api<{ plans: { planId: string; access: unknown }[] }>(t.url, 'GET', '/api/plans', {
			token
		});
		expect(list.body.plans).toEqual([
			expect.objectContaining({ planId, access: { plan: 'read', family: 'read' } })
		]);
		const archive = await fetch(`${t.url}/api/plans/${planId}/export`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(archive.status).toBe(200);
		expect(archive.headers.get('content-type')).toBe('application/zip');
		expect((await archive.arrayBuffer()).byteLength).toBeGreaterThan(file.length);
		const evidence = await fetch(`${t.url}/api/blobs/${hash}`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(Buffer.from(await evidence.arrayBuffer()).equals(file)).toBe(true);
		const reader = connectClient(wsUrl(), `plan.${planId}`, token);
		const family = connectClient(wsUrl(), `family.${planId}`, token);
		clients.push(reader, family);
		await Promise.all([synced(reader), synced(family)]);
		const plan = Plan.open(reader.doc).plan;
		expect(plan.profileText('visionFar').toString()).toBe('Nurse in a small town');

		// The relay's write path refuses: her edit is dropped and reported, and never stored.
		const storedBefore = t.server.db
			.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ?')
			.get(`plan.${planId}`);
		plan.profileText('visionFar').insert(0, 'NOT SAVED ');
		await waitFor(
			() => reader.denied.length > 0 || reader.closes.length > 0,
			'the relay to refuse her write'
		);
		expect(
			t.server.db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ?').get(`plan.${planId}`)
		).toEqual(storedBefore);
		const check = connectClient(wsUrl(), `plan.${planId}`, token);
		clients.push(check);
		await synced(check);
		expect(Plan.open(check.doc).plan.profileText('visionFar').toString()).toBe('Nurse in a small town');

		// Every other route of the server refuses her, before its own checks run.
		const refused = allRoutes().filter((route) => !LEAVER_ROUTES.has(route) && !PUBLIC_ROUTES.has(route));
		expect(refused.length).toBeGreaterThan(30);
		for (const route of refused) {
			const [method, path] = route.split(' ') as [string, string];
			const url = path
				.replace(':planId', planId)
				.replace(':userId', dana.id as string)
				.replace(':hash', hash)
				.replace(/:[a-zA-Z]+/g, 'x');
			const answer = await api<ErrorBody>(t.url, method, url, {
				token,
				body: method === 'GET' || method === 'DELETE' ? undefined : {}
			});
			expect({ route, status: answer.status, code: answer.body.error?.code }).toEqual({
				route,
				status: 403,
				code: 'archive-only'
			});
		}

		// Two years later (the default period) the sign-in is refused, and her session reads nothing.
		t.clock.advanceHours(730 * DAY_HOURS + 1);
		expect((await api(t.url, 'GET', '/api/me', { token })).status).toBe(401);
		const late = await api<ErrorBody>(t.url, 'POST', '/api/session', {
			body: { username: 'dana.kim', password: DEMO_PASSWORD }
		});
		expect(late.status).toBe(403);
		expect(late.body.error.code).toBe('account-inactive');
	});

	it('follows the period the district sets, and an admin turning the account off by hand ends it', async () => {
		const district = await signIn(t.url, 'district');
		await postRoster(t.url, district, {
			format: 'oneroster',
			files: oneRosterFixture('harbor-district'),
			dryRun: false
		});
		await givePassword(t.server.db, 'dana.kim');
		const setPeriod = await api<{ days: number; isDefault: boolean }>(
			t.url,
			'PUT',
			'/api/district/leaver-access',
			{
				token: district,
				body: { days: 30 }
			}
		);
		expect(setPeriod.body).toMatchObject({ days: 30, isDefault: false });
		const rivera = await signIn(t.url, 'rivera');
		expect(
			(await api(t.url, 'PUT', '/api/district/leaver-access', { token: rivera, body: { days: 5000 } })).status
		).toBe(400);
		expect(
			(await api(t.url, 'PUT', '/api/district/leaver-access', { token: rivera, body: { days: 10 } })).status
		).toBe(403);
		await postRoster(t.url, district, { format: 'oneroster', files: danaGraduated(), dryRun: false });

		t.clock.advanceHours(29 * DAY_HOURS);
		expect(
			(await api(t.url, 'POST', '/api/session', { body: { username: 'dana.kim', password: DEMO_PASSWORD } }))
				.status
		).toBe(201);
		t.clock.advanceHours(2 * DAY_HOURS);
		expect(
			(await api(t.url, 'POST', '/api/session', { body: { username: 'dana.kim', password: DEMO_PASSWORD } }))
				.status
		).toBe(403);

		// A longer period again, then the admin of her school turns her off by hand: no reading at all.
		const again = await signIn(t.url, 'district');
		const reset = await api(t.url, 'PUT', '/api/district/leaver-access', {
			token: again,
			body: { days: null }
		});
		expect(reset.body).toMatchObject({ days: 730, isDefault: true });
		expect(
			(await api(t.url, 'POST', '/api/session', { body: { username: 'dana.kim', password: DEMO_PASSWORD } }))
				.status
		).toBe(201);
		const danaId = row("SELECT id FROM users WHERE username = 'dana.kim'").id as string;
		const hv = row("SELECT id FROM schools WHERE source_id = 'org-hv'").id as string;
		await createSchoolAdmin(t.server.db, hv, 'hv.office');
		const hvAdmin = await signIn(t.url, 'hv.office');
		expect((await api(t.url, 'POST', `/api/users/${danaId}/deactivate`, { token: hvAdmin })).status).toBe(
			200
		);
		expect(
			(await api(t.url, 'POST', '/api/session', { body: { username: 'dana.kim', password: DEMO_PASSWORD } }))
				.status
		).toBe(403);
	});
});
