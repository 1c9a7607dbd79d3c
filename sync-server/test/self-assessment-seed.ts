/**
 * A seeded school for the self-assessment's figures, whose expected values are known (see the
 * comments on each line). Written as real plan and family documents with the shared plan model.
 */
import * as Y from 'yjs';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import { AccountStore } from '../src/auth/accounts';
import { hashPassword } from '../src/auth/passwords';
import type { Database } from '../src/db';
import { DEMO_PASSWORD } from '../src/demo/demo-school';
import { SchoolStore } from '../src/auth/school-store';
import { DistrictAdmins } from '../src/self-assessment/district-admins';
import { createDocStore } from '../src/storage/sqlite-doc-store';
import { docName } from '../../src/lib/plp/access';

export interface SeededPlan {
	planId: string;
	plan: Y.Doc;
	family: Y.Doc;
}

/**
 * Twelve plans started 2024-09-01, read on `day` = 2026-11-15 (school year 2026–27):
 * - revised 2026-10-01: plans 0–10 (11 of 12); revised 2025-09-15: plans 0–4 (5, for 2025–26)
 * - family reflection 2026-09-10 in the family part: plans 0–2 (3); a guardian's reflection in the plan: plan 3
 * - a goal linked to a proficiency, no "by when": all 12; one due 2025-12-01: plans 0–9 (2025–26)
 * - progress 2026-10-20 (within 60 days): plans 0–9; progress 2026-08-01: plans 10–11
 * - a meeting 2026-09-05 with a guardian: plans 0–9; plan 11 met without family
 * - work-based learning, active since 2025-09-01: all 12; dual enrollment completed 2025-01-10 to
 *   2025-06-01: plans 0–1 (2024–25 only)
 */
export function seededSchoolPlans(count = 12, prefix = 'seed'): SeededPlan[] {
	const plans: SeededPlan[] = [];
	for (let i = 0; i < count; i++) {
		const planId = `${prefix}-${String(i).padStart(2, '0')}`;
		const planDoc = new Y.Doc();
		const plan = Plan.create(planDoc, planId, { studentName: `Student ${i}`, startDate: '2024-09-01' });
		const { collections } = plan;
		if (i <= 10) collections.revisions.add({ date: '2026-10-01' });
		if (i <= 4) collections.revisions.add({ date: '2025-09-15' });
		if (i === 3)
			collections.reflections.add({ date: '2026-10-02', authorRole: 'guardian', body: 'Good year.' });
		plan.goals.add({ title: 'Algebra', status: 'in-progress', proficiencyIds: ['MATH-1'] });
		if (i <= 9) plan.goals.add({ title: 'Essay', status: 'met', byWhen: '2025-12-01', proficiency: 'ELA-1' });
		plan.goals.add({ title: 'Not linked', status: 'in-progress' });
		collections.progress.add({ date: i <= 9 ? '2026-10-20' : '2026-08-01', level: '3' });
		collections.meetings.add({
			date: '2026-09-05',
			kind: 'conference',
			participants:
				i === 11
					? [{ name: 'Student', role: 'student' }]
					: i <= 9
						? [
								{ name: 'Student', role: 'student' },
								{ name: 'Parent', role: 'guardian' }
							]
						: []
		});
		collections.pathways.add({ kind: 'work-based', status: 'active', startDate: '2025-09-01' });
		if (i <= 1) {
			collections.pathways.add({
				kind: 'dual-enrollment',
				status: 'completed',
				startDate: '2025-01-10',
				endDate: '2025-06-01'
			});
		}
		collections.pathways.add({ kind: 'early-college', status: 'withdrawn', startDate: '2025-09-01' });
		const familyDoc = new Y.Doc();
		const family = new FamilyPart(familyDoc);
		if (i <= 2) family.reflections.add({ date: '2026-09-10', authorRole: 'guardian', body: 'Proud.' });
		plans.push({ planId, plan: planDoc, family: familyDoc });
	}
	return plans;
}

export const SEED_DAY = '2026-11-15';

/**
 * Beside the demo school: Birch Hill in the demo district (admin `birch-admin`), and Far Away High
 * in another district (admin `far-admin`, who acts for that district). Answers the two admins' ids.
 */
export async function addTwoSchools(db: Database): Promise<{ birchAdminId: string; farAdminId: string }> {
	const accounts = new AccountStore(db);
	const schools = new SchoolStore(db);
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	schools.createSchool({ id: 'birch', name: 'Birch Hill (fictional)' });
	schools.joinDistrict('birch', 'demo-district');
	const birch = accounts.createUser({
		schoolId: 'birch',
		username: 'birch-admin',
		displayName: 'Bo Admin',
		role: 'admin',
		passwordHash
	});
	schools.createDistrict('far-district', 'Far District (fictional)');
	schools.createSchool({ id: 'far', name: 'Far Away High (fictional)' });
	schools.joinDistrict('far', 'far-district');
	const far = accounts.createUser({
		schoolId: 'far',
		username: 'far-admin',
		displayName: 'Fay Admin',
		role: 'admin',
		passwordHash
	});
	new DistrictAdmins(db).makeDistrictAdmin(far.id, 'far-district');
	return { birchAdminId: birch.id, farAdminId: far.id };
}

/** Each seeded plan as a student of the school, its documents stored as the relay would store them. */
export function addSeededStudents(db: Database, schoolId: string, seeds: readonly SeededPlan[]): void {
	const accounts = new AccountStore(db);
	const store = createDocStore(db);
	try {
		for (const seed of seeds) {
			accounts.createUser({
				schoolId,
				username: seed.planId,
				displayName: seed.planId,
				role: 'student',
				passwordHash: 'x',
				planId: seed.planId
			});
			store.appendUpdate(docName('plan', seed.planId), Y.encodeStateAsUpdate(seed.plan));
			store.appendUpdate(docName('family', seed.planId), Y.encodeStateAsUpdate(seed.family));
		}
	} finally {
		store.close();
	}
}
