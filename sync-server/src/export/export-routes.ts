/**
 * - `GET /api/plans/:planId/export` the plan as a .zip archive: for its student, their advisors
 *   (caseload) and the school's admins;
 * - `GET /api/school/export` (admin) every plan of the school, one archive each, in one .zip;
 * - `POST /api/plans/:planId/import` (application/zip) an archive into this plan: for whoever may
 *   write the plan, and the school's admins (restoring a plan is an admin's job).
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { accessTo, isPlanId } from '../../../src/lib/plp/access';
import { principalOf } from '../auth/access-resolver';
import { requireCaller, requireRole, type Caller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { forbidden, notFound } from '../api/errors';
import type { BlobStore } from '../blobs/blob-store';
import type { DocStore } from '../contracts';
import { writePlanArchive } from './plan-archive';
import { importPlanArchive } from './plan-import';
import { writeSchoolArchive } from './school-archive';

const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3 - 1;

export function registerExportRoutes(
	app: FastifyInstance,
	ctx: ApiContext,
	deps: { store: DocStore; blobs: BlobStore; now: () => number }
): void {
	const relationship = (caller: Caller, planId: string) => {
		if (!isPlanId(planId)) throw notFound('plan');
		const rel = ctx.resolver.relationship(principalOf(caller.user, caller.sessionId), planId);
		if (!rel) throw notFound('plan');
		return rel;
	};

	app.get<{ Params: { planId: string } }>('/api/plans/:planId/export', async (request, reply) => {
		const caller = requireCaller(ctx, request);
		const { planId } = request.params;
		const rel = relationship(caller, planId);
		// Someone with no access at all is not told the plan exists; a guardian reads it in the app.
		if (accessTo('plan', rel) === 'none') throw notFound('plan');
		if (!rel.isOwnPlan && !rel.isInCaseload && !rel.isSchoolAdmin) throw forbidden();
		const out = new PassThrough();
		writePlanArchive(out, { store: deps.store, blobs: deps.blobs, planId, now: deps.now }).catch(
			(error: unknown) => {
				request.log.error({ err: error }, 'export failed');
				out.destroy(error as Error);
			}
		);
		return reply
			.header('content-type', 'application/zip')
			.header('content-disposition', `attachment; filename="pathways-plan-${planId}.zip"`)
			.send(out);
	});

	app.get('/api/school/export', async (request, reply) => {
		const caller = requireRole(ctx, request, 'admin');
		const plans = ctx.accounts.plansVisibleTo(caller.user).map((plan) => ({
			planId: plan.planId,
			studentName: plan.studentName
		}));
		const out = new PassThrough();
		writeSchoolArchive(
			out,
			{ store: deps.store, blobs: deps.blobs, now: deps.now },
			{ name: ctx.accounts.getSchool(caller.user.schoolId)?.name ?? '', plans }
		).catch((error: unknown) => {
			request.log.error({ err: error }, 'school export failed');
			out.destroy(error as Error);
		});
		return reply
			.header('content-type', 'application/zip')
			.header('content-disposition', 'attachment; filename="pathways-school.zip"')
			.send(out);
	});

	app.register(async (scope) => {
		scope.addContentTypeParser(
			'application/zip',
			{ parseAs: 'buffer', bodyLimit: MAX_ARCHIVE_BYTES },
			(_request, body, done) => done(null, body)
		);
		scope.post<{ Params: { planId: string } }>(
			'/api/plans/:planId/import',
			{ bodyLimit: MAX_ARCHIVE_BYTES },
			async (request) => {
				const caller = requireCaller(ctx, request);
				const { planId } = request.params;
				const rel = relationship(caller, planId);
				const access = ctx.resolver.accessTo(principalOf(caller.user, caller.sessionId), 'plan', planId);
				if (access !== 'write' && !rel.isSchoolAdmin) throw forbidden();
				const relay = ctx.relay;
				return importPlanArchive(new Uint8Array(request.body as Buffer), {
					store: deps.store,
					blobs: deps.blobs,
					planId,
					userId: caller.user.id,
					applyUpdate: async (name, update) => {
						if (relay?.applyServerUpdate) await relay.applyServerUpdate(name, update);
						else deps.store.appendUpdate(name, update);
					}
				});
			}
		);
	});
}
