/**
 * A change the server makes to a plan on a guest's behalf: loaded from storage, changed in one
 * transaction, and sent through the relay as one update, so devices with the plan open see it at once.
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { Plan } from '../../../src/lib/plp/plan';
import type { DocStore, RelayControl } from '../contracts';
import { loadStoredDoc } from '../export/plan-archive';

/** The plan as stored now (read only: nothing is written). */
export function storedPlan(docs: DocStore, planId: string): Plan {
	return Plan.open(loadStoredDoc(docs, docName('plan', planId))).plan;
}

export async function changePlan(
	docs: DocStore,
	relay: RelayControl | undefined,
	planId: string,
	change: (plan: Plan) => void
): Promise<void> {
	const name = docName('plan', planId);
	const doc = loadStoredDoc(docs, name);
	const { plan } = Plan.open(doc);
	const before = Y.encodeStateVector(doc);
	doc.transact(() => change(plan));
	const update = Y.encodeStateAsUpdate(doc, before);
	if (relay?.applyServerUpdate) await relay.applyServerUpdate(name, update);
	else docs.appendUpdate(name, update);
}
