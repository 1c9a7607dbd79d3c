/**
 * Inputs of the sizing (docs/sizing.md): what plans take in PostgreSQL's `doc_updates`, measured on
 * a throwaway cluster (the tests' own, sync-server/test/engines/services.ts). Prints the table's
 * size on disk (`pg_total_relation_size`: rows, TOAST and the index) per plan for the demo
 * school's plans (each document as one stored update, as seeded), for five-year plans
 * (bench/five-year-plan.ts, compacted to one update as the relay leaves them), and for the 500
 * single-keystroke rows a plan may hold before the relay compacts it (limits.ts,
 * compactAfterUpdates). Then the heap a loaded plan takes (the relay holds one Y.Doc per open
 * document): 80 one-year plans of the caseload bench and 20 five-year plans, applied from their
 * updates and counted after a full GC. Asserts nothing. `npx tsx --expose-gc bench/plan-sizes.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { AccountStore } from '../sync-server/src/auth/accounts';
import { SchoolStore } from '../sync-server/src/auth/school-store';
import { openDatabase } from '../sync-server/src/db';
import { demoPlanContent } from '../sync-server/src/demo/demo-plans';
import { seedDemoSchool } from '../sync-server/src/demo/demo-school';
import { openPostgres } from '../sync-server/src/postgres/database';
import { PostgresDocStore } from '../sync-server/src/storage/postgres-doc-store';
import { createDatabase, startPostgres } from '../sync-server/test/engines/services';
import { makeFiveYearPlan } from './five-year-plan';
import { oneYearPlan } from './relay-caseload';
import { PLAN_DOC_OPTIONS } from '../src/lib/plp/revisions';

const FIVE_YEAR_PLANS = Number(process.env.SIZES_FIVE_YEAR_PLANS ?? 20);
const KEYSTROKES = 500;
const DEMO_COPIES = 40;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function tableBytes(pool: pg.Pool): Promise<number> {
	await pool.query('VACUUM ANALYZE doc_updates');
	const { rows } = await pool.query<{ bytes: string }>(
		"SELECT pg_total_relation_size('doc_updates') AS bytes"
	);
	return Number(rows[0]!.bytes);
}

/** The table's growth while `fill` writes into an empty database. */
async function measure(adminUrl: string, fill: (store: PostgresDocStore) => Promise<void>): Promise<number> {
	const pool = await openPostgres(await createDatabase(adminUrl, 'sizes'), { max: 2 });
	const store = new PostgresDocStore(pool);
	try {
		const empty = await tableBytes(pool);
		await fill(store);
		return (await tableBytes(pool)) - empty;
	} finally {
		await store.close();
		await pool.end();
	}
}

/** Heap per plan loaded from `updates`, after a full collection before and after. */
async function heapPerPlan(updates: Uint8Array[]): Promise<number> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with --expose-gc: npx tsx --expose-gc bench/plan-sizes.ts');
	const settle = async () => {
		gc();
		await new Promise((resolve) => setTimeout(resolve, 50));
		gc();
	};
	await settle();
	const before = process.memoryUsage().heapUsed;
	const docs = updates.map((update) => {
		const doc = new Y.Doc(PLAN_DOC_OPTIONS);
		Y.applyUpdate(doc, update);
		return doc;
	});
	await settle();
	const bytes = (process.memoryUsage().heapUsed - before) / docs.length;
	docs.length = 0;
	return bytes;
}

async function printHeap(): Promise<void> {
	for (const [label, updates] of [
		[
			'one-year plans (caseload bench)',
			Array.from({ length: 80 }, (_, i) => Y.encodeStateAsUpdate(oneYearPlan(i)))
		],
		[
			'five-year plans',
			Array.from({ length: 20 }, (_, i) => Y.encodeStateAsUpdate(makeFiveYearPlan(2026 + i).doc))
		]
	] as const) {
		const encoded = updates.reduce((sum, update) => sum + update.length, 0) / updates.length;
		const heap = await heapPerPlan([...updates]);
		console.log(
			`${label}: ${updates.length} loaded, ${kb(encoded)} encoded, ${kb(heap)} of heap per plan (${(heap / encoded).toFixed(1)} × encoded)`
		);
	}
}

await printHeap();
const postgres = await startPostgres();
const dir = mkdtempSync(join(tmpdir(), 'pathways-sizes-'));
try {
	const db = openDatabase(dir);
	const demo = await seedDemoSchool(db, new AccountStore(db), new SchoolStore(db));
	db.close();
	if (demo === null) throw new Error('the demo school was not seeded');
	let demoBytes = 0;
	const demoDisk = await measure(postgres.url, async (store) => {
		// Each demo plan many times over, so the figure is per plan and not the table's first pages.
		for (let copy = 0; copy < DEMO_COPIES; copy++)
			for (const student of demo.students) {
				const { plan, family } = demoPlanContent(student);
				demoBytes += plan.length + family.length;
				await store.appendUpdates([
					{ docName: `plan.${student.planId}-${copy}`, update: plan },
					{ docName: `family.${student.planId}-${copy}`, update: family }
				]);
			}
	});
	const n = demo.students.length * DEMO_COPIES;
	console.log(
		`demo school: its ${demo.students.length} plans ${DEMO_COPIES} times over (${n} plans), ${kb(demoBytes / n)} of updates per plan (plan + family document), ${kb(demoDisk / n)} on disk per plan`
	);

	let fiveYearBytes = 0;
	const fiveYearDisk = await measure(postgres.url, async (store) => {
		for (let i = 0; i < FIVE_YEAR_PLANS; i++) {
			const update = Y.encodeStateAsUpdate(makeFiveYearPlan(2026 + i).doc);
			fiveYearBytes += update.length;
			await store.appendUpdates([{ docName: `plan.five-year-${i}`, update }]);
		}
	});
	console.log(
		`five-year plans: ${FIVE_YEAR_PLANS} plans, ${kb(fiveYearBytes / FIVE_YEAR_PLANS)} per plan compacted, ${kb(fiveYearDisk / FIVE_YEAR_PLANS)} on disk per plan`
	);

	let keystrokeBytes = 0;
	const typingDisk = await measure(postgres.url, async (store) => {
		const doc = new Y.Doc();
		const text = doc.getText('profile.interests');
		for (let i = 0; i < KEYSTROKES; i++) {
			const before = Y.encodeStateVector(doc);
			text.insert(text.length, 'a');
			const update = Y.encodeStateAsUpdate(doc, before);
			keystrokeBytes += update.length;
			await store.appendUpdates([{ docName: 'plan.typing', update }]);
		}
	});
	console.log(
		`${KEYSTROKES} single-keystroke rows (a plan's log before compaction): ${(keystrokeBytes / KEYSTROKES).toFixed(0)} bytes of update each, ${kb(typingDisk)} on disk in all (${(typingDisk / KEYSTROKES).toFixed(0)} bytes a row)`
	);
} finally {
	rmSync(dir, { recursive: true, force: true });
	await postgres.stop();
}
