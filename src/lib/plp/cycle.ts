/**
 * The yearly PLP cycle as plain logic: where a plan stands, what is missing, what to do next and
 * when the next revision is due. No Svelte, no Yjs: it reads plan snapshots, so the app, the server
 * (caseload summaries) and the tests share it.
 */
import type { PlanSnapshot } from './plan';

export const CYCLE_STEPS = ['profile', 'goals', 'steps', 'work', 'progress', 'reflect', 'revise'] as const;
export type CycleStep = (typeof CYCLE_STEPS)[number];

export type GapKind =
	| 'profile-unanswered'
	| 'goal-no-measure'
	| 'goal-no-date'
	| 'goal-no-steps'
	| 'step-no-evidence'
	| 'pathway-no-goal';

export interface Gap {
	step: CycleStep;
	kind: GapKind;
	/** The record (goal, step, pathway) or profile question it is about. */
	target: string;
}

export interface CycleStatus {
	/**
	 * The first step of this round that is not done yet. A recorded revision starts a new round, so
	 * 'revise' is never done within one: it is the step that closes it.
	 */
	current: CycleStep;
	isDone: Record<CycleStep, boolean>;
	gaps: Gap[];
	/** When this round started: the last revision, else the plan's start. */
	roundStartedOn: string;
}

/** Answers needed before the profile counts as done: most of it, not every question. */
const PROFILE_ANSWERS_NEEDED = 5;
const ACTIVE_GOAL = (status: string) => status !== 'met' && status !== 'stopped';

function lastRevisionDate(plan: PlanSnapshot): string {
	return plan.revisions.reduce((latest, r) => (r.date > latest ? r.date : latest), '');
}

/**
 * Whether `date` (YYYY-MM-DD) falls in the current round. Records carry dates, not times, so
 * what is dated on the day of a revision belongs to the round that revision closed.
 */
function inRound(date: string, start: string, isAfterRevision: boolean): boolean {
	return date !== '' && (isAfterRevision ? date > start : date >= start);
}

export function cycleStatus(plan: PlanSnapshot): CycleStatus {
	const lastRevision = lastRevisionDate(plan);
	const roundStartedOn = lastRevision || plan.info.startDate || '';
	const isInRound = (date: string) => inRound(date, roundStartedOn, lastRevision !== '');
	const gaps: Gap[] = [];

	const unanswered = Object.entries(plan.profile).filter(([, text]) => !text.trim());
	for (const [field] of unanswered) gaps.push({ step: 'profile', kind: 'profile-unanswered', target: field });
	const isProfileDone = Object.keys(plan.profile).length - unanswered.length >= PROFILE_ANSWERS_NEEDED;

	const goals = plan.goals.filter((g) => g.title.trim() && ACTIVE_GOAL(g.status));
	for (const goal of goals) {
		if (!goal.measure.trim()) gaps.push({ step: 'goals', kind: 'goal-no-measure', target: goal.id });
		if (!goal.byWhen) gaps.push({ step: 'goals', kind: 'goal-no-date', target: goal.id });
		const steps = plan.steps.filter((s) => s.goalId === goal.id);
		if (steps.length === 0) gaps.push({ step: 'steps', kind: 'goal-no-steps', target: goal.id });
		for (const step of steps) {
			if (step.status !== 'done' && !step.evidenceExpected.trim()) {
				gaps.push({ step: 'steps', kind: 'step-no-evidence', target: step.id });
			}
		}
	}
	for (const pathway of plan.pathways) {
		if (pathway.status !== 'withdrawn' && pathway.goalIds.length === 0) {
			gaps.push({ step: 'work', kind: 'pathway-no-goal', target: pathway.id });
		}
	}

	const hasGoals = goals.length > 0 || plan.goals.some((g) => g.status === 'met');
	const everyGoalHasSteps = goals.every((goal) => plan.steps.some((s) => s.goalId === goal.id));
	const isWorking =
		plan.steps.some((s) => s.status === 'doing' || s.status === 'done') ||
		plan.pathways.some((p) => p.status === 'active' || p.status === 'completed');
	const hasProgress =
		plan.progress.some((p) => isInRound(p.date)) || plan.evidence.some((e) => isInRound(e.date));
	const hasReflection = plan.reflections.some((r) => r.authorRole === 'student' && isInRound(r.date));

	const hasWhatItAsks: Record<CycleStep, boolean> = {
		profile: isProfileDone,
		goals: hasGoals && !gaps.some((g) => g.step === 'goals'),
		steps: hasGoals && everyGoalHasSteps,
		work: isWorking,
		progress: hasProgress,
		reflect: hasReflection,
		revise: false
	};
	// Ticked only in cycle order: no "Look back ✓" before the work it looks back on, so the ticks
	// and "you are here" always agree (every step before it ticked, none after it).
	const current = CYCLE_STEPS.find((step) => !hasWhatItAsks[step]) ?? 'revise';
	const currentIndex = CYCLE_STEPS.indexOf(current);
	const isDone = Object.fromEntries(CYCLE_STEPS.map((step, index) => [step, index < currentIndex])) as Record<
		CycleStep,
		boolean
	>;
	return { current, isDone, gaps, roundStartedOn };
}

export type ReviewState = 'overdue' | 'due-soon' | 'on-track' | 'unknown';

/** Days before the due date from which a review counts as "due soon". */
export const DUE_SOON_DAYS = 30;

/** Adds whole months to a YYYY-MM-DD date, keeping the day where the month has it. */
export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y, m - 1 + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d, lastDay));
	return target.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** When the plan's next revision is due, and how that stands today. */
export function reviewDue(
	plan: Pick<PlanSnapshot, 'revisions' | 'info'>,
	intervalMonths: number,
	today: string
): { dueOn: string; state: ReviewState; lastRevisedOn: string } {
	const lastRevisedOn = plan.revisions.reduce((latest, r) => (r.date > latest ? r.date : latest), '');
	const base = lastRevisedOn || plan.info.startDate;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(base)) return { dueOn: '', state: 'unknown', lastRevisedOn };
	const dueOn = addMonths(base, intervalMonths);
	const daysLeft = daysBetween(today, dueOn);
	const state = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
	return { dueOn, state, lastRevisedOn };
}
