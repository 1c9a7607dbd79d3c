/**
 * "Import" only after "Check the files" on the same files, enforced here: a check hands out a
 * token bound to the admin and to a hash of exactly what was checked (the files, the format and
 * the school chosen). An import for real must bring a token of the same admin
 * and the same hash, from the last day. Tokens are stored hashed, like session tokens.
 */
import { createHash } from 'node:crypto';
import type { RosterImportRequest } from '../../../src/lib/contracts/roster-report';
import { hashSecret, newSessionToken } from '../auth/tokens';
import type { Database } from '../db';

const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * What a check looked at: the same for a check and the import that follows it. "Only the good
 * rows" is left out: a check reports every problem either way, and the admin decides after it.
 */
export function checkedHash(body: RosterImportRequest): string {
	const hash = createHash('sha256');
	const part = (text: string) => hash.update(`${Buffer.byteLength(text)}:`).update(text);
	part(body.format);
	part(body.schoolSourcedId ?? '');
	if (body.archive !== undefined) part(`zip:${body.archive}`);
	for (const name of Object.keys(body.files).sort()) {
		part(name.toLowerCase());
		part(body.files[name]!);
	}
	return hash.digest('hex');
}

export class RosterChecks {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	/** A new token for this admin's check of these files. */
	remember(userId: string, filesHash: string): string {
		const token = newSessionToken();
		const now = this.now();
		this.db.prepare('DELETE FROM roster_checks WHERE created_at < ?').run(now - TOKEN_TTL_MS);
		this.db
			.prepare('INSERT INTO roster_checks (token_hash, user_id, files_hash, created_at) VALUES (?, ?, ?, ?)')
			.run(hashSecret(token), userId, filesHash, now);
		return token;
	}

	/** True when the token is this admin's recent check of exactly these files. */
	isChecked(userId: string, filesHash: string, token: string | undefined): boolean {
		if (!token) return false;
		const row = this.db
			.prepare('SELECT user_id, files_hash, created_at FROM roster_checks WHERE token_hash = ?')
			.get(hashSecret(token)) as { user_id: string; files_hash: string; created_at: number } | undefined;
		return (
			row !== undefined &&
			row.user_id === userId &&
			row.files_hash === filesHash &&
			row.created_at >= this.now() - TOKEN_TTL_MS
		);
	}
}
