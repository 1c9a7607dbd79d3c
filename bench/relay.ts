/**
 * Relay benchmark, in one run: our relay (SQLite, every update committed before it is sent on)
 * against the in-memory reference relays @y/websocket-server 0.1.1 ("yws") and @hocuspocus/server 4,
 * each in its own process, on loopback, with the same load generator. Prints figures beside the
 * targets of issue 12; asserts nothing. RELAY_BENCH_ONLY=loads|throughput|idle|caseload|reconnect runs one
 * part; RELAY_BENCH_RELAYS=pathways,reference,hocuspocus picks relays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { runCaseloadBench } from './relay-caseload';
import { reconnectMs } from './relay-reconnect';
import {
	dialectOf,
	openRaw,
	percentile,
	sleep,
	startServer,
	syncUrl,
	updateMessage,
	updateOf,
	type RelayKind
} from './relay-clients';

interface Load {
	label: string;
	docs: number;
	clientsPerDoc: number;
	/** Updates per second per client. */
	rate: number;
	/** Every update comes with a presence renewal from the same client. */
	presence: boolean;
}

const LOADS: Load[] = [
	{ label: '100 docs × 3 clients, 1/s', docs: 100, clientsPerDoc: 3, rate: 1, presence: false },
	{ label: '1,000 docs × 2 clients, 0.2/s', docs: 1000, clientsPerDoc: 2, rate: 0.2, presence: false },
	{ label: '10 docs × 50 clients, 0.2/s', docs: 10, clientsPerDoc: 50, rate: 0.2, presence: false },
	{ label: 'same, presence renewals in step', docs: 10, clientsPerDoc: 50, rate: 0.2, presence: true }
];
const LOAD_TIMING = { warmupMs: 1_500, measureMs: 5_000 };
const THROUGHPUT = {
	rates: [0.2, 0.4, 0.8, 1.6, 3.2, 6.4],
	warmupMs: 1_000,
	measureMs: 3_000,
	p99LimitMs: 50
};
const IDLE = { connections: 5_000, docs: 100, batch: 250 };
/** Clients per document that decode what they receive (the latency sample); the rest only receive. */
const OBSERVERS_PER_DOC = 3;

const NAMES: Record<RelayKind, string> = {
	pathways: 'pathways',
	'pathways-full': 'pathways (fsync)',
	reference: 'yws',
	hocuspocus: 'hocuspocus'
};

interface LoadFigures {
	p50Ms: number;
	p99Ms: number;
	cpuMicrosPerDelivery: number;
	deliveriesPerSecond: number;
	/** Share of the expected deliveries the observers saw (below 1: the relay fell behind or lost some). */
	observed: number;
}

function withDataDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

interface BenchClient {
	socket: WebSocket;
	doc: Y.Doc;
	docName: string;
	id: number;
	isObserver: boolean;
	presenceClock: number;
}

/** An awareness message renewing one client's presence (what a provider sends every 15 s). */
function presenceMessage(client: BenchClient): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, client.doc.clientID);
	encoding.writeVarUint(update, ++client.presenceClock);
	encoding.writeVarString(update, JSON.stringify({ user: { name: `bench ${client.id}` } }));
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, 1);
	encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
	return encoding.toUint8Array(message);
}

/** Runs `load` at `rate` against a started relay; the clients stay open for further steps. */
class LoadRun {
	readonly clients: BenchClient[] = [];
	readonly #sentAt = new Map<string, number>();
	#latencies: number[] = [];
	#observedDeliveries = 0;
	#expectedObserved = 0;
	#isMeasuring = false;
	#seq = 0;

	constructor(
		private readonly kind: RelayKind,
		private readonly port: number,
		private readonly load: Load
	) {}

	async connect(): Promise<void> {
		const dialect = dialectOf(this.kind);
		const pending: Promise<void>[] = [];
		for (let d = 0; d < this.load.docs; d++) {
			for (let c = 0; c < this.load.clientsPerDoc; c++) {
				const id = d * this.load.clientsPerDoc + c;
				const docName = `plan.bench-${d}`;
				const isObserver = c < OBSERVERS_PER_DOC;
				const onMessage = isObserver ? (message: Uint8Array) => this.#receive(id, message) : undefined;
				pending.push(
					openRaw(syncUrl(this.port, docName), `bench-${id}`, onMessage, dialect).then((socket) => {
						this.clients.push({ socket, doc: new Y.Doc(), docName, id, isObserver, presenceClock: 0 });
					})
				);
				if (pending.length >= 100) await Promise.all(pending.splice(0));
			}
		}
		await Promise.all(pending);
		// Spread every document's clients over the send schedule.
		this.clients.sort(
			(a, b) => (a.id % this.load.clientsPerDoc) - (b.id % this.load.clientsPerDoc) || a.id - b.id
		);
	}

	#receive(id: number, message: Uint8Array): void {
		const update = updateOf(message);
		if (update === null) return;
		const now = performance.now();
		for (const struct of Y.decodeUpdate(update).structs) {
			const key = (struct as Y.Item).content?.getContent?.()[0];
			if (typeof key !== 'string' || key.startsWith(`${id}:`)) continue; // yws and Hocuspocus echo to the sender
			const at = this.#sentAt.get(key);
			if (at === undefined) continue;
			this.#latencies.push(now - at);
			this.#observedDeliveries += 1;
		}
	}

	/** Sends at `rate` per client per second until the returned stop() is called. */
	start(rate: number): () => void {
		const dialect = dialectOf(this.kind);
		const ticksPerSecond = 100;
		const perTick = (this.clients.length * rate) / ticksPerSecond;
		let due = 0;
		let next = 0;
		const timer = setInterval(() => {
			due += perTick;
			while (due >= 1) {
				due -= 1;
				const client = this.clients[next]!;
				next = (next + 1) % this.clients.length;
				const key = `${client.id}:${this.#seq++}`;
				client.doc.once('update', (update: Uint8Array) => {
					if (this.#isMeasuring) {
						this.#sentAt.set(key, performance.now());
						const observers = Math.min(OBSERVERS_PER_DOC, this.load.clientsPerDoc);
						this.#expectedObserved += observers - (client.isObserver ? 1 : 0);
						this.sentMeasured += 1;
					}
					client.socket.send(dialect.frame(client.docName, updateMessage(update)));
					if (this.load.presence) client.socket.send(dialect.frame(client.docName, presenceMessage(client)));
				});
				client.doc.getArray('log').push([key]);
			}
		}, 1_000 / ticksPerSecond);
		return () => clearInterval(timer);
	}

	sentMeasured = 0;

	beginMeasure(): void {
		this.#latencies = [];
		this.#observedDeliveries = 0;
		this.#expectedObserved = 0;
		this.sentMeasured = 0;
		this.#sentAt.clear();
		this.#isMeasuring = true;
	}

	endMeasure(): { latencies: number[]; observed: number; deliveries: number } {
		this.#isMeasuring = false;
		return {
			latencies: this.#latencies.sort((a, b) => a - b),
			observed: this.#observedDeliveries / Math.max(1, this.#expectedObserved),
			deliveries: this.sentMeasured * (this.load.clientsPerDoc - 1)
		};
	}

	close(): void {
		for (const client of this.clients) client.socket.terminate();
	}
}

async function measureStep(
	run: LoadRun,
	server: { stats(): Promise<{ cpuMicros: number }> },
	rate: number,
	timing: { warmupMs: number; measureMs: number }
): Promise<LoadFigures> {
	const stop = run.start(rate);
	await sleep(timing.warmupMs);
	const before = await server.stats();
	run.beginMeasure();
	await sleep(timing.measureMs);
	stop();
	await sleep(300); // what was sent last arrives
	const after = await server.stats();
	const { latencies, observed, deliveries } = run.endMeasure();
	await sleep(300);
	return {
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		cpuMicrosPerDelivery: (after.cpuMicros - before.cpuMicros) / Math.max(1, deliveries),
		deliveriesPerSecond: deliveries / (timing.measureMs / 1000),
		observed
	};
}

async function runLoad(kind: RelayKind, load: Load): Promise<LoadFigures> {
	return withDataDir(async (dir) => {
		const server = await startServer(kind, dir);
		const run = new LoadRun(kind, server.port, load);
		try {
			await run.connect();
			return await measureStep(run, server, load.rate, LOAD_TIMING);
		} finally {
			run.close();
			await server.stop();
		}
	});
}

/** Steps the rate up on 10 docs × 50 clients until p99 passes the limit; the best rate under it. */
async function throughput(kind: RelayKind): Promise<{ deliveriesPerSecond: number; steps: string[] }> {
	const load: Load = { label: 'hot', docs: 10, clientsPerDoc: 50, rate: 0, presence: false };
	return withDataDir(async (dir) => {
		const server = await startServer(kind, dir);
		const run = new LoadRun(kind, server.port, load);
		const steps: string[] = [];
		let best = 0;
		try {
			await run.connect();
			for (const rate of THROUGHPUT.rates) {
				const figures = await measureStep(run, server, rate, THROUGHPUT);
				steps.push(
					`${rate}/s: p99 ${show(figures.p99Ms, 'ms')}, ${Math.round(figures.deliveriesPerSecond)} deliveries/s, observed ${show(figures.observed * 100, '%')}`
				);
				if (!(figures.p99Ms <= THROUGHPUT.p99LimitMs) || figures.observed < 0.95) break;
				best = figures.deliveriesPerSecond;
			}
			return { deliveriesPerSecond: best, steps };
		} finally {
			run.close();
			await server.stop();
		}
	});
}

/** Server memory growth and CPU per connection, opening many idle, handshaken connections. */
async function idle(kind: RelayKind): Promise<{ rssKB: number; heapKB: number; connectMs: number }> {
	return withDataDir(async (dir) => {
		const server = await startServer(kind, dir);
		const dialect = dialectOf(kind);
		const sockets: WebSocket[] = [];
		try {
			// Load the documents first, so the growth measured is the connections' alone.
			for (let d = 0; d < IDLE.docs; d++)
				sockets.push(
					await openRaw(syncUrl(server.port, `plan.idle-${d}`), `bench-doc-${d}`, undefined, dialect)
				);
			await sleep(200);
			const before = await server.stats({ gc: true });
			const extra = IDLE.connections - IDLE.docs;
			for (let i = 0; i < extra; i += IDLE.batch) {
				const batch = Array.from({ length: Math.min(IDLE.batch, extra - i) }, (_, j) =>
					openRaw(
						syncUrl(server.port, `plan.idle-${(i + j) % IDLE.docs}`),
						`bench-${i + j}`,
						undefined,
						dialect
					)
				);
				sockets.push(...(await Promise.all(batch)));
			}
			const connected = await server.stats();
			await sleep(500);
			const after = await server.stats({ gc: true });
			return {
				rssKB: (after.rss - before.rss) / extra / 1024,
				heapKB: (after.heap - before.heap) / extra / 1024,
				connectMs: (connected.cpuMicros - before.cpuMicros) / extra / 1000
			};
		} finally {
			for (const socket of sockets) socket.terminate();
			await server.stop();
		}
	});
}

function show(value: number, unit: string): string {
	if (Number.isNaN(value)) return '-';
	return `${value.toFixed(value < 10 ? 2 : 0)} ${unit}`.trim();
}

const verdict = (isMet: boolean) => (isMet ? 'met' : 'not met');

function relaysToRun(): RelayKind[] {
	const chosen = process.env.RELAY_BENCH_RELAYS?.split(',').map((name) => name.trim());
	const all: RelayKind[] = ['pathways', 'reference', 'hocuspocus'];
	return chosen ? all.filter((kind) => chosen.includes(kind)) : all;
}

async function printLoads(relays: RelayKind[]): Promise<void> {
	console.log('\nfan-out (p50 / p99 latency to other clients, server CPU per delivered update)');
	for (const load of LOADS) {
		const figures = new Map<RelayKind, LoadFigures>();
		for (const kind of relays) figures.set(kind, await runLoad(kind, load));
		console.log(`  ${load.label}`);
		for (const [kind, f] of figures)
			console.log(
				`    ${NAMES[kind].padEnd(12)} p50 ${show(f.p50Ms, 'ms').padStart(8)}  p99 ${show(f.p99Ms, 'ms').padStart(8)}  ` +
					`CPU ${show(f.cpuMicrosPerDelivery, 'µs').padStart(8)}/delivery  ${Math.round(f.deliveriesPerSecond)} deliveries/s  observed ${show(f.observed * 100, '%')}`
			);
		const ours = figures.get('pathways');
		const yws = figures.get('reference');
		const references = [...figures].filter(([kind]) => kind !== 'pathways').map(([, f]) => f.p99Ms);
		if (ours && references.length > 0) {
			const best = Math.min(...references);
			console.log(
				`    target p99 ≤ best reference (${show(best, 'ms')}): ours ÷ best ${show(ours.p99Ms / best, '')} — ${verdict(ours.p99Ms <= best)}`
			);
		}
		if (ours && yws) {
			const ratio = ours.cpuMicrosPerDelivery / yws.cpuMicrosPerDelivery;
			console.log(
				`    target CPU per delivery ≤ yws's: ours ÷ yws ${show(ratio, '')} — ${verdict(ratio <= 1)}`
			);
		}
	}
}

async function printThroughput(relays: RelayKind[]): Promise<void> {
	console.log(
		`\nthroughput on 10 docs × 50 clients, rate stepped up until p99 > ${THROUGHPUT.p99LimitMs} ms`
	);
	const best = new Map<RelayKind, number>();
	for (const kind of relays) {
		const result = await throughput(kind);
		best.set(kind, result.deliveriesPerSecond);
		console.log(`  ${NAMES[kind]}: ${Math.round(result.deliveriesPerSecond)} deliveries/s sustained`);
		for (const step of result.steps) console.log(`    ${step}`);
	}
	const ours = best.get('pathways');
	const references = [...best].filter(([kind]) => kind !== 'pathways').map(([, value]) => value);
	const bestReference = Math.max(0, ...references);
	if (ours !== undefined && bestReference > 0) {
		const ratio = ours / bestReference;
		console.log(`  target ours ≥ 1.5 × best reference: ${show(ratio, '×')} — ${verdict(ratio >= 1.5)}`);
	} else if (ours !== undefined) {
		console.log('  target ours ≥ 1.5 × best reference: not comparable (no reference held the lowest step)');
	}
	// One load-generator process: when "deliveries/s" stops growing with the rate, it is the limit.
	console.log(
		'  (one load-generator process on the same 2 cores; deliveries/s below rate × 500 × 49 means the generator fell behind)'
	);
}

async function printIdle(relays: RelayKind[]): Promise<void> {
	console.log(`\nidle connections (${IDLE.connections} on ${IDLE.docs} docs)`);
	const figures = new Map<RelayKind, Awaited<ReturnType<typeof idle>>>();
	for (const kind of relays) figures.set(kind, await idle(kind));
	for (const [kind, f] of figures)
		console.log(
			`  ${NAMES[kind].padEnd(12)} RSS ${show(f.rssKB, 'KB')} each (heap+external ${show(f.heapKB, 'KB')}), connect CPU ${show(f.connectMs, 'ms')} each`
		);
	const ours = figures.get('pathways');
	const yws = figures.get('reference');
	if (ours) {
		console.log(
			`  target ≤ 6 KB per idle connection: ${show(ours.rssKB, 'KB')} RSS — ${verdict(ours.rssKB <= 6)}`
		);
		const limit = yws?.connectMs ?? 0.24;
		console.log(
			`  target connect CPU ≤ yws's (${show(limit, 'ms')}; issue: 0.24 ms): ${show(ours.connectMs, 'ms')} — ${verdict(ours.connectMs <= limit)}`
		);
	}
}

export async function runRelayBench(): Promise<void> {
	process.setMaxListeners(500); // each provider adds a process 'exit' listener
	const relays = relaysToRun();
	const only = process.env.RELAY_BENCH_ONLY;
	console.log(
		`relay: pathways (SQLite on disk, durability 'normal') vs ${relays
			.filter((kind) => kind !== 'pathways')
			.map((kind) => NAMES[kind])
			.join(', ')} (in memory), loopback, one run each`
	);
	if (!only || only === 'loads') await printLoads(relays);
	if (!only || only === 'throughput') await printThroughput(relays);
	if (!only || only === 'idle') await printIdle(relays);
	if (!only || only === 'caseload') await runCaseloadBench();
	if (!only || only === 'reconnect') {
		const ms = await reconnectMs('pathways');
		console.log(
			`\n100 providers reconnect after a SIGTERM restart and converge: ${show(ms, 'ms')} (target ≤ 5 s)`
		);
	}
}

// `npx tsx bench/relay.ts` runs it alone; bench/run.ts imports it.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
	await runRelayBench();
