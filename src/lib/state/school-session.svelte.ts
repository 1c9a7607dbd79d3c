import type { LocalDoc } from '../local/plan-storage';
import { docName } from '../plp/access';
import type { SchoolTemplate } from '../plp/template';
import type { DocSync } from '../sync/doc-sync';

/**
 * The school document (the PLP template) on this device: kept in IndexedDB so plans show the
 * school's pathways and questions offline, and synced whenever someone is signed in.
 * Yjs and y-indexeddb load only when the template is opened, so the pages that read it
 * (`/school`, `/growth`, the self-assessment) keep them out of their first load.
 */
class SchoolSession {
	template = $state.raw<SchoolTemplate | null>(null);
	/** Ticks when the template changes; read it in a $derived to follow changes. */
	version = $state(0);
	schoolId = $state('');
	#local: LocalDoc | null = null;
	#sync: DocSync | null = null;
	#token = '';

	/** Counts opens and closes, so an open that waited for its code knows it is still wanted. */
	#generation = 0;

	async open(schoolId: string, token: string): Promise<void> {
		if (this.schoolId === schoolId) {
			// Open or being opened. A new token is a new sign-in: the relay closed the old one's
			// socket for good (4401), so the sync starts again with this one.
			if (token !== this.#token) {
				this.#token = token;
				this.#sync?.resume(token);
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
		local.doc.on('update', () => this.version++);
		this.template = new SchoolTemplate(local.doc);
		const { DocSync } = await import('../sync/doc-sync');
		if (this.#local !== local) return; // closed meanwhile
		this.#sync = new DocSync(local.doc, docName('school', schoolId), this.#token, {
			onChange: () => undefined,
			onClosed: () => undefined, // the plan's own sync reports an ended sign-in
			onTooManyConnections: () => undefined, // the plan's own sync says so
			onRefused: () => undefined
		});
	}

	async close(): Promise<void> {
		this.#generation++;
		this.#sync?.destroy();
		this.#sync = null;
		await this.#local?.close();
		this.#local = null;
		this.template = null;
		this.schoolId = '';
		this.#token = '';
	}
}

export const school = new SchoolSession();
