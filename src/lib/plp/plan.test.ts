import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from './family';
import { Plan } from './plan';
import { PLAN_COLLECTIONS, PROFILE_FIELDS, SCHEMA_VERSION } from './schema';

function newPlan() {
	return Plan.create(new Y.Doc(), 'plan-1', { studentName: 'Ana Díaz', grade: '9', startDate: '2026-09-01' });
}

describe('Plan', () => {
	it('starts with its plan information and the current schema version', () => {
		const plan = newPlan();
		expect(plan.schemaVersion).toBe(SCHEMA_VERSION);
		expect(plan.planId).toBe('plan-1');
		expect(plan.info()).toEqual({
			studentName: 'Ana Díaz',
			studentId: '',
			school: '',
			grade: '9',
			startDate: '2026-09-01'
		});
		plan.setInfo('school', 'Hill School');
		expect(plan.info().school).toBe('Hill School');
	});

	it('keeps each profile answer as its own text', () => {
		const plan = newPlan();
		for (const field of PROFILE_FIELDS) plan.profileText(field).insert(0, `about ${field}`);
		expect(plan.snapshot().profile.howILearn).toBe('about howILearn');
		expect(plan.profileText('strengths')).toBeInstanceOf(Y.Text);
	});

	it('adds, edits and removes records of every kind', () => {
		const plan = newPlan();
		for (const name of Object.keys(PLAN_COLLECTIONS) as (keyof typeof PLAN_COLLECTIONS)[]) {
			const collection = plan.collections[name];
			const id = collection.add();
			expect(collection.get(id)?.id).toBe(id);
			collection.remove(id);
			expect(collection.has(id)).toBe(false);
		}
	});

	it('holds a goal with long text, short values and its action steps', () => {
		const plan = newPlan();
		const goalId = plan.goals.add({
			kind: 'post-secondary',
			category: 'four-year-college',
			title: 'Study nursing'
		});
		plan.goals.text(goalId, 'why').insert(0, 'I want to help people.');
		plan.goals.set(goalId, 'byWhen', '2029-06-01');
		plan.goals.set(goalId, 'status', 'in-progress');
		const stepId = plan.steps.add({ goalId, what: 'Take biology' });
		expect(plan.goals.get(goalId)).toMatchObject({
			title: 'Study nursing',
			why: 'I want to help people.',
			byWhen: '2029-06-01',
			status: 'in-progress',
			term: ''
		});
		expect(plan.stepsOf(goalId).map((s) => s.id)).toEqual([stepId]);
	});

	it('rejects a value that is not one of a choice field’s options', () => {
		const plan = newPlan();
		const id = plan.goals.add();
		expect(() => plan.goals.set(id, 'status', 'finished-ish')).toThrow(/not an option/);
		expect(() => plan.goals.set(id, 'title' as never, 'x')).toThrow(/not a short value/);
	});

	it('links pathways and evidence to goals, and unlinks them when the goal goes', () => {
		const plan = newPlan();
		const goalId = plan.goals.add({ title: 'Welding certificate' });
		const pathwayId = plan.collections.pathways.add({
			kind: 'career-technical',
			provider: 'Regional Tech Center'
		});
		const evidenceId = plan.collections.evidence.add({ kind: 'link', url: 'https://example.org/work' });
		plan.collections.pathways.link(pathwayId, 'goalIds', goalId, true);
		plan.collections.evidence.link(evidenceId, 'goalIds', goalId, true);
		plan.steps.add({ goalId, what: 'Visit the shop' });
		expect(plan.collections.pathways.get(pathwayId)?.goalIds).toEqual([goalId]);

		plan.removeGoal(goalId);
		expect(plan.goals.length).toBe(0);
		expect(plan.steps.length).toBe(0);
		expect(plan.collections.pathways.get(pathwayId)?.goalIds).toEqual([]);
		expect(plan.collections.evidence.get(evidenceId)?.goalIds).toEqual([]);
	});

	it('records meetings and revisions with who took part', () => {
		const plan = newPlan();
		const meetingId = plan.collections.meetings.add({ date: '2026-10-01', kind: 'conference' });
		plan.collections.meetings.addPerson(meetingId, 'participants', { name: 'Ana Díaz', role: 'student' });
		plan.collections.meetings.addPerson(meetingId, 'participants', { name: 'Luis Díaz', role: 'guardian' });
		plan.collections.meetings.removePerson(meetingId, 'participants', 0);
		expect(plan.collections.meetings.get(meetingId)?.participants).toEqual([
			{ name: 'Luis Díaz', role: 'guardian' }
		]);

		const reflectionId = plan.collections.reflections.add({
			authorRole: 'student',
			body: 'Math got easier.'
		});
		const revisionId = plan.collections.revisions.add({
			date: '2026-10-01',
			whatChanged: 'New math goal',
			participants: [{ name: 'Ana Díaz', role: 'student' }]
		});
		plan.collections.revisions.link(revisionId, 'reflectionIds', reflectionId, true);
		expect(plan.collections.revisions.get(revisionId)).toMatchObject({
			whatChanged: 'New math goal',
			reflectionIds: [reflectionId],
			participants: [{ name: 'Ana Díaz', role: 'student' }]
		});
	});

	it('tells observers about every change, including remote ones', () => {
		const plan = newPlan();
		const seen: unknown[] = [];
		const stop = plan.observe((tr) => seen.push(tr.origin));
		plan.goals.add({ title: 'x' });
		const other = new Y.Doc();
		Plan.create(other, 'plan-1').goals.add({ title: 'y' });
		Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(other), 'remote');
		stop();
		plan.goals.add({ title: 'z' });
		expect(seen).toEqual([null, 'remote']);
	});

	it('reads a damaged record as empty values instead of failing', () => {
		const plan = newPlan();
		const broken = new Y.Map<unknown>();
		broken.set('id', 'broken');
		broken.set('title', 42);
		plan.doc.getArray('goals').push([broken]);
		expect(plan.goals.get('broken')).toMatchObject({ id: 'broken', title: '', status: '', kind: '' });
	});
});

describe('FamilyPart', () => {
	it('holds guardian reflections, comments and the family view', () => {
		const family = new FamilyPart(new Y.Doc());
		family.initialize();
		family.reflections.add({ authorRole: 'guardian', authorName: 'Luis Díaz', body: 'Proud of Ana.' });
		family.comments.add({ section: 'goals', body: 'Can we visit a college?' });
		family.viewText('hopes').insert(0, 'That she finds work she loves.');
		expect(family.snapshot()).toMatchObject({
			view: { strengths: '', hopes: 'That she finds work she loves.' },
			reflections: [{ authorName: 'Luis Díaz', body: 'Proud of Ana.' }],
			comments: [{ section: 'goals', body: 'Can we visit a college?' }]
		});
	});
});

describe('a links field missing from an older record', () => {
	it('is created on first use', () => {
		const plan = newPlan();
		const old = new Y.Map<unknown>();
		old.set('id', 'old-pathway');
		plan.doc.getArray('pathways').push([old]);
		const goalId = plan.goals.add({ title: 'x' });
		plan.collections.pathways.link('old-pathway', 'goalIds', goalId, true);
		expect(plan.collections.pathways.get('old-pathway')?.goalIds).toEqual([goalId]);
		expect(() => plan.collections.pathways.link('old-pathway', 'notes', goalId, true)).toThrow(/not a links/);
	});
});
