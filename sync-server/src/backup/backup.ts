/**
 * A backup is a folder `pathways-<UTC time>/` holding:
 * - `pathways.db`  a consistent copy of the database made with `VACUUM INTO` while the server keeps
 *   serving (SQLite copies one committed state; writers wait only for the copy, not for the files);
 * - `blobs/ab/<sha256>`  every evidence file the copied database knows, each re-hashed as it is
 *   copied (a file is hard-linked from the previous backup when it is already there: files never change);
 * - `manifest.json`  what is inside and that it was verified.
 * It is written as `….partial` and renamed when complete, so a half-made backup never looks whole.
 */
import type { BackupRun, BackupStatus } from '../../../src/lib/contracts/api';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	createReadStream,
	existsSync,
	linkSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DB_FILE_NAME, openDatabase, type Database } from '../db';

export const BACKUP_FORMAT = 'pathways-backup';
export const BACKUP_PREFIX = 'pathways-';

export interface BackupManifest {
	format: typeof BACKUP_FORMAT;
	formatVersion: 1;
	createdAt: string;
	databaseFile: string;
	blobs: { hash: string; size: number }[];
}

export type BackupRecord = BackupRun;

/** The SHA-256 of a file, read as a stream (evidence files can be hundreds of megabytes). */
export async function sha256File(file: string): Promise<string> {
	const digest = createHash('sha256');
	await pipeline(createReadStream(file), digest);
	return digest.digest('hex');
}

function stamp(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
}

/** Finished backups in a folder, newest first. */
export function listBackups(root: string): string[] {
	if (!existsSync(root)) return [];
	return readdirSync(root)
		.filter((name) => name.startsWith(BACKUP_PREFIX) && !name.endsWith('.partial'))
		.filter((name) => existsSync(path.join(root, name, 'manifest.json')))
		.sort()
		.reverse()
		.map((name) => path.join(root, name));
}

/** Copies one evidence file into a backup, checking its content against its name. */
async function copyBlob(
	source: string,
	target: string,
	hash: string,
	previous: string | undefined
): Promise<void> {
	mkdirSync(path.dirname(target), { recursive: true });
	if (previous && existsSync(previous)) {
		try {
			linkSync(previous, target);
			return;
		} catch {
			// Another disk, or links not allowed: copy instead.
		}
	}
	await copyFile(source, target);
	if ((await sha256File(target)) !== hash)
		throw new Error(`evidence file ${hash} is damaged on the server's disk`);
}

/**
 * Makes one backup of a live database and its evidence files; returns the backup's folder. Only
 * the database copy holds the event loop (briefly); files are copied asynchronously. A file added
 * after the copy is simply not in this backup, as its database rows are not either.
 */
export async function makeBackup(
	db: Database,
	dataDir: string,
	root: string,
	now: () => number
): Promise<string> {
	const startedAt = now();
	const row = db.prepare('INSERT INTO backups (started_at) VALUES (?) RETURNING id').get(startedAt) as {
		id: number;
	};
	const finalDir = path.join(root, `${BACKUP_PREFIX}${stamp(startedAt)}`);
	const partial = `${finalDir}.partial`;
	try {
		rmSync(partial, { recursive: true, force: true });
		mkdirSync(partial, { recursive: true });
		const previous = listBackups(root)[0];
		const dbCopy = path.join(partial, DB_FILE_NAME);
		db.prepare('VACUUM INTO ?').run(dbCopy);

		const copy = openDatabase(partial);
		let blobs: { hash: string; size: number }[];
		try {
			const check = copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
			if (check.integrity_check !== 'ok')
				throw new Error(`the copied database is damaged: ${check.integrity_check}`);
			blobs = (
				copy.prepare('SELECT hash, size FROM blobs ORDER BY hash').all() as { hash: string; size: number }[]
			).map((b) => ({ hash: b.hash, size: Number(b.size) }));
		} finally {
			copy.close();
		}
		for (const blob of blobs) {
			const relative = path.join('blobs', blob.hash.slice(0, 2), blob.hash);
			await copyBlob(
				path.join(dataDir, relative),
				path.join(partial, relative),
				blob.hash,
				previous && path.join(previous, relative)
			);
		}
		const manifest: BackupManifest = {
			format: BACKUP_FORMAT,
			formatVersion: 1,
			createdAt: new Date(startedAt).toISOString(),
			databaseFile: DB_FILE_NAME,
			blobs
		};
		writeFileSync(path.join(partial, 'manifest.json'), JSON.stringify(manifest, null, '\t'));
		if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });
		renameSync(partial, finalDir);
		db.prepare('UPDATE backups SET finished_at = ?, is_ok = 1, location = ? WHERE id = ?').run(
			now(),
			finalDir,
			row.id
		);
		return finalDir;
	} catch (error) {
		rmSync(partial, { recursive: true, force: true });
		const detail = error instanceof Error ? error.message : String(error);
		db.prepare('UPDATE backups SET finished_at = ?, is_ok = 0, detail = ? WHERE id = ?').run(
			now(),
			detail,
			row.id
		);
		throw error;
	}
}

/** Deletes the oldest backups beyond `keep`. */
export function pruneBackups(root: string, keep: number): string[] {
	const removed = listBackups(root).slice(keep);
	for (const dir of removed) rmSync(dir, { recursive: true, force: true });
	return removed;
}

export function lastBackup(db: Database): BackupStatus {
	const read = (where: string) => {
		const row = db
			.prepare(
				`SELECT started_at, finished_at, is_ok, location, detail FROM backups ${where} ORDER BY id DESC LIMIT 1`
			)
			.get() as
			| {
					started_at: number;
					finished_at: number | null;
					is_ok: number | null;
					location: string | null;
					detail: string | null;
			  }
			| undefined;
		if (!row) return null;
		return {
			startedAt: new Date(Number(row.started_at)).toISOString(),
			finishedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
			isOk: row.is_ok === null ? null : row.is_ok === 1,
			location: row.location,
			detail: row.detail
		};
	};
	return { last: read(''), lastSuccess: read('WHERE is_ok = 1') };
}

/**
 * Restores a backup into an empty data folder: checks the manifest, copies the database and every
 * evidence file (re-hashed), then opens the database once to check it and bring it up to date.
 */
export async function restoreBackup(backupDir: string, dataDir: string): Promise<{ blobs: number }> {
	const manifestFile = path.join(backupDir, 'manifest.json');
	if (!existsSync(manifestFile)) throw new Error(`${backupDir} is not a Pathways backup (no manifest.json).`);
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
	if (manifest.format !== BACKUP_FORMAT) throw new Error(`${backupDir} is not a Pathways backup.`);
	if (existsSync(path.join(dataDir, DB_FILE_NAME))) {
		throw new Error(`${dataDir} already holds a database. Restore into an empty folder.`);
	}
	if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
		throw new Error(`${dataDir} is not empty. Restore into an empty folder.`);
	}
	mkdirSync(dataDir, { recursive: true });
	copyFileSync(path.join(backupDir, manifest.databaseFile), path.join(dataDir, DB_FILE_NAME));
	for (const blob of manifest.blobs) {
		const relative = path.join('blobs', blob.hash.slice(0, 2), blob.hash);
		const target = path.join(dataDir, relative);
		mkdirSync(path.dirname(target), { recursive: true });
		await copyFile(path.join(backupDir, relative), target);
		if ((await sha256File(target)) !== blob.hash || statSync(target).size !== blob.size) {
			throw new Error(`evidence file ${blob.hash} in the backup is damaged.`);
		}
	}
	const db = openDatabase(dataDir);
	try {
		const check = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
		if (check.integrity_check !== 'ok')
			throw new Error(`the restored database is damaged: ${check.integrity_check}`);
	} finally {
		db.close();
	}
	return { blobs: manifest.blobs.length };
}
