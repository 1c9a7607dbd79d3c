import { t } from '../messages';
import type { ErrorBody, PlanView, SignInResponse, UserView } from '../contracts/api';
import type { ApiErrorCode } from '../contracts/errors';
import { send, type RequestOptions } from './http';

export { send, type AnswerAs, type RequestOptions } from './http';

/** The server answered, and said no: `message` is for the person. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		/** The server's code; `error` when the answer had none (a proxy's page, say). */
		readonly code: ApiErrorCode | 'error',
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

/** A request whose refusal becomes an ApiError with words for the person. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
	let response: Response;
	try {
		response = await send(method, path, options);
	} catch {
		throw new NetworkError();
	}
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
	const ours = error?.code ? (t.errors as Partial<Record<ApiErrorCode, string>>)[error.code] : undefined;
	return ours ?? error?.message ?? t.sync.serverError;
}
