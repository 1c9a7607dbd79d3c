/** Who reads a plan, and the student's choice over each guardian once they are 18 (readers-routes.ts). */
import type { PlanReaders } from '../contracts/api';
import { api, request } from '../sync/api';

export const planReaders = (token: string, planId: string) =>
	request<PlanReaders>('GET', `/api/plans/${encodeURIComponent(planId)}/readers`, { token });

export const setGuardianAccess = (token: string, planId: string, guardianId: string, hasAccess: boolean) =>
	request<PlanReaders>(
		'PUT',
		`/api/plans/${encodeURIComponent(planId)}/guardians/${encodeURIComponent(guardianId)}`,
		{ token, body: { hasAccess } }
	);

/** The plan the page is about: the one named in the address, else the signed-in student's own. */
export async function readersPlanId(token: string, named: string | null): Promise<string | null> {
	if (named) return named;
	const { plans } = await api.plans(token);
	return plans[0]?.planId ?? null;
}

/** A school admin sets (or, with null, removes) a student's birth date; audited in the plan's log. */
export const setBirthDate = (token: string, studentId: string, birthDate: string | null) =>
	request<void>('PUT', `/api/users/${encodeURIComponent(studentId)}/birth-date`, {
		token,
		body: { birthDate }
	});
