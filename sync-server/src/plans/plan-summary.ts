/**
 * What a plan list shows about each plan without opening it: when its next revision is due. Read
 * from the stored documents with the same plan model and cycle logic as the app, and cached until
 * the plan's stored log changes.
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import type { PlanReview } from '../../../src/lib/plp/api-types';
import { reviewDue } from '../../../src/lib/plp/cycle';
import { Plan } from '../../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import { SchoolTemplate } from '../../../src/lib/plp/template';
import type { DocStore } from '../contracts';

function load(store: DocStore, name: string): Y.Doc {
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.transact(doc, () => {
		for (const update of store.loadUpdates(name)) Y.applyUpdate(doc, update);
	});
	return doc;
}

export class PlanSummaries {
	#cache = new Map<string, { stamp: string; review: PlanReview }>();

	constructor(private readonly store: DocStore) {}

	reviewIntervalMonths(schoolId: string): number {
		return new SchoolTemplate(load(this.store, docName('school', schoolId))).reviewIntervalMonths();
	}

	review(planId: string, intervalMonths: number, today: string): PlanReview {
		const name = docName('plan', planId);
		const stamp = `${this.store.countUpdates(name)}:${intervalMonths}:${today}`;
		const cached = this.#cache.get(planId);
		if (cached?.stamp === stamp) return cached.review;
		const { plan, migration } = Plan.open(load(this.store, name));
		const review: PlanReview =
			migration.status === 'empty'
				? { dueOn: '', state: 'unknown', lastRevisedOn: '' }
				: reviewDue(
						{ revisions: plan.collections.revisions.list(), info: plan.info() },
						intervalMonths,
						today
					);
		this.#cache.set(planId, { stamp, review });
		return review;
	}
}
