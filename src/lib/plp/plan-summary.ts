/**
 * What a caseload shows about one plan without opening it: the grade, where the plan stands in the
 * cycle, what is missing, when the next revision is due and when the family last wrote. One pure
 * function of the plan's documents, so the server (its plan list) and this device (from its own
 * copy, the moment a revision is recorded here) give the same answer.
 */
import type * as Y from 'yjs';
import type { PlanReview } from '../contracts/api';
import { cycleStatus, reviewDue, type CycleStep, type GapKind } from './cycle';
import { FamilyPart } from './family';
import { Plan, type PlanSnapshot } from './plan';

export interface PlanSummary {
	/** The grade as the plan's information writes it ('' when not given). */
	grade: string;
	step: CycleStep;
	/** How many of each kind of gap the cycle finds, in the cycle's order. */
	missing: { kind: GapKind; count: number }[];
	review: PlanReview;
	/** Date (YYYY-MM-DD) of the family's newest reflection or comment; '' when none. */
	lastFamilyNoteOn: string;
}

/** The summary of a plan that holds nothing yet. */
export const EMPTY_SUMMARY: PlanSummary = {
	grade: '',
	step: 'profile',
	missing: [],
	review: { dueOn: '', state: 'unknown', lastRevisedOn: '' },
	lastFamilyNoteOn: ''
};

type FamilySnapshot = ReturnType<FamilyPart['snapshot']>;

function newest(dates: string[]): string {
	return dates.reduce((latest, date) => (date > latest ? date : latest), '');
}

export function summarizePlan(
	plan: PlanSnapshot,
	family: Pick<FamilySnapshot, 'reflections' | 'comments'> | null,
	intervalMonths: number,
	today: string
): PlanSummary {
	const status = cycleStatus(plan);
	const counts = new Map<GapKind, number>();
	for (const gap of status.gaps) counts.set(gap.kind, (counts.get(gap.kind) ?? 0) + 1);
	return {
		grade: plan.info.grade.trim(),
		step: status.current,
		missing: [...counts].map(([kind, count]) => ({ kind, count })),
		review: reviewDue(plan, intervalMonths, today),
		lastFamilyNoteOn: family
			? newest([...family.reflections, ...family.comments].map((entry) => entry.date))
			: ''
	};
}

/**
 * The summary of a plan from its documents, or null while the plan document holds nothing yet
 * (a school plan not on this device). The family document may be absent (no right to read it).
 */
export function summarizePlanDocs(
	planDoc: Y.Doc,
	familyDoc: Y.Doc | null,
	intervalMonths: number,
	today: string
): PlanSummary | null {
	// Read as stored, never migrated: a summary must not write into the device's copy.
	if (!Plan.hasContent(planDoc)) return null;
	return summarizePlan(
		Plan.read(planDoc).snapshot(),
		familyDoc ? new FamilyPart(familyDoc).snapshot() : null,
		intervalMonths,
		today
	);
}
