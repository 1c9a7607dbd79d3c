/**
 * The caseload table's rows: found by name, filtered by where the plan's next update stands and
 * sorted by any column. Pure, so the start screen and its tests share it.
 */
import type { PlanEntry } from '$lib/local/db';
import { CYCLE_STEPS } from '$lib/plp/cycle';

export const CASELOAD_COLUMNS = ['student', 'grade', 'step', 'missing', 'due', 'changed', 'family'] as const;
export type CaseloadColumn = (typeof CASELOAD_COLUMNS)[number];
export type CaseloadFilter = 'all' | 'overdue' | 'due-soon' | 'revised' | 'missing';
export interface CaseloadSort {
	column: CaseloadColumn;
	isDescending: boolean;
}

export interface CaseloadQuery {
	search: string;
	filter: CaseloadFilter;
	sort: CaseloadSort;
	/** The year "updated this year" means (YYYY). */
	year: string;
	language: string;
}

/** The newest change by anyone that this device knows of (ms; 0 when none). */
export function lastChange(entry: PlanEntry): number {
	return Math.max(entry.lastEditedAt || 0, entry.lastChangeAt || 0);
}

/** The grade shown: the plan's own words, else the roster's number. */
export function gradeOf(entry: PlanEntry): string {
	return entry.summary?.grade || (entry.grade == null ? '' : String(entry.grade));
}

export function missingCount(entry: PlanEntry): number {
	return entry.summary?.missing.reduce((sum, gap) => sum + gap.count, 0) ?? 0;
}

/** Lower case without accents, so "jose" finds "José" and "Ángela" sorts among the A's. */
function folded(text: string, language: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(language);
}

function matches(entry: PlanEntry, query: CaseloadQuery): boolean {
	const search = folded(query.search.trim(), query.language);
	if (search && !folded(entry.studentName, query.language).includes(search)) return false;
	const review = entry.summary?.review;
	switch (query.filter) {
		case 'all':
			return true;
		case 'revised':
			return review?.lastRevisedOn.startsWith(query.year) ?? false;
		case 'missing':
			return missingCount(entry) > 0;
		default:
			return review?.state === query.filter;
	}
}

/**
 * Compares by one column. Empty values (no date, no grade) go last whichever way the column is
 * sorted: they are what a person has to look at separately, not the extremes of a range.
 */
function comparer(column: CaseloadColumn, collator: Intl.Collator) {
	type Key = string | number | null;
	const keyOf = (entry: PlanEntry): Key => {
		switch (column) {
			case 'student':
				return entry.studentName;
			case 'grade': {
				const grade = gradeOf(entry);
				return grade === '' ? null : grade;
			}
			case 'step':
				return entry.summary ? CYCLE_STEPS.indexOf(entry.summary.step) : null;
			case 'missing':
				return entry.summary ? missingCount(entry) : null;
			case 'due':
				return entry.summary?.review.dueOn || null;
			case 'changed':
				return lastChange(entry) || null;
			case 'family':
				return entry.summary?.lastFamilyNoteOn || null;
		}
	};
	return (a: PlanEntry, b: PlanEntry, isDescending: boolean): number => {
		const [x, y] = [keyOf(a), keyOf(b)];
		if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
		const order =
			typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
		return isDescending ? -order : order;
	};
}

export function caseloadRows(entries: readonly PlanEntry[], query: CaseloadQuery): PlanEntry[] {
	// Numeric collation: grade 9 before grade 10.
	const collator = new Intl.Collator(query.language, { numeric: true, sensitivity: 'base' });
	const compare = comparer(query.sort.column, collator);
	const byName = comparer('student', collator);
	return entries
		.filter((entry) => matches(entry, query))
		.toSorted((a, b) => compare(a, b, query.sort.isDescending) || byName(a, b, false));
}
