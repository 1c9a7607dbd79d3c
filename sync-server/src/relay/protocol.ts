/**
 * The y-websocket wire format, as the official provider speaks it: every frame is one message,
 * `varUint type` then a payload. Decoding is strict — a frame that does not parse completely is
 * rejected as a whole — so a bad client can never get half a message applied.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { DecodedUpdate } from '../../../src/lib/plp/revision-guard';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array; decoded: DecodedUpdate }
	| { type: 'update'; update: Uint8Array; decoded: DecodedUpdate }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'auth' };

/** Thrown for any frame that is not a well-formed y-websocket message. */
export class MalformedMessageError extends Error {}

/** Whether a frame starts as a sync step 1 (a peek: the frame is decoded in full later). */
export function looksLikeSyncStep1(frame: Uint8Array): boolean {
	return frame.length > 2 && frame[0] === 0 && frame[1] === 0;
}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const message = readMessage(decoder);
		if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
		return message;
	} catch (error) {
		if (error instanceof MalformedMessageError) throw error;
		throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
	}
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MessageType.sync:
			return readSyncMessage(decoder);
		case MessageType.awareness:
			return { type: 'awareness', update: readValidAwareness(decoder) };
		case MessageType.queryAwareness:
			return { type: 'query-awareness' };
		case MessageType.auth:
			// Clients have nothing to tell us over this channel; read it fully and ignore it.
			decoding.readVarUint(decoder);
			decoding.readVarString(decoder);
			return { type: 'auth' };
		default:
			throw new MalformedMessageError(`unknown message type ${type}`);
	}
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage {
	const syncType = decoding.readVarUint(decoder);
	switch (syncType) {
		case syncProtocol.messageYjsSyncStep1: {
			const stateVector = decoding.readVarUint8Array(decoder);
			Y.decodeStateVector(stateVector); // throws on garbage, before we answer with it
			return { type: 'sync-step-1', stateVector };
		}
		case syncProtocol.messageYjsSyncStep2:
			return { type: 'sync-step-2', ...readValidUpdate(decoder) };
		case syncProtocol.messageYjsUpdate:
			return { type: 'update', ...readValidUpdate(decoder) };
		default:
			throw new MalformedMessageError(`unknown sync message type ${syncType}`);
	}
}

/**
 * An update is parsed in full before it is stored: a stored update that does not parse would break
 * the document. The parse is kept for the revision check (src/lib/plp/revision-guard.ts).
 */
function readValidUpdate(decoder: decoding.Decoder): { update: Uint8Array; decoded: DecodedUpdate } {
	const update = decoding.readVarUint8Array(decoder);
	return { update, decoded: Y.decodeUpdate(update) };
}

/** Parsed in full first, so a bad entry cannot leave presence half-applied. */
function readValidAwareness(decoder: decoding.Decoder): Uint8Array {
	const update = decoding.readVarUint8Array(decoder);
	const inner = decoding.createDecoder(update);
	const count = decoding.readVarUint(inner);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(inner); // client id
		decoding.readVarUint(inner); // clock
		JSON.parse(decoding.readVarString(inner));
	}
	if (decoding.hasContent(inner)) throw new Error('trailing bytes in awareness update');
	return update;
}

/** An update with no structs and no deletions — what a client sends when it has nothing new. */
export function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, awarenessUpdate);
	return encoding.toUint8Array(encoder);
}

/** The provider reports this through its permission-denied handler (a console warning by default). */
export function encodePermissionDenied(reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.auth);
	authProtocol.writePermissionDenied(encoder, reason);
	return encoding.toUint8Array(encoder);
}
