import * as Y from 'yjs';
import { Collection } from './collection';
import { migratePlan, type MigrationResult } from './migrations';
import {
	INFO_FIELDS,
	PLAN_COLLECTIONS,
	PROFILE_FIELDS,
	SCHEMA_VERSION,
	type CollectionName,
	type Fields,
	type InfoField,
	type PlanInfo,
	type ProfileField,
	type RecordOf
} from './schema';

type PlanCollections = { [N in CollectionName]: Collection<(typeof PLAN_COLLECTIONS)[N]> };

/** Plain data of a whole plan: what tests compare, exports write and the diff view reads. */
export type PlanSnapshot = {
	schemaVersion: number;
	planId: string;
	info: PlanInfo;
	profile: Record<ProfileField, string>;
} & { [N in CollectionName]: RecordOf<(typeof PLAN_COLLECTIONS)[N]>[] };

/**
 * One student's plan: typed access to a Y.Doc. The only code that knows how the document is laid
 * out; the app, the relay and the tests go through it.
 */
export class Plan {
	readonly collections: PlanCollections;
	private readonly meta: Y.Map<unknown>;
	/** The plan info (student name, grade…) as its Y.Map, for views that follow one field. */
	readonly infoMap: Y.Map<unknown>;

	private constructor(readonly doc: Y.Doc) {
		this.meta = doc.getMap('meta');
		this.infoMap = doc.getMap('info');
		this.collections = Object.fromEntries(
			Object.entries(PLAN_COLLECTIONS).map(([name, fields]) => [name, new Collection(doc, name, fields)])
		) as unknown as PlanCollections;
	}

	/** Starts a new plan in an empty document. */
	static create(doc: Y.Doc, planId: string, info: Partial<PlanInfo> = {}): Plan {
		const plan = new Plan(doc);
		doc.transact(() => {
			plan.meta.set('schemaVersion', SCHEMA_VERSION);
			plan.meta.set('planId', planId);
			for (const field of INFO_FIELDS) {
				const value = info[field];
				if (value) plan.infoMap.set(field, value);
			}
		});
		return plan;
	}

	/**
	 * Opens a plan from a loaded document, upgrading an older one in place. A document written by a
	 * newer version of Pathways is opened but must not be edited (see `migration.status`).
	 */
	static open(doc: Y.Doc): { plan: Plan; migration: MigrationResult } {
		const migration = migratePlan(doc);
		return { plan: new Plan(doc), migration };
	}

	/** Reads a document as stored, without upgrading it: for readers that must not write (summaries). */
	static read(doc: Y.Doc): Plan {
		return new Plan(doc);
	}

	/** Whether a document holds a plan yet (a new device's copy is empty until its first sync). */
	static hasContent(doc: Y.Doc): boolean {
		return doc.getMap('meta').has('schemaVersion');
	}

	/** Resolves once a document holds a plan (see `hasContent`). */
	static whenHasContent(doc: Y.Doc): Promise<void> {
		return new Promise((resolve) => {
			const check = () => {
				if (!Plan.hasContent(doc)) return;
				doc.off('update', check);
				resolve();
			};
			doc.on('update', check);
			check();
		});
	}

	get schemaVersion(): number {
		const v = this.meta.get('schemaVersion');
		return typeof v === 'number' ? v : 0;
	}

	get planId(): string {
		const v = this.meta.get('planId');
		return typeof v === 'string' ? v : '';
	}

	/** One list of records without its field types, for code that handles every kind alike (the editor). */
	collection(name: CollectionName): Collection<Fields> {
		return this.collections[name] as unknown as Collection<Fields>;
	}

	get goals() {
		return this.collections.goals;
	}
	get steps() {
		return this.collections.steps;
	}

	info(): PlanInfo {
		const out = {} as PlanInfo;
		for (const field of INFO_FIELDS) {
			const v = this.infoMap.get(field);
			out[field] = typeof v === 'string' ? v : '';
		}
		return out;
	}

	setInfo(field: InfoField, value: string): void {
		this.infoMap.set(field, value);
	}

	/** The live Y.Text of one profile answer. Top-level, so it can never be created twice. */
	profileText(field: ProfileField): Y.Text {
		return this.doc.getText(`profile.${field}`);
	}

	/** Action steps of one goal, in list order. */
	stepsOf(goalId: string) {
		return this.steps.list().filter((step) => step.goalId === goalId);
	}

	/** Removes a goal with its action steps, and unlinks it from pathways and evidence. */
	removeGoal(goalId: string): void {
		this.doc.transact(() => {
			for (const step of this.stepsOf(goalId)) this.steps.remove(step.id);
			for (const pathway of this.collections.pathways.list()) {
				if (pathway.goalIds.includes(goalId))
					this.collections.pathways.link(pathway.id, 'goalIds', goalId, false);
			}
			for (const item of this.collections.evidence.list()) {
				if (item.goalIds.includes(goalId)) this.collections.evidence.link(item.id, 'goalIds', goalId, false);
			}
			this.goals.remove(goalId);
		});
	}

	/** Calls back after any change to the plan; returns the way to stop. */
	observe(callback: (transaction: Y.Transaction) => void): () => void {
		const handler = (transaction: Y.Transaction) => {
			if (transaction.changed.size > 0) callback(transaction);
		};
		this.doc.on('afterTransaction', handler);
		return () => this.doc.off('afterTransaction', handler);
	}

	snapshot(): PlanSnapshot {
		const profile = {} as Record<ProfileField, string>;
		for (const field of PROFILE_FIELDS) profile[field] = this.profileText(field).toString();
		const collections = Object.fromEntries(
			Object.entries(this.collections).map(([name, collection]) => [name, collection.list()])
		);
		return {
			schemaVersion: this.schemaVersion,
			planId: this.planId,
			info: this.info(),
			profile,
			...collections
		} as PlanSnapshot;
	}
}
