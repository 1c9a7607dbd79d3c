/**
 * The small-group rule of every figure the self-assessment answers (the school's, each year of its
 * trend, each school of the district view), in one place:
 *   - a group (a school's plans in a year) under 10 answers neither its size nor any count: both are
 *     "fewer than 10", and no share;
 *   - a count under 10 is "fewer than 10"; when 1 to 9 of the group lack a figure, the count is only
 *     "more than N", so the few without it cannot be worked out by subtracting it from the size;
 *   - answers hold per-school, per-year figures only — no total across schools or pathway kinds —
 *     so no hidden count can be had by subtracting shown ones from a total.
 * yearFigure makes each figure; assertSmallGroupsHidden checks a whole answer before it leaves the
 * server, so a later change that forgets the rule fails loudly instead of telling a small count.
 */
import { SMALL_GROUP, type StudentCount, type YearFigure } from '../../../src/lib/contracts/self-assessment';

/** A count as the answer may show it. */
export function shownCount(students: number): StudentCount {
	return students < SMALL_GROUP ? { fewerThan: SMALL_GROUP } : { students };
}

export function yearFigure(schoolYear: number, of: number, count: number): YearFigure {
	const without = of - count;
	// A group under 10 hides its size and its count alike (a count could tell the size).
	if (of < SMALL_GROUP) return { schoolYear, of: shownCount(of), count: shownCount(0), percent: null };
	if (count < SMALL_GROUP) return { schoolYear, of: shownCount(of), count: shownCount(count), percent: null };
	// The few without it must not be worked out from the size and the count: "more than" a bound.
	if (without > 0 && without < SMALL_GROUP) {
		return { schoolYear, of: shownCount(of), count: { moreThan: of - SMALL_GROUP }, percent: null };
	}
	return {
		schoolYear,
		of: shownCount(of),
		count: shownCount(count),
		percent: Math.round((count / of) * 100)
	};
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;
const exact = (count: unknown): number | null =>
	isRecord(count) && typeof count.students === 'number' ? count.students : null;

/** Every place in an answer where a small group could be told; empty when the rule holds. */
export function smallGroupProblems(answer: unknown, path = ''): string[] {
	if (Array.isArray(answer)) return answer.flatMap((item, i) => smallGroupProblems(item, `${path}[${i}]`));
	if (!isRecord(answer)) return [];
	const problems: string[] = [];
	const students = exact(answer);
	if (students !== null && students < SMALL_GROUP) problems.push(`${path}: ${students} students`);
	if ('of' in answer && 'count' in answer) {
		const of = exact(answer.of);
		const count = exact(answer.count);
		if (of === null && (count !== null || answer.percent !== null))
			problems.push(`${path}: a count of a hidden group`);
		if (of !== null && count !== null && of - count > 0 && of - count < SMALL_GROUP) {
			problems.push(`${path}: ${of - count} without it`);
		}
		if ((of === null || count === null) && answer.percent !== null)
			problems.push(`${path}: a share of a hidden count`);
	}
	for (const [key, value] of Object.entries(answer)) {
		problems.push(...smallGroupProblems(value, path ? `${path}.${key}` : key));
	}
	return problems;
}

/** Throws (a 500, nothing sent) when an answer would tell a small group. */
export function assertSmallGroupsHidden<T>(answer: T): T {
	const problems = smallGroupProblems(answer);
	if (problems.length > 0) throw new Error(`small group in an answer: ${problems.slice(0, 3).join('; ')}`);
	return answer;
}
