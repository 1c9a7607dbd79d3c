/**
 * Growth at a glance on a real server: a caseload's rows (active goals, goals without recent
 * progress, family input, last activity) and the school's counts (revised this year, pathways by
 * kind, latest proficiency levels by grade), computed from the stored plan documents.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/lib/plp/access';
import { FamilyPart } from '../../src/lib/plp/family';
import { today } from '../../src/lib/plp/ids';
import { Plan } from '../../src/lib/plp/plan';
import type { CaseloadRow, SchoolCounts } from '../../src/lib/contracts/growth-api';
import { daysBefore } from '../src/growth/plan-facts';
import { createDocStore } from '../src/storage/sqlite-doc-store';
import { api, signIn, startServer, type TestServer } from './helpers';

let server: TestServer;

beforeEach(async () => {
	server = await startServer();
});
afterEach(async () => {
	await server.close();
});

/** Carmen (grade 11, Rivera's caseload): two active goals, one with recent progress; family input; a pathway. */
function writeCarmensPlan(): void {
	const store = createDocStore(server.server.db);
	try {
		const date = today();
		const planDoc = new Y.Doc();
		const plan = Plan.create(planDoc, 'demo-carmen', { studentName: 'Carmen Diaz' });
		const recent = plan.goals.add({ title: 'Biology to a B', status: 'in-progress' });
		plan.goals.add({ title: 'Learn to weld', status: 'not-started' });
		plan.goals.add({ title: 'Old goal', status: 'met' });
		const progress = plan.collections.progress;
		progress.add({ date: daysBefore(date, 10), goalId: recent, proficiency: 'SCI-1', level: '3' });
		progress.add({ date: daysBefore(date, 100), goalId: recent, proficiency: 'SCI-1', level: '2' });
		progress.add({ date: daysBefore(date, 5), proficiency: 'ELA-2', level: '2' });
		plan.collections.pathways.add({ kind: 'work-based', status: 'active' });
		plan.collections.pathways.add({ kind: 'dual-enrollment', status: 'withdrawn' });
		plan.collections.revisions.add({ date });
		store.appendUpdate(docName('plan', 'demo-carmen'), Y.encodeStateAsUpdate(planDoc));
		const familyDoc = new Y.Doc();
		const family = new FamilyPart(familyDoc);
		family.comments.add({ date, authorName: 'Carmen’s dad', body: 'Proud of the job shadow.' });
		store.appendUpdate(docName('family', 'demo-carmen'), Y.encodeStateAsUpdate(familyDoc));
	} finally {
		store.close();
	}
	const audit = server.server.db.prepare(
		"INSERT INTO audit_log (at, user_id, plan_id, doc_kind, action) VALUES (?, ?, 'demo-carmen', ?, 'change')"
	);
	audit.run(Date.UTC(2026, 9, 1), 'demo-carmen', 'plan');
	audit.run(Date.UTC(2026, 9, 3), 'demo-grace', 'family');
	audit.run(Date.UTC(2026, 9, 2), 'demo-rivera', 'plan');
}

describe('growth at a glance', () => {
	it('an advisor sees their caseload: goals without recent progress, family input, last activity', async () => {
		writeCarmensPlan();
		const rivera = await signIn(server.url, 'rivera');
		const response = await api<{ rows: CaseloadRow[] }>(server.url, 'GET', '/api/growth/caseload', {
			token: rivera
		});
		expect(response.status).toBe(200);
		expect(response.body.rows.map((row) => row.studentName)).toEqual([
			'Amara Okoye',
			'Ben Larsen',
			'Carmen Diaz'
		]);
		const carmen = response.body.rows.find((row) => row.studentName === 'Carmen Diaz')!;
		expect(carmen).toMatchObject({
			grade: 11,
			activeGoals: 2,
			goalsWithoutRecentProgress: 1,
			familyEntries: 1,
			lastActivityAt: new Date(Date.UTC(2026, 9, 3)).toISOString(),
			lastFamilyActivityAt: new Date(Date.UTC(2026, 9, 3)).toISOString()
		});
		expect(carmen.review.lastRevisedOn).toBe(today());
		// A new family comment is counted at the next ask (facts are remembered only until a plan changes).
		const store = createDocStore(server.server.db);
		try {
			const familyDoc = new Y.Doc();
			new FamilyPart(familyDoc).comments.add({ date: today(), authorName: 'Grandma', body: 'Well done.' });
			store.appendUpdate(docName('family', 'demo-carmen'), Y.encodeStateAsUpdate(familyDoc));
		} finally {
			store.close();
		}
		const again = await api<{ rows: CaseloadRow[] }>(server.url, 'GET', '/api/growth/caseload', {
			token: rivera
		});
		expect(again.body.rows.find((row) => row.studentName === 'Carmen Diaz')!.familyEntries).toBe(2);
		const amara = response.body.rows.find((row) => row.studentName === 'Amara Okoye')!;
		expect(amara).toMatchObject({
			activeGoals: 0,
			familyEntries: 0,
			lastActivityAt: '',
			lastFamilyActivityAt: ''
		});
	});

	it('an admin sees counts across the school; students and families do not', async () => {
		writeCarmensPlan();
		const admin = await signIn(server.url, 'admin');
		const response = await api<SchoolCounts>(server.url, 'GET', '/api/growth/school', { token: admin });
		expect(response.body).toEqual({
			students: 5,
			revisedThisYear: 1,
			year: today().slice(0, 4),
			pathwaysByKind: [{ kind: 'work-based', students: 1 }],
			levelsByGrade: [
				{ grade: 11, proficiencyId: 'ELA-2', level: '2', students: 1 },
				{ grade: 11, proficiencyId: 'SCI-1', level: '3', students: 1 }
			]
		});
		const caseload = await api<{ rows: CaseloadRow[] }>(server.url, 'GET', '/api/growth/caseload', {
			token: admin
		});
		expect(caseload.body.rows).toHaveLength(5);

		for (const username of ['carmen', 'grace']) {
			const token = await signIn(server.url, username);
			expect((await api(server.url, 'GET', '/api/growth/caseload', { token })).status).toBe(403);
			expect((await api(server.url, 'GET', '/api/growth/school', { token })).status).toBe(403);
		}
		const rivera = await signIn(server.url, 'rivera');
		expect((await api(server.url, 'GET', '/api/growth/school', { token: rivera })).status).toBe(403);
	});
});
