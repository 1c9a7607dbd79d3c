/**
 * Who may read and write which document — shared by the app (to show what a person can do) and
 * the relay (which enforces it on every document open and every message). One copy, here.
 *
 * Each plan is two Yjs documents, split by who may write them (see ../../../docs/decisions/0002-plan-documents.md):
 * - the plan document: everything the student and staff write;
 * - the family document: what guardians write (their reflections, comments, hopes and strengths).
 * Each school has one more: the school document (its PLP template), written by its admins and read
 * by everyone in the school. Its name carries the school id where a plan's carries the plan id.
 */

export const ROLES = ['student', 'guardian', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DOC_KINDS = ['plan', 'family', 'school'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export type Access = 'none' | 'read' | 'write';

/** The relationship between one person and one plan, as the server knows it. */
export interface Relationship {
	role: Role;
	/** The person is the plan's student. */
	isOwnPlan: boolean;
	/** The person is a guardian linked to the plan's student. */
	isLinkedGuardian: boolean;
	/** The person is staff with the student in their caseload. */
	isInCaseload: boolean;
	/** The person is an admin of the plan's (or the school document's) school. */
	isSchoolAdmin: boolean;
	/** The person belongs to the school (for the school document). */
	isSchoolMember?: boolean;
	/**
	 * The person is a district admin of the plan's (or the school document's) school's district, and
	 * the district lets its admins read its schools' plans (off unless a district admin turns it on).
	 */
	isDistrictReader?: boolean;
	/** A student who graduated or left: reads their own plan for a while, writes nothing. */
	hasLeft?: boolean;
}

const PLAN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isPlanId(value: string): boolean {
	return PLAN_ID.test(value);
}

/** The name of a document on the relay and in IndexedDB: `plan.<planId>`, `family.<planId>` or `school.<schoolId>`. */
export function docName(kind: DocKind, planId: string): string {
	if (!isPlanId(planId)) throw new Error(`Not a plan id: ${JSON.stringify(planId)}`);
	return `${kind}.${planId}`;
}

/** The inverse of docName; null for anything that is not a well-formed document name. */
export function parseDocName(name: string): { kind: DocKind; planId: string } | null {
	const dot = name.indexOf('.');
	if (dot < 0) return null;
	const kind = name.slice(0, dot);
	const planId = name.slice(dot + 1);
	if (!(DOC_KINDS as readonly string[]).includes(kind) || !isPlanId(planId)) return null;
	return { kind: kind as DocKind, planId };
}

/** What a person may do with one document of a plan. Anything not listed here is refused. */
export function accessTo(kind: DocKind, rel: Relationship): Access {
	if (kind === 'school') {
		if (rel.role === 'admin' && rel.isSchoolAdmin) return 'write';
		return rel.isSchoolMember || (rel.role === 'admin' && rel.isDistrictReader) ? 'read' : 'none';
	}
	switch (rel.role) {
		case 'student':
			if (!rel.isOwnPlan) return 'none';
			if (rel.hasLeft) return 'read';
			return kind === 'plan' ? 'write' : 'read';
		case 'staff':
			if (!rel.isInCaseload) return 'none';
			return kind === 'plan' ? 'write' : 'read';
		case 'guardian':
			if (!rel.isLinkedGuardian) return 'none';
			return kind === 'family' ? 'write' : 'read';
		case 'admin':
			if (rel.isSchoolAdmin) return 'read';
			// Reading across the district covers what the school writes, never the family's own part.
			return rel.isDistrictReader && kind === 'plan' ? 'read' : 'none';
	}
}

export function canRead(access: Access): boolean {
	return access !== 'none';
}

export function canWrite(access: Access): boolean {
	return access === 'write';
}
