import { localDb } from '../local/db';
import { deviceSummary } from '../services/plan-summary';
import { openLocalDoc, type LocalDoc } from '../local/plan-storage';
import { dropLocalPlanDocument, keepDeviceCopy } from '../local/plan-copy';
import { FamilyPart } from '../plp/family';
import { Plan } from '../plp/plan';
import { t } from '../messages';
import { auth } from './auth.svelte';
import type { PlanSync } from '../sync/plan-sync.svelte';
import { UnsentMark } from '../sync/unsent';
import { openSessions } from './open-sessions';

export type SaveState = 'loading' | 'downloading' | 'saving' | 'saved' | 'error' | 'too-new' | 'not-found';

/**
 * One open plan in the editor: its two documents from this device and whether every change is
 * saved. Views follow the parts of the documents they read (see live-doc.ts), not the session.
 */
export class PlanSession {
	state = $state<SaveState>('loading');
	/** When the last change was stored on this device (ms since 1970). */
	lastSavedAt = $state<number | null>(null);
	plan = $state.raw<Plan | null>(null);
	family = $state.raw<FamilyPart | null>(null);
	/** Present for a school plan while someone is signed in; null for a plan only on this device. */
	sync = $state.raw<PlanSync | null>(null);
	/** What this person may change. A plan made on this device is all theirs. */
	canEditPlan = $state(false);
	canEditFamily = $state(false);

	#docs: LocalDoc[] = [];
	#pendingSaves = 0;
	#catalogTimer: ReturnType<typeof setTimeout> | undefined;
	/** A change was made since the start screen's list was last brought up to date. */
	#isCatalogStale = false;
	#isClosed = false;
	#isSchoolPlan = false;
	/** A school plan's "not sent to the school yet" mark (its one writer is the sync layer). */
	#unsent: UnsentMark | null = null;

	constructor(readonly planId: string) {}

	get isWritable(): boolean {
		return this.state === 'saving' || this.state === 'saved';
	}

	async open(): Promise<void> {
		openSessions.add(this);
		const planDoc = openLocalDoc('plan', this.planId);
		const familyDoc = openLocalDoc('family', this.planId);
		this.#docs = [planDoc, familyDoc];
		const [entry] = await Promise.all([localDb().plans.get(this.planId), ...this.#docs.map((d) => d.load())]);
		if (this.#isClosed) return;
		this.#isSchoolPlan = entry?.source === 'school';
		// Watching for this device's changes starts before anyone can type (or a migration writes).
		if (this.#isSchoolPlan)
			this.#unsent = new UnsentMark(
				this.planId,
				this.#docs.map((d) => d.doc),
				entry?.hasUnsyncedChanges
			);
		this.lastSavedAt = entry?.lastEditedAt || null;
		const access = this.#isSchoolPlan ? entry?.access : undefined;

		let opened = Plan.open(planDoc.doc);
		if (opened.migration.status === 'empty') {
			if (access) await this.#startSync(access);
			if (!this.sync) {
				this.state = 'not-found';
				return;
			}
			// A school plan not on this device yet: it arrives with the first sync.
			this.state = 'downloading';
			await Plan.whenHasContent(planDoc.doc);
			if (this.#isClosed) return;
			opened = Plan.open(planDoc.doc);
		}
		const { plan, migration } = opened;
		this.plan = plan;
		this.family = new FamilyPart(familyDoc.doc);
		for (const local of this.#docs) local.doc.on('update', this.#onUpdate(local));
		// A migration just ran: its writes are on their way to IndexedDB like any edit.
		this.state = migration.status === 'too-new' ? 'too-new' : this.#pendingSaves > 0 ? 'saving' : 'saved';
		const isWritable = this.isWritable;
		this.canEditPlan = isWritable && (!this.#isSchoolPlan || entry?.access?.plan === 'write');
		this.canEditFamily = isWritable && (!this.#isSchoolPlan || entry?.access?.family === 'write');
		// A plan already on this device opens first; the sync layer (y-websocket) loads after it.
		if (access && !this.sync) await this.#startSync(access);
	}

	async #startSync(access: {
		plan: 'none' | 'read' | 'write';
		family: 'none' | 'read' | 'write';
	}): Promise<void> {
		if (!auth.isLoaded) await auth.load();
		const token = auth.token;
		const user = auth.user;
		if (!token || !user || this.#isClosed) return;
		const [planDoc, familyDoc] = this.#docs;
		const unsent = this.#unsent;
		if (!planDoc || !familyDoc || !unsent) return;
		// The sync layer (y-websocket) loads only for school plans, after the plan itself.
		const { PlanSync } = await import('../sync/plan-sync.svelte');
		if (this.#isClosed) return;
		this.sync = new PlanSync(this.planId, { plan: planDoc.doc, family: familyDoc.doc }, token, user, access, {
			refusedText: t.sync.changeRefused,
			onSignedOut: () => auth.markExpired(),
			unsent
		});
	}

	#onUpdate(local: LocalDoc) {
		return (_update: Uint8Array, origin: unknown) => {
			if (origin === local.persistence) return; // read back from this device: already stored
			this.#pendingSaves++;
			this.#isCatalogStale = true;
			if (this.state === 'saved') this.state = 'saving';
			local
				.whenSaved()
				.then(() => {
					if (--this.#pendingSaves === 0 && this.state === 'saving') {
						this.state = 'saved';
						this.lastSavedAt = Date.now();
					}
					this.#scheduleCatalogUpdate();
				})
				.catch(() => {
					this.#pendingSaves--;
					this.state = 'error';
				});
		};
	}

	/** Keeps the start screen's list current without writing to it on every keystroke. */
	#scheduleCatalogUpdate(): void {
		if (this.#isClosed) return; // closing brings the list up to date itself
		clearTimeout(this.#catalogTimer);
		this.#catalogTimer = setTimeout(() => void this.#updateCatalog(), 300);
	}

	#updateCatalog(): Promise<void> {
		this.#isCatalogStale = false;
		const plan = this.plan;
		if (!plan) return Promise.resolve();
		const summary = deviceSummary(plan.doc, this.family?.doc);
		return localDb()
			.plans.update(this.planId, {
				studentName: plan.info().studentName,
				lastEditedAt: Date.now(),
				...(summary ? { summary } : {})
			})
			.then(
				() => undefined,
				() => undefined // the list is a convenience; the plan itself is already saved
			);
	}

	/** Resolves when every change so far is stored on this device. */
	async flush(): Promise<void> {
		await Promise.all(this.#docs.map((d) => d.whenSaved().catch(() => undefined)));
	}

	/**
	 * The way out of a change the school refused for good (4409): keeps everything this device has
	 * of the plan as a plan only on this device, named `copyName`, closes this session and drops
	 * this device's copy of the plan document, so the plan opened next is the school's. Returns
	 * the copy's id. If the copy cannot be kept, nothing is dropped.
	 */
	async keepCopyAndDrop(copyName: string): Promise<string> {
		const [planDoc, familyDoc] = this.#docs;
		if (!planDoc || !familyDoc || !this.#isSchoolPlan) throw new Error('not a school plan on this device');
		await this.flush();
		const copyId = await keepDeviceCopy({ plan: planDoc.doc, family: familyDoc.doc }, copyName);
		await this.close();
		await dropLocalPlanDocument(this.planId);
		return copyId;
	}

	#closing: Promise<void> | undefined;

	/** Saves and closes the plan; closing twice (sign-out, then leaving the page) closes once. */
	close(): Promise<void> {
		this.#closing ??= this.#close();
		return this.#closing;
	}

	async #close(): Promise<void> {
		this.#isClosed = true;
		openSessions.delete(this);
		this.sync?.destroy();
		await this.flush();
		// A change saved just before leaving still reaches the list (its timer would not run now).
		clearTimeout(this.#catalogTimer);
		if (this.#isCatalogStale) await this.#updateCatalog();
		await this.#unsent?.stop();
		await Promise.all(this.#docs.map((d) => d.close()));
	}
}
