/**
 * A message framed once for every connection that gets it. ws frames each send on its own (a
 * header buffer, an options object and a two-buffer writev per socket); a broadcast to 50
 * connections is the same bytes 50 times, so the relay builds the WebSocket frame once
 * (RFC 6455 §5.2: FIN + binary opcode, the payload length, no mask from a server) and writes that
 * one buffer to each socket. Connection.sendFramed falls back to ws when it has no raw socket.
 */
export interface Framed {
	/** The y-protocols message. */
	readonly payload: Uint8Array;
	/** The whole WebSocket frame: header and payload, in one buffer. */
	readonly frame: Buffer;
}

const FIN_BINARY = 0x82;

export function framed(payload: Uint8Array): Framed {
	const length = payload.length;
	const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(headerLength + length);
	frame[0] = FIN_BINARY;
	if (length < 126) {
		frame[1] = length;
	} else if (length < 65_536) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(length), 2);
	}
	frame.set(payload, headerLength);
	return { payload, frame };
}
