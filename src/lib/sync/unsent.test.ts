import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { localDb } from '../local/db';
import { Plan } from '../plp/plan';
import { UnsentMark, recordSent } from './unsent';

const PLAN = 'p-unsent';
const entry = () => localDb().plans.get(PLAN);

/** Counts the writes to the plan list (Dexie's updating hook runs once per update). */
let writes = 0;
localDb().plans.hook('updating', () => {
	writes++;
});

beforeEach(async () => {
	await localDb().plans.put({
		id: PLAN,
		studentName: 'Ana',
		createdAt: 1,
		lastEditedAt: 1,
		hasUnsyncedChanges: false,
		source: 'school'
	});
	writes = 0;
});

describe("a school plan's 'not sent yet' mark", () => {
	it('is set by the first change made on this device, at once, and written once however much is typed', async () => {
		const doc = new Y.Doc();
		const plan = Plan.create(new Y.Doc(), PLAN);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc));
		const mark = new UnsentMark(PLAN, [doc], false);
		const { plan: open } = Plan.open(doc);
		const goal = open.goals.add({ title: 'R' });
		// No timer: the write has started before anything else runs.
		await mark.whenWritten();
		expect((await entry())?.hasUnsyncedChanges).toBe(true);
		for (const letter of 'ead more') open.goals.text(goal, 'title').insert(1, letter);
		await mark.stop();
		expect((await entry())?.hasUnsyncedChanges).toBe(true);
		expect(writes).toBe(1);
	});

	it('is not set by changes that came from the school or from this device’s storage', async () => {
		const school = Plan.create(new Y.Doc(), PLAN);
		school.goals.add({ title: 'From the advisor' });
		const doc = new Y.Doc();
		const mark = new UnsentMark(PLAN, [doc], false);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(school.doc), 'relay');
		await mark.stop();
		expect((await entry())?.hasUnsyncedChanges).toBe(false);
		expect(writes).toBe(0);
	});

	it('is cleared when the school has confirmed everything, and stays until then', async () => {
		const doc = new Y.Doc();
		const mark = new UnsentMark(PLAN, [doc], false);
		doc.getMap('meta').set('x', 1);
		mark.set(true); // the sync layer's "still pending": already set, nothing written again
		await mark.whenWritten();
		expect(writes).toBe(1);
		mark.set(false);
		await mark.stop();
		expect((await entry())?.hasUnsyncedChanges).toBe(false);
		// After stop (the plan closed), the documents are not watched any more.
		doc.getMap('meta').set('y', 2);
		await mark.whenWritten();
		expect((await entry())?.hasUnsyncedChanges).toBe(false);
	});

	it('is cleared for a plan sent while it was not open', async () => {
		await localDb().plans.update(PLAN, { hasUnsyncedChanges: true });
		await recordSent(PLAN);
		expect((await entry())?.hasUnsyncedChanges).toBe(false);
	});
});
