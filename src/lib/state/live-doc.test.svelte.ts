import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveRecordName } from '../components/record-name';
import { Plan } from '../plp/plan';
import { liveTextOf, liveValue } from './live-doc';
import { idOf, liveGroups, liveRecords } from './live-plan';

/**
 * The adapter in Svelte's real (client) runtime: effects that read parts of a plan, counted.
 * A reader runs once when made; every extra run is a re-run caused by a change it followed.
 */
function readers(make: Record<string, () => unknown>) {
	const runs: Record<string, number> = Object.fromEntries(Object.keys(make).map((name) => [name, 0]));
	const seen: Record<string, unknown> = {};
	const stop = $effect.root(() => {
		for (const [name, read] of Object.entries(make)) {
			$effect(() => {
				seen[name] = read();
				runs[name] = (runs[name] ?? 0) + 1;
			});
		}
	});
	flushSync();
	return { runs, seen, stop };
}

function planWithGoals() {
	const plan = Plan.create(new Y.Doc(), 'p1', { studentName: 'Ana' });
	const ids = ['Read more', 'Visit a college', 'Learn to weld'].map((title) =>
		plan.goals.add({ title, status: 'in-progress' })
	);
	plan.steps.add({ goalId: ids[0], what: 'Library card' });
	plan.collections.progress.add({ goalId: ids[1] });
	// As a record card gets its record: once, from the list (so its readers do not follow the list).
	const maps = new Map(plan.goals.array.toArray().map((map) => [idOf(map), map]));
	const record = (id: string) => maps.get(id) as Y.Map<unknown>;
	return { plan, ids, record };
}

/** How many observers a Yjs type has (Yjs keeps them in `_eH`, the deep ones in `_dEH`). */
type Observed = { _eH: { l: unknown[] }; _dEH: { l: unknown[] } };
const observers = (type: Observed) => type._eH.l.length + type._dEH.l.length;

describe('live-doc: each Yjs type is its own reactive source', () => {
	it('a keystroke in one field re-runs only that field’s readers and the names made of it', () => {
		const { plan, ids, record } = planWithGoals();
		const [first, second] = ids as [string, string];
		const { runs, seen, stop } = readers({
			firstTitle: () => liveTextOf(record(first), 'title'),
			firstWhy: () => liveTextOf(record(first), 'why'),
			firstStatus: () => liveValue(record(first), 'status'),
			secondTitle: () => liveTextOf(record(second), 'title'),
			firstName: () => liveRecordName('goals', plan.goals.fields, record(first), 0),
			goalCount: () => liveRecords(plan.goals).length,
			stepsOfFirst: () => liveGroups(plan.steps, 'goalId').get(first)?.length ?? 0
		});
		plan.goals.text(first, 'title').insert(0, 'Really ');
		flushSync();
		expect(seen.firstTitle).toBe('Really Read more');
		expect(seen.firstName).toBe('Really Read more');
		expect(runs).toEqual({
			firstTitle: 2,
			firstWhy: 1,
			firstStatus: 1,
			secondTitle: 1,
			firstName: 2,
			goalCount: 1,
			stepsOfFirst: 1
		});

		// A short value: only its own key's readers, not the other fields of the same record.
		plan.goals.set(first, 'status', 'met');
		flushSync();
		expect(seen.firstStatus).toBe('met');
		expect(runs).toMatchObject({ firstTitle: 2, firstStatus: 2, firstName: 2, goalCount: 1 });

		// Adding a goal re-runs the list's readers, not the fields of the goals already there.
		plan.goals.add({ title: 'Fourth' });
		flushSync();
		expect(seen.goalCount).toBe(4);
		expect(runs).toMatchObject({ firstTitle: 2, secondTitle: 1, goalCount: 2, stepsOfFirst: 1 });
		stop();
	});

	it('a remote change to one record leaves the other records’ views untouched', () => {
		const { plan, ids, record } = planWithGoals();
		const [first, second, third] = ids as [string, string, string];
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(plan.doc));
		const { runs, seen, stop } = readers({
			first: () => [liveTextOf(record(first), 'title'), liveValue(record(first), 'status')],
			second: () => [liveTextOf(record(second), 'title'), liveValue(record(second), 'status')],
			third: () => [liveTextOf(record(third), 'title'), liveValue(record(third), 'status')]
		});

		const remote = Plan.open(other).plan;
		const before = Y.encodeStateVector(plan.doc);
		remote.goals.text(second, 'title').insert(0, 'Go and ');
		remote.goals.set(second, 'status', 'met');
		Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(other, before), 'remote');
		flushSync();

		expect(seen.second).toEqual(['Go and Visit a college', 'met']);
		expect(runs).toEqual({ first: 1, second: 2, third: 1 });
		stop();
	});

	it('leaves no observer behind once the views are gone (a closed plan)', async () => {
		const { plan, ids, record } = planWithGoals();
		const maps = ids.map(record);
		const types: Observed[] = [
			plan.goals.array,
			plan.steps.array,
			plan.infoMap,
			...maps,
			...ids.map((id) => plan.goals.text(id, 'title'))
		];
		const { stop } = readers(
			Object.fromEntries(
				ids.flatMap((id, i) => [
					[`title${i}`, () => liveTextOf(record(id), 'title')],
					[`status${i}`, () => liveValue(record(id), 'status')],
					[`kind${i}`, () => liveValue(record(id), 'kind')],
					[`name${i}`, () => liveRecordName('goals', plan.goals.fields, record(id), i)],
					[`steps${i}`, () => liveGroups(plan.steps, 'goalId').get(id)]
				])
			)
		);
		// One observer per record map, however many of its keys are read.
		for (const map of maps) expect(map._eH.l.length).toBe(1);
		expect(types.some((type) => observers(type) > 0)).toBe(true);

		stop();
		await Promise.resolve(); // createSubscriber lets go a microtask after its last reader
		for (const type of types) expect(observers(type)).toBe(0);
	});
});
