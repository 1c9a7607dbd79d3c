/**
 * Reads an uploaded plan archive as a stream, never the whole thing in memory: the manifest and
 * the two Yjs states (small) are kept in memory, each evidence file goes to a temporary file
 * and is hashed on the way. Limits are checked on the bytes actually inflated, not on what the
 * archive's headers claim (a zip bomb lies there): entry count, size of each entry, total size,
 * and the ratio of inflated to received bytes. The first limit crossed stops reading.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../api/errors';
import { FAMILY_STATE_PATH, MANIFEST_PATH, PLAN_STATE_PATH } from './archive-format';

export interface ArchiveLimits {
	/** Bytes of the archive itself (the request body). */
	maxBytes: number;
	/** Entries in the archive (files and folders). */
	maxEntries: number;
	/** Inflated bytes of one evidence file. */
	maxFileBytes: number;
	/** Inflated bytes of the whole archive. */
	maxTotalBytes: number;
	/** Inflated bytes per received byte, over the archive so far (beyond a small allowance). */
	maxRatio: number;
}

/** Inflated bytes of the manifest, a Yjs state or the HTML page: far above any real plan. */
export const MAX_DATA_ENTRY_BYTES = 64 * 1024 * 1024;
/** Inflated bytes allowed before the ratio applies (small text-only archives compress well). */
const RATIO_ALLOWANCE_BYTES = 8 * 1024 * 1024;
/** Pieces pushed into the inflater at once: bounds the output of one step to a few MiB. */
const PIECE_BYTES = 16 * 1024;

/** Entries kept in memory; everything else inflated is only counted. */
const DATA_ENTRIES = new Set([MANIFEST_PATH, PLAN_STATE_PATH, FAMILY_STATE_PATH]);

export interface EvidenceEntry {
	/** Temporary file with the entry's bytes (removed by ReadArchive.discard). */
	file: string;
	sha256: string;
	size: number;
}

export interface ReadArchive {
	data: Map<string, Uint8Array>;
	evidence: Map<string, EvidenceEntry>;
	/** Removes the temporary files. Always call it, in a finally. */
	discard(): void;
}

const tooLarge = (what: string) =>
	new ApiError(413, 'archive-too-large', `This archive is too large to import: ${what}.`);
const unreadable = () =>
	new ApiError(
		400,
		'bad-archive',
		'This is not a Pathways plan archive we can read (not a readable .zip file).'
	);

function mib(bytes: number): string {
	return `${Math.floor(bytes / (1024 * 1024))} MB`;
}

class ArchiveSink {
	readonly data = new Map<string, Uint8Array>();
	readonly evidence = new Map<string, EvidenceEntry>();
	failure: ApiError | null = null;
	received = 0;
	#inflated = 0;
	#entries = 0;
	readonly #unzip = new Unzip();
	/** Temporary files still being written (a truncated archive leaves its last one open). */
	readonly openFiles = new Set<number>();

	constructor(
		private readonly limits: ArchiveLimits,
		readonly dir: string
	) {
		this.#unzip.register(UnzipInflate);
		this.#unzip.onfile = (file) => this.#onFile(file);
	}

	push(chunk: Uint8Array, isFinal: boolean): void {
		this.received += chunk.length;
		if (this.received > this.limits.maxBytes) {
			this.failure = tooLarge(`the largest archive is ${mib(this.limits.maxBytes)}`);
			return;
		}
		for (let at = 0; at < chunk.length || (isFinal && at === 0); at += PIECE_BYTES) {
			const piece = chunk.subarray(at, at + PIECE_BYTES);
			const isLast = isFinal && at + PIECE_BYTES >= chunk.length;
			try {
				this.#unzip.push(piece, isLast);
			} catch {
				this.failure ??= unreadable();
			}
			if (this.failure) return;
		}
	}

	#onFile(file: UnzipFile): void {
		if (this.failure) return;
		this.#entries += 1;
		if (this.#entries > this.limits.maxEntries) {
			this.failure = tooLarge(`it holds more than ${this.limits.maxEntries} files`);
			return;
		}
		const isData = DATA_ENTRIES.has(file.name) || file.name === 'index.html';
		const isEvidence = file.name.startsWith('evidence/') && !file.name.endsWith('/');
		const limit = isEvidence ? this.limits.maxFileBytes : MAX_DATA_ENTRY_BYTES;
		const pieces: Uint8Array[] = [];
		let size = 0;
		let out: { fd: number; file: string; hash: Hash } | null = null;
		if (isEvidence) {
			const tmp = path.join(this.dir, randomUUID());
			out = { fd: openSync(tmp, 'w'), file: tmp, hash: createHash('sha256') };
			this.openFiles.add(out.fd);
		}
		const close = () => {
			if (out && this.openFiles.delete(out.fd)) closeSync(out.fd);
		};
		file.ondata = (error, data, isFinal) => {
			if (this.failure) return;
			if (error) {
				this.failure = unreadable();
				return close();
			}
			size += data.length;
			this.#inflated += data.length;
			const problem =
				size > limit
					? tooLarge(`${file.name} is larger than ${mib(limit)}`)
					: this.#inflated > this.limits.maxTotalBytes
						? tooLarge(`its files add up to more than ${mib(this.limits.maxTotalBytes)}`)
						: this.#inflated > this.limits.maxRatio * this.received + RATIO_ALLOWANCE_BYTES
							? tooLarge('it expands far more than any real plan (a "zip bomb")')
							: null;
			if (problem) {
				this.failure = problem;
				file.terminate();
				return close();
			}
			if (out) {
				writeAll(out.fd, data);
				out.hash.update(data);
			} else if (isData) {
				pieces.push(data);
			}
			if (!isFinal) return;
			close();
			if (out) this.evidence.set(file.name, { file: out.file, sha256: out.hash.digest('hex'), size });
			else if (DATA_ENTRIES.has(file.name)) this.data.set(file.name, Buffer.concat(pieces));
		};
		try {
			file.start();
		} catch {
			// A compression method other than stored or deflate.
			this.failure = unreadable();
			close();
		}
	}
}

function writeAll(fd: number, data: Uint8Array): void {
	let written = 0;
	while (written < data.length) written += writeSync(fd, data, written, data.length - written);
}

/** Reads the archive from `body`; throws an ApiError (400 or 413) at the first problem. */
export async function readArchive(
	body: AsyncIterable<Uint8Array>,
	limits: ArchiveLimits,
	tmpRoot: string
): Promise<ReadArchive> {
	const dir = path.join(tmpRoot, `import-${randomUUID()}`);
	mkdirSync(dir, { recursive: true });
	const sink = new ArchiveSink(limits, dir);
	const discard = () => {
		for (const fd of sink.openFiles) closeSync(fd);
		sink.openFiles.clear();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		for await (const chunk of body) {
			sink.push(chunk, false);
			if (sink.failure) throw sink.failure;
		}
		sink.push(new Uint8Array(0), true);
		if (sink.failure) throw sink.failure;
		if (sink.received === 0) throw unreadable();
	} catch (error) {
		discard();
		throw error;
	}
	for (const fd of sink.openFiles) closeSync(fd);
	sink.openFiles.clear();
	return { data: sink.data, evidence: sink.evidence, discard };
}
