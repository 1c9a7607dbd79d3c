/** The admin's backup API (sync-server/src/backup/backup-routes.ts) and the whole-school archive. */
import { request } from './api';

export interface BackupRun {
	startedAt: string;
	finishedAt: string | null;
	isOk: boolean | null;
	location: string | null;
	detail: string | null;
}

export interface BackupStatus {
	last: BackupRun | null;
	lastSuccess: BackupRun | null;
	schedule?: { isEnabled: boolean; timeUtc: string; keep: number };
}

export const backupApi = {
	status: (token: string) => request<BackupStatus>('GET', '/api/admin/backup', { token }),
	backUpNow: (token: string) => request<BackupStatus>('POST', '/api/admin/backup', { token }),
	schoolArchive: (token: string) => request<Blob>('GET', '/api/school/export', { token, as: 'blob' })
};
