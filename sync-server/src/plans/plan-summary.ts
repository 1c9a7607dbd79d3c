/**
 * What a plan list shows about each plan without opening it (src/lib/plp/plan-summary.ts): read
 * from the stored documents with the same plan model and cycle logic as the app, and cached until
 * either document gets a new update. The stamp is the newest update's sequence number, which only
 * grows: the count of updates falls at a compaction and can come back to a number already cached,
 * which kept an old review date after a revision (issue #14).
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import type { PlanReview } from '../../../src/lib/contracts/api';
import { FamilyPart } from '../../../src/lib/plp/family';
import { Plan } from '../../../src/lib/plp/plan';
import { EMPTY_SUMMARY, summarizePlan, type PlanSummary } from '../../../src/lib/plp/plan-summary';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import { SchoolTemplate } from '../../../src/lib/plp/template';
import type { AsyncDocStore } from '../contracts';

async function load(store: AsyncDocStore, name: string): Promise<Y.Doc> {
	const updates = await store.loadUpdates(name);
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.transact(doc, () => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

export class PlanSummaries {
	#cache = new Map<string, { stamp: string; summary: PlanSummary }>();

	/** `store`: the documents where the relay stores them (ctx.docs). */
	constructor(private readonly store: AsyncDocStore) {}

	async reviewIntervalMonths(schoolId: string): Promise<number> {
		return new SchoolTemplate(await load(this.store, docName('school', schoolId))).reviewIntervalMonths();
	}

	async summary(planId: string, intervalMonths: number, today: string): Promise<PlanSummary> {
		const plan = docName('plan', planId);
		const family = docName('family', planId);
		const seqs = await Promise.all([this.store.newestSeq(plan), this.store.newestSeq(family)]);
		const stamp = [...seqs, intervalMonths, today].join(':');
		const cached = this.#cache.get(planId);
		if (cached?.stamp === stamp) return cached.summary;
		const planDoc = await load(this.store, plan);
		// A throwaway copy: an older plan is upgraded in memory, as the app would on opening it.
		const opened = Plan.open(planDoc);
		const summary =
			opened.migration.status === 'empty'
				? EMPTY_SUMMARY
				: summarizePlan(
						opened.plan.snapshot(),
						new FamilyPart(await load(this.store, family)).snapshot(),
						intervalMonths,
						today
					);
		this.#cache.set(planId, { stamp, summary });
		return summary;
	}

	async review(planId: string, intervalMonths: number, today: string): Promise<PlanReview> {
		return (await this.summary(planId, intervalMonths, today)).review;
	}
}
