/**
 * What changed between two states of a plan (two snapshots), section by section and field by
 * field: the data behind the side-by-side "what changed since the last revision" view.
 */
import type { PlanSnapshot } from './plan';
import { PLAN_COLLECTIONS, PROFILE_FIELDS, type CollectionName } from './schema';

export interface FieldChange {
	field: string;
	before: string;
	after: string;
}

export interface RecordChange {
	section: 'profile' | CollectionName;
	kind: 'added' | 'removed' | 'changed';
	id: string;
	fields: FieldChange[];
}

/** Sections the diff covers: the parts of a plan a revision is about. */
export const DIFF_SECTIONS = [
	'goals',
	'steps',
	'pathways',
	'transitions'
] as const satisfies readonly CollectionName[];

function show(value: unknown): string {
	if (Array.isArray(value)) {
		return value.map((v) => (typeof v === 'object' && v ? `${v.name} (${v.role})` : String(v))).join(', ');
	}
	return typeof value === 'string' ? value : '';
}

function diffRecord(
	section: CollectionName,
	before: Record<string, unknown>,
	after: Record<string, unknown>
) {
	const fields: FieldChange[] = [];
	for (const field of Object.keys(PLAN_COLLECTIONS[section])) {
		const a = show(before[field]);
		const b = show(after[field]);
		if (a !== b) fields.push({ field, before: a, after: b });
	}
	return fields;
}

export function diffPlans(before: PlanSnapshot, after: PlanSnapshot): RecordChange[] {
	const changes: RecordChange[] = [];
	const profileFields = PROFILE_FIELDS.filter((f) => before.profile[f] !== after.profile[f]).map((field) => ({
		field,
		before: before.profile[field],
		after: after.profile[field]
	}));
	if (profileFields.length)
		changes.push({ section: 'profile', kind: 'changed', id: 'profile', fields: profileFields });

	for (const section of DIFF_SECTIONS) {
		const old = new Map<string, Record<string, unknown>>(before[section].map((r) => [r.id, r]));
		const empty: Record<string, unknown> = {};
		for (const record of after[section] as Record<string, unknown>[]) {
			const id = record.id as string;
			const previous = old.get(id);
			old.delete(id);
			const fields = diffRecord(section, previous ?? empty, record);
			if (!previous) changes.push({ section, kind: 'added', id, fields });
			else if (fields.length) changes.push({ section, kind: 'changed', id, fields });
		}
		for (const [id, record] of old) {
			changes.push({ section, kind: 'removed', id, fields: diffRecord(section, record, empty) });
		}
	}
	return changes;
}
