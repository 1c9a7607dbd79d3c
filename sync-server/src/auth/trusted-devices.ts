/**
 * Devices an account has signed in on: a random token in an HttpOnly cookie, stored only as its
 * SHA-256. It proves nothing by itself (the password is still needed); it only lets its owner
 * keep signing in while someone elsewhere guesses at the account (sign-in-guard.ts).
 */
import type { Database } from '../db';
import { hashSecret, newSessionToken } from './tokens';

export const DEVICE_COOKIE = 'pathways_device';
/** How long a device stays trusted without signing in again. */
export const DEVICE_TRUST_MS = 180 * 24 * 3_600_000;
/** Devices remembered per account; the least recently used go first. */
const MAX_DEVICES_PER_USER = 20;

export class TrustedDevices {
	constructor(
		private readonly db: Database,
		private readonly now: () => number
	) {}

	/** The stored hash of `token` when it is a live device of this user, else null. */
	trustedFor(token: string | undefined, userId: string | undefined): string | null {
		if (!token || !userId) return null;
		const hash = hashSecret(token);
		const row = this.db
			.prepare('SELECT last_used_at FROM trusted_devices WHERE token_hash = ? AND user_id = ?')
			.get(hash, userId) as { last_used_at: number } | undefined;
		return row && row.last_used_at + DEVICE_TRUST_MS > this.now() ? hash : null;
	}

	/** After a right password: refreshes a trusted device, or trusts a new one (returns its token). */
	remember(userId: string, trustedHash: string | null): string | null {
		const now = this.now();
		if (trustedHash !== null) {
			this.db
				.prepare('UPDATE trusted_devices SET last_used_at = ? WHERE token_hash = ?')
				.run(now, trustedHash);
			return null;
		}
		const token = newSessionToken();
		this.db
			.prepare(
				'INSERT INTO trusted_devices (token_hash, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)'
			)
			.run(hashSecret(token), userId, now, now);
		this.db
			.prepare(
				`DELETE FROM trusted_devices WHERE user_id = ? AND token_hash NOT IN
				 (SELECT token_hash FROM trusted_devices WHERE user_id = ? ORDER BY last_used_at DESC LIMIT ?)`
			)
			.run(userId, userId, MAX_DEVICES_PER_USER);
		return token;
	}
}
