import { localDb } from '../local/db';
import { requestPersistence } from '../local/device-storage';

/**
 * Creates a new plan on this device and returns its id. Resolves only once the plan is stored,
 * so the editor that opens next finds it. The Yjs side is loaded on demand: the start screen
 * stays light for slow Chromebooks.
 */
export async function createPlan(studentName: string): Promise<string> {
	const [{ openLocalDoc }, { Plan, FamilyPart, newId, today }] = await Promise.all([
		import('../local/plan-storage'),
		import('../plp')
	]);
	const planId = newId();
	const planDoc = openLocalDoc('plan', planId);
	const familyDoc = openLocalDoc('family', planId);
	try {
		await Promise.all([planDoc.load(), familyDoc.load()]);
		Plan.create(planDoc.doc, planId, { studentName, startDate: today() });
		new FamilyPart(familyDoc.doc).initialize();
		await Promise.all([planDoc.whenSaved(), familyDoc.whenSaved()]);
	} finally {
		await Promise.all([planDoc.close(), familyDoc.close()]);
	}
	const now = Date.now();
	await localDb().plans.put({
		id: planId,
		studentName,
		createdAt: now,
		lastEditedAt: now,
		hasUnsyncedChanges: false,
		source: 'device'
	});
	// Ask once the device holds something worth keeping. The answer is shown by the storage notice.
	await requestPersistence().catch(() => false);
	return planId;
}
