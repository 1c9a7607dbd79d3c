/**
 * When a re-import changes a student's name, student ID or grade, their plan's information follows:
 * each field that still shows what the roster said before is set to what it says now. A field that
 * someone changed in the plan itself is left alone (the plan belongs to the people writing it).
 * The change goes through the relay, so devices with the plan open see it at once.
 */
import { INFO_FIELDS } from '../../../src/lib/plp/schema';
import type { AccountStore } from '../auth/accounts';
import type { AsyncDocStore, ServerDocWriter } from '../contracts';
import { changePlan } from '../plans/plan-writes';
import type { PlanInfoChange } from './roster-import';

export async function syncPlanInfo(
	changes: PlanInfoChange[],
	accounts: AccountStore,
	docs: AsyncDocStore,
	relay: ServerDocWriter
): Promise<number> {
	let changedPlans = 0;
	for (const change of changes) {
		const planId = accounts.studentPlan(change.userId)?.planId;
		if (!planId) continue;
		const isChanged = await changePlan(docs, relay, planId, (plan, migration) => {
			if (migration.status === 'empty' || migration.status === 'too-new') return;
			const info = plan.info();
			for (const field of INFO_FIELDS) {
				const next = change.after[field];
				if (next === undefined || next === change.before[field]) continue;
				if (info[field] === (change.before[field] ?? '') || info[field] === '') plan.setInfo(field, next);
			}
		});
		if (isChanged) changedPlans++;
	}
	return changedPlans;
}
