/**
 * The append-only audit log: who opened, changed or was refused which plan, and when. The relay
 * writes it (and coalesces bursts of changes into one entry); admins read it per student through
 * the API. This is the SQLite file's; with DATABASE_URL the server keeps it in PostgreSQL
 * (postgres-audit-log.ts). The table's triggers refuse any update or delete on both engines.
 */
import type { AuditStore, LastChanges, StoredAuditEntry } from '../contracts';
import type { Database } from '../db';
import { foldLastChanges } from '../plans/last-changes';

export type AuditAction = StoredAuditEntry['action'];

/** The columns both engines store, in the order both select them. */
export const AUDIT_COLUMNS = 'id, at, user_id, plan_id, doc_kind, action, detail';

/** A row of either engine's audit_log as an entry (PostgreSQL gives bigint columns as strings). */
export function auditEntryOf(row: Record<string, unknown>): StoredAuditEntry {
	return {
		id: Number(row.id),
		at: Number(row.at),
		userId: row.user_id as string,
		planId: row.plan_id as string,
		docKind: row.doc_kind as StoredAuditEntry['docKind'],
		action: row.action as AuditAction,
		detail: (row.detail as string | null) ?? null
	};
}

export class SqliteAuditLog implements AuditStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	record(entry: {
		userId: string;
		planId: string;
		action: AuditAction;
		docKind: StoredAuditEntry['docKind'];
		detail?: string;
	}): void {
		this.db
			.prepare(
				'INSERT INTO audit_log (at, user_id, plan_id, doc_kind, action, detail) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(this.now(), entry.userId, entry.planId, entry.docKind, entry.action, entry.detail ?? null);
	}

	async listForPlan(
		planId: string,
		limit: number,
		before = Number.MAX_SAFE_INTEGER
	): Promise<StoredAuditEntry[]> {
		const rows = this.db
			.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE plan_id = ? AND id < ? ORDER BY id DESC LIMIT ?`)
			.all(planId, before, limit) as Record<string, unknown>[];
		return rows.map(auditEntryOf);
	}

	async lastChanges(planIds: readonly string[]): Promise<Map<string, LastChanges>> {
		const statement = this.db.prepare(
			"SELECT doc_kind, max(at) AS at FROM audit_log WHERE plan_id = ? AND action = 'change' GROUP BY doc_kind"
		);
		const rows = planIds.flatMap((planId) =>
			(statement.all(planId) as { doc_kind: string; at: number }[]).map((row) => ({
				planId,
				docKind: row.doc_kind,
				at: Number(row.at)
			}))
		);
		return foldLastChanges(planIds, rows);
	}

	/** Every entry is written when recorded. */
	async flush(): Promise<void> {}

	/** The SQLite file is closed by whoever opened it (server.ts). */
	async close(): Promise<void> {}
}
