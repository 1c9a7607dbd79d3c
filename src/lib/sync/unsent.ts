/**
 * The one writer of a plan's "not sent to the school yet" mark (`PlanEntry.hasUnsyncedChanges`,
 * shown on the start screen and used to send offline changes of plans no longer open).
 *
 * `UnsentMark` watches an open school plan's documents from the moment they are loaded: the first
 * change made on this device marks the plan at once (no timer, so an edit made just before leaving
 * is marked too), and the sync layer clears the mark when the school has confirmed everything.
 * It writes only when the mark changes, never on every keystroke. No sockets here: it loads with
 * the plan, before the sync layer (y-websocket) does.
 */
import type * as Y from 'yjs';
import { localDb } from '../local/db';

export class UnsentMark {
	/** What the plan list holds now, as far as this mark knows (undefined: not written yet). */
	#isUnsent: boolean | undefined;
	#writes: Promise<void> = Promise.resolve();
	#docs: Y.Doc[];

	constructor(
		readonly planId: string,
		docs: Y.Doc[],
		isUnsent?: boolean
	) {
		this.#isUnsent = isUnsent;
		this.#docs = docs;
		for (const doc of docs) doc.on('afterTransaction', this.#onTransaction);
	}

	#onTransaction = (transaction: Y.Transaction) => {
		const client = transaction.doc.clientID;
		if (!transaction.local || transaction.afterState.get(client) === transaction.beforeState.get(client))
			return;
		this.set(true);
	};

	/** Marks the plan (true) or clears the mark (false: the school confirmed every change). */
	set(isUnsent: boolean): void {
		if (this.#isUnsent === isUnsent) return;
		this.#isUnsent = isUnsent;
		this.#writes = this.#writes.then(() =>
			localDb()
				.plans.update(this.planId, { hasUnsyncedChanges: isUnsent })
				.then(
					() => undefined,
					() => undefined // the list is a convenience; the plan itself is already saved
				)
		);
	}

	/** Resolves once every mark so far is written. */
	whenWritten(): Promise<void> {
		return this.#writes;
	}

	/** Stops watching the documents (the plan is closing); writes already started still finish. */
	stop(): Promise<void> {
		for (const doc of this.#docs) doc.off('afterTransaction', this.#onTransaction);
		return this.#writes;
	}
}

/** Clears the mark of a plan whose changes were sent while it was not open (inside a Dexie transaction or not). */
export function recordSent(planId: string): Promise<number> {
	return localDb().plans.update(planId, { hasUnsyncedChanges: false });
}
