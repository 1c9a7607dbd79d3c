/**
 * The proficiency framework API. Admins upload (CSV or JSON, with a dry run); everyone in the school
 * reads the latest version, which the app keeps on the device for offline use.
 *   POST /api/proficiencies           admin  { format: 'csv' | 'json' | 'case', files, dryRun }
 *   GET  /api/proficiencies           signed in: { framework: FrameworkVersion | null }
 *   GET  /api/proficiencies/versions  admin: every version, newest first
 *   GET  /api/proficiencies/:version  admin: one version
 *   GET  /api/proficiencies/:version/changes  admin: what it changed from the version before
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FrameworkFormat, FrameworkUploadReport } from '../../../src/lib/contracts/framework-api';
import { frameworkChanges } from '../../../src/lib/contracts/framework-changes';
import { requireCaller, requireRole } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { notFound } from '../api/errors';
import { CASE_FILE, readCasePackage } from './case-package';
import {
	FRAMEWORK_CSV_FILES,
	FRAMEWORK_JSON_FILE,
	readFrameworkCsv,
	readFrameworkJson
} from './framework-input';

interface UploadBody {
	format: FrameworkFormat;
	files: Record<string, string>;
	dryRun: boolean;
}

const uploadSchema = {
	body: {
		type: 'object',
		required: ['format', 'files', 'dryRun'],
		additionalProperties: false,
		properties: {
			format: { type: 'string', enum: ['csv', 'json', 'case'] },
			files: {
				type: 'object',
				propertyNames: { enum: [...FRAMEWORK_CSV_FILES, FRAMEWORK_JSON_FILE, CASE_FILE] },
				additionalProperties: { type: 'string' }
			},
			dryRun: { type: 'boolean' }
		}
	}
} as const;

const versionParams = {
	params: {
		type: 'object',
		required: ['version'],
		properties: { version: { type: 'integer', minimum: 1 } }
	}
} as const;

export function registerFrameworkRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const store = ctx.frameworks;

	app.post<{ Body: UploadBody }>(
		'/api/proficiencies',
		{ schema: uploadSchema, bodyLimit: 8 * 1024 * 1024 },
		async (request): Promise<FrameworkUploadReport> => {
			const admin = requireRole(ctx, request, 'admin');
			const { format, files, dryRun } = request.body;
			const { framework, problems, notUsed } =
				format === 'case'
					? readCasePackage(files[CASE_FILE])
					: {
							...(format === 'json'
								? readFrameworkJson(files[FRAMEWORK_JSON_FILE])
								: readFrameworkCsv(files)),
							notUsed: []
						};
			const counts = {
				graduation: framework.proficiencies.filter((p) => p.kind === 'graduation').length,
				transferable: framework.proficiencies.filter((p) => p.kind === 'transferable').length,
				indicators: framework.proficiencies.reduce((sum, p) => sum + p.indicators.length, 0),
				scales: framework.scales.length,
				links: framework.links?.length ?? 0
			};
			const latest = await store.latest(admin.user.schoolId);
			const changes = latest && problems.length === 0 ? frameworkChanges(latest, framework) : null;
			if (problems.length > 0 || dryRun) {
				return {
					isDryRun: dryRun,
					isSaved: false,
					isNewVersion: false,
					version: null,
					problems,
					notUsed,
					counts,
					changes
				};
			}
			const saved = await store.save(admin.user.schoolId, admin.user.id, framework);
			return {
				isDryRun: false,
				isSaved: true,
				isNewVersion: saved.isNew,
				version: saved.version.version,
				problems,
				notUsed,
				counts,
				changes
			};
		}
	);

	app.get('/api/proficiencies', async (request) => {
		const caller = requireCaller(ctx, request);
		return { framework: await store.latest(caller.user.schoolId) };
	});

	app.get('/api/proficiencies/versions', async (request) => {
		const admin = requireRole(ctx, request, 'admin');
		return { versions: await store.list(admin.user.schoolId) };
	});

	type VersionRequest = FastifyRequest<{ Params: { version: number } }>;
	/** The admin's school and the version asked for (404 when it does not exist). */
	const versionAsked = async (request: VersionRequest) => {
		const admin = requireRole(ctx, request, 'admin');
		const framework = await store.get(admin.user.schoolId, request.params.version);
		if (!framework) throw notFound('version of the framework');
		return { schoolId: admin.user.schoolId, framework };
	};

	// What a version changed from the one before it (every item of version 1 is "added").
	app.get(
		'/api/proficiencies/:version/changes',
		{ schema: versionParams },
		async (request: VersionRequest) => {
			const { schoolId, framework } = await versionAsked(request);
			const before = (await store.get(schoolId, framework.version - 1)) ?? { proficiencies: [], scales: [] };
			return { version: framework.version, changes: frameworkChanges(before, framework) };
		}
	);

	app.get('/api/proficiencies/:version', { schema: versionParams }, async (request: VersionRequest) => ({
		framework: (await versionAsked(request)).framework
	}));
}
