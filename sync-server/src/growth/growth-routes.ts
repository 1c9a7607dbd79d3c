/**
 * Growth at a glance, computed on the server from the stored documents:
 *   GET /api/growth/caseload  staff: their caseload; admin: the whole school — one row per student
 *   GET /api/growth/school    admin: counts across the school
 * Every document is read from storage (complete: updates are stored before they are broadcast).
 * Each plan's facts are remembered until its stored documents change (plan-facts.ts).
 */
import type { FastifyInstance } from 'fastify';
import { today } from '../../../src/lib/plp/ids';
import type { CaseloadRow, SchoolCounts } from '../../../src/lib/contracts/growth-api';
import { requireRole } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { PlanSummaries } from '../plans/plan-summary';
import { readMany } from '../plans/read-many';

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : '');

export function registerGrowthRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const summaries = new PlanSummaries(ctx.docs);
	const facts = ctx.planFacts;

	app.get('/api/growth/caseload', async (request): Promise<{ rows: CaseloadRow[] }> => {
		const caller = requireRole(ctx, request, 'staff', 'admin');
		const date = today();
		const plans = ctx.accounts.plansVisibleTo(caller.user).filter((plan) => plan.isActive);
		const interval = await summaries.reviewIntervalMonths(caller.user.schoolId);
		const changes = await ctx.audit.lastChanges(plans.map((plan) => plan.planId));
		const rows = await readMany(plans, async (plan): Promise<CaseloadRow> => {
			const planFacts = await facts.get(plan.planId, date);
			const change = changes.get(plan.planId) ?? {};
			return {
				planId: plan.planId,
				studentId: plan.studentId,
				studentName: plan.studentName,
				grade: plan.grade,
				review: await summaries.review(plan.planId, interval, date),
				lastActivityAt: iso(change.any),
				familyEntries: planFacts.familyEntries,
				lastFamilyActivityAt: iso(change.family),
				activeGoals: planFacts.activeGoals,
				goalsWithoutRecentProgress: planFacts.goalsWithoutRecentProgress
			};
		});
		return { rows };
	});

	app.get('/api/growth/school', async (request): Promise<SchoolCounts> => {
		const admin = requireRole(ctx, request, 'admin');
		const date = today();
		const year = date.slice(0, 4);
		const plans = ctx.accounts.plansVisibleTo(admin.user).filter((plan) => plan.isActive);
		let revisedThisYear = 0;
		const pathways = new Map<string, number>();
		const levels = new Map<
			string,
			{ grade: number | null; proficiencyId: string; level: string; students: number }
		>();
		const factsOfPlans = await readMany(plans, (plan) => facts.get(plan.planId, date));
		for (const [index, plan] of plans.entries()) {
			const planFacts = factsOfPlans[index]!;
			if (planFacts.revisionDates.some((revised) => revised.startsWith(year))) revisedThisYear++;
			for (const kind of planFacts.pathwayKinds) pathways.set(kind, (pathways.get(kind) ?? 0) + 1);
			for (const [proficiencyId, level] of planFacts.latestLevels) {
				const key = `${plan.grade}\n${proficiencyId}\n${level}`;
				const row = levels.get(key) ?? { grade: plan.grade, proficiencyId, level, students: 0 };
				row.students++;
				levels.set(key, row);
			}
		}
		return {
			students: plans.length,
			revisedThisYear,
			year,
			pathwaysByKind: [...pathways]
				.map(([kind, students]) => ({ kind, students }))
				.sort((a, b) => b.students - a.students || a.kind.localeCompare(b.kind)),
			levelsByGrade: [...levels.values()].sort(
				(a, b) =>
					(a.grade ?? -1) - (b.grade ?? -1) ||
					a.proficiencyId.localeCompare(b.proficiencyId) ||
					a.level.localeCompare(b.level)
			)
		};
	});
}
