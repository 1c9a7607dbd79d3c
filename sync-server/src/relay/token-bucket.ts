/** A per-connection rate limit: a bucket of `burst` tokens refilled at `perSecond`. */
export class TokenBucket {
	#tokens: number;
	#lastRefill: number;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.#tokens = burst;
		this.#lastRefill = now();
	}

	/** Takes one token; false when the bucket is empty (the caller is over its rate). */
	take(): boolean {
		const now = this.now();
		const elapsedSeconds = (now - this.#lastRefill) / 1000;
		this.#lastRefill = now;
		this.#tokens = Math.min(this.burst, this.#tokens + elapsedSeconds * this.perSecond);
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
