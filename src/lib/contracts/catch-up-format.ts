/**
 * The wire format of `POST /api/sync/catch-up` (lib0 encoding, like the y-protocols), shared by
 * the server and the app. One request brings many documents up to date without a socket each.
 *
 * Request:  varUint n, then n × { varString docName, varUint8Array stateVector, varUint8Array deleteSetDigest }
 * Response: varUint n, then n × { varString docName, varUint status, [varUint8Array update if status = changes] }
 *
 * A state vector says which insertions a device has, but deletions do not move it; the digest
 * (SHA-256 of the document's delete set, see `deleteSetOf`) tells the server whether the
 * deletions match too, so a document that did not change costs no update bytes at all.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const CatchUpStatus = { changes: 0, upToDate: 1, noAccess: 2, badName: 3 } as const;
export type CatchUpStatusCode = (typeof CatchUpStatus)[keyof typeof CatchUpStatus];

export interface CatchUpRequest {
	docName: string;
	stateVector: Uint8Array;
	deleteSetDigest: Uint8Array;
}

export interface CatchUpAnswer {
	docName: string;
	status: CatchUpStatusCode;
	/** What the device lacks (status 'changes' only). */
	update?: Uint8Array;
}

/** Most documents one request may name (an advisor's caseload is about 160 with family parts). */
export const MAX_CATCH_UP_DOCS = 1000;

/** Backed by a plain ArrayBuffer, so it can be a fetch body as it is. */
export function encodeCatchUpRequest(requests: readonly CatchUpRequest[]): Uint8Array<ArrayBuffer> {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, requests.length);
	for (const request of requests) {
		encoding.writeVarString(encoder, request.docName);
		encoding.writeVarUint8Array(encoder, request.stateVector);
		encoding.writeVarUint8Array(encoder, request.deleteSetDigest);
	}
	return new Uint8Array(encoding.toUint8Array(encoder));
}

/** Throws on anything that is not a complete, well-formed request. */
export function decodeCatchUpRequest(body: Uint8Array): CatchUpRequest[] {
	const decoder = decoding.createDecoder(body);
	const count = decoding.readVarUint(decoder);
	if (count > MAX_CATCH_UP_DOCS) throw new Error(`at most ${MAX_CATCH_UP_DOCS} documents per request`);
	const requests: CatchUpRequest[] = [];
	for (let i = 0; i < count; i++) {
		const docName = decoding.readVarString(decoder);
		const stateVector = decoding.readVarUint8Array(decoder);
		Y.decodeStateVector(stateVector); // throws on garbage
		requests.push({ docName, stateVector, deleteSetDigest: decoding.readVarUint8Array(decoder) });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
	return requests;
}

export function encodeCatchUpResponse(answers: readonly CatchUpAnswer[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, answers.length);
	for (const answer of answers) {
		encoding.writeVarString(encoder, answer.docName);
		encoding.writeVarUint(encoder, answer.status);
		if (answer.status === CatchUpStatus.changes)
			encoding.writeVarUint8Array(encoder, answer.update ?? new Uint8Array());
	}
	return encoding.toUint8Array(encoder);
}

export function decodeCatchUpResponse(body: Uint8Array): CatchUpAnswer[] {
	const decoder = decoding.createDecoder(body);
	const count = decoding.readVarUint(decoder);
	const answers: CatchUpAnswer[] = [];
	for (let i = 0; i < count; i++) {
		const docName = decoding.readVarString(decoder);
		const status = decoding.readVarUint(decoder) as CatchUpStatusCode;
		const update = status === CatchUpStatus.changes ? decoding.readVarUint8Array(decoder) : undefined;
		answers.push({ docName, status, update });
	}
	return answers;
}

/**
 * A document's delete set, as the bytes of an update that holds only it. Both sides compute it
 * the same way from an update (the server from its merged log, the app from its Y.Doc), so equal
 * bytes mean equal deletions.
 */
export function deleteSetOf(update: Uint8Array): Uint8Array {
	return Y.diffUpdate(update, Y.encodeStateVectorFromUpdate(update));
}

/** SHA-256 (Web Crypto, in browsers and Node alike). */
export async function digestOf(bytes: Uint8Array): Promise<Uint8Array> {
	// The copy is backed by a plain ArrayBuffer, which Web Crypto's types require.
	return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}
