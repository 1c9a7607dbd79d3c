import type { UserView } from '../contracts/api';
import { docName, type Access } from '../plp/access';
import type * as Y from 'yjs';
import { t } from '../messages';
import { DocSync } from './doc-sync';
import { syncStateOf, type SyncState, type SyncView } from './sync-state';
import type { UnsentMark } from './unsent';

export type { SyncState } from './sync-state';

export interface Person {
	clientId: number;
	userId: string;
	name: string;
	/** What they are in a PLP meeting: student, guardian, advisor, teacher, counselor or admin. */
	role: string;
	/** They can write the plan document (and so record who joins a conference). */
	canEditPlan: boolean;
}

interface PresenceState {
	user?: { id: string; name: string; role: string; canEditPlan: boolean };
}

const CLOSE_SIGNED_OUT = 4401;
const CLOSE_FORBIDDEN = 4403;
/** The relay refused a change of a recorded revision (sync-server/src/relay/close-codes.ts). */
const CLOSE_REVISION_KEPT = 4409;

/**
 * A school plan kept in step with the server: both documents, whether everything is confirmed,
 * when it last was, and who else has the plan open now (Yjs awareness).
 */
export class PlanSync implements SyncView {
	state = $state<SyncState>('connecting');
	lastSyncedAt = $state<number | null>(null);
	pendingChanges = $state(0);
	people = $state<Person[]>([]);
	/** A refused change or a lost right, said plainly. */
	notice = $state('');
	/**
	 * The relay refused a change of a recorded revision (4409): this device holds it, and nothing
	 * more of the plan can reach the school until this device's copy is set aside (plan-copy.ts).
	 */
	isRevisionRefused = $state(false);

	#syncs: DocSync[] = [];
	#onOnline = () => this.#update();
	#unsent: UnsentMark;

	constructor(
		readonly planId: string,
		docs: { plan: Y.Doc; family: Y.Doc },
		token: string,
		readonly user: UserView,
		readonly access: { plan: Access; family: Access },
		options: {
			/** The plan's "not sent yet" mark: cleared here once the school has confirmed every change. */
			unsent: UnsentMark;
			onSignedOut: () => void;
			refusedText: string;
		}
	) {
		this.#unsent = options.unsent;
		// A part the person may not read is not asked for (a district admin reads the plan, not the family's part).
		for (const kind of (['plan', 'family'] as const).filter((one) => access[one] !== 'none')) {
			const sync = new DocSync(docs[kind], docName(kind, planId), token, {
				onChange: () => this.#update(),
				onClosed: (code) => {
					if (code === CLOSE_SIGNED_OUT || code === CLOSE_FORBIDDEN) {
						// Both documents' sockets close for one ended session: the app hears it once.
						const wasSignedOut = this.state === 'signed-out';
						this.state = code === CLOSE_SIGNED_OUT ? 'signed-out' : 'no-access';
						if (code === CLOSE_SIGNED_OUT && !wasSignedOut) options.onSignedOut();
						return;
					}
					if (code === CLOSE_REVISION_KEPT) {
						// The provider stops: sending the change again cannot help. The rest stays on the device.
						this.notice = t.sync.revisionKept;
						if (kind === 'plan') this.isRevisionRefused = true;
						this.#update();
						return;
					}
					// 4400 (a message the relay could not read) or 4429 (too many messages): not a
					// lost right; the provider stops, the work stays on the device.
					this.notice = t.sync.serverError;
					this.#update();
				},
				onRefused: () => (this.notice = options.refusedText),
				onTooManyConnections: () => (this.notice = t.sync.tooManyConnections)
			});
			this.#syncs.push(sync);
		}
		const awareness = this.#syncs[0]?.provider.awareness;
		awareness?.setLocalStateField('user', {
			id: user.id,
			name: user.displayName,
			role: user.staffTitle ?? user.role,
			canEditPlan: access.plan === 'write'
		});
		awareness?.on('change', () => this.#updatePeople());
		window.addEventListener('online', this.#onOnline);
		window.addEventListener('offline', this.#onOnline);
		// A plan opened with no network says so at once: no socket event may ever come to say it.
		this.#update();
	}

	resume(token: string): void {
		for (const sync of this.#syncs) sync.resume(token);
		this.state = 'connecting';
	}

	destroy(): void {
		window.removeEventListener('online', this.#onOnline);
		window.removeEventListener('offline', this.#onOnline);
		for (const sync of this.#syncs) sync.destroy();
	}

	#update(): void {
		if (this.state === 'signed-out' || this.state === 'no-access') return;
		const wasPending = this.pendingChanges;
		const { state, pending } = syncStateOf(this.#syncs);
		this.state = state;
		this.pendingChanges = pending;
		if (state === 'synced') {
			this.lastSyncedAt = Date.now();
			if (this.notice === t.sync.tooManyConnections) this.notice = '';
		}
		// Changes from earlier sessions the relay still lacks (found when it sends its state vector)
		// mark the plan too; a local edit marks it by itself (UnsentMark watches the documents).
		if (this.state === 'synced') this.#unsent.set(false);
		else if (pending > 0 && wasPending === 0) this.#unsent.set(true);
	}

	/** This device's client id in the plan's presence. */
	get clientId(): number {
		return this.#syncs[0]?.provider.awareness.clientID ?? 0;
	}

	#updatePeople(): void {
		const awareness = this.#syncs[0]?.provider.awareness;
		if (!awareness) return;
		const people: Person[] = [];
		for (const [clientId, state] of awareness.getStates()) {
			const user = (state as PresenceState).user;
			if (!user || clientId === awareness.clientID || user.id === this.user.id) continue;
			if (people.some((p) => p.userId === user.id)) continue; // one person, several tabs
			people.push({
				clientId,
				userId: user.id,
				name: user.name,
				role: user.role,
				canEditPlan: user.canEditPlan
			});
		}
		this.people = people;
	}
}
