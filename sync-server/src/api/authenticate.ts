/** Who is asking: the bearer token of a request, checked against the database on every call. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../src/lib/plp/access';
import type { User } from '../auth/accounts';
import type { ApiContext } from './context';
import { ApiError, forbidden, notSignedIn } from './errors';

export interface Caller {
	user: User;
	sessionId: string;
	expiresAt: number;
	/** A student who left (src/auth/leavers.ts): reads and downloads their plan until then, nothing else. */
	readOnlyUntil?: number;
}

export function bearerToken(request: FastifyRequest): string | undefined {
	const header = request.headers.authorization;
	const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
	return match?.[1];
}

/**
 * The signed-in caller, or a 401 when there is no valid session for an active user. A student who
 * left gets 403 `archive-only` here: only the routes that call requireReader let them in.
 */
export function requireCaller(ctx: ApiContext, request: FastifyRequest): Caller {
	const caller = requireReader(ctx, request);
	if (caller.readOnlyUntil !== undefined) throw archiveOnly();
	return caller;
}

/**
 * For the few routes that only read a person's own things (who am I, sign out, the plan list, the
 * export, evidence files): also a student who left, within their period (`readOnlyUntil` set).
 */
export function requireReader(ctx: ApiContext, request: FastifyRequest): Caller {
	const token = bearerToken(request);
	const session = token ? ctx.sessions.find(token) : undefined;
	const user = session ? ctx.accounts.getUser(session.userId) : undefined;
	if (!session || !user) throw notSignedIn();
	if (user.isActive) return { user, sessionId: session.id, expiresAt: session.expiresAt };
	const until = ctx.leavers.readableUntil(user.id);
	if (until === null) throw notSignedIn();
	return { user, sessionId: session.id, expiresAt: session.expiresAt, readOnlyUntil: until };
}

/**
 * Every route a student who left may call (`METHOD path` as registered); `refuseLeaversElsewhere`
 * answers every other one with 403 before the route runs, so a new route is closed to them unless
 * it is added here.
 */
export const LEAVER_ROUTES: ReadonlySet<string> = new Set([
	'GET /api/me',
	'DELETE /api/session',
	'GET /api/plans',
	'GET /api/plans/:planId/export',
	'GET /api/blobs/:hash'
]);

/** An onRequest hook for the whole server: a leaver's token opens only LEAVER_ROUTES. */
export function refuseLeaversElsewhere(ctx: ApiContext) {
	return async (request: FastifyRequest): Promise<void> => {
		const token = bearerToken(request);
		if (token === undefined) return;
		const session = ctx.sessions.find(token);
		const user = session ? ctx.accounts.getUser(session.userId) : undefined;
		if (!user || user.isActive || ctx.leavers.readableUntil(user.id) === null) return;
		const method = request.method === 'HEAD' ? 'GET' : request.method;
		if (!LEAVER_ROUTES.has(`${method} ${request.routeOptions.url ?? ''}`)) throw archiveOnly();
	};
}

export const archiveOnly = () =>
	new ApiError(
		403,
		'archive-only',
		'You have left the school: you can read your plan and download it, but not change anything.'
	);

/** The caller, who must have one of the given roles (403 otherwise). */
export function requireRole(ctx: ApiContext, request: FastifyRequest, ...roles: Role[]): Caller {
	const caller = requireCaller(ctx, request);
	if (!roles.includes(caller.user.role)) throw forbidden();
	return caller;
}
