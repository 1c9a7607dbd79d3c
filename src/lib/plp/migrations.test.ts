import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MIGRATION_ORIGIN } from './migrations';
import { Plan } from './plan';
import { SCHEMA_VERSION } from './schema';

function loadFixture(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, readFileSync(new URL('../testing/fixtures/plan-v1.bin', import.meta.url)));
	return doc;
}

describe('opening a version 1 plan', () => {
	it('upgrades it in place and keeps every word', () => {
		const doc = loadFixture();
		const { plan, migration } = Plan.open(doc);
		expect(migration).toEqual({ status: 'migrated', from: 1, to: SCHEMA_VERSION });
		expect(plan.schemaVersion).toBe(SCHEMA_VERSION);
		expect(plan.info()).toEqual({
			studentName: 'Rowan Example',
			studentId: 'S-0001',
			school: 'Fixture Middle School',
			grade: '8',
			startDate: '2024-09-10'
		});
		const [goal] = plan.goals.list();
		expect(goal).toMatchObject({
			id: 'goal-1',
			title: 'Read one book a month',
			why: 'Reading helps me in every class.',
			byWhen: '2025-06-15',
			status: 'in-progress'
		});
		expect(plan.stepsOf('goal-1').map((s) => s.what)).toEqual(['Get a library card']);
		expect(plan.collections.reflections.list()[0]).toMatchObject({
			authorName: 'Rowan Example',
			authorRole: 'student',
			body: 'I read three books so far.'
		});
		expect(plan.profileText('strengths').toString()).toBe('I explain things well to my friends.');
		// The old keys are gone, so no later code can read a stale value.
		expect((doc.getArray<Y.Map<unknown>>('goals').get(0) as Y.Map<unknown>).has('deadline')).toBe(false);
		expect(doc.getMap('info').has('name')).toBe(false);
	});

	it('marks the upgrade with its own origin and runs it once', () => {
		const doc = loadFixture();
		const origins: unknown[] = [];
		doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
		Plan.open(doc);
		expect(origins).toEqual([MIGRATION_ORIGIN]);
		expect(Plan.open(doc).migration).toEqual({ status: 'current', version: SCHEMA_VERSION });
	});

	it('converges when two devices upgrade the same plan at once', () => {
		const a = loadFixture();
		const b = loadFixture();
		Plan.open(a);
		Plan.open(b);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const snapA = Plan.open(a).plan.snapshot();
		expect(Plan.open(b).plan.snapshot()).toEqual(snapA);
		expect(snapA.goals[0]?.byWhen).toBe('2025-06-15');
	});

	it('refuses to upgrade a plan written by a newer version', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expect(Plan.open(doc).migration).toEqual({ status: 'too-new', version: SCHEMA_VERSION + 1 });
		expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION + 1);
	});

	it('reports an empty document as empty', () => {
		expect(Plan.open(new Y.Doc()).migration).toEqual({ status: 'empty' });
	});
});
