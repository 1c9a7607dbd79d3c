/**
 * Relay benchmark, in one run: our relay (SQLite, every update committed before it is sent on)
 * against the in-memory reference relays @y/websocket-server 0.1.1 ("yws") and @hocuspocus/server 4,
 * each in its own process, on loopback, with the same load generator. Prints figures beside the
 * targets of issue 12; asserts nothing. RELAY_BENCH_ONLY=loads,throughput,idle,caseload,reconnect runs
 * some parts (`BENCH_ONLY=relay` in bench/run.ts runs the relay alone); RELAY_BENCH_RUNS (3) and
 * RELAY_BENCH_GENERATORS (3 load-generator processes) set the medians and the generators; RELAY_BENCH_RELAYS=pathways,reference,hocuspocus picks relays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import type WebSocket from 'ws';
import { runCaseloadBench, type CaseloadEngine } from './relay-caseload';
import { isMultiProcessKind, startCluster, stopClusterEngines } from './relay-cluster';
import { reconnectMs } from './relay-reconnect';
import { dialectOf, openRaw, percentile, sleep, startServer, syncUrl, type RelayKind } from './relay-clients';
import type { FromWorker, ToWorker, WorkerFigures, WorkerLoad } from './relay-load-worker';

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
	// RELAY_BENCH_RATES=1.6 steps through those rates only (e.g. for a profile of one).
	rates: process.env.RELAY_BENCH_RATES?.split(',').map(Number) ?? [0.2, 0.4, 0.8, 1.6, 3.2, 6.4],
	warmupMs: 1_000,
	measureMs: 3_000,
	p99LimitMs: 50
};
/** The issue measures 18,000 idle connections; RELAY_BENCH_IDLE overrides (the process needs that many file descriptors). */
const IDLE = { connections: Number(process.env.RELAY_BENCH_IDLE ?? 18_000), docs: 100, batch: 250 };
/** Clients per document that decode what they receive (the latency sample); the rest only receive. */
const OBSERVERS_PER_DOC = 3;

const NAMES: Record<RelayKind, string> = {
	pathways: 'pathways',
	'pathways-full': 'pathways (fsync)',
	'pathways-pg': 'pg+redis ×1',
	'pathways-pg-2': 'pg+redis ×2',
	reference: 'yws',
	hocuspocus: 'hocuspocus'
};

interface LoadFigures {
	p50Ms: number;
	p99Ms: number;
	cpuMicrosPerDelivery: number;
	deliveriesPerSecond: number;
	/** What the schedule asked for. */
	expectedPerSecond: number;
	/** Updates sent ÷ updates scheduled while measuring (below 1: the load generators were the limit). */
	generatorKeptUp: number;
	/** Share of the expected deliveries the observers saw (below 1: the relay fell behind or lost some). */
	observed: number;
}

function withDataDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const WORKER = fileURLToPath(new URL('./relay-load-worker.ts', import.meta.url));
/** Load-generator processes; RELAY_BENCH_GENERATORS overrides (each owns whole documents). */
const GENERATORS = Number(process.env.RELAY_BENCH_GENERATORS ?? 3);
/** Runs per load and relay (the figures printed are medians); RELAY_BENCH_RUNS overrides. */
const RUNS = Number(process.env.RELAY_BENCH_RUNS ?? 3);

/** One forked load-generator process, answering each command once. */
class Generator {
	readonly #child: ChildProcess;
	readonly #exited: Promise<void>;

	constructor() {
		this.#child = spawn(
			process.execPath,
			['--disable-warning=ExperimentalWarning', '--import', 'tsx', WORKER],
			{
				stdio: ['ignore', 'inherit', 'inherit', 'ipc']
			}
		);
		this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
	}

	ask(message: ToWorker): Promise<FromWorker> {
		return new Promise((resolve, reject) => {
			const onExit = (code: number | null) => reject(new Error(`load generator exited with ${code}`));
			this.#child.once('exit', onExit);
			this.#child.once('message', (answer: FromWorker) => {
				this.#child.off('exit', onExit);
				resolve(answer);
			});
			this.#child.send(message);
		});
	}

	async close(): Promise<void> {
		if (this.#child.exitCode === null) this.#child.send({ type: 'close' } satisfies ToWorker);
		const hardStop = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
		await this.#exited;
		clearTimeout(hardStop);
	}
}

/** Runs `load` against a started relay from several processes; the clients stay open for further steps. */
class LoadPool {
	readonly #generators: Generator[];

	constructor(
		private readonly kind: RelayKind,
		private readonly ports: number[],
		private readonly load: Load
	) {
		this.#generators = Array.from({ length: Math.min(GENERATORS, load.docs) }, () => new Generator());
	}

	async connect(): Promise<void> {
		const count = this.#generators.length;
		let firstDoc = 0;
		await Promise.all(
			this.#generators.map((generator, i) => {
				const docCount = Math.floor(this.load.docs / count) + (i < this.load.docs % count ? 1 : 0);
				const load: WorkerLoad = {
					kind: this.kind,
					ports: this.ports,
					firstDoc,
					docCount,
					clientsPerDoc: this.load.clientsPerDoc,
					presence: this.load.presence,
					observersPerDoc: OBSERVERS_PER_DOC
				};
				firstDoc += docCount;
				return generator.ask({ type: 'connect', load });
			})
		);
	}

	#all(message: ToWorker): Promise<FromWorker[]> {
		return Promise.all(this.#generators.map((generator) => generator.ask(message)));
	}

	start = (rate: number) => this.#all({ type: 'start', rate });
	begin = () => this.#all({ type: 'begin' });
	stop = () => this.#all({ type: 'stop' });

	async end(): Promise<{ latencies: number[]; observed: number; sent: number; scheduled: number }> {
		const answers = await this.#all({ type: 'end' });
		const figures = answers.flatMap((answer) => (answer.type === 'figures' ? [answer.figures] : []));
		const sum = (pick: (f: WorkerFigures) => number) => figures.reduce((total, f) => total + pick(f), 0);
		return {
			latencies: figures.flatMap((f) => f.latencies).sort((a, b) => a - b),
			observed:
				sum((f) => f.observedDeliveries) /
				Math.max(
					1,
					sum((f) => f.expectedObserved)
				),
			sent: sum((f) => f.sent),
			scheduled: sum((f) => f.scheduled)
		};
	}

	close = () => Promise.all(this.#generators.map((generator) => generator.close()));
}

async function measureStep(
	run: LoadPool,
	server: { stats(): Promise<{ cpuMicros: number }> },
	load: Load,
	rate: number,
	timing: { warmupMs: number; measureMs: number }
): Promise<LoadFigures> {
	await run.start(rate);
	await sleep(timing.warmupMs);
	const before = await server.stats();
	await run.begin();
	const startedAt = performance.now();
	await sleep(timing.measureMs);
	await run.stop();
	const seconds = (performance.now() - startedAt) / 1000;
	await sleep(300); // what was sent last arrives
	const after = await server.stats();
	const { latencies, observed, sent, scheduled } = await run.end();
	await sleep(300);
	const deliveries = sent * (load.clientsPerDoc - 1);
	return {
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		cpuMicrosPerDelivery: (after.cpuMicros - before.cpuMicros) / Math.max(1, deliveries),
		deliveriesPerSecond: deliveries / seconds,
		expectedPerSecond: load.docs * load.clientsPerDoc * rate * (load.clientsPerDoc - 1),
		generatorKeptUp: sent / Math.max(1, scheduled),
		observed
	};
}

async function runLoad(kind: RelayKind, load: Load): Promise<LoadFigures> {
	return withDataDir(async (dir) => {
		const server = await startCluster(kind, dir);
		const run = new LoadPool(kind, server.ports, load);
		try {
			await run.connect();
			return await measureStep(run, server, load, load.rate, LOAD_TIMING);
		} finally {
			await run.close();
			await server.stop();
		}
	});
}

/** Each field's median over several runs (each field on its own). */
function medianFigures(runs: LoadFigures[]): LoadFigures {
	const median = (pick: (f: LoadFigures) => number) => {
		const values = runs.map(pick).sort((a, b) => a - b);
		return values[Math.floor(values.length / 2)]!;
	};
	return {
		p50Ms: median((f) => f.p50Ms),
		p99Ms: median((f) => f.p99Ms),
		cpuMicrosPerDelivery: median((f) => f.cpuMicrosPerDelivery),
		deliveriesPerSecond: median((f) => f.deliveriesPerSecond),
		expectedPerSecond: median((f) => f.expectedPerSecond),
		generatorKeptUp: median((f) => f.generatorKeptUp),
		observed: median((f) => f.observed)
	};
}

interface ThroughputResult {
	deliveriesPerSecond: number;
	steps: string[];
}

/** Steps the rate up on 10 docs × 50 clients until p99 passes the limit; the best rate under it. */
async function throughput(kind: RelayKind): Promise<ThroughputResult> {
	const load: Load = { label: 'hot', docs: 10, clientsPerDoc: 50, rate: 0, presence: false };
	return withDataDir(async (dir) => {
		const server = await startServer(kind, dir);
		const run = new LoadPool(kind, [server.port], load);
		const steps: string[] = [];
		let best = 0;
		try {
			await run.connect();
			for (const rate of THROUGHPUT.rates) {
				const figures = await measureStep(run, server, load, rate, THROUGHPUT);
				steps.push(`${rate}/s: p99 ${show(figures.p99Ms, 'ms')}, ${reached(figures)}`);
				if (!(figures.p99Ms <= THROUGHPUT.p99LimitMs) || figures.observed < 0.95) break;
				best = figures.deliveriesPerSecond * Math.min(1, figures.observed);
			}
			return { deliveriesPerSecond: best, steps };
		} finally {
			await run.close();
			await server.stop();
		}
	});
}

/** What the generators reached against what the schedule asked for. */
function reached(f: LoadFigures): string {
	return (
		`${Math.round(f.deliveriesPerSecond)} of ${Math.round(f.expectedPerSecond)} deliveries/s sent ` +
		`(generators kept ${show(f.generatorKeptUp * 100, '%')} of the schedule), observed ${show(f.observed * 100, '%')}`
	);
}

/** Server memory growth and CPU per connection, opening many idle, handshaken connections. */
async function idle(
	kind: RelayKind
): Promise<{ rssKB: number; heapKB: number; youngKB: number; connectMs: number }> {
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
				youngKB: (after.young - before.young) / extra / 1024,
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

/** A difference with its sign: +0.37 ms, −0.62 ms. */
const signed = (value: number, unit: string) => `${value < 0 ? '−' : '+'}${show(Math.abs(value), unit)}`;
const verdict = (isMet: boolean) => (isMet ? 'met' : 'not met');

function relaysToRun(): RelayKind[] {
	const chosen = process.env.RELAY_BENCH_RELAYS?.split(',').map((name) => name.trim());
	const all: RelayKind[] = ['pathways', 'reference', 'hocuspocus'];
	// Ours on PostgreSQL and Redis, 1 and 2 processes (fan-out loads only), when asked for by name.
	const more: RelayKind[] = ['pathways-pg', 'pathways-pg-2'];
	return chosen ? [...all, ...more].filter((kind) => chosen.includes(kind)) : all;
}

async function printLoads(relays: RelayKind[]): Promise<void> {
	console.log(
		`\nfan-out (p50 / p99 latency to other clients, server CPU per delivered update; medians of ${RUNS} runs, relays taken in turn)`
	);
	// RELAY_BENCH_LOADS=2,3 runs only those loads (1-based), e.g. for a profile of one.
	const picked = process.env.RELAY_BENCH_LOADS?.split(',').map(Number);
	for (const [index, load] of LOADS.entries()) {
		if (picked && !picked.includes(index + 1)) continue;
		const runs = new Map<RelayKind, LoadFigures[]>(relays.map((kind) => [kind, []]));
		for (let i = 0; i < RUNS; i++) for (const kind of relays) runs.get(kind)!.push(await runLoad(kind, load));
		const figures = new Map([...runs].map(([kind, list]) => [kind, medianFigures(list)]));
		console.log(`  ${load.label}`);
		for (const [kind, f] of figures)
			console.log(
				`    ${NAMES[kind].padEnd(12)} p50 ${show(f.p50Ms, 'ms').padStart(8)}  p99 ${show(f.p99Ms, 'ms').padStart(8)}  ` +
					`CPU ${show(f.cpuMicrosPerDelivery, 'µs').padStart(8)}/delivery  ${reached(f)}` +
					`  (p99 of each run: ${runs
						.get(kind)!
						.map((run) => show(run.p99Ms, ''))
						.join(', ')})`
			);
		const ours = figures.get('pathways');
		const yws = figures.get('reference');
		const one = figures.get('pathways-pg');
		const two = figures.get('pathways-pg-2');
		if (one && two) {
			console.log(
				`    the Redis hop (2 processes − 1, both on PostgreSQL): p50 ${signed(two.p50Ms - one.p50Ms, 'ms')}, ` +
					`p99 ${signed(two.p99Ms - one.p99Ms, 'ms')}, CPU ${signed(two.cpuMicrosPerDelivery - one.cpuMicrosPerDelivery, 'µs')}/delivery`
			);
		}
		const references = [...figures]
			.filter(([kind]) => kind === 'reference' || kind === 'hocuspocus')
			.map(([, f]) => f.p99Ms);
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
	const runs = new Map<RelayKind, ThroughputResult[]>(relays.map((kind) => [kind, []]));
	for (let i = 0; i < RUNS; i++) for (const kind of relays) runs.get(kind)!.push(await throughput(kind));
	const best = new Map<RelayKind, number>();
	for (const [kind, results] of runs) {
		const sorted = [...results].sort((a, b) => a.deliveriesPerSecond - b.deliveriesPerSecond);
		const median = sorted[Math.floor(sorted.length / 2)]!;
		best.set(kind, median.deliveriesPerSecond);
		console.log(
			`  ${NAMES[kind]}: ${Math.round(median.deliveriesPerSecond)} deliveries/s sustained (median; runs: ${results
				.map((result) => Math.round(result.deliveriesPerSecond))
				.join(', ')}); the median run's steps:`
		);
		for (const step of median.steps) console.log(`    ${step}`);
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
	console.log(
		`  (${GENERATORS} load-generator processes on the same 2 cores as the relay; "kept" below 100 % means the generators were the limit)`
	);
}

async function printIdle(relays: RelayKind[]): Promise<void> {
	console.log(`\nidle connections (${IDLE.connections} on ${IDLE.docs} docs; medians of ${RUNS} runs)`);
	type IdleFigures = Awaited<ReturnType<typeof idle>>;
	const runs = new Map<RelayKind, IdleFigures[]>(relays.map((kind) => [kind, []]));
	for (let i = 0; i < RUNS; i++) for (const kind of relays) runs.get(kind)!.push(await idle(kind));
	const median = (list: IdleFigures[], pick: (f: IdleFigures) => number) =>
		list.map(pick).sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
	const figures = new Map<RelayKind, IdleFigures>(
		[...runs].map(([kind, list]) => [
			kind,
			{
				rssKB: median(list, (f) => f.rssKB),
				heapKB: median(list, (f) => f.heapKB),
				youngKB: median(list, (f) => f.youngKB),
				connectMs: median(list, (f) => f.connectMs)
			}
		])
	);
	for (const [kind, f] of figures)
		console.log(
			`  ${NAMES[kind].padEnd(12)} RSS ${show(f.rssKB, 'KB')} each (heap+external ${show(f.heapKB, 'KB')}; young generation grown ${show(f.youngKB, 'KB')}), connect CPU ${show(f.connectMs, 'ms')} each` +
				`  (RSS of each run: ${runs
					.get(kind)!
					.map((run) => show(run.rssKB, ''))
					.join(', ')})`
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
	const only = process.env.RELAY_BENCH_ONLY?.split(',').map((part) => part.trim());
	const runs = (part: string) => !only || only.includes(part);
	const references = relays.filter((kind) => kind === 'reference' || kind === 'hocuspocus');
	const compared = [
		...(references.length > 0 ? [`${references.map((kind) => NAMES[kind]).join(', ')} (in memory)`] : []),
		...(relays.some(isMultiProcessKind)
			? ["ours on PostgreSQL + Redis (pg+redis ×1; ×2: each document's clients spread over two processes)"]
			: [])
	];
	console.log(
		`relay: pathways (SQLite on disk, durability 'normal')${compared.length > 0 ? ` vs ${compared.join(' and ')}` : ''}, ` +
			`loopback, ${GENERATORS} load-generator processes`
	);
	// The throughput and idle parts measure one process; the PostgreSQL kinds run the loads only.
	const single = relays.filter((kind) => !isMultiProcessKind(kind));
	try {
		if (runs('loads')) await printLoads(relays);
	} finally {
		await stopClusterEngines();
	}
	if (runs('throughput')) await printThroughput(single);
	if (runs('idle')) await printIdle(single);
	if (runs('caseload')) {
		// SQLite always; PostgreSQL + Redis with 1 and 2 processes when those relays are asked for.
		const engines: CaseloadEngine[] = ['sqlite'];
		if (relays.includes('pathways-pg')) engines.push('pg');
		if (relays.includes('pathways-pg-2')) engines.push('pg-2');
		try {
			await runCaseloadBench(engines);
		} finally {
			await stopClusterEngines();
		}
	}
	if (runs('reconnect')) {
		const ms = await reconnectMs('pathways');
		console.log(
			`\n100 providers reconnect after a SIGTERM restart and converge: ${show(ms, 'ms')} (target ≤ 5 s)`
		);
	}
}

// `npx tsx bench/relay.ts` runs it alone; bench/run.ts imports it.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
	await runRelayBench();
