import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { TabQuietProvider } from './tab-provider';
import * as Y from 'yjs';
import { tokenFirstSocket } from '../plp/relay-auth';
import { loadPending, savePending } from '../local/pending-store';
import { Confirmations } from './confirmations';

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;

export interface DocSyncEvents {
	/** Anything observable changed: connection, synced, confirmations. */
	onChange(): void;
	/** The server closed for good: 4401 (sign-in ended) or 4403 (no access any more). */
	onClosed(code: number, reason: string): void;
	/** The server refused a change (a read-only connection). */
	onRefused(reason: string): void;
	/** Over the per-person connection cap (4529): the provider keeps retrying with back-off. */
	onTooManyConnections(): void;
}

/** The relay's close code for "this person has too many connections open" (sync-server/src/relay/close-codes.ts). */
export const CLOSE_TOO_MANY_CONNECTIONS = 4529;

/**
 * One document kept in step with the relay through the standard y-websocket provider. On top of
 * the provider it reads the relay's state vector (sent in answer to each sync request) to know
 * which local changes the server has stored, and asks again shortly after local edits.
 */
export class DocSync {
	readonly provider: WebsocketProvider;
	readonly confirmations: Confirmations;
	/** The relay's state vector has arrived on this connection, so `confirmations` is current. */
	hasServerStateVector = false;
	#askTimer: ReturnType<typeof setTimeout> | undefined;
	#token: string;

	constructor(
		readonly doc: Y.Doc,
		docName: string,
		token: string,
		readonly events: DocSyncEvents
	) {
		this.#token = token;
		this.confirmations = new Confirmations(loadPending(docName), (pending) => savePending(docName, pending));
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		// The token goes in each socket's first message, never in the URL (src/lib/plp/relay-auth.ts).
		this.provider = new TabQuietProvider(`${scheme}://${location.host}/sync`, docName, doc, {
			WebSocketPolyfill: tokenFirstSocket(WebSocket, () => this.#token),
			resyncInterval: 15_000,
			maxBackoffTime: 10_000
		});
		this.#watchServerStateVector();
		this.#watchRefusals();
		this.provider.on('status', () => events.onChange());
		this.provider.on('sync', () => {
			this.#askServer();
			events.onChange();
		});
		this.provider.on('closed', ({ code, reason }) => events.onClosed(code, reason));
		this.provider.on('connection-close', (event) => {
			if (event?.code === CLOSE_TOO_MANY_CONNECTIONS) events.onTooManyConnections();
		});
		doc.on('afterTransaction', this.#onTransaction);
	}

	get isConnected(): boolean {
		return this.provider.wsconnected;
	}

	get isSynced(): boolean {
		return this.provider.synced;
	}

	/** Reconnects with a new token (after signing in again). */
	resume(token: string): void {
		this.#token = token;
		this.provider.connect();
	}

	destroy(): void {
		clearTimeout(this.#askTimer);
		this.doc.off('afterTransaction', this.#onTransaction);
		this.provider.destroy();
		// The provider leaves its awareness running (a 3 s timer and a listener on the document)
		// until the document itself is destroyed; closing the sync ends it here.
		this.provider.awareness.destroy();
	}

	#onTransaction = (transaction: Y.Transaction) => {
		const client = this.doc.clientID;
		const clock = transaction.afterState.get(client) ?? 0;
		if (!transaction.local || clock === (transaction.beforeState.get(client) ?? 0)) return;
		this.confirmations.recordLocal(client, clock);
		this.events.onChange();
		this.#scheduleAsk();
	};

	#scheduleAsk(): void {
		clearTimeout(this.#askTimer);
		this.#askTimer = setTimeout(() => this.#askServer(), 400);
	}

	/** Sends sync step 1: the relay answers with what we lack and with its own state vector. */
	#askServer(): void {
		const ws = this.provider.ws;
		if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		ws.send(encoding.toUint8Array(encoder));
	}

	#watchServerStateVector(): void {
		const handle = this.provider.messageHandlers[MESSAGE_SYNC];
		if (!handle) return;
		this.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, type) => {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
				const server = Y.decodeStateVector(decoding.readVarUint8Array(peek));
				const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
				this.confirmations.serverHas(server, local);
				this.hasServerStateVector = true;
				if (this.confirmations.count > 0) this.#scheduleAsk();
				this.events.onChange();
			}
			handle(encoder, decoder, provider, emitSynced, type);
		};
	}

	/** Replaces the provider's handler, which prints the socket's URL to the console. */
	#watchRefusals(): void {
		this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
			decoding.readVarUint(decoder); // permission-denied marker
			this.events.onRefused(decoding.readVarString(decoder));
		};
	}
}
