/**
 * The school's self-assessment: asked from and saved to the server, which checks every right. Not
 * kept on the device: ratings of a whole school are for its team, on the school's server.
 */
import { localDb } from '../local/db';
import type { PlanView } from '../contracts/api';
import type {
	AssessableSchool,
	AssessmentView,
	AttributeRating,
	DistrictPlans,
	DistrictView,
	SchoolEvidence,
	SelfAssessment,
	TeamView
} from '../contracts/self-assessment';
import { request } from '../sync/api';
import { auth } from '../state/auth.svelte';

function token(): string {
	const value = auth.token;
	if (!value) throw new Error('not signed in');
	return value;
}

const base = (schoolId: string) => `/api/self-assessment/${encodeURIComponent(schoolId)}`;

export const assessableSchools = () =>
	request<{ schools: AssessableSchool[] }>('GET', '/api/self-assessment/schools', { token: token() });

export const assessmentOf = (schoolId: string, schoolYear: number) =>
	request<AssessmentView>('GET', `${base(schoolId)}/years/${schoolYear}`, { token: token() });

export const saveAssessment = (schoolId: string, schoolYear: number, ratings: AttributeRating[]) =>
	request<{ assessment: SelfAssessment }>('PUT', `${base(schoolId)}/years/${schoolYear}`, {
		token: token(),
		body: { ratings }
	});

export const evidenceOf = (schoolId: string) =>
	request<SchoolEvidence>('GET', `${base(schoolId)}/evidence`, { token: token() });

export const teamOf = (schoolId: string) =>
	request<TeamView>('GET', `${base(schoolId)}/team`, { token: token() });

export const addToTeam = (schoolId: string, userId: string) =>
	request<{ isAdded: boolean }>('PUT', `${base(schoolId)}/team/${encodeURIComponent(userId)}`, {
		token: token()
	});

export const removeFromTeam = (schoolId: string, userId: string) =>
	request<{ isRemoved: boolean }>('DELETE', `${base(schoolId)}/team/${encodeURIComponent(userId)}`, {
		token: token()
	});

export const districtView = (schoolYear: number) =>
	request<DistrictView>('GET', `/api/district?year=${schoolYear}`, { token: token() });

export const nameDistrictAdmin = (userId: string) =>
	request<{ isNamed: boolean }>('PUT', `/api/district/admins/${encodeURIComponent(userId)}`, {
		token: token()
	});

export const removeDistrictAdmin = (userId: string) =>
	request<{ isRemoved: boolean }>('DELETE', `/api/district/admins/${encodeURIComponent(userId)}`, {
		token: token()
	});

export const setDistrictPlansReadable = (plansReadable: boolean) =>
	request<{ plansReadable: boolean; isChanged: boolean }>('PUT', '/api/district/settings', {
		token: token(),
		body: { plansReadable }
	});

export const districtPlans = (schoolId: string) =>
	request<DistrictPlans>('GET', `/api/district/schools/${encodeURIComponent(schoolId)}/plans`, {
		token: token()
	});

/**
 * Puts a plan of another school of the district on this device's list, read-only, so the plan page
 * opens and syncs it (the relay decides again on every open). It is not on the start screen's list,
 * and signing out removes it like the person's other school plans.
 */
export async function openDistrictPlan(plan: PlanView): Promise<void> {
	const user = auth.user;
	if (!user) throw new Error('not signed in');
	const db = localDb();
	const existing = await db.plans.get(plan.planId);
	if (existing && existing.ownerUserId === user.id && !existing.isDistrictRead) return;
	await db.plans.put({
		id: plan.planId,
		studentName: plan.studentName,
		createdAt: existing?.createdAt ?? Date.now(),
		lastEditedAt: existing?.lastEditedAt ?? 0,
		hasUnsyncedChanges: false,
		source: 'school',
		ownerUserId: user.id,
		// Copied field by field: a plan from a screen's state is a proxy IndexedDB cannot store.
		access: { plan: plan.access.plan, family: plan.access.family },
		isDistrictRead: true
	});
}
