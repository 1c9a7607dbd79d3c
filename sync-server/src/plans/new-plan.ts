/**
 * A new student's documents on the server: their plan, pre-filled with their plan information, and
 * an empty family part. Written when the account is made (roster import or an admin), so the first
 * device to open the plan finds it at the school instead of waiting for a document nobody wrote.
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { FamilyPart } from '../../../src/lib/plp/family';
import { Plan } from '../../../src/lib/plp/plan';
import type { PlanInfo } from '../../../src/lib/plp/schema';
import type { ServerDocWriter, StoredUpdate } from '../contracts';

let emptyFamily: Uint8Array | undefined;

/**
 * Every new family document starts the same (only its schema version), so one update serves
 * them all: documents are independent, so sharing the first writer's id between them is harmless.
 */
function emptyFamilyUpdate(): Uint8Array {
	if (!emptyFamily) {
		const familyDoc = new Y.Doc();
		new FamilyPart(familyDoc).initialize();
		emptyFamily = Y.encodeStateAsUpdate(familyDoc);
	}
	return emptyFamily;
}

/** The first update of a new student's plan and of their family part, to be stored together. */
export function newPlanUpdates(planId: string, info: Partial<PlanInfo>): StoredUpdate[] {
	const planDoc = new Y.Doc();
	Plan.create(planDoc, planId, info);
	return [
		{ docName: docName('plan', planId), update: Y.encodeStateAsUpdate(planDoc) },
		{ docName: docName('family', planId), update: emptyFamilyUpdate() }
	];
}

/** Writes one new plan and its family part in one commit (neither exists without the other), where the relay reads. */
export function writeNewPlan(relay: ServerDocWriter, planId: string, info: Partial<PlanInfo>): Promise<void> {
	return relay.writeServerUpdates(newPlanUpdates(planId, info));
}
