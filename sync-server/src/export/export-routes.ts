/**
 * - `GET /api/plans/:planId/export` the plan as a .zip archive: for its student, their advisors
 *   (caseload) and the school's admins;
 * - `GET /api/school/export` (admin) every plan of the school, one archive each, in one .zip;
 * - `POST /api/plans/:planId/import` (application/zip) an archive into this plan: for whoever may
 *   write the plan, and only into the documents they may write (a student's import leaves the
 *   family part alone);
 * - `GET /api/archive-limits` the largest archive these routes take (the import screen says so first);
 * - `POST /api/plans/:planId/restore` (application/zip) the school's admin puts back both parts
 *   from an archive — a separate route because admins otherwise only read plans, and every
 *   restore is written to the audit log.
 * Archives are read as a stream with limits (archive-reader.ts); nothing is buffered whole.
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessTo, isPlanId } from '../../../src/lib/plp/access';
import type { ArchiveLimits as ArchiveLimitsView } from '../../../src/lib/contracts/api';
import { principalOf } from '../auth/access-resolver';
import { requireCaller, requireReader, requireRole, type Caller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, forbidden, notFound } from '../api/errors';
import { tmpDirOf } from '../blobs/blob-store';
import { exportPageWording } from './page-wording';
import { writePlanArchive } from './plan-archive';
import { readArchive, type ArchiveLimits } from './archive-reader';
import { describeImportIn } from './import-history';
import { importPlanArchive, type ImportResult } from './plan-import';
import { writeSchoolArchive } from './school-archive';

export function registerExportRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const relationship = (caller: Caller, planId: string) => {
		if (!isPlanId(planId)) throw notFound('plan');
		const rel = ctx.resolver.relationship(principalOf(caller.user, caller.sessionId), planId);
		if (!rel) throw notFound('plan');
		return rel;
	};

	app.get<{ Params: { planId: string } }>('/api/plans/:planId/export', async (request, reply) => {
		// Also a student who left: downloading their plan is what their access is for.
		const caller = requireReader(ctx, request);
		const { planId } = request.params;
		const rel = relationship(caller, planId);
		// Someone with no access at all is not told the plan exists; a guardian reads it in the app.
		if (accessTo('plan', rel) === 'none') throw notFound('plan');
		if (!rel.isOwnPlan && !rel.isInCaseload && !rel.isSchoolAdmin) throw forbidden();
		const out = new PassThrough();
		const wording = await exportPageWording(
			ctx.frameworks,
			ctx.docs,
			caller.user,
			request.headers['accept-language']
		);
		writePlanArchive(out, { store: ctx.docs, blobs: ctx.blobs, planId, now: ctx.now, wording }).catch(
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
		const wording = await exportPageWording(
			ctx.frameworks,
			ctx.docs,
			caller.user,
			request.headers['accept-language']
		);
		const out = new PassThrough();
		writeSchoolArchive(
			out,
			{
				store: ctx.docs,
				blobs: ctx.blobs,
				now: ctx.now,
				wording
			},
			{ name: ctx.schools.school(caller.user.schoolId)?.name ?? '', plans }
		).catch((error: unknown) => {
			request.log.error({ err: error }, 'school export failed');
			out.destroy(error as Error);
		});
		return reply
			.header('content-type', 'application/zip')
			.header('content-disposition', 'attachment; filename="pathways-school.zip"')
			.send(out);
	});

	const limits: ArchiveLimits = {
		maxBytes: ctx.config.imports.maxBytes,
		maxEntries: ctx.config.imports.maxFiles,
		maxFileBytes: ctx.config.blobs.maxBytes,
		maxTotalBytes: ctx.config.imports.maxBytes,
		maxRatio: ctx.config.imports.maxRatio
	};

	/** Reads the archive from the request and imports it; the temporary files go in every case. */
	const importFrom = async (
		request: FastifyRequest,
		reply: FastifyReply,
		caller: Caller,
		planId: string,
		writes: { plan: boolean; family: boolean }
	) => {
		const query = request.query as Record<string, string | undefined>;
		let archive;
		try {
			const declared = Number(request.headers['content-length'] ?? 0);
			if (declared > limits.maxBytes) throw archiveTooLarge(limits.maxBytes);
			archive = await readArchive(request.body as IncomingMessage, limits, tmpDirOf(ctx.config.dataDir));
		} catch (error) {
			// The rest of a refused body is not read: the connection ends after the answer.
			reply.header('connection', 'close');
			throw error;
		}
		try {
			return await importPlanArchive(archive, {
				store: ctx.docs,
				blobs: ctx.blobs,
				planId,
				userId: caller.user.id,
				writes,
				describe: describeImportIn(caller.user.language),
				isOtherNameAccepted: query.sameStudent === '1',
				relay: ctx.relay
			});
		} finally {
			archive.discard();
		}
	};

	/** Every document an archive changed is in the audit log; every admin's restore, changed or not. */
	const audit = (
		caller: Caller,
		planId: string,
		result: ImportResult,
		how: { detail: string; isEvenUnchanged: boolean }
	) => {
		if (!result.isChanged && !how.isEvenUnchanged) return;
		const { detail } = how;
		for (const docKind of ['plan', 'family'] as const) {
			if (result.skipped.includes(docKind)) continue;
			ctx.audit.record({ userId: caller.user.id, planId, docKind, action: 'change', detail });
		}
	};

	app.get('/api/archive-limits', async (request): Promise<ArchiveLimitsView> => {
		requireCaller(ctx, request);
		return { maxBytes: limits.maxBytes };
	});

	app.register(async (scope) => {
		// The body stays a stream: readArchive takes it piece by piece.
		scope.addContentTypeParser('application/zip', (_request, payload, done) => done(null, payload));
		scope.post<{ Params: { planId: string } }>(
			'/api/plans/:planId/import',
			{ bodyLimit: limits.maxBytes },
			async (request, reply) => {
				const caller = requireCaller(ctx, request);
				const { planId } = request.params;
				const rel = relationship(caller, planId);
				// Admins read plans (src/lib/plp/access.ts); their way back in is the audited restore.
				if (accessTo('plan', rel) !== 'write') throw forbidden();
				const result = await importFrom(request, reply, caller, planId, {
					plan: true,
					family: accessTo('family', rel) === 'write'
				});
				audit(caller, planId, result, { detail: 'imported from an archive', isEvenUnchanged: false });
				return result;
			}
		);
		scope.post<{ Params: { planId: string } }>(
			'/api/plans/:planId/restore',
			{ bodyLimit: limits.maxBytes },
			async (request, reply) => {
				const caller = requireRole(ctx, request, 'admin');
				const { planId } = request.params;
				if (!relationship(caller, planId).isSchoolAdmin) throw notFound('plan');
				const result = await importFrom(request, reply, caller, planId, { plan: true, family: true });
				audit(caller, planId, result, { detail: 'restored from an archive', isEvenUnchanged: true });
				return result;
			}
		);
	});
}

function archiveTooLarge(maxBytes: number): ApiError {
	const mb = Math.floor(maxBytes / (1024 * 1024));
	return new ApiError(
		413,
		'archive-too-large',
		`This archive is too large to import: the largest archive is ${mb} MB.`
	);
}
