import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, type FanOutMessage } from '../src/fanout/frames';

describe('fan-out frames', () => {
	const messages: FanOutMessage[] = [
		{ kind: 'update', update: new Uint8Array(300).map((_, i) => i % 256) },
		{ kind: 'update', update: new Uint8Array() },
		{ kind: 'presence', presence: new Uint8Array([0, 0xff, 0xfe]) },
		{ kind: 'revocation', revocation: { kind: 'user', userId: 'user-ñ-学' } },
		{ kind: 'revocation', revocation: { kind: 'session', sessionId: 's1' } }
	];

	it.each(messages)('carries a $kind and its origin unchanged', (message) => {
		expect(decodeFrame(encodeFrame('process-ü', message))).toEqual({ origin: 'process-ü', message });
	});

	it('refuses a frame cut short, one with bytes after its end, and an unknown kind', () => {
		const frame = encodeFrame('p', { kind: 'update', update: new Uint8Array([1, 2, 3]) });
		expect(() => decodeFrame(frame.subarray(0, frame.length - 1))).toThrow();
		expect(() => decodeFrame(new Uint8Array([...frame, 0]))).toThrow(/bytes after its end/);
		expect(() => decodeFrame(new Uint8Array([7, 1, 0x70]))).toThrow(/unknown fan-out frame kind 7/);
	});
});
