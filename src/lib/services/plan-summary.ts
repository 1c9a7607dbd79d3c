/**
 * The caseload's summary of a plan, from this device's copy of it: written whenever that copy
 * changes (an edit here, a catch-up with the school), so a revision recorded here moves the plan's
 * "next update" date in every list at once, online or not. The server's summary (the plan list)
 * is kept only while this device has nothing newer (see refreshSchoolPlans).
 */
import type * as Y from 'yjs';
import { today } from '../plp/ids';
import { summarizePlanDocs, type PlanSummary } from '../plp/plan-summary';
import { DEFAULT_REVIEW_MONTHS } from '../plp/template';
import { school } from '../state/school-session.svelte';

export function deviceSummary(planDoc: Y.Doc, familyDoc: Y.Doc | null | undefined): PlanSummary | undefined {
	const interval = school.template?.reviewIntervalMonths() ?? DEFAULT_REVIEW_MONTHS;
	return summarizePlanDocs(planDoc, familyDoc ?? null, interval, today()) ?? undefined;
}
