/**
 * Who reads a plan, and the student's say over it once they are 18 (issue 17, part 4):
 * - `GET /api/plans/:planId/readers` the plan's student, their staff and the school's admins see
 *   each linked guardian, whether they still read the plan, and whether the student decides;
 * - `PUT /api/plans/:planId/guardians/:guardianId` `{ hasAccess }` only the student, only from
 *   their 18th birthday: ends or gives back one guardian's access, audited; the guardian's live
 *   sockets are checked again at once (and closed);
 * - `PUT /api/users/:userId/birth-date` `{ birthDate }` a school admin sets (or, with null, clears)
 *   a birth date the roster does not carry; the readers answer shows that admin the date and its
 *   source (roster or admin).
 */
import type { FastifyInstance } from 'fastify';
import { hasOwnRights } from '../../../src/lib/plp/adulthood';
import { isPlanId } from '../../../src/lib/plp/access';
import type { PlanReaders } from '../../../src/lib/contracts/api';
import { principalOf } from '../auth/access-resolver';
import { requireCaller, requireRole, type Caller } from './authenticate';
import type { ApiContext } from './context';
import { ApiError, forbidden, notFound } from './errors';
import { iso } from './views';

export type { PlanReaders };

const guardianAccessSchema = {
	body: {
		type: 'object',
		required: ['hasAccess'],
		additionalProperties: false,
		properties: { hasAccess: { type: 'boolean' } }
	}
} as const;

const birthDateSchema = {
	body: {
		type: 'object',
		required: ['birthDate'],
		additionalProperties: false,
		properties: {
			birthDate: { anyOf: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }] }
		}
	}
} as const;

export function registerReadersRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const planOf = (caller: Caller, planId: string) => {
		const plan = isPlanId(planId) ? ctx.accounts.planById(planId) : undefined;
		const rel = plan && ctx.resolver.relationship(principalOf(caller.user, caller.sessionId), planId);
		if (!plan || !rel) throw notFound('plan');
		if (!rel.isOwnPlan && !rel.isInCaseload && !rel.isSchoolAdmin) {
			throw rel.isLinkedGuardian ? forbidden() : notFound('plan');
		}
		return { plan, rel };
	};

	const readersOf = (studentId: string, caller?: Caller): PlanReaders => ({
		isStudentDeciding: hasOwnRights(ctx.accounts.birthDateOf(studentId), ctx.accounts.today()),
		guardians: ctx.accounts.guardiansOf(studentId).map((guardian) => ({
			id: guardian.id,
			name: guardian.displayName,
			hasAccess: guardian.endedByStudentAt === null,
			endedByStudentAt: guardian.endedByStudentAt === null ? null : iso(guardian.endedByStudentAt)
		})),
		school: ctx.accounts.schoolReadersOf(studentId),
		...(caller && isAdminOf(caller, studentId)
			? { birthDate: { studentId, ...ctx.accounts.birthDateRecordOf(studentId) } }
			: {})
	});

	/** An admin of the student's own school: the one who may set their birth date. */
	const isAdminOf = (caller: Caller, studentId: string) => {
		const student = ctx.accounts.getUser(studentId);
		return (
			caller.user.role === 'admin' && student?.role === 'student' && student.schoolId === caller.user.schoolId
		);
	};

	app.get<{ Params: { planId: string } }>('/api/plans/:planId/readers', async (request) => {
		const caller = requireCaller(ctx, request);
		const { plan } = planOf(caller, request.params.planId);
		return readersOf(plan.studentId, caller);
	});

	app.put<{ Params: { planId: string; guardianId: string }; Body: { hasAccess: boolean } }>(
		'/api/plans/:planId/guardians/:guardianId',
		{ schema: guardianAccessSchema },
		async (request) => {
			const caller = requireCaller(ctx, request);
			const { plan, rel } = planOf(caller, request.params.planId);
			// Staff see the student's choice; only the student makes it.
			if (!rel.isOwnPlan) throw forbidden();
			if (!hasOwnRights(ctx.accounts.birthDateOf(plan.studentId), ctx.accounts.today())) {
				throw new ApiError(
					403,
					'not-own-rights-yet',
					'You decide who reads your plan from your 18th birthday. Until then your school and family decide.'
				);
			}
			const { guardianId } = request.params;
			const guardian = ctx.accounts.guardiansOf(plan.studentId).find((g) => g.id === guardianId);
			if (!guardian) throw notFound('family member');
			const { hasAccess } = request.body;
			if (ctx.accounts.setGuardianAccess(guardianId, plan.studentId, hasAccess)) {
				for (const docKind of ['plan', 'family'] as const) {
					ctx.audit.record({
						userId: caller.user.id,
						planId: plan.planId,
						docKind,
						action: 'change',
						detail: hasAccess
							? `the student gave ${guardian.displayName} access again`
							: `the student ended ${guardian.displayName}'s access`
					});
				}
			}
			// A socket the guardian has open on the plan closes now, not at its next message.
			ctx.relay.recheckUser(guardianId);
			return readersOf(plan.studentId);
		}
	);

	app.put<{ Params: { userId: string }; Body: { birthDate: string | null } }>(
		'/api/users/:userId/birth-date',
		{ schema: birthDateSchema },
		async (request, reply) => {
			const admin = requireRole(ctx, request, 'admin');
			const student = ctx.accounts.getUser(request.params.userId);
			if (!student || student.role !== 'student' || student.schoolId !== admin.user.schoolId) {
				throw notFound('student');
			}
			const { birthDate } = request.body;
			if (birthDate !== null && Number.isNaN(Date.parse(`${birthDate}T00:00:00Z`))) {
				throw new ApiError(
					400,
					'invalid-date',
					'Write the birth date as year-month-day, for example 2008-03-15.'
				);
			}
			const before = ctx.accounts.birthDateOf(student.id);
			ctx.accounts.setBirthDate(student.id, birthDate);
			// Who may decide about the plan follows from it (turning 18): in the plan's audit log.
			const planId = ctx.accounts.studentPlan(student.id)?.planId;
			if (planId && before !== birthDate) {
				ctx.audit.record({
					userId: admin.user.id,
					planId,
					docKind: 'plan',
					action: 'change',
					detail:
						birthDate === null
							? `removed the birth date (was ${before})`
							: `set the birth date to ${birthDate}${before ? ` (was ${before})` : ''}`
				});
			}
			return reply.code(204).send();
		}
	);
}
