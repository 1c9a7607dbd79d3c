/**
 * `npm run move-to-postgres`: moves the plan documents of DATA_DIR's SQLite file, its evidence
 * files, its audit log and its proficiency frameworks into the PostgreSQL database of DATABASE_URL (storage/move-to-postgres.ts), checks every
 * one, and prints what it did. Stop the servers first (or run it again after: it adds only what is missing).
 */
import { ConfigError, loadConfig } from '../config';
import { DiskBlobStoreAdapter } from '../blobs/async-blob-store';
import { BlobStore } from '../blobs/blob-store';
import { PostgresBlobStore } from '../blobs/postgres-blob-store';
import { openDatabase } from '../db';
import { openPostgres } from '../postgres/database';
import { moveToPostgres, MoveError } from './move-to-postgres';
import { PostgresDocStore } from './postgres-doc-store';
import { createDocStore } from './sqlite-doc-store';

async function main(): Promise<void> {
	const config = loadConfig();
	if (config.databaseUrl === null) {
		throw new ConfigError(
			'Set DATABASE_URL to the PostgreSQL database to move the plans into (postgres://…).'
		);
	}
	const db = openDatabase(config.dataDir);
	const source = createDocStore(db);
	const pool = await openPostgres(config.databaseUrl);
	const target = new PostgresDocStore(pool);
	try {
		console.log(`Moving the plans of ${config.dataDir} into PostgreSQL…`);
		let shown = 0;
		const {
			documents: report,
			evidence,
			audit,
			frameworks
		} = await moveToPostgres(
			db,
			{
				documents: { source, target },
				evidence: {
					source: new DiskBlobStoreAdapter(new BlobStore(db, config.dataDir, Date.now)),
					target: new PostgresBlobStore(pool)
				},
				audit: { target: pool },
				frameworks: { target: pool }
			},
			{
				onProgress: (done, total) => {
					if (done === total || done - shown >= 500) {
						shown = done;
						console.log(`  ${done} of ${total} documents checked`);
					}
				}
			}
		);
		console.log(
			`Done: ${report.documents} documents; ${report.added} added, ${report.completed} completed, ` +
				`${report.documents - report.added - report.completed} already there (${report.bytes} bytes written). ` +
				'Every one was read back and holds all the SQLite file has.'
		);
		if (evidence) {
			console.log(
				`Evidence: ${evidence.files} files; ${evidence.copied} copied (${evidence.bytes} bytes), ` +
					`${evidence.links} links to plans made; each checked against its SHA-256 and size.`
			);
		}
		if (audit) {
			console.log(
				`Audit log: ${audit.entries} entries; ${audit.copied} copied now, each compared with what PostgreSQL stored.`
			);
		}
		if (frameworks) {
			console.log(
				`Proficiency frameworks: ${frameworks.versions} versions; ${frameworks.copied} copied now, each compared with what PostgreSQL stored.`
			);
		}
		console.log('Start the servers with DATABASE_URL now.');
	} finally {
		await target.close();
		await pool.end();
		source.close();
		db.close();
	}
}

main().catch((error: unknown) => {
	const known = error instanceof MoveError || error instanceof ConfigError;
	console.error(known ? (error as Error).message : `Failed: ${(error as Error).message}`);
	process.exitCode = 1;
});
