import type * as Y from 'yjs';
import { t } from '../messages';
import { fieldLabel, fieldValueWords, type Wording } from '../messages/plan-words';
import { readField } from '../plp/collection';
import type { CollectionName, FieldDef, Fields } from '../plp/schema';
import { proficiencyIdsOf } from '../plp/proficiency-links';
import type { Plan } from '../plp/plan';
import { trackDeep } from '../state/live-doc';
import { frameworkState } from '../state/framework.svelte';
import { liveFind } from '../state/live-plan';
import { appWording, liveRecordName } from './record-name';

/** How a preview names what a record points to and the choices it holds (as the editor shows them). */
export interface PreviewNames {
	nameOf: (target: CollectionName, id: string) => string;
	proficiencyTitle: (id: string) => string;
}

/**
 * The names a plan's views show for what a record points to: another record by its name (following
 * only that name), a proficiency by the school framework's title.
 */
export function planNames(plan: Plan): PreviewNames {
	return {
		nameOf(target, otherId) {
			const other = plan.collection(target);
			const found = liveFind(other, otherId);
			return found ? liveRecordName(target, other.fields, found.record, found.index) : t.words.removedRecord;
		},
		proficiencyTitle(proficiencyId) {
			return (
				frameworkState.framework?.proficiencies.find((p) => p.id === proficiencyId)?.title ?? proficiencyId
			);
		}
	};
}

/** The fields of a section that its views show: not the internal ones, nor those `hidden` (shared by a group). */
export function shownFields(fields: Fields, hidden: readonly string[]): ReadonlyArray<[string, FieldDef]> {
	return (Object.entries(fields) as [string, FieldDef][]).filter(
		([key, def]) => !hidden.includes(key) && !(def.kind === 'line' && def.isInternal)
	);
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
	const wording = appWording({ proficiencyName: names.proficiencyTitle });
	const lines: string[] = [];
	for (const [key, def] of fields) {
		const words = wordsOf(wording, record, key, def, names);
		if (words) lines.push(`${fieldLabel(t, section, key)}: ${words}`);
	}
	return lines.join('\n');
}

/** A field's words as the editor and the export show them (plan-words), read from the live record. */
function wordsOf(
	wording: Wording,
	record: Y.Map<unknown>,
	key: string,
	def: FieldDef,
	names: PreviewNames
): string {
	const value = readField(def, record.get(key));
	if (def.kind !== 'idSet') return fieldValueWords(wording, def, value, names.nameOf);
	// A goal's or evidence's proficiencies: the links and an older plan's single one.
	const single = record.get('proficiency');
	const ids = proficiencyIdsOf({
		proficiencyIds: value as string[],
		proficiency: typeof single === 'string' ? single : ''
	});
	return fieldValueWords(wording, def, ids, names.nameOf);
}
