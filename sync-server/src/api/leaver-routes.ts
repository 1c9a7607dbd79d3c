/**
 * The district's period during which students who graduated or left still read and download their
 * plan (src/auth/leavers.ts): a district admin reads and sets it; `null` goes back to the server's
 * default (LEAVER_ACCESS_DAYS, two years).
 */
import type { FastifyInstance } from 'fastify';
import { SchoolStore } from '../roster/school-store';
import { requireRole, type Caller } from './authenticate';
import type { ApiContext } from './context';
import { forbidden } from './errors';

const periodSchema = {
	body: {
		type: 'object',
		required: ['days'],
		additionalProperties: false,
		properties: { days: { type: ['integer', 'null'], minimum: 0, maximum: 3660 } }
	}
} as const;

export function registerLeaverRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const schools = new SchoolStore(ctx.db);
	const districtOf = (caller: Caller) => {
		const district = schools.districtOf(caller.user.id);
		if (!district) throw forbidden();
		return district;
	};

	app.get('/api/district/leaver-access', async (request) => {
		const district = districtOf(requireRole(ctx, request, 'admin'));
		return ctx.leavers.periodOf(district.id);
	});

	app.put<{ Body: { days: number | null } }>(
		'/api/district/leaver-access',
		{ schema: periodSchema },
		async (request) => {
			const district = districtOf(requireRole(ctx, request, 'admin'));
			ctx.leavers.setPeriod(district.id, request.body.days);
			return ctx.leavers.periodOf(district.id);
		}
	);
}
