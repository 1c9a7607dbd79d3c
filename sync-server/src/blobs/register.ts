/** Evidence files, plan export/import and backups, added to the server in one call (server.ts). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../api/context';
import { registerBackupRoutes } from '../backup/backup-routes';
import { startBackupSchedule } from '../backup/backup-schedule';
import type { BackupClaim } from '../backup/backup-claim';
import { registerExportRoutes } from '../export/export-routes';
import { registerBlobRoutes } from './blob-routes';

export function registerEvidence(
	app: FastifyInstance,
	ctx: ApiContext,
	/** Which process makes the daily backup when several share the data folder. */
	backupClaim: BackupClaim
): void {
	registerBlobRoutes(app, ctx);
	registerExportRoutes(app, ctx);
	const { now } = ctx;
	const backups = startBackupSchedule({
		db: ctx.db,
		dataDir: ctx.config.dataDir,
		settings: ctx.config.backup,
		claim: backupClaim,
		now,
		log: app.log
	});
	registerBackupRoutes(app, ctx, backups);
	// Runs when the HTTP server closes, before server.ts closes the database.
	app.addHook('onClose', () => backups.stop());
}
