import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { DocStore } from '../src/contracts';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
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

describe('relay: sync between real y-websocket providers', () => {
	let dir: ReturnType<typeof tempDir>;
	let server: TestRelay;
	const clients: Client[] = [];
	const connect = (doc: string, token: string, ydoc?: Y.Doc) => {
		const client = connectClient(server.url, doc, token, ydoc);
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

	it('two clients converge, including concurrent typing in one text field', async () => {
		const student = connect('plan.p1', 'tok-student');
		const advisor = connect('plan.p1', 'tok-advisor');
		await Promise.all([synced(student), synced(advisor)]);
		student.doc.getText('goal').insert(0, 'Read more');
		advisor.doc.getText('goal').insert(0, 'Math: ');
		student.doc.getMap('info').set('grade', 9);
		await waitFor(
			() => student.doc.getText('goal').toString() === advisor.doc.getText('goal').toString(),
			'texts to converge'
		);
		await waitFor(() => advisor.doc.getMap('info').get('grade') === 9, 'map entry to arrive');
		const text = student.doc.getText('goal').toString();
		expect(text).toContain('Read more');
		expect(text).toContain('Math: ');
	});

	it('a client joining later receives everything, from the server alone', async () => {
		const first = connect('plan.p1', 'tok-student');
		const second = connect('plan.p1', 'tok-advisor');
		await Promise.all([synced(first), synced(second)]);
		first.doc.getArray('goals').push(['g1', 'g2']);
		second.doc.getArray('goals').push(['g3']);
		await waitFor(() => first.doc.getArray('goals').length === 3, 'first to see 3 goals');
		await waitFor(() => second.doc.getArray('goals').length === 3, 'second to see 3 goals');
		// Both leave: the third can only get the goals from the relay's copy.
		destroyClients(...clients.splice(0));
		const third = connect('plan.p1', 'tok-admin');
		await synced(third);
		expect([...third.doc.getArray('goals').toArray()].sort()).toEqual(['g1', 'g2', 'g3']);
	});

	it('relays presence and removes it when a connection closes', async () => {
		const student = connect('plan.p1', 'tok-student');
		const guardian = connect('plan.p1', 'tok-guardian'); // a reader may show presence
		await Promise.all([synced(student), synced(guardian)]);
		guardian.provider.awareness.setLocalStateField('user', { name: 'Guardian', role: 'guardian' });
		const guardianId = guardian.doc.clientID;
		await waitFor(() => student.provider.awareness.getStates().has(guardianId), 'presence to arrive');
		guardian.provider.disconnect();
		await waitFor(() => !student.provider.awareness.getStates().has(guardianId), 'presence to be removed');
	});

	it('stores an update the server makes itself and sends it to every connection (writeServerUpdates)', async () => {
		const student = connect('plan.p1', 'tok-student');
		const admin = connect('plan.p1', 'tok-admin');
		await Promise.all([synced(student), synced(admin)]);
		const imported = new Y.Doc();
		imported.getMap('info').set('imported', 'from an archive');
		await server.relay.writeServerUpdates([{ docName: 'plan.p1', update: Y.encodeStateAsUpdate(imported) }]);
		expect(server.store.countUpdates('plan.p1')).toBe(1);
		for (const client of [student, admin]) {
			await waitFor(
				() => client.doc.getMap('info').get('imported') === 'from an archive',
				'the import to arrive'
			);
		}
		// With nobody connected, the document is stored all the same (and not loaded for it).
		await server.relay.writeServerUpdates([{ docName: 'plan.p3', update: Y.encodeStateAsUpdate(imported) }]);
		expect(server.store.countUpdates('plan.p3')).toBe(1);
	});

	it('keeps documents apart: an edit to one plan never reaches another', async () => {
		const p1 = connect('plan.p1', 'tok-student');
		const p3 = connect('plan.p3', 'tok-student');
		const p1Again = connect('plan.p1', 'tok-advisor');
		await Promise.all([synced(p1), synced(p3), synced(p1Again)]);
		p1.doc.getMap('info').set('title', 'only p1');
		await waitFor(() => p1Again.doc.getMap('info').get('title') === 'only p1', 'p1 to sync');
		expect(p3.doc.getMap('info').get('title')).toBeUndefined();
	});

	it('stores every accepted update, so the state survives a restart from the SQLite file', async () => {
		const student = connect('plan.p1', 'tok-student');
		await synced(student);
		for (let i = 0; i < 20; i++) student.doc.getArray('steps').push([`step ${i}`]);
		const observer = connect('plan.p1', 'tok-advisor');
		await waitFor(() => observer.doc.getArray('steps').length === 20, 'observer to see 20 steps');
		destroyClients(...clients.splice(0));
		await server.close();

		server = await startRelay(dir.path);
		const later = connect('plan.p1', 'tok-advisor');
		await synced(later);
		expect(later.doc.getArray('steps').toArray()).toEqual(Array.from({ length: 20 }, (_, i) => `step ${i}`));
	});
});

describe('relay: loading, compaction and unloading', () => {
	it('loads a document once however many clients open it at the same moment, before answering', async () => {
		const dir = tempDir();
		const loads: string[] = [];
		const server = await startRelay(dir.path, {
			wrapStore: (store) => ({
				...bind(store),
				loadUpdates(name) {
					loads.push(name);
					return store.loadUpdates(name);
				}
			})
		});
		// State written straight to the store: a client can only have it if the relay loaded first.
		const seed = new Y.Doc();
		seed.getMap('info').set('title', 'stored before anyone connected');
		server.store.appendUpdate('plan.p1', Y.encodeStateAsUpdate(seed));
		const openers = ['tok-student', 'tok-advisor', 'tok-guardian', 'tok-admin', 'tok-student'].map((token) =>
			connectClient(server.url, 'plan.p1', token)
		);
		try {
			await Promise.all(openers.map(synced));
			for (const client of openers)
				expect(client.doc.getMap('info').get('title')).toBe('stored before anyone connected');
			expect(loads).toEqual(['plan.p1']);
		} finally {
			destroyClients(...openers);
			await server.close();
			dir.remove();
		}
	});

	it('compacts the log of an idle document into one update and unloads it', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path, { limits: { idleUnloadSeconds: 0.1 } });
		const client = connectClient(server.url, 'plan.p1', 'tok-student');
		try {
			await synced(client);
			for (let i = 0; i < 10; i++) client.doc.getMap('info').set(`k${i}`, i);
			await waitFor(() => server.store.countUpdates('plan.p1') >= 10, '10 stored updates');
			client.provider.disconnect();
			await waitFor(() => server.store.countUpdates('plan.p1') === 1, 'the log to be compacted');
			const restored = new Y.Doc();
			for (const update of server.store.loadUpdates('plan.p1')) Y.applyUpdate(restored, update);
			expect(restored.getMap('info').toJSON()).toEqual(
				Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]))
			);
			// Reopening loads the compacted state.
			const again = connectClient(server.url, 'plan.p1', 'tok-advisor');
			await synced(again);
			expect(again.doc.getMap('info').get('k9')).toBe(9);
			destroyClients(again);
		} finally {
			destroyClients(client);
			await server.close();
			dir.remove();
		}
	});

	it('on close (SIGTERM) says 1001 to every client, then compacts and unloads every document', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path);
		const client = connectClient(server.url, 'plan.p1', 'tok-student');
		try {
			await synced(client);
			for (let i = 0; i < 5; i++) client.doc.getMap('info').set(`k${i}`, i);
			await waitFor(() => server.store.countUpdates('plan.p1') === 5, '5 stored updates');
			await server.relay.close();
			await waitFor(() => client.closes.length > 0, 'the client to be closed');
			expect(client.closes[0]?.code).toBe(1001);
			expect(server.store.countUpdates('plan.p1')).toBe(1);
			expect(server.relay.connectionCount()).toBe(0);
		} finally {
			destroyClients(client);
			await server.close();
			dir.remove();
		}
	});

	it('closes with 1001 too when the server only calls app.close()', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path);
		const client = connectClient(server.url, 'plan.p1', 'tok-student');
		try {
			await synced(client);
			await server.app.close();
			await waitFor(() => client.closes.length > 0, 'the client to be closed');
			expect(client.closes[0]?.code).toBe(1001);
		} finally {
			destroyClients(client);
			await server.close();
			dir.remove();
		}
	});

	it('drops a connection that stops answering pings, and keeps one that answers', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path, { limits: { heartbeatSeconds: 0.25 } });
		const alive = connectClient(server.url, 'plan.p1', 'tok-student');
		// A device that vanished: the socket stays open but never answers a ping.
		const dead = new (tokenFirstSocket(WebSocket, () => 'tok-advisor'))(`${server.url}/plan.p1`, {
			autoPong: false
		});
		const deadClosed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
		dead.on('error', () => {});
		try {
			await synced(alive);
			expect(await deadClosed).toBe(1006); // terminated, no close handshake
			await new Promise((resolve) => setTimeout(resolve, 600)); // two more rounds for the live one
			expect(alive.closes).toEqual([]);
			expect(server.relay.connectionCount()).toBe(1);
		} finally {
			destroyClients(alive);
			dead.terminate();
			await server.close();
			dir.remove();
		}
	});

	it('compacts a long log while clients keep editing', async () => {
		const dir = tempDir();
		const server = await startRelay(dir.path, { limits: { compactAfterUpdates: 20 } });
		const writer = connectClient(server.url, 'plan.p1', 'tok-student');
		const reader = connectClient(server.url, 'plan.p1', 'tok-admin');
		try {
			await Promise.all([synced(writer), synced(reader)]);
			for (let i = 0; i < 50; i++) writer.doc.getArray('steps').push([i]);
			await waitFor(() => reader.doc.getArray('steps').length === 50, 'reader to see 50 steps');
			expect(server.store.countUpdates('plan.p1')).toBeLessThanOrEqual(21);
		} finally {
			destroyClients(writer, reader);
			await server.close();
			dir.remove();
		}
	});
});

/** The store's methods bound to it, so a test can replace one and keep the rest. */
function bind(store: DocStore): DocStore {
	return {
		loadUpdates: (name) => store.loadUpdates(name),
		appendUpdate: (name, update) => store.appendUpdate(name, update),
		appendUpdates: (entries) => store.appendUpdates(entries),
		compact: (name, merged, count) => store.compact(name, merged, count),
		countUpdates: (name) => store.countUpdates(name),
		newestSeq: (name) => store.newestSeq(name),
		close: () => store.close()
	};
}
