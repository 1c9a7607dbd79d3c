import type { AuditLog } from '../contracts';
import type { DocKind } from '../../../src/lib/plp/access';
import { sweepStale } from './sweep';

type ThrottledAction = 'open' | 'change' | 'denied';

/** Entries above which stale ones are swept (sweep.ts). */
const SWEEP_ABOVE = 10_000;

/**
 * Writes 'open', 'change' and 'denied' audit records at most once per user, document and action
 * per window: a person typing sends an update per keystroke, and a flaky network reopens a socket
 * many times a minute; the audit log answers "who opened or changed this plan when", not "how many
 * keystrokes or reconnects". The write itself runs through `defer` (the end of the relay's turn),
 * so opening a socket or sending an update never waits on an audit INSERT.
 */
export class AuditThrottle {
	readonly #lastWritten = new Map<string, number>();
	#sweepAbove = SWEEP_ABOVE;

	constructor(
		private readonly audit: AuditLog,
		private readonly defer: (task: () => void) => void = (task) => task(),
		private readonly windowMs = 60_000,
		private readonly now: () => number = Date.now
	) {}

	record(userId: string, kind: DocKind, planId: string, action: ThrottledAction, detail?: string): void {
		// One flat string (join), not a chain of concatenated pieces kept for the whole window.
		const key = [action, userId, kind, planId, detail ?? ''].join('\u0000');
		const now = this.now();
		const last = this.#lastWritten.get(key);
		if (last !== undefined && now - last < this.windowMs) return;
		this.#lastWritten.set(key, now);
		this.#prune(now);
		this.defer(() => this.audit.record({ userId, planId, docKind: kind, action, detail }));
	}

	/** Keeps the map from growing without bound on a long-running server. */
	#prune(now: number): void {
		if (this.#lastWritten.size < this.#sweepAbove) return;
		this.#sweepAbove = sweepStale(this.#lastWritten, SWEEP_ABOVE, (at) => now - at >= this.windowMs);
	}
}
