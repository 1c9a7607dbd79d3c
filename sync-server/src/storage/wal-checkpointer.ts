/**
 * Checkpoints the WAL of a database file from a worker thread on its own connection. Under
 * synchronous=NORMAL the checkpoint is what fsyncs the WAL (it bounds what a power cut can undo),
 * and it waits ~10 ms on the disk: on the main thread that stall would land on every relay
 * message arriving meanwhile. WAL mode lets another connection checkpoint while the server writes.
 */
import { Worker } from 'node:worker_threads';

/** The worker's state, shared so stop() can wait for it synchronously (DocStore.close is synchronous). */
const RUNNING = 0;
const STOPPING = 1;
const DONE = 2;
const STOP_WAIT_MS = 2_000;

// Plain JavaScript, so the worker needs no TypeScript loader. PASSIVE never blocks the writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
const finish = () => {
	Atomics.store(state, 0, ${DONE});
	Atomics.notify(state, 0);
	parentPort.close();
};
if (Atomics.load(state, 0) !== ${RUNNING}) {
	// Stopped before we started: never open the file (it may already be gone).
	finish();
} else {
	// node:sqlite announces itself as experimental; the main thread already chose to use it.
	const emitWarning = process.emitWarning;
	process.emitWarning = (warning, ...rest) =>
		String(warning).includes('SQLite') ? undefined : emitWarning.call(process, warning, ...rest);
	const { DatabaseSync } = require('node:sqlite');
	const db = new DatabaseSync(workerData.path, { timeout: 1000 });
	const checkpoint = () => {
		try {
			db.exec('PRAGMA wal_checkpoint(PASSIVE)');
		} catch {
			// Busy or locked: the next round tries again.
		}
	};
	const timer = setInterval(checkpoint, workerData.intervalMs);
	parentPort.on('message', () => {
		clearInterval(timer);
		checkpoint();
		db.close();
		finish();
	});
}
`;

export interface WalCheckpointer {
	/** Runs a last checkpoint and waits (at most 2 s) until the worker has closed its connection. */
	stop(): void;
}

export function startWalCheckpointer(path: string, intervalMs: number): WalCheckpointer {
	const state = new Int32Array(new SharedArrayBuffer(4));
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { path, intervalMs, state: state.buffer }
	});
	// The server's lifetime is decided elsewhere; this helper must never keep a process alive.
	worker.unref();
	worker.on('error', () => {
		// A failed checkpointer costs only the bound on power-loss exposure; SQLite still
		// checkpoints on its own as the WAL grows.
		Atomics.store(state, 0, DONE);
	});
	return {
		stop() {
			if (Atomics.compareExchange(state, 0, RUNNING, STOPPING) !== RUNNING) return;
			worker.postMessage('stop');
			// Blocking is acceptable once, at shutdown: after this, nothing touches the file, so the
			// caller may close or delete it.
			Atomics.wait(state, 0, STOPPING, STOP_WAIT_MS);
		}
	};
}
