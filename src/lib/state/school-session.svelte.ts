import type { LocalDoc } from '../local/plan-storage';
import { docName } from '../plp/access';
import type { SchoolTemplate } from '../plp/template';
import type { DocSync } from '../sync/doc-sync';
import { syncStateOf, type SyncState, type SyncView } from '../sync/sync-state';

const CLOSE_SIGNED_OUT = 4401;
const CLOSE_FORBIDDEN = 4403;

/**
 * The school document (the PLP template) on this device: kept in IndexedDB so plans show the
 * school's pathways and questions offline, and synced whenever someone is signed in.
 * Yjs and y-indexeddb load only when the template is opened, so the pages that read it
 * (`/school`, `/growth`, the self-assessment) keep them out of their first load.
 *
 * Views follow the Yjs types the template is read from: reading `template` in an effect or a
 * derived re-runs it when the school's options, questions or settings change (one observer per
 * type, one signal for all readers: record names read it for every record, so a reader costs a
 * signal read, not a subscription). `sync` says whether the school has confirmed this device's
 * changes.
 */
class SchoolSession {
	#template = $state.raw<SchoolTemplate | null>(null);
	/** Counts changes of the template's types; read only through `template`. */
	#changes = $state(0);
	#onTemplateChange = () => this.#changes++;
	schoolId = $state('');
	/** Where the school document stands with the server (null before it is opened). */
	sync = $state.raw<SyncView | null>(null);
	#local: LocalDoc | null = null;
	#sync: DocSync | null = null;
	#token = '';
	#lastSyncedAt: number | null = null;
	/** The server closed the school's socket for good: the sign-in ended, or the right to read it. */
	#ended: SyncState | null = null;
	#onOnline = () => this.#report();

	/** Counts opens and closes, so an open that waited for its code knows it is still wanted. */
	#generation = 0;

	/** The school's template; a reader follows its options, questions and settings. */
	get template(): SchoolTemplate | null {
		void this.#changes;
		return this.#template;
	}

	async open(schoolId: string, token: string): Promise<void> {
		if (this.schoolId === schoolId) {
			// Open or being opened. A new token is a new sign-in: the relay closed the old one's
			// socket for good (4401), so the sync starts again with this one.
			if (token !== this.#token) {
				this.#token = token;
				this.#ended = null;
				this.#sync?.resume(token);
				this.#report();
			}
			return;
		}
		await this.close();
		const generation = this.#generation;
		this.schoolId = schoolId;
		this.#token = token;
		const [{ openLocalDoc }, { SchoolTemplate }] = await Promise.all([
			import('../local/plan-storage'),
			import('../plp/template')
		]);
		if (this.#generation !== generation) return; // closed or another school opened meanwhile
		const local = openLocalDoc('school', schoolId);
		this.#local = local;
		await local.load();
		const template = new SchoolTemplate(local.doc);
		for (const type of template.types) type.observeDeep(this.#onTemplateChange);
		this.#template = template;
		const { DocSync } = await import('../sync/doc-sync');
		if (this.#local !== local) return; // closed meanwhile
		const sync = new DocSync(local.doc, docName('school', schoolId), this.#token, {
			onChange: () => this.#report(),
			// The plan's own sync tells the person about an ended sign-in; the school's status says it too.
			onClosed: (code) => {
				if (code === CLOSE_SIGNED_OUT) this.#ended = 'signed-out';
				else if (code === CLOSE_FORBIDDEN) this.#ended = 'no-access';
				this.#report();
			},
			onTooManyConnections: () => undefined, // the plan's own sync says so
			onRefused: () => undefined
		});
		this.#sync = sync;
		window.addEventListener('online', this.#onOnline);
		window.addEventListener('offline', this.#onOnline);
		this.#report();
	}

	async close(): Promise<void> {
		this.#generation++;
		window.removeEventListener('online', this.#onOnline);
		window.removeEventListener('offline', this.#onOnline);
		this.#sync?.destroy();
		this.#sync = null;
		this.#ended = null;
		for (const type of this.#template?.types ?? []) type.unobserveDeep(this.#onTemplateChange);
		await this.#local?.close();
		this.#local = null;
		this.#template = null;
		this.sync = null;
		this.#lastSyncedAt = null;
		this.schoolId = '';
		this.#token = '';
	}

	#report(): void {
		if (!this.#sync) return;
		const { state, pending } = this.#ended ? { state: this.#ended, pending: 0 } : syncStateOf([this.#sync]);
		if (state === 'synced') this.#lastSyncedAt = Date.now();
		this.sync = { state, pendingChanges: pending, lastSyncedAt: this.#lastSyncedAt };
	}
}

export const school = new SchoolSession();
