/**
 * Sends one evidence file to the school's server in chunks (PUT /api/blobs/:hash, see
 * sync-server/src/blobs/blob-routes.ts). It first asks how far an earlier attempt got, and after
 * a dropped connection it continues from what the server confirmed: at most one chunk is sent
 * twice. The server checks the whole file's SHA-256 at the end.
 */
import { send } from './http';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export interface UploadTarget {
	planId: string;
	hash: string;
	data: Blob;
	/** The browser's type of the file, to tell WebM audio from WebM video. */
	mimeType: string;
}

export interface UploadOptions {
	token: string;
	/** '' in the app (same origin); the server's address in tests and benchmarks. */
	baseUrl?: string;
	chunkBytes?: number;
	/** Called after every chunk the server confirmed, with the bytes it has. */
	onProgress?: (sentBytes: number) => void;
	fetch?: typeof fetch;
}

export type UploadResult =
	| { outcome: 'done' }
	| { outcome: 'offline'; sentBytes: number }
	| { outcome: 'signed-out' }
	| { outcome: 'refused'; message: string };

interface ServerAnswer {
	received?: number;
	isComplete?: boolean;
	error?: { code: string; message: string };
}

export async function uploadFile(target: UploadTarget, options: UploadOptions): Promise<UploadResult> {
	const path = `/api/blobs/${target.hash}`;
	const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
	const total = target.data.size;
	let conflicts = 0;
	const via = { token: options.token, baseUrl: options.baseUrl, fetch: options.fetch };

	/** The server's status and words, or null when it could not be reached. */
	const call = async (
		method: string,
		url: string,
		chunk?: Blob
	): Promise<{ status: number; body: ServerAnswer } | null> => {
		try {
			const response = await send(method, url, {
				...via,
				...(chunk ? { raw: chunk, contentType: 'application/octet-stream' } : {})
			});
			return {
				status: response.status,
				body: ((await response.json().catch(() => ({}))) ?? {}) as ServerAnswer
			};
		} catch {
			return null;
		}
	};

	const status = await call('GET', `${path}/status?planId=${encodeURIComponent(target.planId)}`);
	if (!status) return { outcome: 'offline', sentBytes: 0 };
	if (status.status === 401) return { outcome: 'signed-out' };
	if (status.status !== 200) return { outcome: 'refused', message: status.body.error?.message ?? '' };
	if (status.body.isComplete) return { outcome: 'done' };
	let offset = status.body.received ?? 0;
	options.onProgress?.(offset);

	for (;;) {
		const chunk = target.data.slice(offset, Math.min(offset + chunkBytes, total));
		const query = new URLSearchParams({
			planId: target.planId,
			offset: String(offset),
			total: String(total),
			type: target.mimeType
		});
		const answer = await call('PUT', `${path}?${query}`, chunk);
		if (!answer) return { outcome: 'offline', sentBytes: offset };
		if (answer.status === 401) return { outcome: 'signed-out' };
		if (answer.status === 409 && typeof answer.body.received === 'number') {
			// Another attempt (or another tab) moved the upload on: continue from the server's count.
			offset = answer.body.received;
			// The server is still checking an earlier copy: try again on the next round.
			if (++conflicts > 20) return { outcome: 'offline', sentBytes: offset };
			continue;
		}
		if (answer.status !== 200) return { outcome: 'refused', message: answer.body.error?.message ?? '' };
		offset = answer.body.received ?? offset;
		options.onProgress?.(offset);
		if (answer.body.isComplete) return { outcome: 'done' };
	}
}
