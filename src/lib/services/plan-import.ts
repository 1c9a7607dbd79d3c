/**
 * Bringing in a plan from another school: read what the archive holds on this device (only its
 * manifest, which the export writes first, so a 2 GB archive of videos is not read whole), then
 * send it to the school's server, which merges it into the student's plan.
 */
import { Unzip, UnzipInflate } from 'fflate';
import {
	ARCHIVE_FORMAT,
	ARCHIVE_FORMAT_VERSION,
	MANIFEST_PATH,
	summarizeArchive,
	type ArchiveManifest,
	type ArchiveSummary
} from '../plp/archive';
import type { Role } from '../plp/access';
import type { PlanView } from '../contracts/api';
import { api } from '../sync/api';

/** The server's refusal, for the import screen to tell apart from an archive problem. */
export { ApiError } from '../sync/api';
import { archiveLimits, sendArchive, type SendArchive } from '../sync/archive-upload';

/** Why a chosen file cannot be brought in, found before anything is sent. */
export class ArchiveProblem extends Error {
	constructor(readonly code: 'not-archive' | 'too-new' | 'too-large') {
		super(code);
	}
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The archive's manifest, read from the start of the .zip as a stream. */
export async function readManifest(file: Blob): Promise<ArchiveManifest> {
	const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	if (!ZIP_MAGIC.every((byte, i) => head[i] === byte)) throw new ArchiveProblem('not-archive');
	const bytes = await new Promise<Uint8Array>((resolve, reject) => {
		const chunks: Uint8Array[] = [];
		let size = 0;
		let isDone = false;
		const unzip = new Unzip((entry) => {
			// Entries not started are skipped: evidence files pass through without being kept.
			if (entry.name !== MANIFEST_PATH) return;
			entry.ondata = (error, data, isFinal) => {
				if (isDone) return;
				size += data?.length ?? 0;
				if (error || size > MAX_MANIFEST_BYTES) {
					isDone = true;
					return reject(new ArchiveProblem('not-archive'));
				}
				chunks.push(data);
				if (isFinal) {
					isDone = true;
					resolve(concat(chunks, size));
				}
			};
			entry.start();
		});
		unzip.register(UnzipInflate);
		const reader = file.stream().getReader();
		const pump = async () => {
			try {
				while (!isDone) {
					const { value, done } = await reader.read();
					if (done) break;
					unzip.push(value);
				}
				if (!isDone) unzip.push(new Uint8Array(0), true);
			} catch {
				isDone = true;
				reject(new ArchiveProblem('not-archive'));
			} finally {
				await reader.cancel().catch(() => undefined);
			}
			if (!isDone) reject(new ArchiveProblem('not-archive'));
		};
		void pump();
	});
	let manifest: ArchiveManifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(bytes)) as ArchiveManifest;
	} catch {
		throw new ArchiveProblem('not-archive');
	}
	if (manifest?.format !== ARCHIVE_FORMAT || typeof manifest.plan !== 'object' || !manifest.plan) {
		throw new ArchiveProblem('not-archive');
	}
	if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) throw new ArchiveProblem('too-new');
	return manifest;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** What the archive holds, or why it cannot be brought in (too large for this server included). */
export async function previewArchive(file: File, token: string): Promise<ArchiveSummary> {
	const [manifest, limits] = await Promise.all([readManifest(file), archiveLimits(token)]);
	if (file.size > limits.maxBytes) throw new ArchiveProblem('too-large');
	return summarizeArchive(manifest);
}

/** Sends the archive with its progress; the server answers what came in (lib/sync/archive-upload.ts). */
export const bringInPlan: (file: File, options: SendArchive) => ReturnType<typeof sendArchive> = sendArchive;

/**
 * The plans a person may bring an archive into: the ones they write (a student's own, an advisor's
 * caseload), or for a school admin every plan of the school (they restore, see docs/security.md).
 */
export async function plansToBringInto(token: string, role: Role): Promise<PlanView[]> {
	const { plans } = await api.plans(token);
	return plans
		.filter((plan) => role === 'admin' || plan.access.plan === 'write')
		.sort((a, b) => a.studentName.localeCompare(b.studentName));
}
