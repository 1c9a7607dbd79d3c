import * as Y from 'yjs';
import type { Collection } from '../plp/collection';
import type { Plan, PlanSnapshot } from '../plp/plan';
import { PROFILE_FIELDS, type Fields, type ProfileField, type RecordOf } from '../plp/schema';

/**
 * Plain-data views of a plan's lists for the editor, re-read only where the document changed.
 * A keystroke in one field of a five-year plan used to re-read every record of every list (and
 * every list once per goal, for its steps); here an unchanged record keeps the same object, so the
 * views showing it have nothing to update. Never mutate what these return.
 */
class CachedList<F extends Fields> {
	#records = new WeakMap<Y.Map<unknown>, RecordOf<F>>();
	#list: RecordOf<F>[] | null = null;
	#byId = new Map<string, Y.Map<unknown>>();
	#derived: { list: RecordOf<F>[]; value: unknown } | null = null;

	constructor(readonly collection: Collection<F>) {
		const array = collection.array;
		array.observeDeep((events) => {
			this.#list = null;
			for (const event of events) {
				// Walk up from what changed (a record, or a text or links map inside it) to its record.
				let type: Y.AbstractType<unknown> | null = event.target;
				while (type && type._item?.parent !== array) {
					const parent = type._item?.parent;
					type = parent instanceof Y.AbstractType ? parent : null;
				}
				if (type instanceof Y.Map) this.#records.delete(type);
			}
		});
	}

	list(): RecordOf<F>[] {
		if (this.#list) return this.#list;
		this.#byId.clear();
		this.#list = this.collection.array.toArray().map((yrecord) => {
			let record = this.#records.get(yrecord);
			if (!record) {
				record = this.collection.read(yrecord);
				this.#records.set(yrecord, record);
			}
			this.#byId.set(record.id, yrecord);
			return record;
		});
		return this.#list;
	}

	/** The live Y.Text of a record's text field, found without scanning the list. */
	text(id: string, key: string): Y.Text {
		this.list();
		const value = this.#byId.get(id)?.get(key);
		return value instanceof Y.Text ? value : this.collection.text(id, key as never);
	}

	/**
	 * `make(list)` for the current list, made again only when the list changed, and the previous
	 * result kept when the new one is equal (so a change elsewhere in a record leaves it alone).
	 */
	derive<T>(make: (list: RecordOf<F>[]) => T, isEqual: (a: T, b: T) => boolean): T {
		const list = this.list();
		if (this.#derived?.list === list) return this.#derived.value as T;
		const value = make(list);
		const previous = this.#derived?.value as T | undefined;
		const kept = previous !== undefined && isEqual(previous, value) ? previous : value;
		this.#derived = { list, value: kept };
		return kept;
	}
}

const lists = new WeakMap<Collection<Fields>, CachedList<Fields>>();

export function cachedList<F extends Fields>(collection: Collection<F>): CachedList<F> {
	const key = collection as unknown as Collection<Fields>;
	let cached = lists.get(key);
	if (!cached) {
		cached = new CachedList(key);
		lists.set(key, cached);
	}
	return cached as unknown as CachedList<F>;
}

/** `plan.snapshot()`, with every list from the cache. */
export function cachedSnapshot(plan: Plan): PlanSnapshot {
	const profile = {} as Record<ProfileField, string>;
	for (const field of PROFILE_FIELDS) profile[field] = plan.profileText(field).toString();
	const snapshot: Record<string, unknown> = {
		schemaVersion: plan.schemaVersion,
		planId: plan.planId,
		info: plan.info(),
		profile
	};
	for (const [name, collection] of Object.entries(plan.collections))
		snapshot[name] = cachedList(collection as Collection<Fields>).list();
	return snapshot as PlanSnapshot;
}
