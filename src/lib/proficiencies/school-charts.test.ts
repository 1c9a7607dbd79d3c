import { describe, expect, it } from 'vitest';
import type { Framework } from '../contracts/framework';
import { levelName, levelsByGradeCharts, proficiencyName, revisedBars } from './school-charts';

describe('school charts', () => {
	it('makes one chart per proficiency: grades along the bottom, a series per level, zeros filled in', () => {
		const charts = levelsByGradeCharts([
			{ grade: 9, proficiencyId: 'SCI-1', level: '3', students: 2 },
			{ grade: 10, proficiencyId: 'SCI-1', level: '1', students: 1 },
			{ grade: null, proficiencyId: 'SCI-1', level: '10', students: 4 },
			{ grade: 9, proficiencyId: 'ELA-2', level: '2', students: 5 }
		]);
		expect(charts).toEqual([
			{ proficiencyId: 'ELA-2', name: null, grades: [9], series: [{ label: '2', values: [5] }] },
			{
				proficiencyId: 'SCI-1',
				name: null,
				grades: [null, 9, 10],
				series: [
					{ label: '1', values: [0, 0, 1] },
					{ label: '3', values: [0, 2, 0] },
					{ label: '10', values: [4, 0, 0] }
				]
			}
		]);
	});

	it('names each chart and level from the framework, in its order, and never shows a CASE identifier', () => {
		const caseId = '0f6a1c00-0000-4000-8000-000000000101';
		const framework: Framework = {
			proficiencies: [
				{
					id: 'SCI-1',
					kind: 'graduation',
					area: 'Science',
					title: 'Investigate',
					indicators: [{ id: 'SCI-1.a', text: 'Asks a question' }],
					scaleId: 'main'
				},
				{
					id: caseId,
					code: 'COM',
					kind: 'transferable',
					area: '',
					title: 'Communicate',
					indicators: [{ id: `${caseId}-1`, code: 'COM.1', text: 'Adapts to the audience' }],
					scaleId: 'habits'
				}
			],
			scales: [
				{ id: 'main', name: 'Main', levels: [{ value: 3, label: 'Proficient', description: '' }] },
				{ id: 'habits', name: 'Habits', levels: [{ value: 2, label: 'Often', description: '' }] }
			]
		};
		const charts = levelsByGradeCharts(
			[
				{ grade: 9, proficiencyId: 'OLD-7', level: '1', students: 1 },
				{ grade: 9, proficiencyId: `${caseId}-1`, level: '2', students: 2 },
				{ grade: 9, proficiencyId: caseId, level: '2', students: 1 },
				{ grade: 10, proficiencyId: 'SCI-1', level: '3', students: 3 },
				{ grade: 10, proficiencyId: 'SCI-1.a', level: '4', students: 1 }
			],
			framework
		);
		expect(charts.map((chart) => [chart.name, chart.series.map((one) => one.label)])).toEqual([
			['SCI-1 · Investigate', ['3 · Proficient']],
			['SCI-1.a · Asks a question', ['4']],
			['COM · Communicate', ['2 · Often']],
			['COM.1 · Adapts to the audience', ['2 · Often']],
			[null, ['1']]
		]);
		expect(proficiencyName(framework, 'OLD-7')).toBeNull();
		expect(proficiencyName(null, 'SCI-1')).toBeNull();
		expect(levelName(framework, 'OLD-7', '3')).toBe('3 · Proficient');
		expect(levelName(null, 'SCI-1', '3')).toBe('3');
	});

	it('splits plans into revised this year and not yet', () => {
		expect(revisedBars({ students: 7, revisedThisYear: 3 })).toEqual([3, 4]);
		expect(revisedBars({ students: 0, revisedThisYear: 0 })).toEqual([0, 0]);
	});
});
