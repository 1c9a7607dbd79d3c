import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from '../plp/plan';
import { cachedList, cachedSnapshot } from './record-cache';

function planWithGoals(count: number): Plan {
	const plan = Plan.create(new Y.Doc(), 'p1', { studentName: 'Sam' });
	for (let i = 0; i < count; i++) plan.goals.add({ title: `Goal ${i}` });
	return plan;
}

describe('cachedList', () => {
	it('reads like list() and keeps unchanged records as the same objects', () => {
		const plan = planWithGoals(3);
		const cache = cachedList(plan.goals);
		const before = cache.list();
		expect(before).toEqual(plan.goals.list());
		expect(cache.list()).toBe(before);

		const [first, second] = before;
		plan.goals.text(second!.id, 'why').insert(0, 'because');
		const after = cache.list();
		expect(after).not.toBe(before);
		expect(after[0]).toBe(first);
		expect(after[1]).not.toBe(second);
		expect(after[1]!.why).toBe('because');
		expect(after).toEqual(plan.goals.list());
	});

	it('follows added, removed and set records, and links', () => {
		const plan = planWithGoals(2);
		const cache = cachedList(plan.goals);
		cache.list();
		const id = plan.goals.add({ title: 'New' });
		plan.goals.set(id, 'status', 'met');
		plan.goals.remove(plan.goals.list()[0]!.id);
		expect(cache.list()).toEqual(plan.goals.list());
		const pathway = plan.collections.pathways.add({});
		const pathways = cachedList(plan.collections.pathways);
		pathways.list();
		plan.collections.pathways.link(pathway, 'goalIds', id, true);
		expect(pathways.list()[0]!.goalIds).toEqual([id]);
	});

	it('finds a text field without scanning and derives once per change', () => {
		const plan = planWithGoals(2);
		const cache = cachedList(plan.goals);
		const [goal] = plan.goals.list();
		expect(cache.text(goal!.id, 'title')).toBe(plan.goals.text(goal!.id, 'title'));

		const names = (list: { title: string }[]) => list.map((g) => g.title);
		const same = (a: string[], b: string[]) => a.join('\n') === b.join('\n');
		const first = cache.derive(names, same);
		plan.goals.text(goal!.id, 'why').insert(0, 'x'); // not part of the names
		expect(cache.derive(names, same)).toBe(first);
		plan.goals.text(goal!.id, 'title').insert(0, 'My ');
		expect(cache.derive(names, same)).toEqual(['My Goal 0', 'Goal 1']);
	});
});

describe('cachedSnapshot', () => {
	it('equals plan.snapshot()', () => {
		const plan = planWithGoals(2);
		plan.profileText('howILearn').insert(0, 'by doing');
		plan.steps.add({ goalId: plan.goals.list()[0]!.id });
		expect(cachedSnapshot(plan)).toEqual(plan.snapshot());
	});
});
