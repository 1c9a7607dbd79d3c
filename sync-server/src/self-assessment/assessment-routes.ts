/**
 * The school's self-assessment on the five essential attributes, with figures from its own plans:
 *   GET    /api/self-assessment/schools                      schools the caller may read
 *   GET    /api/self-assessment/:schoolId/years/:year        one year's assessment and the year before
 *   PUT    /api/self-assessment/:schoolId/years/:year        save it (admins and team; this or last year)
 *   GET    /api/self-assessment/:schoolId/evidence           figures per school year (small groups hidden)
 *   GET    /api/self-assessment/:schoolId/team               the team, and staff who could join
 *   PUT    /api/self-assessment/:schoolId/team/:userId       add a staff member (the school's admins)
 *   DELETE /api/self-assessment/:schoolId/team/:userId       remove them
 * Rights are checked here on every call (assessment-rights.ts); every read, save, team change and
 * refusal is written to the append-only self_assessment_log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { today } from '../../../src/lib/plp/ids';
import {
	ATTRIBUTES,
	LEVELS,
	MAX_NOTE_LENGTH,
	isEditableYear,
	type AssessableSchool,
	type AssessmentInput,
	type AssessmentView,
	type SchoolEvidence,
	type TeamView
} from '../../../src/lib/contracts/self-assessment';
import { requireCaller, type Caller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, forbidden, notFound } from '../api/errors';
import { AssessmentRights, type SchoolRights } from './assessment-rights';
import { AssessmentStore } from './assessment-store';
import { registerDistrictRoutes } from './district-routes';
import { SchoolEvidenceReader } from './school-evidence-reader';
import { assertSmallGroupsHidden } from './small-groups';
import { TeamStore } from './team-store';

type SchoolParams = { schoolId: string };
type YearParams = SchoolParams & { year: number };
type MemberParams = SchoolParams & { userId: string };

const schoolId = { type: 'string', minLength: 1, maxLength: 100 } as const;
const yearParams = {
	params: {
		type: 'object',
		required: ['schoolId', 'year'],
		properties: { schoolId, year: { type: 'integer', minimum: 2000, maximum: 2100 } }
	}
} as const;
const saveSchema = {
	...yearParams,
	body: {
		type: 'object',
		required: ['ratings'],
		additionalProperties: false,
		properties: {
			ratings: {
				type: 'array',
				maxItems: ATTRIBUTES.length,
				items: {
					type: 'object',
					required: ['attribute', 'level', 'notes', 'nextSteps'],
					additionalProperties: false,
					properties: {
						attribute: { type: 'string', enum: [...ATTRIBUTES] },
						level: { anyOf: [{ type: 'string', enum: [...LEVELS] }, { type: 'null' }] },
						notes: { type: 'string', maxLength: MAX_NOTE_LENGTH },
						nextSteps: { type: 'string', maxLength: MAX_NOTE_LENGTH }
					}
				}
			}
		}
	}
} as const;
const memberParams = {
	params: {
		type: 'object',
		required: ['schoolId', 'userId'],
		properties: { schoolId, userId: { type: 'string', minLength: 1, maxLength: 100 } }
	}
} as const;

export function registerSelfAssessmentRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const assessments = new AssessmentStore(ctx.db);
	const team = new TeamStore(ctx.db);
	const schools = ctx.schools;
	const rights = new AssessmentRights(schools, team);
	const evidence = new SchoolEvidenceReader(ctx.accounts, ctx.planFacts);
	registerDistrictRoutes(app, ctx, { schools, assessments, evidence });

	/** The caller and their rights on the school, or a logged refusal. */
	function allow(
		request: FastifyRequest<{ Params: SchoolParams }>,
		needs: keyof SchoolRights,
		schoolYear: number | null = null
	): { caller: Caller; granted: SchoolRights } {
		const caller = requireCaller(ctx, request);
		const { schoolId } = request.params;
		const granted = rights.of(caller.user, schoolId);
		if (!granted[needs]) {
			if (schools.school(schoolId)) {
				assessments.log({ userId: caller.user.id, schoolId, schoolYear, action: 'denied', detail: needs });
			}
			throw forbidden();
		}
		return { caller, granted };
	}

	function schoolName(id: string): string {
		const school = schools.school(id);
		if (!school) throw notFound('school');
		return school.name;
	}

	app.get('/api/self-assessment/schools', async (request): Promise<{ schools: AssessableSchool[] }> => {
		const caller = requireCaller(ctx, request);
		const list = rights.schoolsOf(caller.user);
		return {
			schools: list.map((school) => ({ ...school, canEdit: rights.of(caller.user, school.id).canEdit }))
		};
	});

	app.get<{ Params: YearParams }>(
		'/api/self-assessment/:schoolId/years/:year',
		{ schema: yearParams },
		async (request): Promise<AssessmentView> => {
			const { schoolId, year } = request.params;
			const { caller, granted } = allow(request, 'canRead', year);
			const name = schoolName(schoolId);
			assessments.log({ userId: caller.user.id, schoolId, schoolYear: year, action: 'read', detail: null });
			return {
				school: { id: schoolId, name },
				schoolYear: year,
				assessment: assessments.get(schoolId, year),
				previous: assessments.get(schoolId, year - 1),
				savedYears: assessments.years(schoolId),
				canEdit: granted.canEdit && isEditableYear(year, today()),
				canManageTeam: granted.canManageTeam
			};
		}
	);

	app.put<{ Params: YearParams; Body: AssessmentInput }>(
		'/api/self-assessment/:schoolId/years/:year',
		{ schema: saveSchema },
		async (request) => {
			const { schoolId, year } = request.params;
			const { caller } = allow(request, 'canEdit', year);
			if (!isEditableYear(year, today())) {
				throw new ApiError(
					409,
					'year-closed',
					'Only this school year and the one before can be changed. Earlier years stay as they were saved.'
				);
			}
			const attributes = request.body.ratings.map((rating) => rating.attribute);
			if (new Set(attributes).size !== attributes.length) {
				throw new ApiError(
					400,
					'invalid-request',
					'Each attribute may be rated only once. Reload and try again.'
				);
			}
			return { assessment: assessments.save(schoolId, year, caller.user.id, request.body.ratings) };
		}
	);

	app.get<{ Params: SchoolParams }>(
		'/api/self-assessment/:schoolId/evidence',
		{ schema: { params: { type: 'object', required: ['schoolId'], properties: { schoolId } } } },
		async (request): Promise<SchoolEvidence> => {
			const { caller } = allow(request, 'canRead');
			const { schoolId } = request.params;
			schoolName(schoolId);
			const figures = await evidence.of(schoolId, today());
			assessments.log({
				userId: caller.user.id,
				schoolId,
				schoolYear: null,
				action: 'read',
				detail: 'evidence'
			});
			return assertSmallGroupsHidden(figures);
		}
	);

	app.get<{ Params: SchoolParams }>(
		'/api/self-assessment/:schoolId/team',
		{ schema: { params: { type: 'object', required: ['schoolId'], properties: { schoolId } } } },
		async (request): Promise<TeamView> => {
			allow(request, 'canRead');
			const { schoolId } = request.params;
			const members = team.members(schoolId);
			const onTeam = new Set(members.map((member) => member.userId));
			const candidates = ctx.accounts
				.listUsers(schoolId)
				.filter((user) => user.role === 'staff' && user.isActive && !onTeam.has(user.id))
				.map((user) => ({ userId: user.id, name: user.displayName }));
			return { members, candidates };
		}
	);

	app.put<{ Params: MemberParams }>(
		'/api/self-assessment/:schoolId/team/:userId',
		{ schema: memberParams },
		async (request) => {
			const { caller } = allow(request, 'canManageTeam');
			const { schoolId, userId } = request.params;
			const user = ctx.accounts.getUser(userId);
			if (!user || user.schoolId !== schoolId || user.role !== 'staff' || !user.isActive) {
				throw new ApiError(
					400,
					'not-staff-of-school',
					'Only active staff of this school can join its team. Check the name and try again.'
				);
			}
			const isAdded = team.add(schoolId, userId, caller.user.id);
			if (isAdded)
				assessments.log({
					userId: caller.user.id,
					schoolId,
					schoolYear: null,
					action: 'team-added',
					detail: userId
				});
			return { isAdded };
		}
	);

	app.delete<{ Params: MemberParams }>(
		'/api/self-assessment/:schoolId/team/:userId',
		{ schema: memberParams },
		async (request) => {
			const { caller } = allow(request, 'canManageTeam');
			const { schoolId, userId } = request.params;
			const isRemoved = team.remove(schoolId, userId);
			if (isRemoved)
				assessments.log({
					userId: caller.user.id,
					schoolId,
					schoolYear: null,
					action: 'team-removed',
					detail: userId
				});
			return { isRemoved };
		}
	);
}
