/**
 * Imports a plan archive (archive-format.ts) into one plan of this server: the evidence files
 * (each checked against its SHA-256 and its type), then the full Yjs state of each document the
 * importer may write — a student's import brings their plan, never words into the family part,
 * which only guardians write. The plan here may already hold work or the new school's roster
 * information: both are merged (src/lib/plp/merge.ts decides the fields only one side can have).
 * Yjs merges an update it already has into nothing, so importing the same archive twice changes
 * nothing the second time — no duplicated goals, reflections or files.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import * as Y from 'yjs';
import { docName, type DocKind } from '../../../src/lib/plp/access';
import type { ArchiveImportResult } from '../../../src/lib/contracts/api';
import { detectFileType, isBlobHash, SNIFF_BYTES } from '../../../src/lib/plp/file-types';
import {
	isSameName,
	mergeFamilyState,
	mergePlanState,
	readArchivedPlan,
	type DescribeImport,
	type InfoChange
} from '../../../src/lib/plp/merge';
import { Plan } from '../../../src/lib/plp/plan';
import { SCHEMA_VERSION } from '../../../src/lib/plp/schema';
import { ApiError } from '../api/errors';
import { FILE_CHUNK_BYTES, storeFile } from '../blobs/store-file';
import type { AsyncBlobStore, AsyncDocStore, ServerDocWriter } from '../contracts';
import {
	ARCHIVE_FORMAT,
	ARCHIVE_FORMAT_VERSION,
	FAMILY_STATE_PATH,
	MANIFEST_PATH,
	PLAN_STATE_PATH,
	type ArchiveManifest
} from './archive-format';
import { loadStoredDoc } from './plan-archive';
import type { ReadArchive } from './archive-reader';

export interface ImportTarget {
	store: AsyncDocStore;
	blobs: AsyncBlobStore;
	planId: string;
	userId: string;
	/** The documents this import may write (the importer's rights, or both for an admin's restore). */
	writes: Record<'plan' | 'family', boolean>;
	/** Writes what the import changed (the relay: open editors see it at once). */
	relay: ServerDocWriter;
	/** The words of the history entry an import from another school leaves in the plan. */
	describe: DescribeImport;
	/** The person importing has seen that the archive names the student differently, and agrees. */
	isOtherNameAccepted?: boolean;
}

export type ImportResult = ArchiveImportResult;

const badArchive = (detail: string) =>
	new ApiError(400, 'bad-archive', `This is not a Pathways plan archive we can read (${detail}).`);

const fileBusy = () =>
	new ApiError(
		409,
		'busy',
		'A file of this archive is being uploaded to this plan right now. Try the import again in a minute.'
	);

const archiveTooNew = () =>
	new ApiError(400, 'archive-too-new', 'This archive comes from a newer Pathways. Update Pathways first.');

/**
 * A wrong file picked from a folder of archives would put one student's plan into another's: an
 * archive naming someone else is refused until the person importing says it is the same student
 * (names are compared word by word, so "Okoye, Amara" is "Amara Okoye").
 */
function checkSameStudent(planDoc: Y.Doc, archivedName: string, isAccepted = false): void {
	if (isAccepted || !Plan.hasContent(planDoc)) return;
	const ourName = Plan.open(planDoc).plan.info().studentName;
	if (!ourName || !archivedName || isSameName(ourName, archivedName)) return;
	throw new ApiError(
		409,
		'other-student',
		`This archive holds the plan of ${archivedName}, but this is the plan of ${ourName}. Check that you chose the right file.`
	);
}

function readManifest(files: Map<string, Uint8Array>): ArchiveManifest {
	const raw = files.get(MANIFEST_PATH);
	if (!raw) throw badArchive(`${MANIFEST_PATH} is missing`);
	let manifest: ArchiveManifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(raw)) as ArchiveManifest;
	} catch {
		throw badArchive(`${MANIFEST_PATH} is not JSON`);
	}
	if (manifest.format !== ARCHIVE_FORMAT) throw badArchive('unknown format');
	if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) throw archiveTooNew();
	return manifest;
}

function readHead(file: string): Uint8Array {
	const fd = openSync(file, 'r');
	try {
		const head = Buffer.alloc(SNIFF_BYTES);
		return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
	} finally {
		closeSync(fd);
	}
}

export async function importPlanArchive(archive: ReadArchive, target: ImportTarget): Promise<ImportResult> {
	const manifest = readManifest(archive.data);
	const states = { plan: archive.data.get(PLAN_STATE_PATH), family: archive.data.get(FAMILY_STATE_PATH) };
	if (!states.plan || !states.family) throw badArchive('the plan data is missing');
	const kinds = (['plan', 'family'] as const).filter((kind) => target.writes[kind]);
	const docs = new Map(
		await Promise.all(
			kinds.map(
				async (kind) => [kind, await loadStoredDoc(target.store, docName(kind, target.planId))] as const
			)
		)
	);
	try {
		// Null for an archive of a plan nobody wrote in yet: it brings nothing to the plan document.
		const archived = readArchivedPlan(states.plan);
		if (archived && archived.schemaVersion > SCHEMA_VERSION) throw archiveTooNew();
		const planDoc = docs.get('plan');
		if (planDoc && archived) checkSameStudent(planDoc, archived.info.studentName, target.isOtherNameAccepted);
		// Evidence is attached to the plan document, so only someone who writes it brings files.
		const evidence = target.writes.plan ? manifest.evidence : [];
		for (const entry of evidence) {
			const content = archive.evidence.get(entry.path);
			if (!isBlobHash(entry.hash) || !content) throw badArchive(`evidence file ${entry.path} is missing`);
			if (content.sha256 !== entry.hash) throw badArchive(`evidence file ${entry.path} is damaged`);
			const detected = detectFileType(readHead(content.file), entry.mimeType);
			if (!detected) throw badArchive(`evidence file ${entry.path} is not a kind of file we accept`);
			const stored = await storeFile(
				target.blobs,
				{ planId: target.planId, hash: entry.hash, mimeType: detected.mimeType },
				(offset) => createReadStream(content.file, { start: offset, highWaterMark: FILE_CHUNK_BYTES })
			);
			if (stored.status === 'busy') throw fileBusy();
			if (stored.status === 'mismatch') throw badArchive(`evidence file ${entry.path} is damaged`);
			await target.blobs.linkToPlan(target.planId, entry.hash, target.userId);
		}
		const updates = new Map<DocKind, Uint8Array>();
		let replaced: InfoChange[] = [];
		if (planDoc && archived) {
			const merge = mergePlanState(planDoc, states.plan, archived, target.describe);
			if (merge.status === 'merged') {
				updates.set('plan', merge.update);
				replaced = merge.replaced;
			}
		}
		const familyDoc = docs.get('family');
		const familyUpdate = familyDoc && mergeFamilyState(familyDoc, states.family);
		if (familyUpdate) updates.set('family', familyUpdate);
		// One commit for both documents: an import is all or nothing.
		await target.relay.writeServerUpdates(
			[...updates].map(([kind, update]) => ({ docName: docName(kind, target.planId), update }))
		);
		return {
			planId: target.planId,
			files: evidence.length,
			isChanged: updates.size > 0,
			skipped: (['plan', 'family'] as const).filter((kind) => !target.writes[kind]),
			replaced
		};
	} finally {
		for (const doc of docs.values()) doc.destroy();
	}
}
