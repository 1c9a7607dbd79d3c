/**
 * Guesses of invite codes and guests' links counted in Redis (REDIS_URL), so that every process
 * behind one address counts together: fifty unknown codes spread over three processes are fifty,
 * not fifty each. Same limits and answers as MemoryAttemptLimiter. If Redis cannot be reached,
 * attempts are counted in this process meanwhile (the limit still holds per process).
 */
import type { Redis } from 'ioredis';
import { MemoryAttemptLimiter, type AttemptLimiter, type AttemptLimits } from './attempt-limiter';
import { beginInWindow } from './redis-window';

export class RedisAttemptLimiter implements AttemptLimiter {
	readonly #fallback: MemoryAttemptLimiter;

	/** `redis` is a command connection the caller owns and closes; `prefix` starts every key. */
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
		private readonly limits: AttemptLimits,
		private readonly now: () => number,
		private readonly onError: (error: Error) => void
	) {
		this.#fallback = new MemoryAttemptLimiter(limits, now);
	}

	async begin(key: string): Promise<number> {
		try {
			return await beginInWindow(
				this.redis,
				[{ key: this.#redisKey(key), limit: this.limits.maxAttempts }],
				this.limits.windowMs,
				this.now()
			);
		} catch (error) {
			this.onError(new Error(`guess counts: ${(error as Error).message}; counting in this process`));
			return this.#fallback.begin(key);
		}
	}

	async forgive(key: string): Promise<void> {
		try {
			// Takes back the latest attempt, which in a burst may be another one of the same key:
			// the count is what matters, not which attempt it was.
			await this.redis.zpopmax(this.#redisKey(key));
		} catch (error) {
			this.onError(new Error(`guess counts: ${(error as Error).message}`));
		}
		await this.#fallback.forgive(key);
	}

	#redisKey(key: string): string {
		return `${this.prefix}guess:${key}`;
	}
}
