/**
 * Sending a plan archive to the server (`POST /api/plans/:planId/import`, or `/restore` for an
 * admin). An XMLHttpRequest rather than fetch: only it reports how much of the body has gone, and
 * an archive of video evidence can take minutes to send from a school's connection.
 */
import type { ArchiveImportResult, ArchiveLimits, ErrorBody } from '../contracts/api';
import { ApiError, NetworkError, request } from './api';

export interface SendArchive {
	token: string;
	planId: string;
	/** An admin restores (both parts of the plan); staff and students import the plan part. */
	isRestore: boolean;
	/** The person said the archive's student is this plan's student, though the names differ. */
	isSameStudent: boolean;
	onProgress: (fraction: number) => void;
}

export function sendArchive(file: Blob, options: SendArchive): Promise<ArchiveImportResult> {
	const route = options.isRestore ? 'restore' : 'import';
	const query = options.isSameStudent ? '?sameStudent=1' : '';
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', `/api/plans/${encodeURIComponent(options.planId)}/${route}${query}`);
		xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
		xhr.setRequestHeader('content-type', 'application/zip');
		xhr.responseType = 'json';
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
		};
		xhr.onload = () => {
			const body = xhr.response as (ArchiveImportResult & Partial<ErrorBody>) | null;
			if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body);
			reject(new ApiError(xhr.status, body?.error?.code ?? 'error', body?.error?.message ?? ''));
		};
		xhr.onerror = () => reject(new NetworkError());
		xhr.send(file);
	});
}

export const archiveLimits = (token: string) =>
	request<ArchiveLimits>('GET', '/api/archive-limits', { token });
