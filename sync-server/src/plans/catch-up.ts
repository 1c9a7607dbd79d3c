/**
 * Brings many documents of a device up to date in one go (the caseload offline, issue 12): for
 * each named document, what the device lacks according to its state vector and delete set, with
 * the right to read it checked per document. Reads the store, which holds every committed update
 * (the relay commits before it applies), so nothing here waits for or touches live rooms.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { canRead, parseDocName, type Access, type DocKind } from '../../../src/lib/plp/access';
import {
	CatchUpStatus,
	deleteSetOf,
	type CatchUpAnswer,
	type CatchUpRequest
} from '../../../src/lib/contracts/catch-up-format';
import type { AsyncDocStore } from '../contracts';
import { readMany } from './read-many';

export interface CatchUpDeps {
	store: AsyncDocStore;
	accessTo(kind: DocKind, planId: string): Access;
	/** Called for each document answered or refused (the caller audits, throttled). */
	onDocument(kind: DocKind, planId: string, outcome: 'read' | 'refused'): void;
}

export function catchUp(requests: readonly CatchUpRequest[], deps: CatchUpDeps): Promise<CatchUpAnswer[]> {
	// A few documents at a time (read-many.ts): a device may name a thousand at once.
	return readMany(requests, async (request): Promise<CatchUpAnswer> => {
		const target = parseDocName(request.docName);
		if (target === null) return { docName: request.docName, status: CatchUpStatus.badName };
		if (!canRead(deps.accessTo(target.kind, target.planId))) {
			deps.onDocument(target.kind, target.planId, 'refused');
			return { docName: request.docName, status: CatchUpStatus.noAccess };
		}
		deps.onDocument(target.kind, target.planId, 'read');
		return answer(request, await deps.store.loadUpdates(request.docName));
	});
}

function answer(request: CatchUpRequest, updates: Uint8Array[]): CatchUpAnswer {
	const { docName } = request;
	if (updates.length === 0) return { docName, status: CatchUpStatus.upToDate };
	const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
	const server = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(merged));
	const device = Y.decodeStateVector(request.stateVector);
	const hasAllInserts = [...server].every(([client, clock]) => (device.get(client) ?? 0) >= clock);
	if (hasAllInserts && sameBytes(sha256(deleteSetOf(merged)), request.deleteSetDigest)) {
		return { docName, status: CatchUpStatus.upToDate };
	}
	return { docName, status: CatchUpStatus.changes, update: Y.diffUpdate(merged, request.stateVector) };
}

function sha256(bytes: Uint8Array): Uint8Array {
	return createHash('sha256').update(bytes).digest();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
