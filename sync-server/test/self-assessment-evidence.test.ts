/**
 * The self-assessment's figures on a seeded school whose expected values are known
 * (self-assessment-seed.ts), read from real plan documents with the shared plan model; and the
 * small-group rule: a group or count under 10 is never answered exactly.
 */
import { describe, expect, it } from 'vitest';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import { PATHWAY_KINDS } from '../../src/lib/plp/schema';
import type { IndicatorSeries, SchoolEvidence } from '../../src/lib/contracts/self-assessment';
import { schoolEvidence, yearFigure } from '../src/self-assessment/evidence';
import { planEvidence } from '../src/self-assessment/plan-evidence';
import { SEED_DAY, seededSchoolPlans } from './self-assessment-seed';

const FEW = { fewerThan: 10 };

function evidenceOf(count: number, day = SEED_DAY): SchoolEvidence {
	const plans = seededSchoolPlans(count).map((seed) =>
		planEvidence(Plan.open(seed.plan).plan, new FamilyPart(seed.family))
	);
	return schoolEvidence('school-1', plans, day);
}

function series(evidence: SchoolEvidence, indicator: string, pathwayKind?: string): IndicatorSeries {
	const found = evidence.series.find(
		(one) => one.indicator === indicator && (pathwayKind === undefined || one.pathwayKind === pathwayKind)
	);
	if (!found) throw new Error(`no series ${indicator} ${pathwayKind ?? ''}`);
	return found;
}

/** [schoolYear, count or 'few', percent] per year, for compact expectations. */
function compact(one: IndicatorSeries) {
	return one.years.map((year) => [
		year.schoolYear,
		'students' in year.count
			? year.count.students
			: 'moreThan' in year.count
				? `more than ${year.count.moreThan}`
				: 'few',
		year.percent
	]);
}

describe('self-assessment figures from the plans', () => {
	const evidence = evidenceOf(12);

	it('cover the last three school years, the current one as of today', () => {
		expect(evidence.schoolYears).toEqual([2024, 2025, 2026]);
		expect(evidence.asOf).toBe(SEED_DAY);
		for (const one of evidence.series) {
			expect(one.years.map((year) => year.of)).toEqual([
				{ students: 12 },
				{ students: 12 },
				{ students: 12 }
			]);
		}
	});

	it('count plans revised in the 12 months before each year ends (or today)', () => {
		expect(compact(series(evidence, 'revised'))).toEqual([
			[2024, 'few', null],
			[2025, 'few', null],
			// 11 of 12: the one without it must not be told, so the count is only a bound.
			[2026, 'more than 2', null]
		]);
	});

	it('count family reflections from the family part and guardians in the plan, hidden when few', () => {
		expect(compact(series(evidence, 'family-reflection'))).toEqual([
			[2024, 'few', null],
			[2025, 'few', null],
			[2026, 'few', null]
		]);
	});

	it('count goals linked to proficiencies in the year they are due (undated ones this year)', () => {
		expect(compact(series(evidence, 'goals-linked'))).toEqual([
			[2024, 'few', null],
			[2025, 'more than 2', null],
			[2026, 12, 100]
		]);
	});

	it('count progress in the last 60 days and meetings the family took part in', () => {
		expect(compact(series(evidence, 'recent-progress'))).toEqual([
			[2024, 'few', null],
			[2025, 'few', null],
			[2026, 'more than 2', null]
		]);
		expect(compact(series(evidence, 'family-meeting'))).toEqual([
			[2024, 'few', null],
			[2025, 'few', null],
			[2026, 'more than 2', null]
		]);
	});

	it('count each kind of pathway taken part in during the year; withdrawn ones do not count', () => {
		expect(compact(series(evidence, 'pathway', 'work-based'))).toEqual([
			[2024, 'few', null],
			[2025, 12, 100],
			[2026, 12, 100]
		]);
		expect(compact(series(evidence, 'pathway', 'dual-enrollment'))).toEqual([
			[2024, 'few', null],
			[2025, 'few', null],
			[2026, 'few', null]
		]);
		expect(compact(series(evidence, 'pathway', 'early-college'))).toEqual([
			[2024, 'few', null],
			[2025, 'few', null],
			[2026, 'few', null]
		]);
		// Every built-in kind but "other" (shown only when a plan has it), in the schema's order.
		expect(
			evidence.series.filter((one) => one.indicator === 'pathway').map((one) => one.pathwayKind)
		).toEqual(PATHWAY_KINDS.filter((kind) => kind !== 'other'));
	});

	it('with exactly ten the count is shown; with nine it is "fewer than 10"', () => {
		const figure = (of: number, count: number) => yearFigure(2026, of, count);
		expect(figure(25, 10)).toEqual({
			schoolYear: 2026,
			of: { students: 25 },
			count: { students: 10 },
			percent: 40
		});
		expect(figure(25, 9)).toEqual({ schoolYear: 2026, of: { students: 25 }, count: FEW, percent: null });
		expect(figure(9, 9)).toEqual({ schoolYear: 2026, of: FEW, count: FEW, percent: null });
		expect(figure(10, 0)).toEqual({ schoolYear: 2026, of: { students: 10 }, count: FEW, percent: null });
	});

	it('when fewer than 10 lack a figure, the count is only a bound, so they cannot be worked out', () => {
		const figure = (of: number, count: number) => yearFigure(2026, of, count);
		expect(figure(25, 15)).toEqual({
			schoolYear: 2026,
			of: { students: 25 },
			count: { students: 15 },
			percent: 60
		});
		expect(figure(25, 16)).toEqual({
			schoolYear: 2026,
			of: { students: 25 },
			count: { moreThan: 15 },
			percent: null
		});
		expect(figure(12, 11)).toEqual({
			schoolYear: 2026,
			of: { students: 12 },
			count: { moreThan: 2 },
			percent: null
		});
		// All of them: nobody is left to single out.
		expect(figure(12, 12)).toEqual({
			schoolYear: 2026,
			of: { students: 12 },
			count: { students: 12 },
			percent: 100
		});
	});

	it('in a school of 24 the same plans give exact shares', () => {
		const big = evidenceOf(24);
		expect(compact(series(big, 'revised'))[2]).toEqual([2026, 11, 46]);
		expect(compact(series(big, 'recent-progress'))[2]).toEqual([2026, 10, 42]);
		expect(compact(series(big, 'family-meeting'))[2]).toEqual([2026, 10, 42]);
		expect(compact(series(big, 'goals-linked'))).toEqual([
			[2024, 'few', null],
			[2025, 10, 42],
			[2026, 24, 100]
		]);
		expect(compact(series(big, 'family-reflection'))[2]).toEqual([2026, 'few', null]);
	});

	it('a school of nine students answers no exact number at all', () => {
		const small = evidenceOf(9);
		const numbers = JSON.stringify(small.series).match(/"students":\d+/g);
		expect(numbers).toBeNull();
		for (const one of small.series) {
			for (const year of one.years) expect(year).toMatchObject({ of: FEW, count: FEW, percent: null });
		}
	});

	it('a plan started this year counts only in this year', () => {
		const seeds = seededSchoolPlans(12);
		const plans = seeds.map((seed, i) => {
			const { plan } = Plan.open(seed.plan);
			if (i === 0) plan.setInfo('startDate', '2026-09-01');
			return planEvidence(plan, new FamilyPart(seed.family));
		});
		const figures = schoolEvidence('school-1', plans, SEED_DAY);
		expect(series(figures, 'revised').years.map((year) => year.of)).toEqual([
			{ students: 11 },
			{ students: 11 },
			{ students: 12 }
		]);
	});
});
