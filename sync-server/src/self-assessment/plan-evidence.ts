/**
 * The dated facts of one plan that the self-assessment's figures count (evidence.ts), read with the
 * shared plan model by growth/plan-facts.ts, which remembers them until the plan's documents change.
 */
import type { FamilyPart } from '../../../src/lib/plp/family';
import type { Plan } from '../../../src/lib/plp/plan';
import { proficiencyIdsOf } from '../../../src/lib/plp/proficiency-links';

const TAKING_PART = new Set(['active', 'completed']);
const FAMILY_ROLES = new Set(['guardian', 'advocate']);

export interface PlanEvidence {
	/** The plan's start date, or else its earliest dated record; '' when nothing is dated. */
	startDate: string;
	revisionDates: string[];
	/** Reflections in the family part, and reflections in the plan written by a guardian. */
	familyReflectionDates: string[];
	/** Pathways the student takes or took part in (active or completed). */
	pathways: { kind: string; startDate: string; endDate: string }[];
	/** The "by when" date of each goal linked to at least one proficiency ('' when it has none). */
	linkedGoalDates: string[];
	progressDates: string[];
	/** Meetings a guardian or family advocate took part in. */
	familyMeetingDates: string[];
}

export function planEvidence(plan: Plan, family: FamilyPart): PlanEvidence {
	const { collections } = plan;
	const revisionDates = collections.revisions.list().map((revision) => revision.date);
	const familyReflectionDates = [
		...family.reflections.list().map((reflection) => reflection.date),
		...collections.reflections
			.list()
			.filter((reflection) => reflection.authorRole === 'guardian')
			.map((reflection) => reflection.date)
	];
	const pathways = collections.pathways
		.list()
		.filter((pathway) => TAKING_PART.has(pathway.status) && pathway.kind)
		.map(({ kind, startDate, endDate }) => ({ kind, startDate, endDate }));
	const linkedGoalDates = plan.goals
		.list()
		.filter((goal) => proficiencyIdsOf(goal).length > 0)
		.map((goal) => goal.byWhen);
	const progressDates = collections.progress.list().map((entry) => entry.date);
	const familyMeetingDates = collections.meetings
		.list()
		.filter((meeting) => meeting.participants.some((person) => FAMILY_ROLES.has(person.role)))
		.map((meeting) => meeting.date);
	const dated = [
		...revisionDates,
		...familyReflectionDates,
		...pathways.map((pathway) => pathway.startDate),
		...progressDates,
		...familyMeetingDates
	].filter(Boolean);
	const startDate = plan.info().startDate || dated.sort()[0] || '';
	return {
		startDate,
		revisionDates: revisionDates.filter(Boolean),
		familyReflectionDates: familyReflectionDates.filter(Boolean),
		pathways,
		linkedGoalDates,
		progressDates: progressDates.filter(Boolean),
		familyMeetingDates: familyMeetingDates.filter(Boolean)
	};
}
