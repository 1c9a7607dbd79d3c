/**
 * The API with DATABASE_URL: the real server (accounts in its SQLite file) reads every plan
 * document from PostgreSQL, where the relay stores them, and computes its own changes against it.
 * Real y-websocket clients write through the relay; the API reads back by export, catch-up, the
 * plan list and growth; a roster import's new plans and new plan information land in PostgreSQL
 * and reach a connected client. The SQLite file never holds a document row, nor an audit entry: the
 * admin's audit view reads PostgreSQL's.
 */
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import {
	CatchUpStatus,
	decodeCatchUpResponse,
	deleteSetOf,
	digestOf,
	encodeCatchUpRequest
} from '../../../src/lib/contracts/catch-up-format';
import type { CaseloadRow } from '../../../src/lib/contracts/growth-api';
import type { PlanView } from '../../../src/lib/contracts/api';
import { MANIFEST_PATH, PLAN_STATE_PATH } from '../../../src/lib/plp/archive';
import { today } from '../../../src/lib/plp/ids';
import { Plan } from '../../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS, recordRevision } from '../../../src/lib/plp/revisions';
import { demoPlanContent } from '../../src/demo/demo-plans';
import { loadStoredDoc } from '../../src/export/plan-archive';
import { openPostgres } from '../../src/postgres/database';
import { PostgresDocStore } from '../../src/storage/postgres-doc-store';
import { connectClient, destroyClients, synced, waitFor, type Client } from '../harness';
import { api, signIn, startServer, type TestServer } from '../helpers';
import { postRoster } from '../roster-api';
import { createTestDatabase } from './databases';

const sameState = (a: Y.Doc, b: Y.Doc) =>
	Y.encodeStateVector(a).toString() === Y.encodeStateVector(b).toString();

/** Document rows in the data folder's SQLite file: none when the documents are in PostgreSQL. */
function sqliteDocRows(server: TestServer): number {
	const row = server.server.db.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number };
	return Number(row.n);
}

/** The plan document as PostgreSQL holds it, read on a connection of its own. */
async function planInPostgres(databaseUrl: string, planId: string): Promise<Y.Doc> {
	const pool = await openPostgres(databaseUrl, { max: 1 });
	const store = new PostgresDocStore(pool);
	try {
		return await loadStoredDoc(store, docName('plan', planId));
	} finally {
		await store.close();
		await pool.end();
	}
}

describe('the API on PostgreSQL (DATABASE_URL)', () => {
	const clients: Client[] = [];
	const servers: TestServer[] = [];
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		for (const server of servers.splice(0)) await server.close();
	});
	const connect = (server: TestServer, planId: string, token: string) => {
		const client = connectClient(
			server.url.replace('http', 'ws') + '/sync',
			docName('plan', planId),
			token,
			new Y.Doc(PLAN_DOC_OPTIONS)
		);
		clients.push(client);
		return client;
	};

	it('reads back what a client wrote through the relay: export, catch-up, plan list and growth', async () => {
		const databaseUrl = await createTestDatabase();
		const server = await startServer({
			config: { databaseUrl },
			options: { seedDemoPlanContent: (student) => demoPlanContent(student, { withProgress: false }) }
		});
		servers.push(server);
		const amaraToken = await signIn(server.url, 'amara');
		const riveraToken = await signIn(server.url, 'rivera');
		const amara = connect(server, 'demo-amara', amaraToken);
		const rivera = connect(server, 'demo-amara', riveraToken);
		await Promise.all([synced(amara), synced(rivera)]);
		const caseloadRow = async () => {
			const growth = await api<{ rows: CaseloadRow[] }>(server.url, 'GET', '/api/growth/caseload', {
				token: riveraToken
			});
			expect(growth.status).toBe(200);
			return growth.body.rows.find((row) => row.planId === 'demo-amara')!;
		};
		const goalsBefore = (await caseloadRow()).activeGoals;

		const plan = Plan.open(amara.doc).plan;
		const title = 'Apprenticeship at the boatyard';
		const date = today();
		plan.collections.goals.add({ title, status: 'in-progress' });
		recordRevision(plan, { whatChanged: 'A new goal', why: 'She found a boatyard', date });
		// The relay stores an update before it sends it on: once Rivera has it, PostgreSQL has it.
		await waitFor(() => sameState(rivera.doc, amara.doc), 'the edit to reach the other client');

		// The export: its Yjs state is the plan as the client holds it, its manifest names the goal.
		const exported = await fetch(`${server.url}/api/plans/demo-amara/export`, {
			headers: { authorization: `Bearer ${amaraToken}` }
		});
		expect(exported.status).toBe(200);
		const files = unzipSync(new Uint8Array(await exported.arrayBuffer()));
		const fromArchive = new Y.Doc(PLAN_DOC_OPTIONS);
		Y.applyUpdate(fromArchive, files[PLAN_STATE_PATH]!);
		expect(sameState(fromArchive, amara.doc)).toBe(true);
		expect(new TextDecoder().decode(files[MANIFEST_PATH])).toContain(title);

		// The catch-up of a device with nothing: it gets the whole plan, the edit included.
		const empty = new Y.Doc(PLAN_DOC_OPTIONS);
		const request = {
			docName: docName('plan', 'demo-amara'),
			stateVector: Y.encodeStateVector(empty),
			deleteSetDigest: await digestOf(deleteSetOf(Y.encodeStateAsUpdate(empty)))
		};
		const caughtUp = await fetch(`${server.url}/api/sync/catch-up`, {
			method: 'POST',
			headers: { authorization: `Bearer ${riveraToken}`, 'content-type': 'application/octet-stream' },
			body: encodeCatchUpRequest([request])
		});
		expect(caughtUp.status).toBe(200);
		const [answer] = decodeCatchUpResponse(new Uint8Array(await caughtUp.arrayBuffer()));
		expect(answer!.status).toBe(CatchUpStatus.changes);
		Y.applyUpdate(empty, answer!.update!);
		expect(sameState(empty, amara.doc)).toBe(true);

		// The plan list's summary and the growth row count the new goal and the revision.
		const list = await api<{ plans: PlanView[] }>(server.url, 'GET', '/api/plans', { token: riveraToken });
		expect(list.body.plans.find((view) => view.planId === 'demo-amara')?.review?.lastRevisedOn).toBe(date);
		expect((await caseloadRow()).activeGoals).toBe(goalsBefore + 1);

		expect(sqliteDocRows(server)).toBe(0);

		// The audit log is in PostgreSQL too: the admin reads who opened and changed the plan, by name.
		const userId = (username: string) =>
			(server.server.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string })
				.id;
		const log = await api<{ entries: { userId: string; userName: string; action: string }[] }>(
			server.url,
			'GET',
			`/api/audit?studentId=${encodeURIComponent(userId('amara'))}`,
			{ token: await signIn(server.url, 'admin') }
		);
		expect(log.status).toBe(200);
		expect(log.body.entries).toContainEqual(
			expect.objectContaining({ userId: userId('amara'), userName: 'Amara Okoye', action: 'change' })
		);
		expect(log.body.entries).toContainEqual(
			expect.objectContaining({ userId: userId('rivera'), userName: 'Lucia Rivera', action: 'open' })
		);
		const inSqlite = server.server.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
		expect(Number(inSqlite.n)).toBe(0);
		const pool = await openPostgres(databaseUrl, { max: 1 });
		try {
			const { rows } = await pool.query<{ n: string }>(
				"SELECT count(*) AS n FROM audit_log WHERE plan_id = 'demo-amara'"
			);
			expect(Number(rows[0]!.n)).toBe(log.body.entries.length);
		} finally {
			await pool.end();
		}
	});

	it('writes a roster import’s new plan and its new plan information to PostgreSQL and to the open plan', async () => {
		const databaseUrl = await createTestDatabase();
		const server = await startServer({ config: { databaseUrl } });
		servers.push(server);
		const admin = await signIn(server.url, 'admin');
		const importRoster = (grade: number) =>
			postRoster(server.url, admin, {
				format: 'simple',
				dryRun: false,
				files: {
					'people.csv': [
						'role,id,first_name,last_name,username,grade,advisor_id,student_ids',
						'advisor,A1,Ana,Reyes,ana.reyes,,,',
						`student,HV-7781,Amara,Okoye,amara.okoye,${grade},A1,`
					].join('\n')
				}
			});
		expect((await importRoster(10)).status).toBe(200);
		const advisor = server.server.db.prepare("SELECT id FROM users WHERE username = 'ana.reyes'").get() as {
			id: string;
		};
		const set = await api(server.url, 'POST', '/api/roster/first-password', {
			token: admin,
			body: { userId: advisor.id, password: 'harbor-view-pass' }
		});
		expect(set.status).toBe(200);
		const ana = await signIn(server.url, 'ana.reyes', 'harbor-view-pass');
		const { planId } = server.server.db
			.prepare(
				"SELECT s.plan_id AS planId FROM students s JOIN users u ON u.id = s.user_id WHERE u.username = 'amara.okoye'"
			)
			.get() as { planId: string };

		// The new plan's first content came from PostgreSQL.
		const live = connect(server, planId, ana);
		await synced(live);
		const plan = Plan.open(live.doc).plan;
		expect(plan.info()).toMatchObject({ studentName: 'Amara Okoye', grade: '10' });

		// The re-import computes its change against the plan in PostgreSQL (the SQLite file has none)
		// and sends it to the open socket.
		expect((await importRoster(11)).status).toBe(200);
		await waitFor(() => plan.info().grade === '11', 'the new grade on the live socket');
		expect(Plan.open(await planInPostgres(databaseUrl, planId)).plan.info()).toMatchObject({
			studentName: 'Amara Okoye',
			grade: '11'
		});
		expect(sqliteDocRows(server)).toBe(0);
	});
});
