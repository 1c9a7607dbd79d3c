/**
 * The relay answers a client's sync step 1 with its own state vector as well, so the app can tell
 * which changes the server has stored (docs/decisions/0004-sync-confirmation.md).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { startRelay, tempDir, waitFor, type TestRelay } from './harness';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

describe('relay: confirming stored changes', () => {
	let dir: ReturnType<typeof tempDir>;
	let server: TestRelay;

	beforeAll(async () => {
		dir = tempDir();
		server = await startRelay(dir.path);
	});
	afterAll(async () => {
		await server.close();
		dir.remove();
	});

	it('sends its state vector after every sync step 1, covering each stored update', async () => {
		// Listen before the socket opens: the relay speaks first.
		const socket = new (tokenFirstSocket(WebSocket, () => 'tok-student'))(`${server.url}/plan.p1`);
		const stateVectors: Map<number, number>[] = [];
		socket.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== 0) return;
			if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return;
			stateVectors.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
		});
		await waitFor(() => stateVectors.length === 1, 'the state vector sent on connect');

		const doc = new Y.Doc();
		doc.getText('profile.interests').insert(0, 'chess');
		socket.send(syncMessage((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))));
		socket.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc)));
		await waitFor(() => stateVectors.length === 2, 'the state vector answering our sync step 1');

		expect(stateVectors[0]?.get(doc.clientID)).toBeUndefined();
		expect(stateVectors[1]?.get(doc.clientID)).toBe(5);
		// Covered means stored: the update is in the database, not only in memory.
		expect(server.store.countUpdates('plan.p1')).toBeGreaterThan(0);
		socket.close();
	});
});
