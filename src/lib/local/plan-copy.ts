/**
 * A way out for a device whose school plan holds a change the school will never take (a change of
 * a recorded revision, refused with 4409, docs/decisions/0084-a-refused-change-kept-as-a-copy.md):
 * this device's version is kept whole as a plan only on this device, then this device's copy of
 * the school plan is dropped, so the plan opens again as the school has it. The family part is
 * not touched (the school never refuses it for a revision).
 */
import * as Y from 'yjs';
import { docName } from '../plp/access';
import { newId } from '../plp/ids';
import { localDb } from './db';
import { savePending } from './pending-store';
import { clearLocalDoc, openLocalDoc } from './plan-storage';

/**
 * Stores everything in `source` (both documents, history too) as a new plan on this device, named
 * `name` (on the start list and as the plan's name), and returns its id. The copy's own id is
 * written into it, so it is a plan of its own, never sent anywhere.
 */
export async function keepDeviceCopy(source: { plan: Y.Doc; family: Y.Doc }, name: string): Promise<string> {
	const copyId = newId();
	const planDoc = openLocalDoc('plan', copyId);
	const familyDoc = openLocalDoc('family', copyId);
	try {
		await Promise.all([planDoc.load(), familyDoc.load()]);
		Y.applyUpdate(planDoc.doc, Y.encodeStateAsUpdate(source.plan));
		Y.applyUpdate(familyDoc.doc, Y.encodeStateAsUpdate(source.family));
		planDoc.doc.getMap('meta').set('planId', copyId);
		// Named as the copy it is, on its page and on the plan list (which follows the plan's name).
		planDoc.doc.getMap('info').set('studentName', name);
		await Promise.all([planDoc.whenSaved(), familyDoc.whenSaved()]);
	} finally {
		await Promise.all([planDoc.close(), familyDoc.close()]);
	}
	const now = Date.now();
	await localDb().plans.put({
		id: copyId,
		studentName: name,
		createdAt: now,
		lastEditedAt: now,
		hasUnsyncedChanges: false,
		source: 'device'
	});
	return copyId;
}

/**
 * Drops this device's copy of a school plan's plan document (and its "waiting to be sent" count),
 * so the next opening loads the school's. Call it only once the plan is closed on this device.
 */
export async function dropLocalPlanDocument(planId: string): Promise<void> {
	const name = docName('plan', planId);
	savePending(name, []);
	await clearLocalDoc(name);
}
