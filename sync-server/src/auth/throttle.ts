/**
 * Counts failed attempts per key (a username, an IP address) in a sliding window and says how long
 * to wait once the limit is reached. Kept in memory: a restart clears the counts, which is
 * acceptable for one school server and leaves nothing to clean up on disk.
 */

/** Keys remembered at most; beyond it the oldest are forgotten (an attack from many addresses must not fill memory). */
const MAX_KEYS = 10_000;

export class FailureThrottle {
	private readonly failures = new Map<string, number[]>();

	constructor(
		private readonly maxFailures: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
	retryAfterSeconds(key: string): number {
		const recent = this.recent(key);
		if (recent.length < this.maxFailures) return 0;
		const oldest = recent[recent.length - this.maxFailures]!;
		return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
	}

	recordFailure(key: string): void {
		const recent = this.recent(key);
		recent.push(this.now());
		// Re-inserting moves the key to the end, so the Map stays ordered from least to most recent.
		this.failures.delete(key);
		this.failures.set(key, recent);
		if (this.failures.size > MAX_KEYS) this.prune();
	}

	/** Takes back the most recent failure of a key (an attempt counted in advance that succeeded). */
	forgiveOne(key: string): void {
		const recent = this.recent(key);
		recent.pop();
		if (recent.length === 0) this.failures.delete(key);
		else this.failures.set(key, recent);
	}

	reset(key: string): void {
		this.failures.delete(key);
	}

	private recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		return (this.failures.get(key) ?? []).filter((at) => at > since);
	}

	/** Drops keys whose failures are all outside the window, then the least recent ones down to half the cap. */
	private prune(): void {
		for (const key of [...this.failures.keys()]) {
			if (this.recent(key).length === 0) this.failures.delete(key);
		}
		for (const key of this.failures.keys()) {
			if (this.failures.size <= MAX_KEYS / 2) break;
			this.failures.delete(key);
		}
	}
}
