/**
 * Sign-in sessions. The token goes to the person once; the database keeps only its SHA-256, so a
 * stolen copy of the file signs nobody in. Sessions end at a fixed expiry or when signed out.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db';
import { hashSecret, newSessionToken } from './tokens';

export interface Session {
	id: string;
	userId: string;
	expiresAt: number;
}

export interface NewSession extends Session {
	/** The secret itself: returned once, never stored. */
	token: string;
}

export class SessionStore {
	constructor(
		private readonly db: Database,
		private readonly ttlMs: number,
		private readonly now: () => number = Date.now
	) {}

	create(userId: string): NewSession {
		const token = newSessionToken();
		const id = randomUUID();
		const createdAt = this.now();
		const expiresAt = createdAt + this.ttlMs;
		this.db
			.prepare(
				'INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
			)
			.run(id, hashSecret(token), userId, createdAt, expiresAt);
		return { id, userId, expiresAt, token };
	}

	/** The live session of a token; undefined when unknown or expired. Does not check the user. */
	find(token: string): Session | undefined {
		const row = this.db
			.prepare('SELECT id, user_id, expires_at FROM sessions WHERE token_hash = ?')
			.get(hashSecret(token)) as { id: string; user_id: string; expires_at: number } | undefined;
		if (!row || row.expires_at <= this.now()) return undefined;
		return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
	}

	/** True while the session exists and has not expired. */
	isLive(sessionId: string): boolean {
		const row = this.db.prepare('SELECT expires_at FROM sessions WHERE id = ?').get(sessionId) as
			{ expires_at: number } | undefined;
		return !!row && row.expires_at > this.now();
	}

	delete(sessionId: string): void {
		this.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
	}

	/** Ends every session of a user; returns their ids so live connections can be closed too. */
	deleteForUser(userId: string): string[] {
		const rows = this.db.prepare('SELECT id FROM sessions WHERE user_id = ?').all(userId) as { id: string }[];
		this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
		return rows.map((row) => row.id);
	}

	/** Removes expired rows (they already sign nobody in; this only keeps the table small). */
	purgeExpired(): number {
		return Number(this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.now()).changes);
	}
}
