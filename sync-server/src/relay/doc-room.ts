/**
 * One loaded document and the connections editing it. The write path is the heart of the relay:
 * check the right, append durably, apply, broadcast — in that order, all synchronously, so no
 * other client can ever see an update that is not yet committed.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import type { DocStore } from '../contracts';
import type { AuditThrottle } from './audit-throttle';
import type { Connection } from './connection';
import { stampPresence } from './presence-stamp';
import {
	encodeAwareness,
	encodePermissionDenied,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	isEmptyUpdate,
	type ClientMessage
} from './protocol';

export const READ_ONLY_REASON = 'read-only: your change was not saved';

/** The store refused a write: the connection is closed as a server error and the client resends later. */
export class StorageError extends Error {}

export class DocRoom {
	// No garbage collection: clients rebuild past revisions from the history (src/lib/plp/revisions.ts),
	// which must survive the trip through the relay.
	readonly doc = new Y.Doc(PLAN_DOC_OPTIONS);
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Set<Connection>();
	/** Updates in the store's log for this document, to know when to compact. */
	#storedCount: number;
	/** What the document holds, for judging readers' updates; rebuilt only after the document changed. */
	#snapshot: Y.Snapshot | null = null;

	constructor(
		readonly name: string,
		private readonly store: DocStore,
		private readonly audit: AuditThrottle,
		private readonly compactAfterUpdates: number,
		private readonly log: FastifyBaseLogger
	) {
		// The server has no presence of its own.
		this.awareness.setLocalState(null);
		const updates = store.loadUpdates(name);
		this.#storedCount = updates.length;
		Y.transact(this.doc, () => {
			for (const update of updates) Y.applyUpdate(this.doc, update);
		});
		this.doc.on('update', this.#broadcastUpdate);
		this.awareness.on('update', this.#broadcastAwareness);
		if (this.#storedCount > compactAfterUpdates) this.#compactQuietly();
	}

	add(conn: Connection): void {
		this.connections.add(conn);
		conn.send(encodeSyncStep1(this.doc));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
		}
	}

	remove(conn: Connection): void {
		if (!this.connections.delete(conn)) return;
		if (conn.awarenessClients.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
		}
	}

	receive(conn: Connection, message: ClientMessage): void {
		switch (message.type) {
			case 'sync-step-1':
				conn.send(encodeSyncStep2(this.doc, message.stateVector));
				// Our state vector tells the client which of its changes are stored (every update is
				// committed before it is applied), so the app can say "synced" truthfully. The
				// y-websocket provider answers it with anything we still lack. See
				// docs/decisions/0004-sync-confirmation.md.
				conn.send(encodeSyncStep1(this.doc));
				return;
			case 'sync-step-2':
			case 'update':
				this.#receiveUpdate(conn, message.update, message.type === 'sync-step-2');
				return;
			case 'awareness': {
				// Readers may show presence too; awareness is never stored. Who they are comes
				// from their sign-in, not from what they claim (presence-stamp.ts).
				const stamped = stampPresence(message.update, conn, this.connections);
				if (stamped !== null) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, conn);
				return;
			}
			case 'query-awareness':
				conn.send(
					encodeAwareness(
						awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])
					)
				);
				return;
			case 'auth':
				return;
		}
	}

	#receiveUpdate(conn: Connection, update: Uint8Array, isSyncAnswer: boolean): void {
		if (isEmptyUpdate(update)) return;
		const { principal, target } = conn;
		// A sync step 2 (the answer to our state vector) often repeats what we have: storing it
		// again would only grow the log. Plain updates are new by nature and skip this check.
		if (conn.access === 'write' && isSyncAnswer && this.#hasAlready(update)) return;
		if (conn.access !== 'write') {
			// A reader's sync step 2 repeats what we already have (its delete set at least): only
			// an update that would change the document is a write attempt worth reporting.
			if (this.#hasAlready(update)) return;
			conn.send(encodePermissionDenied(READ_ONLY_REASON));
			this.audit.record(
				principal.userId,
				target.kind,
				target.planId,
				'denied',
				'write on a read-only connection'
			);
			return;
		}
		try {
			this.store.appendUpdate(this.name, update);
		} catch (error) {
			throw new StorageError(error instanceof Error ? error.message : String(error));
		}
		this.#storedCount += 1;
		// Applying with the connection as origin lets the broadcast skip the sender.
		Y.applyUpdate(this.doc, update, conn);
		this.audit.record(principal.userId, target.kind, target.planId, 'change');
		if (this.#storedCount > this.compactAfterUpdates) this.#compactQuietly();
	}

	#hasAlready(update: Uint8Array): boolean {
		this.#snapshot ??= Y.snapshot(this.doc);
		return Y.snapshotContainsUpdate(this.#snapshot, update);
	}

	/** An update the server makes itself (an imported archive): stored first, then sent to every connection. */
	applyServerUpdate(update: Uint8Array): void {
		this.store.appendUpdate(this.name, update);
		this.#storedCount += 1;
		Y.applyUpdate(this.doc, update, null);
	}

	/** Replaces the stored log by one merged update. Safe to call at any time; a no-op for short logs. */
	compact(): void {
		const updates = this.store.loadUpdates(this.name);
		this.#storedCount = updates.length;
		if (updates.length < 2) return;
		this.store.compact(this.name, Y.mergeUpdates(updates), updates.length);
		this.#storedCount = 1;
	}

	/** A failed compaction loses nothing (the log is intact), so it is logged, not thrown at a client. */
	#compactQuietly(): void {
		try {
			this.compact();
		} catch (error) {
			this.log.warn({ err: error, doc: this.name }, 'compaction failed; the update log is kept as it was');
		}
	}

	destroy(): void {
		this.doc.off('update', this.#broadcastUpdate);
		this.awareness.off('update', this.#broadcastAwareness);
		// Awareness runs a timer to expire stale presence; it must stop or the process never idles.
		this.awareness.destroy();
		this.doc.destroy();
		this.connections.clear();
	}

	/** Yjs emits only what actually changed, so duplicates and pending structs are never echoed. */
	readonly #broadcastUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#snapshot = null;
		const message = encodeUpdate(update);
		for (const conn of this.connections) {
			if (conn !== origin) conn.send(message);
		}
	};

	readonly #broadcastAwareness = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...changes.added, ...changes.updated, ...changes.removed];
		if (this.connections.has(origin as Connection)) {
			const conn = origin as Connection;
			for (const id of [...changes.added, ...changes.updated]) conn.awarenessClients.add(id);
			for (const id of changes.removed) conn.awarenessClients.delete(id);
		}
		const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		for (const conn of this.connections) conn.send(message);
	};
}
