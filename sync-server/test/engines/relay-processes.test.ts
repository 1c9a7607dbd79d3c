/**
 * Several relay processes on one PostgreSQL, one Redis and one shared data folder (the accounts'
 * SQLite file): three real `main.ts` processes, each on its own port, real sign-ins and real
 * y-websocket clients of one plan spread over the three. Converging; a kill -9 of one process in
 * the middle of a stream of edits loses nothing any client was told was stored; a revocation made
 * through process A closes the matching socket on process C within 1 s; presence crosses processes;
 * the audit log, read through any process, holds every process's entries.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode } from '../../src/relay/close-codes';
import { connectClient, destroyClients, synced, waitFor, type Client } from '../harness';
import { createTestDatabase } from './databases';
import { serverProcesses } from './server-processes';

const PASSWORD = 'maple-ridge-demo';

describe('three relay processes on PostgreSQL and Redis', { timeout: 120_000 }, () => {
	const clients: Client[] = [];
	const group = serverProcesses();
	const processes = group.children;
	let databaseUrl = '';
	let a = '';
	let b = '';
	let c = '';

	/** One more relay process on the shared folder, database and Redis; returns its http origin. */
	const start = (seed: boolean) => group.start(seed, { DATABASE_URL: databaseUrl });

	// Three processes for the whole file (each takes seconds to start here); the first seeds the
	// demo school into the shared accounts file. The kill -9 test comes last.
	beforeAll(async () => {
		databaseUrl = await createTestDatabase();
		a = await start(true);
		[b, c] = await Promise.all([start(false), start(false)]);
	}, 180_000);
	afterEach(() => {
		destroyClients(...clients.splice(0));
	});
	afterAll(async () => {
		await group.stop();
	});

	const signIn = async (origin: string, username: string): Promise<string> => {
		const response = await fetch(`${origin}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password: PASSWORD })
		});
		expect(response.status).toBe(201);
		return ((await response.json()) as { token: string }).token;
	};
	const connect = (origin: string, token: string, plan: string, doc?: Y.Doc) => {
		const client = connectClient(`${origin.replace(/^http/, 'ws')}/sync`, `plan.${plan}`, token, doc);
		clients.push(client);
		return client;
	};
	const log = (client: Client) => client.doc.getArray<string>('log');

	it('clients of one plan on three processes converge, and see each other present', async () => {
		const [eli, chen, admin] = await Promise.all([signIn(a, 'eli'), signIn(b, 'chen'), signIn(c, 'admin')]);
		const onA = connect(a, eli!, 'demo-eli');
		const onB = connect(b, chen!, 'demo-eli');
		const onC = connect(c, admin!, 'demo-eli');
		await Promise.all([synced(onA), synced(onB), synced(onC)]);
		for (let i = 0; i < 50; i++) {
			log(onA).push([`a${i}`]);
			log(onB).push([`b${i}`]);
		}
		await waitFor(
			() => [onA, onB, onC].every((client) => log(client).length === 100),
			'every client on every process to hold all 100 edits'
		);
		expect(new Set(log(onC).toArray()).size).toBe(100);
		expect(Y.encodeStateVector(onC.doc)).toEqual(Y.encodeStateVector(onA.doc));

		// Presence: Eli (on A) shows a cursor; the others see it, stamped with who she is.
		onA.provider.awareness.setLocalStateField('cursor', { at: 3 });
		const seenBy = (client: Client) =>
			[...client.provider.awareness.getStates().values()].find(
				(state) => (state as { user?: { id?: string } }).user?.id === 'demo-eli'
			) as { user: { name: string }; cursor?: { at: number } } | undefined;
		await waitFor(
			() => seenBy(onB)?.cursor?.at === 3 && seenBy(onC)?.cursor?.at === 3,
			'eli present on B and C'
		);
		expect(seenBy(onC)!.user.name).toBe(seenBy(onB)!.user.name);
		// And leaving is seen too.
		onA.provider.awareness.setLocalState(null);
		await waitFor(() => seenBy(onB) === undefined && seenBy(onC) === undefined, 'eli gone on B and C');

		// One audit log for all three: read through B, it has what A and B recorded (in PostgreSQL).
		const entries = async () => {
			const response = await fetch(`${b}/api/audit?studentId=demo-eli`, {
				headers: { authorization: `Bearer ${admin}` }
			});
			expect(response.status).toBe(200);
			const body = (await response.json()) as {
				entries: { userId: string; userName: string; action: string }[];
			};
			return body.entries.map((entry) => `${entry.userName} ${entry.action}`);
		};
		const expected = ['Eli Brooks open', 'Eli Brooks change', 'Sam Chen open', 'Sam Chen change'];
		let seen: string[] = [];
		for (let tries = 0; tries < 50 && !expected.every((line) => seen.includes(line)); tries++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			seen = await entries();
		}
		expect(seen).toEqual(expect.arrayContaining(expected));
	});

	it('a revocation made through process A closes the matching sockets on process C within 1 s', async () => {
		const adminToken = await signIn(a, 'admin');
		const rivera = connect(c, await signIn(c, 'rivera'), 'demo-carmen');
		const carmenToken = await signIn(c, 'carmen');
		const carmen = connect(c, carmenToken, 'demo-carmen');
		await Promise.all([synced(rivera), synced(carmen)]);

		// Carmen is taken off Rivera's caseload through process A.
		const removed = await fetch(`${a}/api/caseloads`, {
			method: 'DELETE',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
			body: JSON.stringify({ staffId: 'demo-rivera', studentId: 'demo-carmen' })
		});
		expect(removed.status).toBe(200);
		await waitFor(() => rivera.closes.length > 0, "rivera's socket on C to close", 1_000);
		expect(rivera.closes[0]!.code).toBe(CloseCode.forbidden);

		// Carmen signs out through process A: her socket on C closes too.
		const signedOut = await fetch(`${a}/api/session`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${carmenToken}` }
		});
		expect(signedOut.status).toBeLessThan(300);
		await waitFor(() => carmen.closes.length > 0, "carmen's socket on C to close", 1_000);
		expect(carmen.closes[0]!.code).toBe(CloseCode.unauthorized);
	});
	it('after kill -9 of one process mid-stream, every acknowledged edit is there once its clients reconnect to the others', async () => {
		const [amara, rivera, admin] = await Promise.all([
			signIn(a, 'amara'),
			signIn(a, 'rivera'),
			signIn(c, 'admin')
		]);
		const student = connect(a, amara!, 'demo-amara');
		const advisor = connect(b, rivera!, 'demo-amara');
		// The admin only reads, on a third process: what it holds is what was broadcast.
		const observer = connect(c, admin!, 'demo-amara');
		await Promise.all([synced(student), synced(advisor), synced(observer)]);
		let acknowledged = 0;
		const handle = student.provider.messageHandlers[0]!;
		student.provider.messageHandlers[0] = (encoder, decoder, provider, emitSynced, type) => {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
				const clock = Y.decodeStateVector(decoding.readVarUint8Array(peek)).get(student.doc.clientID) ?? 0;
				acknowledged = Math.max(acknowledged, clock);
			}
			handle(encoder, decoder, provider, emitSynced, type);
		};
		const askServer = () => {
			const ws = student.provider.ws;
			if (!student.provider.wsconnected || ws === null || ws.readyState !== ws.OPEN) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeSyncStep1(encoder, student.doc);
			ws.send(encoding.toUint8Array(encoder));
		};
		let sent = 0;
		const typing = setInterval(() => {
			sent += 1;
			log(student).push([`s${sent}`]);
			log(advisor).push([`a${sent}`]);
			askServer();
		}, 2);
		await waitFor(
			() => log(observer).length >= 100 && acknowledged > 50,
			'a stream of edits, acknowledged and broadcast',
			// Waits, not time limits: a loaded 2-core machine (CI beside other work) is slow here.
			20_000
		);
		await processes[0]!.kill('SIGKILL'); // process A, holding the student
		clearInterval(typing);
		const studentAcknowledged = acknowledged;
		const broadcast = log(observer).toArray();

		// A fresh client with nothing local, on B, can only get the edits from the database.
		const fresh = connect(b, admin!, 'demo-amara');
		await synced(fresh);
		const stored = Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).get(student.doc.clientID) ?? 0;
		expect(stored).toBeGreaterThanOrEqual(studentAcknowledged);
		const restored = new Set(log(fresh).toArray());
		expect(broadcast.filter((item) => !restored.has(item))).toEqual([]);

		// The student's device reconnects to C (its session is in the shared accounts file).
		destroyClients(...clients.splice(clients.indexOf(student), 1));
		const studentAgain = connect(c, amara!, 'demo-amara', student.doc);
		await synced(studentAgain);
		const everything = 2 * sent;
		await waitFor(
			() => [fresh, studentAgain, advisor, observer].every((client) => log(client).length === everything),
			'every client on the surviving processes to hold every edit',
			20_000
		);
		expect(new Set(log(fresh).toArray()).size).toBe(everything);
	});
});
