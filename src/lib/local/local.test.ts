import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Plan } from '../plp/plan';
import { isLowOnSpace } from './device-storage';
import { clearLocalPlan, openLocalDoc } from './plan-storage';
import { LocalDatabase } from './db';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((d) => d.close()));
});

describe('a plan stored on the device', () => {
	it('comes back with every word after the document is closed and opened again', async () => {
		const first = openLocalDoc('plan', 'p1');
		await first.load();
		const plan = Plan.create(first.doc, 'p1', { studentName: 'Kai' });
		const goalId = plan.goals.add({ title: 'Learn to code' });
		plan.goals.text(goalId, 'why').insert(0, 'I like games.');
		await first.whenSaved();
		await first.close();

		const second = openLocalDoc('plan', 'p1');
		opened.push(second);
		await second.load();
		const { plan: reopened, migration } = Plan.open(second.doc);
		expect(migration.status).toBe('current');
		expect(reopened.info().studentName).toBe('Kai');
		expect(reopened.goals.get(goalId)).toMatchObject({ title: 'Learn to code', why: 'I like games.' });
	});

	it('keeps a change made while the device copy is still being read in', async () => {
		const first = openLocalDoc('plan', 'p-early');
		await first.load();
		Plan.create(first.doc, 'p-early', { studentName: 'Kai' });
		await first.whenSaved();
		await first.close();

		// Nothing writes before the read is done today; if something did, its words must stay.
		const second = openLocalDoc('plan', 'p-early');
		second.doc.getMap('early').set('note', 'written before the read finished');
		await second.load();
		await second.whenSaved();
		await second.close();

		const third = openLocalDoc('plan', 'p-early');
		opened.push(third);
		await third.load();
		expect(third.doc.getMap('early').get('note')).toBe('written before the read finished');
		expect(Plan.open(third.doc).plan.info().studentName).toBe('Kai');
	});

	it('is gone after it is cleared from the device', async () => {
		const doc = openLocalDoc('plan', 'p2');
		await doc.load();
		Plan.create(doc.doc, 'p2', { studentName: 'Kai' });
		await doc.whenSaved();
		await doc.close();
		await clearLocalPlan('p2');

		const again = openLocalDoc('plan', 'p2');
		opened.push(again);
		await again.load();
		expect(Plan.open(again.doc).migration.status).toBe('empty');
	});
});

describe('the catalog of plans', () => {
	it('lists plans by last edit', async () => {
		const db = new LocalDatabase('catalog-test');
		await db.plans.bulkPut([
			{
				id: 'a',
				studentName: 'A',
				createdAt: 1,
				lastEditedAt: 5,
				hasUnsyncedChanges: true,
				source: 'device'
			},
			{
				id: 'b',
				studentName: 'B',
				createdAt: 1,
				lastEditedAt: 9,
				hasUnsyncedChanges: false,
				source: 'school'
			}
		]);
		const names = (await db.plans.orderBy('lastEditedAt').reverse().toArray()).map((p) => p.studentName);
		expect(names).toEqual(['B', 'A']);
		db.close();
	});
});

describe('isLowOnSpace', () => {
	it('warns under 50 MB or 10% free', () => {
		const MB = 1024 * 1024;
		expect(isLowOnSpace(100 * MB, 1000 * MB)).toBe(false);
		expect(isLowOnSpace(960 * MB, 1000 * MB)).toBe(true);
		expect(isLowOnSpace(9000 * MB, 10000 * MB)).toBe(false);
		expect(isLowOnSpace(9950 * MB, 10000 * MB)).toBe(true);
		expect(isLowOnSpace(0, 0)).toBe(false);
	});
});
