import type * as Y from 'yjs';
import { language, t } from '../messages';
import { recordNameWords, type Wording } from '../messages/plan-words';
import type { CollectionName, Fields } from '../plp/schema';
import { liveTextOf, liveValue } from '../state/live-doc';
import { school } from '../state/school-session.svelte';

/** The active language's wording, with the school's own labels (reading it follows both). */
export function appWording(extra: Partial<Wording> = {}): Wording {
	const template = school.template;
	return {
		language: language(),
		messages: t,
		schoolLabel: (value) => template?.labelOf(value),
		...extra
	};
}

/** A short, readable name for a record: its own words where it has them, else its kind and number. */
export function recordName(name: CollectionName, record: Record<string, unknown>, index: number): string {
	return recordNameWords(appWording(), name, record, index);
}

function hasWords(value: string | undefined): boolean {
	return (value ?? '').trim() !== '';
}

/** The fields a record's name is made of, in the order `recordName` looks at them. */
const NAME_KEYS = ['title', 'what', 'whatChanged', 'name', 'provider', 'body'] as const;

/**
 * `recordName` of a live record, following only what the name is made of: its own words, and
 * its kind and date only while it has no words. Typing in a goal's title re-runs the places that
 * show that goal's name, and nothing else.
 */
export function liveRecordName(
	name: CollectionName,
	fields: Fields,
	record: Y.Map<unknown>,
	index: number
): string {
	const parts: Record<string, string> = {};
	const key = NAME_KEYS.find((k) => k in fields);
	if (key) parts[key] = fields[key]?.kind === 'text' ? liveTextOf(record, key) : liveValue(record, key);
	if (!key || !hasWords(parts[key])) {
		if ('kind' in fields) parts.kind = liveValue(record, 'kind');
		if ('date' in fields) parts.date = liveValue(record, 'date');
	}
	return recordName(name, parts, index);
}
