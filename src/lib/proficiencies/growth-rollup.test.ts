import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../plp/schema';
import type { Framework } from '../contracts/framework';
import { fourLevelScale } from '../testing/fixtures/proficiency-scale';
import { proficiencyGrowth, rollUp } from './growth-rollup';

const framework: Framework = {
	scales: [fourLevelScale],
	proficiencies: [
		{ id: 'SCI-1', kind: 'graduation', area: 'Science', title: 'Investigate', indicators: [], scaleId: '' },
		{
			id: 'guid-com',
			code: 'TS-COM',
			kind: 'transferable',
			area: '',
			title: 'Communicate',
			indicators: [
				{ id: 'guid-com-1', code: 'TS-COM.1', text: 'Listens to understand' },
				{ id: 'guid-com-2', code: 'TS-COM.2', text: 'Speaks clearly' },
				{ id: 'guid-com-3', code: 'TS-COM.3', text: 'Writes for an audience' }
			],
			scaleId: 'main'
		}
	]
};

let n = 0;
function entry(proficiency: string, date: string, level: string): ProgressEntry {
	n++;
	return {
		id: `e${String(n).padStart(3, '0')}`,
		date,
		goalId: '',
		proficiency,
		assessmentKind: '',
		level,
		note: '',
		evidenceIds: []
	};
}

describe('rollUp', () => {
	it('is the median level, the lower middle one for an even count, and nothing for no levels', () => {
		expect(rollUp([3])).toBe(3);
		expect(rollUp([4, 1, 3])).toBe(3);
		expect(rollUp([2, 3])).toBe(2);
		expect(rollUp([4, 1, 3, 4])).toBe(3);
		expect(rollUp([1, 1, 4, 4])).toBe(1);
		expect(rollUp([])).toBeNull();
	});
});

describe('proficiencyGrowth', () => {
	it('rolls each indicator’s latest level up to its proficiency, and keeps every series', () => {
		const groups = proficiencyGrowth(
			[
				entry('guid-com-1', '2026-09-01', '1'),
				entry('guid-com-1', '2026-10-01', '3'),
				entry('guid-com-2', '2026-09-15', '4'),
				entry('guid-com-2', '2026-10-20', 'not sure'),
				entry('guid-com', '2026-11-01', '2'),
				entry('SCI-1', '2026-09-10', '2')
			],
			framework
		);
		expect(groups.map((group) => [group.proficiencyId, group.code, group.title])).toEqual([
			['SCI-1', 'SCI-1', 'Investigate'],
			['guid-com', 'TS-COM', 'Communicate']
		]);
		const [science, communicate] = groups;
		// A proficiency without indicators assessed has its own series and no roll-up.
		expect(science!.own?.points.map((point) => point.levelText)).toEqual(['2 · Developing']);
		expect(science!.rollup).toBeNull();

		expect(communicate!.own?.points.map((point) => point.value)).toEqual([2]);
		expect(communicate!.indicators.map((series) => [series.code, series.title, series.indicatorOf])).toEqual([
			['TS-COM.1', 'Listens to understand', 'guid-com'],
			['TS-COM.2', 'Speaks clearly', 'guid-com']
		]);
		const rollup = communicate!.rollup!;
		// Latest on-scale levels 3 and 4 (TS-COM.2's later words are not on the scale): lower middle 3.
		// The proficiency's own entry (2) is not mixed in.
		expect([rollup.value, rollup.levelText, rollup.assessed, rollup.total]).toEqual([
			3,
			'3 · Proficient',
			2,
			3
		]);
		expect(rollup.indicators.map((one) => [one.code, one.value, one.date])).toEqual([
			['TS-COM.1', 3, '2026-10-01'],
			['TS-COM.2', 4, '2026-09-15'],
			['TS-COM.3', null, '']
		]);
		// Over time: 1 alone; then 1 and 4 → 1; then 3 and 4 → 3.
		expect(rollup.points.map((point) => [point.date, point.value, point.assessed])).toEqual([
			['2026-09-01', 1, 1],
			['2026-09-15', 1, 2],
			['2026-10-01', 3, 2]
		]);
	});

	it('makes one roll-up point per day when two indicators are assessed the same day', () => {
		const [group] = proficiencyGrowth(
			[
				entry('guid-com-3', '2026-09-01', '2'),
				entry('guid-com-1', '2026-09-01', '4'),
				entry('guid-com-2', '2026-09-01', '3')
			],
			framework
		);
		expect(group!.own).toBeNull();
		expect(group!.rollup!.points).toEqual([
			{ date: '2026-09-01', value: 3, levelText: '3 · Proficient', assessed: 3 }
		]);
	});

	it('has no roll-up when no indicator has a level on the scale, and keeps unknown ids as they are', () => {
		const groups = proficiencyGrowth(
			[entry('guid-com-1', '2026-09-01', 'almost'), entry('OLD-9', '2026-09-01', '2')],
			framework
		);
		expect(groups.map((group) => [group.proficiencyId, group.rollup, group.indicators.length])).toEqual([
			['guid-com', null, 1],
			['OLD-9', null, 0]
		]);
		expect(groups[1]!.own?.title).toBe('OLD-9');
	});
});
