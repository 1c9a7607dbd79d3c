/**
 * A plan follows its student to another school (issue 17, part 1): server A exports, server B —
 * where the roster already made the student a plan, and people already wrote in it — imports.
 * Both servers are real, on real SQLite files; B's plan is open on a live socket the whole time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from '../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS, planAtRevision } from '../../src/lib/plp/revisions';
import { COLLECTION_NAMES } from '../../src/lib/plp/schema';
import {
	amaraWithEvidence,
	exportPlan,
	importPlan,
	pdf,
	png,
	postArchive,
	restorePlan,
	sha256,
	uploadWhole
} from './archive-fixtures';
import { connectClient, destroyClients, synced, waitFor, type Client } from './harness';
import { api, signIn, startServer, type TestServer } from './helpers';
import { postRoster } from './roster-api';

const ROSTER = [
	'role,id,first_name,last_name,username,grade,advisor_id,student_ids',
	'advisor,A1,Ana,Reyes,ana.reyes,,,',
	'student,HV-7781,Amara,Okoye,amara.okoye,10,A1,',
	'student,HV-7782,Tom,Hill,tom.hill,10,A1,',
	'guardian,G1,Grace,Okoye,grace.okoye,,,HV-7781'
].join('\n');

describe('an archive from another school merges into the roster-made plan', () => {
	const servers: TestServer[] = [];
	const clients: Client[] = [];
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await Promise.all(servers.splice(0).map((s) => s.close()));
	});

	/** Server A: Amara's plan with two evidence files and a family reflection, exported by her advisor. */
	async function archiveFromA() {
		const a = await startServer({ options: { seedDemoPlanContent: amaraWithEvidence } });
		servers.push(a);
		const amara = await signIn(a.url, 'amara');
		await uploadWhole(a, amara, 'demo-amara', pdf);
		await uploadWhole(a, amara, 'demo-amara', png);
		return exportPlan(a, await signIn(a.url, 'rivera'), 'demo-amara');
	}

	/** Server B: a roster import makes Amara's plan (school, grade and ID filled in). */
	async function rosterServerB() {
		const b = await startServer();
		servers.push(b);
		const admin = await signIn(b.url, 'admin');
		const roster = await postRoster(b.url, admin, {
			format: 'simple',
			schoolSourcedId: 'org-hv',
			dryRun: false,
			files: { 'people.csv': ROSTER }
		});
		expect(roster.status).toBe(200);
		const password = async (username: string) => {
			const user = b.server.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as {
				id: string;
			};
			const set = await api(b.url, 'POST', '/api/roster/first-password', {
				token: admin,
				body: { userId: user.id, password: 'harbor-view-pass' }
			});
			expect(set.status).toBe(200);
			return signIn(b.url, username, 'harbor-view-pass');
		};
		const ana = await password('ana.reyes');
		const plans = await api<{ plans: { planId: string; studentName: string }[] }>(
			b.url,
			'GET',
			'/api/plans',
			{
				token: ana
			}
		);
		const planIdOf = (name: string) => plans.body.plans.find((plan) => plan.studentName === name)!.planId;
		return { b, admin, ana, password, amaraPlan: planIdOf('Amara Okoye'), tomPlan: planIdOf('Tom Hill') };
	}

	/** The plan as B has stored it (the relay stores every update before it sends it on). */
	function storedGoals(server: TestServer, planId: string): string[] {
		const doc = new Y.Doc();
		const rows = server.server.db
			.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq')
			.all(`plan.${planId}`) as { data: Uint8Array }[];
		for (const row of rows) Y.applyUpdate(doc, row.data);
		return Plan.open(doc)
			.plan.goals.list()
			.map((goal) => goal.title);
	}

	const wsUrl = (server: TestServer) => `${server.url.replace('http', 'ws')}/sync`;

	it('keeps every word and file from both schools, the new roster info wins, and a second import changes nothing', async () => {
		const fromA = await archiveFromA();
		const { b, ana, amaraPlan } = await rosterServerB();

		// Ana already has B's plan open and writes in it before the archive arrives.
		// Like the app's, its document keeps history (revisions' snapshots need it).
		const live = connectClient(wsUrl(b), `plan.${amaraPlan}`, ana, new Y.Doc(PLAN_DOC_OPTIONS));
		clients.push(live);
		await synced(live);
		const livePlan = Plan.open(live.doc).plan;
		const rosterInfo = livePlan.info();
		expect(rosterInfo).toMatchObject({ studentName: 'Amara Okoye', studentId: 'HV-7781', grade: '10' });
		expect(rosterInfo.school).not.toBe('');
		livePlan.goals.add({ kind: 'secondary', title: 'Join the robotics club', status: 'not-started' });
		livePlan.profileText('strengths').insert(0, 'Good at maths');
		await waitFor(
			() => storedGoals(b, amaraPlan).includes('Join the robotics club'),
			'the live edit to be stored on B'
		);

		const first = await importPlan(b, ana, amaraPlan, fromA.bytes);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ planId: amaraPlan, files: 2, isChanged: true, skipped: ['family'] });
		expect(first.body.replaced).toEqual([
			{ field: 'studentId', archived: 'CF-0042', kept: 'HV-7781' },
			{ field: 'school', archived: 'Cedar Falls Middle School', kept: rosterInfo.school },
			{ field: 'grade', archived: '9', kept: '10' }
		]);

		// The open socket receives the archive through the relay, at once.
		await waitFor(
			() => livePlan.goals.list().some((goal) => goal.title === 'Read 12 books this year'),
			'the archived goal on the live socket'
		);

		const onB = await exportPlan(b, ana, amaraPlan);
		const plan = onB.manifest.plan;
		// Every record of the archive arrived whole, with its id; B's own goal is still there.
		for (const name of COLLECTION_NAMES) {
			for (const record of fromA.manifest.plan[name]) expect(plan[name]).toContainEqual(record);
		}
		expect(plan.goals.map((goal) => goal.title).sort()).toEqual([
			'Join the robotics club',
			'Read 12 books this year'
		]);
		expect(plan.evidence).toHaveLength(3);
		// Both schools' answers kept, one after the other with a blank line between them.
		expect(plan.profile.strengths.split('\n\n').sort()).toEqual([
			'Curious, kind, good at drawing',
			'Good at maths'
		]);
		// The roster's school, grade and ID win; the plan began at the old school.
		expect(plan.info).toEqual({ ...rosterInfo, startDate: '2025-09-02' });
		expect(plan.planId).toBe(amaraPlan);
		expect(livePlan.info()).toEqual(plan.info);

		// The old values stay in the plan's history: a revision that says so, whose snapshot is the old plan.
		const entry = plan.revisions.find(
			(revision) => revision.whatChanged === 'Plan brought in from another school'
		);
		expect(entry?.why).toContain('Cedar Falls Middle School');
		expect(entry?.why).toContain('Grade was 9, now 10');
		expect(entry?.why).toContain('Student ID was CF-0042, now HV-7781');
		const past = planAtRevision(livePlan, entry!.id);
		expect(past?.info()).toMatchObject({
			school: 'Cedar Falls Middle School',
			grade: '9',
			studentId: 'CF-0042'
		});
		expect(past?.goals.list().map((goal) => goal.title)).toEqual(['Read 12 books this year']);

		// Every evidence file, byte for byte, and only under its hash.
		for (const file of [pdf, png]) {
			const response = await fetch(`${b.url}/api/blobs/${sha256(file)}`, {
				headers: { authorization: `Bearer ${ana}` }
			});
			expect(response.status).toBe(200);
			expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);
		}

		// A second import of the same archive writes nothing: no second goal, entry or file.
		const stored = () =>
			b.server.db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ?').get(`plan.${amaraPlan}`) as {
				n: number;
			};
		const updatesBefore = stored().n;
		const second = await importPlan(b, ana, amaraPlan, fromA.bytes);
		expect(second.body).toMatchObject({ isChanged: false, replaced: [] });
		expect(stored().n).toBe(updatesBefore);
		const again = await exportPlan(b, ana, amaraPlan);
		expect(again.manifest.plan).toEqual(plan);
		expect(again.files['yjs/plan.bin']).toEqual(onB.files['yjs/plan.bin']);
	});

	it('a student’s archive cannot change the family part; the admin’s restore brings it, once', async () => {
		const fromA = await archiveFromA();
		expect(fromA.manifest.family.reflections.map((r) => r.body)).toEqual(['Proud of her']);
		const { b, admin, password, amaraPlan } = await rosterServerB();
		const amara = await password('amara.okoye');
		const familyBefore = (await exportPlan(b, amara, amaraPlan)).files['yjs/family.bin'];

		const byStudent = await importPlan(b, amara, amaraPlan, fromA.bytes);
		expect(byStudent.body).toMatchObject({ isChanged: true, skipped: ['family'] });
		const after = await exportPlan(b, amara, amaraPlan);
		expect(after.files['yjs/family.bin']).toEqual(familyBefore);
		expect(after.manifest.family.reflections).toEqual([]);
		expect(after.manifest.plan.goals.map((goal) => goal.title)).toEqual(['Read 12 books this year']);

		// Admins do not import (they read plans); their restore brings the family part and is audited.
		expect((await importPlan(b, admin, amaraPlan, fromA.bytes)).status).toBe(403);
		const restored = await restorePlan(b, admin, amaraPlan, fromA.bytes);
		expect(restored.body).toMatchObject({ isChanged: true, skipped: [] });
		const withFamily = await exportPlan(b, amara, amaraPlan);
		expect(withFamily.manifest.family.reflections.map((r) => r.body)).toEqual(['Proud of her']);
		expect(withFamily.manifest.family.view.hopes).toBe('That she keeps reading');
		expect(withFamily.manifest.plan.goals).toHaveLength(1);
		expect((await restorePlan(b, admin, amaraPlan, fromA.bytes)).body.isChanged).toBe(false);
		expect((await exportPlan(b, amara, amaraPlan)).manifest).toMatchObject({
			plan: withFamily.manifest.plan,
			family: withFamily.manifest.family
		});
	});

	it('refuses an archive of another student until the importer says it is the same one', async () => {
		const fromA = await archiveFromA();
		const { b, ana, tomPlan } = await rosterServerB();
		const before = await exportPlan(b, ana, tomPlan);
		const refused = await importPlan(b, ana, tomPlan, fromA.bytes);
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({ code: 'other-student' });
		expect((refused.body.error as { message: string }).message).toContain('Amara Okoye');
		const after = await exportPlan(b, ana, tomPlan);
		expect(after.files['yjs/plan.bin']).toEqual(before.files['yjs/plan.bin']);
		expect(after.manifest.evidence).toEqual([]);
		// Once the importer says it is the same student (the screen asks), it goes in.
		const accepted = await postArchive(b, ana, `/api/plans/${tomPlan}/import?sameStudent=1`, fromA.bytes);
		expect(accepted.body).toMatchObject({ isChanged: true, files: 2 });
	});
});
