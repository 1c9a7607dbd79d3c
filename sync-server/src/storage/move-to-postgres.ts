/**
 * Moving an installation's plan documents, evidence files, audit log and proficiency frameworks
 * from its SQLite file into
 * PostgreSQL (issue 19): a school that started on the embedded default and now sets DATABASE_URL.
 * Without the move, the relay would start on an empty PostgreSQL and every plan no device still
 * holds would look blank.
 *
 * Each document's updates are merged into one and appended to PostgreSQL's log, or only what
 * PostgreSQL lacks when it has the document already, so running the move again is harmless. Every
 * document is then read back from PostgreSQL and checked: applying the SQLite file's whole content
 * to it must change nothing. The SQLite rows stay where they are (the file is the fallback until a
 * backup of PostgreSQL exists); the file records up to which row it was moved, and a server started
 * with DATABASE_URL refuses to start while the file has rows newer than that. Audit entries are
 * copied in one transaction and compared row by row (moveAuditEntries), and so are the frameworks'
 * versions (moveFrameworkVersions).
 */
import * as Y from 'yjs';
import type { AsyncBlobStore, AsyncDocStore, DocStore, StoredAuditEntry } from '../contracts';
import type { Database } from '../db';
import { readFrom, storeFile } from '../blobs/store-file';
import { AUDIT_COLUMNS, auditEntryOf } from '../audit/audit-log';
import { moveAuditEntries, type AuditMoveReport } from '../audit/postgres-audit-log';
import type { PostgresPool } from '../postgres/database';
import { allRecords, recordOf } from './rows';
import {
	moveFrameworkVersions,
	type FrameworkMoveReport,
	type FrameworkVersionRow
} from '../proficiencies/postgres-framework-store';

/** Audit entries read from the SQLite file per page of a move. */
const AUDIT_PAGE = 1000;

export interface MoveReport {
	/** Documents in the SQLite file. */
	documents: number;
	/** Of those, documents PostgreSQL had nothing of, and documents it lacked some updates of. */
	added: number;
	completed: number;
	/** Bytes appended to PostgreSQL. */
	bytes: number;
}

export interface EvidenceMoveReport {
	/** Evidence files in the data folder, files copied now, and plan links made now. */
	files: number;
	copied: number;
	links: number;
	bytes: number;
}

export class MoveError extends Error {
	override name = 'MoveError';
}

/**
 * Where the data folder's writes are: the newest document row, the newest link of evidence to a
 * plan, the newest audit entry, the newest framework version (its rowid: rows are never deleted).
 */
interface WritesUpTo {
	seq: number;
	evidenceAt: number;
	auditId: number;
	frameworkRow: number;
}

type WritesRow = {
	seq: number | null;
	evidence_at: number | null;
	audit_id: number | null;
	framework_row: number | null;
};

const writesOf = (row: WritesRow): WritesUpTo => ({
	seq: Number(row.seq ?? 0),
	evidenceAt: Number(row.evidence_at ?? 0),
	auditId: Number(row.audit_id ?? 0),
	frameworkRow: Number(row.framework_row ?? 0)
});

function newestWrites(db: Database): WritesUpTo {
	return writesOf(
		db
			.prepare(
				`SELECT (SELECT max(seq) FROM doc_updates) AS seq, (SELECT max(added_at) FROM plan_blobs) AS evidence_at,
				 (SELECT max(id) FROM audit_log) AS audit_id, (SELECT max(rowid) FROM proficiency_frameworks) AS framework_row`
			)
			.get() as WritesRow
	);
}

function movedUpTo(db: Database): WritesUpTo {
	return writesOf(
		db
			.prepare(
				`SELECT max(last_seq) AS seq, max(last_evidence_at) AS evidence_at, max(last_audit_id) AS audit_id,
				 max(last_framework_row) AS framework_row FROM postgres_moves`
			)
			.get() as WritesRow
	);
}

/** Whether PostgreSQL holds everything `update` holds: applying it to what PostgreSQL has changes nothing. */
function holds(stored: Uint8Array[], update: Uint8Array): boolean {
	const doc = new Y.Doc({ gc: false });
	for (const part of stored) Y.applyUpdate(doc, part);
	const before = Y.encodeStateAsUpdate(doc);
	Y.applyUpdate(doc, update);
	const after = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return before.length === after.length && before.every((byte, index) => byte === after[index]);
}

/** Every document up to row `upTo` into `target`, each checked; a MoveError names the first that is not equal. */
async function moveDocuments(
	db: Database,
	source: DocStore,
	target: AsyncDocStore,
	upTo: number,
	onProgress?: (done: number, total: number) => void
): Promise<MoveReport> {
	const names = (
		db.prepare('SELECT DISTINCT doc FROM doc_updates WHERE seq <= ? ORDER BY doc').all(upTo) as {
			doc: string;
		}[]
	).map((row) => row.doc);
	const report: MoveReport = { documents: names.length, added: 0, completed: 0, bytes: 0 };
	for (const [index, docName] of names.entries()) {
		const content = Y.mergeUpdates(source.loadUpdates(docName));
		const stored = await target.loadUpdates(docName);
		let missing: Uint8Array | undefined = content;
		if (stored.length > 0) {
			missing = holds(stored, content)
				? undefined
				: Y.diffUpdate(content, Y.encodeStateVectorFromUpdate(Y.mergeUpdates(stored)));
		}
		if (missing !== undefined) {
			await target.appendUpdates([{ docName, update: missing }]);
			report.bytes += missing.byteLength;
			if (stored.length === 0) report.added++;
			else report.completed++;
		}
		if (!holds(await target.loadUpdates(docName), content)) {
			throw new MoveError(
				`The document ${docName} in PostgreSQL does not hold everything the SQLite file has.`
			);
		}
		onProgress?.(index + 1, names.length);
	}
	return report;
}

export interface MoveParts {
	documents: { source: DocStore; target: AsyncDocStore };
	/** Only where the server keeps evidence in PostgreSQL too. */
	evidence?: { source: AsyncBlobStore; target: AsyncBlobStore };
	/** The PostgreSQL database the SQLite file's audit log goes into. */
	audit?: { target: PostgresPool };
	/** The PostgreSQL database the SQLite file's proficiency frameworks go into. */
	frameworks?: { target: PostgresPool };
}

/**
 * Moves every plan document (and evidence file, when given) of the data folder into PostgreSQL,
 * checks each one, and records the move in the SQLite file. Throws a MoveError naming the first
 * thing that does not compare equal: nothing is recorded then, what was copied stays, and a second
 * run completes it.
 */
export async function moveToPostgres(
	db: Database,
	parts: MoveParts,
	options: { now?: () => number; onProgress?: (done: number, total: number) => void } = {}
): Promise<{
	documents: MoveReport;
	evidence?: EvidenceMoveReport;
	audit?: AuditMoveReport;
	frameworks?: FrameworkMoveReport;
}> {
	const upTo = newestWrites(db);
	const documents = await moveDocuments(
		db,
		parts.documents.source,
		parts.documents.target,
		upTo.seq,
		options.onProgress
	);
	const evidence = parts.evidence && (await moveEvidence(db, parts.evidence.source, parts.evidence.target));
	const audit = parts.audit && (await moveAuditEntries(parts.audit.target, auditSource(db, upTo.auditId)));
	const frameworks =
		parts.frameworks &&
		(await moveFrameworkVersions(
			parts.frameworks.target,
			frameworkVersions(db, upTo.frameworkRow),
			(message) => new MoveError(message)
		));
	db.prepare(
		`INSERT INTO postgres_moves (moved_at, last_seq, documents, last_evidence_at, evidence_files, last_audit_id, audit_entries,
		 last_framework_row, framework_versions)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		(options.now ?? Date.now)(),
		upTo.seq,
		documents.documents,
		evidence ? upTo.evidenceAt : 0,
		evidence?.files ?? 0,
		audit ? upTo.auditId : 0,
		audit?.entries ?? 0,
		frameworks ? upTo.frameworkRow : 0,
		frameworks?.versions ?? 0
	);
	return { documents, evidence, audit, frameworks };
}

/** Every school's framework versions in the SQLite file, up to row `upTo`. */
function frameworkVersions(db: Database, upTo: number): FrameworkVersionRow[] {
	const statement = db.prepare(
		`SELECT school_id, version, created_at, created_by, content FROM proficiency_frameworks
		 WHERE rowid <= ? ORDER BY school_id, version`
	);
	return allRecords(statement, (row) => recordOf<FrameworkVersionRow>(row), upTo);
}

/** The SQLite file's audit entries up to `upTo`, as moveAuditEntries reads them, under the file's own id. */
function auditSource(db: Database, upTo: number) {
	const { id } = db.prepare('SELECT id FROM installation').get() as { id: string };
	const { n } = db.prepare('SELECT count(*) AS n FROM audit_log WHERE id <= ?').get(upTo) as { n: number };
	const page = db.prepare(
		`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ${AUDIT_PAGE}`
	);
	return {
		id,
		total: Number(n),
		upTo,
		pageAfter: (afterId: number, last: number): StoredAuditEntry[] =>
			(page.all(afterId, last) as Record<string, unknown>[]).map(auditEntryOf)
	};
}

/**
 * For a server starting with DATABASE_URL: refuses when the SQLite file has plan documents (or,
 * where the server keeps them in PostgreSQL too, evidence, audit entries or frameworks) never
 * moved to PostgreSQL, or written there since the last move.
 */
export function assertMovedToPostgres(
	db: Database,
	uses: { evidence: boolean; audit: boolean; frameworks: boolean }
): void {
	const newest = newestWrites(db);
	const moved = movedUpTo(db);
	const isPending =
		newest.seq > moved.seq ||
		(uses.evidence && newest.evidenceAt > moved.evidenceAt) ||
		(uses.audit && newest.auditId > moved.auditId) ||
		(uses.frameworks && newest.frameworkRow > moved.frameworkRow);
	if (!isPending) return;
	const isFirst =
		moved.seq === 0 && moved.evidenceAt === 0 && moved.auditId === 0 && moved.frameworkRow === 0;
	throw new MoveError(
		isFirst
			? 'DATABASE_URL is set, but the plans of this data folder are still in its SQLite file. Move them first: npm run move-to-postgres (docs/deploy.md), then start again.'
			: "DATABASE_URL is set, but this data folder's SQLite file has plan words, evidence, audit entries or frameworks written after its move to PostgreSQL. Run npm run move-to-postgres again (it adds only what is missing), then start again."
	);
}

/**
 * Copies every evidence file of the data folder (its SQLite `blobs` and the plans that reference
 * each, `plan_blobs`) into `target`, through the same steps an upload takes: chunks into the
 * first plan's upload, then `finish`, which checks the file against its SHA-256. A file the target
 * has already is not copied again; an upload a run left unfinished goes on where it stopped.
 */
async function moveEvidence(
	db: Database,
	source: AsyncBlobStore,
	target: AsyncBlobStore
): Promise<EvidenceMoveReport> {
	const files = db.prepare('SELECT hash, size, mime_type FROM blobs ORDER BY created_at, hash').all() as {
		hash: string;
		size: number;
		mime_type: string;
	}[];
	const linksOf = db.prepare(
		'SELECT plan_id, added_by FROM plan_blobs WHERE hash = ? ORDER BY added_at, plan_id'
	);
	const report: EvidenceMoveReport = { files: files.length, copied: 0, links: 0, bytes: 0 };
	for (const file of files) {
		const links = linksOf.all(file.hash) as { plan_id: string; added_by: string }[];
		// A file no plan references any more is nobody's to read: nothing to move.
		const first = links[0];
		if (first === undefined) continue;
		const stored = await storeFile(
			target,
			{ planId: first.plan_id, hash: file.hash, mimeType: file.mime_type },
			(offset) => readFrom(source, file.hash, offset)
		);
		report.bytes += stored.bytes;
		if (stored.status === 'busy') {
			throw new MoveError(
				`The evidence file ${file.hash} could not be copied (another upload of it is running).`
			);
		}
		if (stored.status === 'mismatch') {
			throw new MoveError(
				`The evidence file ${file.hash} in the data folder does not match its SHA-256: it was not moved.`
			);
		}
		if (stored.status === 'stored') report.copied++;
		if ((await target.info(file.hash))?.size !== Number(file.size)) {
			throw new MoveError(
				`The evidence file ${file.hash} in PostgreSQL is not the size the data folder records.`
			);
		}
		for (const link of links) {
			if (await target.isLinked(link.plan_id, file.hash)) continue;
			await target.linkToPlan(link.plan_id, file.hash, link.added_by);
			report.links++;
		}
	}
	return report;
}
