import { describe, expect, it } from 'vitest';
import { accessTo, docName, parseDocName, type Relationship } from './access';

const none: Relationship = {
	role: 'student',
	isOwnPlan: false,
	isLinkedGuardian: false,
	isInCaseload: false,
	isSchoolAdmin: false
};

describe('accessTo', () => {
	it('lets a student write their own plan and only read the family part', () => {
		const rel = { ...none, role: 'student' as const, isOwnPlan: true };
		expect(accessTo('plan', rel)).toBe('write');
		expect(accessTo('family', rel)).toBe('read');
	});

	it("refuses a student another student's plan", () => {
		expect(accessTo('plan', { ...none, role: 'student' })).toBe('none');
		expect(accessTo('family', { ...none, role: 'student' })).toBe('none');
	});

	it('lets a guardian read the plan and write only the family part', () => {
		const rel = { ...none, role: 'guardian' as const, isLinkedGuardian: true };
		expect(accessTo('plan', rel)).toBe('read');
		expect(accessTo('family', rel)).toBe('write');
		expect(accessTo('plan', { ...none, role: 'guardian' })).toBe('none');
	});

	it('lets staff write plans in their caseload only', () => {
		const rel = { ...none, role: 'staff' as const, isInCaseload: true };
		expect(accessTo('plan', rel)).toBe('write');
		expect(accessTo('family', rel)).toBe('read');
		expect(accessTo('plan', { ...none, role: 'staff' })).toBe('none');
	});

	it('lets an admin read, never write, the plans of their school', () => {
		const rel = { ...none, role: 'admin' as const, isSchoolAdmin: true };
		expect(accessTo('plan', rel)).toBe('read');
		expect(accessTo('family', rel)).toBe('read');
		expect(accessTo('plan', { ...none, role: 'admin' })).toBe('none');
	});

	it('lets a district reader read the plan of another school of the district, never its family part', () => {
		const rel = { ...none, role: 'admin' as const, isDistrictReader: true };
		expect(accessTo('plan', rel)).toBe('read');
		expect(accessTo('family', rel)).toBe('none');
		expect(accessTo('school', rel)).toBe('read');
		// Only an admin can be a district reader: the flag on anyone else opens nothing more.
		for (const role of ['student', 'guardian', 'staff'] as const) {
			expect(accessTo('plan', { ...none, role, isDistrictReader: true })).toBe('none');
			expect(accessTo('school', { ...none, role, isDistrictReader: true })).toBe('none');
		}
	});
});

describe('the school document', () => {
	it('is written by its admins and read by everyone in the school', () => {
		expect(accessTo('school', { ...none, role: 'admin', isSchoolAdmin: true, isSchoolMember: true })).toBe(
			'write'
		);
		for (const role of ['student', 'guardian', 'staff'] as const) {
			expect(accessTo('school', { ...none, role, isSchoolMember: true })).toBe('read');
			expect(accessTo('school', { ...none, role })).toBe('none');
		}
		expect(accessTo('school', { ...none, role: 'admin' })).toBe('none');
	});
});

describe('document names', () => {
	it('round-trips', () => {
		expect(parseDocName(docName('family', 'abc-123'))).toEqual({ kind: 'family', planId: 'abc-123' });
	});

	it('rejects malformed names', () => {
		for (const bad of ['', 'plan', 'plan.', 'notes.abc', 'plan.a/b', 'plan.' + 'x'.repeat(65), '../plan.x']) {
			expect(parseDocName(bad)).toBeNull();
		}
		expect(() => docName('plan', 'a b')).toThrow();
	});
});
