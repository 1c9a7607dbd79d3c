/**
 * The school's self-assessment: asked from and saved to the server, which checks every right. Not
 * kept on the device: ratings of a whole school are for its team, on the school's server.
 */
import type {
	AssessableSchool,
	AssessmentView,
	AttributeRating,
	DistrictView,
	SchoolEvidence,
	SelfAssessment,
	TeamView
} from '../school/self-assessment';
import { request } from '../sync/api';
import { auth } from '../sync/auth.svelte';

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
