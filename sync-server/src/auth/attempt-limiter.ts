/**
 * Guesses of a secret per key (an address) in a sliding window: unknown invite codes and unknown
 * guests' links. An attempt is counted when it starts and taken back once the secret turned out
 * to be a real one, so checking and counting are one step, also across processes: a burst sent
 * to several processes at once gets exactly the limit checked.
 *
 * One interface, one implementation per engine (chosen once, shared/shared-state.ts): counted in
 * this process (below), or in Redis so that every process behind one address counts together
 * (redis-attempt-limiter.ts). Both give the same answers.
 */
import { FailureThrottle } from './throttle';

export interface AttemptLimiter {
	/** Counts an attempt and resolves 0, or resolves the seconds to wait (then nothing is counted). */
	begin(key: string): Promise<number>;
	/** Takes back an attempt `begin` counted: the secret was a real one, not a guess. */
	forgive(key: string): Promise<void>;
}

export interface AttemptLimits {
	maxAttempts: number;
	windowMs: number;
}

/** Counts in this process's memory: one process alone (no REDIS_URL). A restart clears the counts. */
export class MemoryAttemptLimiter implements AttemptLimiter {
	readonly #throttle: FailureThrottle;

	constructor(limits: AttemptLimits, now: () => number) {
		this.#throttle = new FailureThrottle(limits.maxAttempts, limits.windowMs, now);
	}

	async begin(key: string): Promise<number> {
		const wait = this.#throttle.retryAfterSeconds(key);
		if (wait === 0) this.#throttle.recordFailure(key);
		return wait;
	}

	async forgive(key: string): Promise<void> {
		this.#throttle.forgiveOne(key);
	}
}
