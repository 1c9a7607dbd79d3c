import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from '../../src/lib/plp/plan';
import { proficiencyGrowth } from '../../src/lib/proficiencies/growth-rollup';
import { DEMO_FRAMEWORK } from '../src/demo/demo-framework';
import { demoPlanContent, type DemoPlanOptions } from '../src/demo/demo-plans';
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

function open(stage: DemoStudent['stage'], options?: DemoPlanOptions) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, demoPlanContent(student(stage), options).plan);
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

	it('have progress checks on the demo framework, so the growth page has charts on first start', () => {
		const progress = open('active').plan.snapshot().progress;
		const groups = proficiencyGrowth(progress, DEMO_FRAMEWORK);
		expect(groups.map((group) => group.proficiencyId)).toEqual(['MR-INQ', 'MR-SEL']);
		const [inquiry, selfDirection] = groups;
		// Two indicators of inquiry, rolled up: the lower middle of their latest levels 3 and 2.
		expect(inquiry!.indicators.map((series) => series.proficiencyId)).toEqual(['MR-INQ.1', 'MR-INQ.2']);
		expect(inquiry!.rollup).toMatchObject({ value: 2, levelText: '2 · Developing', assessed: 2, total: 3 });
		// Self-direction's own line, every level on the scale.
		expect(selfDirection!.own!.points.map((point) => point.levelText)).toEqual([
			'1 · Beginning',
			'2 · Developing',
			'3 · Proficient'
		]);
		expect(progress.every((entry) => entry.date && entry.assessmentKind)).toBe(true);
		// Plans not yet under way have none; without the framework, a plan under way has one on a goal.
		expect(open('drafting').plan.snapshot().progress).toEqual([]);
		const withoutFramework = open('active', { withProgress: false }).plan.snapshot().progress;
		expect(withoutFramework.map((entry) => [entry.proficiency, entry.level])).toEqual([['', '2 of 4']]);
	});
});
