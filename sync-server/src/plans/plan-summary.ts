/**
 * What a plan list shows about each plan without opening it (src/lib/plp/plan-summary.ts): read
 * from the stored documents with the same plan model and cycle logic as the app, and cached until
 * either document gets a new update. The stamp is the newest update's sequence number, which only
 * grows: the count of updates falls at a compaction and can come back to a number already cached,
 * which kept an old review date after a revision (issue #14).
 */
import type { StatementSync } from 'node:sqlite';
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import type { PlanReview } from '../../../src/lib/contracts/api';
import { FamilyPart } from '../../../src/lib/plp/family';
import { Plan } from '../../../src/lib/plp/plan';
import { EMPTY_SUMMARY, summarizePlan, type PlanSummary } from '../../../src/lib/plp/plan-summary';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import { SchoolTemplate } from '../../../src/lib/plp/template';
import type { DocStore } from '../contracts';
import type { Database } from '../db';

function load(store: DocStore, name: string): Y.Doc {
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.transact(doc, () => {
		for (const update of store.loadUpdates(name)) Y.applyUpdate(doc, update);
	});
	return doc;
}

export class PlanSummaries {
	#cache = new Map<string, { stamp: string; summary: PlanSummary }>();
	readonly #newest: StatementSync;

	constructor(
		private readonly store: DocStore,
		db: Database
	) {
		this.#newest = db.prepare('SELECT max(seq) AS seq FROM doc_updates WHERE doc = ?');
	}

	reviewIntervalMonths(schoolId: string): number {
		return new SchoolTemplate(load(this.store, docName('school', schoolId))).reviewIntervalMonths();
	}

	summary(planId: string, intervalMonths: number, today: string): PlanSummary {
		const newest = (name: string) => (this.#newest.get(name) as { seq: number | null }).seq ?? 0;
		const plan = docName('plan', planId);
		const family = docName('family', planId);
		const stamp = [newest(plan), newest(family), intervalMonths, today].join(':');
		const cached = this.#cache.get(planId);
		if (cached?.stamp === stamp) return cached.summary;
		const planDoc = load(this.store, plan);
		// A throwaway copy: an older plan is upgraded in memory, as the app would on opening it.
		const opened = Plan.open(planDoc);
		const summary =
			opened.migration.status === 'empty'
				? EMPTY_SUMMARY
				: summarizePlan(
						opened.plan.snapshot(),
						new FamilyPart(load(this.store, family)).snapshot(),
						intervalMonths,
						today
					);
		this.#cache.set(planId, { stamp, summary });
		return summary;
	}

	review(planId: string, intervalMonths: number, today: string): PlanReview {
		return this.summary(planId, intervalMonths, today).review;
	}
}
