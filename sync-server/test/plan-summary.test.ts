import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../src/db';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS, recordRevision } from '../../src/lib/plp/revisions';
import { SchoolTemplate } from '../../src/lib/plp/template';
import { PlanSummaries } from '../src/plans/plan-summary';
import { SyncDocStoreAdapter } from '../src/storage/async-doc-store';
import { SqliteDocStore } from '../src/storage/sqlite-doc-store';

describe('plan summaries', () => {
	const db = new DatabaseSync(':memory:');
	migrate(db);
	afterEach(() => db.exec('DELETE FROM doc_updates'));

	it('say when a stored plan is due for review, following the school template', async () => {
		const store = new SqliteDocStore(db);
		const summaries = new PlanSummaries(new SyncDocStoreAdapter(store));
		const doc = new Y.Doc(PLAN_DOC_OPTIONS);
		const plan = Plan.create(doc, 'p1', { studentName: 'Kim', startDate: '2025-09-01' });
		store.appendUpdate('plan.p1', Y.encodeStateAsUpdate(doc));
		expect(await summaries.review('p1', await summaries.reviewIntervalMonths('s1'), '2026-11-22')).toEqual({
			dueOn: '2026-09-01',
			state: 'overdue',
			lastRevisedOn: ''
		});

		const before = Y.encodeStateVector(doc);
		recordRevision(plan, { whatChanged: 'x', why: 'y', date: '2026-11-01' });
		store.appendUpdate('plan.p1', Y.encodeStateAsUpdate(doc, before));
		const schoolDoc = new Y.Doc();
		new SchoolTemplate(schoolDoc).setReviewIntervalMonths(1);
		store.appendUpdate('school.s1', Y.encodeStateAsUpdate(schoolDoc));
		expect(await summaries.review('p1', await summaries.reviewIntervalMonths('s1'), '2026-11-22')).toEqual({
			dueOn: '2026-12-01',
			state: 'due-soon',
			lastRevisedOn: '2026-11-01'
		});
		expect((await summaries.review('missing', 12, '2026-11-22')).state).toBe('unknown');
	});

	it('follow a revision recorded after a compaction (the count of updates comes back to a cached one)', async () => {
		const store = new SqliteDocStore(db);
		const summaries = new PlanSummaries(new SyncDocStoreAdapter(store));
		const doc = new Y.Doc(PLAN_DOC_OPTIONS);
		const plan = Plan.create(doc, 'p2', { studentName: 'Ana', startDate: '2025-09-01', grade: '8' });
		store.appendUpdate('plan.p2', Y.encodeStateAsUpdate(doc));
		let before = Y.encodeStateVector(doc);
		plan.profileText('interests').insert(0, 'Birds');
		store.appendUpdate('plan.p2', Y.encodeStateAsUpdate(doc, before));
		expect(await summaries.review('p2', 12, '2026-11-22')).toMatchObject({
			dueOn: '2026-09-01',
			state: 'overdue'
		});

		store.compact('plan.p2', Y.encodeStateAsUpdate(doc), 2);
		before = Y.encodeStateVector(doc);
		recordRevision(plan, { whatChanged: 'New goal', why: 'She found a course', date: '2026-11-20' });
		store.appendUpdate('plan.p2', Y.encodeStateAsUpdate(doc, before));
		expect(store.countUpdates('plan.p2')).toBe(2);
		expect(await summaries.review('p2', 12, '2026-11-22')).toEqual({
			dueOn: '2027-11-20',
			state: 'on-track',
			lastRevisedOn: '2026-11-20'
		});
	});

	it('name what is missing and the family’s last note', async () => {
		const store = new SqliteDocStore(db);
		const summaries = new PlanSummaries(new SyncDocStoreAdapter(store));
		const doc = new Y.Doc(PLAN_DOC_OPTIONS);
		const plan = Plan.create(doc, 'p3', { studentName: 'Lu', startDate: '2026-09-01' });
		plan.collections.goals.add({ title: 'Read more', status: 'in-progress' });
		plan.collections.goals.add({ title: 'Run a 5k', status: 'in-progress' });
		store.appendUpdate('plan.p3', Y.encodeStateAsUpdate(doc));
		const familyDoc = new Y.Doc();
		const family = new FamilyPart(familyDoc);
		family.comments.add({ date: '2026-10-02', authorName: 'Mum', body: 'Proud of you' });
		family.reflections.add({ date: '2026-11-05', authorName: 'Dad', body: 'Keep going' });
		store.appendUpdate('family.p3', Y.encodeStateAsUpdate(familyDoc));
		const summary = await summaries.summary('p3', 12, '2026-11-22');
		expect(summary.lastFamilyNoteOn).toBe('2026-11-05');
		expect(summary.step).toBe('profile');
		expect(summary.missing).toContainEqual({ kind: 'goal-no-date', count: 2 });
		expect(summary.missing).toContainEqual({ kind: 'goal-no-steps', count: 2 });
	});
});
