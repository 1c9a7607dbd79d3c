/**
 * Waits for a socket's first message, which must carry the session token (src/lib/plp/relay-auth.ts),
 * then hands the socket on. Runs inside the first message's event, so the next frame already
 * finds the socket handler listening. A socket silent for `timeoutMs` is treated as signed out.
 */
import type { RawData, WebSocket } from 'ws';
import { decodeAuthToken } from '../../../src/lib/plp/relay-auth';

export function afterFirstMessageToken(
	socket: WebSocket,
	timeoutMs: number,
	then: (token: string | null) => void
): void {
	const onFirst = (data: RawData, isBinary: boolean) => {
		clearTimeout(timer);
		then(isBinary ? decodeAuthToken(toBytes(data)) : null);
	};
	const timer = setTimeout(() => {
		socket.off('message', onFirst);
		then(null);
	}, timeoutMs);
	timer.unref();
	socket.once('message', onFirst);
	socket.once('close', () => clearTimeout(timer));
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}
