import * as Y from 'yjs';
import { SCHEMA_VERSION } from './schema';

/** Transaction origin of a migration, so persistence and sync can tell it from a person's edit. */
export const MIGRATION_ORIGIN = 'pathways:migration';

export type MigrationResult =
	/** Nothing stored yet: the caller creates the plan. */
	| { status: 'empty' }
	| { status: 'current'; version: number }
	| { status: 'migrated'; from: number; to: number }
	/** Written by a newer Pathways: show it, but do not edit it with this version. */
	| { status: 'too-new'; version: number };

/**
 * One step per version. Each step must be safe when two devices run it concurrently on copies of
 * the same document and then merge: steps only move short values between keys (last writer wins
 * with equal values) and never create a shared type that already has a meaning.
 */
const STEPS: Record<number, (doc: Y.Doc) => void> = {
	1: fromVersion1
};

export function migratePlan(doc: Y.Doc): MigrationResult {
	const meta = doc.getMap<unknown>('meta');
	const stored = meta.get('schemaVersion');
	if (stored === undefined) return { status: 'empty' };
	const version = typeof stored === 'number' ? stored : 1;
	if (version > SCHEMA_VERSION) return { status: 'too-new', version };
	if (version === SCHEMA_VERSION) return { status: 'current', version };
	doc.transact(() => {
		for (let from = version; from < SCHEMA_VERSION; from++) {
			const step = STEPS[from];
			if (!step) throw new Error(`No migration from schema version ${from}`);
			step(doc);
		}
		meta.set('schemaVersion', SCHEMA_VERSION);
	}, MIGRATION_ORIGIN);
	return { status: 'migrated', from: version, to: SCHEMA_VERSION };
}

/** Moves a short value from an old key to a new one, unless the new key already holds one. */
function renameKey(map: Y.Map<unknown>, from: string, to: string): void {
	if (!map.has(from)) return;
	if (!map.has(to)) map.set(to, map.get(from));
	map.delete(from);
}

/**
 * Version 1 (the first pilot) kept the student's name as `info.name`, a goal's target date as
 * `deadline`, and a reflection's author as one `author` string with no role.
 */
function fromVersion1(doc: Y.Doc): void {
	renameKey(doc.getMap('info'), 'name', 'studentName');
	for (const goal of doc.getArray<Y.Map<unknown>>('goals').toArray()) renameKey(goal, 'deadline', 'byWhen');
	for (const reflection of doc.getArray<Y.Map<unknown>>('reflections').toArray()) {
		renameKey(reflection, 'author', 'authorName');
		if (!reflection.has('authorRole')) reflection.set('authorRole', 'student');
	}
}
