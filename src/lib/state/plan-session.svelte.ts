import type * as Y from 'yjs';
import { localDb } from '../local/db';
import { openLocalDoc, type LocalDoc } from '../local/plan-storage';
import { FamilyPart } from '../plp/family';
import { Plan } from '../plp/plan';
import { openSessions } from './open-sessions';

export type SaveState = 'loading' | 'saving' | 'saved' | 'error' | 'too-new' | 'not-found';

/**
 * One open plan in the editor: its two documents from this device, whether every change is
 * saved, and a `version` that ticks on every change so views re-read the plan.
 */
export class PlanSession {
	state = $state<SaveState>('loading');
	/** When the last change was stored on this device (ms since 1970). */
	lastSavedAt = $state<number | null>(null);
	/** Ticks on every change to the plan or its family part; read it in a $derived to follow changes. */
	version = $state(0);
	plan = $state.raw<Plan | null>(null);
	family = $state.raw<FamilyPart | null>(null);

	#docs: LocalDoc[] = [];
	#pendingSaves = 0;
	#catalogTimer: ReturnType<typeof setTimeout> | undefined;
	#isClosed = false;

	constructor(readonly planId: string) {}

	get isEditable(): boolean {
		return this.state === 'saving' || this.state === 'saved';
	}

	get hasPendingSaves(): boolean {
		return this.#pendingSaves > 0;
	}

	async open(): Promise<void> {
		openSessions.add(this);
		const planDoc = openLocalDoc('plan', this.planId);
		const familyDoc = openLocalDoc('family', this.planId);
		this.#docs = [planDoc, familyDoc];
		await Promise.all(this.#docs.map((d) => d.load()));
		if (this.#isClosed) return;

		const { plan, migration } = Plan.open(planDoc.doc);
		if (migration.status === 'empty') {
			this.state = 'not-found';
			return;
		}
		this.plan = plan;
		this.family = new FamilyPart(familyDoc.doc);
		for (const local of this.#docs) local.doc.on('update', this.#onUpdate(local));
		const entry = await localDb().plans.get(this.planId);
		this.lastSavedAt = entry?.lastEditedAt ?? null;
		// A migration just ran: its writes are on their way to IndexedDB like any edit.
		this.state = migration.status === 'too-new' ? 'too-new' : this.#pendingSaves > 0 ? 'saving' : 'saved';
	}

	#onUpdate(local: LocalDoc) {
		return (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
			this.version++;
			if (origin === local.persistence) return; // read back from this device: already stored
			this.#pendingSaves++;
			if (this.state === 'saved') this.state = 'saving';
			local
				.whenSaved()
				.then(() => {
					if (--this.#pendingSaves === 0 && this.state === 'saving') {
						this.state = 'saved';
						this.lastSavedAt = Date.now();
					}
					this.#scheduleCatalogUpdate(transaction.local);
				})
				.catch(() => {
					this.#pendingSaves--;
					this.state = 'error';
				});
		};
	}

	/** Keeps the start screen's list current without writing to it on every keystroke. */
	#scheduleCatalogUpdate(isLocalEdit: boolean): void {
		clearTimeout(this.#catalogTimer);
		this.#catalogTimer = setTimeout(() => {
			const plan = this.plan;
			if (!plan) return;
			const changes = {
				studentName: plan.info().studentName,
				lastEditedAt: Date.now(),
				...(isLocalEdit ? { hasUnsyncedChanges: true } : {})
			};
			localDb()
				.plans.update(this.planId, changes)
				.catch(() => undefined); // the list is a convenience; the plan itself is already saved
		}, 300);
	}

	/** Resolves when every change so far is stored on this device. */
	async flush(): Promise<void> {
		await Promise.all(this.#docs.map((d) => d.whenSaved().catch(() => undefined)));
	}

	async close(): Promise<void> {
		this.#isClosed = true;
		openSessions.delete(this);
		clearTimeout(this.#catalogTimer);
		await this.flush();
		await Promise.all(this.#docs.map((d) => d.close()));
	}
}
