/**
 * The plan archive format, version 1 (documented in docs/export-format.md). A .zip holding:
 * - `pathways-plan.json`  this manifest: the plan and family part as plain JSON, and the files;
 * - `yjs/plan.bin`, `yjs/family.bin`  the full Yjs state of both documents (every edit, so an
 *    import merges instead of duplicating, and revisions arrive with their history);
 * - `evidence/<sha256>.<ext>`  every evidence file the plan references;
 * - `index.html`  the plan as a page that needs nothing but a browser.
 */
export {
	ARCHIVE_FORMAT,
	ARCHIVE_FORMAT_VERSION,
	FAMILY_STATE_PATH,
	MANIFEST_PATH,
	PLAN_STATE_PATH,
	type ArchiveConfirmation,
	type ArchiveEvidence,
	type ArchiveManifest
} from '../../../src/lib/plp/archive';

const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/heic': 'heic',
	'audio/wav': 'wav',
	'audio/mpeg': 'mp3',
	'audio/ogg': 'ogg',
	'audio/webm': 'webm',
	'audio/mp4': 'm4a',
	'audio/flac': 'flac',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/ogg': 'ogv',
	'video/quicktime': 'mov',
	'video/3gpp': '3gp',
	'video/x-msvideo': 'avi'
};

/** Where a file goes in the archive; the extension lets a computer open it without Pathways. */
export function evidencePath(hash: string, mimeType: string): string {
	const ext = EXTENSIONS[mimeType] ?? 'bin';
	return `evidence/${hash}.${ext}`;
}
