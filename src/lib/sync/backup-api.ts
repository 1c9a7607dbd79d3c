/** The admin's backup API (sync-server/src/backup/backup-routes.ts) and the whole-school archive. */
import { ApiError, NetworkError } from './api';

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

async function call(method: string, path: string, token: string): Promise<Response> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: { authorization: `Bearer ${token}` },
			cache: 'no-store'
		});
	} catch {
		throw new NetworkError();
	}
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as {
			error?: { code: string; message: string };
		} | null;
		throw new ApiError(response.status, body?.error?.code ?? 'error', body?.error?.message ?? '');
	}
	return response;
}

export const backupApi = {
	status: async (token: string) =>
		(await (await call('GET', '/api/admin/backup', token)).json()) as BackupStatus,
	backUpNow: async (token: string) =>
		(await (await call('POST', '/api/admin/backup', token)).json()) as BackupStatus,
	schoolArchive: async (token: string) => (await call('GET', '/api/school/export', token)).blob()
};
