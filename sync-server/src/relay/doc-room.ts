/**
 * One loaded document and the connections editing it. The write path is the heart of the relay:
 * check the right, queue the update for this turn's group commit (group-commit.ts), and only once
 * the transaction committed apply it and send it on — so no client can ever see an update (in a
 * broadcast, a sync step 2 or a state vector) that is not yet committed.
 *
 * Fan-out is coalesced: what the document receives in one turn goes to each connection as ONE
 * update message (Y.mergeUpdates of everything that changed, minus the connection's own edits)
 * and ONE presence message, written to the socket together (Connection.sendAll).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import { parseDocName } from '../../../src/lib/plp/access';
import type { DecodedUpdate } from '../../../src/lib/plp/revision-guard';
import type { AsyncDocStore, FanOut } from '../contracts';
import { REVISION_KEPT_REASON, RevisionGuard } from '../plans/revision-guard';
import type { AuditThrottle } from './audit-throttle';
import { CloseCode } from './close-codes';
import type { Connection } from './connection';
import type { GroupCommit, TurnRoom } from './group-commit';
import { framed, type Framed } from './frame';
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

/** The origin of what another relay process sent (through the fan-out): never published again. */
export const REMOTE = Symbol('another relay process');

/**
 * Above this many different senders in one turn, senders get the whole merge (their own edits
 * included, which Yjs ignores) instead of one merge each. Three senders in one turn means a hot
 * document, where a merge per sender costs more than the echo it saves (the references echo
 * everything always); with one or two, "the others' edits" is usually one update, no merge at all.
 */
const MAX_SENDER_MERGES = 2;

interface TurnChange {
	update: Uint8Array;
	origin: unknown;
}

export class DocRoom implements TurnRoom {
	// No garbage collection: clients rebuild past revisions from the history (src/lib/plp/revisions.ts),
	// which must survive the trip through the relay.
	readonly doc = new Y.Doc(PLAN_DOC_OPTIONS);
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Set<Connection>();
	/** Updates in the store's log for this document, to know when to compact. */
	#storedCount: number;
	/** What the document holds, for judging readers' updates; rebuilt only after the document changed. */
	#snapshot: Y.Snapshot | null = null;
	/** Writes of this room waiting for this turn's commit. */
	#pendingWrites = 0;
	/** What changed this turn (after commit), to send merged at the end of the turn. */
	#changes: TurnChange[] = [];
	/** Presence client ids that changed this turn. */
	#awarenessChanged = new Set<number>();
	/** Sync step 1 answers held until this turn's writes are committed, so they cover them. */
	#deferredAnswers: { conn: Connection; stateVector: Uint8Array }[] = [];
	#isDestroyed = false;
	#compacting: Promise<void> | null = null;
	/** Presence client ids changed here this turn (not by another process, not timed out): told to the other processes. */
	#localPresence = new Set<number>();
	/** Plans keep their recorded revisions as they were; family documents have none. */
	readonly #revisionGuard: RevisionGuard | null;

	/** Loads the document's stored log; the room exists only once it is read. */
	static async load(
		name: string,
		store: AsyncDocStore,
		commits: GroupCommit,
		audit: AuditThrottle,
		compactAfterUpdates: number,
		log: FastifyBaseLogger,
		fanOut: FanOut
	): Promise<DocRoom> {
		const updates = await store.loadUpdates(name);
		return new DocRoom(name, updates, store, commits, audit, compactAfterUpdates, log, fanOut);
	}

	private constructor(
		readonly name: string,
		updates: readonly Uint8Array[],
		private readonly store: AsyncDocStore,
		private readonly commits: GroupCommit,
		private readonly audit: AuditThrottle,
		private readonly compactAfterUpdates: number,
		private readonly log: FastifyBaseLogger,
		private readonly fanOut: FanOut
	) {
		this.#revisionGuard = parseDocName(name)?.kind === 'plan' ? new RevisionGuard() : null;
		// The server has no presence of its own.
		this.awareness.setLocalState(null);
		this.#storedCount = updates.length;
		Y.transact(this.doc, () => {
			for (const update of updates) Y.applyUpdate(this.doc, update);
		});
		this.doc.on('update', this.#collectUpdate);
		this.awareness.on('update', this.#collectAwareness);
		if (this.#storedCount > compactAfterUpdates) this.#compactQuietly();
	}

	/**
	 * Adds a connection and greets it with our sync step 1 and the current presence. When the
	 * client's own sync step 1 is already waiting (`answersFollow`), the greeting leaves out the
	 * step 1: the answer to the client's carries one (#answerSyncStep1), and sending it twice only
	 * makes the client answer twice.
	 */
	add(conn: Connection, answersFollow = false): void {
		this.connections.add(conn);
		const states = this.awareness.getStates();
		const greeting = answersFollow ? [] : [encodeSyncStep1(this.doc)];
		if (states.size > 0)
			greeting.push(
				encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))
			);
		if (greeting.length > 0) conn.sendAll(greeting);
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
				// Answered after this turn's commit when writes are waiting, so the state vector
				// covers them; otherwise at once.
				if (this.#pendingWrites > 0) this.#deferredAnswers.push({ conn, stateVector: message.stateVector });
				else conn.sendAll(this.#answerSyncStep1(message.stateVector));
				return;
			case 'sync-step-2':
			case 'update':
				this.#receiveUpdate(conn, message.update, message.type === 'sync-step-2', message.decoded);
				return;
			case 'awareness':
				this.#receiveAwareness(conn, message.update);
				return;
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

	/**
	 * Our sync step 2 (what the client lacks) and our state vector. The state vector tells the
	 * client which of its changes are stored (every update is committed before it is applied), so
	 * the app can say "synced" truthfully; the y-websocket provider answers it with anything we
	 * still lack. See docs/decisions/0004-sync-confirmation.md.
	 */
	#answerSyncStep1(stateVector: Uint8Array): Uint8Array[] {
		return [encodeSyncStep2(this.doc, stateVector), encodeSyncStep1(this.doc)];
	}

	/**
	 * Every incoming presence update goes through here. Readers may show presence too; awareness
	 * is never stored. This is the place to check or stamp a state against `conn.principal`.
	 */
	#receiveAwareness(conn: Connection, update: Uint8Array): void {
		// Who they are comes from their sign-in, not from what they claim (presence-stamp.ts).
		const stamped = stampPresence(update, conn, this.connections);
		if (stamped !== null) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, conn);
	}

	#receiveUpdate(conn: Connection, update: Uint8Array, isSyncAnswer: boolean, decoded?: DecodedUpdate): void {
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
		if (this.#revisionGuard !== null && this.#revisionGuard.check(this.doc, update, decoded) !== null) {
			// Nothing of it is stored or sent on; the rest of the plan and everyone else's work stay.
			this.audit.record(
				principal.userId,
				target.kind,
				target.planId,
				'denied',
				'change of a recorded revision'
			);
			conn.close(CloseCode.revisionKept, REVISION_KEPT_REASON);
			return;
		}
		this.#pendingWrites += 1;
		this.commits.write(this, conn, update);
		this.audit.record(principal.userId, target.kind, target.planId, 'change');
	}

	applyCommitted(update: Uint8Array, origin: unknown): void {
		this.#pendingWrites -= 1;
		this.#storedCount += 1;
		// Applying with the connection as origin lets the fan-out skip the sender.
		Y.applyUpdate(this.doc, update, origin);
		if (this.#pendingWrites === 0) this.#revisionGuard?.settled();
	}

	commitFailed(origin: unknown, error: unknown): void {
		this.#pendingWrites -= 1;
		if (this.#pendingWrites === 0) this.#revisionGuard?.settled();
		this.log.error({ err: error, doc: this.name }, 'could not store an update');
		const conn = origin as Connection;
		conn.close(CloseCode.serverError, 'the server could not save your change: it will be sent again');
	}

	#hasAlready(update: Uint8Array): boolean {
		this.#snapshot ??= Y.snapshot(this.doc);
		return Y.snapshotContainsUpdate(this.#snapshot, update);
	}

	/** A committed update stored outside this room (another process, or the server itself): applied and sent on like our own, never published again. */
	applyRemote(update: Uint8Array): void {
		if (this.#isDestroyed) return;
		this.#storedCount += 1;
		Y.applyUpdate(this.doc, update, REMOTE);
	}

	/** Presence from a connection of another process (already stamped there). */
	applyRemotePresence(presence: Uint8Array): void {
		if (this.#isDestroyed) return;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, presence, REMOTE);
	}

	/** The stored log again, after the link to the other processes was down (Yjs skips what it has). */
	applyStored(updates: readonly Uint8Array[]): void {
		if (this.#isDestroyed) return;
		Y.transact(
			this.doc,
			() => {
				for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE);
			},
			REMOTE
		);
	}

	/** Tells the other processes what changed here this turn: committed updates only (they were applied after their commit). */
	#publish(changes: readonly TurnChange[]): void {
		const own = changes.filter((change) => change.origin !== REMOTE);
		if (own.length > 0) {
			this.fanOut.publishUpdate(this.name, merge(own)).catch((error: unknown) => {
				// Stored already: other processes get it when their clients sync or the link resumes.
				this.log.warn(
					{ err: error, doc: this.name },
					'could not tell the other relay processes of an update'
				);
			});
		}
		if (this.#localPresence.size > 0) {
			const presence = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.#localPresence]);
			this.#localPresence.clear();
			this.fanOut.publishPresence(this.name, presence).catch((error: unknown) => {
				this.log.warn({ err: error, doc: this.name }, 'could not tell the other relay processes of presence');
			});
		}
	}

	/** Sends this turn's merged changes, merged presence and held answers; one write per connection. */
	flushTurn(): void {
		if (this.#isDestroyed) return;
		// What every connection gets alike is framed once (frame.ts); what differs per connection
		// (a sender's merge without its own edits, held sync answers) is the exception. Nothing is
		// built for what did not happen this turn: most turns carry one update and nothing else.
		const changes = this.#changes;
		this.#changes = [];
		this.#publish(changes);
		const merged = changes.length > 0 ? framed(encodeUpdate(merge(changes))) : null;
		const senders = changes.length === 1 ? null : new Set(changes.map((change) => change.origin));
		const mergeEach = (senders?.size ?? 1) <= MAX_SENDER_MERGES;
		let presence: Framed | null = null;
		if (this.#awarenessChanged.size > 0) {
			presence = framed(
				encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.#awarenessChanged]))
			);
			this.#awarenessChanged.clear();
		}
		// Held answers wait until every write of this room is committed and applied, so their state
		// vector covers them (a commit may span turns with an asynchronous store).
		const answers =
			this.#deferredAnswers.length > 0 && this.#pendingWrites === 0 ? this.#takeDeferredAnswers() : null;
		const shared =
			merged !== null && presence !== null
				? [merged, presence]
				: merged !== null
					? [merged]
					: presence !== null
						? [presence]
						: null;
		for (const conn of this.connections) {
			let own = shared;
			if (merged !== null && mergeEach && isSender(conn, changes, senders)) {
				// A sender gets what the others changed, not its own edits back.
				const others = changes.length === 1 ? [] : changes.filter((change) => change.origin !== conn);
				const update = others.length > 0 ? [framed(encodeUpdate(merge(others)))] : [];
				own = presence !== null ? [...update, presence] : update;
			}
			const held = answers?.get(conn);
			if (held === undefined) {
				if (own !== null && own.length > 0) conn.sendFramed(own);
				continue;
			}
			conn.corked(() => {
				if (own !== null) conn.sendFramed(own);
				conn.sendAll(held);
			});
		}
		if (this.#storedCount > this.compactAfterUpdates) this.#compactQuietly();
	}

	/** The sync step 1 answers held for this turn's commit, per connection, in the order asked. */
	#takeDeferredAnswers(): Map<Connection, Uint8Array[]> {
		const answers = new Map<Connection, Uint8Array[]>();
		for (const { conn, stateVector } of this.#deferredAnswers) {
			const list = answers.get(conn) ?? [];
			list.push(...this.#answerSyncStep1(stateVector));
			answers.set(conn, list);
		}
		this.#deferredAnswers = [];
		return answers;
	}

	/**
	 * Merges the stored log into one update (the store merges what it reads, so updates of other
	 * processes are kept). Safe to call at any time; a no-op for short logs; one at a time.
	 */
	async compact(): Promise<void> {
		if (this.#compacting !== null) return this.#compacting;
		this.#compacting = (async () => {
			try {
				const before = this.#storedCount;
				const replaced = await this.store.compact(this.name);
				// Appends committed meanwhile stay after the merged one.
				if (replaced > 0) this.#storedCount = Math.max(1, this.#storedCount - before + 1);
			} finally {
				this.#compacting = null;
			}
		})();
		return this.#compacting;
	}

	/** A failed compaction loses nothing (the log is intact), so it is logged, not thrown at a client. */
	#compactQuietly(): void {
		if (this.#compacting !== null) return;
		this.compact().catch((error: unknown) => {
			this.log.warn({ err: error, doc: this.name }, 'compaction failed; the update log is kept as it was');
		});
	}

	destroy(): void {
		this.#isDestroyed = true;
		this.doc.off('update', this.#collectUpdate);
		this.awareness.off('update', this.#collectAwareness);
		// Awareness runs a timer to expire stale presence; it must stop or the process never idles.
		this.awareness.destroy();
		this.doc.destroy();
		this.connections.clear();
	}

	/** Yjs emits only what actually changed, so duplicates and pending structs are never echoed. */
	readonly #collectUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#snapshot = null;
		this.#changes.push({ update, origin });
		this.commits.markDirty(this);
	};

	readonly #collectAwareness = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		if (this.connections.has(origin as Connection)) {
			const conn = origin as Connection;
			for (const id of changes.added) conn.announced(id);
			for (const id of changes.updated) conn.announced(id);
			for (const id of changes.removed) conn.withdrew(id);
		}
		for (const id of changes.added) this.#awarenessChanged.add(id);
		for (const id of changes.updated) this.#awarenessChanged.add(id);
		for (const id of changes.removed) this.#awarenessChanged.add(id);
		// What another process told us, or what timed out here (it times out there too), is not told again.
		if (origin !== REMOTE && origin !== 'timeout') {
			for (const id of changes.added) this.#localPresence.add(id);
			for (const id of changes.updated) this.#localPresence.add(id);
			for (const id of changes.removed) this.#localPresence.add(id);
		}
		this.commits.markDirty(this);
	};
}

/** Whether `conn` sent one of this turn's changes (`senders` is null when there is one change). */
function isSender(conn: Connection, changes: readonly TurnChange[], senders: Set<unknown> | null): boolean {
	return senders === null ? changes[0]!.origin === conn : senders.has(conn);
}

function merge(changes: readonly TurnChange[]): Uint8Array {
	return changes.length === 1 ? changes[0]!.update : Y.mergeUpdates(changes.map((change) => change.update));
}
