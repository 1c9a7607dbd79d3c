/**
 * A district admin reads the plans of the district's schools where the district allows it (issue 18):
 * off by default, turned on or off only by a district admin of that district (recorded); when on, the
 * plan document read-only on the API and on real relay sockets, never the family's part, never a
 * plan of another district. Turning it off, or removing the district admin, closes open sockets at once.
 * A real server on a real SQLite file, real y-websocket clients and raw sockets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/lib/plp/access';
import type { PlanReaders, PlanView } from '../../src/lib/contracts/api';
import { Plan } from '../../src/lib/plp/plan';
import {
	CatchUpStatus,
	decodeCatchUpResponse,
	encodeCatchUpRequest
} from '../../src/lib/contracts/catch-up-format';
import type { DistrictPlans, DistrictView } from '../../src/lib/contracts/self-assessment';
import { AccountStore } from '../src/auth/accounts';
import { CloseCode } from '../src/relay/close-codes';
import { DistrictSettings } from '../src/self-assessment/district-settings';
import { connectClient, destroyClients, rawSocket, synced, waitFor, type Client } from './harness';
import { api, signIn, startServer, type ErrorBody, type TestServer } from './helpers';
import { addTwoSchools } from './self-assessment-seed';

let t: TestServer;
let birchAdminId = '';
const clients: Client[] = [];
const wsUrl = () => `${t.url.replace('http', 'ws')}/sync`;
const connect = (name: string, token: string) => {
	const client = connectClient(wsUrl(), name, token);
	clients.push(client);
	return client;
};

/** A student with a written plan at Birch Hill (demo district) and one at Far Away High (another district). */
async function addStudents(): Promise<void> {
	const accounts = new AccountStore(t.server.db);
	for (const [schoolId, planId, name] of [
		['birch', 'birch-ivy', 'Ivy Birch'],
		['far', 'far-oli', 'Oli Far']
	] as const) {
		accounts.createUser({
			schoolId,
			username: planId,
			displayName: name,
			role: 'student',
			passwordHash: 'x',
			planId
		});
		const doc = new Y.Doc();
		Plan.create(doc, planId, { studentName: name, startDate: '2026-09-01' });
		await t.server.relay.writeServerUpdates([
			{ docName: docName('plan', planId), update: Y.encodeStateAsUpdate(doc) }
		]);
		const family = new Y.Doc();
		family.getMap('probe').set('words', 'the family’s own');
		await t.server.relay.writeServerUpdates([
			{ docName: docName('family', planId), update: Y.encodeStateAsUpdate(family) }
		]);
	}
}

const setReadable = (token: string, plansReadable: boolean) =>
	api<{ plansReadable: boolean; isChanged: boolean } & ErrorBody>(t.url, 'PUT', '/api/district/settings', {
		token,
		body: { plansReadable }
	});
const plansOf = (token: string, schoolId: string) =>
	api<DistrictPlans & ErrorBody>(t.url, 'GET', `/api/district/schools/${schoolId}/plans`, { token });
const refused = async (name: string, token: string) => {
	const socket = await rawSocket(`${wsUrl()}/${name}`, token);
	return (await socket.closed).code;
};

beforeEach(async () => {
	t = await startServer();
	birchAdminId = (await addTwoSchools(t.server.db)).birchAdminId;
	await addStudents();
});
afterEach(async () => {
	destroyClients(...clients.splice(0));
	await t.close();
});

describe('reading plans across the district', () => {
	it('is off by default: the list and the relay refuse a district admin the plans of another school', async () => {
		const district = await signIn(t.url, 'district');
		const view = await api<DistrictView>(t.url, 'GET', '/api/district', { token: district });
		expect(view.body.plansReadable).toBe(false);
		const list = await plansOf(district, 'birch');
		expect(list.status).toBe(403);
		expect(list.body.error.code).toBe('district-plans-off');
		for (const kind of ['plan', 'family'] as const) {
			expect(await refused(docName(kind, 'birch-ivy'), district)).toBe(CloseCode.forbidden);
		}
		expect(await refused(docName('school', 'birch'), district)).toBe(CloseCode.forbidden);
		// Their own school's plans they read as its admin, as before.
		const own = connect(docName('plan', 'demo-amara'), district);
		await synced(own);
	});

	it('is changed only by a district admin of that district, and each change is recorded', async () => {
		for (const username of ['admin', 'birch-admin', 'rivera', 'amara', 'grace']) {
			const token = await signIn(t.url, username);
			expect((await setReadable(token, true)).status).toBe(403);
		}
		// Fay acts for another district: turning hers on changes nothing here.
		const far = await signIn(t.url, 'far-admin');
		expect((await setReadable(far, true)).body).toEqual({ plansReadable: true, isChanged: true });
		const settings = new DistrictSettings(t.server.db);
		expect(settings.arePlansReadable('demo-district')).toBe(false);

		const district = await signIn(t.url, 'district');
		expect((await setReadable(district, true)).body).toEqual({ plansReadable: true, isChanged: true });
		expect((await setReadable(district, true)).body).toEqual({ plansReadable: true, isChanged: false });
		expect((await setReadable(district, false)).body).toEqual({ plansReadable: false, isChanged: true });
		expect(settings.changes('demo-district').map((c) => `${c.userId} ${c.setting} ${c.value}`)).toEqual([
			'demo-district-admin plans-readable off',
			'demo-district-admin plans-readable on'
		]);
		expect(() => t.server.db.exec('DELETE FROM district_setting_changes')).toThrow(/append-only/);
		const bad = await api(t.url, 'PUT', '/api/district/settings', {
			token: district,
			body: { plansReadable: 'yes' }
		});
		expect(bad.status).toBe(400);
	});

	it('when on, opens the plan read-only on the relay, never the family part; writes are refused and not stored', async () => {
		const district = await signIn(t.url, 'district');
		await setReadable(district, true);
		const list = await plansOf(district, 'birch');
		expect(list.status).toBe(200);
		expect(list.body.school).toEqual({ id: 'birch', name: 'Birch Hill (fictional)' });
		expect(list.body.plans.map((plan: PlanView) => [plan.studentName, plan.access])).toEqual([
			['Ivy Birch', { plan: 'read', family: 'none' }]
		]);

		const reader = connect(docName('plan', 'birch-ivy'), district);
		await synced(reader);
		expect(Plan.open(reader.doc).plan.info().studentName).toBe('Ivy Birch');
		reader.doc.getMap('probe').set('district', 'must not be stored');
		await waitFor(() => reader.denied.length > 0, 'the read-only change to be refused');
		expect(reader.denied[0]).toBe('read-only: your change was not saved');
		const again = connect(docName('plan', 'birch-ivy'), await signIn(t.url, 'birch-admin'));
		await synced(again);
		expect(again.doc.getMap('probe').get('district')).toBeUndefined();

		// The family's words stay the family's: refused on the relay and on the catch-up API.
		expect(await refused(docName('family', 'birch-ivy'), district)).toBe(CloseCode.forbidden);
		// The school's template (what the plan's sections are) is read.
		const template = connect(docName('school', 'birch'), district);
		await synced(template);
		expect(await refused(docName('school', 'far'), district)).toBe(CloseCode.forbidden);

		// Opening is audited as theirs.
		const audit = t.server.db
			.prepare(
				"SELECT doc_kind, action FROM audit_log WHERE user_id = 'demo-district-admin' AND plan_id = 'birch-ivy'"
			)
			.all() as { doc_kind: string; action: string }[];
		expect(audit).toEqual(
			expect.arrayContaining([
				{ doc_kind: 'plan', action: 'open' },
				{ doc_kind: 'family', action: 'denied' }
			])
		);
		// Not an export either: reading in the app is all it gives.
		expect((await api(t.url, 'GET', '/api/plans/birch-ivy/export', { token: district })).status).toBe(403);
		expect((await api(t.url, 'GET', '/api/plans/birch-ivy/readers', { token: district })).status).toBe(404);
	});

	it("names the district's admins among the plan's readers while, and only while, they may read it", async () => {
		const birch = await signIn(t.url, 'birch-admin');
		const readers = async () => {
			const answer = await api<PlanReaders>(t.url, 'GET', '/api/plans/birch-ivy/readers', { token: birch });
			expect(answer.status).toBe(200);
			return answer.body.school.filter((reader) => reader.role === 'district-admin');
		};
		expect(await readers()).toEqual([]);
		const district = await signIn(t.url, 'district');
		await setReadable(district, true);
		const named = await readers();
		expect(named).toHaveLength(1);
		expect(named[0]!.name).toMatch(/\S/);
		await setReadable(district, false);
		expect(await readers()).toEqual([]);
	});

	it('never opens a plan of another district, whichever district allows it', async () => {
		const district = await signIn(t.url, 'district');
		const far = await signIn(t.url, 'far-admin');
		await setReadable(district, true);
		await setReadable(far, true);
		expect((await plansOf(district, 'far')).status).toBe(404);
		expect((await plansOf(far, 'birch')).status).toBe(404);
		expect((await plansOf(far, 'no-such-school')).status).toBe(404);
		for (const kind of ['plan', 'family'] as const) {
			expect(await refused(docName(kind, 'far-oli'), district)).toBe(CloseCode.forbidden);
			expect(await refused(docName(kind, 'birch-ivy'), far)).toBe(CloseCode.forbidden);
			expect(await refused(docName(kind, 'demo-amara'), far)).toBe(CloseCode.forbidden);
		}
		// A school admin who is not a district admin reads only their own school, on or off.
		const birch = await signIn(t.url, 'birch-admin');
		expect((await plansOf(birch, 'birch')).status).toBe(403);
		expect(await refused(docName('plan', 'demo-amara'), birch)).toBe(CloseCode.forbidden);
		// Fay reads her own district's plan (her own school: as its admin, family part included).
		const own = connect(docName('plan', 'far-oli'), far);
		await synced(own);
	});

	it('turning it off, or removing the district admin, closes their open plans at once', async () => {
		const district = await signIn(t.url, 'district');
		await setReadable(district, true);
		const first = connect(docName('plan', 'birch-ivy'), district);
		await synced(first);
		await setReadable(district, false);
		await waitFor(() => first.closes.some((c) => c.code === CloseCode.forbidden), 'the socket to close');
		expect((await plansOf(district, 'birch')).status).toBe(403);

		// Bo, named district admin, reads Maple Ridge's plans while the district allows it…
		await api(t.url, 'PUT', `/api/district/admins/${birchAdminId}`, { token: district });
		await setReadable(district, true);
		const bo = await signIn(t.url, 'birch-admin');
		const boReads = connect(docName('plan', 'demo-amara'), bo);
		await synced(boReads);
		expect(await refused(docName('family', 'demo-amara'), bo)).toBe(CloseCode.forbidden);
		// …and not a moment after he is removed.
		await api(t.url, 'DELETE', `/api/district/admins/${birchAdminId}`, { token: district });
		await waitFor(() => boReads.closes.some((c) => c.code === CloseCode.forbidden), 'Bo’s socket to close');
		expect(await refused(docName('plan', 'demo-amara'), bo)).toBe(CloseCode.forbidden);
	});

	it('lets the catch-up API bring the plan, not the family part, to a district admin’s device', async () => {
		const district = await signIn(t.url, 'district');
		await setReadable(district, true);
		const empty = Y.encodeStateVector(new Y.Doc());
		const ask = (name: string) => ({ docName: name, stateVector: empty, deleteSetDigest: new Uint8Array() });
		const response = await fetch(`${t.url}/api/sync/catch-up`, {
			method: 'POST',
			headers: { authorization: `Bearer ${district}`, 'content-type': 'application/octet-stream' },
			body: encodeCatchUpRequest([
				ask(docName('plan', 'birch-ivy')),
				ask(docName('family', 'birch-ivy')),
				ask(docName('plan', 'far-oli'))
			])
		});
		expect(response.status).toBe(200);
		const answers = decodeCatchUpResponse(new Uint8Array(await response.arrayBuffer()));
		expect(answers.map((answer) => [answer.docName, answer.status])).toEqual([
			['plan.birch-ivy', CatchUpStatus.changes],
			['family.birch-ivy', CatchUpStatus.noAccess],
			['plan.far-oli', CatchUpStatus.noAccess]
		]);
	});
});
