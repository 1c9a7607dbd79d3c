import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../plp/schema';
import type { Framework } from '../contracts/framework';
import { fourLevelScale } from '../testing/fixtures/proficiency-scale';
import { goalCounts, goalsByProficiency, growthSeries, pathwaySpans, pathwayTimeline } from './growth';

const framework: Framework = {
	scales: [
		fourLevelScale,
		{
			id: 'habits',
			name: 'Habits',
			levels: [
				{ value: 1, label: 'Rarely', description: '' },
				{ value: 2, label: 'Often', description: '' }
			]
		}
	],
	proficiencies: [
		{ id: 'SCI-1', kind: 'graduation', area: 'Science', title: 'Investigate', indicators: [], scaleId: '' },
		{ id: 'TS-COM', kind: 'transferable', area: '', title: 'Communicate', indicators: [], scaleId: 'habits' }
	]
};

let n = 0;
function entry(fields: Partial<ProgressEntry>): ProgressEntry {
	n++;
	return {
		id: `e${n}`,
		date: '',
		goalId: '',
		proficiency: '',
		assessmentKind: '',
		level: '',
		note: '',
		evidenceIds: [],
		...fields
	};
}

describe('growthSeries', () => {
	it('groups entries by proficiency in framework order, oldest first, with levels on each one’s scale', () => {
		const series = growthSeries(
			[
				entry({ proficiency: 'TS-COM', date: '2026-10-01', level: '2', assessmentKind: 'self' }),
				entry({ proficiency: 'SCI-1', date: '2026-11-01', level: '3', assessmentKind: 'benchmark' }),
				entry({ proficiency: 'SCI-1', date: '2026-09-15', level: '1', assessmentKind: 'baseline' }),
				entry({ proficiency: 'SCI-1', date: '2026-10-10', level: 'almost there' }),
				entry({ proficiency: '', date: '2026-10-10', level: '4' }),
				entry({ proficiency: 'SCI-1', date: '', level: '4' })
			],
			framework
		);
		expect(series.map((s) => [s.proficiencyId, s.title, s.scale?.id])).toEqual([
			['SCI-1', 'Investigate', 'main'],
			['TS-COM', 'Communicate', 'habits']
		]);
		expect(series[0]!.points.map((p) => [p.date, p.value, p.levelText, p.assessmentKind])).toEqual([
			['2026-09-15', 1, '1 · Beginning', 'baseline'],
			['2026-10-10', null, 'almost there', ''],
			['2026-11-01', 3, '3 · Proficient', 'benchmark']
		]);
		expect(series[1]!.points.map((p) => p.levelText)).toEqual(['2 · Often']);
	});

	it('keeps entries whose proficiency is not (or no longer) in the framework, by their id', () => {
		const series = growthSeries([entry({ proficiency: 'OLD-7', date: '2026-01-01', level: '2' })], framework);
		expect(series).toMatchObject([
			{ proficiencyId: 'OLD-7', title: 'OLD-7', points: [{ value: 2, levelText: '2 · Developing' }] }
		]);
		expect(
			growthSeries([entry({ proficiency: 'X', date: '2026-01-01', level: '2' })], null)[0]!.points[0]
		).toMatchObject({
			value: null,
			levelText: '2'
		});
	});
});

describe('goalCounts and pathwayTimeline', () => {
	it('counts goals met, active and other', () => {
		const statuses = ['met', 'in-progress', 'not-started', 'stopped', 'met', ''] as const;
		expect(goalCounts(statuses.map((status) => ({ status })))).toEqual({ met: 2, active: 2, other: 2 });
	});

	it('orders pathways by start date, undated last', () => {
		const pathways = [
			{ id: 'c', startDate: '', endDate: '' },
			{ id: 'b', startDate: '2026-09-01', endDate: '' },
			{ id: 'a', startDate: '2025-01-10', endDate: '2025-06-01' }
		];
		expect(pathwayTimeline(pathways).map((p) => p.id)).toEqual(['a', 'b', 'c']);
	});
});

describe('goalsByProficiency', () => {
	it('lists a goal under each proficiency it links, an older single link too, in framework order', () => {
		const rows = goalsByProficiency(
			[
				{
					id: 'g1',
					title: 'Run a fair test',
					status: 'in-progress',
					proficiencyIds: ['TS-COM', 'SCI-1'],
					proficiency: ''
				},
				{ id: 'g2', title: 'Old goal', status: 'met', proficiencyIds: [], proficiency: 'SCI-1' },
				{ id: 'g3', title: 'No link', status: '', proficiencyIds: [], proficiency: '' },
				{ id: 'g4', title: 'Unknown', status: '', proficiencyIds: ['ZZ-9'], proficiency: '' }
			],
			framework
		);
		expect(rows.map((row) => [row.proficiencyId, row.title, row.goals.map((goal) => goal.id)])).toEqual([
			['SCI-1', 'Investigate', ['g1', 'g2']],
			['TS-COM', 'Communicate', ['g1']],
			['ZZ-9', 'ZZ-9', ['g4']]
		]);
	});

	it('names a CASE item by the code people read, never by its identifier', () => {
		const caseId = '6b3f1d2e-0c4a-4e5b-9f7a-1a2b3c4d5e6f';
		const withCase: Framework = {
			...framework,
			proficiencies: [
				{
					id: caseId,
					code: 'ELA.W.1',
					kind: 'graduation',
					area: '',
					title: 'Write to argue',
					indicators: [],
					scaleId: ''
				}
			]
		};
		const rows = goalsByProficiency(
			[{ id: 'g1', title: 'Op-ed', status: '', proficiencyIds: [caseId], proficiency: '' }],
			withCase
		);
		expect(rows.map((row) => [row.proficiencyId, row.code, row.title])).toEqual([
			[caseId, 'ELA.W.1', 'Write to argue']
		]);
	});
});

describe('pathwaySpans', () => {
	const day = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
	it('makes a bar per dated pathway; an open one runs to today; undated ones are left to the table', () => {
		const spans = pathwaySpans(
			[
				{ id: 'b', kind: 'work-based', status: 'active', startDate: '2026-09-01', endDate: '' },
				{
					id: 'a',
					kind: 'dual-enrollment',
					status: 'completed',
					startDate: '2025-01-10',
					endDate: '2025-06-01'
				},
				{ id: 'c', kind: 'other', status: 'planned', startDate: '', endDate: '' }
			],
			'2026-11-01'
		);
		expect(spans).toEqual([
			{
				id: 'a',
				kind: 'dual-enrollment',
				status: 'completed',
				start: day('2025-01-10'),
				end: day('2025-06-01'),
				isOpenEnded: false
			},
			{
				id: 'b',
				kind: 'work-based',
				status: 'active',
				start: day('2026-09-01'),
				end: day('2026-11-01'),
				isOpenEnded: true
			}
		]);
		// Starting after today: the bar still has a length (a month).
		const future = pathwaySpans(
			[{ id: 'f', kind: 'other', status: 'planned', startDate: '2027-01-01', endDate: '' }],
			'2026-11-01'
		);
		expect(future[0]!.end - future[0]!.start).toBe(30 * 86_400);
	});
});
