/**
 * The changes of one document the school has not confirmed yet ([client id, clock] pairs, see
 * src/lib/sync/confirmations.ts), kept on this device so "3 changes waiting to be sent" still says
 * 3 after a reload, offline too. localStorage, not IndexedDB: it is written with every local
 * change, and a synchronous write of a few numbers is done before the page can go away.
 */
export type PendingEntries = Array<[number, number]>;

const PREFIX = 'pathways.pending.';

export function loadPending(docName: string): PendingEntries {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(PREFIX + docName) ?? '[]');
		if (!Array.isArray(parsed)) return [];
		return parsed.filter(
			(entry): entry is [number, number] =>
				Array.isArray(entry) && entry.length === 2 && entry.every((n) => Number.isSafeInteger(n))
		);
	} catch {
		return []; // storage refused or a damaged value: the server's state vector sets it right
	}
}

export function savePending(docName: string, entries: PendingEntries): void {
	try {
		if (entries.length === 0) localStorage.removeItem(PREFIX + docName);
		else localStorage.setItem(PREFIX + docName, JSON.stringify(entries));
	} catch {
		// Private windows may refuse storage: the count then lasts until the page closes.
	}
}
