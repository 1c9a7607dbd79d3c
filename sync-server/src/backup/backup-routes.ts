/**
 * - `GET /api/admin/backup` (admin): the last backup, the last one that succeeded, and the schedule;
 * - `POST /api/admin/backup` (admin): makes a backup now.
 */
import type { FastifyInstance } from 'fastify';
import type { BackupStatus } from '../../../src/lib/contracts/api';
import { requireRole } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError } from '../api/errors';
import { lastBackup } from './backup';
import type { BackupRunner } from './backup-schedule';

export function registerBackupRoutes(app: FastifyInstance, ctx: ApiContext, runner: BackupRunner): void {
	const { isEnabled, timeUtc, keep } = ctx.config.backup;

	app.get('/api/admin/backup', async (request): Promise<BackupStatus> => {
		requireRole(ctx, request, 'admin');
		return { ...lastBackup(ctx.db), schedule: { isEnabled, timeUtc, keep } };
	});

	app.post('/api/admin/backup', async (request, reply) => {
		requireRole(ctx, request, 'admin');
		try {
			await runner.runNow();
		} catch (error) {
			request.log.error({ err: error }, 'backup failed');
			throw new ApiError(
				500,
				'backup-failed',
				'The backup did not work. Check the server log and the backup folder.'
			);
		}
		return reply.code(201).send(lastBackup(ctx.db));
	});
}
