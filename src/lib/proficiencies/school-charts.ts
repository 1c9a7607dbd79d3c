/**
 * The school counts (GET /api/growth/school) shaped for bar charts: categories along the bottom,
 * one series of bars per level. The tables next to the charts show the same numbers.
 */
import { findTarget, levelText, scaleOf, type Framework } from '../contracts/framework';
import type { SchoolCounts } from '../contracts/growth-api';
import { frameworkOrder } from './growth';

export interface BarSeries {
	label: string;
	values: number[];
}

export interface LevelsChart {
	proficiencyId: string;
	/** "MR-INQ · Ask questions…", an indicator's "MR-INQ.1 · Asks…"; null when the framework does not have it. */
	name: string | null;
	/** Grades, lowest first (null: no grade). */
	grades: (number | null)[];
	/** One series per level, in level order; values line up with `grades`. */
	series: BarSeries[];
}

const byLevel = (a: string, b: string) => {
	const x = Number(a);
	const y = Number(b);
	return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b);
};

/**
 * What people read for a proficiency or indicator id: its code and name from the school's
 * framework; null when the framework has no such id (an older version's, say).
 */
export function proficiencyName(framework: Framework | null, id: string): string | null {
	const target = framework ? findTarget(framework, id) : undefined;
	if (!target) return null;
	const named = target.indicator ?? target.proficiency;
	const title = target.indicator ? target.indicator.text : target.proficiency.title;
	return `${named.code ?? named.id} · ${title}`;
}

/** A stored level as the scale names it ("3 · Proficient"); the stored words when not on the scale. */
export function levelName(framework: Framework | null, id: string, level: string): string {
	if (!framework) return level;
	return levelText(scaleOf(framework, findTarget(framework, id)?.proficiency), level);
}

/**
 * One chart per proficiency: students at each latest level, grade by grade; in the framework's
 * order, each named by its framework (the ids it does not have last).
 */
export function levelsByGradeCharts(
	rows: SchoolCounts['levelsByGrade'],
	framework: Framework | null = null
): LevelsChart[] {
	const order = frameworkOrder(framework);
	const proficiencies = [...new Set(rows.map((row) => row.proficiencyId))].sort(
		(a, b) => order(a) - order(b) || a.localeCompare(b)
	);
	return proficiencies.map((proficiencyId) => {
		const own = rows.filter((row) => row.proficiencyId === proficiencyId);
		const grades = [...new Set(own.map((row) => row.grade))].sort((a, b) => (a ?? -1) - (b ?? -1));
		const levels = [...new Set(own.map((row) => row.level))].sort(byLevel);
		const series = levels.map((level) => ({
			label: levelName(framework, proficiencyId, level),
			values: grades.map(
				(grade) => own.find((row) => row.grade === grade && row.level === level)?.students ?? 0
			)
		}));
		return { proficiencyId, name: proficiencyName(framework, proficiencyId), grades, series };
	});
}

/** Plans revised this year and the others, for a two-bar chart. */
export function revisedBars(counts: Pick<SchoolCounts, 'students' | 'revisedThisYear'>): number[] {
	return [counts.revisedThisYear, Math.max(0, counts.students - counts.revisedThisYear)];
}
