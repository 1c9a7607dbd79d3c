/**
 * The list of plans a person may open, with what they may do in each document and what a caseload
 * shows of each (src/lib/plp/plan-summary.ts) and when anyone last changed it.
 */
import type { FastifyInstance } from 'fastify';
import type { PlanView } from '../../../src/lib/contracts/api';
import { today } from '../../../src/lib/plp/ids';
import { principalOf } from '../auth/access-resolver';
import { readMany } from '../plans/read-many';
import { PlanSummaries } from '../plans/plan-summary';
import { requireReader } from './authenticate';
import type { ApiContext } from './context';
import { planView } from './views';

export function registerPlanRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const summaries = new PlanSummaries(ctx.docs);
	app.get('/api/plans', async (request) => {
		// Also a student who left: the list holds their own plan, read only.
		const caller = requireReader(ctx, request);
		const principal = principalOf(caller.user, caller.sessionId);
		const interval = await summaries.reviewIntervalMonths(caller.user.schoolId);
		const date = today();
		// The candidate list comes from the person's links; the access shown is decided by the same
		// resolver the relay uses, so the list never promises what the relay would refuse.
		const visible = ctx.accounts.plansVisibleTo(caller.user);
		const changes = await ctx.audit.lastChanges(visible.map((plan) => plan.planId));
		const views = await readMany(visible, async (plan): Promise<PlanView> => {
			const summary = await summaries.summary(plan.planId, interval, date);
			const lastChangeAt = changes.get(plan.planId)?.any;
			return {
				...planView(plan, {
					plan: ctx.resolver.accessTo(principal, 'plan', plan.planId),
					family: ctx.resolver.accessTo(principal, 'family', plan.planId)
				}),
				review: summary.review,
				summary,
				lastChangeAt: lastChangeAt ? new Date(lastChangeAt).toISOString() : ''
			};
		});
		const plans = views.filter((plan) => plan.access.plan !== 'none' || plan.access.family !== 'none');
		return { plans };
	});
}
