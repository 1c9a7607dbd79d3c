/**
 * SIGKILL in the middle of a stream of edits, against the real server (`main.ts` as a child
 * process, demo school seeded, real sign-in). The promise under test, with group commit (many
 * updates per transaction, sent on only after it committed): an update the relay has broadcast
 * to another client, or acknowledged to its writer (covered by a state vector the relay sent, see
 * docs/decisions/0004), was committed first, so it is still there after a hard kill; and the
 * clients, which still hold everything, converge once the server is back.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { startChild, type ChildServer } from './child-process';
import { connectClient, destroyClients, synced, tempDir, waitFor, type Client } from './harness';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const DOC = 'plan.demo-amara';

describe('relay: SIGKILL mid-stream (real server process)', () => {
	const clients: Client[] = [];
	let server: ChildServer | undefined;
	let dir: ReturnType<typeof tempDir> | undefined;
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await server?.kill('SIGKILL');
		dir?.remove();
	});

	/** Starts main.ts on a free port; returns its http origin. */
	const start = async () => {
		const env = {
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dir!.path,
			SEED_DEMO: '1',
			BUILD_DIR: join(dir!.path, 'no-build')
		};
		server = await startChild(MAIN, env, /running at (http:\/\/\S+)/);
		return server.printed;
	};
	const signIn = async (origin: string, username: string): Promise<string> => {
		const response = await fetch(`${origin}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password: 'maple-ridge-demo' })
		});
		expect(response.status).toBe(201);
		return ((await response.json()) as { token: string }).token;
	};
	const connect = (origin: string, token: string, doc?: Y.Doc) => {
		const client = connectClient(`${origin.replace(/^http/, 'ws')}/sync`, DOC, token, doc);
		clients.push(client);
		return client;
	};

	/** The highest clock of `doc`'s own client that a state vector from the relay has covered so far. */
	const trackAcknowledged = (client: Client): (() => number) => {
		let acknowledged = 0;
		const handle = client.provider.messageHandlers[0]!;
		client.provider.messageHandlers[0] = (encoder, decoder, provider, emitSynced, type) => {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
				const clock = Y.decodeStateVector(decoding.readVarUint8Array(peek)).get(client.doc.clientID) ?? 0;
				acknowledged = Math.max(acknowledged, clock);
			}
			handle(encoder, decoder, provider, emitSynced, type);
		};
		return () => acknowledged;
	};
	/** Asks the relay for its state vector, as the app does shortly after local edits. */
	const askServer = (client: Client) => {
		const ws = client.provider.ws;
		if (!client.provider.wsconnected || ws === null || ws.readyState !== ws.OPEN) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, client.doc);
		ws.send(encoding.toUint8Array(encoder));
	};

	it('keeps every update it broadcast before the kill, and the clients converge after restart', async () => {
		dir = tempDir();
		let origin = await start();
		const [studentToken, advisorToken, adminToken] = await Promise.all(
			['amara', 'rivera', 'admin'].map((name) => signIn(origin, name))
		);
		const student = connect(origin, studentToken!);
		const advisor = connect(origin, advisorToken!);
		// The admin only reads: what it holds is exactly what the relay acknowledged by broadcasting.
		const observer = connect(origin, adminToken!);
		await Promise.all([synced(student), synced(advisor), synced(observer)]);
		const studentAcknowledged = trackAcknowledged(student);

		let sent = 0;
		// Two writers every 2 ms, and the student asking for confirmation after each edit: updates
		// of both arrive in the same turns, so they share transactions, and answers wait for them.
		const typing = setInterval(() => {
			sent += 1;
			student.doc.getArray<string>('log').push([`s${sent}`]);
			advisor.doc.getArray<string>('log').push([`a${sent}`]);
			askServer(student);
		}, 2);
		await waitFor(
			() => observer.doc.getArray('log').length >= 100 && studentAcknowledged() > 50,
			'a stream of broadcast and acknowledged edits'
		);
		await server!.kill('SIGKILL');
		clearInterval(typing);
		const acknowledged = observer.doc.getArray<string>('log').toArray();
		const studentClock = studentAcknowledged();
		destroyClients(...clients.splice(0));

		origin = await start(); // sessions are in the database, so the tokens still work
		// A fresh client with nothing local can only get the edits from the server's disk.
		const fresh = connect(origin, adminToken!);
		await synced(fresh);
		const restored = new Set(fresh.doc.getArray<string>('log').toArray());
		expect(acknowledged.length).toBeGreaterThanOrEqual(100);
		expect(acknowledged.filter((item) => !restored.has(item))).toEqual([]);
		// Everything the student was told is stored is on disk: the state vector was not a promise.
		const onDisk = Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).get(student.doc.clientID) ?? 0;
		expect(onDisk).toBeGreaterThanOrEqual(studentClock);

		// The writers come back with their docs (and any edits the relay never got) and all converge.
		const studentAgain = connect(origin, studentToken!, student.doc);
		const advisorAgain = connect(origin, advisorToken!, advisor.doc);
		await Promise.all([synced(studentAgain), synced(advisorAgain)]);
		const everything = 2 * sent;
		await waitFor(
			() =>
				fresh.doc.getArray('log').length === everything &&
				studentAgain.doc.getArray('log').length === everything &&
				advisorAgain.doc.getArray('log').length === everything,
			'all three to hold every edit'
		);
		expect(new Set(fresh.doc.getArray('log').toArray()).size).toBe(everything);
	});
});
