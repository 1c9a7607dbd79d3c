import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';
import type { Person } from '../plp/schema';

/**
 * The bridge from a Yjs document to Svelte: each Yjs type a view reads (a record's Y.Map, a list's
 * Y.Array, a Y.Text) is its own reactive source, so a change re-runs only the effects and deriveds
 * that read that type — a keystroke in one goal's title re-runs what shows that title, not every
 * record on the page. Reading outside a reactive context just reads.
 *
 * Observers exist only while someone reads: `createSubscriber` adds a type's observer when the
 * first effect reads it and removes it after the last one is gone, so a closed plan leaves nothing
 * behind. One Y observer per type, however many keys or readers.
 */
/** Any Yjs type, as far as following it goes (our handlers need no arguments). */
interface AnyType {
	observe(handler: () => void): void;
	unobserve(handler: () => void): void;
	observeDeep(handler: () => void): void;
	unobserveDeep(handler: () => void): void;
}

const shallowSources = new WeakMap<AnyType, () => void>();
const deepSources = new WeakMap<AnyType, () => void>();
const keySources = new WeakMap<Y.Map<unknown>, MapKeys>();

/** Makes the current reader depend on `type` itself (its entries or characters, not nested types). */
export function track(type: AnyType): void {
	let subscribe = shallowSources.get(type);
	if (!subscribe) {
		subscribe = createSubscriber((update) => {
			const onChange = () => update();
			type.observe(onChange);
			return () => type.unobserve(onChange);
		});
		shallowSources.set(type, subscribe);
	}
	subscribe();
}

/** Makes the current reader depend on `type` and everything inside it (for whole-plan summaries). */
export function trackDeep(type: AnyType): void {
	let subscribe = deepSources.get(type);
	if (!subscribe) {
		subscribe = createSubscriber((update) => {
			const onChange = () => update();
			type.observeDeep(onChange);
			return () => type.unobserveDeep(onChange);
		});
		deepSources.set(type, subscribe);
	}
	subscribe();
}

/** Per-key sources of one Y.Map, sharing one observer: a change to `status` leaves `date`'s readers alone. */
class MapKeys {
	#subscribers = new Map<string, () => void>();
	#updates = new Map<string, () => void>();
	#onChange = (event: Y.YMapEvent<unknown>) => {
		for (const key of event.keysChanged) this.#updates.get(key)?.();
	};

	constructor(readonly map: Y.Map<unknown>) {}

	track(key: string): void {
		let subscribe = this.#subscribers.get(key);
		if (!subscribe) {
			subscribe = createSubscriber((update) => {
				if (this.#updates.size === 0) this.map.observe(this.#onChange);
				this.#updates.set(key, update);
				return () => {
					this.#updates.delete(key);
					if (this.#updates.size === 0) this.map.unobserve(this.#onChange);
				};
			});
			this.#subscribers.set(key, subscribe);
		}
		subscribe();
	}
}

/** Makes the current reader depend on one key of a Y.Map. */
export function trackKey(map: Y.Map<unknown>, key: string): void {
	let keys = keySources.get(map);
	if (!keys) {
		keys = new MapKeys(map);
		keySources.set(map, keys);
	}
	keys.track(key);
}

/** The items of a Y.Array (e.g. a list's records), re-read when items are added, moved or removed. */
export function liveItems<T>(array: Y.Array<T>): T[] {
	track(array);
	return array.toArray();
}

/** A short value (line, date, choice, ref) of a record or of the plan info; '' when missing. */
export function liveValue(map: Y.Map<unknown>, key: string): string {
	trackKey(map, key);
	const value = map.get(key);
	return typeof value === 'string' ? value : '';
}

/** The words of a Y.Text. */
export function liveText(text: Y.Text): string {
	track(text);
	return text.toString();
}

/** The nested type stored under `key` (a record's Y.Text, links map or people list), if it is one. */
function nested<T>(map: Y.Map<unknown>, key: string, kind: new () => T): T | undefined {
	trackKey(map, key);
	const value = map.get(key);
	return value instanceof kind ? value : undefined;
}

/** A record's text field as its live Y.Text, for binding to an input (a record's texts are made with it). */
export function textFieldOf(record: Y.Map<unknown>, key: string): Y.Text | undefined {
	const value = record.get(key);
	return value instanceof Y.Text ? value : undefined;
}

/** A record's text field as words ('' when the field is missing). */
export function liveTextOf(record: Y.Map<unknown>, key: string): string {
	const text = nested(record, key, Y.Text);
	return text ? liveText(text) : '';
}

/** The ids in a links or idSet field, sorted. */
export function liveLinks(record: Y.Map<unknown>, key: string): string[] {
	const links = nested(record, key, Y.Map<boolean>);
	if (!links) return [];
	track(links);
	return [...links.keys()].sort();
}

/** The people in a people field. */
export function livePeople(record: Y.Map<unknown>, key: string): Person[] {
	const people = nested(record, key, Y.Array<Person>);
	if (!people) return [];
	return liveItems(people);
}
