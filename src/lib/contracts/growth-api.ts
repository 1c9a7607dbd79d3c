/** What the growth API answers (GET /api/growth/caseload and /api/growth/school), shared with the app. */
import type { PlanReview } from './api';

/** One student of a caseload, at a glance. */
export interface CaseloadRow {
	planId: string;
	studentId: string;
	studentName: string;
	grade: number | null;
	review: PlanReview;
	/** ISO time of the last change to the plan or its family part by anyone; '' when never changed. */
	lastActivityAt: string;
	/** Family reflections and comments in the family part. */
	familyEntries: number;
	/** ISO time of the family's last change; '' when the family has not written yet. */
	lastFamilyActivityAt: string;
	activeGoals: number;
	/** Active goals with no progress entry in the last RECENT_PROGRESS_DAYS days. */
	goalsWithoutRecentProgress: number;
}

export const RECENT_PROGRESS_DAYS = 60;

export interface SchoolCounts {
	students: number;
	/** Plans with a revision dated this calendar year. */
	revisedThisYear: number;
	year: string;
	/** Students taking part (active or completed) in each kind of pathway. */
	pathwaysByKind: { kind: string; students: number }[];
	/** Students whose latest level on a proficiency is `level`, by grade. */
	levelsByGrade: { grade: number | null; proficiencyId: string; level: string; students: number }[];
}
