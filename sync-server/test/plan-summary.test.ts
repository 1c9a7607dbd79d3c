import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from '../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS, recordRevision } from '../../src/lib/plp/revisions';
import { SchoolTemplate } from '../../src/lib/plp/template';
import { PlanSummaries } from '../src/plans/plan-summary';
import { SqliteDocStore } from '../src/storage/sqlite-doc-store';

describe('plan summaries', () => {
	const db = new DatabaseSync(':memory:');
	afterEach(() => db.exec('DELETE FROM doc_updates'));

	it('say when a stored plan is due for review, following the school template', () => {
		const store = new SqliteDocStore(db);
		const summaries = new PlanSummaries(store);
		const doc = new Y.Doc(PLAN_DOC_OPTIONS);
		const plan = Plan.create(doc, 'p1', { studentName: 'Kim', startDate: '2025-09-01' });
		store.appendUpdate('plan.p1', Y.encodeStateAsUpdate(doc));
		expect(summaries.review('p1', summaries.reviewIntervalMonths('s1'), '2026-11-22')).toEqual({
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
		expect(summaries.review('p1', summaries.reviewIntervalMonths('s1'), '2026-11-22')).toEqual({
			dueOn: '2026-12-01',
			state: 'due-soon',
			lastRevisedOn: '2026-11-01'
		});
		expect(summaries.review('missing', 12, '2026-11-22').state).toBe('unknown');
	});
});
