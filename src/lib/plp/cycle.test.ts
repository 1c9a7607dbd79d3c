import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMonths, CYCLE_STEPS, cycleStatus, reviewDue } from './cycle';
import { Plan } from './plan';
import { PROFILE_FIELDS } from './schema';

function newPlan() {
	return Plan.create(new Y.Doc(), 'cycle', { studentName: 'Noor', startDate: '2026-09-01' });
}

function answerProfile(plan: Plan, count: number) {
	for (const field of PROFILE_FIELDS.slice(0, count)) plan.profileText(field).insert(0, 'an answer');
}

describe('cycleStatus', () => {
	it('starts a fresh plan at the profile, listing every unanswered question', () => {
		const status = cycleStatus(newPlan().snapshot());
		expect(status.current).toBe('profile');
		expect(status.gaps.filter((g) => g.kind === 'profile-unanswered')).toHaveLength(PROFILE_FIELDS.length);
		expect(status.roundStartedOn).toBe('2026-09-01');
	});

	it('moves to goals once most of the profile is answered', () => {
		const plan = newPlan();
		answerProfile(plan, 4);
		expect(cycleStatus(plan.snapshot()).current).toBe('profile');
		answerProfile(plan, 5);
		expect(cycleStatus(plan.snapshot()).current).toBe('goals');
	});

	it('names a goal without a measure or a date, and a goal without action steps', () => {
		const plan = newPlan();
		answerProfile(plan, 8);
		const goalId = plan.goals.add({ title: 'Run a 5k' });
		let status = cycleStatus(plan.snapshot());
		expect(status.current).toBe('goals');
		expect(status.gaps).toEqual(
			expect.arrayContaining([
				{ step: 'goals', kind: 'goal-no-measure', target: goalId },
				{ step: 'goals', kind: 'goal-no-date', target: goalId },
				{ step: 'steps', kind: 'goal-no-steps', target: goalId }
			])
		);
		plan.goals.text(goalId, 'measure').insert(0, 'I finish the town race.');
		plan.goals.set(goalId, 'byWhen', '2027-05-01');
		status = cycleStatus(plan.snapshot());
		expect(status.current).toBe('steps');
		const stepId = plan.steps.add({ goalId, what: 'Run twice a week' });
		status = cycleStatus(plan.snapshot());
		expect(status.gaps).toContainEqual({ step: 'steps', kind: 'step-no-evidence', target: stepId });
		expect(status.current).toBe('work');
	});

	it('names a pathway not tied to a goal', () => {
		const plan = newPlan();
		const pathwayId = plan.collections.pathways.add({ kind: 'dual-enrollment', status: 'active' });
		expect(cycleStatus(plan.snapshot()).gaps).toContainEqual({
			step: 'work',
			kind: 'pathway-no-goal',
			target: pathwayId
		});
		plan.collections.pathways.link(pathwayId, 'goalIds', plan.goals.add({ title: 'x' }), true);
		expect(cycleStatus(plan.snapshot()).gaps.some((g) => g.kind === 'pathway-no-goal')).toBe(false);
	});

	it('walks a whole round to revise, and a revision starts the next round at work', () => {
		const plan = newPlan();
		answerProfile(plan, 8);
		const goalId = plan.goals.add({ title: 'Run a 5k', measure: 'Finish the race', byWhen: '2027-05-01' });
		plan.steps.add({ goalId, what: 'Train', evidenceExpected: 'My running log', status: 'doing' });
		expect(cycleStatus(plan.snapshot()).current).toBe('progress');
		plan.collections.progress.add({ date: '2026-10-01', goalId, assessmentKind: 'self', level: '2' });
		expect(cycleStatus(plan.snapshot()).current).toBe('reflect');
		plan.collections.reflections.add({ date: '2026-10-02', authorRole: 'advisor', body: 'Good start' });
		expect(cycleStatus(plan.snapshot()).current).toBe('reflect'); // the student's own reflection counts
		plan.collections.reflections.add({ date: '2026-10-02', authorRole: 'student', body: 'I like it' });
		expect(cycleStatus(plan.snapshot()).current).toBe('revise');

		plan.collections.revisions.add({ date: '2026-10-10', whatChanged: 'Longer race', why: 'Too easy' });
		const next = cycleStatus(plan.snapshot());
		expect(next.roundStartedOn).toBe('2026-10-10');
		expect(next.current).toBe('progress'); // profile, goals, steps and work carry over
		plan.collections.progress.add({ date: '2026-10-10', goalId, assessmentKind: 'self' });
		expect(cycleStatus(plan.snapshot()).current).toBe('progress'); // same day as the revision: the old round
		plan.collections.progress.add({ date: '2026-10-11', goalId, assessmentKind: 'self' });
		expect(cycleStatus(plan.snapshot()).current).toBe('reflect');
	});
});

describe('reviewDue', () => {
	const plan = (start: string, revisions: string[] = []) => ({
		info: { studentName: '', studentId: '', school: '', grade: '', startDate: start },
		revisions: revisions.map((date, i) => ({
			id: String(i),
			date,
			whatChanged: '',
			why: '',
			reflectionIds: [],
			participants: [],
			snapshot: ''
		}))
	});

	it('is due a year after the last revision, or after the start', () => {
		expect(reviewDue(plan('2026-09-01'), 12, '2026-10-01')).toEqual({
			dueOn: '2027-09-01',
			state: 'on-track',
			lastRevisedOn: ''
		});
		expect(reviewDue(plan('2025-01-01', ['2026-03-15', '2025-12-01']), 12, '2027-02-20').state).toBe(
			'due-soon'
		);
		expect(reviewDue(plan('2025-01-01', ['2026-03-15']), 12, '2027-03-16').state).toBe('overdue');
		expect(reviewDue(plan('2025-01-01', ['2026-03-15']), 6, '2026-09-15').dueOn).toBe('2026-09-15');
	});

	it('says unknown when the plan has no start date', () => {
		expect(reviewDue(plan(''), 12, '2026-10-01').state).toBe('unknown');
	});

	it('adds months without running past the end of a month', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
		expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
	});

	it('ticks steps only in cycle order, so the ticks agree with "you are here"', () => {
		const doc = new Y.Doc();
		const plan = Plan.create(doc, 'p-order', { startDate: '2026-09-01' });
		// A reflection and a progress check before any goal: nothing after "About me" is ticked.
		plan.collections.reflections.add({ date: '2026-10-02', authorRole: 'student', body: 'Early thoughts' });
		plan.collections.progress.add({ date: '2026-10-02', note: 'A quiz' });
		const status = cycleStatus(plan.snapshot());
		expect(status.current).toBe('profile');
		expect(Object.values(status.isDone).some(Boolean)).toBe(false);
		const index = CYCLE_STEPS.indexOf(status.current);
		CYCLE_STEPS.forEach((step, i) => expect(status.isDone[step]).toBe(i < index));
	});
});
