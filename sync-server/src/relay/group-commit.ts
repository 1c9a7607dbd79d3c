/**
 * Group commit and the end of a turn. Every update a writer sends during one turn of the event
 * loop waits here; at the end of the turn (`setImmediate` runs after every socket read of the
 * poll phase) all of them, of every document, are appended in ONE transaction, and only then
 * applied to their documents and sent on. Rooms that have something to send (merged updates,
 * merged presence, deferred answers) flush after that commit, once per turn.
 *
 * One SQLite commit per turn instead of one per update is the point: a commit costs tens of
 * microseconds however many rows it holds. And since nothing is applied before its commit, no
 * broadcast, sync step 2 or state vector can ever include an update a crash could still lose.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { DocStore } from '../contracts';

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
	/** Work to do after this turn's commit and sends (audit records), off the message path. */
	#after: (() => void)[] = [];

	constructor(
		private readonly store: DocStore,
		private readonly log: FastifyBaseLogger
	) {}

	/** Queues a checked update for this turn's transaction. */
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

	/** Commits, applies and sends now (the end of the turn, or a clean shutdown). */
	flush(): void {
		this.#isScheduled = false;
		const writes = this.#writes;
		this.#writes = [];
		if (writes.length > 0) this.#commit(writes);
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

	#commit(writes: PendingWrite[]): void {
		try {
			this.store.appendUpdates(writes.map(({ room, update }) => ({ docName: room.name, update })));
		} catch (error) {
			for (const write of writes) write.room.commitFailed(write.origin, error);
			return;
		}
		for (const write of writes) write.room.applyCommitted(write.update, write.origin);
	}

	#schedule(): void {
		if (this.#isScheduled) return;
		this.#isScheduled = true;
		setImmediate(() => this.flush());
	}
}
