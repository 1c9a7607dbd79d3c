/**
 * Evidence files on the server's disk, addressed by their SHA-256: `${DATA_DIR}/blobs/ab/abcd…`.
 * A file arrives in chunks into `blobs/tmp/<planId>.<hash>`; the partial file's length is how far
 * the upload got, so a dropped connection resumes where it stopped. Once complete the content is
 * hashed again and only a matching file is moved into place (a rename, so it appears whole).
 * Files are immutable: the same content is stored once, whichever plans reference it. Uploads are
 * kept per plan, and a plan gets a file the server already has only by sending its bytes again:
 * knowing a hash proves nothing, having the bytes does.
 */
import { createHash } from 'node:crypto';
import {
	createReadStream,
	existsSync,
	mkdirSync,
	openSync,
	closeSync,
	writeSync,
	statSync,
	renameSync,
	rmSync
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../db';
import { transaction } from '../db';

export interface BlobInfo {
	hash: string;
	size: number;
	mimeType: string;
}

/** Where unfinished uploads and an import's unpacked files wait, on this machine's disk, on any engine. */
export function tmpDirOf(dataDir: string): string {
	return path.join(dataDir, 'blobs', 'tmp');
}

export class BlobStore {
	readonly root: string;
	readonly tmpDir: string;
	/** Uploads (plan and hash) being verified right now: a second request for one waits its turn (409). */
	readonly #finishing = new Set<string>();

	constructor(
		private readonly db: Database,
		dataDir: string,
		private readonly now: () => number
	) {
		this.root = path.join(dataDir, 'blobs');
		// Folders are made on the first upload: a server without evidence has no blobs/ folder.
		this.tmpDir = tmpDirOf(dataDir);
	}

	pathOf(hash: string): string {
		return path.join(this.root, hash.slice(0, 2), hash);
	}

	info(hash: string): BlobInfo | undefined {
		const row = this.db.prepare('SELECT hash, size, mime_type FROM blobs WHERE hash = ?').get(hash) as
			{ hash: string; size: number; mime_type: string } | undefined;
		return row ? { hash: row.hash, size: Number(row.size), mimeType: row.mime_type } : undefined;
	}

	/** Where one plan's unfinished upload of a file grows (plan ids have no dots, hashes are hex). */
	partialPath(planId: string, hash: string): string {
		return path.join(this.tmpDir, `${planId}.${hash}`);
	}

	/** Bytes of a plan's unfinished upload received so far (0 when none). */
	receivedBytes(planId: string, hash: string): number {
		const file = this.partialPath(planId, hash);
		return existsSync(file) ? statSync(file).size : 0;
	}

	isFinishing(planId: string, hash: string): boolean {
		return this.#finishing.has(this.partialPath(planId, hash));
	}

	/** Appends one chunk to an unfinished upload, whole or not at all (a failed write is cut back). */
	appendChunk(planId: string, hash: string, offset: number, chunk: Uint8Array): number {
		const file = this.partialPath(planId, hash);
		if (offset === 0) mkdirSync(this.tmpDir, { recursive: true });
		const fd = openSync(file, offset === 0 ? 'w' : 'r+');
		try {
			let written = 0;
			while (written < chunk.length) {
				written += writeSync(fd, chunk, written, chunk.length - written, offset + written);
			}
		} finally {
			closeSync(fd);
		}
		return offset + chunk.length;
	}

	/** Drops an unfinished upload (its hash did not match, or its type was refused). */
	discardPartial(planId: string, hash: string): void {
		rmSync(this.partialPath(planId, hash), { force: true });
	}

	/**
	 * Checks a plan's complete upload against its hash and moves it into the store (or drops it
	 * when the store has that content already). Returns false (and deletes the partial file) when
	 * the content does not have that hash.
	 */
	async finish(planId: string, hash: string, mimeType: string): Promise<boolean> {
		const partial = this.partialPath(planId, hash);
		this.#finishing.add(partial);
		try {
			const digest = createHash('sha256');
			await pipeline(createReadStream(partial), digest);
			if (digest.digest('hex') !== hash) {
				rmSync(partial, { force: true });
				return false;
			}
			if (this.info(hash)) rmSync(partial, { force: true });
			else this.putFile(hash, partial, mimeType);
			return true;
		} finally {
			this.#finishing.delete(partial);
		}
	}

	/** Moves a complete, already verified file into the store (an imported archive's evidence). */
	putFile(hash: string, file: string, mimeType: string): void {
		if (this.info(hash)) return;
		const target = this.pathOf(hash);
		mkdirSync(path.dirname(target), { recursive: true });
		renameSync(file, target);
		this.db
			.prepare('INSERT OR IGNORE INTO blobs (hash, size, mime_type, created_at) VALUES (?, ?, ?, ?)')
			.run(hash, statSync(target).size, mimeType, this.now());
	}

	/** Records that a plan references a file: from then on, whoever may read the plan may read it. */
	linkToPlan(planId: string, hash: string, userId: string): void {
		transaction(this.db, () => {
			this.db
				.prepare('INSERT OR IGNORE INTO plan_blobs (plan_id, hash, added_by, added_at) VALUES (?, ?, ?, ?)')
				.run(planId, hash, userId, this.now());
		});
	}

	isLinked(planId: string, hash: string): boolean {
		return (
			this.db.prepare('SELECT 1 FROM plan_blobs WHERE plan_id = ? AND hash = ?').get(planId, hash) !==
			undefined
		);
	}

	/** Plans that reference a file. */
	plansOf(hash: string): string[] {
		const rows = this.db.prepare('SELECT plan_id FROM plan_blobs WHERE hash = ?').all(hash) as {
			plan_id: string;
		}[];
		return rows.map((row) => row.plan_id);
	}

	/** Files a plan references, in the order they were added. */
	blobsOf(planId: string): BlobInfo[] {
		const rows = this.db
			.prepare(
				`SELECT b.hash, b.size, b.mime_type FROM plan_blobs p JOIN blobs b ON b.hash = p.hash
				 WHERE p.plan_id = ? ORDER BY p.added_at, b.hash`
			)
			.all(planId) as { hash: string; size: number; mime_type: string }[];
		return rows.map((row) => ({ hash: row.hash, size: Number(row.size), mimeType: row.mime_type }));
	}
}
