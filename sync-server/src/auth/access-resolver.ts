/**
 * The relay's view of accounts: who holds a token, and what they may do with one document. The
 * rules themselves live once in src/lib/plp/access.ts; this file only gathers the facts they need
 * (the Relationship) from the database — fresh on every call, so a revoked right is seen at once.
 */
import {
	accessTo,
	isPlanId,
	type Access,
	type DocKind,
	type Relationship
} from '../../../src/lib/plp/access';
import type { AccessResolver, Principal } from '../contracts';
import type { AccountStore, User } from './accounts';
import type { LeaverAccess } from './leavers';
import type { SessionStore } from './sessions';

export class SqliteAccessResolver implements AccessResolver {
	constructor(
		private readonly accounts: AccountStore,
		private readonly sessions: SessionStore,
		private readonly leavers?: LeaverAccess
	) {}

	authenticate(token: string): Principal | null {
		const session = this.sessions.find(token);
		if (!session) return null;
		const user = this.accounts.getUser(session.userId);
		if (!user || (!user.isActive && !this.hasLeft(user))) return null;
		return principalOf(user, session.id, session.expiresAt);
	}

	/** A student who left, still within their period: they read their own plan, and write nothing. */
	private hasLeft(user: User): boolean {
		return !user.isActive && (this.leavers?.readableUntil(user.id) ?? null) !== null;
	}

	accessTo(principal: Principal, kind: DocKind, planId: string): Access {
		const relationship =
			kind === 'school' ? this.schoolRelationship(principal, planId) : this.relationship(principal, planId);
		return relationship ? accessTo(kind, relationship) : 'none';
	}

	/** The facts about one person and a school document (named by the school id). */
	schoolRelationship(principal: Principal, schoolId: string): Relationship | null {
		const user = this.accounts.getUser(principal.userId);
		if (!user?.isActive || !this.sessions.isLive(principal.sessionId)) return null;
		const isSchoolMember = user.schoolId === schoolId;
		return {
			role: user.role,
			isOwnPlan: false,
			isLinkedGuardian: false,
			isInCaseload: false,
			isSchoolAdmin: user.role === 'admin' && isSchoolMember,
			isSchoolMember,
			isDistrictReader: user.role === 'admin' && this.accounts.isDistrictReader(user.id, schoolId)
		};
	}

	/** The facts about one person and one plan; null when the plan, the user or the session is gone. */
	relationship(principal: Principal, planId: string): Relationship | null {
		if (!isPlanId(planId)) return null;
		const plan = this.accounts.planById(planId);
		if (!plan) return null;
		// Re-read the user and the session: the principal may be minutes old, and a deactivated
		// user or a signed-out session must lose access on the next check.
		const user = this.accounts.getUser(principal.userId);
		if (!user || !this.sessions.isLive(principal.sessionId)) return null;
		const hasLeft = this.hasLeft(user);
		if (!user.isActive && !hasLeft) return null;
		return {
			role: user.role,
			hasLeft,
			isOwnPlan: user.role === 'student' && plan.studentId === user.id,
			isLinkedGuardian: user.role === 'guardian' && this.accounts.isLinkedGuardian(user.id, plan.studentId),
			isInCaseload: user.role === 'staff' && this.accounts.isInCaseload(user.id, plan.studentId),
			isSchoolAdmin: user.role === 'admin' && plan.schoolId === user.schoolId,
			isDistrictReader: user.role === 'admin' && this.accounts.isDistrictReader(user.id, plan.schoolId)
		};
	}
}

/**
 * The principal of a user and session. API routes may leave out the session's end: they check
 * the session on every request (relationship() re-reads it); the relay gets it from authenticate().
 */
export function principalOf(user: User, sessionId: string, expiresAt = Number.POSITIVE_INFINITY): Principal {
	return {
		userId: user.id,
		displayName: user.displayName,
		role: user.role,
		schoolId: user.schoolId,
		sessionId,
		expiresAt,
		staffTitle: user.staffTitle ?? null
	};
}
