/**
 * One load-generator process of the relay benchmark (bench/relay-load.ts forks several, so the
 * generator is not the limit). It owns whole documents — every client of a document, senders and
 * observers alike, is in this process — so a latency is measured on one clock. Driven over IPC:
 * connect → start(rate) → begin → stop → end (figures back) → … → close.
 */
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { dialectOf, openRaw, syncUrl, updateMessage, updateOf, type RelayKind } from './relay-clients';

export interface WorkerLoad {
	kind: RelayKind;
	/** The relay's processes: client c of a document connects to ports[c % ports.length]. */
	ports: number[];
	/** Documents this process owns: plan.bench-<first> … plan.bench-<first + count - 1>. */
	firstDoc: number;
	docCount: number;
	clientsPerDoc: number;
	presence: boolean;
	observersPerDoc: number;
}

export type ToWorker =
	| { type: 'connect'; load: WorkerLoad }
	| { type: 'start'; rate: number }
	| { type: 'begin' }
	| { type: 'stop' }
	| { type: 'end' }
	| { type: 'close' };

export interface WorkerFigures {
	latencies: number[];
	observedDeliveries: number;
	expectedObserved: number;
	/** Updates sent while measuring. */
	sent: number;
	/** Updates the schedule called for while measuring (sent below it: the generator fell behind). */
	scheduled: number;
}

export type FromWorker = { type: 'ready' } | { type: 'done' } | { type: 'figures'; figures: WorkerFigures };

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

class LoadRun {
	readonly clients: BenchClient[] = [];
	readonly #sentAt = new Map<string, number>();
	#latencies: number[] = [];
	#observedDeliveries = 0;
	#expectedObserved = 0;
	#isMeasuring = false;
	#measureStartedAt = 0;
	#rate = 0;
	#seq = 0;
	#sent = 0;
	#timer: NodeJS.Timeout | undefined;

	constructor(private readonly load: WorkerLoad) {}

	async connect(): Promise<void> {
		const { load } = this;
		const dialect = dialectOf(load.kind);
		const pending: Promise<void>[] = [];
		for (let d = load.firstDoc; d < load.firstDoc + load.docCount; d++) {
			for (let c = 0; c < load.clientsPerDoc; c++) {
				const id = d * load.clientsPerDoc + c;
				const docName = `plan.bench-${d}`;
				const isObserver = c < load.observersPerDoc;
				const onMessage = isObserver ? (message: Uint8Array) => this.#receive(id, message) : undefined;
				pending.push(
					openRaw(
						syncUrl(load.ports[c % load.ports.length]!, docName),
						`bench-${id}`,
						onMessage,
						dialect
					).then((socket) => {
						this.clients.push({ socket, doc: new Y.Doc(), docName, id, isObserver, presenceClock: 0 });
					})
				);
				if (pending.length >= 100) await Promise.all(pending.splice(0));
			}
		}
		await Promise.all(pending);
		// Spread every document's clients over the send schedule.
		this.clients.sort((a, b) => (a.id % load.clientsPerDoc) - (b.id % load.clientsPerDoc) || a.id - b.id);
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

	/**
	 * Sends at `rate` per client per second. The schedule is kept by the clock, not by counting
	 * ticks, so a late tick sends what it owes; `scheduled` vs `sent` shows a generator that lags.
	 */
	start(rate: number): void {
		this.stop();
		const dialect = dialectOf(this.load.kind);
		const startedAt = performance.now();
		let sentSinceStart = 0;
		let next = 0;
		this.#rate = rate;
		this.#timer = setInterval(() => {
			const owed = Math.floor(((performance.now() - startedAt) / 1000) * this.clients.length * rate);
			// A late tick pays what it owes, but at most a tenth of a second's worth at once.
			let budget = Math.min(owed - sentSinceStart, Math.ceil(this.clients.length * rate * 0.1));
			sentSinceStart += budget;
			while (budget-- > 0) {
				const client = this.clients[next]!;
				next = (next + 1) % this.clients.length;
				this.#send(client, dialect);
			}
		}, 10);
	}

	#send(client: BenchClient, dialect: ReturnType<typeof dialectOf>): void {
		const key = `${client.id}:${this.#seq++}`;
		client.doc.once('update', (update: Uint8Array) => {
			if (this.#isMeasuring) {
				this.#sentAt.set(key, performance.now());
				const observers = Math.min(this.load.observersPerDoc, this.load.clientsPerDoc);
				this.#expectedObserved += observers - (client.isObserver ? 1 : 0);
				this.#sent += 1;
			}
			client.socket.send(dialect.frame(client.docName, updateMessage(update)));
			if (this.load.presence) client.socket.send(dialect.frame(client.docName, presenceMessage(client)));
		});
		client.doc.getArray('log').push([key]);
	}

	stop(): void {
		clearInterval(this.#timer);
		this.#timer = undefined;
	}

	begin(): void {
		this.#latencies = [];
		this.#observedDeliveries = 0;
		this.#expectedObserved = 0;
		this.#sent = 0;
		this.#sentAt.clear();
		this.#measureStartedAt = performance.now();
		this.#isMeasuring = true;
	}

	/** Called after stop(): the figures of the measured span. */
	end(stoppedAt: number): WorkerFigures {
		this.#isMeasuring = false;
		const seconds = (stoppedAt - this.#measureStartedAt) / 1000;
		return {
			latencies: this.#latencies,
			observedDeliveries: this.#observedDeliveries,
			expectedObserved: this.#expectedObserved,
			sent: this.#sent,
			scheduled: Math.round(seconds * this.clients.length * this.#rate)
		};
	}

	close(): void {
		this.stop();
		for (const client of this.clients) client.socket.terminate();
	}
}

let run: LoadRun | null = null;
let stoppedAt = 0;
const reply = (message: FromWorker) => process.send?.(message);

process.on('message', (message: ToWorker) => {
	switch (message.type) {
		case 'connect':
			run = new LoadRun(message.load);
			run.connect().then(
				() => reply({ type: 'ready' }),
				(error: unknown) => {
					console.error(error);
					process.exit(1);
				}
			);
			return;
		case 'start':
			run?.start(message.rate);
			reply({ type: 'done' });
			return;
		case 'begin':
			run?.begin();
			reply({ type: 'done' });
			return;
		case 'stop':
			run?.stop();
			stoppedAt = performance.now();
			reply({ type: 'done' });
			return;
		case 'end':
			reply({ type: 'figures', figures: run!.end(stoppedAt) });
			return;
		case 'close':
			run?.close();
			process.exit(0);
	}
});
process.setMaxListeners(500);
