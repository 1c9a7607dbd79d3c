/**
 * What changed between two states of a plan (two snapshots), part by part and field by field:
 * the data behind the side-by-side "what changed since the last revision" view. Values are
 * compared as the words a person reads (`Words`), so a linked goal shows by its title and a
 * choice by its label; without words, stored values are compared as they are.
 */
import type { PlanSnapshot } from './plan';
import {
	COLLECTION_NAMES,
	INFO_FIELDS,
	PLAN_COLLECTIONS,
	PROFILE_FIELDS,
	type CollectionName,
	type FieldDef
} from './schema';

export interface FieldChange {
	field: string;
	before: string;
	after: string;
}

export interface RecordChange {
	section: 'info' | 'profile' | CollectionName;
	kind: 'added' | 'removed' | 'changed';
	id: string;
	fields: FieldChange[];
}

/** Turns a stored value into the words compared and shown, from the plan it belongs to. */
export type Words = (
	section: CollectionName,
	field: string,
	value: unknown,
	side: 'before' | 'after'
) => string;

/**
 * Every part a revision can change: all record kinds but the revisions themselves (they are the
 * history this view reads). Plan information and "About me" come first.
 */
export const DIFF_SECTIONS = COLLECTION_NAMES.filter(
	(name) => name !== 'revisions'
) as readonly CollectionName[];

const storedWords: Words = (_section, _field, value) => {
	if (Array.isArray(value)) {
		return value.map((v) => (typeof v === 'object' && v ? `${v.name} (${v.role})` : String(v))).join(', ');
	}
	return typeof value === 'string' ? value : '';
};

function shownFields(section: CollectionName): string[] {
	return (Object.entries(PLAN_COLLECTIONS[section]) as [string, FieldDef][])
		.filter(([, def]) => !(def.kind === 'line' && def.isInternal))
		.map(([field]) => field);
}

function diffRecord(
	section: CollectionName,
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	words: Words
) {
	const fields: FieldChange[] = [];
	for (const field of shownFields(section)) {
		const a = words(section, field, before[field], 'before');
		const b = words(section, field, after[field], 'after');
		if (a !== b) fields.push({ field, before: a, after: b });
	}
	return fields;
}

function diffTexts<K extends string>(
	keys: readonly K[],
	before: Record<K, string>,
	after: Record<K, string>
) {
	return keys
		.filter((field) => (before[field] ?? '') !== (after[field] ?? ''))
		.map((field) => ({ field, before: before[field] ?? '', after: after[field] ?? '' }));
}

export function diffPlans(
	before: PlanSnapshot,
	after: PlanSnapshot,
	words: Words = storedWords
): RecordChange[] {
	const changes: RecordChange[] = [];
	const infoFields = diffTexts(INFO_FIELDS, before.info, after.info);
	if (infoFields.length) changes.push({ section: 'info', kind: 'changed', id: 'info', fields: infoFields });
	const profileFields = diffTexts(PROFILE_FIELDS, before.profile, after.profile);
	if (profileFields.length)
		changes.push({ section: 'profile', kind: 'changed', id: 'profile', fields: profileFields });

	for (const section of DIFF_SECTIONS) {
		const old = new Map<string, Record<string, unknown>>(
			(before[section] as Record<string, unknown>[]).map((r) => [r.id as string, r])
		);
		const empty: Record<string, unknown> = {};
		for (const record of after[section] as Record<string, unknown>[]) {
			const id = record.id as string;
			const previous = old.get(id);
			old.delete(id);
			const fields = diffRecord(section, previous ?? empty, record, words);
			if (!previous) changes.push({ section, kind: 'added', id, fields });
			else if (fields.length) changes.push({ section, kind: 'changed', id, fields });
		}
		for (const [id, record] of old) {
			changes.push({ section, kind: 'removed', id, fields: diffRecord(section, record, empty, words) });
		}
	}
	return changes;
}
