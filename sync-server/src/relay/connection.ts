/**
 * One live socket: who is on it, what they may do with which document, and how fast they may
 * talk. The token is kept (never logged) only so rights can be re-checked while it is open.
 */
import { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Access, DocKind } from '../../../src/lib/plp/access';
import type { Principal } from '../contracts';
import { closeReason } from './close-codes';
import { TokenBucket } from './token-bucket';

export interface ConnectionTarget {
	docName: string;
	kind: DocKind;
	planId: string;
}

export class Connection {
	/** Awareness client ids this connection has announced, removed from presence when it closes. */
	readonly awarenessClients = new Set<number>();
	readonly rate: TokenBucket;
	/** Heard from since the last heartbeat ping (see heartbeat.ts). */
	isAlive = true;
	#isClosed = false;

	constructor(
		readonly socket: WebSocket,
		readonly principal: Principal,
		readonly token: string,
		readonly target: ConnectionTarget,
		public access: Access,
		rate: { perSecond: number; burst: number }
	) {
		this.rate = new TokenBucket(rate.perSecond, rate.burst);
		socket.on('pong', () => (this.isAlive = true));
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
