/**
 * Moving an installation's plan documents from its SQLite file into PostgreSQL (issue 19): a
 * school that started on the embedded default and now sets DATABASE_URL. Without the move, the
 * relay would start on an empty PostgreSQL and every plan no device still holds would look blank.
 *
 * Each document's updates are merged into one and appended to PostgreSQL's log, or only what
 * PostgreSQL lacks when it has the document already, so running the move again is harmless. Every
 * document is then read back from PostgreSQL and checked: applying the SQLite file's whole content
 * to it must change nothing. The SQLite rows stay where they are (the file is the fallback until a
 * backup of PostgreSQL exists); the file records up to which row it was moved, and a server started
 * with DATABASE_URL refuses to start while the file has rows newer than that.
 */
import * as Y from 'yjs';
import type { AsyncDocStore, DocStore } from '../contracts';
import type { Database } from '../db';

export interface MoveReport {
	/** Documents in the SQLite file. */
	documents: number;
	/** Of those, documents PostgreSQL had nothing of, and documents it lacked some updates of. */
	added: number;
	completed: number;
	/** Bytes appended to PostgreSQL. */
	bytes: number;
}

export class MoveError extends Error {
	override name = 'MoveError';
}

function newestSeq(db: Database): number {
	const row = db.prepare('SELECT max(seq) AS seq FROM doc_updates').get() as { seq: number | null };
	return row.seq ?? 0;
}

function movedUpTo(db: Database): number | undefined {
	const row = db.prepare('SELECT max(last_seq) AS seq FROM postgres_moves').get() as { seq: number | null };
	return row.seq ?? undefined;
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

/**
 * Moves every document of the SQLite file into `target`, checks each one, and records the move in
 * the file. Throws a MoveError naming the first document that does not compare equal (nothing is
 * recorded then; what was appended stays, and a second run completes it).
 */
export async function moveDocumentsToPostgres(
	db: Database,
	source: DocStore,
	target: AsyncDocStore,
	options: { now?: () => number; onProgress?: (done: number, total: number) => void } = {}
): Promise<MoveReport> {
	const upTo = newestSeq(db);
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
		options.onProgress?.(index + 1, names.length);
	}
	db.prepare('INSERT INTO postgres_moves (moved_at, last_seq, documents) VALUES (?, ?, ?)').run(
		(options.now ?? Date.now)(),
		upTo,
		names.length
	);
	return report;
}

/**
 * For a server starting with DATABASE_URL: refuses when the SQLite file has plan documents that
 * were never moved to PostgreSQL, or words written there since the last move.
 */
export function assertMovedToPostgres(db: Database): void {
	const newest = newestSeq(db);
	if (newest === 0) return;
	const moved = movedUpTo(db);
	if (moved !== undefined && moved >= newest) return;
	throw new MoveError(
		moved === undefined
			? 'DATABASE_URL is set, but the plans of this data folder are still in its SQLite file. Move them first: npm run move-to-postgres (docs/deploy.md), then start again.'
			: "DATABASE_URL is set, but this data folder's SQLite file has plan words written after its move to PostgreSQL. Run npm run move-to-postgres again (it adds only what is missing), then start again."
	);
}
