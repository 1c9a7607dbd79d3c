/**
 * A recorded revision is kept as it was on the server too (src/lib/plp/revision-guard.ts): real
 * relay, real SQLite file, real y-websocket clients.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from '../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS, recordRevision } from '../../src/lib/plp/revisions';
import { CloseCode } from '../src/relay/close-codes';
import { REVISION_KEPT_REASON } from '../src/plans/revision-guard';
import {
	connectClient,
	destroyClients,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type Client,
	type TestRelay
} from './harness';

describe('relay: recorded revisions stay as they were', () => {
	let dir: ReturnType<typeof tempDir>;
	let server: TestRelay;
	const clients: Client[] = [];
	const connect = (token: string, doc = new Y.Doc(PLAN_DOC_OPTIONS)) => {
		const client = connectClient(server.url, 'plan.p1', token, doc);
		clients.push(client);
		return client;
	};
	/** The plan as the server stored it, read back from its SQLite file. */
	const stored = () => {
		const doc = new Y.Doc(PLAN_DOC_OPTIONS);
		for (const update of server.store.loadUpdates('plan.p1')) Y.applyUpdate(doc, update);
		return Plan.read(doc);
	};

	beforeEach(async () => {
		dir = tempDir();
		server = await startRelay(dir.path);
	});
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await server.close();
		dir.remove();
	});

	/** A student's plan with a goal and one recorded revision, stored on the server; the advisor in sync. */
	async function planWithRevision() {
		const student = connect('tok-student');
		await synced(student);
		const plan = Plan.create(student.doc, 'p1', { studentName: 'Noor', startDate: '2026-09-01' });
		const goalId = plan.goals.add({ title: 'Learn guitar' });
		const revisionId = recordRevision(plan, {
			whatChanged: 'First plan',
			why: 'Start of year',
			date: '2026-10-02'
		});
		await waitFor(() => stored().collections.revisions.has(revisionId), 'the revision to be stored');
		const advisor = connect('tok-advisor');
		await synced(advisor);
		await waitFor(
			() => Plan.read(advisor.doc).collections.revisions.has(revisionId),
			'the advisor to have it'
		);
		return { student, advisor, plan, goalId, revisionId, advisorPlan: Plan.read(advisor.doc) };
	}

	it('refuses an edit of a recorded revision with 4409, stores nothing of it, and keeps the rest', async () => {
		const { student, advisor, advisorPlan, goalId, revisionId } = await planWithRevision();
		advisorPlan.collections.revisions.text(revisionId, 'whatChanged').insert(0, 'Not the ');
		await waitFor(() => advisor.closes.length > 0, 'the advisor to be closed');
		expect(advisor.closes[0]).toEqual({ code: CloseCode.revisionKept, reason: REVISION_KEPT_REASON });
		expect(server.audit.entries).toContainEqual(
			expect.objectContaining({ userId: 'advisor-1', planId: 'p1', action: 'denied' })
		);
		// The student keeps working; a new revision still goes through, and nothing of the edit is anywhere.
		const plan = Plan.read(student.doc);
		plan.goals.text(goalId, 'title').insert(0, 'Really ');
		const second = recordRevision(plan, { whatChanged: 'More music', why: 'I love it', date: '2027-01-10' });
		await waitFor(() => stored().collections.revisions.has(second), 'the second revision to be stored');
		const onServer = stored();
		expect(onServer.goals.get(goalId)?.title).toBe('Really Learn guitar');
		expect(onServer.collections.revisions.get(revisionId)?.whatChanged).toBe('First plan');
		expect(plan.collections.revisions.get(revisionId)?.whatChanged).toBe('First plan');
		expect(student.closes).toEqual([]);
		const fresh = connect('tok-admin');
		await synced(fresh);
		expect(Plan.read(fresh.doc).collections.revisions.get(revisionId)?.whatChanged).toBe('First plan');
	});

	it('refuses removing a recorded revision, also when it comes in the sync after a reconnect', async () => {
		const { advisor, revisionId } = await planWithRevision();
		destroyClients(advisor);
		// Offline, the advisor's device removes the revision; the sync answer on reconnecting carries it.
		const offline = new Y.Doc(PLAN_DOC_OPTIONS);
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(advisor.doc));
		Plan.read(offline).collections.revisions.remove(revisionId);
		const again = connect('tok-advisor', offline);
		await waitFor(() => again.closes.length > 0, 'the reconnected advisor to be closed');
		expect(again.closes[0]?.code).toBe(CloseCode.revisionKept);
		expect(stored().collections.revisions.has(revisionId)).toBe(true);
	});

	it('refuses an edit of a revision recorded in the same turn', async () => {
		const student = connect('tok-student');
		await synced(student);
		const plan = Plan.create(student.doc, 'p1', { studentName: 'Noor' });
		await waitFor(() => stored().infoMap.get('studentName') === 'Noor', 'the plan to be stored');
		// Both updates leave in one go, so the relay reads them in one turn, before either is applied.
		const revisionId = recordRevision(plan, { whatChanged: 'First plan', why: 'Start' });
		plan.collections.revisions.set(revisionId, 'date', '2020-01-01');
		await waitFor(() => student.closes.length > 0, 'the student to be closed');
		expect(student.closes[0]?.code).toBe(CloseCode.revisionKept);
		const onServer = stored();
		expect(onServer.collections.revisions.get(revisionId)?.date).not.toBe('2020-01-01');
		expect(onServer.collections.revisions.has(revisionId)).toBe(true);
	});
});
