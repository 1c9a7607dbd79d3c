import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { docName } from '../plp/access';
import { FamilyPart } from '../plp/family';
import { Plan } from '../plp/plan';
import { recordRevision } from '../plp/revisions';
import { localDb } from './db';
import { loadPending, savePending } from './pending-store';
import { dropLocalPlanDocument, keepDeviceCopy } from './plan-copy';
import { openLocalDoc, type LocalDoc } from './plan-storage';

const opened: LocalDoc[] = [];
const open = async (kind: 'plan' | 'family', planId: string) => {
	const local = openLocalDoc(kind, planId);
	opened.push(local);
	await local.load();
	return local;
};
afterEach(async () => {
	await Promise.all(opened.splice(0).map((d) => d.close()));
});
beforeEach(() => {
	const store = new Map<string, string>();
	vi.stubGlobal('localStorage', {
		getItem: (key: string) => store.get(key) ?? null,
		setItem: (key: string, value: string) => void store.set(key, value),
		removeItem: (key: string) => void store.delete(key)
	});
});

describe('a school plan holding a change the school refused', () => {
	it('is kept whole as a plan on this device, then dropped so the school’s loads; the family part stays', async () => {
		// The device's school plan: a recorded revision, then new words, then an edit of the revision.
		const planDoc = await open('plan', 'school-1');
		const familyDoc = await open('family', 'school-1');
		const plan = Plan.create(planDoc.doc, 'school-1', { studentName: 'Amara Okoye' });
		const goalId = plan.goals.add({ title: 'Bring my biology grade up' });
		const revisionId = recordRevision(plan, { whatChanged: 'A first goal', why: 'Start of the year' });
		plan.goals.text(goalId, 'why').insert(0, 'I want to study health science.');
		plan.collections.revisions.text(revisionId, 'why').insert(0, 'Edited later: ');
		new FamilyPart(familyDoc.doc).initialize();
		new FamilyPart(familyDoc.doc).reflections.add({ body: 'We are proud of her.' });
		await Promise.all([planDoc.whenSaved(), familyDoc.whenSaved()]);
		savePending(docName('plan', 'school-1'), [[planDoc.doc.clientID, 7]]);

		const copyId = await keepDeviceCopy(
			{ plan: planDoc.doc, family: familyDoc.doc },
			'Amara Okoye (this device’s copy)'
		);
		expect(copyId).not.toBe('school-1');
		const entry = await localDb().plans.get(copyId);
		expect(entry).toMatchObject({
			studentName: 'Amara Okoye (this device’s copy)',
			source: 'device',
			hasUnsyncedChanges: false
		});
		// Every word of this device's version is in the copy, read back from IndexedDB.
		const copy = Plan.open((await open('plan', copyId)).doc).plan;
		expect(copy.planId).toBe(copyId);
		expect(copy.info().studentName).toBe('Amara Okoye (this device’s copy)');
		expect(copy.goals.get(goalId)).toMatchObject({
			title: 'Bring my biology grade up',
			why: 'I want to study health science.'
		});
		expect(copy.collections.revisions.get(revisionId)?.why).toBe('Edited later: Start of the year');
		const copiedFamily = new FamilyPart((await open('family', copyId)).doc);
		expect(copiedFamily.reflections.list().map((r) => r.body)).toEqual(['We are proud of her.']);

		// Closed on this device, the school plan's plan document is dropped: it opens empty (to be
		// loaded from the school), with nothing counted as waiting; its family part is as it was.
		await Promise.all(opened.splice(0, 2).map((d) => d.close()));
		await dropLocalPlanDocument('school-1');
		expect(Plan.open((await open('plan', 'school-1')).doc).migration.status).toBe('empty');
		expect(loadPending(docName('plan', 'school-1'))).toEqual([]);
		const family = new FamilyPart((await open('family', 'school-1')).doc);
		expect(family.reflections.list().map((r) => r.body)).toEqual(['We are proud of her.']);
		// The copy is untouched by the drop.
		expect(Plan.open((await open('plan', copyId)).doc).plan.goals.get(goalId)?.title).toBe(
			'Bring my biology grade up'
		);
	});
});
