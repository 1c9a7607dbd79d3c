/**
 * A test-only AccessResolver: tokens and relationships live in maps instead of the accounts
 * tables (another module, tested on its own), but the rules are the real shared ones
 * (`accessTo` from src/lib/plp/access.ts), so a student is refused a plan that is not theirs here
 * exactly as in production.
 */
import { accessTo, type DocKind, type Relationship, type Role } from '../../src/lib/plp/access';
import type { AccessResolver, AuditLog, Principal } from '../src/contracts';

export class TestAccessResolver implements AccessResolver {
	readonly #sessions = new Map<string, Principal>();
	readonly #relationships = new Map<string, Omit<Relationship, 'role'>>();

	/** Signs a user in; returns the principal the token stands for. */
	addSession(
		token: string,
		userId: string,
		role: Role,
		sessionId = `s-${token}`,
		expiresAt = Number.POSITIVE_INFINITY
	): Principal {
		const principal: Principal = {
			userId,
			displayName: userId,
			role,
			schoolId: 'school-1',
			sessionId,
			expiresAt,
			staffTitle: role === 'staff' ? 'advisor' : null
		};
		this.#sessions.set(token, principal);
		return principal;
	}

	endSession(token: string): void {
		this.#sessions.delete(token);
	}

	relate(userId: string, planId: string, rel: Partial<Omit<Relationship, 'role'>>): void {
		this.#relationships.set(`${userId}/${planId}`, {
			isOwnPlan: false,
			isLinkedGuardian: false,
			isInCaseload: false,
			isSchoolAdmin: false,
			...rel
		});
	}

	unrelate(userId: string, planId: string): void {
		this.#relationships.delete(`${userId}/${planId}`);
	}

	authenticate(token: string): Principal | null {
		return this.#sessions.get(token) ?? null;
	}

	accessTo(principal: Principal, kind: DocKind, planId: string) {
		const rel = this.#relationships.get(`${principal.userId}/${planId}`);
		if (rel === undefined) return 'none';
		return accessTo(kind, { role: principal.role, ...rel });
	}
}

export type AuditEntry = Parameters<AuditLog['record']>[0];

export class MemoryAuditLog implements AuditLog {
	readonly entries: AuditEntry[] = [];
	record(entry: AuditEntry): void {
		this.entries.push(entry);
	}
}

/** The cast of every relay test: a student who owns plan p1, their advisor, their guardian, an admin. */
export function seedSchool(resolver: TestAccessResolver): void {
	resolver.addSession('tok-student', 'student-1', 'student');
	resolver.addSession('tok-advisor', 'advisor-1', 'staff');
	resolver.addSession('tok-guardian', 'guardian-1', 'guardian');
	resolver.addSession('tok-admin', 'admin-1', 'admin');
	resolver.addSession('tok-other', 'student-2', 'student');
	for (const planId of ['p1', 'p3']) {
		resolver.relate('student-1', planId, { isOwnPlan: true });
		resolver.relate('advisor-1', planId, { isInCaseload: true });
		resolver.relate('guardian-1', planId, { isLinkedGuardian: true });
		resolver.relate('admin-1', planId, { isSchoolAdmin: true });
	}
	resolver.relate('student-2', 'p2', { isOwnPlan: true });
}
