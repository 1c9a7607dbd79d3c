import { describe, expect, it } from 'vitest';
import { detectFileType, isBlobHash } from './file-types';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('telling a file’s type from its content', () => {
	it('recognises the formats students show work in', () => {
		const cases: [Uint8Array, string, string][] = [
			[bytes('%PDF-1.7\n'), '', 'application/pdf'],
			[bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), '', 'image/png'],
			[bytes([0xff, 0xd8, 0xff, 0xe0]), '', 'image/jpeg'],
			[bytes('GIF89a'), '', 'image/gif'],
			[bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), '', 'image/webp'],
			[bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), '', 'audio/wav'],
			[bytes('ID3', [4, 0]), '', 'audio/mpeg'],
			[bytes('OggS', [0]), 'audio/ogg', 'audio/ogg'],
			[bytes([0x1a, 0x45, 0xdf, 0xa3]), 'audio/webm', 'audio/webm'],
			[bytes([0x1a, 0x45, 0xdf, 0xa3]), 'video/webm', 'video/webm'],
			[bytes([0, 0, 0, 0x18], 'ftypisom'), '', 'video/mp4'],
			[bytes([0, 0, 0, 0x18], 'ftypM4A '), '', 'audio/mp4'],
			[bytes([0, 0, 0, 0x18], 'ftypqt  '), '', 'video/quicktime'],
			[
				bytes('PK', [3, 4]),
				'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
			]
		];
		for (const [head, hint, expected] of cases)
			expect(detectFileType(head, hint)?.mimeType, expected).toBe(expected);
	});

	it('ignores the name and the claimed type when the content is something else', () => {
		expect(detectFileType(bytes('MZ', [0x90, 0]), 'application/pdf')).toBeNull(); // a Windows program
		expect(detectFileType(bytes('<html><script>'), 'image/png')).toBeNull();
		expect(detectFileType(bytes('PK', [3, 4]), 'application/zip')).toBeNull(); // any other zip
		expect(detectFileType(new Uint8Array(0))).toBeNull();
	});

	it('knows a SHA-256 address when it sees one', () => {
		expect(isBlobHash('a'.repeat(64))).toBe(true);
		expect(isBlobHash('A'.repeat(64))).toBe(false);
		expect(isBlobHash('../etc/passwd')).toBe(false);
	});
});
