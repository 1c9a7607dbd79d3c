/**
 * User actions on evidence files: attach a file or a recording to a plan (kept on this device,
 * then sent to the school), show one (from this device, or fetched from the school), download a
 * plan's archive. Components call these; only lib/local and lib/sync touch storage and network.
 */
import {
	cacheEvidenceFile,
	EvidenceFileError,
	evidenceFile,
	storeEvidenceFile
} from '../local/evidence-store';
import { format, language, t } from '../messages';
import { today } from '../plp/ids';
import type { Plan } from '../plp/plan';
import { DEFAULT_MAX_FILE_BYTES } from '../plp/file-types';
import { saveFile } from './files';
import { uploadQueue } from '../state/upload-queue.svelte';
import { request } from '../sync/api';
import { auth } from '../state/auth.svelte';

/** The message for a file this device refused to keep. */
export function refusalMessage(error: unknown): string {
	if (!(error instanceof EvidenceFileError)) return t.sync.serverError;
	if (error.problem === 'too-large') {
		return format(t.evidence.tooLarge, { mb: Math.floor(DEFAULT_MAX_FILE_BYTES / (1024 * 1024)) });
	}
	return error.problem === 'empty' ? t.evidence.empty : t.evidence.wrongType;
}

/**
 * Keeps a file on this device, adds an evidence record pointing at it, and (for a school plan)
 * queues it for the school. Returns the new record's id. Throws EvidenceFileError when refused.
 */
export async function attachEvidence(
	plan: Plan,
	file: Blob,
	fileName: string,
	options: { isSchoolPlan: boolean }
): Promise<string> {
	const stored = await storeEvidenceFile(plan.planId, file, fileName, { queueUpload: options.isSchoolPlan });
	const id = plan.collections.evidence.add({
		kind: 'file',
		title: fileName,
		date: today(),
		fileHash: stored.hash,
		fileName,
		mimeType: stored.mimeType
	});
	await uploadQueue.refresh();
	if (options.isSchoolPlan) void uploadQueue.run();
	return id;
}

/** A file to show: this device's copy, else the school's (kept here afterwards). Null when offline. */
export async function loadEvidence(hash: string, fileName: string): Promise<Blob | null> {
	const local = await evidenceFile(hash);
	if (local) return local.data;
	const token = auth.token;
	if (!token) return null;
	try {
		const data = await request<Blob>('GET', `/api/blobs/${hash}`, { token, as: 'blob' });
		await cacheEvidenceFile(hash, data, fileName);
		void uploadQueue.refresh();
		return data;
	} catch {
		return null;
	}
}

/** Downloads a school plan's archive (.zip) and hands it to the browser to save. */
export async function downloadArchive(planId: string): Promise<boolean> {
	const token = auth.token;
	if (!token) return false;
	try {
		// The page in the archive speaks the account's language; this one when the account has none.
		const archive = await request<Blob>('GET', `/api/plans/${planId}/export`, {
			token,
			headers: { 'accept-language': language() },
			as: 'blob'
		});
		saveFile(archive, `pathways-plan-${planId}.zip`);
		return true;
	} catch {
		return false;
	}
}
