/**
 * What the relay's revision check (src/lib/plp/revision-guard.ts) costs per update, on the
 * five-year plan (20,000 edits, its revisions recorded): a typed character, a goal's new step, a
 * whole-state sync answer; beside what parsing the update (done anyway) costs. Prints
 * figures, asserts nothing. Run: `npx tsx bench/revision-guard.ts`.
 */
import * as Y from 'yjs';
import { Plan } from '../src/lib/plp/plan';
import { revisionChange } from '../src/lib/plp/revision-guard';
import { PLAN_DOC_OPTIONS } from '../src/lib/plp/revisions';
import { makeFiveYearPlan } from './five-year-plan';

function perCallUs(run: () => void, minMs = 300): number {
	for (let i = 0; i < 20; i++) run(); // warm-up
	let calls = 0;
	const start = performance.now();
	while (performance.now() - start < minMs) {
		run();
		calls++;
	}
	return ((performance.now() - start) * 1000) / calls;
}

const { doc } = makeFiveYearPlan();
const plan = Plan.read(doc);
const server = new Y.Doc(PLAN_DOC_OPTIONS);
Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
const revisions = plan.collections.revisions.length;

function updateOf(change: () => void): Uint8Array {
	let update: Uint8Array | null = null;
	const take = (u: Uint8Array) => (update = u);
	doc.on('update', take);
	change();
	doc.off('update', take);
	return update!;
}

const goalId = plan.goals.ids()[0]!;
const cases: [string, Uint8Array][] = [
	['one typed character', updateOf(() => plan.goals.text(goalId, 'measure').insert(0, 'x'))],
	['a new step', updateOf(() => plan.steps.add({ what: 'Visit the clinic', goalId }))],
	['a new revision', updateOf(() => plan.collections.revisions.add({ whatChanged: 'More', why: 'Because' }))]
];
// A device's answer to the server's state vector after those three, whole delete set included.
cases.push(['whole-state sync answer', Y.encodeStateAsUpdate(doc)]);
const firstRevision = plan.collections.revisions.ids()[0]!;
cases.push([
	'an edit of a revision',
	updateOf(() => plan.collections.revisions.set(firstRevision, 'date', '2020-01-01'))
]);

console.log(
	`revision check · five-year plan, ${revisions} revisions, ${Y.encodeStateAsUpdate(doc).length} bytes`
);
for (const [label, update] of cases) {
	// The relay hands the checker the parse it made anyway (protocol.ts), so the check is what it adds.
	const decoded = Y.decodeUpdate(update);
	const check = perCallUs(() => revisionChange(server, decoded));
	const decode = perCallUs(() => Y.decodeUpdate(update));
	const verdict = revisionChange(server, decoded);
	console.log(
		`  ${label.padEnd(24)} ${String(update.length).padStart(7)} B  check ${check.toFixed(1).padStart(8)} µs` +
			`  (its parse, done anyway: ${decode.toFixed(1)} µs)  verdict ${verdict ?? 'ok'}`
	);
}
