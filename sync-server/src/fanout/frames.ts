/**
 * What one relay process tells the others through Redis, as bytes: Yjs updates and presence are
 * binary and go through untouched (no JSON, no base64). A frame names the process that sent it,
 * so a process can skip its own messages, which Redis delivers back to it like to anyone else.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Revocation } from '../contracts';

export type FanOutMessage =
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'presence'; presence: Uint8Array }
	| { kind: 'revocation'; revocation: Revocation };

/** First varUint of a frame. Never renumber: processes of two versions share a Redis during an upgrade. */
const KIND = { update: 0, presence: 1, revokeUser: 2, revokeSession: 3 } as const;

export function encodeFrame(origin: string, message: FanOutMessage): Uint8Array {
	const encoder = encoding.createEncoder();
	switch (message.kind) {
		case 'update':
			encoding.writeVarUint(encoder, KIND.update);
			encoding.writeVarString(encoder, origin);
			encoding.writeVarUint8Array(encoder, message.update);
			break;
		case 'presence':
			encoding.writeVarUint(encoder, KIND.presence);
			encoding.writeVarString(encoder, origin);
			encoding.writeVarUint8Array(encoder, message.presence);
			break;
		case 'revocation': {
			const { revocation } = message;
			encoding.writeVarUint(encoder, revocation.kind === 'user' ? KIND.revokeUser : KIND.revokeSession);
			encoding.writeVarString(encoder, origin);
			encoding.writeVarString(encoder, revocation.kind === 'user' ? revocation.userId : revocation.sessionId);
			break;
		}
	}
	return encoding.toUint8Array(encoder);
}

/** The origin and message of a frame; throws on a frame that is cut short, too long or of an unknown kind. */
export function decodeFrame(frame: Uint8Array): { origin: string; message: FanOutMessage } {
	const decoder = decoding.createDecoder(frame);
	const kind = decoding.readVarUint(decoder);
	const origin = decoding.readVarString(decoder);
	let message: FanOutMessage;
	switch (kind) {
		case KIND.update:
			message = { kind: 'update', update: decoding.readVarUint8Array(decoder) };
			break;
		case KIND.presence:
			message = { kind: 'presence', presence: decoding.readVarUint8Array(decoder) };
			break;
		case KIND.revokeUser:
			message = { kind: 'revocation', revocation: { kind: 'user', userId: decoding.readVarString(decoder) } };
			break;
		case KIND.revokeSession:
			message = {
				kind: 'revocation',
				revocation: { kind: 'session', sessionId: decoding.readVarString(decoder) }
			};
			break;
		default:
			throw new Error(`unknown fan-out frame kind ${kind}`);
	}
	if (decoding.hasContent(decoder)) throw new Error('fan-out frame has bytes after its end');
	return { origin, message };
}
