import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffPlans } from './diff';
import { Plan } from './plan';
import {
	conferenceOf,
	endConference,
	joinConference,
	PLAN_DOC_OPTIONS,
	planAtRevision,
	previousRevisionId,
	recordRevision,
	startConference
} from './revisions';

function newPlan() {
	return Plan.create(new Y.Doc(PLAN_DOC_OPTIONS), 'rev', { studentName: 'Noor', startDate: '2026-09-01' });
}

describe('revisions', () => {
	it('keep the plan as it stood, read back from the plan’s own history', () => {
		const plan = newPlan();
		const goalId = plan.goals.add({ title: 'Learn guitar', measure: 'Play one song' });
		const first = recordRevision(plan, {
			whatChanged: 'First plan',
			why: 'Start of year',
			date: '2026-09-10'
		});
		plan.goals.text(goalId, 'measure').insert(plan.goals.get(goalId)!.measure.length, ' for my family');
		plan.goals.add({ title: 'Join the band' });
		const second = recordRevision(plan, { whatChanged: 'More music', why: 'I love it', date: '2027-01-10' });
		plan.goals.remove(goalId); // after the second revision: not in either view

		const atFirst = planAtRevision(plan, first)!;
		expect(atFirst.goals.list().map((g) => g.title)).toEqual(['Learn guitar']);
		expect(atFirst.goals.get(goalId)?.measure).toBe('Play one song');
		const atSecond = planAtRevision(plan, second)!;
		expect(atSecond.goals.list().map((g) => g.title)).toEqual(['Learn guitar', 'Join the band']);
		expect(previousRevisionId(plan, second)).toBe(first);
		expect(previousRevisionId(plan, first)).toBeNull();
	});

	it('show exactly what changed between two revisions', () => {
		const plan = newPlan();
		const keep = plan.goals.add({ title: 'Read more', measure: '5 books' });
		const drop = plan.goals.add({ title: 'Quit soccer' });
		plan.profileText('interests').insert(0, 'Books');
		const first = recordRevision(plan, { whatChanged: 'a', why: 'b' });
		plan.goals.text(keep, 'measure').delete(0, 1);
		plan.goals.text(keep, 'measure').insert(0, '8');
		plan.removeGoal(drop);
		const added = plan.goals.add({ title: 'Start a book club' });
		plan.profileText('interests').insert(5, ' and chess');
		const second = recordRevision(plan, { whatChanged: 'c', why: 'd' });

		const changes = diffPlans(
			planAtRevision(plan, first)!.snapshot(),
			planAtRevision(plan, second)!.snapshot()
		);
		expect(changes).toEqual([
			{
				section: 'profile',
				kind: 'changed',
				id: 'profile',
				fields: [{ field: 'interests', before: 'Books', after: 'Books and chess' }]
			},
			{
				section: 'goals',
				kind: 'changed',
				id: keep,
				fields: [{ field: 'measure', before: '5 books', after: '8 books' }]
			},
			{
				section: 'goals',
				kind: 'added',
				id: added,
				fields: [{ field: 'title', before: '', after: 'Start a book club' }]
			},
			{
				section: 'goals',
				kind: 'removed',
				id: drop,
				fields: [{ field: 'title', before: 'Quit soccer', after: '' }]
			}
		]);
	});

	it('are not available for a document that does not keep its history', () => {
		const plan = Plan.create(new Y.Doc(), 'gc');
		const id = recordRevision(plan, { whatChanged: 'x', why: 'y' });
		expect(planAtRevision(plan, id)).toBeNull();
	});
});

describe('a PLP conference', () => {
	it('records who took part, once each, and ends with a revision listing them', () => {
		const plan = newPlan();
		const meetingId = startConference(
			plan,
			{ name: 'Lucia Rivera', role: 'advisor' },
			Date.UTC(2026, 10, 2, 15)
		);
		expect(conferenceOf(plan)).toMatchObject({ isActive: true, meetingId, startedBy: 'Lucia Rivera' });
		expect(startConference(plan, { name: 'Someone', role: 'teacher' })).toBe(meetingId); // one at a time
		expect(joinConference(plan, { name: 'Noor', role: 'student' })).toBe(true);
		expect(joinConference(plan, { name: 'Noor', role: 'student' })).toBe(false);
		joinConference(plan, { name: 'Sara', role: 'guardian' });
		expect(plan.collections.meetings.get(meetingId)).toMatchObject({
			kind: 'conference',
			date: '2026-11-02',
			participants: [
				{ name: 'Lucia Rivera', role: 'advisor' },
				{ name: 'Noor', role: 'student' },
				{ name: 'Sara', role: 'guardian' }
			]
		});
		const revisionId = endConference(plan, {
			whatChanged: 'New goal',
			why: 'Noor wants to',
			reflectionIds: []
		});
		expect(conferenceOf(plan).isActive).toBe(false);
		expect(plan.collections.revisions.get(revisionId)?.participants).toHaveLength(3);
		expect(joinConference(plan, { name: 'Late', role: 'teacher' })).toBe(false);
	});
});
