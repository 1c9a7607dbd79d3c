/**
 * Relay benchmark part: a whole caseload offline. 80 one-year plans are stored in a real SQLite
 * file; a device that has none of them, then one that has all of them, then one that has all but
 * 10 changed elsewhere, brings itself up to date with ONE `POST /api/sync/catch-up` over loopback
 * HTTP (the real route handler's work: decode, read the store, diff, encode; the rights lookup is
 * an allow-all here, a few SQLite reads per document in the server). Target: ≤ 1 s for 80 plans,
 * and only the 10 changed ones transferred.
 */
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { Plan } from '../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../src/lib/plp/revisions';
import { ASSESSMENT_KINDS, GOAL_CATEGORIES, PROFILE_FIELDS } from '../src/lib/plp/schema';
import { pick, seededRandom } from '../src/lib/plp/random-edits';
import {
	CatchUpStatus,
	decodeCatchUpRequest,
	decodeCatchUpResponse,
	deleteSetOf,
	digestOf,
	encodeCatchUpRequest,
	encodeCatchUpResponse
} from '../src/lib/sync/catch-up-format';
import { catchUp } from '../sync-server/src/plans/catch-up';
import { createDocStore } from '../sync-server/src/storage/sqlite-doc-store';

const PLANS = 80;
const CHANGED = 10;

/** A year of a plan: goals, steps, progress notes, reflections and typed profile answers, edit by edit. */
function oneYearPlan(index: number): Y.Doc {
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

export async function runCaseloadBench(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	const db = new DatabaseSync(join(dir, 'pathways.db'));
	const store = createDocStore(db);
	const app = Fastify({ logger: false });
	app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_r, body, done) =>
		done(null, body)
	);
	app.post('/api/sync/catch-up', async (request, reply) => {
		const answers = catchUp(decodeCatchUpRequest(request.body as Buffer), {
			store,
			accessTo: () => 'read',
			onDocument: () => {}
		});
		return reply.type('application/octet-stream').send(Buffer.from(encodeCatchUpResponse(answers)));
	});
	try {
		const originals: Y.Doc[] = [];
		for (let i = 0; i < PLANS; i++) {
			const doc = oneYearPlan(i);
			originals.push(doc);
			store.appendUpdate(`plan.caseload-${i}`, Y.encodeStateAsUpdate(doc));
		}
		await app.listen({ host: '127.0.0.1', port: 0 });
		const address = app.server.address();
		if (address === null || typeof address === 'string') throw new Error('no port');
		const url = `http://127.0.0.1:${address.port}/api/sync/catch-up`;
		const device = new Map(originals.map((_, i) => [`plan.caseload-${i}`, new Y.Doc(PLAN_DOC_OPTIONS)]));

		/** One round trip, the device's side included (state vectors, digests, applying). */
		const round = async () => {
			const started = performance.now();
			const body = await requestFor(device);
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/octet-stream' },
				body
			});
			const bytes = new Uint8Array(await response.arrayBuffer());
			const answers = decodeCatchUpResponse(bytes);
			for (const answer of answers)
				if (answer.update) Y.applyUpdate(device.get(answer.docName)!, answer.update);
			const changed = answers.filter((answer) => answer.status === CatchUpStatus.changes);
			const updateBytes = changed.reduce((sum, answer) => sum + (answer.update?.length ?? 0), 0);
			return {
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
			store.appendUpdate(`plan.caseload-${i}`, Y.encodeStateAsUpdate(originals[i]!, before));
		}
		const tenChanged = await round();
		const converged = originals.every(
			(doc, i) =>
				Y.encodeStateVector(doc).toString() ===
				Y.encodeStateVector(device.get(`plan.caseload-${i}`)!).toString()
		);
		const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
		const stored = originals.reduce((sum, doc) => sum + Y.encodeStateAsUpdate(doc).length, 0);
		console.log(
			`\ncaseload offline: ${PLANS} one-year plans (${kb(stored)} stored in all), one POST /api/sync/catch-up each time`
		);
		console.log(
			`  new device:     ${fresh.ms.toFixed(0)} ms, ${fresh.changed} plans sent, ${kb(fresh.received)} received, ${kb(fresh.sent)} asked — target ≤ 1000 ms: ${fresh.ms <= 1000 ? 'met' : 'not met'}`
		);
		console.log(
			`  nothing changed: ${same.ms.toFixed(0)} ms, ${same.changed} plans sent, ${same.received} bytes received`
		);
		console.log(
			`  ${CHANGED} changed:     ${tenChanged.ms.toFixed(0)} ms, ${tenChanged.changed} plans sent, ${tenChanged.updateBytes} update bytes (${tenChanged.received} bytes in all) — target only those ${CHANGED}: ${tenChanged.changed === CHANGED ? 'met' : 'not met'}; device equals server: ${converged ? 'yes' : 'no'}`
		);
	} finally {
		await app.close();
		store.close();
		db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
