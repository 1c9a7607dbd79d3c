/**
 * PlanSync against the real server (src/lib/testing/real-server.ts). What stands in for the
 * browser is only what Node lacks: `window` for the online/offline events, `navigator.onLine`,
 * `location` (the page's origin, which the provider connects to), IndexedDB (fake-indexeddb) and
 * the WebSocket class (`ws`).
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { localDb } from '../local/db';
import { t } from '../messages';
import type { Access } from '../plp/access';
import { Plan } from '../plp/plan';
import { PLAN_DOC_OPTIONS, recordRevision } from '../plp/revisions';
import { countedWebSocket, RealServer, until } from '../testing/real-server';
import { PlanSync } from './plan-sync.svelte';
import { UnsentMark } from './unsent';

const PLAN_ID = 'demo-amara';

/** `window` as far as PlanSync uses it, counting the listeners it holds. */
class PageWindow extends EventTarget {
	listeners = 0;
	override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
		this.listeners++;
		super.addEventListener(...args);
	}
	override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
		this.listeners--;
		super.removeEventListener(...args);
	}
}

const ws = countedWebSocket();
const sockets = ws.sockets;
let server: RealServer;
const page = { window: new PageWindow(), navigator: { onLine: true } };
const open: Array<{ sync: PlanSync; unsent: UnsentMark }> = [];

/** Opens the demo student's plan as `username`, with the rights the app would list it with. */
async function openPlan(username: string, access: { plan: Access; family: Access }, device: 1 | 2 = 1) {
	const { token, user } = await server.signIn(username);
	vi.stubGlobal('location', { protocol: 'http:', host: server.host(device) });
	const docs = { plan: new Y.Doc(PLAN_DOC_OPTIONS), family: new Y.Doc() };
	await localDb().plans.put({
		id: PLAN_ID,
		studentName: 'Amara',
		createdAt: 1,
		lastEditedAt: 1,
		hasUnsyncedChanges: false,
		source: 'school',
		ownerUserId: user.id,
		access
	});
	const unsent = new UnsentMark(PLAN_ID, [docs.plan, docs.family], false);
	const signedOut = vi.fn();
	const sync = new PlanSync(PLAN_ID, docs, token, user, access, {
		unsent,
		onSignedOut: signedOut,
		refusedText: 'refused'
	});
	open.push({ sync, unsent });
	return { sync, docs, token, user, unsent, signedOut };
}

const isUnsentOnDevice = async () => (await localDb().plans.get(PLAN_ID))?.hasUnsyncedChanges;
const goalTitles = (doc: Y.Doc) =>
	Plan.read(doc)
		.collections.goals.list()
		.map((goal) => goal.title);
const openSockets = ws.open;

beforeAll(() => {
	vi.stubGlobal('window', page.window);
	vi.stubGlobal('navigator', page.navigator);
	vi.stubGlobal('WebSocket', ws.WebSocket);
});

afterAll(() => {
	vi.unstubAllGlobals();
});

afterEach(async () => {
	for (const { sync, unsent } of open.splice(0)) {
		sync.destroy();
		await unsent.stop();
	}
	await server.remove();
});

describe('PlanSync against the real relay', () => {
	const fresh = async () => {
		server = await RealServer.start();
	};

	it('connects and carries a plan edit both ways', async () => {
		await fresh();
		const student = await openPlan('amara', { plan: 'write', family: 'write' });
		const advisor = await openPlan('rivera', { plan: 'write', family: 'read' }, 2);
		await until(() => student.sync.state === 'synced' && advisor.sync.state === 'synced', 'both synced');
		expect(student.sync.lastSyncedAt).not.toBeNull();

		Plan.read(student.docs.plan).goals.add({ title: 'Learn to weld' });
		await until(() => goalTitles(advisor.docs.plan).includes('Learn to weld'), 'the advisor to see it');
		Plan.read(advisor.docs.plan).goals.add({ title: 'Visit the college' });
		await until(() => goalTitles(student.docs.plan).includes('Visit the college'), 'the student to see it');
		await until(() => student.sync.state === 'synced' && student.sync.pendingChanges === 0, 'confirmed');
	});

	it('marks the plan unsent while offline and clears the mark once the school confirms', async () => {
		await fresh();
		const student = await openPlan('amara', { plan: 'write', family: 'write' });
		await until(() => student.sync.state === 'synced', 'synced');

		// The network goes: the browser says so, and the server is gone too.
		page.navigator.onLine = false;
		page.window.dispatchEvent(new Event('offline'));
		await server.stop('SIGKILL');
		await until(() => student.sync.state === 'offline', 'offline');
		Plan.read(student.docs.plan).goals.add({ title: 'Written offline' });
		await student.unsent.whenWritten();
		expect(student.sync.pendingChanges).toBeGreaterThan(0);
		expect(student.sync.state).toBe('offline');
		expect(await isUnsentOnDevice()).toBe(true);

		await server.restart();
		page.navigator.onLine = true;
		page.window.dispatchEvent(new Event('online'));
		await until(
			() => student.sync.state === 'synced' && student.sync.pendingChanges === 0,
			'confirmed after reconnecting',
			25_000
		);
		await student.unsent.whenWritten();
		expect(await isUnsentOnDevice()).toBe(false);

		// It really is on the server: someone else opening the plan now gets it.
		const advisor = await openPlan('rivera', { plan: 'write', family: 'read' }, 2);
		await until(() => goalTitles(advisor.docs.plan).includes('Written offline'), 'the advisor to get it');
	}, 60_000);

	it('says a refused change of a recorded revision (4409) plainly and does not send it again', async () => {
		await fresh();
		const student = await openPlan('amara', { plan: 'write', family: 'write' });
		await until(() => student.sync.state === 'synced', 'synced');
		const revisionId = recordRevision(Plan.read(student.docs.plan), {
			whatChanged: 'First plan',
			why: 'Start of year',
			date: '2026-10-02'
		});
		await until(() => student.sync.state === 'synced' && student.sync.pendingChanges === 0, 'confirmed');

		const socketsBefore = sockets.length;
		Plan.read(student.docs.plan).collections.revisions.text(revisionId, 'whatChanged').insert(0, 'Not the ');
		await until(() => student.sync.isRevisionRefused, 'the refusal');
		expect(student.sync.notice).toBe(t.sync.revisionKept);
		expect(student.sync.state).toBe('offline');
		// The change stays on this device, waiting, and the plan is still marked "not sent yet".
		expect(student.sync.pendingChanges).toBeGreaterThan(0);
		await student.unsent.whenWritten();
		expect(await isUnsentOnDevice()).toBe(true);
		// No reconnect: y-websocket's first retry would come within 100 ms.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(sockets.length).toBe(socketsBefore); // the family document's socket stays, no new one
		expect(student.sync.isRevisionRefused).toBe(true);
	});

	it('shows a right ended while the plan is open as "no access", and does not retry', async () => {
		await fresh();
		const guardian = await openPlan('grace', { plan: 'read', family: 'write' });
		await until(() => guardian.sync.state === 'synced', 'the guardian synced');
		// Amara is 18: she decides who reads her plan, and ends her guardian's access.
		const admin = await server.signIn('admin');
		await server.call('PUT', `/api/users/demo-amara/birth-date`, admin.token, { birthDate: '2000-01-01' });
		const student = await server.signIn('amara');
		await server.call('PUT', `/api/plans/${PLAN_ID}/guardians/${guardian.user.id}`, student.token, {
			hasAccess: false
		});
		await until(() => guardian.sync.state === 'no-access', 'no access');
		const socketsAfter = sockets.length;
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(sockets.length).toBe(socketsAfter);
		expect(guardian.sync.state).toBe('no-access');
		expect(guardian.signedOut).not.toHaveBeenCalled();
	});

	it('shows a turned-off account as signed out, and tells the app once', async () => {
		await fresh();
		const advisor = await openPlan('rivera', { plan: 'write', family: 'read' });
		await until(() => advisor.sync.state === 'synced', 'synced');
		const admin = await server.signIn('admin');
		await server.call('POST', `/api/users/${advisor.user.id}/deactivate`, admin.token, {});
		await until(() => advisor.sync.state === 'signed-out', 'signed out');
		expect(advisor.signedOut).toHaveBeenCalledTimes(1);
		const socketsAfter = sockets.length;
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(sockets.length).toBe(socketsAfter);
	});

	it('closed, leaves no socket open and no listener on the window or the documents', async () => {
		await fresh();
		const listenersBefore = page.window.listeners;
		const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
		const timersBefore = timers();
		const student = await openPlan('amara', { plan: 'write', family: 'write' });
		/** The document events someone listens to, with how many listeners. */
		const observers = (doc: Y.Doc) =>
			Object.fromEntries(
				[...doc._observers].filter(([, set]) => set.size > 0).map(([name, set]) => [name, set.size])
			);
		const untouched = observers(new Y.Doc(PLAN_DOC_OPTIONS));
		await until(() => student.sync.state === 'synced', 'synced');
		expect(openSockets()).toBeGreaterThan(0);

		open.splice(open.indexOf(open.find((o) => o.sync === student.sync)!), 1);
		student.sync.destroy();
		await student.unsent.stop();
		await until(() => openSockets() === 0, 'every socket closed');
		expect(page.window.listeners).toBe(listenersBefore);
		// No timer of its own keeps running (the provider's resync and the awareness's check).
		await until(() => timers() <= timersBefore, 'its timers to stop', 2_000);
		// Nothing of the sync layer is left on the documents but one listener no API removes:
		// y-protocols' Awareness hooks the document's `destroy` anonymously, to destroy itself
		// again (DocSync has already stopped it). No update or transaction listener stays.
		expect(observers(student.docs.plan)).toEqual({ ...untouched, destroy: 1 });
		expect(observers(student.docs.family)).toEqual({ ...untouched, destroy: 1 });
	});
});
