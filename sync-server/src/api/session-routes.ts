/** Sign in, sign out, and "who am I". */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGUAGES, type Language } from '../../../src/lib/messages/languages';
import { normalizeUsername } from '../auth/accounts';
import type { SignInAttempt } from '../auth/sign-in-guard';
import { DEVICE_COOKIE, DEVICE_TRUST_MS } from '../auth/trusted-devices';
import { requireCaller, requireReader } from './authenticate';
import type { ApiContext } from './context';
import { ApiError } from './errors';
import { iso, userView } from './views';

interface SignInBody {
	username: string;
	password: string;
}

const signInSchema = {
	body: {
		type: 'object',
		required: ['username', 'password'],
		additionalProperties: false,
		properties: {
			username: { type: 'string', minLength: 1, maxLength: 100 },
			password: { type: 'string', minLength: 1, maxLength: 200 }
		}
	}
} as const;

const languageSchema = {
	body: {
		type: 'object',
		required: ['language'],
		additionalProperties: false,
		properties: { language: { type: 'string', enum: LANGUAGES.map((language) => language.code) } }
	}
} as const;

export function tooManyAttempts(retryAfterSeconds: number): ApiError {
	const minutes = Math.ceil(retryAfterSeconds / 60);
	return new ApiError(
		429,
		'too-many-attempts',
		`Too many attempts that did not work. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
		{ 'retry-after': String(retryAfterSeconds) }
	);
}

/** The trusted-device cookie: only JavaScript-free requests to the sign-in route ever carry it. */
function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
	reply.setCookie(DEVICE_COOKIE, token, {
		path: '/api/session',
		httpOnly: true,
		sameSite: 'strict',
		secure: request.protocol === 'https',
		maxAge: DEVICE_TRUST_MS / 1000
	});
}

export function registerSessionRoutes(app: FastifyInstance, ctx: ApiContext): void {
	void app.register(fastifyCookie);

	app.post<{ Body: SignInBody }>('/api/session', { schema: signInSchema }, async (request, reply) => {
		const username = normalizeUsername(request.body.username);
		const user = ctx.accounts.findByUsername(username);
		const attempt: SignInAttempt = {
			username,
			address: request.ip,
			trustedDevice: ctx.devices.trustedFor(request.cookies[DEVICE_COOKIE], user?.id)
		};
		// Counted before the password is checked, so attempts sent at once cannot outrun the limit.
		const wait = await ctx.signInGuard.begin(attempt);
		if (wait > 0) throw tooManyAttempts(wait);

		// Unknown users cost the same scrypt as known ones, so timing does not reveal who exists.
		const isMatch = await ctx.passwords.verify(request.body.password, user?.passwordHash);
		if (!user || !isMatch) {
			throw new ApiError(
				401,
				'wrong-username-or-password',
				'That username and password do not match. Check them (capital letters count in the password) and try again.'
			);
		}
		await ctx.signInGuard.succeeded(attempt);
		// A student who graduated or left still signs in, for a while, to read and download their plan.
		if (!user.isActive && ctx.leavers.readableUntil(user.id) === null) {
			throw new ApiError(
				403,
				'account-inactive',
				"This account has been turned off. Ask your school's Pathways administrator to turn it back on."
			);
		}
		const deviceToken = ctx.devices.remember(user.id, attempt.trustedDevice);
		if (deviceToken !== null) setDeviceCookie(request, reply, deviceToken);
		ctx.sessions.purgeExpired();
		const session = ctx.sessions.create(user.id);
		return reply
			.code(201)
			.send({ token: session.token, expiresAt: iso(session.expiresAt), user: userView(ctx, user) });
	});

	app.delete('/api/session', async (request, reply) => {
		const caller = requireReader(ctx, request);
		ctx.sessions.delete(caller.sessionId);
		ctx.relay.closeSession(caller.sessionId);
		return reply.code(204).send();
	});

	app.get('/api/me', async (request) => {
		const caller = requireReader(ctx, request);
		return { user: userView(ctx, caller.user), expiresAt: iso(caller.expiresAt) };
	});

	// The person's own language: anyone signed in may set theirs, nobody else's.
	app.put<{ Body: { language: string } }>(
		'/api/me/language',
		{ schema: languageSchema },
		async (request, reply) => {
			const caller = requireCaller(ctx, request);
			ctx.accounts.setLanguage(caller.user.id, request.body.language as Language);
			return reply.code(204).send();
		}
	);
}
