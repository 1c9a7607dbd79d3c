import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import * as Y from 'yjs';
import { docName, type DocKind } from '../plp/access';
import { PLAN_DOC_OPTIONS } from '../plp/revisions';
import { savePending } from './pending-store';

/**
 * A Yjs document kept in IndexedDB on this device. y-indexeddb writes every update as it happens;
 * `whenSaved()` tells when those writes have committed, so the app only says "saved" when it is.
 */
export class LocalDoc {
	// History is kept (no garbage collection) so revisions can show the plan as it stood.
	readonly doc = new Y.Doc(PLAN_DOC_OPTIONS);
	readonly persistence: IndexeddbPersistence;

	constructor(readonly name: string) {
		const persistence = new IndexeddbPersistence(name, this.doc);
		this.persistence = persistence;
		// While the device copy is read in, nothing listens for the document's updates: Yjs encodes
		// every transaction as an update message when anyone does, and y-indexeddb would only drop the
		// one its own read makes (~150 ms of opening a five-year plan at 4× CPU throttling). Nothing is
		// lost: right before it reads, y-indexeddb stores the document's own state (any change made
		// before then), and it emits 'synced' right after the read, before anything else can run.
		this.doc.off('update', persistence._storeUpdate);
		persistence.once('synced', () => this.doc.on('update', persistence._storeUpdate));
	}

	/** Resolves once everything stored on this device is in the document. */
	async load(): Promise<void> {
		await this.persistence.whenSynced;
	}

	/**
	 * Resolves when every update made so far is committed to IndexedDB. IndexedDB runs transactions
	 * on one store in the order they were created, so a read transaction opened now completes only
	 * after y-indexeddb's earlier write transactions have committed.
	 */
	whenSaved(): Promise<void> {
		const db = this.persistence.db;
		if (!db) return this.load();
		return new Promise((resolve, reject) => {
			const tx = db.transaction('updates', 'readonly');
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
			tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
		});
	}

	async close(): Promise<void> {
		await this.persistence.destroy();
		this.doc.destroy();
	}
}

export function openLocalDoc(kind: DocKind, planId: string): LocalDoc {
	return new LocalDoc(docName(kind, planId));
}

export async function clearLocalDoc(name: string): Promise<void> {
	await clearDocument(name);
}

/** Removes both documents of a plan from this device. */
export async function clearLocalPlan(planId: string): Promise<void> {
	for (const kind of ['plan', 'family'] as const) savePending(docName(kind, planId), []);
	await Promise.all([clearDocument(docName('plan', planId)), clearDocument(docName('family', planId))]);
}
