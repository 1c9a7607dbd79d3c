/**
 * Group commit and coalesced fan-out, seen from real sockets: several updates that reach the relay
 * in one turn (one TCP read) are stored in ONE transaction, and each other connection receives
 * them as ONE merged update message; the sender gets none of its own edits back.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
import type { StoredUpdate } from '../src/contracts';
import { startRelay, tempDir, waitFor, type TestRelay } from './harness';

interface Peer {
	socket: WebSocket;
	/** Yjs updates received in sync update / step 2 messages, one entry per message. */
	updates: Uint8Array[];
	awarenessMessages: number;
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

async function peer(url: string, token: string): Promise<Peer> {
	const socket = new (tokenFirstSocket(WebSocket, () => token))(url, { perMessageDeflate: false });
	const result: Peer = { socket, updates: [], awarenessMessages: 0 };
	socket.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		const type = decoding.readVarUint(decoder);
		if (type === 1) result.awarenessMessages += 1;
		if (type !== 0) return;
		const syncType = decoding.readVarUint(decoder);
		if (syncType === syncProtocol.messageYjsUpdate) result.updates.push(decoding.readVarUint8Array(decoder));
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('message', () => resolve()); // the relay's sync step 1: the handshake is done
		socket.once('close', () => reject(new Error('closed before the handshake')));
	});
	return result;
}

/** Sends the frames in one TCP write, so the relay reads them in one turn. */
function sendTogether(socket: WebSocket, frames: Uint8Array[]): void {
	const raw = (socket as unknown as { _socket: Socket })._socket;
	raw.cork();
	for (const frame of frames) socket.send(frame);
	raw.uncork();
}

function editsOf(doc: Y.Doc, count: number, text: string): Uint8Array[] {
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < count; i++) doc.getArray<string>('log').push([`${text}${i}`]);
	return updates;
}

describe('relay: group commit and coalesced fan-out', () => {
	let server: TestRelay | undefined;
	let dir: ReturnType<typeof tempDir> | undefined;
	const sockets: WebSocket[] = [];
	afterEach(async () => {
		for (const socket of sockets.splice(0)) socket.terminate();
		await server?.close();
		dir?.remove();
	});

	it('stores a turn of updates in one transaction and sends them on as one message', async () => {
		dir = tempDir();
		const batches: StoredUpdate[][] = [];
		server = await startRelay(dir.path, {
			wrapStore: (store) => ({
				loadUpdates: (name) => store.loadUpdates(name),
				appendUpdate: (name, update) => store.appendUpdate(name, update),
				appendUpdates(entries) {
					batches.push([...entries]);
					store.appendUpdates(entries);
				},
				compact: (name, merged, count) => store.compact(name, merged, count),
				countUpdates: (name) => store.countUpdates(name),
				newestSeq: (name) => store.newestSeq(name),
				close: () => store.close()
			})
		});
		const writer = await peer(`${server.url}/plan.p1`, 'tok-student');
		const reader = await peer(`${server.url}/plan.p1`, 'tok-admin');
		sockets.push(writer.socket, reader.socket);

		const doc = new Y.Doc();
		const updates = editsOf(doc, 5, 'step ');
		sendTogether(
			writer.socket,
			updates.map((update) => syncMessage((e) => syncProtocol.writeUpdate(e, update)))
		);
		await waitFor(() => reader.updates.length > 0, 'the reader to receive the edits');
		await new Promise((resolve) => setTimeout(resolve, 100)); // nothing more should follow

		expect(batches).toHaveLength(1);
		expect(batches[0]).toHaveLength(5);
		expect(server.store.countUpdates('plan.p1')).toBe(5);
		expect(reader.updates).toHaveLength(1);
		const seen = new Y.Doc();
		Y.applyUpdate(seen, reader.updates[0]!);
		expect(seen.getArray('log').toArray()).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4']);
		expect(writer.updates).toEqual([]);
	});

	it('gives each writer of a turn what the others wrote, merged, and a reader all of it', async () => {
		dir = tempDir();
		server = await startRelay(dir.path);
		const student = await peer(`${server.url}/plan.p1`, 'tok-student');
		const advisor = await peer(`${server.url}/plan.p1`, 'tok-advisor');
		const reader = await peer(`${server.url}/plan.p1`, 'tok-admin');
		sockets.push(student.socket, advisor.socket, reader.socket);

		const studentDoc = new Y.Doc();
		const advisorDoc = new Y.Doc();
		const fromStudent = editsOf(studentDoc, 3, 's');
		const fromAdvisor = editsOf(advisorDoc, 3, 'a');
		// Each writer's three edits arrive in one turn; the two writers may share a turn or not,
		// and either way each gets the other's edits as one message and none of its own.
		sendTogether(
			student.socket,
			fromStudent.map((update) => syncMessage((e) => syncProtocol.writeUpdate(e, update)))
		);
		sendTogether(
			advisor.socket,
			fromAdvisor.map((update) => syncMessage((e) => syncProtocol.writeUpdate(e, update)))
		);
		const logOf = (received: Uint8Array[]) => {
			const doc = new Y.Doc();
			for (const update of received) Y.applyUpdate(doc, update);
			return doc.getArray<string>('log').toArray().sort();
		};
		await waitFor(() => logOf(reader.updates).length === 6, 'the reader to see all six edits');
		await waitFor(() => logOf(student.updates).length === 3, 'the student to see the advisor’s edits');
		await waitFor(() => logOf(advisor.updates).length === 3, 'the advisor to see the student’s edits');
		expect(logOf(student.updates)).toEqual(['a0', 'a1', 'a2']);
		expect(logOf(advisor.updates)).toEqual(['s0', 's1', 's2']);
		// One message per turn: at most one per writer's batch, however many updates it held.
		expect(reader.updates.length).toBeLessThanOrEqual(2);
		expect(student.updates).toHaveLength(1);
		expect(advisor.updates).toHaveLength(1);
	});

	it('merges a turn of presence changes into one message per connection', async () => {
		dir = tempDir();
		server = await startRelay(dir.path);
		const a = await peer(`${server.url}/plan.p1`, 'tok-student');
		const b = await peer(`${server.url}/plan.p1`, 'tok-admin');
		sockets.push(a.socket, b.socket);
		const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
		const frames = [1, 2, 3].map((n) => {
			const presence = new Awareness(new Y.Doc());
			presence.setLocalState({ user: { name: `tab ${n}` } });
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(presence, [presence.clientID]));
			presence.destroy();
			return encoding.toUint8Array(encoder);
		});
		sendTogether(a.socket, frames);
		await waitFor(() => b.awarenessMessages > 0, 'the presence message');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(b.awarenessMessages).toBe(1);
	});
});
