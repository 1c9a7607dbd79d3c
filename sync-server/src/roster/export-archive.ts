/**
 * A OneRoster export uploaded as its .zip → its CSV files as text. The zip's central directory is
 * read first and checked against limits (entry count, each file's size, the total, the
 * compression ratio) before a single byte is inflated, so a zip bomb is refused without being
 * unpacked. Only the files Pathways reads are inflated, each into a buffer of its declared size
 * (fflate never writes past it, so a lying header cannot make it grow); the others are listed.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { ApiError } from '../api/errors';

export interface ArchiveLimits {
	maxEntries: number;
	/** Largest single file, unpacked. */
	maxEntryBytes: number;
	/** All files Pathways reads, unpacked. */
	maxTotalBytes: number;
	/** Unpacked size ÷ packed size, for files above `ratioFromBytes` (CSV packs about 5–20 times). */
	maxRatio: number;
	ratioFromBytes: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = {
	maxEntries: 200,
	maxEntryBytes: 128 * 1024 * 1024,
	maxTotalBytes: 256 * 1024 * 1024,
	maxRatio: 200,
	ratioFromBytes: 1024 * 1024
};

export interface ArchiveFiles {
	/** Base name as in the archive → text, for the files `wanted` picked. */
	texts: Map<string, string>;
	/** Base names of every other file in the archive (acknowledged in the report). */
	others: string[];
}

const refuse = (detail: string) =>
	new ApiError(400, 'roster-archive', `This .zip cannot be read as a OneRoster export: ${detail}.`);

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/** Folders, and the resource forks macOS adds to zips it makes. */
const isNoise = (path: string) =>
	path.endsWith('/') || path.startsWith('__MACOSX/') || baseName(path).startsWith('._');

export function readArchive(
	bytes: Uint8Array,
	wanted: (name: string) => boolean,
	limits: ArchiveLimits = ARCHIVE_LIMITS
): ArchiveFiles {
	const entries: UnzipFileInfo[] = [];
	try {
		// First pass: the central directory only — the filter says no to every file.
		unzipSync(bytes, {
			filter(file) {
				if (!isNoise(file.name)) entries.push(file);
				return false;
			}
		});
	} catch {
		throw refuse('it is not a readable .zip file');
	}
	if (entries.length > limits.maxEntries) {
		throw refuse(`it holds ${entries.length} files, more than ${limits.maxEntries}`);
	}
	const picked = entries.filter((entry) => wanted(baseName(entry.name)));
	let total = 0;
	for (const entry of picked) {
		const name = baseName(entry.name);
		if (entry.originalSize > limits.maxEntryBytes) {
			throw refuse(
				`${name} unpacks to ${megabytes(entry.originalSize)}, more than ${megabytes(limits.maxEntryBytes)}`
			);
		}
		const ratio = entry.originalSize / Math.max(entry.size, 1);
		if (entry.originalSize > limits.ratioFromBytes && ratio > limits.maxRatio) {
			throw refuse(
				`${name} unpacks ${Math.round(ratio)} times larger than it is packed, which no CSV export does`
			);
		}
		if (entry.compression !== 0 && entry.compression !== 8) {
			throw refuse(`${name} is packed in a way this server does not read (method ${entry.compression})`);
		}
		total += entry.originalSize;
	}
	if (total > limits.maxTotalBytes) {
		throw refuse(`its files unpack to ${megabytes(total)}, more than ${megabytes(limits.maxTotalBytes)}`);
	}
	const names = new Set<string>();
	for (const entry of picked) {
		const name = baseName(entry.name);
		if (names.has(name.toLowerCase())) throw refuse(`it holds ${name} twice`);
		names.add(name.toLowerCase());
	}
	let inflated: Record<string, Uint8Array>;
	try {
		const chosen = new Set(picked.map((entry) => entry.name));
		inflated = unzipSync(bytes, { filter: (file) => chosen.has(file.name) });
	} catch {
		throw refuse('a file inside it is damaged');
	}
	const texts = new Map<string, string>();
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for (const [path, data] of Object.entries(inflated)) {
		try {
			texts.set(baseName(path), decoder.decode(data));
		} catch {
			throw refuse(`${baseName(path)} is not UTF-8 text`);
		}
	}
	const others = entries
		.filter((entry) => !wanted(baseName(entry.name)))
		.map((entry) => baseName(entry.name));
	return { texts, others };
}

const megabytes = (bytes: number) =>
	bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round(bytes / (1024 * 1024))} MB`;
