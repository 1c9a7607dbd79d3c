/**
 * A transfer inside a district (issue 17, part 2): a student whose roster record moves to another
 * school of the district keeps the same account, plan, history and evidence; the new school's
 * advisor gains the plan and the old school's advisor and admin lose it at once (their live
 * sockets close); the plan's information names the new school; the move is in the audit log.
 * A real server on a real SQLite file, real roster imports through the API, real sockets.
 */
import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/lib/plp/plan';
import { CloseCode } from '../src/relay/close-codes';
import { serverPerTest } from './server-per-test';
import { connectClient, synced, waitFor, type Client } from './harness';
import { api, signIn, type TestServer } from './helpers';
import { createSchoolAdmin, givePassword, uploadPdf } from './district-people';
import { postRoster } from './roster-api';
import { oneRosterFixture } from './roster-district';

let t: TestServer;
const clients: Client[] = [];
serverPerTest((server) => (t = server), clients);

const wsUrl = () => `${t.url.replace('http', 'ws')}/sync`;
const row = (sql: string, ...params: string[]) =>
	t.server.db.prepare(sql).get(...params) as Record<string, unknown> | undefined;

/** Finn Marsh moves from Bayside Middle to Harbor View High, into Maya Lopez's advisory. */
function finnMoved(): Record<string, string> {
	const files = oneRosterFixture('harbor-district');
	return {
		...files,
		'users.csv': files['users.csv']!.replace('s-finn,,,true,org-bay,student', 's-finn,,,true,org-hv,student'),
		'enrollments.csv': files['enrollments.csv']!.replace('e-11,,,c-bay-adv,org-bay', 'e-11,,,c-adv-1,org-hv')
	};
}

const plansOf = async (token: string) =>
	(await api<{ plans: { planId: string }[] }>(t.url, 'GET', '/api/plans', { token })).body.plans.map(
		(plan) => plan.planId
	);

describe('a student who moves to another school of the district', () => {
	it('keeps plan, history and evidence; rights move at once; live sockets of the old school close; audited', async () => {
		const district = await signIn(t.url, 'district');
		const first = await postRoster(t.url, district, {
			format: 'oneroster',
			files: oneRosterFixture('harbor-district'),
			dryRun: false
		});
		expect(first.body).toMatchObject({ isApplied: true, problems: [] });
		const finn = row(
			"SELECT u.id, s.plan_id FROM users u JOIN students s ON s.user_id = u.id WHERE username = 'finn.bay'"
		)!;
		const planId = finn.plan_id as string;
		const bayside = row("SELECT id FROM schools WHERE source_id = 'org-bay'")!.id as string;
		await createSchoolAdmin(t.server.db, bayside, 'bay.office');
		await givePassword(t.server.db, 'jo.reed', 'maya.lopez', 'finn.bay');
		const reed = await signIn(t.url, 'jo.reed');
		const bayAdmin = await signIn(t.url, 'bay.office');
		const lopez = await signIn(t.url, 'maya.lopez');
		const finnToken = await signIn(t.url, 'finn.bay');

		// Before: Bayside's advisor writes in the plan and adds a piece of evidence; Harbor View's sees nothing.
		const reedSocket = connectClient(wsUrl(), `plan.${planId}`, reed);
		const bayAdminSocket = connectClient(wsUrl(), `plan.${planId}`, bayAdmin);
		const finnSocket = connectClient(wsUrl(), `plan.${planId}`, finnToken);
		clients.push(reedSocket, bayAdminSocket, finnSocket);
		await Promise.all([synced(reedSocket), synced(bayAdminSocket), synced(finnSocket)]);
		const { plan } = Plan.open(reedSocket.doc);
		plan.profileText('strengths').insert(0, 'Builds bikes from parts');
		const file = Buffer.from('%PDF-1.7\nFinn’s bike repair log');
		const { hash, status } = await uploadPdf(t.url, reed, planId, file);
		expect(status).toBe(200);
		await waitFor(
			() => Plan.open(finnSocket.doc).plan.profileText('strengths').toString() === 'Builds bikes from parts',
			'the advisor’s words to reach the student'
		);
		expect(await plansOf(reed)).toContain(planId);
		expect(await plansOf(lopez)).not.toContain(planId);

		// The district's next export has Finn at Harbor View High.
		const dry = await postRoster(t.url, district, { format: 'oneroster', files: finnMoved(), dryRun: true });
		expect(dry.body.problems).toEqual([]);
		expect(dry.body.personChanges).toContainEqual({
			code: 'person-changed',
			name: 'Finn Marsh',
			fields: [{ field: 'school', from: 'Bayside Middle (fictional)', to: 'Harbor View High (fictional)' }]
		});
		expect(dry.body.counts.student).toMatchObject({ deactivated: 0, created: 0 });
		const moved = await postRoster(t.url, district, {
			format: 'oneroster',
			files: finnMoved(),
			dryRun: false
		});
		expect(moved.body).toMatchObject({ isApplied: true, problems: [] });
		expect(moved.body.counts.student).toMatchObject({ created: 0, deactivated: 0 });

		// The same account and plan, now at the new school, still active.
		const after = row(
			"SELECT u.id, u.is_active, s.plan_id, sc.source_id FROM users u JOIN students s ON s.user_id = u.id JOIN schools sc ON sc.id = u.school_id WHERE username = 'finn.bay'"
		)!;
		expect(after).toEqual({ id: finn.id, is_active: 1, plan_id: planId, source_id: 'org-hv' });

		// The old school's advisor and admin lose the plan at once: their sockets close, the API refuses.
		await waitFor(
			() =>
				reedSocket.closes.some((c) => c.code === CloseCode.forbidden) &&
				bayAdminSocket.closes.some((c) => c.code === CloseCode.forbidden),
			'the old school’s sockets to close'
		);
		expect(finnSocket.closes).toEqual([]);
		expect(await plansOf(reed)).not.toContain(planId);
		expect(await plansOf(bayAdmin)).not.toContain(planId);
		const refused = connectClient(wsUrl(), `plan.${planId}`, reed);
		clients.push(refused);
		await waitFor(
			() => refused.closes.some((c) => c.code === CloseCode.forbidden),
			'a new socket to be refused'
		);
		const oldEvidence = await fetch(`${t.url}/api/blobs/${hash}`, {
			headers: { authorization: `Bearer ${reed}` }
		});
		expect(oldEvidence.status).toBe(404);

		// The new school's advisor opens the same plan with its words, its history and its evidence.
		expect(await plansOf(lopez)).toContain(planId);
		const lopezSocket = connectClient(wsUrl(), `plan.${planId}`, lopez);
		clients.push(lopezSocket);
		await synced(lopezSocket);
		const seen = Plan.open(lopezSocket.doc).plan;
		expect(seen.profileText('strengths').toString()).toBe('Builds bikes from parts');
		await waitFor(
			() => seen.info().school === 'Harbor View High (fictional)',
			'the plan to name the new school'
		);
		expect(seen.info()).toMatchObject({ studentName: 'Finn Marsh', studentId: 'BM2002', grade: '8' });
		const evidence = await fetch(`${t.url}/api/blobs/${hash}`, {
			headers: { authorization: `Bearer ${lopez}` }
		});
		expect(evidence.status).toBe(200);
		expect(Buffer.from(await evidence.arrayBuffer()).equals(file)).toBe(true);
		// The guardian came along with her child: still linked, still reading.
		const kim = row(
			'SELECT g.guardian_id, sc.source_id FROM guardian_links g JOIN users u ON u.id = g.guardian_id JOIN schools sc ON sc.id = u.school_id WHERE g.student_id = ?',
			finn.id as string
		);
		expect(kim?.source_id).toBe('org-hv');

		// The move is in the plan's audit log, as the district admin's.
		const entries = t.server.db
			.prepare(
				"SELECT user_id, doc_kind, action, detail FROM audit_log WHERE plan_id = ? AND detail LIKE 'moved%'"
			)
			.all(planId);
		const districtId = row("SELECT id FROM users WHERE username = 'district'")!.id;
		const detail = 'moved from Bayside Middle (fictional) to Harbor View High (fictional) by a roster import';
		expect(entries).toEqual([
			{ user_id: districtId, doc_kind: 'plan', action: 'change', detail },
			{ user_id: districtId, doc_kind: 'family', action: 'change', detail }
		]);

		// The same export again changes nothing.
		const again = await postRoster(t.url, district, {
			format: 'oneroster',
			files: finnMoved(),
			dryRun: false
		});
		expect(again.body.changes).toEqual([]);
		expect(
			t.server.db
				.prepare("SELECT count(*) AS n FROM audit_log WHERE plan_id = ? AND detail LIKE 'moved%'")
				.get(planId)
		).toEqual({ n: 2 });
	});

	it('moves in through the new school’s own admin: same plan; rights move at once; old sockets close; audited', async () => {
		const district = await signIn(t.url, 'district');
		await postRoster(t.url, district, {
			format: 'oneroster',
			files: oneRosterFixture('harbor-district'),
			dryRun: false
		});
		const finn = row(
			"SELECT u.id, s.plan_id FROM users u JOIN students s ON s.user_id = u.id WHERE username = 'finn.bay'"
		)!;
		const planId = finn.plan_id as string;
		const hv = row("SELECT id FROM schools WHERE source_id = 'org-hv'")!.id as string;
		const bayside = row("SELECT id FROM schools WHERE source_id = 'org-bay'")!.id as string;
		await createSchoolAdmin(t.server.db, hv, 'hv.office');
		await createSchoolAdmin(t.server.db, bayside, 'bay.office');
		await givePassword(t.server.db, 'jo.reed', 'maya.lopez', 'finn.bay');
		const hvAdmin = await signIn(t.url, 'hv.office');
		const bayAdmin = await signIn(t.url, 'bay.office');
		const reed = await signIn(t.url, 'jo.reed');
		const lopez = await signIn(t.url, 'maya.lopez');
		const finnToken = await signIn(t.url, 'finn.bay');

		const reedSocket = connectClient(wsUrl(), `plan.${planId}`, reed);
		const bayAdminSocket = connectClient(wsUrl(), `plan.${planId}`, bayAdmin);
		const finnSocket = connectClient(wsUrl(), `plan.${planId}`, finnToken);
		clients.push(reedSocket, bayAdminSocket, finnSocket);
		await Promise.all([synced(reedSocket), synced(bayAdminSocket), synced(finnSocket)]);
		Plan.open(finnSocket.doc).plan.profileText('strengths').insert(0, 'Fixes any bike');
		const file = Buffer.from('%PDF-1.7\nFinn’s safety badge');
		const { hash } = await uploadPdf(t.url, finnToken, planId, file);
		await waitFor(
			() => Plan.open(reedSocket.doc).plan.profileText('strengths').toString() === 'Fixes any bike',
			'his words to reach his advisor'
		);
		expect(await plansOf(lopez)).not.toContain(planId);

		// Harbor View's admin imports their own school's part of the district's export, which now has
		// Finn (the rows of Bayside are refused: not their school).
		const check = await postRoster(t.url, hvAdmin, {
			format: 'oneroster',
			files: finnMoved(),
			dryRun: true,
			schoolSourcedId: 'org-hv',
			onlyGoodRows: true
		});
		expect(check.body.problems.map((problem) => problem.why.code)).not.toContain('username-taken');
		expect(check.body.personChanges).toContainEqual({
			code: 'person-changed',
			name: 'Finn Marsh',
			fields: [{ field: 'school', from: 'Bayside Middle (fictional)', to: 'Harbor View High (fictional)' }]
		});
		const moved = await postRoster(t.url, hvAdmin, {
			format: 'oneroster',
			files: finnMoved(),
			dryRun: false,
			schoolSourcedId: 'org-hv',
			onlyGoodRows: true
		});
		expect(moved.body.isApplied).toBe(true);
		expect(moved.body.counts.student).toMatchObject({ created: 0, deactivated: 0 });
		expect(
			row(
				"SELECT u.id, u.is_active, s.plan_id, sc.source_id FROM users u JOIN students s ON s.user_id = u.id JOIN schools sc ON sc.id = u.school_id WHERE username = 'finn.bay'"
			)
		).toEqual({ id: finn.id, is_active: 1, plan_id: planId, source_id: 'org-hv' });

		// Bayside's advisor and admin lose him at once; he keeps writing.
		await waitFor(
			() =>
				reedSocket.closes.some((c) => c.code === CloseCode.forbidden) &&
				bayAdminSocket.closes.some((c) => c.code === CloseCode.forbidden),
			'the old school’s sockets to close'
		);
		expect(finnSocket.closes).toEqual([]);
		expect(await plansOf(reed)).not.toContain(planId);
		expect(await plansOf(bayAdmin)).not.toContain(planId);
		expect(
			(await fetch(`${t.url}/api/blobs/${hash}`, { headers: { authorization: `Bearer ${reed}` } })).status
		).toBe(404);

		// Harbor View's advisor opens the same plan, its words and its evidence.
		expect(await plansOf(lopez)).toContain(planId);
		const lopezSocket = connectClient(wsUrl(), `plan.${planId}`, lopez);
		clients.push(lopezSocket);
		await synced(lopezSocket);
		expect(Plan.open(lopezSocket.doc).plan.profileText('strengths').toString()).toBe('Fixes any bike');
		const evidence = await fetch(`${t.url}/api/blobs/${hash}`, {
			headers: { authorization: `Bearer ${lopez}` }
		});
		expect(Buffer.from(await evidence.arrayBuffer()).equals(file)).toBe(true);

		// Audited as the school admin's move.
		const hvId = row("SELECT id FROM users WHERE username = 'hv.office'")!.id;
		const detail = 'moved from Bayside Middle (fictional) to Harbor View High (fictional) by a roster import';
		expect(
			t.server.db
				.prepare("SELECT user_id, doc_kind, detail FROM audit_log WHERE plan_id = ? AND detail LIKE 'moved%'")
				.all(planId)
		).toEqual([
			{ user_id: hvId, doc_kind: 'plan', detail },
			{ user_id: hvId, doc_kind: 'family', detail }
		]);

		// Bayside's next import does not count him as leaving: he is no longer theirs.
		const baysideAgain = await postRoster(t.url, bayAdmin, {
			format: 'oneroster',
			files: oneRosterFixture('harbor-district'),
			dryRun: true,
			schoolSourcedId: 'org-bay',
			onlyGoodRows: true
		});
		expect(baysideAgain.body.counts.student.deactivated).toBe(0);
	});

	it('a school admin takes no staff, and nobody from a school of another district', async () => {
		const district = await signIn(t.url, 'district');
		await postRoster(t.url, district, {
			format: 'oneroster',
			files: oneRosterFixture('harbor-district'),
			dryRun: false
		});
		const hv = row("SELECT id FROM schools WHERE source_id = 'org-hv'")!.id as string;
		await createSchoolAdmin(t.server.db, hv, 'hv.office');
		const hvAdmin = await signIn(t.url, 'hv.office');
		const reedRow = (
			t.server.db
				.prepare(
					"SELECT r.source_id FROM roster_links r JOIN users u ON u.id = r.user_id WHERE u.username = 'jo.reed'"
				)
				.get() as { source_id: string }
		).source_id;
		// The simple roster of Harbor View names Bayside's advisor by their roster id.
		const people = [
			'role,id,first_name,last_name,username,grade',
			`advisor,${reedRow},Jo,Reed,jo.reed,`
		].join('\n');
		const check = await postRoster(t.url, hvAdmin, {
			format: 'simple',
			files: { 'people.csv': people },
			dryRun: true
		});
		expect(check.body.problems.map((problem) => problem.why.code)).toContain('username-taken');

		// A school of no district: its admin's import moves no one in from the district.
		t.server.db
			.prepare('INSERT INTO schools (id, name, created_at) VALUES (?, ?, ?)')
			.run('cedar', 'Cedar Hollow School', t.clock.ms);
		await createSchoolAdmin(t.server.db, 'cedar', 'cedar.office');
		const cedar = await signIn(t.url, 'cedar.office');
		const finnRow = [
			'role,id,first_name,last_name,username,grade',
			'student,s-finn,Finn,Marsh,finn.bay,8'
		].join('\n');
		const outside = await postRoster(t.url, cedar, {
			format: 'simple',
			files: { 'people.csv': finnRow },
			dryRun: true
		});
		expect(outside.body.problems.map((problem) => problem.why.code)).toContain('username-taken');
		expect(
			row(
				"SELECT sc.source_id FROM users u JOIN schools sc ON sc.id = u.school_id WHERE username = 'finn.bay'"
			)
		).toEqual({ source_id: 'org-bay' });
	});
});

describe('a birth date an admin set', () => {
	it('is audited, and a roster import without demographics.csv keeps it', async () => {
		const district = await signIn(t.url, 'district');
		const files = oneRosterFixture('harbor-district');
		expect(Object.keys(files)).not.toContain('demographics.csv');
		await postRoster(t.url, district, { format: 'oneroster', files, dryRun: false });
		const dana = row(
			"SELECT u.id, u.school_id, s.plan_id FROM users u JOIN students s ON s.user_id = u.id WHERE username = 'dana.kim'"
		)!;
		await createSchoolAdmin(t.server.db, dana.school_id as string, 'hv.office');
		const hvAdmin = await signIn(t.url, 'hv.office');
		const set = await api(t.url, 'PUT', `/api/users/${dana.id as string}/birth-date`, {
			token: hvAdmin,
			body: { birthDate: '2008-05-04' }
		});
		expect(set.status).toBe(204);
		const renamed = {
			...files,
			'users.csv': files['users.csv']!.replace('Dana,Kim,,HV1004,,,,,12', 'Dana,Kim-Lee,,HV1004,,,,,12')
		};
		const again = await postRoster(t.url, district, { format: 'oneroster', files: renamed, dryRun: false });
		expect(again.body.personChanges).toEqual([
			{
				code: 'person-changed',
				name: 'Dana Kim-Lee',
				fields: [{ field: 'name', from: 'Dana Kim', to: 'Dana Kim-Lee' }]
			}
		]);
		expect(
			row('SELECT birth_date, birth_date_source FROM students WHERE user_id = ?', dana.id as string)
		).toEqual({ birth_date: '2008-05-04', birth_date_source: 'admin' });
		const audit = t.server.db
			.prepare(
				"SELECT u.username, a.detail FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.plan_id = ? AND a.detail LIKE '%birth date%'"
			)
			.all(dana.plan_id as string);
		expect(audit).toEqual([{ username: 'hv.office', detail: 'set the birth date to 2008-05-04' }]);
	});
});
