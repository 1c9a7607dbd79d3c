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

export class SignInGuard {
	readonly #perPair: FailureThrottle;
	readonly #perAccount: FailureThrottle;

	constructor(limits: SignInLimits, now: () => number) {
		this.#perPair = new FailureThrottle(limits.maxFailures, limits.windowMs, now);
		this.#perAccount = new FailureThrottle(limits.maxFailuresPerAccount, limits.windowMs, now);
	}

	/**
	 * Counts the attempt and returns 0, or returns the seconds to wait (the attempt is not counted
	 * and no password is checked).
	 */
	begin(attempt: SignInAttempt): number {
		const keys = this.#keys(attempt);
		const wait = Math.max(...keys.map(([throttle, key]) => throttle.retryAfterSeconds(key)));
		if (wait > 0) return wait;
		for (const [throttle, key] of keys) throttle.recordFailure(key);
		return 0;
	}

	/** The password was right: this device and address start again from zero. */
	succeeded(attempt: SignInAttempt): void {
		for (const [throttle, key] of this.#keys(attempt)) {
			if (throttle === this.#perPair) throttle.reset(key);
			else throttle.forgiveOne(key);
		}
	}

	#keys(attempt: SignInAttempt): [FailureThrottle, string][] {
		if (attempt.trustedDevice !== null) return [[this.#perPair, `device:${attempt.trustedDevice}`]];
		return [
			[this.#perPair, `pair:${attempt.username}\n${attempt.address}`],
			[this.#perAccount, `account:${attempt.username}`]
		];
	}
}
