import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AccountStore } from '../src/auth/accounts';
import { SchoolStore } from '../src/auth/school-store';
import { hashPassword } from '../src/auth/passwords';
import { SqliteAuditLog } from '../src/audit/audit-log';
import { api, signIn, startServer, type ErrorBody, type TestServer } from './helpers';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
import { EMPTY_SUMMARY } from '../../src/lib/plp/plan-summary';

interface PlansBody {
	plans: { planId: string; studentId: string; access: { plan: string; family: string } }[];
}

const OTHER_PASSWORD = 'other-school-password';

/** A second school in the same database, to prove admins and staff stay inside their own. */
async function addOtherSchool(t: TestServer): Promise<void> {
	const accounts = new AccountStore(t.server.db);
	const passwordHash = await hashPassword(OTHER_PASSWORD);
	new SchoolStore(t.server.db).createSchool({ id: 'birch', name: 'Birch Valley (fictional)' });
	accounts.createUser({
		id: 'birch-admin',
		schoolId: 'birch',
		username: 'birch.admin',
		displayName: 'B Admin',
		role: 'admin',
		passwordHash
	});
	accounts.createUser({
		id: 'birch-staff',
		schoolId: 'birch',
		username: 'birch.staff',
		displayName: 'B Staff',
		role: 'staff',
		passwordHash
	});
	accounts.createUser({
		id: 'birch-kid',
		schoolId: 'birch',
		username: 'birch.kid',
		displayName: 'B Kid',
		role: 'student',
		planId: 'birch-kid',
		passwordHash
	});
	accounts.assignCaseload('birch-staff', 'birch-kid');
}

/** Opens a relay socket and resolves once it is open; `closed` resolves with the close code. */
async function openSocket(t: TestServer, doc: string, token: string) {
	const socket = new (tokenFirstSocket(WebSocket, () => token))(`${t.url.replace('http', 'ws')}/sync/${doc}`);
	const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		socket.on('open', () => resolve());
		socket.on('error', reject);
	});
	return { socket, closed };
}

const planIds = (body: PlansBody) => body.plans.map((p) => p.planId).sort();

describe('rights on every API route', () => {
	let t: TestServer;
	beforeAll(async () => {
		t = await startServer();
		await addOtherSchool(t);
	});
	afterAll(async () => {
		await t.close();
	});

	it('GET /api/plans: a student sees only their own plan', async () => {
		const response = await api<PlansBody>(t.url, 'GET', '/api/plans', {
			token: await signIn(t.url, 'amara')
		});
		expect(response.body.plans).toEqual([
			{
				planId: 'demo-amara',
				studentId: 'demo-amara',
				studentName: 'Amara Okoye',
				grade: 9,
				access: { plan: 'write', family: 'read' },
				// This test server seeds no plan content, so there is no start date to count from.
				review: { dueOn: '', state: 'unknown', lastRevisedOn: '' },
				summary: EMPTY_SUMMARY,
				lastChangeAt: ''
			}
		]);
	});

	it('GET /api/plans: staff see their caseload only, admins their whole school only, guardians their child only', async () => {
		const chen = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: await signIn(t.url, 'chen') });
		expect(planIds(chen.body)).toEqual(['demo-dev', 'demo-eli']);
		expect(chen.body.plans[0]!.access).toEqual({ plan: 'write', family: 'read' });

		const admin = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: await signIn(t.url, 'admin') });
		expect(planIds(admin.body)).toEqual(['demo-amara', 'demo-ben', 'demo-carmen', 'demo-dev', 'demo-eli']);
		expect(admin.body.plans.every((p) => p.access.plan === 'read' && p.access.family === 'read')).toBe(true);

		const otherAdmin = await api<PlansBody>(t.url, 'GET', '/api/plans', {
			token: await signIn(t.url, 'birch.admin', OTHER_PASSWORD)
		});
		expect(planIds(otherAdmin.body)).toEqual(['birch-kid']);

		const grace = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: await signIn(t.url, 'grace') });
		expect(grace.body.plans).toEqual([
			expect.objectContaining({ planId: 'demo-amara', access: { plan: 'read', family: 'write' } })
		]);
	});

	it('admin routes refuse students, guardians and staff', async () => {
		for (const username of ['amara', 'grace', 'rivera']) {
			const token = await signIn(t.url, username);
			const calls = [
				api<ErrorBody>(t.url, 'GET', '/api/users', { token }),
				api<ErrorBody>(t.url, 'POST', '/api/users', {
					token,
					body: { username: 'sneaky', displayName: 'S', password: 'long enough pw', role: 'admin' }
				}),
				api<ErrorBody>(t.url, 'POST', '/api/users/demo-ben/deactivate', { token }),
				api<ErrorBody>(t.url, 'PUT', '/api/caseloads', {
					token,
					body: { staffId: 'demo-rivera', studentId: 'demo-dev' }
				}),
				api<ErrorBody>(t.url, 'DELETE', '/api/caseloads', {
					token,
					body: { staffId: 'demo-rivera', studentId: 'demo-ben' }
				}),
				api<ErrorBody>(t.url, 'GET', '/api/audit?studentId=demo-amara', { token })
			];
			for (const response of await Promise.all(calls)) {
				expect(response.status).toBe(403);
				expect(response.body.error.code).toBe('forbidden');
			}
		}
		expect((await api(t.url, 'GET', '/api/users')).status).toBe(401);
		expect(await signIn(t.url, 'ben')).toBeTruthy();
	});

	it('an admin cannot reach into another school', async () => {
		const birch = await signIn(t.url, 'birch.admin', OTHER_PASSWORD);
		const users = await api<{ users: { id: string }[] }>(t.url, 'GET', '/api/users', { token: birch });
		expect(users.body.users.map((u) => u.id).sort()).toEqual(['birch-admin', 'birch-kid', 'birch-staff']);
		expect((await api(t.url, 'POST', '/api/users/demo-ben/deactivate', { token: birch })).status).toBe(404);
		expect(
			(
				await api(t.url, 'PUT', '/api/caseloads', {
					token: birch,
					body: { staffId: 'birch-staff', studentId: 'demo-ben' }
				})
			).status
		).toBe(404);
		expect((await api(t.url, 'GET', '/api/audit?studentId=demo-ben', { token: birch })).status).toBe(404);
		expect(
			(await api(t.url, 'POST', '/api/invites', { token: birch, body: { studentId: 'demo-ben' } })).status
		).toBe(403);
		// Ben is still active.
		expect(await signIn(t.url, 'ben')).toBeTruthy();
	});

	it('an admin creates a student with a plan and a staff member, who sign in', async () => {
		const admin = await signIn(t.url, 'admin');
		const student = await api<{ user: { id: string; role: string; schoolId: string }; planId: string }>(
			t.url,
			'POST',
			'/api/users',
			{
				token: admin,
				body: {
					username: 'Fay.New',
					displayName: 'Fay New',
					password: 'fay password 1',
					role: 'student',
					grade: 9
				}
			}
		);
		expect(student.status).toBe(201);
		expect(student.body.user).toMatchObject({ role: 'student', schoolId: 'demo-maple-ridge' });
		expect(student.body.planId).toMatch(/^[A-Za-z0-9_-]{12}$/);
		const fay = await api<PlansBody>(t.url, 'GET', '/api/plans', {
			token: await signIn(t.url, 'fay.new', 'fay password 1')
		});
		expect(planIds(fay.body)).toEqual([student.body.planId]);
		// Her plan is already at the school, pre-filled: its start date gives the next review's date.
		const review = (fay.body as unknown as { plans: { review: { dueOn: string } }[] }).plans[0]?.review;
		expect(review?.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const staff = await api<{ user: { staffTitle: string } }>(t.url, 'POST', '/api/users', {
			token: admin,
			body: {
				username: 'kim',
				displayName: 'Kim Teacher',
				password: 'kim password 1',
				role: 'staff',
				staffTitle: 'counselor'
			}
		});
		expect(staff.body.user.staffTitle).toBe('counselor');
		const duplicate = await api<ErrorBody>(t.url, 'POST', '/api/users', {
			token: admin,
			body: { username: 'kim', displayName: 'Kim Again', password: 'kim password 1', role: 'staff' }
		});
		expect(duplicate.status).toBe(409);
		const badRole = await api<ErrorBody>(t.url, 'POST', '/api/users', {
			token: admin,
			body: { username: 'root', displayName: 'Root', password: 'long enough pw', role: 'superuser' }
		});
		expect(badRole.status).toBe(400);
	});

	it('unassigning an advisor removes the plan from their list and closes their live socket; assigning gives it back', async () => {
		const admin = await signIn(t.url, 'admin');
		const rivera = await signIn(t.url, 'rivera');
		const live = await openSocket(t, 'plan.demo-ben', rivera);

		const removed = await api(t.url, 'DELETE', '/api/caseloads', {
			token: admin,
			body: { staffId: 'demo-rivera', studentId: 'demo-ben' }
		});
		expect(removed.status).toBe(200);
		expect(await live.closed).toBe(4403);
		const after = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: rivera });
		expect(planIds(after.body)).toEqual(['demo-amara', 'demo-carmen']);

		const added = await api(t.url, 'PUT', '/api/caseloads', {
			token: admin,
			body: { staffId: 'demo-rivera', studentId: 'demo-ben' }
		});
		expect(added.body).toMatchObject({ inCaseload: true, isChanged: true });
		const back = await api<PlansBody>(t.url, 'GET', '/api/plans', { token: rivera });
		expect(planIds(back.body)).toEqual(['demo-amara', 'demo-ben', 'demo-carmen']);
		const notStaff = await api<ErrorBody>(t.url, 'PUT', '/api/caseloads', {
			token: admin,
			body: { staffId: 'demo-amara', studentId: 'demo-ben' }
		});
		expect(notStaff.body.error.code).toBe('not-staff');
	});

	it('deactivating a user ends their sessions, closes their live sockets and refuses their sign-in', async () => {
		const admin = await signIn(t.url, 'admin');
		const eli = await signIn(t.url, 'eli');
		const live = await openSocket(t, 'plan.demo-eli', eli);

		const response = await api<{ user: { isActive: boolean } }>(
			t.url,
			'POST',
			'/api/users/demo-eli/deactivate',
			{ token: admin }
		);
		expect(response.status).toBe(200);
		expect(response.body.user.isActive).toBe(false);
		expect(await live.closed).toBe(4401);
		expect((await api(t.url, 'GET', '/api/me', { token: eli })).status).toBe(401);
		const again = await api<ErrorBody>(t.url, 'POST', '/api/session', {
			body: { username: 'eli', password: 'maple-ridge-demo' }
		});
		expect(again.status).toBe(403);
		expect(again.body.error.code).toBe('account-inactive');

		const self = await api<ErrorBody>(t.url, 'POST', '/api/users/demo-admin/deactivate', { token: admin });
		expect(self.status).toBe(409);

		await api(t.url, 'POST', '/api/users/demo-eli/activate', { token: admin });
		expect(await signIn(t.url, 'eli')).toBeTruthy();
	});

	it("signing out closes that session's live sockets", async () => {
		const dev = await signIn(t.url, 'dev');
		const live = await openSocket(t, 'plan.demo-dev', dev);
		expect((await api(t.url, 'DELETE', '/api/session', { token: dev })).status).toBe(204);
		expect(await live.closed).toBe(4401);
	});

	it("GET /api/audit: an admin reads who opened and changed a student's plan, newest first", async () => {
		new SqliteAuditLog(t.server.db).record({
			userId: 'demo-chen',
			planId: 'demo-dev',
			action: 'change',
			docKind: 'plan'
		});
		const admin = await signIn(t.url, 'admin');
		const response = await api<{
			planId: string;
			entries: { userId: string; userName: string; action: string; at: string }[];
		}>(t.url, 'GET', '/api/audit?studentId=demo-dev', { token: admin });
		expect(response.status).toBe(200);
		expect(response.body.planId).toBe('demo-dev');
		// The socket opened by Dev in the test before was recorded by the relay.
		expect(response.body.entries[0]).toMatchObject({
			userId: 'demo-chen',
			userName: 'Sam Chen',
			action: 'change'
		});
		expect(response.body.entries.some((e) => e.userId === 'demo-dev' && e.action === 'open')).toBe(true);
		expect((await api(t.url, 'GET', '/api/audit?studentId=nobody', { token: admin })).status).toBe(404);
		expect((await api(t.url, 'GET', '/api/audit', { token: admin })).status).toBe(400);
	});
});
