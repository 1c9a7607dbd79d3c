/**
 * Group commit and the end of a turn. Every update a writer sends during one turn of the event
 * loop waits here; at the end of the turn (`setImmediate` runs after every socket read of the
 * poll phase) all of them, of every document, are appended in ONE transaction, and only once the
 * store says it committed are they applied to their documents and sent on. Rooms that have
 * something to send (merged updates, merged presence, deferred answers) flush after that commit,
 * once per turn.
 *
 * The store is asynchronous (AsyncDocStore: SQLite through an adapter, or PostgreSQL). One commit
 * is in flight at a time: writes arriving while it runs wait for the next one, so a slow commit
 * (a round trip to PostgreSQL) makes the next batch larger rather than the commits more. With
 * SQLite the adapter has committed before its promise is even returned, so a turn still costs one
 * commit and one send per connection, as before.
 *
 * Nothing is applied before its commit, so no broadcast, sync step 2 or state vector can ever
 * include an update a crash could still lose.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AsyncDocStore } from '../contracts';

/** What group commit needs from a room: the name it stores under and what to do after the commit. */
export interface TurnRoom {
	readonly name: string;
	/** The batch holding this write committed: apply it (the room's outbox collects what changed). */
	applyCommitted(update: Uint8Array, origin: unknown): void;
	/** The batch holding this write failed: nothing of it was stored or applied. */
	commitFailed(origin: unknown, error: unknown): void;
	/** Sends what the room gathered this turn. */
	flushTurn(): void;
}

interface PendingWrite {
	room: TurnRoom;
	origin: unknown;
	update: Uint8Array;
}

export class GroupCommit {
	#writes: PendingWrite[] = [];
	#dirty = new Set<TurnRoom>();
	#isScheduled = false;
	/** The commit in flight, if any; the next batch starts when it settles. */
	#committing: Promise<void> | null = null;
	/** Work to do after this turn's commit and sends (audit records), off the message path. */
	#after: (() => void)[] = [];

	constructor(
		private readonly store: AsyncDocStore,
		private readonly log: FastifyBaseLogger
	) {}

	/** Queues a checked update for the next transaction. */
	write(room: TurnRoom, origin: unknown, update: Uint8Array): void {
		this.#writes.push({ room, origin, update });
		this.markDirty(room);
	}

	/** The room has something to send at the end of this turn. */
	markDirty(room: TurnRoom): void {
		this.#dirty.add(room);
		this.#schedule();
	}

	/** Runs `task` at the end of this turn, after the commit and the sends. */
	afterTurn(task: () => void): void {
		this.#after.push(task);
		this.#schedule();
	}

	/** Resolves once every write queued so far is committed (or failed), applied and sent (clean shutdown, unload). */
	async drain(): Promise<void> {
		for (;;) {
			if (this.#committing !== null) await this.#committing;
			else if (this.#writes.length > 0 || this.#dirty.size > 0 || this.#after.length > 0) this.#flush();
			else return;
		}
	}

	/** The end of a turn: starts the commit of what waits, or sends when there is nothing to commit. */
	#flush(): void {
		this.#isScheduled = false;
		// The commit in flight sends when it settles, and then starts the next batch.
		if (this.#committing !== null) return;
		const writes = this.#writes;
		if (writes.length === 0) {
			this.#send();
			return;
		}
		this.#writes = [];
		let stored: Promise<void>;
		try {
			stored = this.store.appendUpdates(writes.map(({ room, update }) => ({ docName: room.name, update })));
		} catch (error) {
			stored = Promise.reject(error);
		}
		this.#committing = stored.then(
			() => this.#settle(writes, null),
			(error: unknown) => this.#settle(writes, error ?? new Error('commit failed'))
		);
	}

	#settle(writes: PendingWrite[], error: unknown): void {
		this.#committing = null;
		if (error === null) {
			for (const write of writes) write.room.applyCommitted(write.update, write.origin);
		} else {
			for (const write of writes) write.room.commitFailed(write.origin, error);
		}
		this.#send();
		// Writes that arrived while this commit ran go in the next one, at once.
		if (this.#writes.length > 0) this.#flush();
	}

	#send(): void {
		const dirty = this.#dirty;
		this.#dirty = new Set();
		for (const room of dirty) {
			try {
				room.flushTurn();
			} catch (error) {
				this.log.error({ err: error, doc: room.name }, 'could not send a turn of changes');
			}
		}
		const after = this.#after;
		this.#after = [];
		for (const task of after) {
			try {
				task();
			} catch (error) {
				this.log.error({ err: error }, 'deferred relay task failed');
			}
		}
	}

	#schedule(): void {
		if (this.#isScheduled) return;
		this.#isScheduled = true;
		setImmediate(() => this.#flush());
	}
}
