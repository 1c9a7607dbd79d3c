/**
 * Relay benchmark: our relay (SQLite writes committed before broadcast) against the reference relay
 * @y/websocket-server 0.1.1 (in memory), each in its own process, on loopback. Prints figures;
 * asserts nothing. Targets (issue 3): p99 ≤ 5 ms, CPU per delivery no worse than the reference,
 * ≤ 10 KB per idle connection, reconnect-and-converge ≤ 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { tokenFirstSocket } from '../src/lib/plp/relay-auth';
import {
	freePort,
	openRaw,
	percentile,
	sleep,
	startServer,
	syncUrl,
	updateMessage,
	updateOf,
	type RelayKind
} from './relay-clients';

const FANOUT = { docs: 300, clientsPerDoc: 3, warmupMs: 2_000, measureMs: 10_000 };
const IDLE = { connections: 10_000, docs: 100, batch: 250 };
const RECONNECT = { docs: 25, clientsPerDoc: 4, editsBefore: 5, editsOffline: 20 };

interface Figures {
	p50Ms: number;
	p99Ms: number;
	cpuMicrosPerDelivery: number;
	deliveries: number;
	heapBytesPerIdle: number;
	rssBytesPerIdle: number;
	reconnectMs: number;
}

function withDataDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** 300 documents × 3 clients, each sending one real Yjs update per second, spread evenly. */
async function fanOut(
	kind: RelayKind
): Promise<Pick<Figures, 'p50Ms' | 'p99Ms' | 'cpuMicrosPerDelivery' | 'deliveries'>> {
	return withDataDir(async (dir) => {
		const server = await startServer(kind, dir);
		const sentAt = new Map<string, number>();
		const latencies: number[] = [];
		let isMeasuring = false;
		let deliveries = 0;
		const clients: { socket: WebSocket; doc: Y.Doc; id: number }[] = [];
		try {
			for (let d = 0; d < FANOUT.docs; d++) {
				for (let c = 0; c < FANOUT.clientsPerDoc; c++) {
					const id = d * FANOUT.clientsPerDoc + c;
					const onMessage = (message: Uint8Array) => {
						const update = updateOf(message);
						if (update === null) return;
						for (const struct of Y.decodeUpdate(update).structs) {
							const key = (struct as Y.Item).content?.getContent?.()[0];
							if (typeof key !== 'string' || key.startsWith(`${id}:`)) continue; // the reference echoes to the sender
							const at = sentAt.get(key);
							if (at === undefined || !isMeasuring) continue;
							latencies.push(performance.now() - at);
							deliveries += 1;
						}
					};
					const socket = await openRaw(syncUrl(server.port, `plan.bench-${d}`), `bench-${id}`, onMessage);
					clients.push({ socket, doc: new Y.Doc(), id });
				}
			}
			let tick = 0;
			let seq = 0;
			const slots = 100; // every 10 ms, one hundredth of the clients send
			const sender = setInterval(() => {
				for (let i = tick % slots; i < clients.length; i += slots) {
					const client = clients[i]!;
					const key = `${client.id}:${seq++}`;
					client.doc.once('update', (update: Uint8Array) => {
						sentAt.set(key, performance.now());
						client.socket.send(updateMessage(update));
					});
					client.doc.getArray('log').push([key]);
				}
				tick += 1;
			}, 1_000 / slots);
			await sleep(FANOUT.warmupMs);
			const before = await server.stats();
			isMeasuring = true;
			await sleep(FANOUT.measureMs);
			isMeasuring = false;
			const after = await server.stats();
			clearInterval(sender);
			latencies.sort((a, b) => a - b);
			return {
				p50Ms: percentile(latencies, 50),
				p99Ms: percentile(latencies, 99),
				cpuMicrosPerDelivery: (after.cpuMicros - before.cpuMicros) / Math.max(1, deliveries),
				deliveries
			};
		} finally {
			for (const client of clients) client.socket.terminate();
			await server.stop();
		}
	});
}

/** Server memory growth per connection with 10,000 open, idle, handshaken connections. */
async function idleMemory(kind: RelayKind): Promise<Pick<Figures, 'heapBytesPerIdle' | 'rssBytesPerIdle'>> {
	return withDataDir(async (dir) => {
		const server = await startServer(kind, dir);
		const sockets: WebSocket[] = [];
		try {
			// Load the documents first, so the growth measured is the connections' alone.
			for (let d = 0; d < IDLE.docs; d++)
				sockets.push(await openRaw(syncUrl(server.port, `plan.idle-${d}`), `bench-doc-${d}`));
			await sleep(200);
			const before = await server.stats({ gc: true });
			const extra = IDLE.connections - IDLE.docs;
			for (let i = 0; i < extra; i += IDLE.batch) {
				const batch = Array.from({ length: Math.min(IDLE.batch, extra - i) }, (_, j) =>
					openRaw(syncUrl(server.port, `plan.idle-${(i + j) % IDLE.docs}`), `bench-${i + j}`)
				);
				sockets.push(...(await Promise.all(batch)));
			}
			await sleep(500);
			const after = await server.stats({ gc: true });
			return {
				heapBytesPerIdle: (after.heap - before.heap) / extra,
				rssBytesPerIdle: (after.rss - before.rss) / extra
			};
		} finally {
			for (const socket of sockets) socket.terminate();
			await server.stop();
		}
	});
}

/** 100 providers edit offline while the relay restarts; time from "listening" until all converge. */
async function reconnect(kind: RelayKind): Promise<Pick<Figures, 'reconnectMs'>> {
	return withDataDir(async (dir) => {
		const port = await freePort();
		let server = await startServer(kind, dir, port);
		const clients: { doc: Y.Doc; provider: WebsocketProvider; docIndex: number }[] = [];
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
					clients.push({ doc, provider, docIndex: d });
				}
			}
			await waitUntil(() => clients.every((c) => c.provider.synced), 30_000);
			for (const c of clients)
				for (let i = 0; i < RECONNECT.editsBefore; i++) c.doc.getArray('log').push([i]);
			await sleep(500);
			await server.stop('SIGTERM');
			for (const c of clients)
				for (let i = 0; i < RECONNECT.editsOffline; i++) c.doc.getArray('log').push([-i]);
			const expected = RECONNECT.clientsPerDoc * (RECONNECT.editsBefore + RECONNECT.editsOffline);
			server = await startServer(kind, dir, port);
			const started = performance.now();
			await waitUntil(() => clients.every((c) => c.doc.getArray('log').length === expected), 60_000);
			return { reconnectMs: performance.now() - started };
		} finally {
			for (const c of clients) {
				c.provider.destroy();
				c.doc.destroy(); // also stops the provider's Awareness timer, which would keep the process alive
			}
			await server.stop();
		}
	});
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error('bench step timed out');
		await sleep(5);
	}
}

const NOT_RUN = Number.NaN;

/** RELAY_BENCH_ONLY=fanout|idle|reconnect runs one scenario (e.g. while profiling). */
async function measure(kind: RelayKind): Promise<Figures> {
	const only = process.env.RELAY_BENCH_ONLY;
	const fan =
		!only || only === 'fanout'
			? await fanOut(kind)
			: { p50Ms: NOT_RUN, p99Ms: NOT_RUN, cpuMicrosPerDelivery: NOT_RUN, deliveries: NOT_RUN };
	const idle =
		!only || only === 'idle'
			? await idleMemory(kind)
			: { heapBytesPerIdle: NOT_RUN, rssBytesPerIdle: NOT_RUN };
	const re = !only || only === 'reconnect' ? await reconnect(kind) : { reconnectMs: NOT_RUN };
	return { ...fan, ...idle, ...re };
}

export async function runRelayBench(): Promise<void> {
	process.setMaxListeners(500); // each provider adds a process 'exit' listener
	console.log('relay: pathways (SQLite on disk) vs @y/websocket-server 0.1.1 (in memory), loopback');
	const ours = await measure('pathways');
	const reference = await measure('reference');
	// The fsync-per-update variant only changes the write path, so only fan-out is measured for it.
	const only = process.env.RELAY_BENCH_ONLY;
	const full = !only || only === 'fanout' ? await fanOut('pathways-full') : null;
	const rows: [string, (f: Figures) => number, string][] = [
		['fan-out latency p50', (f) => f.p50Ms, 'ms'],
		['fan-out latency p99', (f) => f.p99Ms, 'ms'],
		['server CPU per delivered update', (f) => f.cpuMicrosPerDelivery, 'µs'],
		['deliveries measured', (f) => f.deliveries, ''],
		['heap+external per idle connection', (f) => f.heapBytesPerIdle / 1024, 'KB'],
		['RSS per idle connection', (f) => f.rssBytesPerIdle / 1024, 'KB'],
		['100 clients reconnect and converge', (f) => f.reconnectMs, 'ms']
	];
	const show = (v: number, unit: string) =>
		Number.isNaN(v) ? '-' : `${v.toFixed(v < 10 ? 2 : 0)} ${unit}`.trim();
	console.log(
		`${'figure'.padEnd(36)}${'pathways'.padStart(12)}${'reference'.padStart(12)}${'ratio'.padStart(8)}`
	);
	for (const [label, pick, unit] of rows) {
		const [a, b] = [pick(ours), pick(reference)];
		console.log(
			`${label.padEnd(36)}${show(a, unit).padStart(12)}${show(b, unit).padStart(12)}${show(a / b, '').padStart(8)}`
		);
	}
	if (full !== null) {
		console.log(
			`pathways with durability 'full' (fsync per update): p50 ${show(full.p50Ms, 'ms')}, p99 ${show(full.p99Ms, 'ms')}, ` +
				`CPU per delivery ${show(full.cpuMicrosPerDelivery, 'µs')} (${show(full.cpuMicrosPerDelivery / reference.cpuMicrosPerDelivery, '')}× reference)`
		);
	}
	console.log(
		`(fan-out: ${FANOUT.docs} docs × ${FANOUT.clientsPerDoc} clients, 1 update/s each, ${FANOUT.measureMs / 1000} s; ` +
			`idle: ${IDLE.connections} connections on ${IDLE.docs} docs; reconnect: ${RECONNECT.docs} docs × ${RECONNECT.clientsPerDoc} clients, ` +
			`${RECONNECT.editsOffline} offline edits each, SIGTERM restart; durability 'normal' unless stated)`
	);
}

// `npx tsx bench/relay.ts` runs it alone; bench/run.ts imports it.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
	await runRelayBench();
