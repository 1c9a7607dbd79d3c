/**
 * Every scrypt of the server goes through one small queue (p-limit): at most `concurrency` run at
 * once (each takes ~32 MiB and a core for tens of milliseconds), so a burst of sign-ins waits its
 * turn instead of taking every core and the relay with it. A queue that grows past `maxWaiting`
 * answers "busy" at once rather than holding thousands of requests open.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { ApiError } from '../api/errors';
import { hashPassword, timingDummyHash, verifyPassword } from './passwords';

export class PasswordChecks {
	readonly #limit: LimitFunction;
	/** Passwords verified so far (for tests and metrics: a throttled attempt never gets here). */
	verified = 0;

	constructor(
		concurrency: number,
		private readonly maxWaiting = 64
	) {
		this.#limit = pLimit(concurrency);
	}

	/** True when `password` matches `stored`; an unknown user (no hash) costs the same scrypt. */
	verify(password: string, stored: string | undefined): Promise<boolean> {
		return this.#run(async () => {
			this.verified += 1;
			return verifyPassword(password, stored ?? (await timingDummyHash()));
		});
	}

	hash(password: string): Promise<string> {
		return this.#run(() => hashPassword(password));
	}

	#run<T>(work: () => Promise<T>): Promise<T> {
		if (this.#limit.pendingCount >= this.maxWaiting) {
			return Promise.reject(
				new ApiError(503, 'busy', 'Many people are signing in right now. Wait a moment and try again.', {
					'retry-after': '5'
				})
			);
		}
		return this.#limit(work);
	}
}
