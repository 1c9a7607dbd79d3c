import { optionLabel, t } from '../messages';
import type { CollectionName } from '../plp/schema';

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
