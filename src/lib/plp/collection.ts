import * as Y from 'yjs';
import { newId } from './ids';
import {
	CUSTOM_OPTION_PREFIX,
	type FieldDef,
	type Fields,
	type Person,
	type RecordOf,
	type ValueOf
} from './schema';

type YRecord = Y.Map<unknown>;

/**
 * Typed access to one list of records (goals, steps, reflections…) stored as a Y.Array of Y.Maps.
 * Nested shared types (Y.Text, the links map) are created together with their record, in one
 * transaction, so two devices never race to create the same field (which would drop one side's text).
 */
export class Collection<F extends Fields> {
	readonly array: Y.Array<YRecord>;

	constructor(
		readonly doc: Y.Doc,
		readonly name: string,
		readonly fields: F
	) {
		this.array = doc.getArray<YRecord>(name);
	}

	/** Adds a record and returns its id. Fields left out start empty. */
	add(init: Partial<Omit<RecordOf<F>, 'id'>> = {}): string {
		const id = newId();
		const record = new Y.Map<unknown>();
		record.set('id', id);
		for (const [key, def] of Object.entries(this.fields)) {
			record.set(key, createField(def, (init as Record<string, unknown>)[key]));
		}
		this.doc.transact(() => this.array.push([record]));
		return id;
	}

	/** Every record as plain data, in list order. */
	list(): RecordOf<F>[] {
		return this.array.toArray().map((record) => this.read(record));
	}

	get(id: string): RecordOf<F> | undefined {
		const record = this.find(id);
		return record ? this.read(record) : undefined;
	}

	has(id: string): boolean {
		return this.find(id) !== undefined;
	}

	get length(): number {
		return this.array.length;
	}

	ids(): string[] {
		return this.array.toArray().map((record) => record.get('id') as string);
	}

	/** Sets a short value (line, date, choice, ref). Text fields are edited through `text()`. */
	set<K extends keyof F & string>(id: string, key: K, value: string): void {
		const def = this.fields[key];
		if (!def || !isValueKind(def)) throw new Error(`${this.name}.${key} is not a short value`);
		const isCustom = def.kind === 'choice' && def.isOpen === true && value.startsWith(CUSTOM_OPTION_PREFIX);
		if (def.kind === 'choice' && value !== '' && !def.options.includes(value) && !isCustom) {
			throw new Error(`${JSON.stringify(value)} is not an option of ${this.name}.${key}`);
		}
		this.require(id).set(key, value);
	}

	/** The live Y.Text of a text field, for binding to an input. */
	text<K extends keyof F & string>(id: string, key: K): Y.Text {
		const value = this.require(id).get(key);
		if (!(value instanceof Y.Text)) throw new Error(`${this.name}.${key} is not a text field`);
		return value;
	}

	/** Links or unlinks another record (a goal, a piece of evidence…) or an outside id (a proficiency). */
	link<K extends keyof F & string>(id: string, key: K, otherId: string, isLinked: boolean): void {
		const kind = this.fields[key]?.kind;
		if (kind !== 'links' && kind !== 'idSet') throw new Error(`${this.name}.${key} is not a links field`);
		const record = this.require(id);
		let value = record.get(key);
		if (!(value instanceof Y.Map)) {
			// A links field added in a later version: created on first use. Two devices doing this at
			// once keep one map (the other's first link is lost), which is why text fields are never
			// added to existing record kinds this way.
			value = new Y.Map<boolean>();
			record.set(key, value);
		}
		if (isLinked) (value as Y.Map<boolean>).set(otherId, true);
		else (value as Y.Map<boolean>).delete(otherId);
	}

	addPerson<K extends keyof F & string>(id: string, key: K, person: Person): void {
		this.people(id, key).push([{ name: person.name, role: person.role }]);
	}

	removePerson<K extends keyof F & string>(id: string, key: K, index: number): void {
		const list = this.people(id, key);
		if (index >= 0 && index < list.length) list.delete(index, 1);
	}

	remove(id: string): void {
		const index = this.indexOf(id);
		if (index >= 0) this.array.delete(index, 1);
	}

	/** Calls back on any change to this list or anything inside it; returns the way to stop. */
	observe(callback: () => void): () => void {
		const handler = () => callback();
		this.array.observeDeep(handler);
		return () => this.array.unobserveDeep(handler);
	}

	private people(id: string, key: string): Y.Array<Person> {
		const value = this.require(id).get(key);
		if (!(value instanceof Y.Array)) throw new Error(`${this.name}.${key} is not a people field`);
		return value as Y.Array<Person>;
	}

	private indexOf(id: string): number {
		return this.array.toArray().findIndex((record) => record.get('id') === id);
	}

	private find(id: string): YRecord | undefined {
		return this.array.toArray().find((record) => record.get('id') === id);
	}

	private require(id: string): YRecord {
		const record = this.find(id);
		if (!record) throw new Error(`No ${this.name} record ${id}`);
		return record;
	}

	private read(record: YRecord): RecordOf<F> {
		const out: Record<string, unknown> = { id: record.get('id') };
		for (const [key, def] of Object.entries(this.fields)) out[key] = readField(def, record.get(key));
		return out as RecordOf<F>;
	}
}

function isValueKind(def: FieldDef): boolean {
	return def.kind === 'line' || def.kind === 'date' || def.kind === 'choice' || def.kind === 'ref';
}

function createField(def: FieldDef, init: unknown): unknown {
	switch (def.kind) {
		case 'text':
			return new Y.Text(typeof init === 'string' ? init : '');
		case 'links':
		case 'idSet': {
			const map = new Y.Map<boolean>();
			if (Array.isArray(init)) for (const id of init) map.set(String(id), true);
			return map;
		}
		case 'people': {
			const list = new Y.Array<Person>();
			if (Array.isArray(init)) list.push(init.map((p: Person) => ({ name: p.name, role: p.role })));
			return list;
		}
		default:
			return typeof init === 'string' ? init : '';
	}
}

/** Reads a field; a missing or malformed value (an old or damaged document) reads as empty, never throws. */
export function readField<D extends FieldDef>(def: D, value: unknown): ValueOf<D> {
	switch (def.kind) {
		case 'text':
			return (value instanceof Y.Text ? value.toString() : '') as ValueOf<D>;
		case 'links':
		case 'idSet':
			return (value instanceof Y.Map ? [...value.keys()].sort() : []) as ValueOf<D>;
		case 'people':
			return (value instanceof Y.Array ? (value.toArray() as Person[]) : []) as ValueOf<D>;
		default:
			return (typeof value === 'string' ? value : '') as ValueOf<D>;
	}
}
