/**
 * A change the server makes to a stored plan (a guest's confirmation, the roster's new plan
 * information): loaded from storage, changed in one transaction, and sent through the relay as one
 * update, so devices with the plan open see it at once.
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import type { MigrationResult } from '../../../src/lib/plp/migrations';
import { Plan } from '../../../src/lib/plp/plan';
import type { AsyncDocStore, ServerDocWriter } from '../contracts';
import { loadStoredDoc } from '../export/plan-archive';

/** The plan as stored now (read only: nothing is written). */
export async function storedPlan(docs: AsyncDocStore, planId: string): Promise<Plan> {
	return Plan.open(await loadStoredDoc(docs, docName('plan', planId))).plan;
}

/** Applies `change` to the stored plan and relays what it changed; false when it changed nothing. */
export async function changePlan(
	docs: AsyncDocStore,
	relay: ServerDocWriter,
	planId: string,
	change: (plan: Plan, migration: MigrationResult) => void
): Promise<boolean> {
	const name = docName('plan', planId);
	const doc = await loadStoredDoc(docs, name);
	const { plan, migration } = Plan.open(doc);
	const before = Y.encodeStateVector(doc);
	doc.transact(() => change(plan, migration));
	if (Y.encodeStateVector(doc).toString() === before.toString()) return false;
	await relay.writeServerUpdates([{ docName: name, update: Y.encodeStateAsUpdate(doc, before) }]);
	return true;
}
