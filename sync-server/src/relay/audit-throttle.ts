import type { AuditLog } from '../contracts';
import type { DocKind } from '../../../src/lib/plp/access';

type ThrottledAction = 'change' | 'denied';

/**
 * Writes 'change' and 'denied' audit records at most once per user, document and action per
 * window: a person typing sends an update per keystroke, and the audit log answers "who changed
 * this plan when", not "how many keystrokes".
 */
export class AuditThrottle {
	readonly #lastWritten = new Map<string, number>();

	constructor(
		private readonly audit: AuditLog,
		private readonly windowMs = 60_000,
		private readonly now: () => number = Date.now
	) {}

	record(userId: string, kind: DocKind, planId: string, action: ThrottledAction, detail?: string): void {
		const key = `${action}\u0000${userId}\u0000${kind}.${planId}`;
		const now = this.now();
		const last = this.#lastWritten.get(key);
		if (last !== undefined && now - last < this.windowMs) return;
		this.#lastWritten.set(key, now);
		this.#prune(now);
		this.audit.record({ userId, planId, docKind: kind, action, detail });
	}

	/** Keeps the map from growing without bound on a long-running server. */
	#prune(now: number): void {
		if (this.#lastWritten.size < 10_000) return;
		for (const [key, at] of this.#lastWritten) {
			if (now - at >= this.windowMs) this.#lastWritten.delete(key);
		}
	}
}
