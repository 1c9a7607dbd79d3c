import { describe, expect, it } from 'vitest';
import { levelsByGradeCharts, revisedBars } from './school-charts';

describe('school charts', () => {
	it('makes one chart per proficiency: grades along the bottom, a series per level, zeros filled in', () => {
		const charts = levelsByGradeCharts([
			{ grade: 9, proficiencyId: 'SCI-1', level: '3', students: 2 },
			{ grade: 10, proficiencyId: 'SCI-1', level: '1', students: 1 },
			{ grade: null, proficiencyId: 'SCI-1', level: '10', students: 4 },
			{ grade: 9, proficiencyId: 'ELA-2', level: '2', students: 5 }
		]);
		expect(charts).toEqual([
			{ proficiencyId: 'ELA-2', grades: [9], series: [{ label: '2', values: [5] }] },
			{
				proficiencyId: 'SCI-1',
				grades: [null, 9, 10],
				series: [
					{ label: '1', values: [0, 0, 1] },
					{ label: '3', values: [0, 2, 0] },
					{ label: '10', values: [4, 0, 0] }
				]
			}
		]);
	});

	it('splits plans into revised this year and not yet', () => {
		expect(revisedBars({ students: 7, revisedThisYear: 3 })).toEqual([3, 4]);
		expect(revisedBars({ students: 0, revisedThisYear: 0 })).toEqual([0, 0]);
	});
});
