/** Helpers for the relay benchmark: the server child process and light raw y-websocket clients. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { encodeAuthToken } from '../src/lib/plp/relay-auth';
import type { ServerStats } from './relay-server';

/**
 * 'pathways-full' is our relay with synchronous=FULL (an fsync per update); 'pathways-pg' and
 * 'pathways-pg-2' are ours on PostgreSQL and Redis as one and two processes (relay-cluster.ts).
 */
export type RelayKind =
	'pathways' | 'pathways-full' | 'pathways-pg' | 'pathways-pg-2' | 'reference' | 'hocuspocus';

const SERVER = fileURLToPath(new URL('./relay-server.ts', import.meta.url));

export interface BenchServer {
	port: number;
	stats(options?: { gc?: boolean; heapSnapshot?: boolean }): Promise<ServerStats>;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (address === null || typeof address === 'string') throw new Error('no port');
	return address.port;
}

export async function startServer(
	kind: RelayKind,
	dataDir: string,
	port?: number,
	/** More environment for the server process (DATABASE_URL, REDIS_URL: relay-cluster.ts). */
	env: Record<string, string> = {}
): Promise<BenchServer> {
	const chosen = port ?? (await freePort());
	// RELAY_BENCH_NODE_ARGS (e.g. "--cpu-prof") goes to the server process, for profiling.
	const extraArgs = (process.env.RELAY_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child: ChildProcess = spawn(
		process.execPath,
		[...extraArgs, '--disable-warning=ExperimentalWarning', '--expose-gc', '--import', 'tsx', SERVER],
		{
			env: {
				...process.env,
				RELAY_KIND: kind === 'pathways-full' ? 'pathways' : kind,
				RELAY_BENCH_DURABILITY: kind === 'pathways-full' ? 'full' : 'normal',
				DATA_DIR: dataDir,
				PORT: String(chosen),
				...env
			},
			stdio: ['ignore', 'pipe', 'inherit', 'ipc']
		}
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		child.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('listening')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
	});
	return {
		port: chosen,
		stats: ({ gc = false, heapSnapshot = false } = {}) =>
			new Promise<ServerStats>((resolve) => {
				child.once('message', (message) => resolve(message as ServerStats));
				child.send(heapSnapshot ? 'heap' : gc ? 'gc' : 'stats');
			}),
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			const hardStop = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(hardStop);
		}
	};
}

export function syncUrl(port: number, docName: string): string {
	return `ws://127.0.0.1:${port}/sync/${docName}`;
}

/**
 * How a relay frames a y-protocols message. y-websocket: one document per socket, the message as
 * is. Hocuspocus: every message starts with the document name, and a token message opens it.
 */
export interface Dialect {
	frame(docName: string, message: Uint8Array): Uint8Array;
	/** The y-protocols message inside a frame from the relay. */
	unframe(frame: Uint8Array): Uint8Array;
	/** What the client sends right after the socket opens. */
	hello(docName: string, token: string): Uint8Array[];
}

const yWebsocket: Dialect = {
	frame: (_docName, message) => message,
	unframe: (frame) => frame,
	// Our relay reads the session token from the first message (src/lib/plp/relay-auth.ts); the
	// reference relay ignores that message type, so every y-websocket relay gets the same frames.
	hello: (_docName, token) => [encodeAuthToken(token), syncStep1Empty()]
};

const hocuspocus: Dialect = {
	frame(docName, message) {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, docName);
		encoding.writeUint8Array(encoder, message);
		return encoding.toUint8Array(encoder);
	},
	unframe(frame) {
		const decoder = decoding.createDecoder(frame);
		decoding.readVarString(decoder);
		return decoding.readTailAsUint8Array(decoder);
	},
	hello(docName, token) {
		const auth = encoding.createEncoder();
		encoding.writeVarUint(auth, 2); // Auth
		encoding.writeVarUint(auth, 0); // Token
		encoding.writeVarString(auth, token);
		return [this.frame(docName, encoding.toUint8Array(auth)), this.frame(docName, syncStep1Empty())];
	}
};

export function dialectOf(kind: RelayKind): Dialect {
	return kind === 'hocuspocus' ? hocuspocus : yWebsocket;
}

/** Opens a raw socket and resolves once the relay has answered something (the handshake is done). */
export function openRaw(
	url: string,
	token: string,
	onMessage?: (data: Uint8Array) => void,
	dialect: Dialect = yWebsocket,
	docName = new URL(url).pathname.replace(/^\/sync\//, '')
): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { perMessageDeflate: false });
		socket.binaryType = 'nodebuffer';
		socket.once('error', reject);
		socket.once('open', () => {
			for (const message of dialect.hello(docName, token)) socket.send(message);
		});
		// Hocuspocus answers the token first; the handshake is done once the document speaks.
		let answers = 0;
		const handshake = () => {
			answers += 1;
			if (dialect === yWebsocket || answers >= 2) {
				socket.off('message', handshake);
				resolve(socket);
			}
		};
		socket.on('message', handshake);
		// A refused connection must fail the bench, not hang it.
		socket.once('close', (code, reason) =>
			reject(new Error(`relay closed the connection: ${code} ${reason.toString()}`))
		);
		if (onMessage) socket.on('message', (data: Buffer) => onMessage(dialect.unframe(data)));
	});
}

function syncStep1Empty(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
	return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** The Yjs update inside a sync update or step 2 message, or null for any other message. */
export function updateOf(message: Uint8Array): Uint8Array | null {
	const decoder = decoding.createDecoder(message);
	if (decoding.readVarUint(decoder) !== 0) return null;
	const syncType = decoding.readVarUint(decoder);
	return syncType === 1 || syncType === 2 ? decoding.readVarUint8Array(decoder) : null;
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
