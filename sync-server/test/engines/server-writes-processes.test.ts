/**
 * A change the server makes itself, written through relay A's one writer (writeServerUpdates),
 * reaches a client connected to relay B: two relays with their own fan-out on one real Redis, as
 * two processes would be, over one document store.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { FanOut } from '../../src/contracts';
import { openDatabase, type Database } from '../../src/db';
import { ReceiverSlot } from '../../src/fanout/local-fan-out';
import { RedisFanOut } from '../../src/fanout/redis-fan-out';
import { registerRelay, type Relay } from '../../src/relay/relay';
import { SyncDocStoreAdapter } from '../../src/storage/async-doc-store';
import { SqliteDocStore } from '../../src/storage/sqlite-doc-store';
import { connectClient, destroyClients, synced, tempDir, waitFor, type Client } from '../harness';
import { MemoryAuditLog, seedSchool, TestAccessResolver } from '../test-access';

interface RelayProcess {
	app: FastifyInstance;
	relay: Relay;
	fanOut: FanOut;
	url: string;
}

describe('server-made changes across relay processes', () => {
	const dir = tempDir();
	const prefix = `test-${randomUUID()}:`;
	const processes: RelayProcess[] = [];
	const clients: Client[] = [];
	let db: Database | undefined;
	let store: SqliteDocStore | undefined;

	afterEach(async () => {
		destroyClients(...clients.splice(0));
		for (const { app, fanOut } of processes.splice(0)) {
			await app.close();
			await fanOut.close();
		}
		store?.close();
		db?.close();
		dir.remove();
	});

	async function startProcess(shared: SqliteDocStore): Promise<RelayProcess> {
		const slot = new ReceiverSlot();
		const fanOut = await RedisFanOut.connect(inject('redisUrl'), slot, { channelPrefix: prefix });
		const resolver = new TestAccessResolver();
		seedSchool(resolver);
		const app = Fastify({ logger: false });
		const relay = registerRelay(app, {
			store: new SyncDocStoreAdapter(shared),
			resolver,
			audit: new MemoryAuditLog(),
			fanOut
		});
		slot.target = relay.receiver;
		await app.listen({ host: '127.0.0.1', port: 0 });
		const address = app.server.address();
		if (address === null || typeof address === 'string') throw new Error('no TCP address');
		const started = { app, relay, fanOut, url: `ws://127.0.0.1:${address.port}/sync` };
		processes.push(started);
		return started;
	}

	it('an update written through relay A reaches a live client of relay B, and is stored once', async () => {
		db = openDatabase(dir.path);
		store = new SqliteDocStore(db);
		const a = await startProcess(store);
		const b = await startProcess(store);
		const onB = connectClient(b.url, 'plan.p1', 'tok-advisor');
		clients.push(onB);
		await synced(onB);

		const imported = new Y.Doc();
		imported.getMap('info').set('grade', '11');
		await a.relay.writeServerUpdates([{ docName: 'plan.p1', update: Y.encodeStateAsUpdate(imported) }]);

		await waitFor(() => onB.doc.getMap('info').get('grade') === '11', 'the change on relay B’s client');
		expect(store.countUpdates('plan.p1')).toBe(1);
	});
});
