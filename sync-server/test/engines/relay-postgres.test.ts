/**
 * The relay with DATABASE_URL: the real server (accounts in its SQLite file) keeps plan documents
 * in PostgreSQL, a real database in the throwaway cluster, with real y-websocket clients.
 */
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { connectClient, destroyClients, synced, waitFor, type Client } from '../harness';
import { signIn, startServer, tempDir, type TestServer } from '../helpers';
import { createTestDatabase } from './databases';

describe('relay on PostgreSQL (DATABASE_URL)', () => {
	const clients: Client[] = [];
	const servers: TestServer[] = [];
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		for (const server of servers.splice(0)) await server.close();
	});
	const connect = (server: TestServer, token: string) => {
		const client = connectClient(
			server.url.replace('http', 'ws') + '/sync',
			docName('plan', 'demo-amara'),
			token
		);
		clients.push(client);
		return client;
	};

	it('stores every edit in PostgreSQL, not in the SQLite file, and serves it after a restart', async () => {
		const databaseUrl = await createTestDatabase();
		const dir = tempDir();
		const first = await startServer({ dir, config: { databaseUrl } });
		servers.push(first);
		const amara = connect(first, await signIn(first.url, 'amara'));
		const rivera = connect(first, await signIn(first.url, 'rivera'));
		await Promise.all([synced(amara), synced(rivera)]);
		for (let i = 0; i < 20; i++) amara.doc.getText('notes').insert(0, `${i};`);
		await waitFor(
			() => rivera.doc.getText('notes').length === amara.doc.getText('notes').length,
			'rivera to converge'
		);

		const db = new pg.Client({ connectionString: databaseUrl });
		await db.connect();
		try {
			const { rows } = await db.query<{ n: number }>(
				'SELECT count(*)::integer AS n FROM doc_updates WHERE doc = $1',
				[docName('plan', 'demo-amara')]
			);
			expect(rows[0]!.n).toBeGreaterThan(0);
		} finally {
			await db.end();
		}
		const sqliteRows = first.server.db
			.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ?')
			.get(docName('plan', 'demo-amara')) as { n: number };
		expect(Number(sqliteRows.n)).toBe(0);

		const expected = amara.doc.getText('notes').toString();
		destroyClients(...clients.splice(0));
		await servers.pop()!.close();

		const second = await startServer({ dir, config: { databaseUrl, seedDemo: false } });
		servers.push(second);
		const again = connect(second, await signIn(second.url, 'rivera'));
		await synced(again);
		await waitFor(
			() => again.doc.getText('notes').toString() === expected,
			'the restarted server to serve the plan'
		);
		expect(Y.encodeStateVector(again.doc)).toEqual(Y.encodeStateVector(amara.doc));
	});

	it('refuses to start, naming the database, when PostgreSQL cannot be reached', async () => {
		const dir = tempDir();
		await expect(
			startServer({
				dir: path.join(dir, 'x'),
				config: { databaseUrl: 'postgres://nobody:secret@127.0.0.1:1/pathways' }
			})
		).rejects.toThrow(/Cannot open the PostgreSQL database 127\.0\.0\.1:1\/pathways/);
	});
});
