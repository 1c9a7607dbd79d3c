import { describe, expect, it } from 'vitest';
import type { PlanEntry } from '$lib/local/db';
import type { PlanSummary } from '$lib/plp/plan-summary';
import { caseloadRows, type CaseloadQuery } from './caseload-rows';

function entry(
	studentName: string,
	summary: Partial<PlanSummary> = {},
	extra: Partial<PlanEntry> = {}
): PlanEntry {
	return {
		id: studentName,
		studentName,
		createdAt: 0,
		lastEditedAt: 0,
		hasUnsyncedChanges: false,
		source: 'school',
		summary: {
			grade: '',
			step: 'profile',
			missing: [],
			review: { dueOn: '', state: 'unknown', lastRevisedOn: '' },
			lastFamilyNoteOn: '',
			...summary
		},
		...extra
	};
}

const query = (change: Partial<CaseloadQuery> = {}): CaseloadQuery => ({
	search: '',
	filter: 'all',
	sort: { column: 'due', isDescending: false },
	year: '2026',
	language: 'en',
	...change
});
const names = (entries: PlanEntry[]) => entries.map((e) => e.studentName);

const plans = [
	entry('Zoë Brandt', {
		grade: '10',
		step: 'reflect',
		review: { dueOn: '2026-12-10', state: 'due-soon', lastRevisedOn: '2025-12-10' }
	}),
	entry('Ángela Ruiz', {
		grade: '9',
		step: 'goals',
		missing: [{ kind: 'goal-no-date', count: 2 }],
		review: { dueOn: '2027-11-20', state: 'on-track', lastRevisedOn: '2026-11-20' },
		lastFamilyNoteOn: '2026-11-02'
	}),
	entry(
		'Ben Okafor',
		{ review: { dueOn: '2026-10-01', state: 'overdue', lastRevisedOn: '' } },
		{ lastChangeAt: 5 }
	),
	entry('Cai Wen', {}, { lastEditedAt: 9 })
];

describe('caseload rows', () => {
	it('sort by any column, both ways, with empty values last', () => {
		expect(names(caseloadRows(plans, query()))).toEqual([
			'Ben Okafor',
			'Zoë Brandt',
			'Ángela Ruiz',
			'Cai Wen'
		]);
		expect(names(caseloadRows(plans, query({ sort: { column: 'due', isDescending: true } })))).toEqual([
			'Ángela Ruiz',
			'Zoë Brandt',
			'Ben Okafor',
			'Cai Wen'
		]);
		expect(names(caseloadRows(plans, query({ sort: { column: 'student', isDescending: false } })))).toEqual([
			'Ángela Ruiz',
			'Ben Okafor',
			'Cai Wen',
			'Zoë Brandt'
		]);
		// Grade 9 before grade 10; no grade last.
		expect(names(caseloadRows(plans, query({ sort: { column: 'grade', isDescending: false } })))).toEqual([
			'Ángela Ruiz',
			'Zoë Brandt',
			'Ben Okafor',
			'Cai Wen'
		]);
		expect(
			names(caseloadRows(plans, query({ sort: { column: 'step', isDescending: true } }))).slice(0, 2)
		).toEqual(['Zoë Brandt', 'Ángela Ruiz']);
		expect(names(caseloadRows(plans, query({ sort: { column: 'changed', isDescending: true } })))).toEqual([
			'Cai Wen',
			'Ben Okafor',
			'Ángela Ruiz',
			'Zoë Brandt'
		]);
		expect(names(caseloadRows(plans, query({ sort: { column: 'missing', isDescending: true } })))[0]).toBe(
			'Ángela Ruiz'
		);
		expect(names(caseloadRows(plans, query({ sort: { column: 'family', isDescending: false } })))[0]).toBe(
			'Ángela Ruiz'
		);
	});

	it('find by name without minding case or accents, and filter by where the update stands', () => {
		expect(names(caseloadRows(plans, query({ search: 'angela' })))).toEqual(['Ángela Ruiz']);
		expect(names(caseloadRows(plans, query({ search: '  ZOE ' })))).toEqual(['Zoë Brandt']);
		expect(caseloadRows(plans, query({ search: 'nobody' }))).toEqual([]);
		expect(names(caseloadRows(plans, query({ filter: 'overdue' })))).toEqual(['Ben Okafor']);
		expect(names(caseloadRows(plans, query({ filter: 'due-soon' })))).toEqual(['Zoë Brandt']);
		expect(names(caseloadRows(plans, query({ filter: 'revised' })))).toEqual(['Ángela Ruiz']);
		expect(names(caseloadRows(plans, query({ filter: 'missing' })))).toEqual(['Ángela Ruiz']);
		expect(caseloadRows(plans, query({ filter: 'overdue', search: 'zo' }))).toEqual([]);
	});
});
