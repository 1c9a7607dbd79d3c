/**
 * The words a person reads for what a plan stores: a choice's label (the school's own for its
 * custom options), a linked record's name instead of its id, a date in the reader's language,
 * people as "name · role", lists joined the language's way. Pure functions of a language and
 * its catalogue, so the app's screens and the server's export page word a plan the same way.
 */
import type { CollectionName, FieldDef, Person } from '../plp/schema';
import { PLAN_COLLECTIONS } from '../plp/schema';
import type { Catalogue } from './catalogue';
import { formatIsoDate, formatMessage } from './format';
import type { Language } from './languages';

export interface Wording {
	language: Language;
	messages: Catalogue;
	/** The school's own words for a custom option (`custom:<id>`), from its template. */
	schoolLabel?: (value: string) => string | undefined;
	/** A proficiency's title from the school's framework, by its id. */
	proficiencyName?: (id: string) => string | undefined;
}

/** Finds another record's name by its collection and id ('' when it is not there). */
export type NameOf = (to: CollectionName, id: string) => string;

/** A choice value's label; an unknown value (from a newer version) shows as it is. */
export function optionWords(wording: Wording, value: string): string {
	if (!value) return '';
	const school = wording.schoolLabel?.(value);
	if (school) return school;
	return (wording.messages.options as Record<string, string>)[value] ?? value;
}

/** A stored date or moment as the reader's language writes it ("1 de diciembre de 2026"). */
export function dateWords(wording: Wording, iso: string, style: 'long' | 'medium' = 'long'): string {
	return iso ? formatIsoDate(wording.language, iso, style) : '';
}

export function listWords(wording: Wording, items: readonly string[]): string {
	return items.filter((item) => item !== '').join(wording.messages.words.listSeparator);
}

export function personWords(wording: Wording, person: Person): string {
	return `${person.name} · ${optionWords(wording, person.role)}`;
}

/** The label of a record's field: a section's own where the general one would mislead. */
export function fieldLabel(messages: Catalogue, section: CollectionName, field: string): string {
	const own = (messages.fieldsIn as Record<string, Record<string, string> | undefined>)[section]?.[field];
	return own ?? (messages.fields as Record<string, string>)[field] ?? field;
}

const NAME_KEYS = ['title', 'what', 'whatChanged', 'name', 'provider', 'body'] as const;

function firstLine(value: unknown): string {
	if (typeof value !== 'string') return '';
	const line = value.trim().split('\n')[0] ?? '';
	return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * A short, readable name for a record: its own words where it has them, else its kind (or
 * "Goal") and number, and its date: "PLP conference 1 · 12 October 2026", "Goal 2".
 */
export function recordNameWords(
	wording: Wording,
	section: CollectionName,
	record: Record<string, unknown>,
	index: number
): string {
	const own = firstLine(NAME_KEYS.map((key) => record[key]).find((value) => firstLine(value)));
	if (own) return own;
	const kind = typeof record.kind === 'string' ? record.kind : '';
	const numbered = kind
		? formatMessage(wording.language, wording.messages.words.numbered, {
				kind: optionWords(wording, kind),
				number: index + 1
			})
		: formatMessage(wording.language, wording.messages.recordKinds[section], { number: index + 1 });
	const date = typeof record.date === 'string' ? dateWords(wording, record.date) : '';
	return date ? `${numbered} · ${date}` : numbered;
}

/** Names of a plan's records from a plain copy of it (for views of a past plan and exports). */
export function namesIn(
	wording: Wording,
	plan: Partial<Record<CollectionName, readonly { id: string }[]>>
): NameOf {
	return (to, id) => {
		const list = (plan[to] ?? []) as readonly Record<string, unknown>[];
		const index = list.findIndex((record) => record.id === id);
		return index < 0 ? '' : recordNameWords(wording, to, list[index]!, index);
	};
}

/** A field's value as words, following its kind in the schema. */
export function valueWords(
	wording: Wording,
	section: CollectionName,
	field: string,
	value: unknown,
	nameOf: NameOf
): string {
	const def = (PLAN_COLLECTIONS[section] as Record<string, FieldDef>)[field];
	if (!def) return typeof value === 'string' ? value : '';
	// A progress check names its proficiency by the framework's id.
	if (section === 'progress' && field === 'proficiency' && typeof value === 'string' && value)
		return wording.proficiencyName?.(value) ?? value;
	return fieldValueWords(wording, def, value, nameOf);
}

export function fieldValueWords(wording: Wording, def: FieldDef, value: unknown, nameOf: NameOf): string {
	switch (def.kind) {
		case 'choice':
			return optionWords(wording, String(value ?? ''));
		case 'date':
			return dateWords(wording, String(value ?? ''));
		case 'ref':
			return value ? nameOf(def.to, String(value)) || wording.messages.words.removedRecord : '';
		case 'links':
			return listWords(
				wording,
				asList(value).map((id) => nameOf(def.to, id) || wording.messages.words.removedRecord)
			);
		case 'idSet':
			return listWords(
				wording,
				asList(value).map((id) => wording.proficiencyName?.(id) ?? id)
			);
		case 'people':
			return listWords(
				wording,
				(Array.isArray(value) ? (value as Person[]) : []).map((person) => personWords(wording, person))
			);
		default:
			return typeof value === 'string' ? value : '';
	}
}

function asList(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [];
}

/** Whether a field is kept for the program only (file fingerprints, saved views): never shown. */
export function isInternalField(section: CollectionName, field: string): boolean {
	const def = (PLAN_COLLECTIONS[section] as Record<string, FieldDef>)[field];
	return !def || (def.kind === 'line' && def.isInternal === true);
}
