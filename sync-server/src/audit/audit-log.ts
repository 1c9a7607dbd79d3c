/**
 * The append-only audit log: who opened, changed or was refused which plan, and when. The relay
 * writes it (and coalesces bursts of changes into one entry); admins read it per student through
 * the API. The table's triggers refuse any update or delete (see db-schema.ts).
 */
import type { DocKind } from '../../../src/lib/plp/access';
import type { AuditLog } from '../contracts';
import type { Database } from '../db';

export type AuditAction = 'open' | 'change' | 'denied';

export interface AuditEntry {
	id: number;
	at: number;
	userId: string;
	/** The person's name now; null if the user id is not (or no longer) known. */
	userName: string | null;
	userRole: string | null;
	planId: string;
	docKind: DocKind;
	action: AuditAction;
	detail: string | null;
}

export class SqliteAuditLog implements AuditLog {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	record(entry: {
		userId: string;
		planId: string;
		action: AuditAction;
		docKind: DocKind;
		detail?: string;
	}): void {
		this.db
			.prepare(
				'INSERT INTO audit_log (at, user_id, plan_id, doc_kind, action, detail) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(this.now(), entry.userId, entry.planId, entry.docKind, entry.action, entry.detail ?? null);
	}

	/** The newest entries of one plan first, at most `limit`, only those older than entry `before` when given. */
	listForPlan(planId: string, limit: number, before = Number.MAX_SAFE_INTEGER): AuditEntry[] {
		const rows = this.db
			.prepare(
				`SELECT a.id, a.at, a.user_id, u.display_name, u.role, a.plan_id, a.doc_kind, a.action, a.detail
				 FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
				 WHERE a.plan_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?`
			)
			.all(planId, before, limit) as Record<string, unknown>[];
		return rows.map((row) => ({
			id: row.id as number,
			at: row.at as number,
			userId: row.user_id as string,
			userName: (row.display_name as string | null) ?? null,
			userRole: (row.role as string | null) ?? null,
			planId: row.plan_id as string,
			docKind: row.doc_kind as DocKind,
			action: row.action as AuditAction,
			detail: (row.detail as string | null) ?? null
		}));
	}
}
