/** What a school admin does: accounts, caseloads, and reading the audit log — always within their own school. */
import type { FastifyInstance } from 'fastify';
import { writeNewPlan } from '../plans/new-plan';
import { normalizeUsername, STAFF_TITLES, UsernameTakenError, type StaffTitle } from '../auth/accounts';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords';
import { requireRole, type Caller } from './authenticate';
import type { ApiContext } from './context';
import { ApiError, notFound } from './errors';
import { passwordProblem, usernameProblem, usernameTaken } from './invite-routes';
import { iso, userView } from './views';

interface CreateUserBody {
	username: string;
	displayName: string;
	password: string;
	role: 'student' | 'staff' | 'admin';
	staffTitle?: StaffTitle;
	grade?: number;
}

interface CaseloadBody {
	staffId: string;
	studentId: string;
}

const createUserSchema = {
	body: {
		type: 'object',
		required: ['username', 'displayName', 'password', 'role'],
		additionalProperties: false,
		properties: {
			username: { type: 'string', minLength: 1, maxLength: 100 },
			displayName: { type: 'string', minLength: 1, maxLength: 100 },
			password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
			// Guardians join through a family invite code, linked to their student from the start.
			role: { type: 'string', enum: ['student', 'staff', 'admin'] },
			staffTitle: { type: 'string', enum: [...STAFF_TITLES] },
			grade: { type: 'integer', minimum: 0, maximum: 13 }
		}
	}
} as const;

const userIdParams = {
	params: {
		type: 'object',
		required: ['id'],
		properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }
	}
} as const;

const caseloadSchema = {
	body: {
		type: 'object',
		required: ['staffId', 'studentId'],
		additionalProperties: false,
		properties: {
			staffId: { type: 'string', minLength: 1, maxLength: 100 },
			studentId: { type: 'string', minLength: 1, maxLength: 100 }
		}
	}
} as const;

const auditSchema = {
	querystring: {
		type: 'object',
		required: ['studentId'],
		properties: {
			studentId: { type: 'string', minLength: 1, maxLength: 100 },
			limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
			/** The `nextBefore` of the previous page: entries older than that one. */
			before: { type: 'integer', minimum: 1 }
		}
	}
} as const;

/** A user of the admin's own school (404 for anyone else: other schools are not even acknowledged). */
function userOfSchool(ctx: ApiContext, admin: Caller, userId: string) {
	const user = ctx.accounts.getUser(userId);
	if (!user || user.schoolId !== admin.user.schoolId) throw notFound('person');
	return user;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: ApiContext): void {
	app.get('/api/users', async (request) => {
		const admin = requireRole(ctx, request, 'admin');
		const users = ctx.accounts.listUsers(admin.user.schoolId).map((user) => ({
			...userView(ctx, user),
			planId: ctx.accounts.studentPlan(user.id)?.planId ?? null
		}));
		return { users };
	});

	app.post<{ Body: CreateUserBody }>('/api/users', { schema: createUserSchema }, async (request, reply) => {
		const admin = requireRole(ctx, request, 'admin');
		const body = request.body;
		const username = normalizeUsername(body.username);
		const problem = usernameProblem(username) ?? passwordProblem(body.password);
		if (problem) throw problem;
		if (ctx.accounts.findByUsername(username)) throw usernameTaken();
		const passwordHash = await ctx.passwords.hash(body.password);
		try {
			const user = ctx.accounts.createUser({
				schoolId: admin.user.schoolId,
				username,
				displayName: body.displayName.trim(),
				role: body.role,
				staffTitle: body.role === 'staff' ? (body.staffTitle ?? 'advisor') : null,
				grade: body.grade ?? null,
				passwordHash
			});
			const planId = ctx.accounts.studentPlan(user.id)?.planId ?? null;
			if (planId) {
				await writeNewPlan(ctx.relay, planId, {
					studentName: user.displayName,
					school: ctx.schools.school(user.schoolId)?.name ?? '',
					grade: body.grade === undefined ? '' : String(body.grade),
					startDate: new Date(ctx.now()).toISOString().slice(0, 10)
				});
			}
			return reply.code(201).send({ user: userView(ctx, user), planId });
		} catch (error) {
			if (error instanceof UsernameTakenError) throw usernameTaken();
			throw error;
		}
	});

	app.post<{ Params: { id: string } }>(
		'/api/users/:id/deactivate',
		{ schema: userIdParams },
		async (request) => {
			const admin = requireRole(ctx, request, 'admin');
			const user = userOfSchool(ctx, admin, request.params.id);
			if (user.id === admin.user.id) {
				throw new ApiError(
					409,
					'cannot-deactivate-self',
					'You cannot turn off your own account. Ask another admin.'
				);
			}
			ctx.accounts.setActive(user.id, false);
			const sessionIds = ctx.sessions.deleteForUser(user.id);
			const relay = ctx.relay;
			for (const sessionId of sessionIds) relay.closeSession(sessionId);
			relay.recheckUser(user.id);
			return { user: userView(ctx, { ...user, isActive: false }) };
		}
	);

	app.post<{ Params: { id: string } }>(
		'/api/users/:id/activate',
		{ schema: userIdParams },
		async (request) => {
			const admin = requireRole(ctx, request, 'admin');
			const user = userOfSchool(ctx, admin, request.params.id);
			ctx.accounts.setActive(user.id, true);
			return { user: userView(ctx, { ...user, isActive: true }) };
		}
	);

	const caseloadPair = (admin: Caller, body: CaseloadBody) => {
		const staff = userOfSchool(ctx, admin, body.staffId);
		const student = ctx.accounts.studentPlan(body.studentId);
		if (!student || student.schoolId !== admin.user.schoolId) throw notFound('student');
		if (staff.role !== 'staff') {
			throw new ApiError(400, 'not-staff', 'Only advisors, teachers and counselors can have a caseload.');
		}
		return { staff, student };
	};

	app.put<{ Body: CaseloadBody }>('/api/caseloads', { schema: caseloadSchema }, async (request) => {
		const admin = requireRole(ctx, request, 'admin');
		const { staff, student } = caseloadPair(admin, request.body);
		const isChanged = ctx.accounts.assignCaseload(staff.id, student.studentId);
		ctx.relay.recheckUser(staff.id);
		return { staffId: staff.id, studentId: student.studentId, inCaseload: true, isChanged };
	});

	app.delete<{ Body: CaseloadBody }>('/api/caseloads', { schema: caseloadSchema }, async (request) => {
		const admin = requireRole(ctx, request, 'admin');
		const { staff, student } = caseloadPair(admin, request.body);
		const isChanged = ctx.accounts.unassignCaseload(staff.id, student.studentId);
		// Their open sockets to this student's plan close now, not at their next reconnect.
		ctx.relay.recheckUser(staff.id);
		return { staffId: staff.id, studentId: student.studentId, inCaseload: false, isChanged };
	});

	app.get<{ Querystring: { studentId: string; limit: number; before?: number } }>(
		'/api/audit',
		{ schema: auditSchema },
		async (request) => {
			const admin = requireRole(ctx, request, 'admin');
			const student = ctx.accounts.studentPlan(request.query.studentId);
			if (!student || student.schoolId !== admin.user.schoolId) throw notFound('student');
			const { limit, before } = request.query;
			// One more than asked tells whether an older page exists, without a second query.
			const rows = await ctx.audit.listForPlan(student.planId, limit + 1, before);
			const page = rows.slice(0, limit);
			// The person's name and role now (the log keeps only the id); null once they are gone.
			const people = new Map(
				[...new Set(page.map((entry) => entry.userId))].map((id) => [id, ctx.accounts.getUser(id)])
			);
			const entries = page.map((entry) => {
				const person = people.get(entry.userId);
				return {
					...entry,
					at: iso(entry.at),
					userName: person?.displayName ?? null,
					userRole: person?.role ?? null
				};
			});
			// Pages follow the entry id, not the time: a flood of entries in one second can not
			// hide the entries around it, and every entry is reachable page after page.
			const nextBefore = rows.length > limit ? page[page.length - 1]!.id : null;
			return { studentId: student.studentId, planId: student.planId, entries, nextBefore };
		}
	);
}
