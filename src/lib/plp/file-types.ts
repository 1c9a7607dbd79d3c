/**
 * What kind of file an evidence file really is, decided by its first bytes (its "magic number"),
 * never by its name or the type a browser guessed. Shared by the app (to refuse a file at once,
 * offline) and the server (which decides again, because a client can send anything).
 *
 * A small table instead of a library: we accept a short list of formats a student shows work in,
 * and each has a well-known signature (see docs/decisions/0010-evidence-blobs.md).
 */

export const FILE_CATEGORIES = ['pdf', 'image', 'audio', 'video', 'document'] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

export interface DetectedType {
	mimeType: string;
	category: FileCategory;
}

/** Bytes needed to recognise every format below. */
export const SNIFF_BYTES = 64;

/** Default largest evidence file (the server's BLOB_MAX_BYTES overrides it). */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** A file's SHA-256 written as 64 lowercase hex digits: its address in the blob store. */
export function isBlobHash(value: string): boolean {
	return /^[0-9a-f]{64}$/.test(value);
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
	return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** ISO base media (MP4, MOV, M4A, 3GP, HEIC): `ftyp` at byte 4 and a brand after it. */
function isoMediaType(bytes: Uint8Array): DetectedType | null {
	if (ascii(bytes, 4, 4) !== 'ftyp') return null;
	const brand = ascii(bytes, 8, 4);
	if (brand === 'M4A ' || brand === 'M4B ') return { mimeType: 'audio/mp4', category: 'audio' };
	if (brand === 'heic' || brand === 'heix' || brand === 'mif1')
		return { mimeType: 'image/heic', category: 'image' };
	if (brand === 'qt  ') return { mimeType: 'video/quicktime', category: 'video' };
	if (brand.startsWith('3g')) return { mimeType: 'video/3gpp', category: 'video' };
	return { mimeType: 'video/mp4', category: 'video' };
}

/** RIFF containers: WAVE audio, AVI video, WEBP images. */
function riffType(bytes: Uint8Array): DetectedType | null {
	if (ascii(bytes, 0, 4) !== 'RIFF') return null;
	const form = ascii(bytes, 8, 4);
	if (form === 'WAVE') return { mimeType: 'audio/wav', category: 'audio' };
	if (form === 'WEBP') return { mimeType: 'image/webp', category: 'image' };
	if (form === 'AVI ') return { mimeType: 'video/x-msvideo', category: 'video' };
	return null;
}

/**
 * The type of a file from its first bytes, or null when it is not a format we accept.
 * `hint` (the browser's guess) only separates formats that share a container: WebM audio from
 * WebM video, and the Office formats inside a ZIP.
 */
export function detectFileType(head: Uint8Array, hint = ''): DetectedType | null {
	if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]))
		return { mimeType: 'application/pdf', category: 'pdf' };
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
		return { mimeType: 'image/png', category: 'image' };
	if (startsWith(head, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', category: 'image' };
	if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')
		return { mimeType: 'image/gif', category: 'image' };
	const riff = riffType(head);
	if (riff) return riff;
	const iso = isoMediaType(head);
	if (iso) return iso;
	if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
		// Matroska/WebM: MediaRecorder's own format. Audio-only recordings say so in their type.
		return hint.startsWith('audio/')
			? { mimeType: 'audio/webm', category: 'audio' }
			: { mimeType: 'video/webm', category: 'video' };
	}
	if (ascii(head, 0, 4) === 'OggS') {
		return hint.startsWith('video/')
			? { mimeType: 'video/ogg', category: 'video' }
			: { mimeType: 'audio/ogg', category: 'audio' };
	}
	if (ascii(head, 0, 3) === 'ID3' || (head.length > 1 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0))
		return { mimeType: 'audio/mpeg', category: 'audio' };
	if (ascii(head, 0, 4) === 'fLaC') return { mimeType: 'audio/flac', category: 'audio' };
	if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
		return ZIP_DOCUMENTS.includes(hint) ? { mimeType: hint, category: 'document' } : null;
	if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
		return { mimeType: 'application/msword', category: 'document' }; // old Office (.doc/.xls/.ppt)
	if (ascii(head, 0, 5) === '{\\rtf') return { mimeType: 'application/rtf', category: 'document' };
	return null;
}

/** Office and OpenDocument files are ZIP archives; the browser's type names which one. Any other ZIP is refused. */
const ZIP_DOCUMENTS = [
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/vnd.oasis.opendocument.presentation'
];
