/**
 * The relay and the sign-in (issue 13, holes 4 and 8): a socket lives no longer than its session,
 * and presence shows who is really signed in, whatever a client claims.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { docName } from '../../src/lib/plp/access';
import {
	connectClient,
	destroyClients,
	rawSocket,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type Client
} from './harness';
import { signIn, startServer, type TestServer } from './helpers';

describe('sockets end with their session', () => {
	let server: TestServer;
	const clients: Client[] = [];
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await server.close();
	});

	it('closes a socket opened before the session expired at its next message, and stores nothing from it', async () => {
		server = await startServer({ config: { sessionTtlHours: 1 } });
		const ws = server.url.replace('http', 'ws') + '/sync';
		const amara = await signIn(server.url, 'amara');
		const client = connectClient(ws, docName('plan', 'demo-amara'), amara);
		clients.push(client);
		await synced(client);
		client.doc.getMap('probe').set('before', 'stored');
		const early = connectClient(ws, docName('plan', 'demo-amara'), await signIn(server.url, 'rivera'));
		clients.push(early);
		await waitFor(() => early.doc.getMap('probe').get('before') === 'stored', 'the first edit to be stored');

		server.clock.advanceMinutes(61);
		client.doc.getMap('probe').set('after', 'must not be stored');
		await waitFor(() => client.closes.some((c) => c.code === 4401), 'the socket to close with 4401');
		expect(client.closes[0]!.reason).toBe('your session ended: sign in again');

		const reader = connectClient(ws, docName('plan', 'demo-amara'), await signIn(server.url, 'rivera'));
		clients.push(reader);
		await synced(reader);
		expect(reader.doc.getMap('probe').get('before')).toBe('stored');
		expect(reader.doc.getMap('probe').get('after')).toBeUndefined();
	});
});

describe('a quiet socket of an ended session', () => {
	it('is closed by the sweep without sending anything', async () => {
		const dir = tempDir();
		const relay = await startRelay(dir.path, { limits: { heartbeatSeconds: 0.1 } });
		try {
			relay.resolver.addSession('tok-short', 'student-1', 'student', 's-short', Date.now() + 300);
			const raw = await rawSocket(`${relay.url}/plan.p1`, 'tok-short');
			await waitFor(() => relay.relay.connectionCount() === 1, 'the socket to open');
			expect(await raw.closed).toEqual({ code: 4401, reason: 'your session ended: sign in again' });
		} finally {
			await relay.close();
			dir.remove();
		}
	});
});

/** An awareness frame claiming `state` for `clientId`, as a hostile client would send it. */
function awarenessFrame(clientId: number, state: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const awareness = new Awareness(doc);
	awareness.setLocalState(state);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
	awareness.destroy();
	return encoding.toUint8Array(encoder);
}

describe('presence is stamped with the signed-in identity', () => {
	let server: TestServer;
	const clients: Client[] = [];
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await server.close();
	});

	it('shows a guardian as the guardian, however they claim to be the advisor', async () => {
		server = await startServer();
		const ws = server.url.replace('http', 'ws') + '/sync';
		const watcher = connectClient(ws, docName('plan', 'demo-amara'), await signIn(server.url, 'amara'));
		clients.push(watcher);
		await synced(watcher);

		const grace = await signIn(server.url, 'grace');
		const raw = await rawSocket(`${ws}/${docName('plan', 'demo-amara')}`, grace);
		raw.socket.send(
			awarenessFrame(424242, {
				user: { id: 'rivera', name: 'Lucia Rivera', role: 'advisor', canEditPlan: true },
				cursor: { field: 'goals' }
			})
		);
		await waitFor(() => watcher.provider.awareness.getStates().has(424242), 'the presence to arrive');
		const shown = watcher.provider.awareness.getStates().get(424242) as {
			user: { id: string; name: string; role: string; canEditPlan: boolean };
			cursor: unknown;
		};
		expect(shown.user).toMatchObject({ name: 'Grace Okoye', role: 'guardian', canEditPlan: false });
		expect(shown.user.id).not.toBe('rivera');
		// What is not about who they are passes through.
		expect(shown.cursor).toEqual({ field: 'goals' });

		// Nor can they take over another person's presence by using their client id.
		const amaraId = watcher.provider.awareness.clientID;
		raw.socket.send(awarenessFrame(amaraId, { user: { name: 'Someone else' } }));
		raw.socket.send(awarenessFrame(777, { user: { name: 'probe' } }));
		await waitFor(() => watcher.provider.awareness.getStates().has(777), 'the next presence');
		const own = watcher.provider.awareness.getStates().get(amaraId) as
			{ user?: { name: string } } | undefined;
		expect(own?.user?.name).not.toBe('Someone else');
		raw.socket.close();
	});
});
