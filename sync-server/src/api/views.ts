/** Builds the JSON the API answers with; the shapes live in src/lib/contracts/api.ts, shared with the app. */
import type { PlanView, UserView } from '../../../src/lib/contracts/api';
import type { StudentPlan, User } from '../auth/accounts';
import type { ApiContext } from './context';

export type { PlanView, UserView };

export function userView(ctx: ApiContext, user: User): UserView {
	return {
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		role: user.role,
		staffTitle: user.staffTitle,
		isActive: user.isActive,
		schoolId: user.schoolId,
		schoolName: ctx.schools.school(user.schoolId)?.name ?? '',
		language: user.language ?? null,
		readOnlyUntil: readOnlyUntil(ctx, user)
	};
}

/** A student who left reads their plan until then (ISO); null for everyone else. */
function readOnlyUntil(ctx: ApiContext, user: User): string | null {
	if (user.isActive) return null;
	const until = ctx.leavers.readableUntil(user.id);
	return until === null ? null : iso(until);
}

export function planView(plan: StudentPlan, access: PlanView['access']): PlanView {
	return {
		planId: plan.planId,
		studentId: plan.studentId,
		studentName: plan.studentName,
		grade: plan.grade,
		access
	};
}

export const iso = (ms: number) => new Date(ms).toISOString();
