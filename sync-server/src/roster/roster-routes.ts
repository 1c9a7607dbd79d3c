/**
 * The admin's roster API: POST /api/roster/import (a check, or for real after a check of the same
 * files), and for people the roster brought in, GET /api/roster/without-password and
 * POST /api/roster/first-password. Files travel as JSON strings (a browser reads them with
 * File.text()), a whole export as its .zip in base64; one JSON body needs no multipart parser, and
 * the body limit of this route is raised for a district's 10,000-student export.
 */
import type { FastifyInstance } from 'fastify';
import type { RosterImportRequest } from '../../../src/lib/contracts/roster-report';
import { ROSTER_CONFIRMATION_CODES } from '../../../src/lib/contracts/roster-report';
import { requireRole } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import { passwordProblem } from '../api/invite-routes';
import { hashPassword, MAX_PASSWORD_LENGTH } from '../auth/passwords';
import { readExport } from './oneroster-export';
import { checkedHash, RosterChecks } from './roster-checks';
import { importOneRoster } from './school-import';
import { RosterImport, type FindTransfer, type ImportEffects } from './roster-import';
import { syncPlanInfo } from './plan-info-sync';
import { RosterStore } from './roster-store';
import { readSimpleRoster, SIMPLE_FILE } from './simple-roster';

/** 64 MiB: a 10,000-student OneRoster export with enrollments is well under it. */
export const ROSTER_BODY_LIMIT = 64 * 1024 * 1024;

const importSchema = {
	body: {
		type: 'object',
		required: ['format', 'files', 'dryRun'],
		additionalProperties: false,
		properties: {
			format: { type: 'string', enum: ['oneroster', 'simple'] },
			files: {
				type: 'object',
				maxProperties: 60,
				propertyNames: { type: 'string', pattern: '^[^/\\\\]{1,120}$' },
				additionalProperties: { type: 'string' }
			},
			archive: { type: 'string', maxLength: ROSTER_BODY_LIMIT },
			dryRun: { type: 'boolean' },
			onlyGoodRows: { type: 'boolean' },
			schoolSourcedId: { type: 'string', minLength: 1, maxLength: 200 },
			checkToken: { type: 'string', minLength: 1, maxLength: 100 },
			confirmed: {
				type: 'array',
				maxItems: 10,
				items: { type: 'string', enum: [...ROSTER_CONFIRMATION_CODES] }
			}
		}
	}
} as const;

const firstPasswordSchema = {
	body: {
		type: 'object',
		required: ['userId', 'password'],
		additionalProperties: false,
		properties: {
			userId: { type: 'string', minLength: 1, maxLength: 100 },
			password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH }
		}
	}
} as const;

export function registerRosterRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const rosterImport = new RosterImport(ctx.db, ctx.relay, ctx.now);
	const store = new RosterStore(ctx.db, ctx.now);
	const schools = ctx.schools;
	const checks = new RosterChecks(ctx.db, ctx.now);

	app.post<{ Body: RosterImportRequest }>(
		'/api/roster/import',
		{ schema: importSchema, bodyLimit: ROSTER_BODY_LIMIT },
		async (request) => {
			const admin = requireRole(ctx, request, 'admin');
			const school = ctx.schools.school(admin.user.schoolId);
			if (!school) throw notFound('school');
			const body = request.body;
			if (body.archive !== undefined && (body.format !== 'oneroster' || Object.keys(body.files).length > 0)) {
				throw new ApiError(
					400,
					'invalid-request',
					'Send a OneRoster export either as its .zip or as its files, not both.'
				);
			}
			const filesHash = checkedHash(body);
			if (!body.dryRun && !checks.isChecked(admin.user.id, filesHash, body.checkToken)) {
				throw new ApiError(
					409,
					'check-first',
					'Check these files first ("Check the files"), then import the same files.'
				);
			}
			const options = {
				dryRun: body.dryRun,
				onlyGoodRows: body.onlyGoodRows ?? false,
				today: new Date(ctx.now()).toISOString().slice(0, 10),
				maxStudentsOffShare: ctx.config.rosterMaxStudentsOffShare,
				confirmed: new Set(body.confirmed ?? [])
			};
			const district = schools.districtOf(admin.user.id);
			const { report, effects } = await rosterImport.oneAtATime(() => {
				const findTransfer = district
					? store.linkedInDistrict(district.id)
					: movingIn(store, schools.school(school.id)?.districtId ?? null);
				return body.format === 'simple'
					? rosterImport.run(school, readSimpleRoster(body.files[SIMPLE_FILE]), options, findTransfer)
					: importOneRoster(
							rosterImport,
							schools,
							admin.user,
							{ export: readExport(body), schoolSourcedId: body.schoolSourcedId },
							options,
							store.schoolOrgOf(),
							findTransfer
						);
			});
			if (body.dryRun) report.checkToken = checks.remember(admin.user.id, filesHash);
			recordTransfers(ctx, admin.user.id, effects);
			revoke(ctx, effects);
			await syncPlanInfo(effects.planInfoChanges, ctx.accounts, ctx.docs, ctx.relay);
			return report;
		}
	);

	app.get('/api/roster/without-password', async (request) => {
		const admin = requireRole(ctx, request, 'admin');
		return { people: store.withoutPassword(admin.user.schoolId) };
	});

	app.post<{ Body: { userId: string; password: string } }>(
		'/api/roster/first-password',
		{ schema: firstPasswordSchema },
		async (request) => {
			const admin = requireRole(ctx, request, 'admin');
			const user = ctx.accounts.getUser(request.body.userId);
			if (!user || user.schoolId !== admin.user.schoolId) throw notFound('person');
			const problem = passwordProblem(request.body.password);
			if (problem) throw problem;
			const isSet = ctx.accounts.setFirstPassword(user.id, await hashPassword(request.body.password));
			if (!isSet) {
				throw new ApiError(
					409,
					'has-password',
					`${user.displayName} already has a password. Only people without one can be given a first password here.`
				);
			}
			return { userId: user.id, username: user.username };
		}
	);
}

/**
 * A school admin's import brings in students (and their guardians) whom an earlier import put in
 * another school of the same district, matched by the district's roster id: the student moved here
 * (decision 0095). Staff are not taken from another school this way; a district admin moves them.
 * A school of no district has no one to move in.
 */
function movingIn(store: RosterStore, districtId: string | null): FindTransfer | undefined {
	if (!districtId) return undefined;
	const find = store.linkedInDistrict(districtId);
	return (sourceId, schoolId) => {
		const found = find(sourceId, schoolId);
		return found && (found.role === 'student' || found.role === 'guardian') ? found : undefined;
	};
}

/**
 * A student who moved to another school of the district: the move is in the plan's audit log, and
 * every live connection that may have lost its right is checked again now — the old school's admins
 * (they read every plan of their school), the staff whose caseload lost them, and the person.
 */
function recordTransfers(ctx: ApiContext, adminId: string, effects: ImportEffects): void {
	for (const move of effects.transfers) {
		if (move.planId) {
			for (const docKind of ['plan', 'family'] as const) {
				ctx.audit.record({
					userId: adminId,
					planId: move.planId,
					docKind,
					action: 'change',
					detail: `moved from ${move.from.name} to ${move.to.name} by a roster import`
				});
			}
		}
		effects.relinkedUserIds.push(move.userId, ...ctx.accounts.adminsOf(move.from.id));
	}
}

/** Ends the sessions of people who left and re-checks live connections whose rights changed. */
function revoke(ctx: ApiContext, effects: ImportEffects): void {
	for (const userId of effects.deactivatedUserIds) {
		for (const sessionId of ctx.sessions.deleteForUser(userId)) ctx.relay.closeSession(sessionId);
		ctx.relay.recheckUser(userId);
	}
	for (const userId of effects.relinkedUserIds) ctx.relay.recheckUser(userId);
}
