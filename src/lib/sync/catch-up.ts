/**
 * Keeps every school plan a person may read on this device, without a socket per plan: one
 * `POST /api/sync/catch-up` sends each document's state vector and delete-set digest, and what
 * comes back is written into that document's y-indexeddb store. A plan opened afterwards, even
 * offline, starts from that copy (PlanSession opens the device copy first).
 */
import * as Y from 'yjs';
import { docName, type Access, type DocKind } from '../plp/access';
import { openLocalDoc, type LocalDoc } from '../local/plan-storage';
import { request } from './api';
import {
	CatchUpStatus,
	decodeCatchUpResponse,
	deleteSetOf,
	digestOf,
	encodeCatchUpRequest
} from '../contracts/catch-up-format';

export interface CatchUpPlan {
	planId: string;
	access: { plan: Access; family: Access };
}

/** Documents opened at once: IndexedDB and memory stay modest on a cheap Chromebook. */
const CHUNK = 40;

/** Origin of what catch-up writes, so nothing mistakes it for the person's own edit. */
export const CATCH_UP_ORIGIN = 'catch-up';

/**
 * Brings the plans' documents up to date on this device. Resolves with the ids of the plans
 * whose every readable document the server answered (changes or up to date).
 */
export async function catchUpPlans(
	token: string,
	plans: readonly CatchUpPlan[],
	onCaughtUp?: CaughtUpReader
): Promise<Set<string>> {
	const done = new Set<string>();
	for (let i = 0; i < plans.length; i += CHUNK) {
		for (const planId of await catchUpChunk(token, plans.slice(i, i + CHUNK), onCaughtUp)) done.add(planId);
	}
	return done;
}

/** Reads a caught-up plan's documents while they are open (the caseload's summary of it). */
export type CaughtUpReader = (planId: string, docs: Partial<Record<'plan' | 'family', Y.Doc>>) => void;

async function catchUpChunk(
	token: string,
	plans: readonly CatchUpPlan[],
	onCaughtUp: CaughtUpReader | undefined
): Promise<string[]> {
	const wanted = plans.flatMap((plan) =>
		(['plan', 'family'] as DocKind[])
			.filter((kind) => plan.access[kind as 'plan' | 'family'] !== 'none')
			.map((kind) => ({
				kind,
				planId: plan.planId,
				name: docName(kind, plan.planId),
				local: openLocalDoc(kind, plan.planId)
			}))
	);
	try {
		await Promise.all(wanted.map((entry) => entry.local.load()));
		const body = encodeCatchUpRequest(
			await Promise.all(
				wanted.map(async ({ name, local }) => ({
					docName: name,
					stateVector: Y.encodeStateVector(local.doc),
					deleteSetDigest: await digestOf(deleteSetOf(Y.encodeStateAsUpdate(local.doc)))
				}))
			)
		);
		const answers = decodeCatchUpResponse(await post(token, body));
		const byName = new Map(wanted.map((entry) => [entry.name, entry.local]));
		const answered = new Set<string>();
		for (const answer of answers) {
			const local = byName.get(answer.docName);
			if (local === undefined) continue;
			if (answer.status === CatchUpStatus.changes && answer.update) {
				Y.applyUpdate(local.doc, answer.update, CATCH_UP_ORIGIN);
			}
			if (answer.status === CatchUpStatus.changes || answer.status === CatchUpStatus.upToDate) {
				answered.add(answer.docName);
			}
		}
		// "On this device" only once it is: y-indexeddb's writes have committed.
		await Promise.all(wanted.map((entry) => entry.local.whenSaved()));
		const done = plans
			.filter((plan) => wanted.filter((w) => w.planId === plan.planId).every((w) => answered.has(w.name)))
			.map((plan) => plan.planId);
		for (const planId of done) {
			const docs = Object.fromEntries(
				wanted.filter((w) => w.planId === planId).map((w) => [w.kind, w.local.doc])
			);
			onCaughtUp?.(planId, docs);
		}
		return done;
	} finally {
		await Promise.all(wanted.map((entry) => closeQuietly(entry.local)));
	}
}

function post(token: string, body: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
	return request<Uint8Array>('POST', '/api/sync/catch-up', {
		token,
		raw: body,
		contentType: 'application/octet-stream',
		as: 'bytes'
	});
}

async function closeQuietly(local: LocalDoc): Promise<void> {
	await local.close().catch(() => undefined);
}
