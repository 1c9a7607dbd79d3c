/**
 * `POST /api/sync/catch-up` against the real server (demo school, real sign-in, real SQLite):
 * state vectors in, what the device lacks out, rights checked per document, audited at most once
 * per user, document and minute, and a document that did not change costs no update bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CatchUpStatus,
	decodeCatchUpResponse,
	deleteSetOf,
	digestOf,
	encodeCatchUpRequest,
	type CatchUpAnswer
} from '../../src/lib/contracts/catch-up-format';
import { api, signIn, startServer, type TestServer } from './helpers';

interface PlanRow {
	planId: string;
}

describe('API: bringing many documents up to date in one request', () => {
	let t: TestServer;
	let token: string;
	let caseload: string[];
	let outside: string;
	const docs = new Map<string, Y.Doc>();

	beforeAll(async () => {
		t = await startServer();
		token = await signIn(t.url, 'rivera');
		const mine = await api<{ plans: PlanRow[] }>(t.url, 'GET', '/api/plans', { token });
		const all = await api<{ plans: PlanRow[] }>(t.url, 'GET', '/api/plans', {
			token: await signIn(t.url, 'admin')
		});
		caseload = mine.body.plans.map((plan) => plan.planId);
		outside = all.body.plans.map((plan) => plan.planId).find((id) => !caseload.includes(id))!;
		// Something stored in every plan, written through the relay as the server writes imports.
		for (const planId of [...caseload, outside]) {
			const doc = new Y.Doc();
			doc.getMap('info').set('title', `Plan ${planId}`);
			doc.getMap('info').set('note', 'to be removed elsewhere');
			await t.server.relay.writeServerUpdates([
				{ docName: `plan.${planId}`, update: Y.encodeStateAsUpdate(doc) }
			]);
		}
	});
	afterAll(() => t.close());

	const names = () => caseload.flatMap((id) => [`plan.${id}`, `family.${id}`]);

	/** Sends each named document's state as this device holds it; applies what comes back. */
	const catchUp = async (
		docNames: string[],
		auth = token
	): Promise<{ answers: CatchUpAnswer[]; bytes: number }> => {
		const requests = await Promise.all(
			docNames.map(async (docName) => {
				const doc = docs.get(docName) ?? new Y.Doc();
				docs.set(docName, doc);
				const state = Y.encodeStateAsUpdate(doc);
				return {
					docName,
					stateVector: Y.encodeStateVector(doc),
					deleteSetDigest: await digestOf(deleteSetOf(state))
				};
			})
		);
		const response = await fetch(`${t.url}/api/sync/catch-up`, {
			method: 'POST',
			headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/octet-stream' },
			body: encodeCatchUpRequest(requests)
		});
		expect(response.status).toBe(200);
		const body = new Uint8Array(await response.arrayBuffer());
		const answers = decodeCatchUpResponse(body);
		for (const answer of answers) if (answer.update) Y.applyUpdate(docs.get(answer.docName)!, answer.update);
		return { answers, bytes: body.length };
	};

	it('sends a new device every plan of the caseload, then nothing while nothing changed', async () => {
		expect(caseload.length).toBeGreaterThan(1);
		const first = await catchUp(names());
		expect(first.answers.map((a) => a.docName)).toEqual(names());
		const planAnswers = first.answers.filter((a) => a.docName.startsWith('plan.'));
		expect(planAnswers.map((a) => a.status)).toEqual(caseload.map(() => CatchUpStatus.changes));
		// What arrived is the stored plan.
		expect(docs.get(`plan.${caseload[0]}`)!.getMap('info').get('title')).toBe(`Plan ${caseload[0]}`);

		const again = await catchUp(names());
		expect(again.answers.every((a) => a.status === CatchUpStatus.upToDate)).toBe(true);
		expect(again.bytes).toBeLessThan(60 * names().length);
	});

	it('sends only the document that changed elsewhere, deletions included', async () => {
		await catchUp(names());
		const changed = `plan.${caseload[1]}`;
		const elsewhere = new Y.Doc();
		Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(docs.get(changed)!));
		// A deletion only: it does not move the state vector, the digest catches it.
		const info = elsewhere.getMap('info');
		const key = 'note';
		const before = Y.encodeStateVector(elsewhere);
		info.delete(key);
		await t.server.relay.writeServerUpdates([
			{ docName: changed, update: Y.encodeStateAsUpdate(elsewhere, before) }
		]);

		const { answers } = await catchUp(names());
		expect(answers.filter((a) => a.status === CatchUpStatus.changes).map((a) => a.docName)).toEqual([
			changed
		]);
		expect(docs.get(changed)!.getMap('info').has(key)).toBe(false);
	});

	it('refuses, per document, what the caller may not read, and audits it', async () => {
		const { answers } = await catchUp([`plan.${caseload[0]}`, `plan.${outside}`, 'nonsense']);
		expect(answers.map((a) => a.status)).toEqual([
			CatchUpStatus.upToDate,
			CatchUpStatus.noAccess,
			CatchUpStatus.badName
		]);
		expect(docs.get(`plan.${outside}`)!.getMap('info').size).toBe(0); // nothing of it reached the device
		const denied = t.server.db
			.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE plan_id = ? AND action = 'denied'")
			.get(outside) as { n: number };
		expect(denied.n).toBe(1);
	});

	it('audits reading each document once a minute, however often the device asks', async () => {
		const rows = t.server.db
			.prepare(
				"SELECT COUNT(*) AS n FROM audit_log WHERE plan_id = ? AND action = 'open' AND detail = 'device copy'"
			)
			.get(caseload[0]!) as { n: number };
		expect(rows.n).toBe(2); // its plan and its family part, although asked four times
	});

	it('answers a precise 400 to a body it cannot read, and 401 without a sign-in', async () => {
		const bad = await fetch(`${t.url}/api/sync/catch-up`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
			body: new Uint8Array([5, 1, 2])
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad-catch-up-request');
		const anonymous = await fetch(`${t.url}/api/sync/catch-up`, {
			method: 'POST',
			headers: { 'content-type': 'application/octet-stream' },
			body: encodeCatchUpRequest([])
		});
		expect(anonymous.status).toBe(401);
	});
});
