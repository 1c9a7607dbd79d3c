/**
 * What changed between two versions of a framework: proficiencies and indicators added, removed or
 * reworded, matched by id (for a CASE framework, the items' CASE identifiers, so a renumbered item
 * is the same item). Shared by the server (upload report) and the admin screen.
 */
import type { Framework } from './framework';

export interface FrameworkChange {
	change: 'added' | 'removed' | 'reworded';
	/** A proficiency, or one of its indicators. */
	level: 'proficiency' | 'indicator';
	id: string;
	/** The code people read (the CASE humanCodingScheme, else the id). */
	code: string;
	/** The words now (removed: the words it had). */
	text: string;
	/** Reworded: the words before. */
	from?: string;
}

interface Entry {
	level: FrameworkChange['level'];
	code: string;
	text: string;
}

function entries(framework: Framework): Map<string, Entry> {
	const out = new Map<string, Entry>();
	for (const proficiency of framework.proficiencies) {
		out.set(proficiency.id, {
			level: 'proficiency',
			code: proficiency.code ?? proficiency.id,
			text: proficiency.title
		});
		for (const indicator of proficiency.indicators) {
			out.set(indicator.id, {
				level: 'indicator',
				code: indicator.code ?? indicator.id,
				text: indicator.text
			});
		}
	}
	return out;
}

export function frameworkChanges(before: Framework, after: Framework): FrameworkChange[] {
	const old = entries(before);
	const now = entries(after);
	const changes: FrameworkChange[] = [];
	for (const [id, entry] of now) {
		const was = old.get(id);
		if (!was) changes.push({ change: 'added', id, ...entry });
		else if (was.text !== entry.text) changes.push({ change: 'reworded', id, ...entry, from: was.text });
	}
	for (const [id, entry] of old) if (!now.has(id)) changes.push({ change: 'removed', id, ...entry });
	return changes;
}
