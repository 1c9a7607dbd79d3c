import type * as Y from 'yjs';
import type { Collection } from '../plp/collection';
import type { FamilyPart } from '../plp/family';
import type { Plan, PlanSnapshot } from '../plp/plan';
import { conferenceMap, conferenceOf, type ConferenceState } from '../plp/revisions';
import { PROFILE_FIELDS, type Fields, type InfoField, type RecordOf } from '../plp/schema';
import { liveItems, liveValue, track, trackDeep } from './live-doc';
import { cachedList, cachedSnapshot } from './record-cache';

/**
 * Reactive reads of a plan for views, on top of `live-doc`: one field of the plan info, a list's
 * records (as Y.Maps, for the editor), and whole-list or whole-plan plain data for the summaries
 * that really read everything (the cycle panel, growth charts).
 */
type YRecord = Y.Map<unknown>;

export function liveInfo(plan: Plan, field: InfoField): string {
	return liveValue(plan.infoMap, field);
}

/** A list's records as live Y.Maps: re-read when records are added, moved or removed. */
export function liveRecords<F extends Fields>(collection: Collection<F>): YRecord[] {
	return liveItems(collection.array);
}

/** A record's id (never changes, so reading it follows nothing). */
export function idOf(record: YRecord): string {
	const id = record.get('id');
	return typeof id === 'string' ? id : '';
}

/** A list's records grouped by one key (e.g. steps by goal), following only that key of each. */
export function liveGroups<F extends Fields>(collection: Collection<F>, key: string): Map<string, YRecord[]> {
	const groups = new Map<string, YRecord[]>();
	for (const record of liveRecords(collection)) {
		const value = liveValue(record, key);
		const group = groups.get(value);
		if (group) group.push(record);
		else groups.set(value, [record]);
	}
	return groups;
}

/** A record and its place in its list, by id. */
export function liveFind<F extends Fields>(
	collection: Collection<F>,
	id: string
): { record: YRecord; index: number } | undefined {
	const records = liveRecords(collection);
	const index = records.findIndex((record) => idOf(record) === id);
	const record = records[index];
	return record ? { record, index } : undefined;
}

/** Every record of a list as plain data, following anything in the list (for summaries). */
export function liveList<F extends Fields>(collection: Collection<F>): RecordOf<F>[] {
	trackDeep(collection.array);
	return cachedList(collection).list();
}

/** The whole plan as plain data, following everything in it (unchanged records keep their objects). */
export function liveSnapshot(plan: Plan): PlanSnapshot {
	track(plan.infoMap);
	for (const field of PROFILE_FIELDS) track(plan.profileText(field));
	for (const collection of Object.values(plan.collections)) trackDeep(collection.array);
	return cachedSnapshot(plan);
}

export function liveConference(plan: Plan): ConferenceState {
	track(conferenceMap(plan));
	liveRecords(plan.collections.meetings);
	return conferenceOf(plan);
}

export function liveFamilyReflections(family: FamilyPart): YRecord[] {
	return liveRecords(family.reflections);
}
