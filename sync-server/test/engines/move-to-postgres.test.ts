/**
 * Moving an installation from SQLite to PostgreSQL (issue 19, storage/move-to-postgres.ts): a real
 * server on the default SQLite file with the demo school's plans and a student's edits, then the
 * real `npm run move-to-postgres` script as a child process against a real PostgreSQL database.
 * Before the move a server with DATABASE_URL refuses to start; after it every document compares
 * equal and the server serves the plans; words written to the SQLite file after a move refuse the
 * start again until a second run adds them. Evidence files move through the upload's own steps
 * (checked against their SHA-256), linked to the same plans, resuming an unfinished copy. The audit
 * log moves entry by entry, and the admin on PostgreSQL reads it with the new entries after it. The
 * proficiency frameworks' versions move compared column by column, and are served from PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { DiskBlobStoreAdapter } from '../../src/blobs/async-blob-store';
import { BlobStore } from '../../src/blobs/blob-store';
import { PostgresBlobStore } from '../../src/blobs/postgres-blob-store';
import type { AsyncBlobStore } from '../../src/contracts';
import { openDatabase } from '../../src/db';
import { demoPlanContent } from '../../src/demo/demo-plans';
import { openPostgres } from '../../src/postgres/database';
import { assertMovedToPostgres, moveToPostgres } from '../../src/storage/move-to-postgres';
import { PostgresDocStore } from '../../src/storage/postgres-doc-store';
import { createDocStore } from '../../src/storage/sqlite-doc-store';
import {
	connectClient,
	destroyClients,
	synced,
	tempDir as tempFolder,
	waitFor,
	type Client
} from '../harness';
import { pdf, sha256, uploadWhole } from '../archive-fixtures';
import { api, signIn, startServer, tempDir, type TestServer } from '../helpers';
import type { FrameworkVersion } from '../../../src/lib/contracts/framework';
import { createTestDatabase } from './databases';

const CLI = fileURLToPath(new URL('../../src/storage/move-cli.ts', import.meta.url));
const run = promisify(execFile);

const frameworkFile = (name: string) =>
	readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'proficiencies', name), 'utf8');

/** An admin's CSV upload of the fixture framework, its scale's first level named `firstLevel`. */
async function uploadFramework(server: TestServer, firstLevel: string): Promise<number | null> {
	const response = await api<{ version: number | null }>(server.url, 'POST', '/api/proficiencies', {
		token: await signIn(server.url, 'admin'),
		body: {
			format: 'csv',
			dryRun: false,
			files: {
				'proficiencies.csv': frameworkFile('proficiencies.csv'),
				'scales.csv': frameworkFile('scales.csv').replace('Beginning', firstLevel)
			}
		}
	});
	return response.body.version;
}

const latestFramework = async (server: TestServer, username: string) =>
	(
		await api<{ framework: FrameworkVersion | null }>(server.url, 'GET', '/api/proficiencies', {
			token: await signIn(server.url, username)
		})
	).body.framework;

async function moveCli(dataDir: string, databaseUrl: string): Promise<string> {
	const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI], {
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
		timeout: 120_000
	});
	return stdout;
}

describe('moving the plans of a SQLite installation into PostgreSQL', { timeout: 180_000 }, () => {
	const clients: Client[] = [];
	const servers: TestServer[] = [];
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		for (const server of servers.splice(0)) await server.close();
	});
	const connect = async (server: TestServer, username: string) => {
		const client = connectClient(
			server.url.replace('http', 'ws') + '/sync',
			docName('plan', 'demo-amara'),
			await signIn(server.url, username)
		);
		clients.push(client);
		await synced(client);
		return client;
	};
	const stop = async () => {
		destroyClients(...clients.splice(0));
		await servers.pop()!.close();
	};
	/** An edit by the student through a real relay on the SQLite file. */
	const writeOnSqlite = async (dir: string, text: string) => {
		const server = await startServer({ dir, keepDir: true, config: { seedDemo: false } });
		servers.push(server);
		const rows = () =>
			Number(
				(
					server.server.db
						.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ?')
						.get(docName('plan', 'demo-amara')) as { n: number }
				).n
			);
		const before = rows();
		const amara = await connect(server, 'amara');
		amara.doc.getText('notes').insert(0, text);
		await waitFor(() => rows() > before, 'the edit to be stored');
		await stop();
	};

	it('refuses DATABASE_URL until the move, then every document compares equal and is served', async () => {
		const dir = tempDir();
		const dataDir = path.join(dir, 'data');
		const databaseUrl = await createTestDatabase();
		const seeded = await startServer({
			dir,
			keepDir: true,
			options: { seedDemoPlanContent: demoPlanContent }
		});
		servers.push(seeded);
		await stop();
		await writeOnSqlite(dir, 'Notes written before the move. ');
		// Evidence uploaded on the SQLite installation, kept in its data folder.
		const withFile = await startServer({ dir, keepDir: true, config: { seedDemo: false } });
		servers.push(withFile);
		await uploadWhole(withFile, await signIn(withFile.url, 'amara'), 'demo-amara', pdf);
		// And the school's proficiency framework, saved there as version 1.
		expect(await uploadFramework(withFile, 'Beginning')).toBe(1);
		const frameworkOnSqlite = await latestFramework(withFile, 'rivera');
		await stop();

		await expect(
			startServer({ dir, keepDir: true, config: { databaseUrl, seedDemo: false } })
		).rejects.toThrow(/still in its SQLite file\. Move them first: npm run move-to-postgres/);

		const first = await moveCli(dataDir, databaseUrl);
		const documents = Number(/Done: (\d+) documents; (\d+) added, 0 completed/.exec(first)?.[1]);
		expect(first).toMatch(
			new RegExp(`Done: ${documents} documents; ${documents} added, 0 completed, 0 already there`)
		);
		expect(documents).toBeGreaterThan(5);
		expect(first).toContain('Evidence: 1 files; 1 copied');
		const auditMoved = /Audit log: (\d+) entries; (\d+) copied now/.exec(first);
		expect(Number(auditMoved?.[1])).toBeGreaterThan(0);
		expect(auditMoved?.[2]).toBe(auditMoved?.[1]);
		expect(first).toContain('Proficiency frameworks: 1 versions; 1 copied now');

		// Every document, read on a connection of its own, holds exactly what the SQLite file holds.
		const server = await startServer({ dir, keepDir: true, config: { databaseUrl, seedDemo: false } });
		servers.push(server);
		const names = (
			server.server.db.prepare('SELECT DISTINCT doc FROM doc_updates').all() as { doc: string }[]
		).map((row) => row.doc);
		expect(names).toHaveLength(documents);
		const pool = await openPostgres(databaseUrl, { max: 1 });
		const postgres = new PostgresDocStore(pool);
		const auditRows = `SELECT at, user_id, plan_id, doc_kind, action, detail FROM audit_log ORDER BY id`;
		const sqliteAudit = () =>
			server.server.db
				.prepare(auditRows)
				.all()
				.map((row) => ({ ...row }));
		const movedAudit = sqliteAudit();
		try {
			// The audit log, entry by entry and in order, as the SQLite file has it.
			const postgresAudit = (await pool.query(auditRows)).rows.map((row: Record<string, unknown>) => ({
				...row,
				at: Number(row.at)
			}));
			expect(movedAudit).toHaveLength(Number(auditMoved?.[1]));
			expect(postgresAudit).toEqual(movedAudit);
			for (const name of names) {
				const fromSqlite = new Y.Doc();
				for (const row of server.server.db
					.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq')
					.all(name) as {
					data: Uint8Array;
				}[])
					Y.applyUpdate(fromSqlite, row.data);
				const fromPostgres = new Y.Doc();
				for (const update of await postgres.loadUpdates(name)) Y.applyUpdate(fromPostgres, update);
				expect(Y.encodeStateAsUpdate(fromPostgres), name).toEqual(Y.encodeStateAsUpdate(fromSqlite));
			}
		} finally {
			await postgres.close();
			await pool.end();
		}

		// The framework, as PostgreSQL serves it: the version the SQLite file had, the same in every field.
		expect(await latestFramework(server, 'rivera')).toEqual(frameworkOnSqlite);
		// The relay on PostgreSQL serves the student's words to her advisor.
		const rivera = await connect(server, 'rivera');
		expect(rivera.doc.getText('notes').toString()).toBe('Notes written before the move. ');
		// And the file, now read from PostgreSQL.
		const file = await fetch(`${server.url}/api/blobs/${sha256(pdf)}`, {
			headers: { authorization: `Bearer ${await signIn(server.url, 'rivera')}` }
		});
		expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
		// What the server on PostgreSQL records goes there, not to the file; the admin reads both.
		expect(sqliteAudit()).toEqual(movedAudit);
		const amaraId = (
			server.server.db.prepare("SELECT id FROM users WHERE username = 'amara'").get() as { id: string }
		).id;
		const riveraId = (
			server.server.db.prepare("SELECT id FROM users WHERE username = 'rivera'").get() as { id: string }
		).id;
		const log = await api<{ entries: { userId: string; userName: string; action: string }[] }>(
			server.url,
			'GET',
			`/api/audit?studentId=${encodeURIComponent(amaraId)}`,
			{ token: await signIn(server.url, 'admin') }
		);
		expect(log.status).toBe(200);
		expect(log.body.entries[0]).toMatchObject({ userId: riveraId, userName: 'Lucia Rivera', action: 'open' });
		expect(log.body.entries.some((entry) => entry.userId === amaraId && entry.action === 'change')).toBe(
			true
		);
		await stop();

		// A second run changes nothing.
		const second = await moveCli(dataDir, databaseUrl);
		expect(second).toMatch(
			new RegExp(`Done: ${documents} documents; 0 added, 0 completed, ${documents} already there \\(0 bytes`)
		);
		expect(second).toContain(`Audit log: ${movedAudit.length} entries; 0 copied now`);
		expect(second).toContain('Proficiency frameworks: 1 versions; 0 copied now');

		// Words written to the SQLite file after the move: refused again until a run adds them.
		await writeOnSqlite(dir, 'Written on SQLite after the move. ');
		await expect(
			startServer({ dir, keepDir: true, config: { databaseUrl, seedDemo: false } })
		).rejects.toThrow(
			/plan words, evidence, audit entries or frameworks written after its move to PostgreSQL/
		);
		const third = await moveCli(dataDir, databaseUrl);
		expect(third).toMatch(/; 0 added, 1 completed, /);
		// Amara's opening and change on the SQLite file: two entries more, only those copied.
		expect(third).toContain(`Audit log: ${movedAudit.length + 2} entries; 2 copied now`);
		expect(third).toContain('Proficiency frameworks: 1 versions; 0 copied now');

		// A framework version saved on the SQLite file after the move: refused too, then copied alone.
		const late = await startServer({ dir, keepDir: true, config: { seedDemo: false } });
		servers.push(late);
		expect(await uploadFramework(late, 'Starting')).toBe(2);
		await stop();
		await expect(
			startServer({ dir, keepDir: true, config: { databaseUrl, seedDemo: false } })
		).rejects.toThrow(/frameworks written after its move to PostgreSQL/);
		const fourth = await moveCli(dataDir, databaseUrl);
		expect(fourth).toContain('Proficiency frameworks: 2 versions; 1 copied now');
		const after = await startServer({ dir, config: { databaseUrl, seedDemo: false } });
		servers.push(after);
		const served = await latestFramework(after, 'rivera');
		expect(served?.version).toBe(2);
		expect(served?.scales[0]!.levels[0]!.label).toBe('Starting');
		const again = await connect(after, 'rivera');
		expect(again.doc.getText('notes').toString()).toBe(
			'Written on SQLite after the move. Notes written before the move. '
		);
	});

	it('says what to set when DATABASE_URL is missing', async () => {
		const dir = tempDir();
		await expect(moveCli(path.join(dir, 'data'), '')).rejects.toMatchObject({
			stderr: expect.stringContaining('Set DATABASE_URL') as unknown
		});
	});

	it('copies evidence files with their plans, goes on with an unfinished copy, and refuses newer links', async () => {
		const folder = tempFolder();
		let time = 1_000;
		const db = openDatabase(folder.path);
		const disk: AsyncBlobStore = new DiskBlobStoreAdapter(new BlobStore(db, folder.path, () => ++time));
		const pool = await openPostgres(await createTestDatabase(), { max: 2 });
		const target = new PostgresBlobStore(pool);
		const documents = { source: createDocStore(db), target: new PostgresDocStore(pool) };
		const readAll = async (store: AsyncBlobStore, hash: string) => {
			const parts: Uint8Array[] = [];
			for await (const part of store.read(hash)) parts.push(part);
			return Buffer.concat(parts);
		};
		try {
			const bytes = randomBytes(3 * 1024 * 1024 + 17);
			const hash = createHash('sha256').update(bytes).digest('hex');
			for (let offset = 0; offset < bytes.length; offset += 1024 * 1024) {
				await disk.appendChunk('plan-one', hash, offset, bytes.subarray(offset, offset + 1024 * 1024));
			}
			expect(await disk.finish('plan-one', hash, 'image/png')).toBe(true);
			await disk.linkToPlan('plan-one', hash, 'amara');
			await disk.linkToPlan('plan-two', hash, 'rivera');
			// A run that stopped after the first megabyte.
			await target.appendChunk('plan-one', hash, 0, bytes.subarray(0, 1024 * 1024));
			expect(() => assertMovedToPostgres(db, { evidence: true, audit: false, frameworks: false })).toThrow(
				/npm run move-to-postgres/
			);

			const moved = await moveToPostgres(db, { documents, evidence: { source: disk, target } });
			expect(moved.evidence).toEqual({ files: 1, copied: 1, links: 2, bytes: bytes.length - 1024 * 1024 });
			expect((await readAll(target, hash)).equals(bytes)).toBe(true);
			expect(await target.info(hash)).toEqual({ hash, size: bytes.length, mimeType: 'image/png' });
			expect(await target.plansOf(hash)).toEqual(['plan-one', 'plan-two']);
			expect(() =>
				assertMovedToPostgres(db, { evidence: true, audit: false, frameworks: false })
			).not.toThrow();

			// The same file added to a third plan after the move: refused until a run links it.
			await disk.linkToPlan('plan-three', hash, 'rivera');
			expect(() => assertMovedToPostgres(db, { evidence: true, audit: false, frameworks: false })).toThrow(
				/written after its move/
			);
			const again = await moveToPostgres(db, { documents, evidence: { source: disk, target } });
			expect(again.evidence).toEqual({ files: 1, copied: 0, links: 1, bytes: 0 });
			expect(await target.plansOf(hash)).toEqual(['plan-one', 'plan-three', 'plan-two']);
			expect(() =>
				assertMovedToPostgres(db, { evidence: true, audit: false, frameworks: false })
			).not.toThrow();
		} finally {
			documents.source.close();
			await documents.target.close();
			await pool.end();
			db.close();
			folder.remove();
		}
	});
});
