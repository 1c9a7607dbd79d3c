/** When each plan, and its family part, was last changed by anyone: folded from the audit log's rows. */
import type { LastChanges } from '../contracts';

/** The newest 'change' per plan and document kind (either engine's query) as one entry per plan asked. */
export function foldLastChanges(
	planIds: readonly string[],
	rows: Iterable<{ planId: string; docKind: string; at: number }>
): Map<string, LastChanges> {
	const result = new Map<string, LastChanges>(planIds.map((planId) => [planId, {}]));
	for (const row of rows) {
		const entry = result.get(row.planId);
		if (entry === undefined) continue;
		entry.any = Math.max(entry.any ?? 0, row.at);
		if (row.docKind === 'family') entry.family = row.at;
	}
	return result;
}
