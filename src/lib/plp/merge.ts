/**
 * Merging a plan that another Pathways server kept (an archive's Yjs state) into the plan this
 * server has for the same student — usually a plan the new school's roster just made, sometimes
 * one with work in it already.
 *
 * The two documents were started apart, so each has its own writers (Yjs client ids) and its own
 * copy of every top-level type. Yjs merges them without loss: both sides' records sit in the same
 * lists (ids are random, so none collide) and both sides' text is kept. Where the two cannot both
 * stand — one value per key of `info` and `meta` — Yjs picks by client id, which is arbitrary, so
 * one more change, written after both, decides by rule:
 * - school, grade, student ID and name: the new school's values (its roster is right about today);
 *   the archive's values stay readable in a history entry (a revision whose snapshot is the plan
 *   exactly as the old school had it);
 * - start date: the earlier one (the plan began at the old school);
 * - `meta.planId`, the running conference: this server's;
 * - a profile answer both sides wrote: both kept, a blank line between them.
 * Merging an update a document already holds changes nothing, so a second import of the same
 * archive is a no-op: nothing is added twice and the deciding change is not written again.
 */
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { FamilyPart } from './family';
import { migratePlan } from './migrations';
import { Plan } from './plan';
import { PLAN_DOC_OPTIONS } from './revisions';
import {
	FAMILY_VIEW_FIELDS,
	INFO_FIELDS,
	PROFILE_FIELDS,
	SCHEMA_VERSION,
	type InfoField,
	type PlanInfo
} from './schema';
import { today } from './ids';

export { isSameName } from './names';

/** Plan information the new school's roster decides. */
export const ROSTER_INFO_FIELDS = [
	'studentName',
	'studentId',
	'school',
	'grade'
] as const satisfies readonly InfoField[];

/** One field of plan information where the archive's value gave way to this server's. */
export interface InfoChange {
	field: InfoField;
	archived: string;
	kept: string;
}

/** What an archive brings, read before anything is merged (for the check and the history entry). */
export interface ArchivedPlan {
	info: PlanInfo;
	profile: string[];
	schemaVersion: number;
	/** The archived plan's own moment, to find it again in the merged plan's history. */
	snapshot: Y.Snapshot;
}

export type PlanMerge =
	/** The plan already holds everything in the archive (imported before). */
	{ status: 'unchanged' } | { status: 'merged'; update: Uint8Array; replaced: InfoChange[] };

/** The words of the history entry, in the importer's language. */
export type DescribeImport = (
	replaced: InfoChange[],
	archived: PlanInfo
) => { whatChanged: string; why: string };

export function readArchivedPlan(state: Uint8Array): ArchivedPlan | null {
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	try {
		Y.applyUpdate(doc, state);
		const stored = doc.getMap('meta').get('schemaVersion');
		if (stored === undefined) return null;
		const snapshot = Y.snapshot(doc);
		// Read after upgrading this copy only: an old archive keeps the student's name elsewhere.
		const { plan } = Plan.open(doc);
		return {
			info: plan.info(),
			profile: PROFILE_FIELDS.map((field) => plan.profileText(field).toString()),
			schemaVersion: typeof stored === 'number' ? stored : 1,
			snapshot
		};
	} finally {
		doc.destroy();
	}
}

function hasState(doc: Y.Doc, update: Uint8Array): boolean {
	return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

function shareHistory(doc: Y.Doc, update: Uint8Array): boolean {
	const ours = Y.decodeStateVector(Y.encodeStateVector(doc));
	const theirs = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
	return [...theirs.keys()].some((client) => ours.has(client));
}

/**
 * Two texts typed apart and merged read one after the other, in an order Yjs chose; a blank line
 * between them keeps two people's answers from running into one sentence.
 */
function separateJoinedText(text: Y.Text, ours: string, theirs: string): void {
	if (!ours || !theirs) return;
	const merged = text.toString();
	if (merged === ours + theirs) text.insert(ours.length, '\n\n');
	else if (merged === theirs + ours) text.insert(theirs.length, '\n\n');
}

function chooseInfo(field: InfoField, ours: string, archived: string): string {
	if (field === 'startDate') return [ours, archived].filter(Boolean).sort()[0] ?? '';
	return ours || archived;
}

/**
 * Merges an archived plan state into `target` (a copy of this server's plan, changed in place)
 * and returns the one update that carries it all, for the relay to store and send.
 */
export function mergePlanState(
	target: Y.Doc,
	archivedState: Uint8Array,
	archived: ArchivedPlan,
	describe: DescribeImport
): PlanMerge {
	if (hasState(target, archivedState)) return { status: 'unchanged' };
	const before = Y.encodeStateVector(target);
	if (!Plan.hasContent(target)) {
		// Nothing here yet (a server that never made this plan): the archive is the plan.
		Y.applyUpdate(target, archivedState);
		return { status: 'merged', update: Y.encodeStateAsUpdate(target, before), replaced: [] };
	}
	const ours = Plan.open(target).plan;
	const ourInfo = ours.info();
	const ourPlanId = ours.planId;
	const ourVersion = ours.schemaVersion;
	const ourConference = target.getMap<unknown>('conference').toJSON();
	const ourProfile = PROFILE_FIELDS.map((field) => ours.profileText(field).toString());
	const isFromElsewhere = !shareHistory(target, archivedState);

	Y.applyUpdate(target, archivedState);
	const replaced: InfoChange[] = [];
	target.transact(() => {
		const meta = target.getMap<unknown>('meta');
		if (archived.schemaVersion < ourVersion) {
			// The archive's records may still use old keys: upgrade them all (each step is idempotent).
			meta.set('schemaVersion', archived.schemaVersion);
			migratePlan(target);
		}
		if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
		if (ourPlanId && meta.get('planId') !== ourPlanId) meta.set('planId', ourPlanId);

		const plan = Plan.open(target).plan;
		for (const field of INFO_FIELDS) {
			const theirs = archived.info[field];
			const chosen = chooseInfo(field, ourInfo[field], theirs);
			if (theirs && theirs !== chosen) replaced.push({ field, archived: theirs, kept: chosen });
		}
		if (isFromElsewhere || replaced.length > 0) {
			// The snapshot is the archived plan as it was: "what changed" shows the old values.
			plan.collections.revisions.add({
				date: today(),
				...describe(replaced, archived.info),
				snapshot: toBase64(Y.encodeSnapshot(archived.snapshot))
			});
		}
		const merged = plan.info();
		for (const field of INFO_FIELDS) {
			const chosen = chooseInfo(field, ourInfo[field], archived.info[field]);
			if (merged[field] !== chosen) plan.setInfo(field, chosen);
		}
		PROFILE_FIELDS.forEach((field, i) =>
			separateJoinedText(plan.profileText(field), ourProfile[i]!, archived.profile[i]!)
		);
		const conference = target.getMap<unknown>('conference');
		for (const key of new Set([...conference.keys(), ...Object.keys(ourConference)])) {
			if (!(key in ourConference)) conference.delete(key);
			else if (conference.get(key) !== ourConference[key]) conference.set(key, ourConference[key]);
		}
	});
	return { status: 'merged', update: Y.encodeStateAsUpdate(target, before), replaced };
}

/** Merges an archived family part: both families' reflections and comments kept, views side by side. */
export function mergeFamilyState(target: Y.Doc, archivedState: Uint8Array): Uint8Array | null {
	if (hasState(target, archivedState)) return null;
	const before = Y.encodeStateVector(target);
	const ours = new FamilyPart(target);
	const ourViews = FAMILY_VIEW_FIELDS.map((field) => ours.viewText(field).toString());
	const archivedDoc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.applyUpdate(archivedDoc, archivedState);
	const theirs = new FamilyPart(archivedDoc);
	const theirViews = FAMILY_VIEW_FIELDS.map((field) => theirs.viewText(field).toString());
	archivedDoc.destroy();
	Y.applyUpdate(target, archivedState);
	target.transact(() => {
		FAMILY_VIEW_FIELDS.forEach((field, i) =>
			separateJoinedText(ours.viewText(field), ourViews[i]!, theirViews[i]!)
		);
		const meta = target.getMap<unknown>('meta');
		if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
	});
	return Y.encodeStateAsUpdate(target, before);
}
