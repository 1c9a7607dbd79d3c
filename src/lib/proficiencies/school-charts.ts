/**
 * The school counts (GET /api/growth/school) shaped for bar charts: categories along the bottom,
 * one series of bars per level. The tables next to the charts show the same numbers.
 */
import type { SchoolCounts } from '../contracts/growth-api';

export interface BarSeries {
	label: string;
	values: number[];
}

export interface LevelsChart {
	proficiencyId: string;
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

/** One chart per proficiency: students at each latest level, grade by grade. */
export function levelsByGradeCharts(rows: SchoolCounts['levelsByGrade']): LevelsChart[] {
	const proficiencies = [...new Set(rows.map((row) => row.proficiencyId))].sort();
	return proficiencies.map((proficiencyId) => {
		const own = rows.filter((row) => row.proficiencyId === proficiencyId);
		const grades = [...new Set(own.map((row) => row.grade))].sort((a, b) => (a ?? -1) - (b ?? -1));
		const levels = [...new Set(own.map((row) => row.level))].sort(byLevel);
		const series = levels.map((level) => ({
			label: level,
			values: grades.map(
				(grade) => own.find((row) => row.grade === grade && row.level === level)?.students ?? 0
			)
		}));
		return { proficiencyId, grades, series };
	});
}

/** Plans revised this year and the others, for a two-bar chart. */
export function revisedBars(counts: Pick<SchoolCounts, 'students' | 'revisedThisYear'>): number[] {
	return [counts.revisedThisYear, Math.max(0, counts.students - counts.revisedThisYear)];
}
