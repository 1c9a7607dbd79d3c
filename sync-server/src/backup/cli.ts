/**
 * `npm run backup` makes one backup now (the server may be running: SQLite lets this second
 * process copy one consistent state). `npm run restore <backup folder>` restores into DATA_DIR,
 * which must be empty. Settings come from the same environment variables as the server.
 */
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db';
import { makeBackup, pruneBackups, restoreBackup } from './backup';

async function main(args: string[]): Promise<void> {
	const config = loadConfig();
	const [command, target] = args;
	if (command === 'backup') {
		const db = openDatabase(config.dataDir);
		try {
			const dir = await makeBackup(db, config.dataDir, config.backup.dir, Date.now);
			const removed = pruneBackups(config.backup.dir, config.backup.keep);
			console.log(`Backup made: ${dir}`);
			if (removed.length > 0) console.log(`Old backups removed: ${removed.length}`);
		} finally {
			db.close();
		}
		return;
	}
	if (command === 'restore' && target) {
		const { blobs } = await restoreBackup(target, config.dataDir);
		console.log(
			`Restored ${target} into ${config.dataDir} (${blobs} evidence files). Start the server with npm run serve.`
		);
		return;
	}
	console.error('Usage: npm run backup | npm run restore <backup folder>');
	process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(error instanceof ConfigError ? error.message : `Failed: ${(error as Error).message}`);
	process.exitCode = 1;
});
