/**
 * Property: three replicas of a plan (and its family part) make random edits to every section,
 * go offline at random, and receive each other's updates in random order, some twice. Once every
 * update has been delivered, all three hold exactly the same plan.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from './family';
import { Plan } from './plan';
import { pick, randomFamilyEdit, randomPlanEdit, seededRandom, type Random } from '../testing/random-edits';

const SEEDS = 200;
const STEPS = 60;

interface Replica {
	plan: Plan;
	family: FamilyPart;
	isOnline: boolean;
	/** Updates waiting to reach this replica: [which doc, bytes]. */
	inbox: Array<['plan' | 'family', Uint8Array]>;
}

function makeReplicas(random: Random): Replica[] {
	const origin = new Y.Doc();
	Plan.create(origin, 'converge', { studentName: 'Sam' });
	const seed = Y.encodeStateAsUpdate(origin);
	return [0, 1, 2].map(() => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seed);
		const replica: Replica = {
			plan: Plan.open(doc).plan,
			family: new FamilyPart(new Y.Doc()),
			isOnline: random() < 0.7,
			inbox: []
		};
		return replica;
	});
}

/** Every local update is queued for every other replica; delivery happens later, in any order. */
function wire(replicas: Replica[]): void {
	for (const from of replicas) {
		for (const kind of ['plan', 'family'] as const) {
			const doc = kind === 'plan' ? from.plan.doc : from.family.doc;
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === 'remote') return;
				for (const to of replicas) if (to !== from) to.inbox.push([kind, update]);
			});
		}
	}
}

function deliverSome(random: Random, replica: Replica, all: boolean): void {
	if (!replica.isOnline && !all) return;
	// Shuffle what is waiting, deliver a random part of it (all of it at the end), sometimes twice.
	replica.inbox.sort(() => random() - 0.5);
	const count = all ? replica.inbox.length : Math.floor(random() * (replica.inbox.length + 1));
	for (const [kind, update] of replica.inbox.splice(0, count)) {
		const doc = kind === 'plan' ? replica.plan.doc : replica.family.doc;
		Y.applyUpdate(doc, update, 'remote');
		if (random() < 0.05) Y.applyUpdate(doc, update, 'remote');
	}
}

function runSeed(seed: number) {
	const random = seededRandom(seed);
	const replicas = makeReplicas(random);
	wire(replicas);
	for (let step = 0; step < STEPS; step++) {
		const replica = pick(random, replicas);
		if (random() < 0.1) replica.isOnline = !replica.isOnline;
		if (random() < 0.85) randomPlanEdit(random, replica.plan);
		else randomFamilyEdit(random, replica.family);
		deliverSome(random, pick(random, replicas), false);
	}
	for (const replica of replicas) replica.isOnline = true;
	for (const replica of replicas) deliverSome(random, replica, true);
	return replicas.map((r) => ({ plan: r.plan.snapshot(), family: r.family.snapshot() }));
}

describe('three replicas with random edits, offline periods and delivery order', () => {
	it(`converge to the same plan for ${SEEDS} seeds`, () => {
		let recordsSeen = 0;
		for (let seed = 1; seed <= SEEDS; seed++) {
			const [a, b, c] = runSeed(seed);
			expect(b, `seed ${seed}`).toEqual(a);
			expect(c, `seed ${seed}`).toEqual(a);
			recordsSeen += a!.plan.goals.length + a!.plan.reflections.length + a!.family.reflections.length;
		}
		// The edits really happened: the replicas did not merely agree on an empty plan.
		expect(recordsSeen).toBeGreaterThan(SEEDS);
	});
});
