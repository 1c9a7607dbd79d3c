import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	connectClient,
	destroyClients,
	rawSocket,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type Client,
	type TestRelay
} from './harness';

function updateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

describe('relay: rights enforced on every document and message', () => {
	let dir: ReturnType<typeof tempDir>;
	let server: TestRelay;
	const clients: Client[] = [];
	const connect = (doc: string, token: string) => {
		const client = connectClient(server.url, doc, token);
		clients.push(client);
		return client;
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

	it('closes a connection with an unknown token with 4401, and one without a token', async () => {
		const wrong = await rawSocket(`${server.url}/plan.p1`, 'nope');
		expect(await wrong.closed).toEqual({
			code: 4401,
			reason: 'not signed in or session expired: sign in again'
		});
		// A first message that is not the token (here a sync step 1) signs nobody in.
		const none = await rawSocket(`${server.url}/plan.p1`);
		none.socket.send(new Uint8Array([0, 0, 0]));
		expect((await none.closed).code).toBe(4401);
		expect(server.relay.connectionCount()).toBe(0);
	});

	it('refuses a session token in the URL (URLs are logged), even a valid one', async () => {
		const inUrl = await rawSocket(`${server.url}/plan.p1?token=tok-student`);
		expect(await inUrl.closed).toEqual({
			code: 4400,
			reason: 'send the session token in the first message, not in the URL'
		});
		expect(server.relay.connectionCount()).toBe(0);
	});

	it('refuses a document the person may not see with 4403 and audits it', async () => {
		const other = await rawSocket(`${server.url}/plan.p1`, 'tok-other');
		expect(await other.closed).toEqual({ code: 4403, reason: 'you do not have access to this document' });
		expect(server.audit.entries).toContainEqual(
			expect.objectContaining({ userId: 'student-2', planId: 'p1', action: 'denied', docKind: 'plan' })
		);
	});

	it('refuses a malformed document name with 4400', async () => {
		for (const name of ['plan', 'notes.p1', 'plan.a%2Fb', 'plan.' + 'x'.repeat(65)]) {
			const socket = await rawSocket(`${server.url}/${name}`, 'tok-student');
			expect((await socket.closed).code).toBe(4400);
		}
	});

	it('audits each open', async () => {
		await synced(connect('plan.p1', 'tok-advisor'));
		expect(server.audit.entries).toContainEqual({
			userId: 'advisor-1',
			planId: 'p1',
			docKind: 'plan',
			action: 'open',
			detail: 'write'
		});
	});

	it('drops a write on a read-only connection, reports it to the client, keeps the connection', async () => {
		const student = connect('plan.p1', 'tok-student');
		const guardian = connect('plan.p1', 'tok-guardian'); // guardians read the plan document
		await Promise.all([synced(student), synced(guardian)]);
		student.doc.getMap('goals').set('g1', 'Finish algebra');
		await waitFor(
			() => guardian.doc.getMap('goals').get('g1') === 'Finish algebra',
			'guardian to read the goal'
		);

		guardian.doc.getMap('goals').set('g1', 'changed by guardian');
		await waitFor(() => guardian.denied.length > 0, 'permission denied to reach the guardian');
		expect(guardian.denied[0]).toBe('read-only: your change was not saved');
		expect(server.audit.entries).toContainEqual(
			expect.objectContaining({ userId: 'guardian-1', planId: 'p1', action: 'denied' })
		);

		// The connection stays open and keeps receiving; the change is nowhere on the server.
		student.doc.getMap('goals').set('g2', 'Join robotics');
		await waitFor(
			() => guardian.doc.getMap('goals').get('g2') === 'Join robotics',
			'guardian to keep reading'
		);
		expect(student.doc.getMap('goals').get('g1')).toBe('Finish algebra');
		const fresh = connect('plan.p1', 'tok-admin');
		await synced(fresh);
		expect(fresh.doc.getMap('goals').get('g1')).toBe('Finish algebra');
		const stored = new Y.Doc();
		for (const update of server.store.loadUpdates('plan.p1')) Y.applyUpdate(stored, update);
		expect(stored.getMap('goals').get('g1')).toBe('Finish algebra');
		expect(guardian.closes).toEqual([]);
	});

	it('drops a hand-made update on a read-only raw socket too', async () => {
		const forged = new Y.Doc();
		forged.getMap('goals').set('g1', 'forged');
		const raw = await rawSocket(`${server.url}/plan.p1`, 'tok-guardian');
		const received: Uint8Array[] = [];
		raw.socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
		raw.socket.send(updateFrame(Y.encodeStateAsUpdate(forged)));
		// messageAuth (2), permission denied (0), then the reason.
		await waitFor(() => received.some((m) => m[0] === 2 && m[1] === 0), 'a permission-denied message');
		expect(server.store.countUpdates('plan.p1')).toBe(0);
		raw.socket.close();
	});

	it('lets a guardian write the family document, which the student only reads', async () => {
		const guardian = connect('family.p1', 'tok-guardian');
		const student = connect('family.p1', 'tok-student');
		await Promise.all([synced(guardian), synced(student)]);
		guardian.doc.getArray('reflections').push(['Proud of you']);
		await waitFor(() => student.doc.getArray('reflections').length === 1, 'student to read the reflection');
		student.doc.getArray('reflections').push(['student edit']);
		await waitFor(() => student.denied.length > 0, 'student to be told');
		// The store may hold the reflection twice (a client resends what a state vector lacked), never the edit.
		const stored = new Y.Doc();
		for (const update of server.store.loadUpdates('family.p1')) Y.applyUpdate(stored, update);
		expect(stored.getArray('reflections').toArray()).toEqual(['Proud of you']);
	});

	it('does not report a reader whose sync step 2 brings nothing new', async () => {
		const student = connect('plan.p1', 'tok-student');
		await synced(student);
		student.doc.getText('t').insert(0, 'hello world');
		student.doc.getText('t').delete(0, 6);
		const admin = connect('plan.p1', 'tok-admin');
		await synced(admin);
		admin.provider.disconnect();
		admin.provider.connect(); // its step 2 now repeats the delete set the server already has
		await synced(admin);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(admin.denied).toEqual([]);
	});

	it('coalesces change records: one per user per document per minute', async () => {
		const student = connect('plan.p1', 'tok-student');
		await synced(student);
		for (let i = 0; i < 5; i++) student.doc.getMap('info').set('k', i);
		await waitFor(() => server.store.countUpdates('plan.p1') === 5, '5 updates stored');
		const changes = server.audit.entries.filter((e) => e.action === 'change');
		expect(changes).toEqual([
			{ userId: 'student-1', planId: 'p1', docKind: 'plan', action: 'change', detail: undefined }
		]);
	});

	it('closes live connections within a second when a right is revoked (recheckUser)', async () => {
		const advisor = connect('plan.p1', 'tok-advisor');
		const advisorP3 = connect('plan.p3', 'tok-advisor');
		await Promise.all([synced(advisor), synced(advisorP3)]);
		server.resolver.unrelate('advisor-1', 'p1');
		server.relay.recheckUser('advisor-1');
		await waitFor(() => advisor.closes.length > 0, 'the advisor connection to close', 1_000);
		expect(advisor.closes[0]?.code).toBe(4403);
		expect(advisorP3.closes).toEqual([]);
		expect(advisorP3.provider.wsconnected).toBe(true);
	});

	it('applies a downgrade from write to read in place', async () => {
		const student = connect('plan.p1', 'tok-student');
		await synced(student);
		server.resolver.unrelate('student-1', 'p1');
		server.resolver.relate('student-1', 'p1', { isSchoolAdmin: false, isLinkedGuardian: true });
		server.resolver.addSession('tok-student', 'student-1', 'guardian'); // now reads only
		server.relay.recheckUser('student-1');
		student.doc.getMap('info').set('x', 1);
		await waitFor(() => student.denied.length > 0, 'the downgraded writer to be told');
		expect(server.store.countUpdates('plan.p1')).toBe(0);
	});

	it('closes every connection of a deactivated user or a signed-out session', async () => {
		const a = connect('plan.p1', 'tok-student');
		const b = connect('plan.p3', 'tok-student');
		const advisor = connect('plan.p1', 'tok-advisor');
		await Promise.all([synced(a), synced(b), synced(advisor)]);
		server.relay.closeSession('s-tok-advisor');
		await waitFor(() => advisor.closes.length > 0, 'the session to close');
		expect(advisor.closes[0]?.code).toBe(4401);

		server.resolver.endSession('tok-student');
		server.relay.recheckUser('student-1');
		await waitFor(() => a.closes.length > 0 && b.closes.length > 0, 'both connections to close', 1_000);
		expect(a.closes[0]?.code).toBe(4401);
		await waitFor(() => server.relay.connectionCount() === 0, 'no live connections');
	});
});
