/** Family invite codes: created by staff (their caseload) or an admin (their school), redeemed by a guardian. */
import type { FastifyInstance } from 'fastify';
import { LANGUAGES, type Language } from '../../../src/lib/messages/languages';
import { isValidUsername, normalizeUsername, UsernameTakenError } from '../auth/accounts';
import { InviteError, type InviteState } from '../auth/invites';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { bearerToken, requireCaller, requireRole } from './authenticate';
import type { ApiContext } from './context';
import { ApiError, forbidden, notFound } from './errors';
import { tooManyAttempts } from './session-routes';
import { iso, userView } from './views';

/** The student, by their id or by their plan's id (what a device with the plan open knows). */
type CreateInviteBody = { studentId: string } | { planId: string };

interface RedeemBody {
	code: string;
	/** The three below create a new guardian account; a signed-in guardian sends only the code. */
	username?: string;
	password?: string;
	displayName?: string;
	/** The language the family chose on the join page; their account keeps it. */
	language?: string;
}

const createSchema = {
	body: {
		type: 'object',
		additionalProperties: false,
		minProperties: 1,
		maxProperties: 1,
		properties: {
			studentId: { type: 'string', minLength: 1, maxLength: 100 },
			planId: { type: 'string', minLength: 1, maxLength: 100 }
		}
	}
} as const;

const redeemSchema = {
	body: {
		type: 'object',
		required: ['code'],
		additionalProperties: false,
		properties: {
			code: { type: 'string', minLength: 1, maxLength: 40 },
			username: { type: 'string', minLength: 1, maxLength: 100 },
			language: { type: 'string', enum: LANGUAGES.map((language) => language.code) },
			password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
			displayName: { type: 'string', minLength: 1, maxLength: 100 }
		}
	}
} as const;

export function inviteProblem(state: Exclude<InviteState, 'valid'>): ApiError {
	switch (state) {
		case 'unknown':
			return new ApiError(
				404,
				'invite-not-found',
				'We do not recognise that invite code. Check it letter by letter, or ask the school for a new one.'
			);
		case 'used':
			return new ApiError(
				410,
				'invite-used',
				'This invite code has already been used. If that was not you, ask the school for a new code.'
			);
		case 'expired':
			return new ApiError(
				410,
				'invite-expired',
				'This invite code has expired. Ask the school for a new one.'
			);
	}
}

export function usernameProblem(username: string): ApiError | undefined {
	if (isValidUsername(username)) return undefined;
	return new ApiError(
		400,
		'invalid-username',
		'Choose a username of 3 to 40 characters: letters, digits, dots, dashes or underscores, starting with a letter or digit.'
	);
}

export function passwordProblem(password: string): ApiError | undefined {
	if (password.length >= MIN_PASSWORD_LENGTH) return undefined;
	return new ApiError(
		400,
		'weak-password',
		`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`
	);
}

export const usernameTaken = () =>
	new ApiError(409, 'username-taken', 'That username is already taken. Please choose another one.');

/** Runs a redemption, turning its failures into answers a person can act on. */
function redeemOrExplain<T>(redeem: () => T): T {
	try {
		return redeem();
	} catch (error) {
		if (error instanceof InviteError) throw inviteProblem(error.state);
		if (error instanceof UsernameTakenError) throw usernameTaken();
		throw error;
	}
}

export function registerInviteRoutes(app: FastifyInstance, ctx: ApiContext): void {
	app.post<{ Body: CreateInviteBody }>('/api/invites', { schema: createSchema }, async (request, reply) => {
		const caller = requireRole(ctx, request, 'staff', 'admin');
		const body = request.body;
		const student =
			'planId' in body ? ctx.accounts.planById(body.planId) : ctx.accounts.studentPlan(body.studentId);
		const isAllowed =
			student !== undefined &&
			(caller.user.role === 'admin'
				? student.schoolId === caller.user.schoolId
				: ctx.accounts.isInCaseload(caller.user.id, student.studentId));
		if (!isAllowed) throw student ? forbidden() : notFound('student');
		const invite = ctx.invites.create(student.studentId, caller.user.id);
		return reply.code(201).send({
			code: invite.code,
			expiresAt: iso(invite.expiresAt),
			studentId: student.studentId,
			studentName: student.studentName
		});
	});

	app.post<{ Body: RedeemBody }>('/api/invites/redeem', { schema: redeemSchema }, async (request, reply) => {
		const ipKey = `ip:${request.ip}`;
		// Guessing codes is the attack here. Counted apart from sign-ins: a school's shared address
		// reaching this limit blocks invite codes only, never a student's sign-in. Counted before
		// the check (one step, also across processes), taken back when the code is a real one.
		const wait = await ctx.inviteThrottle.begin(ipKey);
		if (wait > 0) throw tooManyAttempts(wait);
		const { code, password } = request.body;
		const state = ctx.invites.check(code);
		if (state !== 'unknown') await ctx.inviteThrottle.forgive(ipKey);
		if (state !== 'valid') throw inviteProblem(state);
		if (bearerToken(request) !== undefined) {
			// A guardian who already has an account adds a second child.
			const caller = requireCaller(ctx, request);
			if (caller.user.role !== 'guardian') {
				throw new ApiError(
					403,
					'not-a-family-account',
					'Invite codes are for family accounts. Sign out first, then use the code to create one.'
				);
			}
			const linked = redeemOrExplain(() => ctx.invites.redeemForGuardian(code, caller.user.id));
			return reply.code(200).send({ user: userView(ctx, caller.user), studentId: linked.studentId });
		}
		if (
			password === undefined ||
			request.body.username === undefined ||
			request.body.displayName === undefined
		) {
			throw new ApiError(
				400,
				'missing-details',
				'To join with an invite code, choose a username and a password and tell us your name.'
			);
		}
		const username = normalizeUsername(request.body.username);
		const displayName = request.body.displayName.trim();
		const problem = usernameProblem(username) ?? passwordProblem(password);
		if (problem) throw problem;
		if (!displayName) throw new ApiError(400, 'invalid-name', 'Please tell us your name.');
		if (ctx.accounts.findByUsername(username)) throw usernameTaken();

		const passwordHash = await ctx.passwords.hash(password);
		const redeemed = redeemOrExplain(() => ctx.invites.redeem(code, { username, displayName, passwordHash }));
		const language = request.body.language as Language | undefined;
		if (language) ctx.accounts.setLanguage(redeemed.user.id, language);
		const session = ctx.sessions.create(redeemed.user.id);
		return reply.code(201).send({
			token: session.token,
			expiresAt: iso(session.expiresAt),
			user: userView(ctx, { ...redeemed.user, language: language ?? null }),
			studentId: redeemed.studentId
		});
	});
}
