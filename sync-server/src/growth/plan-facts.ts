/**
 * The facts about one plan that the growth screens count, read from the stored documents with the
 * shared plan model (never from the app's copy): goals, progress, pathways, revisions, family input.
 */
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { FamilyPart } from '../../../src/lib/plp/family';
import { Plan } from '../../../src/lib/plp/plan';
import { RECENT_PROGRESS_DAYS } from '../../../src/lib/contracts/growth-api';
import { planEvidence, type PlanEvidence } from '../self-assessment/plan-evidence';
import type { AsyncDocStore } from '../contracts';

const ACTIVE_GOAL = new Set(['not-started', 'in-progress']);
const TAKING_PART = new Set(['active', 'completed']);

export interface PlanFacts {
	activeGoals: number;
	goalsWithoutRecentProgress: number;
	familyEntries: number;
	revisionDates: string[];
	/** Pathway kinds the student takes or took part in. */
	pathwayKinds: Set<string>;
	/** Latest level per proficiency id. */
	latestLevels: Map<string, string>;
	/** The dated facts the school's self-assessment counts. */
	evidence: PlanEvidence;
}

async function load(store: AsyncDocStore, name: string): Promise<Y.Doc> {
	const updates = await store.loadUpdates(name);
	const doc = new Y.Doc({ gc: false });
	Y.transact(doc, () => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

/** `today` minus `days`, as YYYY-MM-DD. */
export function daysBefore(today: string, days: number): string {
	const date = new Date(`${today}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() - days);
	return date.toISOString().slice(0, 10);
}

/**
 * The facts of each plan, remembered until either of its documents gets a new update (or the day
 * changes): a school view then reads only the plans that changed since it was last asked. The stamp
 * is the newest update's sequence number, which only grows (a compaction keeps the content, and the
 * count of updates could come back to an earlier number, so it is not used).
 */
export class PlanFactsCache {
	readonly #cache = new Map<string, { stamp: string; facts: PlanFacts }>();

	/** `store`: the documents where the relay stores them (ctx.docs). */
	constructor(private readonly store: AsyncDocStore) {}

	async get(planId: string, today: string): Promise<PlanFacts> {
		const seqs = await Promise.all([
			this.store.newestSeq(docName('plan', planId)),
			this.store.newestSeq(docName('family', planId))
		]);
		const stamp = [...seqs, today].join(':');
		const cached = this.#cache.get(planId);
		if (cached?.stamp === stamp) return cached.facts;
		const facts = await planFacts(this.store, planId, today);
		this.#cache.set(planId, { stamp, facts });
		return facts;
	}
}

export async function planFacts(store: AsyncDocStore, planId: string, today: string): Promise<PlanFacts> {
	const [planDoc, familyDoc] = await Promise.all([
		load(store, docName('plan', planId)),
		load(store, docName('family', planId))
	]);
	const { plan } = Plan.open(planDoc);
	const family = new FamilyPart(familyDoc);
	const since = daysBefore(today, RECENT_PROGRESS_DAYS);
	const progress = plan.collections.progress.list();
	const recentGoalIds = new Set(progress.filter((entry) => entry.date >= since).map((entry) => entry.goalId));
	const activeGoals = plan.goals.list().filter((goal) => ACTIVE_GOAL.has(goal.status));
	const latestLevels = new Map<string, { date: string; level: string }>();
	for (const entry of progress) {
		if (!entry.proficiency || !entry.level || !entry.date) continue;
		const known = latestLevels.get(entry.proficiency);
		if (!known || entry.date >= known.date)
			latestLevels.set(entry.proficiency, { date: entry.date, level: entry.level });
	}
	return {
		activeGoals: activeGoals.length,
		goalsWithoutRecentProgress: activeGoals.filter((goal) => !recentGoalIds.has(goal.id)).length,
		familyEntries: family.reflections.list().length + family.comments.list().length,
		revisionDates: plan.collections.revisions.list().map((revision) => revision.date),
		pathwayKinds: new Set(
			plan.collections.pathways
				.list()
				.filter((pathway) => TAKING_PART.has(pathway.status))
				.map((pathway) => pathway.kind)
				.filter(Boolean)
		),
		latestLevels: new Map([...latestLevels].map(([id, { level }]) => [id, level])),
		evidence: planEvidence(plan, family)
	};
}
