/**
 * The plan archive's manifest and paths (format `pathways-plan`, docs/export-format.md): written by
 * the server's export, read by its import and by the app's import screen before anything is sent.
 */
import type { GuestRelation } from './confirmations';
import type { PlanSnapshot } from './plan';
import type { FamilyPart } from './family';
import { COLLECTION_NAMES, type CollectionName } from './schema';

export const ARCHIVE_FORMAT = 'pathways-plan';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'pathways-plan.json';
export const PLAN_STATE_PATH = 'yjs/plan.bin';
export const FAMILY_STATE_PATH = 'yjs/family.bin';

export interface ArchiveEvidence {
	hash: string;
	size: number;
	mimeType: string;
	/** Path of the file inside the archive. */
	path: string;
}

export interface ArchiveManifest {
	format: typeof ARCHIVE_FORMAT;
	formatVersion: number;
	exportedAt: string;
	planId: string;
	plan: PlanSnapshot;
	family: ReturnType<FamilyPart['snapshot']>;
	evidence: ArchiveEvidence[];
	/**
	 * Who from outside school confirmed which evidence (issue 17), oldest first. Archives written
	 * before December 2026 have none; the Yjs state holds them too.
	 */
	confirmations?: ArchiveConfirmation[];
}

/** "Confirmed by Rosa Díaz, employer, on 2026-08-02": one guest's confirmation of one piece of evidence. */
export interface ArchiveConfirmation {
	evidenceId: string;
	/** The evidence's title when the archive was written ('' when it was deleted since). */
	evidenceTitle: string;
	name: string;
	relation: GuestRelation;
	/** YYYY-MM-DD */
	date: string;
}

/** What an archive holds, as the import screen shows it before anything is sent. */
export interface ArchiveSummary {
	studentName: string;
	school: string;
	grade: string;
	exportedAt: string;
	/** Records in each part of the plan, in the editor's order. */
	sections: { name: CollectionName; count: number }[];
	/** "About me" questions with an answer. */
	profileAnswers: number;
	files: number;
	fileBytes: number;
	/** Family reflections and comments, and the family's own view when they wrote one. */
	familyEntries: number;
}

export function summarizeArchive(manifest: ArchiveManifest): ArchiveSummary {
	const { plan, family } = manifest;
	const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
	const written = (texts: Record<string, unknown> | undefined) =>
		Object.values(texts ?? {}).filter((text) => typeof text === 'string' && text.trim() !== '').length;
	const evidence = Array.isArray(manifest.evidence) ? manifest.evidence : [];
	return {
		studentName: plan.info?.studentName ?? '',
		school: plan.info?.school ?? '',
		grade: plan.info?.grade ?? '',
		exportedAt: manifest.exportedAt ?? '',
		sections: COLLECTION_NAMES.map((name) => ({ name, count: count(plan[name]) })),
		profileAnswers: written(plan.profile),
		files: evidence.length,
		fileBytes: evidence.reduce((sum, file) => sum + (Number(file.size) || 0), 0),
		familyEntries: count(family?.reflections) + count(family?.comments) + written(family?.view)
	};
}
