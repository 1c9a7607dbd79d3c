/**
 * Turning 18 (issue 17, part 4): from the birth date the school holds, the student decides whether
 * each guardian keeps reading their plan. An ended access is refused on the relay (live sockets
 * close at once) and on the API; staff see that it was the student's choice; every change is audited.
 * A real server on a real SQLite file, real sockets, a clock moved by hand across the birthday.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../src/relay/close-codes';
import { serverPerTest } from './server-per-test';
import { connectClient, synced, waitFor, type Client } from './harness';
import { api, signIn, type ErrorBody, type TestServer } from './helpers';
import type { PlanReaders } from '../src/api/readers-routes';

let t: TestServer;
const clients: Client[] = [];
// The server's clock: 1 September 2026, the day before Amara turns 18.
serverPerTest((server) => (t = server), clients);

const wsUrl = () => `${t.url.replace('http', 'ws')}/sync`;
const readers = (token: string) =>
	api<PlanReaders & ErrorBody>(t.url, 'GET', '/api/plans/demo-amara/readers', { token });
const setAccess = (token: string, guardianId: string, hasAccess: boolean) =>
	api<PlanReaders & ErrorBody>(t.url, 'PUT', `/api/plans/demo-amara/guardians/${guardianId}`, {
		token,
		body: { hasAccess }
	});

function amaraUserId(): string {
	return (
		t.server.db.prepare("SELECT user_id FROM students WHERE plan_id = 'demo-amara'").get() as {
			user_id: string;
		}
	).user_id;
}

async function guardianPlans(token: string): Promise<string[]> {
	const response = await api<{ plans: { planId: string }[] }>(t.url, 'GET', '/api/plans', { token });
	return response.body.plans.map((plan) => plan.planId);
}

describe('a student who turns 18 decides who reads their plan', () => {
	it('ends a guardian’s access only from the 18th birthday; the relay and the API refuse it at once, and give it back', async () => {
		const admin = await signIn(t.url, 'admin');
		const setBirth = await api(t.url, 'PUT', `/api/users/${amaraUserId()}/birth-date`, {
			token: admin,
			body: { birthDate: '2008-09-02' }
		});
		expect(setBirth.status).toBe(204);

		const grace = await signIn(t.url, 'grace');
		const planSocket = connectClient(wsUrl(), 'plan.demo-amara', grace);
		const familySocket = connectClient(wsUrl(), 'family.demo-amara', grace);
		clients.push(planSocket, familySocket);
		await Promise.all([synced(planSocket), synced(familySocket)]);

		// 17 for one more day: the student sees her readers but cannot change them yet.
		let amara = await signIn(t.url, 'amara');
		const before = await readers(amara);
		expect(before.body.isStudentDeciding).toBe(false);
		expect(before.body.guardians).toEqual([
			{ id: expect.any(String), name: 'Grace Okoye', hasAccess: true, endedByStudentAt: null }
		]);
		// Who reads it at school too: her advisor first, then the school's admins.
		expect(before.body.school[0]).toEqual({ name: 'Lucia Rivera', role: 'advisor' });
		expect(before.body.school).toContainEqual({ name: 'Dana Whitfield', role: 'admin' });
		expect(before.body.school.every((reader) => reader.name !== 'Grace Okoye')).toBe(true);
		const graceId = before.body.guardians[0]!.id;
		const early = await setAccess(amara, graceId, false);
		expect(early.status).toBe(403);
		expect(early.body.error.code).toBe('not-own-rights-yet');
		expect(await guardianPlans(grace)).toContain('demo-amara');

		// Her birthday.
		t.clock.advanceHours(24);
		amara = await signIn(t.url, 'amara');
		const rivera = await signIn(t.url, 'rivera');
		// Staff never decide for her.
		expect((await setAccess(rivera, graceId, false)).status).toBe(403);
		const ended = await setAccess(amara, graceId, false);
		expect(ended.status).toBe(200);
		expect(ended.body.isStudentDeciding).toBe(true);
		expect(ended.body.guardians[0]).toMatchObject({ name: 'Grace Okoye', hasAccess: false });
		expect(ended.body.guardians[0]!.endedByStudentAt).toBe('2026-09-02T08:00:00.000Z');

		// The guardian's open sockets close with "forbidden", and a new one is refused.
		await waitFor(
			() =>
				planSocket.closes.some((c) => c.code === CloseCode.forbidden) &&
				familySocket.closes.some((c) => c.code === CloseCode.forbidden),
			'the guardian’s sockets to close'
		);
		const again = connectClient(wsUrl(), 'family.demo-amara', grace);
		clients.push(again);
		await waitFor(
			() => again.closes.some((c) => c.code === CloseCode.forbidden),
			'a new socket to be refused'
		);
		expect(again.provider.synced).toBe(false);
		// The API no longer lists the plan for her, nor lets her ask who reads it.
		expect(await guardianPlans(grace)).not.toContain('demo-amara');
		expect((await readers(grace)).status).toBe(404);

		// Staff see that this was the student's choice.
		expect((await readers(rivera)).body.guardians[0]).toMatchObject({
			hasAccess: false,
			endedByStudentAt: '2026-09-02T08:00:00.000Z'
		});

		// She gives it back: the guardian reads the plan again.
		expect((await setAccess(amara, graceId, true)).body.guardians[0]).toMatchObject({ hasAccess: true });
		expect(await guardianPlans(grace)).toContain('demo-amara');
		const back = connectClient(wsUrl(), 'family.demo-amara', grace);
		clients.push(back);
		await synced(back);

		// Both changes are in the audit log, as hers.
		const audit = await api<{ entries: { detail: string | null; userName: string }[] }>(
			t.url,
			'GET',
			`/api/audit?studentId=${encodeURIComponent(amaraUserId())}`,
			{ token: admin }
		);
		const choices = audit.body.entries.filter((entry) => entry.detail?.startsWith('the student'));
		expect(choices.map((entry) => `${entry.userName}: ${entry.detail}`)).toEqual([
			'Amara Okoye: the student gave Grace Okoye access again',
			'Amara Okoye: the student gave Grace Okoye access again',
			"Amara Okoye: the student ended Grace Okoye's access",
			"Amara Okoye: the student ended Grace Okoye's access"
		]);
	});

	it('takes a birth date only from an admin, only as a date; without one nobody decides for themself', async () => {
		const admin = await signIn(t.url, 'admin');
		const bad = await api<ErrorBody>(t.url, 'PUT', `/api/users/${amaraUserId()}/birth-date`, {
			token: admin,
			body: { birthDate: '2008-02-30x' }
		});
		expect(bad.status).toBe(400);
		const rivera = await signIn(t.url, 'rivera');
		const notAdmin = await api(t.url, 'PUT', `/api/users/${amaraUserId()}/birth-date`, {
			token: rivera,
			body: { birthDate: '2008-01-01' }
		});
		expect(notAdmin.status).toBe(403);
		// Without a birth date the school holds, nobody decides for themself.
		const amara = await signIn(t.url, 'amara');
		expect((await readers(amara)).body.isStudentDeciding).toBe(false);
	});

	it('shows the school admin the birth date and where it came from; only they see it; removing it is audited', async () => {
		const admin = await signIn(t.url, 'admin');
		expect((await readers(admin)).body.birthDate).toEqual({
			studentId: amaraUserId(),
			date: null,
			source: null
		});
		await api(t.url, 'PUT', `/api/users/${amaraUserId()}/birth-date`, {
			token: admin,
			body: { birthDate: '2008-01-01' }
		});
		expect((await readers(admin)).body.birthDate).toEqual({
			studentId: amaraUserId(),
			date: '2008-01-01',
			source: 'admin'
		});
		// The student and her advisor read the plan's readers, not her birth date.
		for (const who of ['amara', 'rivera']) {
			const answer = await readers(await signIn(t.url, who));
			expect(answer.status).toBe(200);
			expect(answer.body).not.toHaveProperty('birthDate');
		}
		const removed = await api(t.url, 'PUT', `/api/users/${amaraUserId()}/birth-date`, {
			token: admin,
			body: { birthDate: null }
		});
		expect(removed.status).toBe(204);
		expect((await readers(admin)).body.birthDate).toEqual({
			studentId: amaraUserId(),
			date: null,
			source: null
		});
		const audit = t.server.db
			.prepare(
				"SELECT detail FROM audit_log WHERE plan_id = 'demo-amara' AND detail LIKE '%birth date%' ORDER BY id"
			)
			.all() as { detail: string }[];
		expect(audit.map((entry) => entry.detail)).toEqual([
			'set the birth date to 2008-01-01',
			'removed the birth date (was 2008-01-01)'
		]);
	});
});
