/**
 * Changes the server makes to plans itself (here: a roster re-import's new plan information, and
 * the new plans of a first import) go through the relay's one writer (writeServerUpdates): a
 * live socket of the plan gets them at once, and they are in the data folder's SQLite file,
 * read back after the server stopped. The roster import also runs on the server's clock.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/lib/plp/access';
import { Plan } from '../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../../src/lib/plp/revisions';
import { openDatabase } from '../src/db';
import { SyncDocStoreAdapter } from '../src/storage/async-doc-store';
import { createDocStore } from '../src/storage/sqlite-doc-store';
import { loadStoredDoc } from '../src/export/plan-archive';
import { connectClient, destroyClients, synced, waitFor, type Client } from './harness';
import { api, FakeClock, signIn, startServer, type TestServer } from './helpers';
import { postRoster } from './roster-api';

const rosterWith = (grade: number) =>
	[
		'role,id,first_name,last_name,username,grade,advisor_id,student_ids',
		'advisor,A1,Ana,Reyes,ana.reyes,,,',
		`student,HV-7781,Amara,Okoye,amara.okoye,${grade},A1,`
	].join('\n');

/** 2027-03-04 12:00 UTC: a day no test run falls on by chance. */
const FIXED_TIME = Date.UTC(2027, 2, 4, 12);

describe('server-made changes through the relay', () => {
	const clients: Client[] = [];
	let server: TestServer | undefined;
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await server?.close();
	});

	it('a re-import’s new grade reaches the open plan at once and is on disk; the import runs on the server’s clock', async () => {
		server = await startServer({ keepDir: true, clock: new FakeClock(FIXED_TIME) });
		const s = server;
		const admin = await signIn(s.url, 'admin');
		const importRoster = (grade: number) =>
			postRoster(s.url, admin, {
				format: 'simple',
				dryRun: false,
				files: { 'people.csv': rosterWith(grade) }
			});
		expect((await importRoster(10)).status).toBe(200);
		const user = s.server.db
			.prepare("SELECT id, created_at AS createdAt FROM users WHERE username = 'ana.reyes'")
			.get() as { id: string; createdAt: number };
		expect(user.createdAt).toBe(FIXED_TIME);
		const set = await api(s.url, 'POST', '/api/roster/first-password', {
			token: admin,
			body: { userId: user.id, password: 'harbor-view-pass' }
		});
		expect(set.status).toBe(200);
		const ana = await signIn(s.url, 'ana.reyes', 'harbor-view-pass');
		const { planId } = s.server.db
			.prepare(
				"SELECT s.plan_id AS planId FROM students s JOIN users u ON u.id = s.user_id WHERE u.username = 'amara.okoye'"
			)
			.get() as { planId: string };

		const live = connectClient(
			`${s.url.replace('http', 'ws')}/sync`,
			docName('plan', planId),
			ana,
			new Y.Doc(PLAN_DOC_OPTIONS)
		);
		clients.push(live);
		await synced(live);
		const plan = Plan.open(live.doc).plan;
		// The new plan was written on the server's clock (not the machine's): it starts that day.
		expect(plan.info()).toMatchObject({ studentName: 'Amara Okoye', grade: '10', startDate: '2027-03-04' });

		expect((await importRoster(11)).status).toBe(200);
		// The socket was open the whole time: the change came through the relay, not a reload.
		await waitFor(() => plan.info().grade === '11', 'the new grade on the live socket');

		await s.close();
		server = undefined;
		const db = openDatabase(s.config.dataDir);
		const store = createDocStore(db);
		try {
			const stored = Plan.open(
				await loadStoredDoc(new SyncDocStoreAdapter(store), docName('plan', planId))
			).plan;
			expect(stored.info()).toMatchObject({ grade: '11', startDate: '2027-03-04' });
		} finally {
			store.close();
			db.close();
			rmSync(s.dir, { recursive: true, force: true });
		}
	});
});
