/**
 * Sign-in attempts counted in Redis, so that every process behind one address counts together
 * (REDIS_URL): five wrong passwords spread over three processes are five, not five each. Same keys,
 * limits and answers as MemorySignInGuard (sign-in-guard.ts).
 *
 * Each key is a sorted set of attempt times (score = the server's clock, ms), trimmed to the window.
 * `begin` is one Lua script (redis-window.ts), which Redis runs alone: it trims every key, refuses
 * when any is at its limit, and otherwise adds the attempt to all of them. So a burst sent to several processes
 * at once still gets exactly the limit checked. Every key expires with the window, so nothing is
 * left behind. If Redis cannot be reached, attempts are counted in this process meanwhile (the
 * limit still holds per process, and nobody is kept from signing in by an outage of Redis).
 */
import type { Redis } from 'ioredis';
import {
	countedKeys,
	limitOf,
	MemorySignInGuard,
	type SignInAttempt,
	type SignInGuard,
	type SignInLimits
} from './sign-in-guard';
import { beginInWindow } from './redis-window';

export class RedisSignInGuard implements SignInGuard {
	readonly #fallback: MemorySignInGuard;

	/** `redis` is a command connection the caller owns and closes; `prefix` starts every key. */
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
		private readonly limits: SignInLimits,
		private readonly now: () => number,
		private readonly onError: (error: Error) => void
	) {
		this.#fallback = new MemorySignInGuard(limits, now);
	}

	async begin(attempt: SignInAttempt): Promise<number> {
		const keys = countedKeys(attempt);
		try {
			return await beginInWindow(
				this.redis,
				keys.map(({ key, limit }) => ({ key: this.#redisKey(key), limit: limitOf(this.limits, limit) })),
				this.limits.windowMs,
				this.now()
			);
		} catch (error) {
			this.onError(new Error(`sign-in counts: ${(error as Error).message}; counting in this process`));
			return this.#fallback.begin(attempt);
		}
	}

	async succeeded(attempt: SignInAttempt): Promise<void> {
		const keys = countedKeys(attempt);
		try {
			const batch = this.redis.multi();
			for (const { key, onSuccess } of keys) {
				// ZPOPMAX takes back the latest attempt, which in a burst may be another one of the
				// same key: the count is what matters, not which attempt it was.
				if (onSuccess === 'reset') batch.del(this.#redisKey(key));
				else batch.zpopmax(this.#redisKey(key));
			}
			await batch.exec();
		} catch (error) {
			this.onError(new Error(`sign-in counts: ${(error as Error).message}`));
		}
		await this.#fallback.succeeded(attempt);
	}

	#redisKey(key: string): string {
		return `${this.prefix}signin:${key}`;
	}
}
