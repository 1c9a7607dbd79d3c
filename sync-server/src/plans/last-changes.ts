/** When each plan, and its family part, was last changed by anyone: from the audit log (who changed what, when). */
import type { Database } from '../db';

type Row = { doc_kind: string; at: number };

export interface LastChanges {
	/** ms since 1970 of the newest change to either document; absent when never changed. */
	any?: number;
	family?: number;
}

export function lastChanges(db: Database, planIds: readonly string[]): Map<string, LastChanges> {
	const result = new Map<string, LastChanges>();
	const statement = db.prepare(
		"SELECT doc_kind, max(at) AS at FROM audit_log WHERE plan_id = ? AND action = 'change' GROUP BY doc_kind"
	);
	for (const planId of planIds) {
		const entry: LastChanges = {};
		for (const row of statement.all(planId) as Row[]) {
			entry.any = Math.max(entry.any ?? 0, row.at);
			if (row.doc_kind === 'family') entry.family = row.at;
		}
		result.set(planId, entry);
	}
	return result;
}
