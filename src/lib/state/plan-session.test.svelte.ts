import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { localDb } from '../local/db';
import { openLocalDoc } from '../local/plan-storage';
import { Plan } from '../plp/plan';
import { PlanSession } from './plan-session.svelte';

/** A school plan already on this device, with no one signed in (so no sync layer starts). */
async function schoolPlanOnDevice(planId: string): Promise<string> {
	const local = openLocalDoc('plan', planId);
	await local.load();
	const goalId = Plan.create(local.doc, planId, { studentName: 'Ana' }).goals.add({ title: 'Read' });
	await local.whenSaved();
	await local.close();
	await localDb().plans.put({
		id: planId,
		studentName: 'Ana',
		createdAt: 1,
		lastEditedAt: 1,
		hasUnsyncedChanges: false,
		source: 'school',
		access: { plan: 'write', family: 'write' }
	});
	return goalId;
}

describe('closing a plan session', () => {
	it('keeps an edit made just before leaving: saved, marked "not sent yet", and in the plan list', async () => {
		const goalId = await schoolPlanOnDevice('p-close');
		const session = new PlanSession('p-close');
		await session.open();
		const plan = session.plan as Plan;
		plan.goals.text(goalId, 'title').insert(4, ' more');
		await session.close(); // at once: no 300 ms timer has run

		const entry = await localDb().plans.get('p-close');
		expect(entry?.hasUnsyncedChanges).toBe(true);
		expect(entry?.lastEditedAt).toBeGreaterThan(1);

		const again = openLocalDoc('plan', 'p-close');
		await again.load();
		expect(Plan.open(again.doc).plan.goals.get(goalId)?.title).toBe('Read more');
		await again.close();
	});

	it('marks nothing when nothing was changed', async () => {
		await schoolPlanOnDevice('p-idle');
		const session = new PlanSession('p-idle');
		await session.open();
		await session.close();
		const entry = await localDb().plans.get('p-idle');
		expect(entry?.hasUnsyncedChanges).toBe(false);
		expect(entry?.lastEditedAt).toBe(1);
	});
});
