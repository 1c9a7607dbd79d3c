/**
 * The figures beside each attribute: what share of a school's plans hold each kind of evidence, per
 * school year, computed from PlanEvidence (plan-evidence.ts). A year's figures are taken as they stood
 * on its last day (or today, for the year under way):
 *   revised            a revision in the 12 months before that day
 *   family-reflection  a family reflection in those 12 months
 *   recent-progress    a progress entry in the 60 days before that day
 *   family-meeting     a meeting with a guardian or family advocate during the school year
 *   goals-linked       a goal linked to a proficiency, due in that school year (or later, for this year;
 *                      a goal with no "by when" counts for the year under way only)
 *   pathway (per kind) a pathway taken part in that overlaps the school year (with no start date: this year only)
 * A plan counts in a year once it started on or before that day (a plan with no date at all: this
 * year only). Each figure follows the small-group rule (small-groups.ts): no count under 10, and
 * no count that tells how many fewer than 10 lack a figure.
 */
import { RECENT_PROGRESS_DAYS } from '../../../src/lib/contracts/growth-api';
import { PATHWAY_KINDS } from '../../../src/lib/plp/schema';
import {
	schoolYearDates,
	schoolYearOf,
	type Indicator,
	type IndicatorSeries,
	type SchoolEvidence
} from '../../../src/lib/contracts/self-assessment';
import { daysBefore } from '../growth/plan-facts';
import type { PlanEvidence } from './plan-evidence';
import { yearFigure } from './small-groups';

export { yearFigure };

export const TREND_YEARS = 3;
const YEAR_DAYS = 365;

interface YearWindow {
	schoolYear: number;
	first: string;
	/** The day the year's figures stand on: its last day, or today. */
	end: string;
	isCurrent: boolean;
}

const within = (dates: string[], after: string, end: string) => dates.some((d) => d > after && d <= end);
const between = (dates: string[], first: string, end: string) => dates.some((d) => d >= first && d <= end);

type Test = (plan: PlanEvidence, year: YearWindow) => boolean;

const TESTS: Record<Exclude<Indicator, 'pathway'>, Test> = {
	revised: (plan, year) => within(plan.revisionDates, daysBefore(year.end, YEAR_DAYS), year.end),
	'family-reflection': (plan, year) =>
		within(plan.familyReflectionDates, daysBefore(year.end, YEAR_DAYS), year.end),
	'recent-progress': (plan, year) =>
		within(plan.progressDates, daysBefore(year.end, RECENT_PROGRESS_DAYS), year.end),
	'family-meeting': (plan, year) => between(plan.familyMeetingDates, year.first, year.end),
	'goals-linked': (plan, year) =>
		plan.linkedGoalDates.some((due) =>
			year.isCurrent
				? !due || due >= year.first
				: due >= year.first && due <= schoolYearDates(year.schoolYear).last
		)
};

function pathwayTest(kind: string): Test {
	return (plan, year) =>
		plan.pathways.some(
			(pathway) =>
				pathway.kind === kind &&
				(pathway.startDate ? pathway.startDate <= year.end : year.isCurrent) &&
				(!pathway.endDate || pathway.endDate >= year.first)
		);
}

export function yearWindows(today: string, years = TREND_YEARS): YearWindow[] {
	const current = schoolYearOf(today);
	const windows: YearWindow[] = [];
	for (let schoolYear = current - years + 1; schoolYear <= current; schoolYear++) {
		const { first, last } = schoolYearDates(schoolYear);
		windows.push({ schoolYear, first, end: last < today ? last : today, isCurrent: schoolYear === current });
	}
	return windows;
}

export function schoolEvidence(
	schoolId: string,
	plans: readonly PlanEvidence[],
	today: string,
	years = TREND_YEARS
): SchoolEvidence {
	const windows = yearWindows(today, years);
	const inYear = windows.map((year) =>
		plans.filter((plan) => (plan.startDate ? plan.startDate <= year.end : year.isCurrent))
	);
	const series = (indicator: Indicator, test: Test, pathwayKind?: string): IndicatorSeries => ({
		indicator,
		...(pathwayKind === undefined ? {} : { pathwayKind }),
		years: windows.map((year, index) => {
			const group = inYear[index]!;
			return yearFigure(year.schoolYear, group.length, group.filter((plan) => test(plan, year)).length);
		})
	});
	const standard = PATHWAY_KINDS.filter((kind) => kind !== 'other');
	const seen = new Set(plans.flatMap((plan) => plan.pathways.map((pathway) => pathway.kind)));
	const kinds = [...standard, ...[...seen].filter((kind) => !standard.includes(kind as never)).sort()];
	return {
		schoolId,
		asOf: today,
		schoolYears: windows.map((year) => year.schoolYear),
		series: [
			...(Object.keys(TESTS) as (keyof typeof TESTS)[]).map((indicator) =>
				series(indicator, TESTS[indicator])
			),
			...kinds.map((kind) => series('pathway', pathwayTest(kind), kind))
		]
	};
}
