/**
 * Imports a plan archive (archive-format.ts) into one plan of this server: the evidence files
 * (each checked against its SHA-256 and its type), then both documents' full Yjs state. Yjs
 * merges an update it already has into nothing, so importing the same archive twice changes
 * nothing the second time — no duplicated goals, reflections or files.
 */
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { detectFileType, isBlobHash, SNIFF_BYTES } from '../../../src/lib/plp/file-types';
import { ApiError } from '../api/errors';
import type { BlobStore } from '../blobs/blob-store';
import type { DocStore } from '../contracts';
import {
	ARCHIVE_FORMAT,
	ARCHIVE_FORMAT_VERSION,
	FAMILY_STATE_PATH,
	MANIFEST_PATH,
	PLAN_STATE_PATH,
	type ArchiveManifest
} from './archive-format';
import { loadStoredDoc } from './plan-archive';

/** Applies an update to a document: through the live relay when there is one, so open editors see it. */
export type ApplyUpdate = (name: string, update: Uint8Array) => Promise<void>;

export interface ImportTarget {
	store: DocStore;
	blobs: BlobStore;
	planId: string;
	userId: string;
	applyUpdate: ApplyUpdate;
}

export interface ImportResult {
	planId: string;
	files: number;
	/** False when the plan already held everything in the archive (an import done before). */
	isChanged: boolean;
}

const badArchive = (detail: string) =>
	new ApiError(400, 'bad-archive', `This is not a Pathways plan archive we can read (${detail}).`);

function readManifest(files: Record<string, Uint8Array>): ArchiveManifest {
	const raw = files[MANIFEST_PATH];
	if (!raw) throw badArchive(`${MANIFEST_PATH} is missing`);
	let manifest: ArchiveManifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(raw)) as ArchiveManifest;
	} catch {
		throw badArchive(`${MANIFEST_PATH} is not JSON`);
	}
	if (manifest.format !== ARCHIVE_FORMAT) throw badArchive('unknown format');
	if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
		throw new ApiError(
			400,
			'archive-too-new',
			'This archive comes from a newer Pathways. Update Pathways first.'
		);
	}
	return manifest;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
	try {
		return unzipSync(bytes);
	} catch {
		throw badArchive('not a readable .zip file');
	}
}

/**
 * Two documents share history when they have an author (a Yjs client) in common. Merging a plan
 * into an unrelated one would put both plans' goals side by side, so that is refused.
 */
function isRelated(target: Y.Doc, update: Uint8Array): boolean {
	const targetClients = Y.encodeStateVector(target);
	const ours = Y.decodeStateVector(targetClients);
	if (ours.size === 0) return true;
	const theirs = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
	return [...theirs.keys()].some((client) => ours.has(client));
}

export async function importPlanArchive(bytes: Uint8Array, target: ImportTarget): Promise<ImportResult> {
	const files = unzip(bytes);
	const manifest = readManifest(files);
	const planState = files[PLAN_STATE_PATH];
	const familyState = files[FAMILY_STATE_PATH];
	if (!planState || !familyState) throw badArchive('the plan data is missing');

	const planName = docName('plan', target.planId);
	const familyName = docName('family', target.planId);
	const planDoc = loadStoredDoc(target.store, planName);
	const familyDoc = loadStoredDoc(target.store, familyName);
	try {
		if (!isRelated(planDoc, planState) || !isRelated(familyDoc, familyState)) {
			throw new ApiError(
				409,
				'plan-not-empty',
				'This plan already has other content. Import the archive into a new, empty plan.'
			);
		}
		for (const entry of manifest.evidence) {
			const content = files[entry.path];
			if (!isBlobHash(entry.hash) || !content) throw badArchive(`evidence file ${entry.path} is missing`);
			if (createHash('sha256').update(content).digest('hex') !== entry.hash) {
				throw badArchive(`evidence file ${entry.path} is damaged`);
			}
			const detected = detectFileType(content.subarray(0, SNIFF_BYTES), entry.mimeType);
			if (!detected) throw badArchive(`evidence file ${entry.path} is not a kind of file we accept`);
			target.blobs.putWhole(entry.hash, content, detected.mimeType);
			target.blobs.linkToPlan(target.planId, entry.hash, target.userId);
		}
		const isChanged =
			!Y.snapshotContainsUpdate(Y.snapshot(planDoc), planState) ||
			!Y.snapshotContainsUpdate(Y.snapshot(familyDoc), familyState);
		if (isChanged) {
			await target.applyUpdate(planName, Y.diffUpdate(planState, Y.encodeStateVector(planDoc)));
			await target.applyUpdate(familyName, Y.diffUpdate(familyState, Y.encodeStateVector(familyDoc)));
		}
		return { planId: target.planId, files: manifest.evidence.length, isChanged };
	} finally {
		planDoc.destroy();
		familyDoc.destroy();
	}
}
