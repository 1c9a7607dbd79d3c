/**
 * The district view, for district admins (an admin whose account carries a district):
 *   GET    /api/district?year=2026          each school's levels and this year's figures, side by side
 *   PUT    /api/district/admins/:userId     name an admin of one of the district's schools
 *   DELETE /api/district/admins/:userId     remove a district admin (never oneself: someone must stay)
 * Rights are read from the database on every call, so a removed district admin loses them at once
 * (and the relay re-checks their open plans). Reading plans across the district: district-plan-routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { today } from '../../../src/lib/plp/ids';
import {
	ATTRIBUTES,
	INDICATORS,
	schoolYearOf,
	type Attribute,
	type DistrictSchoolColumn,
	type DistrictView,
	type Level,
	type SelfAssessment
} from '../../../src/lib/contracts/self-assessment';
import { requireCaller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, forbidden } from '../api/errors';
import type { SchoolStore } from '../auth/school-store';
import type { AssessmentStore } from './assessment-store';
import { DistrictAdmins } from './district-admins';
import { registerDistrictPlanRoutes } from './district-plan-routes';
import { DistrictSettings } from './district-settings';
import type { SchoolEvidenceReader } from './school-evidence-reader';
import { yearWindows } from './evidence';
import { assertSmallGroupsHidden } from './small-groups';

interface Parts {
	schools: SchoolStore;
	assessments: AssessmentStore;
	evidence: SchoolEvidenceReader;
}

const memberParams = {
	params: {
		type: 'object',
		required: ['userId'],
		properties: { userId: { type: 'string', minLength: 1, maxLength: 100 } }
	}
} as const;
const viewQuery = {
	querystring: {
		type: 'object',
		additionalProperties: false,
		properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } }
	}
} as const;

function levelsOf(assessment: SelfAssessment | null): Record<Attribute, Level | null> {
	const levels = {} as Record<Attribute, Level | null>;
	for (const attribute of ATTRIBUTES) {
		levels[attribute] = assessment?.ratings.find((rating) => rating.attribute === attribute)?.level ?? null;
	}
	return levels;
}

/** The caller and the district they act for; 403 unless they are an active district admin. */
export function requireDistrictAdmin(
	ctx: ApiContext,
	schools: SchoolStore,
	request: Parameters<typeof requireCaller>[1]
) {
	const caller = requireCaller(ctx, request);
	const district = caller.user.role === 'admin' ? schools.districtOf(caller.user.id) : undefined;
	if (!district || !caller.user.isActive) throw forbidden();
	return { caller, district };
}

export function registerDistrictRoutes(app: FastifyInstance, ctx: ApiContext, parts: Parts): void {
	const admins = new DistrictAdmins(ctx.db);
	const settings = new DistrictSettings(ctx.db);
	const districtAdmin = (request: Parameters<typeof requireCaller>[1]) =>
		requireDistrictAdmin(ctx, parts.schools, request);
	registerDistrictPlanRoutes(app, ctx, { schools: parts.schools, settings, admins, districtAdmin });

	app.get<{ Querystring: { year?: number } }>(
		'/api/district',
		{ schema: viewQuery },
		async (request): Promise<DistrictView> => {
			const { caller, district } = districtAdmin(request);
			const date = today();
			const schoolYear = request.query.year ?? schoolYearOf(date);
			const current = schoolYearOf(date);
			const sorted = parts.schools.ofDistrict(district.id).sort((a, b) => a.name.localeCompare(b.name));
			const columnOf = async (school: (typeof sorted)[number]): Promise<DistrictSchoolColumn> => {
				const assessment = parts.assessments.get(school.id, schoolYear);
				const evidence = await parts.evidence.of(school.id, date);
				// Figures stand for the year asked when it is one of the trend's years, else for this year.
				const year = evidence.schoolYears.includes(schoolYear) ? schoolYear : current;
				const trend = INDICATORS.filter((indicator) => indicator !== 'pathway').flatMap(
					(indicator) => evidence.series.find((one) => one.indicator === indicator) ?? []
				);
				const figures = trend.flatMap(({ indicator, years }) => {
					const figure = years.find((one) => one.schoolYear === year);
					return figure ? [{ indicator, figure }] : [];
				});
				parts.assessments.log({
					userId: caller.user.id,
					schoolId: school.id,
					schoolYear,
					action: 'read',
					detail: 'district'
				});
				return {
					id: school.id,
					name: school.name,
					levels: levelsOf(assessment),
					previousLevels: levelsOf(parts.assessments.get(school.id, schoolYear - 1)),
					savedAt: assessment?.savedAt ?? null,
					figures,
					trend
				};
			};
			// One school after another: each already reads its plans several at a time.
			const schools: DistrictSchoolColumn[] = [];
			for (const school of sorted) schools.push(await columnOf(school));
			// Per school and year only, no district total: nothing to subtract a hidden school from.
			return assertSmallGroupsHidden({
				district,
				schoolYear,
				schoolYears: yearWindows(date).map((window) => window.schoolYear),
				schools,
				plansReadable: settings.arePlansReadable(district.id),
				admins: admins.of(district.id),
				candidates: admins.candidates(district.id)
			});
		}
	);

	app.put<{ Params: { userId: string } }>(
		'/api/district/admins/:userId',
		{ schema: memberParams },
		async (request) => {
			const { caller, district } = districtAdmin(request);
			if (!admins.name(district.id, request.params.userId, caller.user.id)) {
				throw new ApiError(
					400,
					'not-a-school-admin',
					'Only an active admin of one of the district’s schools can be named district admin.'
				);
			}
			// The relay may remember a refusal for a few seconds: the new rights count at once.
			ctx.relay.recheckUser(request.params.userId);
			return { isNamed: true };
		}
	);

	app.delete<{ Params: { userId: string } }>(
		'/api/district/admins/:userId',
		{ schema: memberParams },
		async (request) => {
			const { caller, district } = districtAdmin(request);
			if (request.params.userId === caller.user.id) {
				throw new ApiError(
					409,
					'cannot-remove-self',
					'You cannot remove yourself: ask another district admin to do it, so the district always keeps one.'
				);
			}
			const isRemoved = admins.remove(district.id, request.params.userId, caller.user.id);
			// Plans of other schools they have open close now, not when they next reconnect.
			if (isRemoved) ctx.relay.recheckUser(request.params.userId);
			return { isRemoved };
		}
	);
}
