/**
 * When a re-import changes a student's name, student ID or grade, their plan's information follows:
 * each field that still shows what the roster said before is set to what it says now. A field that
 * someone changed in the plan itself is left alone (the plan belongs to the people writing it).
 * The change goes through the relay, so devices with the plan open see it at once.
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { Plan } from '../../../src/lib/plp/plan';
import { INFO_FIELDS } from '../../../src/lib/plp/schema';
import type { AccountStore } from '../auth/accounts';
import type { DocStore, RelayControl } from '../contracts';
import type { PlanInfoChange } from './roster-import';

export async function syncPlanInfo(
	changes: PlanInfoChange[],
	accounts: AccountStore,
	docs: DocStore,
	relay: RelayControl | undefined
): Promise<number> {
	let changedPlans = 0;
	for (const change of changes) {
		const planId = accounts.studentPlan(change.userId)?.planId;
		if (!planId) continue;
		const name = docName('plan', planId);
		const doc = new Y.Doc({ gc: false });
		for (const update of docs.loadUpdates(name)) Y.applyUpdate(doc, update);
		const { plan, migration } = Plan.open(doc);
		if (migration.status === 'empty' || migration.status === 'too-new') continue;
		const before = Y.encodeStateVector(doc);
		const info = plan.info();
		doc.transact(() => {
			for (const field of INFO_FIELDS) {
				const next = change.after[field];
				if (next === undefined || next === change.before[field]) continue;
				if (info[field] === (change.before[field] ?? '') || info[field] === '') plan.setInfo(field, next);
			}
		});
		const update = Y.encodeStateAsUpdate(doc, before);
		if (Y.encodeStateVector(doc).toString() === before.toString()) continue;
		if (relay?.applyServerUpdate) await relay.applyServerUpdate(name, update);
		else docs.appendUpdate(name, update);
		changedPlans++;
	}
	return changedPlans;
}
