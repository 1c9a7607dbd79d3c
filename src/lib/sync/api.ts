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

export async function request<T>(
	method: string,
	path: string,
	options: { token?: string; body?: unknown } = {}
): Promise<T> {
	const headers: Record<string, string> = {};
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			cache: 'no-store'
		});
	} catch {
		throw new NetworkError();
	}
	if (response.status === 204) return undefined as T;
	const data: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		const error = (data as Partial<ErrorBody> | null)?.error;
		throw new ApiError(response.status, error?.code ?? 'error', personMessage(error));
	}
	return data as T;
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
