import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, startServer, type ErrorBody, type TestServer } from './helpers';
import { EMPTY_SUMMARY } from '../../src/lib/plp/plan-summary';

interface InviteBody {
	code: string;
	expiresAt: string;
	studentName: string;
}
interface PlansBody {
	plans: { planId: string; studentName: string; access: { plan: string; family: string } }[];
}

describe('family invite codes', () => {
	let t: TestServer;
	let rivera: string;
	beforeAll(async () => {
		t = await startServer({ config: { inviteTtlHours: 72 } });
		rivera = await signIn(t.url, 'rivera');
	});
	afterAll(async () => {
		await t.close();
	});

	const createInvite = (token: string, studentId: string) =>
		api<InviteBody & ErrorBody>(t.url, 'POST', '/api/invites', { token, body: { studentId } });
	const redeem = (code: string, username: string, password = 'a long family password') =>
		api<{ token: string; user: { role: string; username: string } } & ErrorBody>(
			t.url,
			'POST',
			'/api/invites/redeem',
			{
				body: { code, username, password, displayName: 'Hal Larsen' }
			}
		);

	it('an advisor invites a family; the guardian signs up with the code and sees only their child, read-only except the family part', async () => {
		const invite = await createInvite(rivera, 'demo-ben');
		expect(invite.status).toBe(201);
		expect(invite.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		expect(invite.body.studentName).toBe('Ben Larsen');
		expect(Date.parse(invite.body.expiresAt)).toBe(t.clock.ms + 72 * 3_600_000);

		// Typed in lower case with spaces instead of dashes still works.
		const typed = invite.body.code.toLowerCase().replace(/-/g, ' ');
		const joined = await redeem(typed, 'hal.larsen');
		expect(joined.status).toBe(201);
		expect(joined.body.user).toMatchObject({ role: 'guardian', username: 'hal.larsen' });

		const plans = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: joined.body.token });
		expect(plans.body.plans).toEqual([
			{
				planId: 'demo-ben',
				studentId: 'demo-ben',
				studentName: 'Ben Larsen',
				grade: 10,
				access: { plan: 'read', family: 'write' },
				review: { dueOn: '', state: 'unknown', lastRevisedOn: '' },
				summary: EMPTY_SUMMARY,
				lastChangeAt: ''
			}
		]);
		// The new account signs in with its own password later.
		expect(await signIn(t.url, 'hal.larsen', 'a long family password')).toBeTruthy();
		// The code is not stored in the clear.
		const row = t.server.db
			.prepare('SELECT count(*) AS n FROM invites WHERE code_hash = ?')
			.get(invite.body.code) as {
			n: number;
		};
		expect(row.n).toBe(0);
	});

	it('a code works only once', async () => {
		const invite = await createInvite(rivera, 'demo-carmen');
		expect((await redeem(invite.body.code, 'first.parent')).status).toBe(201);
		const again = await redeem(invite.body.code, 'second.parent');
		expect(again.status).toBe(410);
		expect(again.body.error.code).toBe('invite-used');
		expect(again.body.error.message).toMatch(/already been used/);
		expect(
			(
				await api(t.url, 'POST', '/api/session', {
					body: { username: 'second.parent', password: 'a long family password' }
				})
			).status
		).toBe(401);
	});

	it('a code expires', async () => {
		const invite = await createInvite(rivera, 'demo-amara');
		t.clock.advanceHours(72.1);
		const late = await redeem(invite.body.code, 'late.parent');
		expect(late.status).toBe(410);
		expect(late.body.error.code).toBe('invite-expired');
		rivera = await signIn(t.url, 'rivera');
	});

	it('an unknown code, a taken username and a short password get clear errors and create nothing', async () => {
		const unknown = await redeem('AAAA-BBBB-CCCC', 'new.parent');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.code).toBe('invite-not-found');

		const invite = await createInvite(rivera, 'demo-amara');
		const taken = await redeem(invite.body.code, 'grace');
		expect(taken.status).toBe(409);
		expect(taken.body.error.code).toBe('username-taken');
		const weak = await redeem(invite.body.code, 'new.parent', 'short');
		expect(weak.status).toBe(400);
		expect(weak.body.error.code).toBe('weak-password');
		const badName = await redeem(invite.body.code, 'x', 'a long family password');
		expect(badName.body.error.code).toBe('invalid-username');
		// None of that used the code up.
		expect((await redeem(invite.body.code, 'new.parent')).status).toBe(201);
	});

	it('a signed-in guardian adds a second child with a new code; other roles cannot redeem', async () => {
		const grace = await signIn(t.url, 'grace');
		const invite = await createInvite(rivera, 'demo-carmen');
		const linked = await api<{ studentId: string; user: { username: string } }>(
			t.url,
			'POST',
			'/api/invites/redeem',
			{
				token: grace,
				body: { code: invite.body.code }
			}
		);
		expect(linked.status).toBe(200);
		expect(linked.body).toMatchObject({ studentId: 'demo-carmen', user: { username: 'grace' } });
		const plans = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: grace });
		expect(plans.body.plans.map((p) => p.planId)).toEqual(['demo-amara', 'demo-carmen']);
		const reuse = await api<ErrorBody>(t.url, 'POST', '/api/invites/redeem', {
			token: grace,
			body: { code: invite.body.code }
		});
		expect(reuse.body.error.code).toBe('invite-used');

		const another = await createInvite(rivera, 'demo-ben');
		const asStaff = await api<ErrorBody>(t.url, 'POST', '/api/invites/redeem', {
			token: rivera,
			body: { code: another.body.code }
		});
		expect(asStaff.status).toBe(403);
		expect(asStaff.body.error.code).toBe('not-a-family-account');
		const noDetails = await api<ErrorBody>(t.url, 'POST', '/api/invites/redeem', {
			body: { code: another.body.code }
		});
		expect(noDetails.status).toBe(400);
		expect(noDetails.body.error.code).toBe('missing-details');
	});

	it('staff invite only for their caseload; admins for their school; students and guardians not at all', async () => {
		// Dev is Chen's student, not Rivera's.
		const notMine = await createInvite(rivera, 'demo-dev');
		expect(notMine.status).toBe(403);
		expect(notMine.body.error.code).toBe('forbidden');
		expect((await createInvite(rivera, 'no-such-student')).status).toBe(404);

		const admin = await signIn(t.url, 'admin');
		expect((await createInvite(admin, 'demo-dev')).status).toBe(201);

		for (const username of ['amara', 'grace']) {
			const token = await signIn(t.url, username);
			const response = await createInvite(token, 'demo-amara');
			expect(response.status).toBe(403);
		}
		expect((await api(t.url, 'POST', '/api/invites', { body: { studentId: 'demo-amara' } })).status).toBe(
			401
		);
	});
});
