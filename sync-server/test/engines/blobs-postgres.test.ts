/**
 * Evidence files with DATABASE_URL: the blob routes' suite on PostgreSQL, an upload begun on one
 * server and finished on another (two processes of one district share the files), and a plan's
 * archive with its files exported from one PostgreSQL installation and imported into another.
 * The data folder never holds a file.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/postgres/database';
import { amaraWithEvidence, exportPlan, pdf, png, restorePlan, uploadWhole } from '../archive-fixtures';
import { describeEvidenceFiles, fakePdf, type EvidenceEngine } from '../blob-suite';
import { signIn, startServer, type TestServer } from '../helpers';
import { createTestDatabase } from './databases';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One count from the server's PostgreSQL database, on a connection of its own. */
async function countIn(server: TestServer, sql: string, values: unknown[] = []): Promise<number> {
	const pool = await openPostgres(server.config.databaseUrl!, { max: 1 });
	try {
		const { rows } = await pool.query<{ n: string }>(sql, values);
		return Number(rows[0]!.n);
	} finally {
		await pool.end();
	}
}

const postgresEvidence: EvidenceEngine = {
	name: 'PostgreSQL',
	config: async () => ({ databaseUrl: await createTestDatabase() }),
	unfinishedUploads: (server) => countIn(server, 'SELECT count(*) AS n FROM blob_uploads'),
	copiesOf: (server, hash) => countIn(server, 'SELECT count(*) AS n FROM blobs WHERE hash = $1', [hash])
};

describeEvidenceFiles(postgresEvidence);

/** Nothing of the evidence in the data folder: no files on disk, no rows in its SQLite file. */
function expectNoEvidenceInDataFolder(server: TestServer): void {
	const rows = server.server.db.prepare('SELECT count(*) AS n FROM plan_blobs').get() as { n: number };
	expect(Number(rows.n)).toBe(0);
	const shards = path.join(server.config.dataDir, 'blobs');
	for (const hash of [sha256(pdf), sha256(png)]) {
		expect(existsSync(path.join(shards, hash.slice(0, 2), hash))).toBe(false);
	}
}

describe('evidence files shared by the servers of one PostgreSQL database', { timeout: 60_000 }, () => {
	const servers: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((server) => server.close()));
	});
	const start = async (databaseUrl: string, options = {}) => {
		const server = await startServer({ config: { databaseUrl }, options });
		servers.push(server);
		return server;
	};

	it('an upload begun on one server is resumed and read on another', async () => {
		const databaseUrl = await createTestDatabase();
		const [a, b] = [await start(databaseUrl), await start(databaseUrl)];
		const file = fakePdf(200_000);
		const hash = sha256(file);
		const put = async (server: TestServer, offset: number, chunk: Buffer) => {
			const token = await signIn(server.url, 'amara');
			const query = new URLSearchParams({
				planId: 'demo-amara',
				offset: String(offset),
				total: String(file.length)
			});
			const response = await fetch(`${server.url}/api/blobs/${hash}?${query}`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
				body: new Uint8Array(chunk)
			});
			return (await response.json()) as Record<string, unknown>;
		};
		expect(await put(a, 0, file.subarray(0, 120_000))).toEqual({ received: 120_000, isComplete: false });
		// The connection to A dropped; the next request reached B, which knows where the upload is.
		expect(await put(b, 0, file.subarray(0, 120_000))).toMatchObject({ received: 120_000 });
		expect(await put(b, 120_000, file.subarray(120_000))).toEqual({
			received: file.length,
			isComplete: true
		});
		const rivera = await signIn(a.url, 'rivera');
		const back = await fetch(`${a.url}/api/blobs/${hash}`, {
			headers: { authorization: `Bearer ${rivera}` }
		});
		expect(back.status).toBe(200);
		expect(Buffer.from(await back.arrayBuffer()).equals(file)).toBe(true);
		expect(await postgresEvidence.unfinishedUploads(a)).toBe(0);
	});

	it('a plan archive carries its files from one installation to another, byte for byte', async () => {
		const source = await start(await createTestDatabase(), { seedDemoPlanContent: amaraWithEvidence });
		const amara = await signIn(source.url, 'amara');
		await uploadWhole(source, amara, 'demo-amara', pdf);
		await uploadWhole(source, amara, 'demo-amara', png);
		const exported = await exportPlan(source, amara, 'demo-amara');
		expect(Buffer.from(exported.files[`evidence/${sha256(pdf)}.pdf`]!).equals(pdf)).toBe(true);
		expect(Buffer.from(exported.files[`evidence/${sha256(png)}.png`]!).equals(png)).toBe(true);
		expectNoEvidenceInDataFolder(source);

		const target = await start(await createTestDatabase());
		const admin = await signIn(target.url, 'admin');
		const restored = await restorePlan(target, admin, 'demo-amara', exported.bytes);
		expect(restored).toMatchObject({ status: 200, body: { files: 2, isChanged: true } });
		const amaraThere = await signIn(target.url, 'amara');
		for (const file of [pdf, png]) {
			const response = await fetch(`${target.url}/api/blobs/${sha256(file)}`, {
				headers: { authorization: `Bearer ${amaraThere}` }
			});
			expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);
			expect(await postgresEvidence.copiesOf(target, sha256(file))).toBe(1);
		}
		expect(await postgresEvidence.unfinishedUploads(target)).toBe(0);
		expectNoEvidenceInDataFolder(target);
		// Again: nothing new stored.
		const again = await restorePlan(target, admin, 'demo-amara', exported.bytes);
		expect(again).toMatchObject({ status: 200, body: { files: 2, isChanged: false } });
	});
});
