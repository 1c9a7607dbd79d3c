import type { DocSync } from './doc-sync';

export type SyncState = 'offline' | 'connecting' | 'syncing' | 'synced' | 'signed-out' | 'no-access';

/** What a sync status line shows: the plan's sync and the school document's both give it. */
export interface SyncView {
	readonly state: SyncState;
	readonly lastSyncedAt: number | null;
	readonly pendingChanges: number;
}

/**
 * Where a set of documents kept in step together stands (a plan and its family part, or the school
 * document alone): offline, connecting, syncing (something not confirmed yet) or synced, and how
 * many local changes the server has not confirmed. An ended sign-in or lost right is the caller's.
 */
export function syncStateOf(syncs: readonly DocSync[]): { state: SyncState; pending: number } {
	const pending = syncs.reduce((sum, s) => sum + s.confirmations.count, 0);
	if (!navigator.onLine || !syncs.every((s) => s.isConnected)) {
		const isConnecting = navigator.onLine && syncs.some((s) => s.provider.wsconnecting);
		return { state: isConnecting ? 'connecting' : 'offline', pending };
	}
	if (!syncs.every((s) => s.isSynced) || pending > 0) return { state: 'syncing', pending };
	return { state: 'synced', pending };
}
