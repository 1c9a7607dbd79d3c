/**
 * Who may try a password now, following OWASP's advice on lock-out: guessing is slowed per
 * account, never per address alone (a school's students share one address, and one of them
 * must not lock out the rest).
 * - From a device the account signed in on before (a trusted-device cookie, trusted-devices.ts),
 *   failures count for that device only: an attack elsewhere does not lock its owner out.
 * - From any other device, failures count per account and address (the usual 5 per 15 minutes),
 *   and per account over all untrusted devices (a higher limit: guessing from many addresses).
 * An attempt is counted when it starts, before scrypt, and forgiven when the password was right:
 * a burst sent at once gets exactly the limit checked, the rest is refused without a check.
 *
 * One interface, one implementation per engine (chosen once, shared/shared-state.ts): counted in
 * this process (below), or in Redis so that every process behind one address counts together
 * (redis-sign-in-guard.ts). Both use the keys and limits of `countedKeys`.
 */
import { FailureThrottle } from './throttle';

export interface SignInLimits {
	/** Failures per account and address, or per trusted device. */
	maxFailures: number;
	/** Failures per account from all devices it does not trust. */
	maxFailuresPerAccount: number;
	windowMs: number;
}

export interface SignInAttempt {
	username: string;
	address: string;
	/** Hash of a device cookie this account trusts, or null. */
	trustedDevice: string | null;
}

export interface SignInGuard {
	/**
	 * Counts the attempt and resolves 0, or resolves the seconds to wait (the attempt is not counted
	 * and no password is checked). Checking and counting are one step, also across processes.
	 */
	begin(attempt: SignInAttempt): Promise<number>;
	/** The password was right: this device and address start again from zero. */
	succeeded(attempt: SignInAttempt): Promise<void>;
}

/** One count an attempt adds to: its key, its limit, and what a right password does to it. */
export interface CountedKey {
	key: string;
	limit: 'pair' | 'account';
	/** `reset`: starts again from zero; `forgive`: takes back this attempt only. */
	onSuccess: 'reset' | 'forgive';
}

export function countedKeys(attempt: SignInAttempt): CountedKey[] {
	if (attempt.trustedDevice !== null) {
		return [{ key: `device:${attempt.trustedDevice}`, limit: 'pair', onSuccess: 'reset' }];
	}
	return [
		{ key: `pair:${attempt.username}\n${attempt.address}`, limit: 'pair', onSuccess: 'reset' },
		// Per account over all untrusted devices: a right password takes back only its own attempt,
		// so guessing from elsewhere is still counted.
		{ key: `account:${attempt.username}`, limit: 'account', onSuccess: 'forgive' }
	];
}

export function limitOf(limits: SignInLimits, limit: CountedKey['limit']): number {
	return limit === 'pair' ? limits.maxFailures : limits.maxFailuresPerAccount;
}

/** Counts in this process's memory: one process alone (no REDIS_URL). A restart clears the counts. */
export class MemorySignInGuard implements SignInGuard {
	readonly #throttles: Record<CountedKey['limit'], FailureThrottle>;

	constructor(limits: SignInLimits, now: () => number) {
		this.#throttles = {
			pair: new FailureThrottle(limits.maxFailures, limits.windowMs, now),
			account: new FailureThrottle(limits.maxFailuresPerAccount, limits.windowMs, now)
		};
	}

	async begin(attempt: SignInAttempt): Promise<number> {
		const keys = countedKeys(attempt);
		const wait = Math.max(...keys.map(({ key, limit }) => this.#throttles[limit].retryAfterSeconds(key)));
		if (wait > 0) return wait;
		for (const { key, limit } of keys) this.#throttles[limit].recordFailure(key);
		return 0;
	}

	async succeeded(attempt: SignInAttempt): Promise<void> {
		for (const { key, limit, onSuccess } of countedKeys(attempt)) {
			if (onSuccess === 'reset') this.#throttles[limit].reset(key);
			else this.#throttles[limit].forgiveOne(key);
		}
	}
}
