/**
 * Proficiency frameworks through the API on a real server, on every engine: CSV and JSON uploads,
 * dry runs, problems by file and line, versions kept (and not duplicated by the same upload), who
 * may read and write. `proficiencies-api.test.ts` runs it on the SQLite file,
 * `engines/frameworks-postgres.test.ts` with DATABASE_URL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config';
import type { FrameworkUploadReport } from '../../src/lib/contracts/framework-api';
import type { FrameworkVersion } from '../../src/lib/contracts/framework';
import { api, signIn, startServer, type ErrorBody, type TestServer } from './helpers';

const fixture = (name: string) =>
	readFileSync(path.join(import.meta.dirname, 'fixtures', 'proficiencies', name), 'utf8');
const csvFiles = () => ({
	'proficiencies.csv': fixture('proficiencies.csv'),
	'scales.csv': fixture('scales.csv')
});

/** Where a server keeps its frameworks: what it is started with. */
export interface FrameworkEngine {
	name: string;
	config(): Promise<Partial<ServerConfig>>;
}

export const sqliteFrameworks: FrameworkEngine = { name: 'the SQLite file', config: async () => ({}) };

export function describeFrameworkApi(engine: FrameworkEngine): void {
	let server: TestServer;
	let admin: string;

	beforeEach(async () => {
		server = await startServer({ config: await engine.config() });
		admin = await signIn(server.url, 'admin');
	});
	afterEach(async () => {
		await server.close();
	});

	const upload = (body: Record<string, unknown>, token = admin) =>
		api<FrameworkUploadReport>(server.url, 'POST', '/api/proficiencies', {
			token,
			body: { format: 'csv', dryRun: false, ...body }
		});
	const latest = async (token: string) =>
		(await api<{ framework: FrameworkVersion | null }>(server.url, 'GET', '/api/proficiencies', { token }))
			.body.framework;

	describe(`proficiency frameworks on ${engine.name}`, () => {
		it('reads requirements, skills, indicators and scales from CSV; a dry run saves nothing', async () => {
			const dry = await upload({ files: csvFiles(), dryRun: true });
			expect(dry.body).toEqual({
				isDryRun: true,
				isSaved: false,
				isNewVersion: false,
				version: null,
				problems: [],
				notUsed: [],
				counts: { graduation: 2, transferable: 1, indicators: 6, scales: 2, links: 0 },
				changes: null
			});
			expect(await latest(admin)).toBeNull();

			const saved = await upload({ files: csvFiles() });
			expect(saved.body).toMatchObject({ isSaved: true, isNewVersion: true, version: 1 });
			// A student reads it too (their device keeps it for offline use).
			const amara = await signIn(server.url, 'amara');
			const framework = (await latest(amara))!;
			expect(framework.version).toBe(1);
			expect(framework.proficiencies.map((p) => [p.id, p.kind, p.scaleId])).toEqual([
				['SCI-1', 'graduation', ''],
				['ELA-2', 'graduation', ''],
				['TS-COM', 'transferable', 'habits']
			]);
			expect(framework.proficiencies[0]!.indicators).toEqual([
				{ id: 'SCI-1.a', text: 'Asks a question that can be tested' },
				{ id: 'SCI-1.b', text: 'Plans a fair test and collects data' }
			]);
			expect(framework.scales[1]).toMatchObject({ id: 'habits', name: 'Habits of work' });
			expect(framework.scales[0]!.levels.map((level) => `${level.value} ${level.label}`)).toEqual([
				'1 Beginning',
				'2 Developing',
				'3 Proficient',
				'4 Distinguished'
			]);
		});

		it('keeps every version; the same upload again is not a new version', async () => {
			await upload({ files: csvFiles() });
			const same = await upload({ files: csvFiles() });
			expect(same.body).toMatchObject({ isSaved: true, isNewVersion: false, version: 1 });
			const json = await upload({ format: 'json', files: { 'framework.json': fixture('framework.json') } });
			expect(json.body).toMatchObject({
				isNewVersion: true,
				version: 2,
				counts: { graduation: 1, transferable: 1 }
			});

			const versions = await api<{ versions: { version: number; proficiencies: number }[] }>(
				server.url,
				'GET',
				'/api/proficiencies/versions',
				{ token: admin }
			);
			expect(versions.body.versions.map((v) => [v.version, v.proficiencies])).toEqual([
				[2, 2],
				[1, 3]
			]);
			const first = await api<{ framework: FrameworkVersion }>(server.url, 'GET', '/api/proficiencies/1', {
				token: admin
			});
			expect(first.body.framework.proficiencies.map((p) => p.id)).toEqual(['SCI-1', 'ELA-2', 'TS-COM']);
			expect((await latest(admin))!.proficiencies.map((p) => p.id)).toEqual(['MATH-1', 'TS-SELF']);
			expect((await latest(admin))!.proficiencies[1]!.indicators).toEqual([
				{ id: 'TS-SELF.1', text: 'Sets goals and checks progress' }
			]);
		});

		it('reports problems by file and line and saves nothing', async () => {
			const files = csvFiles();
			files['proficiencies.csv'] +=
				'MATH-9,wisdom,Math,Something,,An indicator,\nSCI-1,graduation,,,SCI-1.a,Again,\n';
			files['scales.csv'] += 'main,Proficiency scale,four,Too far,\n';
			const response = await upload({ files });
			expect(response.body.isSaved).toBe(false);
			expect(response.body.problems).toEqual([
				{
					file: 'scales.csv',
					line: 10,
					reason: 'level "four" is not a number',
					why: { code: 'not-a-number', field: 'level', value: 'four' }
				},
				{
					file: 'proficiencies.csv',
					line: 8,
					reason: 'kind "wisdom" is not one of: graduation, transferable',
					why: {
						code: 'value-not-allowed',
						field: 'kind',
						value: 'wisdom',
						allowed: ['graduation', 'transferable']
					}
				},
				{
					file: 'proficiencies.csv',
					line: 9,
					reason: 'indicator SCI-1.a is listed twice',
					why: { code: 'indicator-repeated', id: 'SCI-1.a' }
				}
			]);
			expect(await latest(admin)).toBeNull();

			const missing = await upload({
				files: { 'proficiencies.csv': 'id,title\nX,Y\n', 'scales.csv': fixture('scales.csv') }
			});
			expect(missing.body.problems).toEqual([
				{
					file: 'proficiencies.csv',
					line: 1,
					reason: 'missing columns: kind, indicator',
					why: { code: 'columns-missing', columns: ['kind', 'indicator'] }
				},
				{
					file: 'proficiencies.csv',
					line: 0,
					reason: 'there are no proficiencies',
					why: { code: 'no-proficiencies' }
				}
			]);
			const badScale = await upload({
				format: 'json',
				files: {
					'framework.json': JSON.stringify({
						scales: [{ id: 'one', levels: [{ value: 1, label: 'Only' }] }],
						proficiencies: [{ id: 'A', kind: 'graduation', title: 'A', scale: 'nope' }]
					})
				}
			});
			expect(badScale.body.problems).toEqual([
				{
					file: 'framework.json',
					line: 0,
					reason: 'scale one needs at least two levels',
					why: { code: 'scale-too-short', scaleId: 'one' }
				},
				{
					file: 'framework.json',
					line: 0,
					reason: 'proficiency A uses scale nope, which is not in the scales',
					why: { code: 'scale-unknown', id: 'A', scaleId: 'nope' }
				}
			]);
			// A progress entry names an indicator by its id alone: it must name one thing in the framework.
			const sharedIndicator = await upload({
				format: 'json',
				files: {
					'framework.json': JSON.stringify({
						scales: [
							{
								id: 'two',
								levels: [
									{ value: 1, label: 'Not yet' },
									{ value: 2, label: 'Yes' }
								]
							}
						],
						proficiencies: [
							{ id: 'A', kind: 'graduation', title: 'A', indicators: [{ id: 'X', text: 'One' }] },
							{ id: 'B', kind: 'graduation', title: 'B', indicators: [{ id: 'X', text: 'Two' }] },
							{ id: 'C', kind: 'graduation', title: 'C', indicators: [{ id: 'A', text: 'Three' }] }
						]
					})
				}
			});
			expect(sharedIndicator.body.isSaved).toBe(false);
			expect(sharedIndicator.body.problems.map((problem) => problem.why)).toEqual([
				{ code: 'indicator-repeated', id: 'X' },
				{ code: 'indicator-repeated', id: 'A' }
			]);
			const notJson = await upload({ format: 'json', files: { 'framework.json': '{ nope' } });
			expect(notJson.body.problems[0]!.reason).toMatch(/^not valid JSON/);
		});

		it('only admins upload; signed-out callers read nothing', async () => {
			const rivera = await signIn(server.url, 'rivera');
			const response = await upload({ files: csvFiles() }, rivera);
			expect(response.status).toBe(403);
			const anonymous = await api<ErrorBody>(server.url, 'GET', '/api/proficiencies');
			expect(anonymous.status).toBe(401);
		});
	});
}
