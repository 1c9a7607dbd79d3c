/**
 * Family invite codes: staff or an admin creates one for a student; a guardian types it once to
 * create their own account linked to that student. Single-use, expiring, stored only as a hash.
 */
import { randomUUID } from 'node:crypto';
import { transaction, type Database } from '../db';
import type { AccountStore, User } from './accounts';
import { hashSecret, newInviteCode, normalizeInviteCode } from './tokens';

export type InviteState = 'valid' | 'unknown' | 'used' | 'expired';

export interface NewInvite {
	id: string;
	/** The secret itself: shown once to the person who created it, never stored. */
	code: string;
	studentId: string;
	expiresAt: number;
}

export interface GuardianDetails {
	username: string;
	displayName: string;
	passwordHash: string;
}

export class InviteError extends Error {
	override name = 'InviteError';
	constructor(readonly state: Exclude<InviteState, 'valid'>) {
		super(`The invite code is ${state}`);
	}
}

interface InviteRow {
	id: string;
	student_id: string;
	expires_at: number;
	used_at: number | null;
}

export class InviteStore {
	constructor(
		private readonly db: Database,
		private readonly accounts: AccountStore,
		private readonly ttlMs: number,
		private readonly now: () => number = Date.now
	) {}

	create(studentId: string, createdBy: string): NewInvite {
		const code = newInviteCode();
		const id = randomUUID();
		const createdAt = this.now();
		const expiresAt = createdAt + this.ttlMs;
		this.db
			.prepare(
				'INSERT INTO invites (id, code_hash, student_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(id, hashSecret(normalizeInviteCode(code)), studentId, createdBy, createdAt, expiresAt);
		return { id, code, studentId, expiresAt };
	}

	/** Whether a code can be redeemed now (checked before the costly password hash). */
	check(code: string): InviteState {
		return this.stateOf(this.find(code));
	}

	/**
	 * Creates the guardian account, links it to the invite's student and marks the code used — all
	 * or nothing. Throws InviteError when the code cannot be used, or UsernameTakenError.
	 */
	redeem(code: string, guardian: GuardianDetails): { user: User; studentId: string } {
		return transaction(this.db, () => {
			const row = this.find(code);
			const state = this.stateOf(row);
			if (state !== 'valid') throw new InviteError(state);
			const student = this.accounts.studentPlan(row!.student_id)!;
			const user = this.accounts.createUser({
				schoolId: student.schoolId,
				username: guardian.username,
				displayName: guardian.displayName,
				role: 'guardian',
				passwordHash: guardian.passwordHash
			});
			this.accounts.linkGuardian(user.id, student.studentId);
			this.markUsed(row!.id, user.id);
			return { user, studentId: student.studentId };
		});
	}

	/** Links an existing guardian account to the invite's student (a second child) and marks the code used. */
	redeemForGuardian(code: string, guardianId: string): { studentId: string } {
		return transaction(this.db, () => {
			const row = this.find(code);
			const state = this.stateOf(row);
			if (state !== 'valid') throw new InviteError(state);
			this.accounts.linkGuardian(guardianId, row!.student_id);
			this.markUsed(row!.id, guardianId);
			return { studentId: row!.student_id };
		});
	}

	private markUsed(inviteId: string, userId: string): void {
		const marked = this.db
			.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL')
			.run(this.now(), userId, inviteId);
		if (marked.changes !== 1) throw new InviteError('used');
	}

	private find(code: string): InviteRow | undefined {
		return this.db
			.prepare('SELECT id, student_id, expires_at, used_at FROM invites WHERE code_hash = ?')
			.get(hashSecret(normalizeInviteCode(code))) as InviteRow | undefined;
	}

	private stateOf(row: InviteRow | undefined): InviteState {
		if (!row) return 'unknown';
		if (row.used_at !== null) return 'used';
		if (row.expires_at <= this.now()) return 'expired';
		return 'valid';
	}
}
