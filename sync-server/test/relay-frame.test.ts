/**
 * The relay frames a broadcast once and writes the same bytes to every socket (frame.ts): a real
 * ws client must read each such frame as the message it carries, at every length encoding
 * (7-bit, 16-bit and 64-bit lengths), in order with frames ws itself sent on the same socket.
 */
import { once } from 'node:events';
import { Socket, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { framed } from '../src/relay/frame';

const LENGTHS = [1, 125, 126, 65_535, 65_536, 300_000];

function payloadOf(length: number): Uint8Array {
	return Uint8Array.from({ length }, (_, i) => (i * 31 + length) % 251);
}

describe('relay: one frame for many sockets', () => {
	let server: WebSocketServer | undefined;
	afterEach(() => server?.close());

	it('is read by a ws client as the same message, at every length, in order with ws sends', async () => {
		server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
		await once(server, 'listening');
		const { port } = server.address() as AddressInfo;
		server.on('connection', (ws) => {
			const raw = (ws as unknown as { _socket: Socket })._socket;
			expect(raw).toBeInstanceOf(Socket);
			ws.send(Buffer.from('ws first'));
			for (const length of LENGTHS) raw.write(framed(payloadOf(length)).frame);
			ws.send(Buffer.from('ws last'));
		});
		const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
		const received: Buffer[] = [];
		await new Promise<void>((resolve, reject) => {
			client.on('error', reject);
			client.on('message', (data: Buffer, isBinary) => {
				expect(isBinary).toBe(true);
				received.push(data);
				if (received.length === LENGTHS.length + 2) resolve();
			});
		});
		client.close();
		expect(received[0]!.toString()).toBe('ws first');
		expect(received.at(-1)!.toString()).toBe('ws last');
		LENGTHS.forEach((length, i) => {
			expect(received[i + 1]!.length).toBe(length);
			expect(new Uint8Array(received[i + 1]!)).toEqual(payloadOf(length));
		});
	});
});
