/**
 * One live socket: who is on it, what they may do with which document, and how fast they may
 * talk. The token is kept (never logged) only so rights can be re-checked while it is open.
 *
 * Idle connections are many, so one keeps as little as it can: the rate limit is two numbers on
 * the connection (not an object with a clock closure of its own), the presence ids a Set only once
 * the connection announced presence, and the pong listener is one function shared by all sockets.
 */
import { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Access, DocKind } from '../../../src/lib/plp/access';
import type { Principal } from '../contracts';
import { closeReason } from './close-codes';
import type { Framed } from './frame';

export interface ConnectionTarget {
	docName: string;
	kind: DocKind;
	planId: string;
}

/** The message rate every connection may keep up (a token bucket), one object for all of them. */
export interface MessageRate {
	perSecond: number;
	burst: number;
}

const NONE: ReadonlySet<number> = new Set();
/** Which connection a socket belongs to, for the one shared pong listener. */
const connectionOf = new WeakMap<WebSocket, Connection>();
function onPong(this: WebSocket): void {
	const conn = connectionOf.get(this);
	if (conn !== undefined) conn.isAlive = true;
}

export class Connection {
	#awarenessClients: Set<number> | null = null;
	/** Heard from since the last heartbeat ping (see heartbeat.ts). */
	isAlive = true;
	#isClosed = false;
	#tokens: number;
	#lastRefill: number;

	constructor(
		readonly socket: WebSocket,
		readonly principal: Principal,
		readonly token: string,
		readonly target: ConnectionTarget,
		public access: Access,
		private readonly rate: MessageRate
	) {
		this.#tokens = rate.burst;
		this.#lastRefill = performance.now();
		connectionOf.set(socket, this);
		socket.on('pong', onPong);
	}

	/** Awareness client ids this connection has announced, removed from presence when it closes. */
	get awarenessClients(): ReadonlySet<number> {
		return this.#awarenessClients ?? NONE;
	}

	announced(clientId: number): void {
		(this.#awarenessClients ??= new Set()).add(clientId);
	}

	withdrew(clientId: number): void {
		this.#awarenessClients?.delete(clientId);
	}

	/** Takes one message from the bucket; false when the connection is over its rate. */
	takeMessage(): boolean {
		const now = performance.now();
		const { perSecond, burst } = this.rate;
		this.#tokens = Math.min(burst, this.#tokens + ((now - this.#lastRefill) / 1000) * perSecond);
		this.#lastRefill = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	get isClosed(): boolean {
		return this.#isClosed || this.socket.readyState !== this.socket.OPEN;
	}

	send(message: Uint8Array): void {
		if (this.isClosed) return;
		this.socket.send(message);
	}

	/**
	 * Sends several messages as one socket write: the TCP socket is corked around the frames, so
	 * they leave in one writev instead of one syscall each (ws itself has no batch send).
	 */
	sendAll(messages: readonly Uint8Array[]): void {
		if (this.isClosed) return;
		if (messages.length === 1) {
			this.socket.send(messages[0]!);
			return;
		}
		const raw = rawSocketOf(this.socket);
		raw?.cork();
		for (const message of messages) this.socket.send(message);
		raw?.uncork();
	}

	/**
	 * Sends messages framed once for many connections (frame.ts) straight to the TCP socket. Safe
	 * next to ws's own sends because this relay's ws never queues a frame (no compression, no Blob
	 * data: ws writes every frame synchronously), so the order on the wire is the order of calls.
	 */
	sendFramed(messages: readonly Framed[]): void {
		if (this.isClosed || messages.length === 0) return;
		const raw = rawSocketOf(this.socket);
		if (raw === undefined) {
			for (const message of messages) this.socket.send(message.payload);
			return;
		}
		if (messages.length === 1) {
			raw.write(messages[0]!.frame);
			return;
		}
		raw.cork();
		for (const message of messages) raw.write(message.frame);
		raw.uncork();
	}

	/** Runs `send` with the TCP socket corked: whatever it sends leaves in one write. */
	corked(send: () => void): void {
		const raw = rawSocketOf(this.socket);
		raw?.cork();
		try {
			send();
		} finally {
			raw?.uncork();
		}
	}

	close(code: number, reason: string): void {
		if (this.#isClosed) return;
		this.#isClosed = true;
		this.socket.close(code, closeReason(reason));
		// A client that never answers the close handshake must not hold the socket open forever.
		setTimeout(() => this.socket.terminate(), 5_000).unref();
	}

	/** Called when the socket closed from the other side. */
	markClosed(): void {
		this.#isClosed = true;
	}
}

/** ws keeps its net.Socket in `_socket` (not public API, stable since ws 1): used only to cork. */
function rawSocketOf(socket: WebSocket): Socket | undefined {
	const raw = (socket as unknown as { _socket?: unknown })._socket;
	return raw instanceof Socket ? raw : undefined;
}
