/**
 * Revisions and PLP conferences. A revision records what changed, why, which reflections led to it
 * and who took part, together with a Yjs snapshot of the plan at that moment, so "what changed"
 * comes from the plan's own history. Plan documents therefore keep their history (gc: false).
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { today } from './ids';
import { Plan } from './plan';
import type { Person } from './schema';

export interface RevisionInput {
	whatChanged: string;
	why: string;
	reflectionIds?: string[];
	participants?: Person[];
	date?: string;
}

/** Documents of plans are created with this, everywhere: snapshots need the deleted content. */
export const PLAN_DOC_OPTIONS = { gc: false } as const;

/** Records a revision with a snapshot of the plan as it stands now, and returns its id. */
export function recordRevision(plan: Plan, input: RevisionInput): string {
	let id = '';
	plan.doc.transact(() => {
		// The snapshot is taken first, so it shows the plan before this revision record existed.
		const snapshot = toBase64(Y.encodeSnapshot(Y.snapshot(plan.doc)));
		id = plan.collections.revisions.add({
			date: input.date ?? today(),
			whatChanged: input.whatChanged,
			why: input.why,
			reflectionIds: input.reflectionIds ?? [],
			participants: input.participants ?? [],
			snapshot
		});
	});
	return id;
}

/** The plan as it stood when a revision was recorded (read-only: a copy, never written back). */
export function planAtRevision(plan: Plan, revisionId: string): Plan | null {
	const encoded = plan.collections.revisions.get(revisionId)?.snapshot;
	if (!encoded) return null;
	return planAtSnapshot(plan, encoded);
}

export function planAtSnapshot(plan: Plan, encodedSnapshot: string): Plan | null {
	if (plan.doc.gc) return null; // history was not kept for this document
	try {
		const past = Y.createDocFromSnapshot(plan.doc, Y.decodeSnapshot(fromBase64(encodedSnapshot)));
		return Plan.open(past).plan;
	} catch {
		return null;
	}
}

/** The revision recorded just before this one (by date, then list order), or null for the first. */
export function previousRevisionId(plan: Plan, revisionId: string): string | null {
	const revisions = plan.collections.revisions.list();
	const index = revisions.findIndex((r) => r.id === revisionId);
	if (index < 0) return null;
	const target = revisions[index]!;
	const earlier = revisions.filter(
		(r, i) => r.snapshot && (r.date < target.date || (r.date === target.date && i < index))
	);
	return earlier.at(-1)?.id ?? null;
}

const CONFERENCE = 'conference';

export interface ConferenceState {
	isActive: boolean;
	meetingId: string;
	startedAt: number;
	startedBy: string;
}

/** The live PLP conference on a plan, kept in the plan itself so every device sees it. */
/** Where the running conference is kept, for views that follow it. */
export function conferenceMap(plan: Plan): Y.Map<unknown> {
	return plan.doc.getMap<unknown>(CONFERENCE);
}

export function conferenceOf(plan: Plan): ConferenceState {
	const map = conferenceMap(plan);
	const meetingId = map.get('meetingId');
	return {
		isActive: typeof meetingId === 'string' && meetingId !== '' && plan.collections.meetings.has(meetingId),
		meetingId: typeof meetingId === 'string' ? meetingId : '',
		startedAt: Number(map.get('startedAt') ?? 0),
		startedBy: String(map.get('startedBy') ?? '')
	};
}

/** Starts a conference: a meeting record for today, with whoever started it as its first participant. */
export function startConference(plan: Plan, starter: Person, now = Date.now()): string {
	const current = conferenceOf(plan);
	if (current.isActive) return current.meetingId;
	let meetingId = '';
	plan.doc.transact(() => {
		meetingId = plan.collections.meetings.add({
			date: today(new Date(now)),
			kind: 'conference',
			participants: [starter]
		});
		const map = plan.doc.getMap<unknown>(CONFERENCE);
		map.set('meetingId', meetingId);
		map.set('startedAt', now);
		map.set('startedBy', starter.name);
	});
	return meetingId;
}

/** Adds someone who joined to the conference's meeting record, once. Returns whether they were new. */
export function joinConference(plan: Plan, person: Person): boolean {
	const { isActive, meetingId } = conferenceOf(plan);
	if (!isActive) return false;
	const participants = plan.collections.meetings.get(meetingId)?.participants ?? [];
	if (participants.some((p) => p.name === person.name && p.role === person.role)) return false;
	plan.collections.meetings.addPerson(meetingId, 'participants', person);
	return true;
}

/** Ends the conference and records its revision, with the meeting's participants. */
export function endConference(plan: Plan, revision: Omit<RevisionInput, 'participants'>): string {
	const { isActive, meetingId } = conferenceOf(plan);
	let revisionId = '';
	plan.doc.transact(() => {
		const participants = isActive ? (plan.collections.meetings.get(meetingId)?.participants ?? []) : [];
		revisionId = recordRevision(plan, { ...revision, participants });
		plan.doc.getMap<unknown>(CONFERENCE).set('meetingId', '');
	});
	return revisionId;
}
