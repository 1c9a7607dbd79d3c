import * as Y from 'yjs';
import { formatDate, optionLabel, t } from '../messages';
import { fieldLabel } from '../messages/plan-words';
import type { CollectionName, FieldDef } from '../plp/schema';
import { proficiencyIdsOf } from '../plp/proficiency-links';
import { trackDeep } from '../state/live-doc';

/** How a preview names what a record points to and the choices it holds (as the editor shows them). */
export interface PreviewNames {
	nameOf: (target: CollectionName, id: string) => string;
	labelOf: (value: string) => string;
	proficiencyTitle: (id: string) => string;
}

/**
 * A far record's words as one text, "Label: words" a line, for its preview. It follows the whole
 * record through one Yjs observer (a preview has nothing to type into, so a change anywhere in the
 * record simply makes the text again), plus the names of the records it points to.
 */
export function livePreviewText(
	section: CollectionName,
	record: Y.Map<unknown>,
	fields: ReadonlyArray<[string, FieldDef]>,
	names: PreviewNames
): string {
	trackDeep(record);
	const lines: string[] = [];
	for (const [key, def] of fields) {
		const words = wordsOf(record, key, def, names);
		if (words) lines.push(`${fieldLabel(t, section, key)}: ${words}`);
	}
	return lines.join('\n');
}

function wordsOf(record: Y.Map<unknown>, key: string, def: FieldDef, names: PreviewNames): string {
	const value = record.get(key);
	switch (def.kind) {
		case 'text':
			return value instanceof Y.Text ? value.toString() : '';
		case 'links':
			return linkIds(value)
				.map((id) => names.nameOf(def.to, id))
				.join(t.words.listSeparator);
		case 'idSet': {
			const single = record.get('proficiency');
			return proficiencyIdsOf({
				proficiencyIds: linkIds(value),
				proficiency: typeof single === 'string' ? single : ''
			})
				.map(names.proficiencyTitle)
				.join(t.words.listSeparator);
		}
		case 'people':
			return value instanceof Y.Array
				? (value.toArray() as Array<{ name: string; role: string }>)
						.map((person) => `${person.name} · ${optionLabel(person.role)}`)
						.join(t.words.listSeparator)
				: '';
		case 'ref':
			return typeof value === 'string' && value ? names.nameOf(def.to, value) : '';
		case 'choice':
			return typeof value === 'string' && value ? names.labelOf(value) : '';
		case 'date':
			return typeof value === 'string' && value ? formatDate(value) : '';
		default:
			return typeof value === 'string' ? value : '';
	}
}

function linkIds(value: unknown): string[] {
	return value instanceof Y.Map ? [...value.keys()].sort() : [];
}
