/** The admin's backup API (sync-server/src/backup/backup-routes.ts) and the whole-school archive. */
import type { BackupStatus } from '../contracts/api';
import { request } from './api';

export type { BackupRun, BackupStatus } from '../contracts/api';

export const backupApi = {
	status: (token: string) => request<BackupStatus>('GET', '/api/admin/backup', { token }),
	backUpNow: (token: string) => request<BackupStatus>('POST', '/api/admin/backup', { token }),
	schoolArchive: (token: string) => request<Blob>('GET', '/api/school/export', { token, as: 'blob' })
};
