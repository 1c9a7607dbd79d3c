import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from './family';
import { makePlanV1 } from '../testing/fixtures/make-plan-v1';
import { isSameName, mergeFamilyState, mergePlanState, readArchivedPlan, type DescribeImport } from './merge';
import { Plan } from './plan';
import { PLAN_DOC_OPTIONS, planAtRevision } from './revisions';
import { SCHEMA_VERSION } from './schema';

const describeImport: DescribeImport = (replaced, archived) => ({
	whatChanged: 'Brought in',
	why: `From ${archived.school}: ${replaced.map((c) => `${c.field} ${c.archived}→${c.kept}`).join(', ')}`
});

/** The old school's plan, and the new school's roster-made one: started apart, as on two servers. */
function twoSchools() {
	const old = new Y.Doc(PLAN_DOC_OPTIONS);
	const oldPlan = Plan.create(old, 'old-id', {
		studentName: 'Amara Okoye',
		studentId: 'CF-1',
		school: 'Cedar Falls Middle',
		grade: '8',
		startDate: '2024-09-01'
	});
	oldPlan.goals.add({ title: 'Read 12 books', status: 'in-progress' });
	oldPlan.profileText('strengths').insert(0, 'Kind');
	const here = new Y.Doc(PLAN_DOC_OPTIONS);
	const herePlan = Plan.create(here, 'new-id', {
		studentName: 'Okoye, Amara',
		studentId: 'HV-9',
		school: 'Harbor View High',
		grade: '9',
		startDate: '2026-09-01'
	});
	return { old, oldPlan, here, herePlan };
}

function merge(target: Y.Doc, state: Uint8Array) {
	const archived = readArchivedPlan(state)!;
	return mergePlanState(target, state, archived, describeImport);
}

describe('merging an archived plan into this school’s plan', () => {
	it('lets the roster decide school, grade, ID and name, keeps the earlier start, and records the old values', () => {
		const { old, here, herePlan } = twoSchools();
		const device = new Y.Doc(PLAN_DOC_OPTIONS);
		Y.applyUpdate(device, Y.encodeStateAsUpdate(here));
		const result = merge(here, Y.encodeStateAsUpdate(old));
		expect(result.status).toBe('merged');
		if (result.status !== 'merged') return;
		expect(result.replaced).toEqual([
			{ field: 'studentName', archived: 'Amara Okoye', kept: 'Okoye, Amara' },
			{ field: 'studentId', archived: 'CF-1', kept: 'HV-9' },
			{ field: 'school', archived: 'Cedar Falls Middle', kept: 'Harbor View High' },
			{ field: 'grade', archived: '8', kept: '9' }
		]);
		expect(herePlan.info()).toEqual({
			studentName: 'Okoye, Amara',
			studentId: 'HV-9',
			school: 'Harbor View High',
			grade: '9',
			startDate: '2024-09-01'
		});
		expect(herePlan.planId).toBe('new-id');
		const [entry] = herePlan.collections.revisions.list();
		expect(entry!.why).toBe(
			'From Cedar Falls Middle: studentName Amara Okoye→Okoye, Amara, studentId CF-1→HV-9, school Cedar Falls Middle→Harbor View High, grade 8→9'
		);
		expect(planAtRevision(herePlan, entry!.id)?.info().school).toBe('Cedar Falls Middle');

		// A device with the plan open receives the one update and ends the same: the deciding change is in it.
		Y.applyUpdate(device, result.update);
		expect(Plan.open(device).plan.snapshot()).toEqual(herePlan.snapshot());
	});

	it('changes nothing the second time, and again lets the roster win when the old school wrote more', () => {
		const { old, oldPlan, here, herePlan } = twoSchools();
		merge(here, Y.encodeStateAsUpdate(old));
		const afterFirst = herePlan.snapshot();
		expect(merge(here, Y.encodeStateAsUpdate(old))).toEqual({ status: 'unchanged' });
		expect(herePlan.snapshot()).toEqual(afterFirst);

		// The old school kept writing (a new grade, a new goal) and sends a newer archive.
		oldPlan.setInfo('grade', '9');
		oldPlan.setInfo('school', 'Cedar Falls High');
		oldPlan.goals.add({ title: 'Try out for the team' });
		const result = merge(here, Y.encodeStateAsUpdate(old));
		expect(result.status).toBe('merged');
		expect(herePlan.info().school).toBe('Harbor View High');
		expect(herePlan.goals.list().map((g) => g.title)).toEqual(['Read 12 books', 'Try out for the team']);
		// Records are never doubled: each of the old school's goals is here once.
		expect(herePlan.goals.length).toBe(2);
	});

	it('keeps both schools’ answers to one question, a blank line between them', () => {
		const { old, here, herePlan } = twoSchools();
		herePlan.profileText('strengths').insert(0, 'Good at maths');
		merge(here, Y.encodeStateAsUpdate(old));
		expect(herePlan.profileText('strengths').toString().split('\n\n').sort()).toEqual([
			'Good at maths',
			'Kind'
		]);
	});

	it('brings an archive written by the first pilot (schema 1) up to date inside the merged plan', () => {
		const v1 = makePlanV1();
		const here = new Y.Doc(PLAN_DOC_OPTIONS);
		const plan = Plan.create(here, 'new-id', { studentName: 'Rowan Example', school: 'Harbor View High' });
		const archived = readArchivedPlan(Y.encodeStateAsUpdate(v1))!;
		expect(archived.schemaVersion).toBe(1);
		expect(archived.info.studentName).toBe('Rowan Example');
		mergePlanState(here, Y.encodeStateAsUpdate(v1), archived, describeImport);
		expect(plan.schemaVersion).toBe(SCHEMA_VERSION);
		expect(plan.goals.list()[0]).toMatchObject({ title: 'Read one book a month', byWhen: '2025-06-15' });
		expect(plan.info()).toMatchObject({ school: 'Harbor View High', grade: '8', studentId: 'S-0001' });
	});

	it('takes an archive whole into a plan this server never wrote', () => {
		const { old } = twoSchools();
		const empty = new Y.Doc(PLAN_DOC_OPTIONS);
		const result = merge(empty, Y.encodeStateAsUpdate(old));
		expect(result).toMatchObject({ status: 'merged', replaced: [] });
		expect(Y.encodeStateAsUpdate(empty)).toEqual(Y.encodeStateAsUpdate(old));
	});
});

describe('merging an archived family part', () => {
	it('keeps both families’ words, once', () => {
		const old = new Y.Doc();
		const oldFamily = new FamilyPart(old);
		oldFamily.initialize();
		oldFamily.viewText('hopes').insert(0, 'That she keeps reading');
		oldFamily.reflections.add({ authorName: 'Grace', body: 'Proud of her' });
		const here = new Y.Doc();
		const family = new FamilyPart(here);
		family.initialize();
		family.viewText('hopes').insert(0, 'That she finds friends');
		expect(mergeFamilyState(here, Y.encodeStateAsUpdate(old))).not.toBeNull();
		expect(family.viewText('hopes').toString().split('\n\n').sort()).toEqual([
			'That she finds friends',
			'That she keeps reading'
		]);
		expect(mergeFamilyState(here, Y.encodeStateAsUpdate(old))).toBeNull();
		expect(family.reflections.list().map((r) => r.body)).toEqual(['Proud of her']);
	});
});

describe('isSameName', () => {
	it('matches the same words in any order, case or accent, and nothing else', () => {
		expect(isSameName('Okoye, Amara', 'Amara Okoye')).toBe(true);
		expect(isSameName('José  Núñez', 'jose nunez')).toBe(true);
		expect(isSameName('Amara Okoye', 'Amara Okafor')).toBe(false);
		expect(isSameName('Tom Hill', 'Tom')).toBe(false);
	});
});
