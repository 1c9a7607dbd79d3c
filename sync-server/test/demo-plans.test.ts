import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from '../../src/lib/plp/plan';
import { demoPlanContent } from '../src/demo/demo-plans';
import type { DemoStudent } from '../src/demo/demo-school';

function student(stage: DemoStudent['stage']): DemoStudent {
	return {
		id: `demo-${stage}`,
		username: stage,
		displayName: 'Test Student',
		role: 'student',
		note: '',
		planId: `demo-${stage}`,
		grade: 10,
		stage,
		advisorId: 'demo-rivera'
	};
}

function open(stage: DemoStudent['stage']) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, demoPlanContent(student(stage)).plan);
	return Plan.open(doc);
}

describe('demo plans', () => {
	it('are current plans in the state their stage names', () => {
		const fresh = open('new');
		expect(fresh.migration.status).toBe('current');
		expect(fresh.plan.info().studentName).toBe('Test Student');
		expect(fresh.plan.goals.length).toBe(0);

		expect(open('drafting').plan.goals.length).toBe(1);
		const active = open('active').plan.snapshot();
		expect(active.goals).toHaveLength(2);
		expect(active.pathways[0]?.goalIds).toHaveLength(1);
		expect(active.transitions).toHaveLength(0);
		expect(open('transition').plan.snapshot().transitions).toHaveLength(1);
	});
});
