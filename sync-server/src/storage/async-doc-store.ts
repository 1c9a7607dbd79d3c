/**
 * A synchronous DocStore (SQLite) seen through the asynchronous contract, so one relay write path
 * and one conformance suite serve every engine. Each call runs the store's own synchronous method:
 * it has committed before its promise resolves, and a throw becomes a rejection.
 */
import * as Y from 'yjs';
import type { AsyncDocStore, DocStore, StoredUpdate } from '../contracts';

export class SyncDocStoreAdapter implements AsyncDocStore {
	#isClosed = false;

	/** `onClose` runs after the store closed (e.g. closing the database the caller opened for it). */
	constructor(
		private readonly store: DocStore,
		private readonly onClose: () => void = () => {}
	) {}

	async loadUpdates(docName: string): Promise<Uint8Array[]> {
		return this.store.loadUpdates(docName);
	}

	async appendUpdates(entries: readonly StoredUpdate[]): Promise<void> {
		this.store.appendUpdates(entries);
	}

	/**
	 * Read, merge and replace run in one synchronous step, and one process owns the SQLite file, so
	 * nothing can be appended in between: the first `updates.length` stored are the ones merged.
	 */
	async compact(docName: string): Promise<number> {
		const updates = this.store.loadUpdates(docName);
		if (updates.length < 2) return 0;
		this.store.compact(docName, Y.mergeUpdates(updates), updates.length);
		return updates.length;
	}

	async countUpdates(docName: string): Promise<number> {
		return this.store.countUpdates(docName);
	}

	async newestSeq(docName: string): Promise<number> {
		return this.store.newestSeq(docName);
	}

	/** Synchronous calls cannot still be running, so there is nothing to wait for. */
	async close(): Promise<void> {
		if (this.#isClosed) return;
		this.#isClosed = true;
		this.store.close();
		this.onClose();
	}
}
