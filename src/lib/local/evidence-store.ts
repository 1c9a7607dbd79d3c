/**
 * Evidence files on this device (Dexie): stored once by SHA-256, checked by content and size
 * before they are kept, and queued for upload per plan. Files stay until they have reached the
 * school's server; after that they can be removed to free space and fetched again when needed.
 */
import { detectFileType, DEFAULT_MAX_FILE_BYTES, SNIFF_BYTES, type DetectedType } from '../plp/file-types';
import { localDb } from './db';
import type { EvidenceFile, EvidenceUpload } from './evidence-types';

export type EvidenceProblem = 'empty' | 'too-large' | 'type';

/** A file that can not be evidence; `problem` says why, for a message the person can act on. */
export class EvidenceFileError extends Error {
	constructor(readonly problem: EvidenceProblem) {
		super(`evidence file refused: ${problem}`);
	}
}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', data);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a file really is, read from its first bytes; the browser's type only separates look-alikes. */
export async function checkFile(file: Blob, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<DetectedType> {
	if (file.size === 0) throw new EvidenceFileError('empty');
	if (file.size > maxBytes) throw new EvidenceFileError('too-large');
	const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
	const detected = detectFileType(head, file.type.split(';')[0] ?? '');
	if (!detected) throw new EvidenceFileError('type');
	return detected;
}

const uploadKey = (planId: string, hash: string) => `${planId}:${hash}`;

/**
 * Keeps a file on this device and queues it for the plan's server. Returns what the evidence record
 * needs. Adding the same file twice stores it once.
 */
export async function storeEvidenceFile(
	planId: string,
	file: Blob,
	fileName: string,
	options: { maxBytes?: number; queueUpload: boolean; now?: number }
): Promise<{ hash: string; mimeType: string; size: number }> {
	const detected = await checkFile(file, options.maxBytes);
	const bytes = await file.arrayBuffer();
	const hash = await sha256Hex(bytes);
	const now = options.now ?? Date.now();
	const db = localDb();
	await db.transaction('rw', db.evidenceFiles, db.uploads, async () => {
		const existing = await db.evidenceFiles.get(hash);
		if (!existing) {
			await db.evidenceFiles.put({
				hash,
				data: new Blob([bytes], { type: detected.mimeType }),
				size: file.size,
				mimeType: detected.mimeType,
				fileName,
				addedAt: now,
				isUploaded: false
			});
		}
		if (options.queueUpload) {
			const key = uploadKey(planId, hash);
			if (!(await db.uploads.get(key))) {
				await db.uploads.put({
					key,
					planId,
					hash,
					size: file.size,
					mimeType: detected.mimeType,
					sentBytes: 0,
					addedAt: now
				});
			}
		}
	});
	return { hash, mimeType: detected.mimeType, size: file.size };
}

export function evidenceFile(hash: string): Promise<EvidenceFile | undefined> {
	return localDb().evidenceFiles.get(hash);
}

/** Keeps a copy fetched from the server (already uploaded, so it may be freed again). */
export async function cacheEvidenceFile(hash: string, data: Blob, fileName: string): Promise<void> {
	await localDb().evidenceFiles.put({
		hash,
		data,
		size: data.size,
		mimeType: data.type,
		fileName,
		addedAt: Date.now(),
		isUploaded: true
	});
}

export function pendingUploads(): Promise<EvidenceUpload[]> {
	return localDb().uploads.orderBy('addedAt').toArray();
}

export async function recordProgress(key: string, sentBytes: number): Promise<void> {
	await localDb().uploads.update(key, { sentBytes });
}

export async function recordRefusal(key: string, error: string): Promise<void> {
	await localDb().uploads.update(key, { error });
}

/** The server has the whole file: the upload leaves the outbox and the local copy may be freed. */
export async function recordUploaded(upload: EvidenceUpload): Promise<void> {
	const db = localDb();
	await db.transaction('rw', db.evidenceFiles, db.uploads, async () => {
		await db.uploads.delete(upload.key);
		const stillQueued = await db.uploads.filter((u) => u.hash === upload.hash).count();
		if (stillQueued === 0) await db.evidenceFiles.update(upload.hash, { isUploaded: true });
	});
}

export interface EvidenceStorage {
	files: number;
	bytes: number;
	/** Bytes of files the school already has: removable from this device. */
	freeableBytes: number;
}

export async function evidenceStorage(): Promise<EvidenceStorage> {
	let files = 0;
	let bytes = 0;
	let freeableBytes = 0;
	await localDb().evidenceFiles.each((file) => {
		files += 1;
		bytes += file.size;
		if (file.isUploaded) freeableBytes += file.size;
	});
	return { files, bytes, freeableBytes };
}

/** Removes every local copy the school's server already has. Returns the bytes freed. */
export async function freeUploadedFiles(): Promise<number> {
	const db = localDb();
	const uploaded = await db.evidenceFiles.filter((file) => file.isUploaded).toArray();
	await db.evidenceFiles.bulkDelete(uploaded.map((file) => file.hash));
	return uploaded.reduce((sum, file) => sum + file.size, 0);
}
