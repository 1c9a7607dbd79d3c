import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { PlanEntry } from '../local/db';
import { localDb } from '../local/db';
import { isPlanId } from '../plp/access';
import type { UserView } from '../contracts/api';
import { auth } from '../state/auth.svelte';

/**
 * Where a person starts after signing in or joining: a student or a guardian with one plan works
 * in that plan, so they land in it; everyone else (and a guardian of two children) on the list.
 */
export function soleOwnPlanId(
	user: Pick<UserView, 'id' | 'role'>,
	plans: readonly PlanEntry[]
): string | null {
	if (user.role !== 'student' && user.role !== 'guardian') return null;
	const own = plans.filter((plan) => plan.source === 'school' && plan.ownerUserId === user.id);
	return own.length === 1 ? own[0]!.id : null;
}

/** Whether this person works on their own plan only (no device-only plans, no school template). */
export function isPlanOwnerOnly(user: Pick<UserView, 'role'> | null): boolean {
	return user?.role === 'student' || user?.role === 'guardian';
}

/** The plan to open after sign-in: the one asked for (from a plan link), else the person's only one. */
export async function landingPlanId(askedPlanId: string | null): Promise<string | null> {
	if (askedPlanId && isPlanId(askedPlanId)) return askedPlanId;
	const user = auth.user;
	if (!user) return null;
	return soleOwnPlanId(user, await localDb().plans.toArray());
}

/** Goes where a person starts (see `landingPlanId`): into that plan, else to the list of plans. */
export async function goToLanding(askedPlanId: string | null): Promise<void> {
	const planId = await landingPlanId(askedPlanId);
	await goto(planId ? resolve('/plan/[id]', { id: planId }) : resolve('/'));
}
