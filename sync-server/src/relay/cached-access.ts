/**
 * The relay's answers to "who is this token" and "what may they do with this document", kept for
 * a few seconds, so a device reconnecting its plan and family documents (or a flaky network
 * reopening them) costs a map lookup instead of four SQLite queries and a token hash per open.
 *
 * Correctness rests on invalidation, not on the time limit: every revocation the server knows of
 * reaches the relay as `recheckUser` (rights changed, user deactivated, caseload changed) or
 * `closeSession` (signed out, sessions revoked), and both drop that user's or session's entries
 * before anything is re-checked. The time limit only bounds what the relay is never told about
 * (a session reaching its expiry time, a grant made elsewhere), to `ttlMs`.
 * Re-checks of live connections (recheck.ts) always ask the database itself.
 */
import type { Access, DocKind } from '../../../src/lib/plp/access';
import type { AccessResolver, Principal } from '../contracts';
import { sweepStale } from './sweep';

interface Cached<T> {
	value: T;
	at: number;
	userId: string;
	sessionId: string;
}

/** Entries above which old ones are swept (sweep.ts), so a long-running relay's cache stays bounded. */
const SWEEP_ABOVE = 20_000;

export class CachedAccess implements AccessResolver {
	readonly #principals = new Map<string, Cached<Principal>>();
	readonly #access = new Map<string, Cached<Access>>();
	readonly #sweepAbove = new WeakMap<Map<string, Cached<unknown>>, number>();

	constructor(
		/** The database-backed resolver: the truth. */
		readonly fresh: AccessResolver,
		private readonly ttlMs = 10_000,
		private readonly now: () => number = () => performance.now()
	) {}

	authenticate(token: string): Principal | null {
		const now = this.now();
		const hit = this.#principals.get(token);
		if (hit !== undefined && now - hit.at < this.ttlMs) return hit.value;
		const principal = this.fresh.authenticate(token);
		// Only a positive answer is kept: a token that fails now may be a sign-in in progress.
		if (principal === null) this.#principals.delete(token);
		else this.#remember(this.#principals, token, principal, principal, now);
		return principal;
	}

	accessTo(principal: Principal, kind: DocKind, planId: string): Access {
		// join() makes one flat string; a template literal this long is a chain of pieces kept as long as the entry.
		const key = [principal.sessionId, kind, planId].join('\u0000');
		const now = this.now();
		const hit = this.#access.get(key);
		if (hit !== undefined && now - hit.at < this.ttlMs) return hit.value;
		const access = this.fresh.accessTo(principal, kind, planId);
		this.#remember(this.#access, key, access, principal, now);
		return access;
	}

	/** Forgets everything about one user (their rights or their account changed). */
	forgetUser(userId: string): void {
		for (const map of [this.#principals, this.#access] as Map<string, Cached<unknown>>[]) {
			for (const [key, entry] of map) if (entry.userId === userId) map.delete(key);
		}
	}

	/** Forgets everything about one session (signed out or revoked). */
	forgetSession(sessionId: string): void {
		for (const map of [this.#principals, this.#access] as Map<string, Cached<unknown>>[]) {
			for (const [key, entry] of map) if (entry.sessionId === sessionId) map.delete(key);
		}
	}

	#remember<T>(map: Map<string, Cached<T>>, key: string, value: T, principal: Principal, now: number): void {
		if (map.size >= (this.#sweepAbove.get(map) ?? SWEEP_ABOVE)) {
			this.#sweepAbove.set(
				map,
				sweepStale(map, SWEEP_ABOVE, (entry) => now - entry.at >= this.ttlMs)
			);
		}
		map.set(key, { value, at: now, userId: principal.userId, sessionId: principal.sessionId });
	}
}
