/**
 * The audit log in PostgreSQL (DATABASE_URL): every relay process of a district appends to one
 * log, and an admin reading a student's log on any process sees every process's entries.
 *
 * `record` must not wait (the relay calls it at the end of a turn, after the turn's commit): the
 * entries of a turn are kept in order and written right after it in one INSERT. While PostgreSQL
 * cannot be reached they stay in memory and the write is tried again every second; past
 * `maxPending` the oldest are dropped, and the log says how many (memory stays bounded when the
 * database is gone for a long time). `close` writes what is left.
 */
import type { AuditStore, LastChanges, StoredAuditEntry } from '../contracts';
import { withTransaction, type PostgresPool } from '../postgres/database';
import { foldLastChanges } from '../plans/last-changes';
import { AUDIT_COLUMNS, auditEntryOf, type AuditAction } from './audit-log';

/** Entries per INSERT: one statement's arrays stay small, and a big backlog goes in a few of them. */
const ROWS_PER_INSERT = 1000;

type PendingEntry = Omit<StoredAuditEntry, 'id'>;

export interface PostgresAuditOptions {
	/** Entries kept while PostgreSQL cannot be reached; older ones are dropped past it. Default 100,000. */
	maxPending?: number;
	/** Wait before trying a failed write again. Default 1 s. */
	retryMs?: number;
	/** Where failures are told (the server's log). */
	onError?: (message: string) => void;
}

/** The same rows as the SQLite file's audit_log, several at once (arrays, in the order given). */
export const INSERT_AUDIT_ENTRIES = `
	INSERT INTO audit_log (at, user_id, plan_id, doc_kind, action, detail)
	SELECT at, user_id, plan_id, doc_kind, action, detail
	FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		WITH ORDINALITY AS entry (at, user_id, plan_id, doc_kind, action, detail, n)
	ORDER BY n`;

/** The arrays INSERT_AUDIT_ENTRIES takes. */
export function insertAuditValues(entries: readonly PendingEntry[]): unknown[][] {
	return [
		entries.map((entry) => entry.at),
		entries.map((entry) => entry.userId),
		entries.map((entry) => entry.planId),
		entries.map((entry) => entry.docKind),
		entries.map((entry) => entry.action),
		entries.map((entry) => entry.detail)
	];
}

export class PostgresAuditLog implements AuditStore {
	readonly #pending: PendingEntry[] = [];
	/** Entries of the INSERT in flight: not stored yet either. */
	#writingCount = 0;
	#writing: Promise<void> | null = null;
	#isScheduled = false;
	#retry: NodeJS.Timeout | null = null;
	#isClosed = false;
	readonly #maxPending: number;
	readonly #retryMs: number;
	readonly #onError: (message: string) => void;

	constructor(
		private readonly pool: PostgresPool,
		private readonly now: () => number = Date.now,
		options: PostgresAuditOptions = {}
	) {
		this.#maxPending = options.maxPending ?? 100_000;
		this.#retryMs = options.retryMs ?? 1000;
		this.#onError = options.onError ?? ((message) => console.error(message));
	}

	/** Entries recorded and not yet stored. */
	get pendingCount(): number {
		return this.#pending.length + this.#writingCount;
	}

	record(entry: {
		userId: string;
		planId: string;
		action: AuditAction;
		docKind: StoredAuditEntry['docKind'];
		detail?: string;
	}): void {
		if (this.#isClosed) throw new Error('The audit log is closed: this entry was not recorded.');
		this.#pending.push({
			at: this.now(),
			userId: entry.userId,
			planId: entry.planId,
			docKind: entry.docKind,
			action: entry.action,
			detail: entry.detail ?? null
		});
		const over = this.#pending.length - this.#maxPending;
		if (over > 0) {
			this.#pending.splice(0, over);
			this.#onError(
				`PostgreSQL has not taken audit entries for a while: ${over} of the oldest kept here were dropped.`
			);
		}
		this.#schedule();
	}

	async listForPlan(
		planId: string,
		limit: number,
		before = Number.MAX_SAFE_INTEGER
	): Promise<StoredAuditEntry[]> {
		const { rows } = await this.pool.query(
			`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE plan_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
			[planId, before, limit]
		);
		return rows.map(auditEntryOf);
	}

	async lastChanges(planIds: readonly string[]): Promise<Map<string, LastChanges>> {
		if (planIds.length === 0) return new Map();
		const { rows } = await this.pool.query<{ plan_id: string; doc_kind: string; at: string }>(
			`SELECT plan_id, doc_kind, max(at) AS at FROM audit_log
			 WHERE plan_id = ANY($1::text[]) AND action = 'change' GROUP BY plan_id, doc_kind`,
			[planIds]
		);
		return foldLastChanges(
			planIds,
			rows.map((row) => ({ planId: row.plan_id, docKind: row.doc_kind, at: Number(row.at) }))
		);
	}

	async flush(): Promise<void> {
		while (this.#writing !== null || this.#pending.length > 0) {
			if (this.#writing === null) this.#writing = this.#writeSome();
			await this.#writing;
		}
	}

	async close(): Promise<void> {
		this.#isClosed = true;
		if (this.#retry !== null) clearTimeout(this.#retry);
		this.#retry = null;
		try {
			await this.flush();
		} catch (error) {
			this.#onError(
				`${this.pendingCount} audit entries could not be written to PostgreSQL before the server stopped: ${(error as Error).message}`
			);
		}
	}

	/** Writes after the current turn, once, whatever the number of entries recorded in it. */
	#schedule(): void {
		if (this.#isScheduled || this.#retry !== null) return;
		this.#isScheduled = true;
		setImmediate(() => {
			this.#isScheduled = false;
			this.flush().catch((error: Error) => {
				this.#onError(
					`Audit entries could not be written to PostgreSQL (${this.pendingCount} kept, trying again): ${error.message}`
				);
				if (this.#isClosed) return;
				this.#retry = setTimeout(() => {
					this.#retry = null;
					this.#schedule();
				}, this.#retryMs);
				this.#retry.unref();
			});
		});
	}

	/** One INSERT of the oldest pending entries; on failure they go back in front, in order. */
	async #writeSome(): Promise<void> {
		const batch = this.#pending.splice(0, ROWS_PER_INSERT);
		this.#writingCount = batch.length;
		try {
			await this.pool.query(INSERT_AUDIT_ENTRIES, insertAuditValues(batch));
		} catch (error) {
			this.#pending.unshift(...batch);
			throw error;
		} finally {
			this.#writingCount = 0;
			this.#writing = null;
		}
	}
}

/** What a move copied of one SQLite file's audit log. */
export interface AuditMoveReport {
	/** Entries the file holds up to the move, entries copied now (the rest were copied by an earlier move). */
	entries: number;
	copied: number;
}

/**
 * Copies one SQLite file's audit entries with ids in (what was moved from `source` before, `upTo`]
 * into PostgreSQL, a page at a time in ONE transaction, each page compared with what PostgreSQL
 * stored (RETURNING). The entries get PostgreSQL's ids, in the file's order. All or nothing: a move
 * cut short copies nothing, and a second run copies no entry twice.
 */
export async function moveAuditEntries(
	pool: PostgresPool,
	source: {
		id: string;
		total: number;
		upTo: number;
		pageAfter(afterId: number, upTo: number): StoredAuditEntry[];
	}
): Promise<AuditMoveReport> {
	return withTransaction(pool, async (client) => {
		await client.query(
			'INSERT INTO audit_moved (source, last_sqlite_id) VALUES ($1, 0) ON CONFLICT DO NOTHING',
			[source.id]
		);
		const moved = await client.query<{ last_sqlite_id: string }>(
			'SELECT last_sqlite_id FROM audit_moved WHERE source = $1 FOR UPDATE',
			[source.id]
		);
		let after = Number(moved.rows[0]!.last_sqlite_id);
		let copied = 0;
		for (
			let page = source.pageAfter(after, source.upTo);
			page.length > 0;
			page = source.pageAfter(after, source.upTo)
		) {
			const { rows } = await client.query(
				`${INSERT_AUDIT_ENTRIES} RETURNING ${AUDIT_COLUMNS}`,
				insertAuditValues(page)
			);
			const stored = rows.map(auditEntryOf).sort((a, b) => a.id - b.id);
			page.forEach((entry, index) => {
				const copy = stored[index];
				if (copy === undefined || !isSameEntry(entry, copy)) {
					throw new Error(`The audit entry ${entry.id} of the SQLite file was not stored as it is.`);
				}
			});
			copied += page.length;
			after = page[page.length - 1]!.id;
		}
		await client.query('UPDATE audit_moved SET last_sqlite_id = $2 WHERE source = $1', [
			source.id,
			Math.max(after, source.upTo)
		]);
		return { entries: source.total, copied };
	});
}

function isSameEntry(a: StoredAuditEntry, b: StoredAuditEntry): boolean {
	return (
		a.at === b.at &&
		a.userId === b.userId &&
		a.planId === b.planId &&
		a.docKind === b.docKind &&
		a.action === b.action &&
		a.detail === b.detail
	);
}
