/** How an answer is read: JSON (the default), a file, or the raw bytes of a binary protocol. */
export type AnswerAs = 'json' | 'blob' | 'bytes';

export interface RequestOptions {
	token?: string;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as it is (a Yjs update, a file chunk), with `contentType`. */
	raw?: BodyInit;
	contentType?: string;
	headers?: Record<string, string>;
	as?: AnswerAs;
	/** The server's address in tests and benchmarks; '' (same origin) in the app. */
	baseUrl?: string;
	fetch?: typeof fetch;
}

/**
 * The one place the app talks HTTP to its server: it adds the token and never caches. A dropped
 * connection throws fetch's own error. Callers that read every status themselves (the resumable
 * uploader) use this; everything else uses `request` in api.ts, which words refusals.
 * No Svelte and no words here, so Node tools (the benchmarks) can use it too.
 */
export async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	let body: BodyInit | undefined;
	if (options.raw !== undefined) {
		body = options.raw;
		if (options.contentType) headers['content-type'] = options.contentType;
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	return (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${path}`, {
		method,
		headers,
		body,
		cache: 'no-store'
	});
}
