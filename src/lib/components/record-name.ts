import type * as Y from 'yjs';
import { optionLabel, t } from '../messages';
import type { CollectionName, Fields } from '../plp/schema';
import { liveTextOf, liveValue } from '../state/live-doc';

/** A short, readable name for a record: its own words where it has them, else its kind and number. */
export function recordName(name: CollectionName, record: Record<string, unknown>, index: number): string {
	const own = firstLine(
		record.title ?? record.what ?? record.whatChanged ?? record.name ?? record.provider ?? record.body
	);
	if (own) return own;
	const kind = typeof record.kind === 'string' && record.kind ? optionLabel(record.kind) : t.sections[name];
	const date = typeof record.date === 'string' && record.date ? ` · ${record.date}` : '';
	return `${kind} ${index + 1}${date}`;
}

function firstLine(value: unknown): string {
	if (typeof value !== 'string') return '';
	const line = value.trim().split('\n')[0] ?? '';
	return line.length > 60 ? `${line.slice(0, 57)}…` : line;
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
	if (!key || !firstLine(parts[key])) {
		if ('kind' in fields) parts.kind = liveValue(record, 'kind');
		if ('date' in fields) parts.date = liveValue(record, 'date');
	}
	return recordName(name, parts, index);
}
