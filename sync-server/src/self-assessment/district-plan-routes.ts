/**
 * Reading plans across the district, where the district allows it (issue 18):
 *   PUT /api/district/settings                    { plansReadable } — a district admin turns it on or off
 *   GET /api/district/schools/:schoolId/plans     the plans of one school of the caller's district
 * The list only says which plans there are; opening one goes through the relay, which decides from
 * the same rule (src/lib/plp/access.ts, isDistrictReader): the plan document read-only, never the
 * family's part, never a plan of another district. Turning the setting off re-checks every district
 * admin's open connections at once. Both the change and each list read are recorded.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlanView } from '../../../src/lib/contracts/api';
import type { DistrictPlans } from '../../../src/lib/contracts/self-assessment';
import { principalOf } from '../auth/access-resolver';
import type { ApiContext } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import { planView } from '../api/views';
import type { District, SchoolStore } from '../auth/school-store';
import { AssessmentStore } from './assessment-store';
import type { DistrictAdmins } from './district-admins';
import type { DistrictSettings } from './district-settings';
import type { Caller } from '../api/authenticate';

interface Parts {
	schools: SchoolStore;
	settings: DistrictSettings;
	admins: DistrictAdmins;
	districtAdmin: (request: FastifyRequest) => { caller: Caller; district: District };
}

const settingsSchema = {
	body: {
		type: 'object',
		required: ['plansReadable'],
		additionalProperties: false,
		properties: { plansReadable: { type: 'boolean' } }
	}
} as const;
const schoolParams = {
	params: {
		type: 'object',
		required: ['schoolId'],
		properties: { schoolId: { type: 'string', minLength: 1, maxLength: 100 } }
	}
} as const;

export function registerDistrictPlanRoutes(app: FastifyInstance, ctx: ApiContext, parts: Parts): void {
	const log = new AssessmentStore(ctx.db);

	app.put<{ Body: { plansReadable: boolean } }>(
		'/api/district/settings',
		{ schema: settingsSchema },
		async (request) => {
			const { caller, district } = parts.districtAdmin(request);
			const isChanged = parts.settings.setPlansReadable(
				district.id,
				request.body.plansReadable,
				caller.user.id
			);
			// Every district admin's open plans of other schools are checked again now (closed when off).
			if (isChanged) for (const person of parts.admins.of(district.id)) ctx.relay.recheckUser(person.userId);
			return { plansReadable: parts.settings.arePlansReadable(district.id), isChanged };
		}
	);

	app.get<{ Params: { schoolId: string } }>(
		'/api/district/schools/:schoolId/plans',
		{ schema: schoolParams },
		async (request): Promise<DistrictPlans> => {
			const { caller, district } = parts.districtAdmin(request);
			const school = parts.schools.school(request.params.schoolId);
			// A school of another district is not told apart from one that does not exist.
			if (!school || school.districtId !== district.id) throw notFound('school');
			if (!parts.settings.arePlansReadable(district.id)) {
				log.log({
					userId: caller.user.id,
					schoolId: school.id,
					schoolYear: null,
					action: 'denied',
					detail: 'plans'
				});
				throw new ApiError(
					403,
					'district-plans-off',
					'Your district does not let district admins read its schools’ plans. A district admin can turn this on on the district page.'
				);
			}
			const principal = principalOf(caller.user, caller.sessionId);
			const plans: PlanView[] = ctx.accounts
				.plansOfSchool(school.id)
				.filter((plan) => plan.isActive)
				.map((plan) =>
					planView(plan, {
						plan: ctx.resolver.accessTo(principal, 'plan', plan.planId),
						family: ctx.resolver.accessTo(principal, 'family', plan.planId)
					})
				)
				.filter((plan) => plan.access.plan !== 'none');
			log.log({
				userId: caller.user.id,
				schoolId: school.id,
				schoolYear: null,
				action: 'read',
				detail: 'plans'
			});
			return { school: { id: school.id, name: school.name }, plans };
		}
	);
}
