/**
 * The period during which students who graduated or left still read and download their plan
 * (src/auth/leavers.ts). A district admin reads and sets the district's; a school admin reads the
 * period their students follow and, for a school of no district, sets it (a school of a district
 * follows the district's: 409 `set-by-district`). `null` goes back to the server's default
 * (LEAVER_ACCESS_DAYS, two years). Each answer carries the recorded changes: who, from what, to what.
 */
import type { FastifyInstance } from 'fastify';
import type { LeaverPeriodAnswer } from '../../../src/lib/contracts/api';
import { requireRole, type Caller } from './authenticate';
import type { ApiContext } from './context';
import { ApiError, forbidden } from './errors';

const periodSchema = {
	body: {
		type: 'object',
		required: ['days'],
		additionalProperties: false,
		properties: { days: { type: ['integer', 'null'], minimum: 0, maximum: 3660 } }
	}
} as const;

export function registerLeaverRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const schools = ctx.schools;
	const districtOf = (caller: Caller) => {
		const district = schools.districtOf(caller.user.id);
		if (!district) throw forbidden();
		return district;
	};
	const districtAnswer = (district: { id: string; name: string }): LeaverPeriodAnswer => ({
		...ctx.leavers.periodOf(district.id),
		setBy: 'district',
		districtName: district.name,
		changes: ctx.leavers.changes({ districtId: district.id })
	});
	const schoolAnswer = (schoolId: string): LeaverPeriodAnswer => ({
		...ctx.leavers.periodOfSchool(schoolId),
		changes: ctx.leavers.changesForSchool(schoolId)
	});

	app.get('/api/district/leaver-access', async (request) => {
		return districtAnswer(districtOf(requireRole(ctx, request, 'admin')));
	});

	app.put<{ Body: { days: number | null } }>(
		'/api/district/leaver-access',
		{ schema: periodSchema },
		async (request) => {
			const caller = requireRole(ctx, request, 'admin');
			const district = districtOf(caller);
			ctx.leavers.setPeriod(district.id, request.body.days, caller.user.id);
			return districtAnswer(district);
		}
	);

	app.get('/api/school/leaver-access', async (request) => {
		return schoolAnswer(requireRole(ctx, request, 'admin').user.schoolId);
	});

	app.put<{ Body: { days: number | null } }>(
		'/api/school/leaver-access',
		{ schema: periodSchema },
		async (request) => {
			const caller = requireRole(ctx, request, 'admin');
			const schoolId = caller.user.schoolId;
			const period = ctx.leavers.periodOfSchool(schoolId);
			if (period.setBy === 'district') {
				throw new ApiError(
					409,
					'set-by-district',
					`${period.districtName ?? 'Your district'} sets this period for its schools. A district admin changes it on the district page.`
				);
			}
			ctx.leavers.setSchoolPeriod(schoolId, request.body.days, caller.user.id);
			return schoolAnswer(schoolId);
		}
	);
}
