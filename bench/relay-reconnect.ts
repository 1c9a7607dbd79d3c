/** Relay benchmark part: providers edit offline while the relay restarts; time until all converge. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { tokenFirstSocket } from '../src/lib/plp/relay-auth';
import * as Y from 'yjs';
import { freePort, sleep, startServer, type RelayKind } from './relay-clients';

const RECONNECT = { docs: 25, clientsPerDoc: 4, editsBefore: 5, editsOffline: 20 };

/** 100 providers edit offline while the relay restarts (SIGTERM); ms from "listening" until all converge. */
export async function reconnectMs(kind: RelayKind): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	const port = await freePort();
	let server = await startServer(kind, dir, port);
	const clients: { doc: Y.Doc; provider: WebsocketProvider }[] = [];
	try {
		for (let d = 0; d < RECONNECT.docs; d++) {
			for (let c = 0; c < RECONNECT.clientsPerDoc; c++) {
				const doc = new Y.Doc();
				const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, `plan.re-${d}`, doc, {
					WebSocketPolyfill: tokenFirstSocket(
						WebSocket,
						() => `bench-${d}-${c}`
					) as unknown as typeof globalThis.WebSocket,
					disableBc: true,
					maxBackoffTime: 100
				});
				clients.push({ doc, provider });
			}
		}
		await waitUntil(() => clients.every((c) => c.provider.synced), 30_000);
		for (const c of clients) for (let i = 0; i < RECONNECT.editsBefore; i++) c.doc.getArray('log').push([i]);
		await sleep(500);
		await server.stop('SIGTERM');
		for (const c of clients)
			for (let i = 0; i < RECONNECT.editsOffline; i++) c.doc.getArray('log').push([-i]);
		const expected = RECONNECT.clientsPerDoc * (RECONNECT.editsBefore + RECONNECT.editsOffline);
		server = await startServer(kind, dir, port);
		const started = performance.now();
		await waitUntil(() => clients.every((c) => c.doc.getArray('log').length === expected), 60_000);
		return performance.now() - started;
	} finally {
		for (const c of clients) {
			c.provider.destroy();
			c.doc.destroy(); // also stops the provider's Awareness timer, which would keep the process alive
		}
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error('bench step timed out');
		await sleep(5);
	}
}
