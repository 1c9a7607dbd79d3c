/**
 * The school's self-assessment on the five essential attributes of personalized learning, shared by
 * the server (sync-server/src/self-assessment/) and the app: the attributes, the three levels, school
 * years, and what the API answers. No Svelte, no DOM.
 */
import type { PlanView } from './api';

export const ATTRIBUTES = [
	'relationships',
	'flexibility',
	'learner-profiles',
	'proficiency',
	'agency'
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export const LEVELS = ['initiating', 'developing', 'performing'] as const;
export type Level = (typeof LEVELS)[number];

/** One attribute of one year's assessment; `level` null means "not rated yet". */
export interface AttributeRating {
	attribute: Attribute;
	level: Level | null;
	notes: string;
	nextSteps: string;
}

export interface SelfAssessment {
	schoolId: string;
	/** The calendar year the school year starts in: 2026 is the 2026–27 school year. */
	schoolYear: number;
	ratings: AttributeRating[];
	savedBy: { id: string; name: string };
	/** ISO time of the last save. */
	savedAt: string;
}

/** What GET /api/self-assessment/:schoolId/:year answers. */
export interface AssessmentView {
	school: { id: string; name: string };
	schoolYear: number;
	/** This year's assessment, or null before the first save. */
	assessment: SelfAssessment | null;
	/** The year before, for "what changed", or null. */
	previous: SelfAssessment | null;
	/** School years that have an assessment, newest first. */
	savedYears: number[];
	canEdit: boolean;
	canManageTeam: boolean;
}

/** What PUT /api/self-assessment/:schoolId/:year takes. */
export interface AssessmentInput {
	ratings: AttributeRating[];
}

export const MAX_NOTE_LENGTH = 4000;

/** The school months run from August to July: a date in August 2026 or later is the 2026–27 year. */
export const SCHOOL_YEAR_START_MONTH = 8;

export function schoolYearOf(isoDate: string): number {
	const year = Number(isoDate.slice(0, 4));
	const month = Number(isoDate.slice(5, 7));
	return month >= SCHOOL_YEAR_START_MONTH ? year : year - 1;
}

/** First and last day (YYYY-MM-DD) of a school year. */
export function schoolYearDates(schoolYear: number): { first: string; last: string } {
	const month = String(SCHOOL_YEAR_START_MONTH).padStart(2, '0');
	const before = String(SCHOOL_YEAR_START_MONTH - 1).padStart(2, '0');
	return { first: `${schoolYear}-${month}-01`, last: `${schoolYear + 1}-${before}-31` };
}

/** "2026–27". */
export function schoolYearLabel(schoolYear: number): string {
	return `${schoolYear}–${String((schoolYear + 1) % 100).padStart(2, '0')}`;
}

/** A team may save this year's assessment and last year's (a school often rates at the year's end). */
export function isEditableYear(schoolYear: number, today: string): boolean {
	const current = schoolYearOf(today);
	return schoolYear === current || schoolYear === current - 1;
}

/** Every attribute once, in order; unknown or missing ones become "not rated". */
export function completeRatings(ratings: readonly AttributeRating[]): AttributeRating[] {
	return ATTRIBUTES.map(
		(attribute) =>
			ratings.find((rating) => rating.attribute === attribute) ?? {
				attribute,
				level: null,
				notes: '',
				nextSteps: ''
			}
	);
}

/** -1, 0 or +1 steps (or null when either year is not rated): the change shown at a glance. */
export function levelChange(
	before: Level | null | undefined,
	after: Level | null | undefined
): number | null {
	if (!before || !after) return null;
	return LEVELS.indexOf(after) - LEVELS.indexOf(before);
}

/** The team of a school: staff an admin added, who may rate with the admins. */
export interface TeamMember {
	userId: string;
	name: string;
	role: string;
	addedAt: string;
}

export interface TeamView {
	members: TeamMember[];
	/** Staff of the school who are not on the team yet (for the admin's "add" list). */
	candidates: { userId: string; name: string }[];
}

/** Schools a person may read the self-assessment of. */
export interface AssessableSchool {
	id: string;
	name: string;
	canEdit: boolean;
}

// ---- Evidence from the plans -------------------------------------------------------------------

/** Groups smaller than this are never counted exactly in an answer. */
export const SMALL_GROUP = 10;

/**
 * A count of students, or "fewer than 10" (the server never sends a smaller exact count), or "more
 * than N" when the students without it would be fewer than 10 (an exact count would tell how many).
 */
export type StudentCount = { students: number } | { fewerThan: typeof SMALL_GROUP } | { moreThan: number };

export const INDICATORS = [
	'revised',
	'family-reflection',
	'goals-linked',
	'recent-progress',
	'family-meeting',
	'pathway'
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** One figure in one school year: of `of` students, `count` have it (share only when both are exact). */
export interface YearFigure {
	schoolYear: number;
	of: StudentCount;
	count: StudentCount;
	/** 0–100, rounded; null when a count is hidden. */
	percent: number | null;
}

export interface IndicatorSeries {
	indicator: Indicator;
	/** For `pathway`: the kind (PATHWAY_KINDS or a school's `custom:` option). */
	pathwayKind?: string;
	years: YearFigure[];
}

/** Which figures stand beside which attribute on the screen. */
export const ATTRIBUTE_INDICATORS: Record<Attribute, readonly Indicator[]> = {
	relationships: ['family-meeting', 'family-reflection'],
	flexibility: ['pathway'],
	'learner-profiles': ['revised', 'family-reflection'],
	proficiency: ['goals-linked', 'recent-progress'],
	agency: ['revised', 'recent-progress']
};

/** What GET /api/self-assessment/:schoolId/evidence answers. */
export interface SchoolEvidence {
	schoolId: string;
	/** The day the figures were computed for (YYYY-MM-DD). */
	asOf: string;
	schoolYears: number[];
	series: IndicatorSeries[];
}

// ---- District view ------------------------------------------------------------------------------

/** One school's column in the district view. */
export interface DistrictSchoolColumn {
	id: string;
	name: string;
	/** This school year's level per attribute (null: not rated or not saved). */
	levels: Record<Attribute, Level | null>;
	/** Last school year's, for the change. */
	previousLevels: Record<Attribute, Level | null>;
	/** ISO time of this year's save, or null. */
	savedAt: string | null;
	/** This school year's figures (not per pathway kind), small groups hidden. */
	figures: { indicator: Indicator; figure: YearFigure }[];
	/** The same figures for each of the trend's school years (DistrictView.schoolYears). */
	trend: IndicatorSeries[];
}

export interface DistrictPerson {
	userId: string;
	name: string;
	schoolName: string;
}

/** What GET /api/district answers a district admin. */
export interface DistrictView {
	district: { id: string; name: string };
	schoolYear: number;
	/** The trend's school years, oldest first. */
	schoolYears: number[];
	schools: DistrictSchoolColumn[];
	/** The district lets its admins read (never change) the plans of its schools; off by default. */
	plansReadable: boolean;
	/** The district's admins (they read every school's self-assessment and name other district admins). */
	admins: DistrictPerson[];
	/** Admins of the district's schools who could be named. */
	candidates: DistrictPerson[];
}

/** What GET /api/district/schools/:schoolId/plans answers a district admin (when the district allows it). */
export interface DistrictPlans {
	school: { id: string; name: string };
	/** Each plan with what the caller may do: the plan read-only, the family's part not at all. */
	plans: PlanView[];
}
