import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from './plan';
import { linkProficiency, proficiencyIdsOf } from './proficiency-links';

/**
 * A plan as version 2 stored it before several proficiency links were possible: a goal and a piece
 * of evidence with one id in `proficiency`, and no `proficiencyIds` map at all. Raw Yjs on purpose.
 */
function oldShapePlan(): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		const meta = doc.getMap('meta');
		meta.set('schemaVersion', 2);
		meta.set('planId', 'old-shape');
		doc.getMap('info').set('studentName', 'Rowan Example');
		const goal = new Y.Map<unknown>();
		goal.set('id', 'goal-1');
		goal.set('title', new Y.Text('Design an experiment'));
		goal.set('status', 'in-progress');
		goal.set('proficiency', 'SCI-1');
		doc.getArray('goals').push([goal]);
		const evidence = new Y.Map<unknown>();
		evidence.set('id', 'ev-1');
		evidence.set('kind', 'link');
		evidence.set('title', new Y.Text('Lab report'));
		evidence.set('goalIds', new Y.Map());
		evidence.set('stepIds', new Y.Map());
		evidence.set('proficiency', 'TS-COM');
		doc.getArray('evidence').push([evidence]);
	});
	return doc;
}

describe('proficiency links', () => {
	it('an older plan keeps its single link, and more can be added', () => {
		const { plan } = Plan.open(oldShapePlan());
		const goals = plan.collections.goals;
		expect(proficiencyIdsOf(goals.get('goal-1')!)).toEqual(['SCI-1']);
		expect(proficiencyIdsOf(plan.collections.evidence.get('ev-1')!)).toEqual(['TS-COM']);

		linkProficiency(goals, 'goal-1', 'MATH-2', true);
		linkProficiency(goals, 'goal-1', 'SCI-1', true);
		expect(proficiencyIdsOf(goals.get('goal-1')!)).toEqual(['MATH-2', 'SCI-1']);

		// Unlinking the old single link clears it; the other link stays.
		linkProficiency(goals, 'goal-1', 'SCI-1', false);
		expect(goals.get('goal-1')).toMatchObject({ proficiency: '', proficiencyIds: ['MATH-2'] });
		expect(proficiencyIdsOf(goals.get('goal-1')!)).toEqual(['MATH-2']);
	});

	it('new goals and evidence link several proficiencies, and the links merge across devices', () => {
		const a = Plan.create(new Y.Doc(), 'p', { studentName: 'Ana' });
		const goalId = a.collections.goals.add({ proficiencyIds: ['SCI-1'] });
		const b = Plan.open(new Y.Doc()).plan;
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		linkProficiency(a.collections.goals, goalId, 'MATH-2', true);
		linkProficiency(b.collections.goals, goalId, 'TS-COM', true);
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		expect(proficiencyIdsOf(a.collections.goals.get(goalId)!)).toEqual(['MATH-2', 'SCI-1', 'TS-COM']);
		expect(proficiencyIdsOf(b.collections.goals.get(goalId)!)).toEqual(['MATH-2', 'SCI-1', 'TS-COM']);
		const evidenceId = a.collections.evidence.add({ kind: 'journal' });
		linkProficiency(a.collections.evidence, evidenceId, 'SCI-1', true);
		linkProficiency(a.collections.evidence, evidenceId, 'TS-COM', true);
		expect(proficiencyIdsOf(a.collections.evidence.get(evidenceId)!)).toEqual(['SCI-1', 'TS-COM']);
	});
});
