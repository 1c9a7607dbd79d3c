/** The figures of one school's active plans (evidence.ts), each plan's facts remembered until it changes. */
import type { SchoolEvidence } from '../../../src/lib/contracts/self-assessment';
import type { AccountStore } from '../auth/accounts';
import type { PlanFactsCache } from '../growth/plan-facts';
import { readMany } from '../plans/read-many';
import { schoolEvidence } from './evidence';

export class SchoolEvidenceReader {
	/** The growth routes' cache too (ctx.planFacts): a plan is read once per change for both. */
	constructor(
		private readonly accounts: AccountStore,
		private readonly facts: PlanFactsCache
	) {}

	/** Callers check the right to read the school's figures first (assessment-rights.ts). */
	async of(schoolId: string, today: string): Promise<SchoolEvidence> {
		const plans = this.accounts.plansOfSchool(schoolId).filter((plan) => plan.isActive);
		const facts = await readMany(plans, (plan) => this.facts.get(plan.planId, today));
		return schoolEvidence(
			schoolId,
			facts.map((fact) => fact.evidence),
			today
		);
	}
}
