/**
 * Relay benchmark part: a whole caseload offline. 80 one-year plans are stored in a real SQLite
 * file; a device that has none of them, then one that has all of them, then one that has all but
 * 10 changed elsewhere, brings itself up to date with ONE `POST /api/sync/catch-up` over loopback
 * HTTP, answered by the server's own route (registerCatchUpRoutes): the advisor's bearer session is
 * checked, every plan's right is resolved by the real SqliteAccessResolver over a seeded school
 * (the 80 students are in the advisor's caseload; 5 more students of the school are not, and the
 * device asks for them too and must be refused), and every document is audited in SQLite.
 * Target: ≤ 1 s for 80 plans, and only the 10 changed ones transferred.
 *
 * With PostgreSQL + Redis (issue 19; RELAY_BENCH_RELAYS names pathways-pg, pathways-pg-2) the
 * same plans are stored in PostgreSQL and the same accounts in the shared SQLite file, and the
 * requests go to one or two real server processes (`sync-server/src/main.ts` with DATABASE_URL and
 * REDIS_URL on one data folder). With two, the rounds alternate between them (A, B, A), so the ten
 * changes are answered by a process that did not answer the round before. The changes are written
 * into the store directly, as another process would.
 */
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Plan } from '../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../src/lib/plp/revisions';
import { ASSESSMENT_KINDS, GOAL_CATEGORIES, PROFILE_FIELDS } from '../src/lib/plp/schema';
import { pick, seededRandom } from '../src/lib/testing/random-edits';
import {
	CatchUpStatus,
	decodeCatchUpResponse,
	deleteSetOf,
	digestOf,
	encodeCatchUpRequest
} from '../src/lib/contracts/catch-up-format';
import { registerCatchUpRoutes } from '../sync-server/src/api/catch-up-routes';
import type { ApiContext } from '../sync-server/src/api/context';
import { SqliteAuditLog } from '../sync-server/src/audit/audit-log';
import { SqliteAccessResolver } from '../sync-server/src/auth/access-resolver';
import { AccountStore } from '../sync-server/src/auth/accounts';
import { SchoolStore } from '../sync-server/src/auth/school-store';
import { SessionStore } from '../sync-server/src/auth/sessions';
import { openDatabase } from '../sync-server/src/db';
import type { AsyncDocStore } from '../sync-server/src/contracts';
import { SyncDocStoreAdapter } from '../sync-server/src/storage/async-doc-store';
import { openPostgres } from '../sync-server/src/postgres/database';
import { PostgresDocStore } from '../sync-server/src/storage/postgres-doc-store';
import { startChild, type ChildServer } from '../sync-server/test/child-process';
import { clusterEnv } from './relay-cluster';
import { createDocStore } from '../sync-server/src/storage/sqlite-doc-store';

const PLANS = 80;
const CHANGED = 10;
/** Students of the same school outside the advisor's caseload, asked for and refused. */
const OUTSIDE = 5;

/** A school, an advisor with PLANS students in the caseload, OUTSIDE students who are not; the advisor's session token. */
function seedCaseload(accounts: AccountStore, schools: SchoolStore, sessions: SessionStore) {
	const school = schools.createSchool({ name: 'Bench High' });
	// Nobody signs in with a password here: the session is made directly.
	const passwordHash = 'bench-no-password';
	const advisor = accounts.createUser({
		schoolId: school.id,
		username: 'bench-advisor',
		displayName: 'Bench Advisor',
		role: 'staff',
		staffTitle: 'advisor',
		passwordHash
	});
	const student = (i: number) =>
		accounts.createUser({
			schoolId: school.id,
			username: `bench-student-${i}`,
			displayName: `Student ${i}`,
			role: 'student',
			grade: 9,
			passwordHash
		});
	const caseload = Array.from({ length: PLANS }, (_, i) => {
		const user = student(i);
		accounts.assignCaseload(advisor.id, user.id);
		return accounts.studentPlan(user.id)!.planId;
	});
	const outside = Array.from(
		{ length: OUTSIDE },
		(_, i) => accounts.studentPlan(student(PLANS + i).id)!.planId
	);
	return { caseload, outside, token: sessions.create(advisor.id).token };
}

/** A year of a plan: goals, steps, progress notes, reflections and typed profile answers, edit by edit. */
export function oneYearPlan(index: number): Y.Doc {
	const random = seededRandom(index + 1);
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	const plan = Plan.create(doc, `caseload-${index}`, { studentName: `Student ${index}`, grade: '9' });
	const goals = Array.from({ length: 8 }, (_, i) =>
		plan.goals.add({
			kind: 'secondary',
			category: pick(random, GOAL_CATEGORIES),
			term: 'short',
			title: `Goal ${i + 1}`,
			byWhen: '2026-06-15',
			status: 'in-progress'
		})
	);
	for (let i = 0; i < 50; i++) plan.steps.add({ goalId: goals[i % goals.length], status: 'done' });
	for (let i = 0; i < 60; i++)
		plan.collections.progress.add({
			date: `2025-0${1 + (i % 9)}-15`,
			goalId: goals[i % goals.length],
			assessmentKind: pick(random, ASSESSMENT_KINDS),
			level: String(1 + (i % 4)),
			note: 'Worked on this in class and at home this week.'
		});
	for (const field of PROFILE_FIELDS.slice(0, 4)) {
		const text = plan.profileText(field);
		for (const char of 'I like building things and helping people at the clinic. ')
			text.insert(text.length, char);
	}
	return doc;
}

async function requestFor(docs: Map<string, Y.Doc>) {
	return encodeCatchUpRequest(
		await Promise.all(
			[...docs].map(async ([docName, doc]) => ({
				docName,
				stateVector: Y.encodeStateVector(doc),
				deleteSetDigest: await digestOf(deleteSetOf(Y.encodeStateAsUpdate(doc)))
			}))
		)
	);
}

/** Where the caseload's plans are kept and who answers the catch-up requests. */
export type CaseloadEngine = 'sqlite' | 'pg' | 'pg-2';

const ENGINE_NAMES: Record<CaseloadEngine, string> = {
	sqlite: 'SQLite, the route in this process',
	pg: 'PostgreSQL + Redis, 1 server process',
	'pg-2': 'PostgreSQL + Redis, 2 server processes (rounds alternate)'
};

const MAIN = fileURLToPath(new URL('../sync-server/src/main.ts', import.meta.url));

interface Answerers {
	/** The catch-up address of each server; round r goes to urls[r % urls.length]. */
	urls: string[];
	append(docName: string, update: Uint8Array): Promise<void>;
	close(): Promise<void>;
}

/** The SQLite file in `dir`, answered by the catch-up route in this process (as before issue 19). */
async function sqliteAnswerers(dir: string): Promise<Answerers> {
	const db = openDatabase(dir);
	const store = createDocStore(db);
	const accounts = new AccountStore(db);
	const sessions = new SessionStore(db, 3_600_000);
	const app = Fastify({ logger: false });
	// The route reads only these parts of the server's context (requireCaller, the resolver, the audit, the documents).
	const ctx: Pick<ApiContext, 'db' | 'accounts' | 'sessions' | 'resolver' | 'audit' | 'docs'> = {
		db,
		accounts,
		sessions,
		resolver: new SqliteAccessResolver(accounts, sessions),
		audit: new SqliteAuditLog(db),
		docs: new SyncDocStoreAdapter(store) as AsyncDocStore
	};
	registerCatchUpRoutes(app, ctx as ApiContext);
	await app.listen({ host: '127.0.0.1', port: 0 });
	const address = app.server.address();
	if (address === null || typeof address === 'string') throw new Error('no port');
	return {
		urls: [`http://127.0.0.1:${address.port}/api/sync/catch-up`],
		append: async (docName, update) => store.appendUpdate(docName, update),
		async close() {
			await app.close();
			store.close();
			db.close();
		}
	};
}

/** PostgreSQL for the plans, the SQLite file in `dir` for the accounts, `count` real server processes. */
async function postgresAnswerers(dir: string, count: number): Promise<Answerers> {
	const env = await clusterEnv();
	const pool = await openPostgres(env.DATABASE_URL);
	const store = new PostgresDocStore(pool);
	const children: ChildServer[] = [];
	const close = async () => {
		for (const child of children) await child.kill('SIGTERM');
		await store.close();
		await pool.end();
	};
	try {
		for (let i = 0; i < count; i++) {
			const child = await startChild(
				MAIN,
				{
					...env,
					PORT: '0',
					HOST: '127.0.0.1',
					DATA_DIR: dir,
					SEED_DEMO: '0',
					BUILD_DIR: join(dir, 'no-build'),
					BACKUP_ENABLED: '0',
					LOG_LEVEL: 'warn'
				},
				/running at (http:\/\/\S+)/,
				60_000
			);
			children.push(child);
		}
	} catch (error) {
		await close();
		throw error;
	}
	return {
		urls: children.map((child) => `${child.printed}/api/sync/catch-up`),
		append: (docName, update) => store.appendUpdates([{ docName, update }]),
		close
	};
}

export async function runCaseloadBench(engines: CaseloadEngine[] = ['sqlite']): Promise<void> {
	for (const engine of engines) await caseloadOn(engine);
}

async function caseloadOn(engine: CaseloadEngine): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	// The accounts are seeded in the SQLite file first; the servers open it afterwards.
	const seedDb = openDatabase(dir);
	const accounts = new AccountStore(seedDb);
	const { caseload, outside, token } = seedCaseload(
		accounts,
		new SchoolStore(seedDb),
		new SessionStore(seedDb, 3_600_000)
	);
	seedDb.close();
	let answerers: Answerers | undefined;
	try {
		answerers =
			engine === 'sqlite'
				? await sqliteAnswerers(dir)
				: await postgresAnswerers(dir, engine === 'pg' ? 1 : 2);
		const { urls, append } = answerers;
		const originals: Y.Doc[] = [];
		for (let i = 0; i < PLANS; i++) {
			const doc = oneYearPlan(i);
			originals.push(doc);
			await append(`plan.${caseload[i]}`, Y.encodeStateAsUpdate(doc));
		}
		for (const planId of outside) await append(`plan.${planId}`, Y.encodeStateAsUpdate(oneYearPlan(0)));
		const device = new Map(
			[...caseload, ...outside].map((planId) => [`plan.${planId}`, new Y.Doc(PLAN_DOC_OPTIONS)])
		);

		let rounds = 0;
		/** One round trip, the device's side included (state vectors, digests, applying). */
		const round = async () => {
			const url = urls[rounds++ % urls.length]!;
			const started = performance.now();
			const body = await requestFor(device);
			const response = await fetch(url, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
				body
			});
			if (response.status !== 200) throw new Error(`catch-up answered ${response.status}`);
			const bytes = new Uint8Array(await response.arrayBuffer());
			const answers = decodeCatchUpResponse(bytes);
			for (const answer of answers)
				if (answer.update) Y.applyUpdate(device.get(answer.docName)!, answer.update);
			const changed = answers.filter((answer) => answer.status === CatchUpStatus.changes);
			const updateBytes = changed.reduce((sum, answer) => sum + (answer.update?.length ?? 0), 0);
			const refused = answers.filter((answer) => answer.status === CatchUpStatus.noAccess).length;
			return {
				refused,
				ms: performance.now() - started,
				sent: body.length,
				received: bytes.length,
				changed: changed.length,
				updateBytes
			};
		};

		const fresh = await round();
		const same = await round();
		for (let i = 0; i < CHANGED; i++) {
			const before = Y.encodeStateVector(originals[i]!);
			originals[i]!.getText('profile.interests').insert(0, 'Changed elsewhere. ');
			await append(`plan.${caseload[i]}`, Y.encodeStateAsUpdate(originals[i]!, before));
		}
		const tenChanged = await round();
		const converged = originals.every(
			(doc, i) =>
				Y.encodeStateVector(doc).toString() ===
				Y.encodeStateVector(device.get(`plan.${caseload[i]}`)!).toString()
		);
		const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
		const stored = originals.reduce((sum, doc) => sum + Y.encodeStateAsUpdate(doc).length, 0);
		console.log(
			`\ncaseload offline (${ENGINE_NAMES[engine]}): ${PLANS} one-year plans (${kb(stored)} stored in all), one POST /api/sync/catch-up each time (real sign-in session, rights and audit; ${OUTSIDE} plans outside the caseload asked for too)`
		);
		console.log(
			`  new device:     ${fresh.ms.toFixed(0)} ms, ${fresh.changed} plans sent, ${kb(fresh.received)} received, ${kb(fresh.sent)} asked, ${fresh.refused} of ${OUTSIDE} outside plans refused — target ≤ 1000 ms: ${fresh.ms <= 1000 ? 'met' : 'not met'}`
		);
		console.log(
			`  nothing changed: ${same.ms.toFixed(0)} ms, ${same.changed} plans sent, ${same.received} bytes received`
		);
		console.log(
			`  ${CHANGED} changed:     ${tenChanged.ms.toFixed(0)} ms, ${tenChanged.changed} plans sent, ${tenChanged.updateBytes} update bytes (${tenChanged.received} bytes in all) — target only those ${CHANGED}: ${tenChanged.changed === CHANGED ? 'met' : 'not met'}; device equals server: ${converged ? 'yes' : 'no'}`
		);
	} finally {
		await answerers?.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
