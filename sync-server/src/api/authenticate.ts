/** Who is asking: the bearer token of a request, checked against the database on every call. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../src/lib/plp/access';
import type { User } from '../auth/accounts';
import type { ApiContext } from './context';
import { forbidden, notSignedIn } from './errors';

export interface Caller {
	user: User;
	sessionId: string;
	expiresAt: number;
}

export function bearerToken(request: FastifyRequest): string | undefined {
	const header = request.headers.authorization;
	const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
	return match?.[1];
}

/** The signed-in caller, or a 401 when there is no valid session for an active user. */
export function requireCaller(ctx: ApiContext, request: FastifyRequest): Caller {
	const token = bearerToken(request);
	const session = token ? ctx.sessions.find(token) : undefined;
	const user = session ? ctx.accounts.getUser(session.userId) : undefined;
	if (!session || !user?.isActive) throw notSignedIn();
	return { user, sessionId: session.id, expiresAt: session.expiresAt };
}

/** The caller, who must have one of the given roles (403 otherwise). */
export function requireRole(ctx: ApiContext, request: FastifyRequest, ...roles: Role[]): Caller {
	const caller = requireCaller(ctx, request);
	if (!roles.includes(caller.user.role)) throw forbidden();
	return caller;
}
