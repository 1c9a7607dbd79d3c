/**
 * A real relay for tests: Fastify + registerRelay + SqliteDocStore on a real SQLite file, on
 * 127.0.0.1 port 0. Until the server's own main.ts is used, accounts come from TestAccessResolver.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import * as decoding from 'lib0/decoding';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../src/db';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
import * as Y from 'yjs';
import type { DocStore, RelayControl } from '../src/contracts';
import type { RelayLimits } from '../src/relay/limits';
import { registerRelay } from '../src/relay/relay';
import { SyncDocStoreAdapter } from '../src/storage/async-doc-store';
import { SqliteDocStore } from '../src/storage/sqlite-doc-store';
import { MemoryAuditLog, seedSchool, TestAccessResolver } from './test-access';

export interface TestRelay {
	url: string;
	app: FastifyInstance;
	relay: RelayControl;
	store: SqliteDocStore;
	resolver: TestAccessResolver;
	audit: MemoryAuditLog;
	close(): Promise<void>;
}

export function tempDir(): { path: string; remove(): void } {
	const path = mkdtempSync(join(tmpdir(), 'pathways-relay-'));
	return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startRelay(
	dataDir: string,
	options: { limits?: Partial<RelayLimits>; port?: number; wrapStore?: (store: DocStore) => DocStore } = {}
): Promise<TestRelay> {
	const db = new DatabaseSync(join(dataDir, 'pathways.db'));
	migrate(db);
	const store = new SqliteDocStore(db);
	const resolver = new TestAccessResolver();
	seedSchool(resolver);
	const audit = new MemoryAuditLog();
	const app = Fastify({ logger: false });
	const relay = registerRelay(app, {
		store: new SyncDocStoreAdapter(options.wrapStore?.(store) ?? store),
		resolver,
		audit,
		limits: options.limits
	});
	await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
	const address = app.server.address();
	if (address === null || typeof address === 'string') throw new Error('no TCP address');
	return {
		url: `ws://127.0.0.1:${address.port}/sync`,
		app,
		relay,
		store,
		resolver,
		audit,
		async close() {
			await relay.close();
			await app.close();
			store.close();
			db.close();
		}
	};
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Reasons of permission-denied messages the relay sent this client. */
	denied: string[];
	/** Close events the provider saw. */
	closes: { code: number; reason: string }[];
}

/** A real y-websocket provider, on ws in Node, without BroadcastChannel (it would bypass the relay). */
export function connectClient(url: string, docName: string, token: string, doc = new Y.Doc()): Client {
	const provider = new WebsocketProvider(url, docName, doc, {
		// The token goes in the first message, as the app sends it (src/lib/sync/doc-sync.ts).
		WebSocketPolyfill: tokenFirstSocket(WebSocket, () => token) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	const client: Client = { doc, provider, denied: [], closes: [] };
	// The provider's own handler only logs to the console; record the reason instead.
	provider.messageHandlers[2] = (_encoder, decoder) => {
		if (decoding.readVarUint(decoder) === 0) client.denied.push(decoding.readVarString(decoder));
	};
	provider.on('connection-close', (event) => {
		if (event) client.closes.push({ code: event.code, reason: event.reason });
	});
	return client;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export function synced(client: Client): Promise<void> {
	return waitFor(() => client.provider.synced, `${client.provider.roomname} to sync`);
}

export function destroyClients(...clients: Client[]): void {
	for (const client of clients) {
		client.provider.destroy();
		client.doc.destroy();
	}
}

/** A raw ws socket, for frames the provider would never send; with a token, it is its first message. */
export async function rawSocket(
	url: string,
	token?: string
): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
	const socket =
		token === undefined ? new WebSocket(url) : new (tokenFirstSocket(WebSocket, () => token))(url);
	const closed = new Promise<{ code: number; reason: string }>((resolve) => {
		socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
	});
	socket.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('close', () => reject(new Error('closed before open')));
	});
	return { socket, closed };
}
