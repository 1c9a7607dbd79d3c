/**
 * Random edits to every part of a plan, for the convergence property test and the benchmark.
 * Deterministic for a seed, so a failing seed can be replayed.
 */
import type { FamilyPart } from '../plp/family';
import type { Plan } from '../plp/plan';
import {
	INFO_FIELDS,
	PARTICIPANT_ROLES,
	PLAN_COLLECTIONS,
	PROFILE_FIELDS,
	type CollectionName,
	type FieldDef
} from '../plp/schema';

export type Random = () => number;

/** mulberry32: a tiny, well-known seeded generator. */
export function seededRandom(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: Random, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)] as T;
}

const WORDS = [
	'I',
	'want',
	'to',
	'learn',
	'build',
	'robots',
	'college',
	'música',
	'family',
	'nurse',
	'✨',
	'math'
];

function words(random: Random, count = 1 + Math.floor(random() * 4)): string {
	return Array.from({ length: count }, () => pick(random, WORDS)).join(' ');
}

function randomValue(random: Random, def: FieldDef): string {
	if (def.kind === 'choice') return pick(random, def.options);
	if (def.kind === 'date')
		return `202${Math.floor(random() * 6)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
	return words(random);
}

/** Inserts or deletes a little text somewhere in a Y.Text, as a person typing would. */
function typeInto(
	random: Random,
	text: { length: number; insert(i: number, s: string): void; delete(i: number, n: number): void }
): void {
	const at = Math.floor(random() * (text.length + 1));
	if (random() < 0.7 || text.length === 0) text.insert(at, words(random) + ' ');
	else
		text.delete(
			Math.min(at, text.length - 1),
			Math.min(1 + Math.floor(random() * 5), text.length - Math.min(at, text.length - 1))
		);
}

const COLLECTION_NAMES = Object.keys(PLAN_COLLECTIONS) as CollectionName[];

/** Makes one random edit to the plan (any section), like a person would. */
export function randomPlanEdit(random: Random, plan: Plan): void {
	const roll = random();
	if (roll < 0.08) return plan.setInfo(pick(random, INFO_FIELDS), words(random, 2));
	if (roll < 0.2) return typeInto(random, plan.profileText(pick(random, PROFILE_FIELDS)));
	const name = pick(random, COLLECTION_NAMES);
	const collection = plan.collection(name);
	const fields = Object.entries(PLAN_COLLECTIONS[name]) as [string, FieldDef][];
	const ids = collection.ids();
	if (ids.length === 0 || roll < 0.35) {
		const init: Record<string, string> = {};
		for (const [key, def] of fields) {
			if (def.kind === 'ref') init[key] = pick(random, [...plan.collections[def.to].ids(), '']);
			else if (def.kind !== 'links' && def.kind !== 'idSet' && def.kind !== 'people')
				init[key] = randomValue(random, def);
		}
		collection.add(init);
		return;
	}
	const id = pick(random, ids);
	if (roll < 0.4) return name === 'goals' ? plan.removeGoal(id) : collection.remove(id);
	const [key, def] = pick(random, fields);
	switch (def.kind) {
		case 'text':
			return typeInto(random, collection.text(id, key));
		case 'links': {
			const others = plan.collections[def.to].ids();
			if (others.length) collection.link(id, key, pick(random, others), random() < 0.7);
			return;
		}
		case 'idSet':
			return collection.link(id, key, pick(random, ['SCI-1', 'MATH-2', 'TS-COM']), random() < 0.7);
		case 'people':
			if (random() < 0.7)
				collection.addPerson(id, key, { name: words(random, 2), role: pick(random, PARTICIPANT_ROLES) });
			else collection.removePerson(id, key, 0);
			return;
		case 'ref':
			return collection.set(id, key, pick(random, [...plan.collections[def.to].ids(), '']));
		default:
			collection.set(id, key, randomValue(random, def));
	}
}

/** One random edit to the family part. */
export function randomFamilyEdit(random: Random, family: FamilyPart): void {
	const roll = random();
	if (roll < 0.4) return typeInto(random, family.viewText(random() < 0.5 ? 'strengths' : 'hopes'));
	if (roll < 0.7 || family.reflections.length === 0) {
		family.reflections.add({ authorRole: 'guardian', authorName: words(random, 2), body: words(random) });
		return;
	}
	const id = pick(random, family.reflections.ids());
	if (roll < 0.9) typeInto(random, family.reflections.text(id, 'body'));
	else family.reflections.remove(id);
}
