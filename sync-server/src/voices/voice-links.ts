/**
 * One-time links for voices from outside school: a student or their advisor makes one for a named
 * mentor, employer or community member, to add one reflection or confirm one piece of evidence in
 * one plan. The secret goes to the person who made it once (the app puts it in the link's
 * fragment, which no server ever receives); only its SHA-256 is stored. A link expires, works
 * once, and can be revoked.
 */
import { randomUUID } from 'node:crypto';
import type { GuestRelation } from '../../../src/lib/plp/confirmations';
import type { VoiceAction, VoiceLinkState } from '../../../src/lib/contracts/api';
import type { Database } from '../db';
import { allRecords, oneRecord, recordOf, type Row } from '../storage/rows';
import { hashSecret, newSessionToken } from '../auth/tokens';

export interface VoiceLink {
	id: string;
	planId: string;
	action: VoiceAction;
	evidenceId: string | null;
	guestName: string;
	guestRelation: GuestRelation;
	createdBy: string;
	createdByName: string | null;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
	revokedAt: number | null;
}

export type NewVoiceLink = Pick<
	VoiceLink,
	'planId' | 'action' | 'evidenceId' | 'guestName' | 'guestRelation' | 'createdBy'
>;

const COLUMNS =
	'v.id, v.plan_id, v.action, v.evidence_id, v.guest_name, v.guest_relation, v.created_by, u.display_name AS created_by_name, v.created_at, v.expires_at, v.used_at, v.revoked_at FROM voice_links v LEFT JOIN users u ON u.id = v.created_by';

const toLink = (row: Row) => recordOf<VoiceLink>(row);

export class VoiceLinkStore {
	constructor(
		private readonly db: Database,
		private readonly ttlMs: number,
		private readonly now: () => number = Date.now
	) {}

	create(input: NewVoiceLink): { link: VoiceLink; token: string } {
		const token = newSessionToken();
		const id = randomUUID();
		const createdAt = this.now();
		this.db
			.prepare(
				`INSERT INTO voice_links (id, token_hash, plan_id, action, evidence_id, guest_name, guest_relation, created_by, created_at, expires_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				id,
				hashSecret(token),
				input.planId,
				input.action,
				input.evidenceId,
				input.guestName,
				input.guestRelation,
				input.createdBy,
				createdAt,
				createdAt + this.ttlMs
			);
		return { link: this.byId(id)!, token };
	}

	/** The link a secret opens, whatever its state; undefined for an unknown secret. */
	find(token: string): VoiceLink | undefined {
		return oneRecord(this.db.prepare(`SELECT ${COLUMNS} WHERE v.token_hash = ?`), toLink, hashSecret(token));
	}

	byId(id: string): VoiceLink | undefined {
		return oneRecord(this.db.prepare(`SELECT ${COLUMNS} WHERE v.id = ?`), toLink, id);
	}

	/** Every link of one plan, newest first. */
	ofPlan(planId: string): VoiceLink[] {
		const statement = this.db.prepare(
			`SELECT ${COLUMNS} WHERE v.plan_id = ? ORDER BY v.created_at DESC, v.id`
		);
		return allRecords(statement, toLink, planId);
	}

	stateOf(link: VoiceLink): VoiceLinkState {
		if (link.revokedAt !== null) return 'revoked';
		if (link.usedAt !== null) return 'used';
		if (link.expiresAt <= this.now()) return 'expired';
		return 'open';
	}

	/** Marks the link used, only if it still works now: true for exactly one caller. */
	use(id: string): boolean {
		const now = this.now();
		const result = this.db
			.prepare(
				'UPDATE voice_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?'
			)
			.run(now, id, now);
		return result.changes === 1;
	}

	/** Gives a use back when writing the plan failed, so the guest can try again. */
	unuse(id: string): void {
		this.db.prepare('UPDATE voice_links SET used_at = NULL WHERE id = ?').run(id);
	}

	/** Closes a link that has not been used yet. False when it was used, revoked already, or not of this plan. */
	revoke(id: string, planId: string): boolean {
		const result = this.db
			.prepare(
				'UPDATE voice_links SET revoked_at = ? WHERE id = ? AND plan_id = ? AND used_at IS NULL AND revoked_at IS NULL'
			)
			.run(this.now(), id, planId);
		return result.changes === 1;
	}
}
