/**
 * How a relay socket says who is on it: the session token travels in the socket's first message,
 * never in its URL (URLs end up in server and proxy logs, browser history, and the y-websocket
 * provider's console warnings). The message is y-websocket's `auth` type (2) with our own
 * sub-type 1 (y-protocols uses 0 for "permission denied"), then the token as a string.
 * Shared by the app (src/lib/sync) and the relay (sync-server/src/relay).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const MESSAGE_AUTH = 2;
const AUTH_SESSION_TOKEN = 1;

export function encodeAuthToken(token: string): Uint8Array<ArrayBuffer> {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AUTH);
	encoding.writeVarUint(encoder, AUTH_SESSION_TOKEN);
	encoding.writeVarString(encoder, token);
	return new Uint8Array(encoding.toUint8Array(encoder));
}

/** The token of a first message, or null for anything else (which then signs nobody in). */
export function decodeAuthToken(frame: Uint8Array): string | null {
	try {
		const decoder = decoding.createDecoder(frame);
		if (decoding.readVarUint(decoder) !== MESSAGE_AUTH) return null;
		if (decoding.readVarUint(decoder) !== AUTH_SESSION_TOKEN) return null;
		const token = decoding.readVarString(decoder);
		return token !== '' && !decoding.hasContent(decoder) ? token : null;
	} catch {
		return null;
	}
}

/** What this needs of a WebSocket class: the browser's, or ws in Node. */
type SocketClass = abstract new (...args: never[]) => {
	send(data: Uint8Array<ArrayBuffer>): void;
	addEventListener(type: 'open', listener: () => void, options?: { once: boolean }): void;
};

/**
 * The WebSocket class for a y-websocket provider: each socket sends the current session token as
 * its first message. The open listener is added as the socket is made, before the provider sets
 * `onopen`, so the token always goes out before the provider's sync step 1. A Proxy rather than
 * a subclass: the sockets stay plain instances of `Base`.
 */
export function tokenFirstSocket<T extends SocketClass>(Base: T, currentToken: () => string): T {
	return new Proxy(Base, {
		construct(target, args, newTarget) {
			const socket = Reflect.construct(target, args, newTarget) as InstanceType<T>;
			socket.addEventListener('open', () => socket.send(encodeAuthToken(currentToken())), { once: true });
			return socket;
		}
	});
}
