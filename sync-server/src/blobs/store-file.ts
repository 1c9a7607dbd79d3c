/**
 * Putting a whole file the server already holds (an imported archive's evidence, a data folder's
 * file being moved to PostgreSQL) into an AsyncBlobStore, through the same steps an upload takes:
 * chunks into one plan's upload, then `finish`, which checks the file against its SHA-256. So every
 * engine stores a file one way, and nothing is stored that does not match its hash.
 */
import type { AsyncBlobStore } from '../contracts';

/** Bytes per chunk: the app's own upload chunk. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

export interface StoreFileOutcome {
	/**
	 * `had`: the store had the file already, nothing was sent; `stored`; `busy`: another upload of
	 * the same file to the same plan is running, try again later; `mismatch`: the bytes do not have
	 * that hash, nothing was stored.
	 */
	status: 'had' | 'stored' | 'busy' | 'mismatch';
	/** Bytes sent to the store. */
	bytes: number;
}

/**
 * Stores `hash` for `planId` (it does not link it: the caller does, with who added it). `bytesFrom`
 * gives the file's bytes from an offset on. An unfinished upload of the same file to that plan is
 * continued where it stopped; when what it held turns out not to match, it is started again once
 * from the first byte.
 */
export async function storeFile(
	target: AsyncBlobStore,
	file: { planId: string; hash: string; mimeType: string },
	bytesFrom: (offset: number) => AsyncIterable<Uint8Array>
): Promise<StoreFileOutcome> {
	if ((await target.info(file.hash)) !== undefined) return { status: 'had', bytes: 0 };
	const start = await target.receivedBytes(file.planId, file.hash);
	const first = await sendFrom(target, file, bytesFrom, start);
	// `finish` dropped the upload: a fresh start from byte 0 tells a bad leftover from bad bytes.
	if (first.status === 'mismatch' && start > 0) {
		const again = await sendFrom(target, file, bytesFrom, 0);
		return { ...again, bytes: first.bytes + again.bytes };
	}
	return first;
}

async function sendFrom(
	target: AsyncBlobStore,
	file: { planId: string; hash: string; mimeType: string },
	bytesFrom: (offset: number) => AsyncIterable<Uint8Array>,
	start: number
): Promise<StoreFileOutcome> {
	let offset = start;
	let bytes = 0;
	for await (const chunk of inChunks(bytesFrom(start))) {
		const { isAccepted, received } = await target.appendChunk(file.planId, file.hash, offset, chunk);
		if (!isAccepted) return { status: 'busy', bytes };
		offset = received;
		bytes += chunk.byteLength;
	}
	const isStored = await target.finish(file.planId, file.hash, file.mimeType);
	return { status: isStored ? 'stored' : 'mismatch', bytes };
}

/** The same bytes in chunks of FILE_CHUNK_BYTES (the last one shorter). */
async function* inChunks(parts: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
	let pending: Uint8Array[] = [];
	let pendingBytes = 0;
	for await (const part of parts) {
		if (part.byteLength === 0) continue;
		pending.push(part);
		pendingBytes += part.byteLength;
		if (pendingBytes >= FILE_CHUNK_BYTES) {
			yield Buffer.concat(pending);
			pending = [];
			pendingBytes = 0;
		}
	}
	if (pendingBytes > 0) yield Buffer.concat(pending);
}

/** A stored file's bytes from `offset` on (AsyncBlobStore.read gives them from the start). */
export async function* readFrom(
	source: AsyncBlobStore,
	hash: string,
	offset: number
): AsyncIterable<Uint8Array> {
	let skip = offset;
	for await (const part of source.read(hash)) {
		if (skip >= part.byteLength) {
			skip -= part.byteLength;
			continue;
		}
		yield part.subarray(skip);
		skip = 0;
	}
}
