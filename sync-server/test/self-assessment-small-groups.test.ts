/**
 * The small-group rule everywhere the self-assessment answers figures (small-groups.ts): every
 * figure, every year of a trend, every school of the district view. A year or a school with fewer
 * than 10 students answers "fewer than 10" and nothing else; no shown count tells how many fewer
 * than 10 lack a figure; and the checker that guards every answer finds a rule broken.
 */
import { describe, expect, it } from 'vitest';
import { FamilyPart } from '../../src/lib/plp/family';
import { today } from '../../src/lib/plp/ids';
import { Plan } from '../../src/lib/plp/plan';
import {
	schoolYearOf,
	type DistrictView,
	type SchoolEvidence
} from '../../src/lib/contracts/self-assessment';
import { schoolEvidence } from '../src/self-assessment/evidence';
import { planEvidence } from '../src/self-assessment/plan-evidence';
import { assertSmallGroupsHidden, smallGroupProblems, yearFigure } from '../src/self-assessment/small-groups';
import { api, signIn, startServer } from './helpers';
import { SEED_DAY, addSeededStudents, addTwoSchools, seededSchoolPlans } from './self-assessment-seed';

const FEW = { fewerThan: 10 };

describe('one figure', () => {
	it('never answers a count under 10, nor a count that leaves fewer than 10 without it, for any group up to 60', () => {
		for (let of = 0; of <= 60; of++) {
			for (let count = 0; count <= of; count++) {
				const figure = yearFigure(2026, of, count);
				expect(smallGroupProblems(figure), `${count} of ${of}`).toEqual([]);
				if (of < 10) expect(figure).toEqual({ schoolYear: 2026, of: FEW, count: FEW, percent: null });
				// Whenever a share is given, both counts are exact and it is theirs.
				if (figure.percent !== null) {
					expect(figure.count).toEqual({ students: count });
					expect(figure.percent).toBe(Math.round((count / of) * 100));
				}
			}
		}
	});

	it('is checked before leaving the server: a broken rule is found, not sent', () => {
		expect(smallGroupProblems({ of: { students: 40 }, count: { students: 3 }, percent: 8 })).toEqual([
			'count: 3 students'
		]);
		expect(smallGroupProblems({ of: { students: 40 }, count: { students: 35 }, percent: 88 })).toEqual([
			': 5 without it'
		]);
		expect(smallGroupProblems([{ of: FEW, count: { students: 12 }, percent: null }])).toEqual([
			'[0]: a count of a hidden group'
		]);
		expect(smallGroupProblems({ x: { of: { students: 20 }, count: FEW, percent: 30 } })).toEqual([
			'x: a share of a hidden count'
		]);
		expect(() => assertSmallGroupsHidden({ schools: [{ of: { students: 4 } }] })).toThrow(/small group/);
	});
});

describe('every figure, every year of a trend', () => {
	/** 30 plans: 5 started in 2024–25, 7 more in 2025–26, 18 more in 2026–27. */
	function growingSchool(): SchoolEvidence {
		const starts = [
			...Array(5).fill('2024-09-01'),
			...Array(7).fill('2025-09-01'),
			...Array(18).fill('2026-09-01')
		];
		const plans = seededSchoolPlans(30).map((seed, i) => {
			const { plan } = Plan.open(seed.plan);
			plan.setInfo('startDate', starts[i]!);
			return planEvidence(plan, new FamilyPart(seed.family));
		});
		return schoolEvidence('growing', plans, SEED_DAY);
	}

	it('hides every figure of a year with fewer than 10 students, of every indicator and pathway kind', () => {
		const evidence = growingSchool();
		expect(evidence.schoolYears).toEqual([2024, 2025, 2026]);
		for (const one of evidence.series) {
			expect(one.years[0], `${one.indicator} ${one.pathwayKind ?? ''} in 2024`).toEqual({
				schoolYear: 2024,
				of: FEW,
				count: FEW,
				percent: null
			});
			expect(one.years[1]!.of).toEqual({ students: 12 });
			expect(one.years[2]!.of).toEqual({ students: 30 });
		}
		expect(smallGroupProblems(evidence)).toEqual([]);
	});
});

describe('the district view', () => {
	it('shows a school of fewer than 10 students as "fewer than 10" in every figure and every year, and no district total', async () => {
		const t = await startServer();
		try {
			await addTwoSchools(t.server.db);
			addSeededStudents(t.server.db, 'birch', seededSchoolPlans(9, 'birch'));
			addSeededStudents(t.server.db, 'demo-maple-ridge', seededSchoolPlans(12));
			const year = schoolYearOf(today());
			const view = await api<DistrictView>(t.url, 'GET', '/api/district', {
				token: await signIn(t.url, 'district')
			});
			expect(view.status).toBe(200);
			expect(view.body.schoolYears).toEqual([year - 2, year - 1, year]);
			const [birch, maple] = view.body.schools;
			expect(birch!.name).toBe('Birch Hill (fictional)');
			expect(birch!.trend.map((one) => one.indicator)).toEqual([
				'revised',
				'family-reflection',
				'goals-linked',
				'recent-progress',
				'family-meeting'
			]);
			for (const one of birch!.trend) {
				for (const figure of one.years) expect(figure).toMatchObject({ of: FEW, count: FEW, percent: null });
			}
			for (const { figure } of birch!.figures) expect(figure).toMatchObject({ of: FEW, count: FEW });
			// Maple Ridge: the 12 seeded plans since 2024, and the 5 demo plans (no date) this year only.
			const revised = maple!.trend.find((one) => one.indicator === 'revised')!;
			expect(revised.years.map((figure) => figure.of)).toEqual([
				{ students: 12 },
				{ students: 12 },
				{ students: 17 }
			]);
			expect(smallGroupProblems(view.body)).toEqual([]);
			// Only per-school figures: nothing to subtract a hidden school from.
			expect(Object.keys(view.body).sort()).toEqual([
				'admins',
				'candidates',
				'district',
				'plansReadable',
				'schoolYear',
				'schoolYears',
				'schools'
			]);
		} finally {
			await t.close();
		}
	});
});
