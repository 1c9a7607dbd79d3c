/**
 * Proficiency frameworks with DATABASE_URL: the framework API's suite on PostgreSQL, and two
 * servers of one database (each with its own data folder, as on two hosts): a version uploaded on
 * one is read on the other, uploads made at once on both get distinct versions, and no SQLite file
 * holds a framework row.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameworkUploadReport } from '../../../src/lib/contracts/framework-api';
import type { FrameworkVersion } from '../../../src/lib/contracts/framework';
import { openPostgres } from '../../src/postgres/database';
import { api, signIn, startServer, type TestServer } from '../helpers';
import { describeFrameworkApi } from '../proficiencies-suite';
import { createTestDatabase } from './databases';

describeFrameworkApi({
	name: 'PostgreSQL',
	config: async () => ({ databaseUrl: await createTestDatabase() })
});

const fixture = (name: string) =>
	readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'proficiencies', name), 'utf8');

/** Framework rows in a server's own SQLite file: none when PostgreSQL keeps them. */
function sqliteFrameworkRows(server: TestServer): number {
	const row = server.server.db.prepare('SELECT count(*) AS n FROM proficiency_frameworks').get() as {
		n: number;
	};
	return Number(row.n);
}

describe('frameworks shared by the servers of one PostgreSQL database', { timeout: 60_000 }, () => {
	const servers: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((server) => server.close()));
	});
	const start = async (databaseUrl: string) => {
		const server = await startServer({ config: { databaseUrl } });
		servers.push(server);
		return server;
	};
	const upload = (server: TestServer, token: string, scales: string) =>
		api<FrameworkUploadReport>(server.url, 'POST', '/api/proficiencies', {
			token,
			body: {
				format: 'csv',
				dryRun: false,
				files: { 'proficiencies.csv': fixture('proficiencies.csv'), 'scales.csv': scales }
			}
		});

	it('a version saved on one server is read on the other; saves at once get distinct versions', async () => {
		const databaseUrl = await createTestDatabase();
		const [one, other] = [await start(databaseUrl), await start(databaseUrl)];
		const adminOnOne = await signIn(one.url, 'admin');
		const adminOnOther = await signIn(other.url, 'admin');

		const saved = await upload(one, adminOnOne, fixture('scales.csv'));
		expect(saved.body).toMatchObject({ isSaved: true, isNewVersion: true, version: 1 });
		const read = await api<{ framework: FrameworkVersion | null }>(other.url, 'GET', '/api/proficiencies', {
			token: await signIn(other.url, 'amara')
		});
		expect(read.body.framework?.version).toBe(1);
		expect(read.body.framework?.proficiencies.map((p) => p.id)).toEqual(['SCI-1', 'ELA-2', 'TS-COM']);

		// The same upload on the other server: the version the first one saved, not a new one.
		const again = await upload(other, adminOnOther, fixture('scales.csv'));
		expect(again.body).toMatchObject({ isSaved: true, isNewVersion: false, version: 1 });

		// Two different uploads at once, one on each server.
		const renamed = (label: string) => fixture('scales.csv').replace('Beginning', label);
		const [a, b] = await Promise.all([
			upload(one, adminOnOne, renamed('Starting')),
			upload(other, adminOnOther, renamed('Just starting'))
		]);
		expect([a.body.version, b.body.version].sort()).toEqual([2, 3]);
		const versions = await api<{ versions: { version: number }[] }>(
			one.url,
			'GET',
			'/api/proficiencies/versions',
			{ token: adminOnOne }
		);
		expect(versions.body.versions.map((summary) => summary.version)).toEqual([3, 2, 1]);

		// Both SQLite files hold none of it; PostgreSQL holds the three versions.
		expect(sqliteFrameworkRows(one)).toBe(0);
		expect(sqliteFrameworkRows(other)).toBe(0);
		const pool = await openPostgres(databaseUrl, { max: 1 });
		try {
			const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM proficiency_frameworks');
			expect(Number(rows[0]!.n)).toBe(3);
		} finally {
			await pool.end();
		}
	});
});
