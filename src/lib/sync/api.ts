import { t } from '../messages';
import type { ErrorBody, PlanView, SignInResponse, UserView } from '../plp/api-types';

/** The server answered, and said no: `message` is for the person. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** The server could not be reached (offline, or the school's server is down). */
export class NetworkError extends Error {
	constructor() {
		super(t.sync.cannotReach);
	}
}

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
 * The one place the app talks HTTP to its server: it adds the token, never caches, and turns a
 * dropped connection into a NetworkError. Callers that read every status themselves (the
 * resumable uploader) use this; everything else uses `request`.
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
	try {
		return await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${path}`, {
			method,
			headers,
			body,
			cache: 'no-store'
		});
	} catch {
		throw new NetworkError();
	}
}

/** A request whose refusal becomes an ApiError with words for the person. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
	const response = await send(method, path, options);
	if (!response.ok) {
		const data: unknown = await response.json().catch(() => null);
		const error = (data as Partial<ErrorBody> | null)?.error;
		throw new ApiError(response.status, error?.code ?? 'error', personMessage(error));
	}
	if (response.status === 204) return undefined as T;
	try {
		if (options.as === 'blob') return (await response.blob()) as T;
		if (options.as === 'bytes') return new Uint8Array(await response.arrayBuffer()) as T;
		return (await response.json().catch(() => null)) as T;
	} catch {
		// The connection dropped while the answer was arriving.
		throw new NetworkError();
	}
}

/** The small REST API of the school's Pathways server. Components call services, services call this. */
export const api = {
	signIn: (username: string, password: string) =>
		request<SignInResponse>('POST', '/api/session', { body: { username, password } }),
	signOut: (token: string) => request<void>('DELETE', '/api/session', { token }),
	me: (token: string) => request<{ user: UserView; expiresAt: string }>('GET', '/api/me', { token }),
	plans: (token: string) => request<{ plans: PlanView[] }>('GET', '/api/plans', { token }),
	redeemInvite: (body: {
		code: string;
		username: string;
		password: string;
		displayName: string;
		language: string;
	}) => request<SignInResponse>('POST', '/api/invites/redeem', { body }),
	createInvite: (token: string, planId: string) =>
		request<{ code: string; expiresAt: string; studentId: string; studentName: string }>(
			'POST',
			'/api/invites',
			{ token, body: { planId } }
		),
	setLanguage: (token: string, language: string) =>
		request<void>('PUT', '/api/me/language', { token, body: { language } })
};

/**
 * What to tell the person, in their language: our own words for the answers people meet (a wrong
 * password, a used invite code), else the server's English words, else a general apology.
 */
function personMessage(error: Partial<ErrorBody['error']> | undefined): string {
	const code = error?.code ?? '';
	const ours = (t.errors as Record<string, string>)[code];
	return ours ?? error?.message ?? t.sync.serverError;
}
