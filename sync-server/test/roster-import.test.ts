/**
 * Roster import through the API on a real server and real SQLite files: dry run, apply, idempotent
 * re-import, a changed export, leavers, problems blocking the import, only the good rows, first
 * passwords, and the new students' plans.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/lib/plp/access';
import { Plan } from '../../src/lib/plp/plan';
import { createDocStore } from '../src/storage/sqlite-doc-store';
import { api, signIn, startServer, type ErrorBody, type TestServer } from './helpers';
import { postRoster } from './roster-api';
import { oneRosterFixture } from './roster-district';

let server: TestServer;
let admin: string;

beforeEach(async () => {
	server = await startServer();
	admin = await signIn(server.url, 'admin');
});
afterEach(async () => {
	await server.close();
});

function importRoster(body: Record<string, unknown>, token = admin) {
	return postRoster(server.url, token, {
		format: 'oneroster',
		schoolSourcedId: 'org-hv',
		dryRun: false,
		...body
	});
}

/** Every user row with what the roster sets, sorted: to prove an import changed nothing. */
function snapshot(): unknown[] {
	return server.server.db
		.prepare(
			`SELECT u.id, u.username, u.display_name, u.role, u.staff_title, u.is_active, u.password_hash, s.plan_id, s.grade, s.student_number,
			 (SELECT group_concat(staff_id) FROM caseloads c WHERE c.student_id = u.id) AS advisors,
			 (SELECT group_concat(guardian_id) FROM guardian_links g WHERE g.student_id = u.id) AS guardians
			 FROM users u LEFT JOIN students s ON s.user_id = u.id ORDER BY u.id`
		)
		.all();
}

function userByUsername(username: string) {
	return server.server.db
		.prepare('SELECT id, is_active, display_name FROM users WHERE username = ?')
		.get(username) as { id: string; is_active: number; display_name: string } | undefined;
}

function loadPlan(planId: string): Plan {
	const doc = new Y.Doc();
	const rows = server.server.db
		.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq')
		.all(docName('plan', planId)) as { data: Uint8Array }[];
	for (const row of rows) Y.applyUpdate(doc, row.data);
	return Plan.open(doc).plan;
}

async function givePassword(username: string, password = 'harbor-view-pass') {
	const user = userByUsername(username)!;
	const response = await api(server.url, 'POST', '/api/roster/first-password', {
		token: admin,
		body: { userId: user.id, password }
	});
	expect(response.status).toBe(200);
	return signIn(server.url, username, password);
}

async function planNames(token: string): Promise<string[]> {
	const response = await api<{ plans: { studentName: string }[] }>(server.url, 'GET', '/api/plans', {
		token
	});
	return response.body.plans.map((plan) => plan.studentName).sort();
}

describe('OneRoster import', () => {
	it('a dry run reports what would change and changes nothing', async () => {
		const before = snapshot();
		const response = await importRoster({ files: oneRosterFixture('harbor-view'), dryRun: true });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			isDryRun: true,
			isApplied: false,
			problems: [],
			counts: {
				student: { created: 4, updated: 0, deactivated: 0, unchanged: 0 },
				staff: { created: 3 },
				guardian: { created: 2 }
			},
			caseloads: { added: 4, removed: 0 },
			guardianLinks: { added: 2, removed: 0 }
		});
		expect(response.body.changes).toContain('Abe Turner: new student');
		expect(snapshot()).toEqual(before);
	});

	it('creates people, caseloads, guardian links and pre-filled plans; re-importing changes nothing', async () => {
		const first = await importRoster({ files: oneRosterFixture('harbor-view') });
		expect(first.body).toMatchObject({ isApplied: true, problems: [], caseloads: { added: 4 } });

		const abe = server.server.db
			.prepare(
				'SELECT s.plan_id, s.grade, s.student_number FROM students s JOIN users u ON u.id = s.user_id WHERE u.username = ?'
			)
			.get('abe.turner') as { plan_id: string; grade: number; student_number: string };
		expect(abe).toMatchObject({ grade: 9, student_number: 'HV1001' });
		expect(loadPlan(abe.plan_id).info()).toMatchObject({
			studentName: 'Abe Turner',
			studentId: 'HV1001',
			grade: '9',
			// The admin's school took the name of its org in orgs.csv.
			school: 'Harbor View High (fictional)'
		});

		// Imported people have no password until the admin gives them a first one.
		const noPassword = await api<ErrorBody>(server.url, 'POST', '/api/session', {
			body: { username: 'maya.lopez', password: 'anything-at-all' }
		});
		expect(noPassword.status).toBe(401);
		const lopez = await givePassword('maya.lopez');
		expect(await planNames(lopez)).toEqual(['Abe Turner', 'Bea Ortiz']);
		const rosa = await givePassword('rosa.turner');
		expect(await planNames(rosa)).toEqual(['Abe Turner']);
		const waiting = await api<{ people: { username: string }[] }>(
			server.url,
			'GET',
			'/api/roster/without-password',
			{ token: admin }
		);
		expect(waiting.body.people.map((person) => person.username).sort()).toEqual(
			['abe.turner', 'bea.ortiz', 'cy.walker', 'dana.kim', 'linh.nguyen', 'luis.ortiz', 'sam.park'].sort()
		);
		const again = await api<ErrorBody>(server.url, 'POST', '/api/roster/first-password', {
			token: admin,
			body: { userId: userByUsername('rosa.turner')!.id, password: 'another-password' }
		});
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('has-password');

		const before = snapshot();
		const second = await importRoster({ files: oneRosterFixture('harbor-view') });
		expect(second.body).toMatchObject({
			isApplied: true,
			problems: [],
			changes: [],
			counts: {
				student: { created: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 4 },
				staff: { created: 0, updated: 0, deactivated: 0, unchanged: 3 },
				guardian: { created: 0, updated: 0, deactivated: 0, unchanged: 2 }
			},
			caseloads: { added: 0, removed: 0 },
			guardianLinks: { added: 0, removed: 0 }
		});
		expect(snapshot()).toEqual(before);
	});

	it('a changed export updates exactly what changed and turns off a student who left', async () => {
		await importRoster({ files: oneRosterFixture('harbor-view') });
		const dana = userByUsername('dana.kim')!;
		const danaToken = await givePassword('dana.kim');
		const before = snapshot() as { id: string }[];

		const files = oneRosterFixture('harbor-view');
		files['users.csv'] = files['users.csv']!.replace(
			',Cy,Walker,,HV1003,,,,,11,',
			',Cy,Walker,,HV1003,,,,,12,'
		)
			.split('\n')
			.filter((line) => !line.startsWith('s-dana,'))
			.join('\n');
		// Bea moves from Lopez's advisory to Nguyen's; Dana's enrollment leaves with her.
		files['enrollments.csv'] = files['enrollments.csv']!.replace('e-3,,,c-adv-1,', 'e-3,,,c-adv-2,')
			.split('\n')
			.filter((line) => !line.startsWith('e-6,'))
			.join('\n');
		const response = await importRoster({ files });
		expect(response.body).toMatchObject({
			isApplied: true,
			problems: [],
			counts: {
				student: { created: 0, updated: 1, deactivated: 1, unchanged: 2 },
				staff: { unchanged: 3 },
				guardian: { unchanged: 2 }
			},
			// Bea moves (one added, one removed); Dana leaves Nguyen's caseload.
			caseloads: { added: 1, removed: 2 }
		});
		expect(response.body.changes.sort()).toEqual(
			['Cy Walker: grade 11 → 12', 'Dana Kim: not in the file any more, turned off'].sort()
		);
		const after = snapshot() as { id: string }[];
		const changedIds = after
			.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]))
			.map((row) => row.id);
		expect(changedIds.sort()).toEqual(
			[userByUsername('cy.walker')!.id, dana.id, userByUsername('bea.ortiz')!.id].sort()
		);
		// Deactivated, never deleted: the account and plan are still there, the session is over.
		expect(userByUsername('dana.kim')).toMatchObject({ is_active: 0 });
		const me = await api<ErrorBody>(server.url, 'GET', '/api/me', { token: danaToken });
		expect(me.status).toBe(401);
		const nguyen = await givePassword('linh.nguyen');
		expect(await planNames(nguyen)).toEqual(['Bea Ortiz', 'Cy Walker']);

		// Back in the next export: turned on again, same account and plan.
		const back = await importRoster({ files: oneRosterFixture('harbor-view') });
		expect(back.body.counts.student).toMatchObject({ reactivated: 1, updated: 1 });
		expect(userByUsername('dana.kim')).toMatchObject({ id: dana.id, is_active: 1 });
	});

	it('a changed name or grade reaches the plan information, unless someone changed it in the plan', async () => {
		await importRoster({ files: oneRosterFixture('harbor-view') });
		const planIdOf = (username: string) =>
			(
				server.server.db
					.prepare('SELECT s.plan_id FROM students s JOIN users u ON u.id = s.user_id WHERE u.username = ?')
					.get(username) as { plan_id: string }
			).plan_id;
		// Abe's advisor already wrote the name Abe uses in his plan.
		const store = createDocStore(server.server.db);
		try {
			const doc = new Y.Doc();
			const updates = server.server.db
				.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq')
				.all(docName('plan', planIdOf('abe.turner'))) as { data: Uint8Array }[];
			for (const row of updates) Y.applyUpdate(doc, row.data);
			const before = Y.encodeStateVector(doc);
			Plan.open(doc).plan.setInfo('studentName', 'Abe “Bear” Turner');
			store.appendUpdate(docName('plan', planIdOf('abe.turner')), Y.encodeStateAsUpdate(doc, before));
		} finally {
			store.close();
		}
		const files = oneRosterFixture('harbor-view');
		files['users.csv'] = files['users.csv']!.replace(
			',Abe,Turner,,HV1001,,,,g-turner,09,',
			',Abraham,Turner,,HV1001,,,,g-turner,10,'
		).replace(',Cy,Walker,,HV1003,,,,,11,', ',Cy,Walker,,HV2003,,,,,12,');
		const response = await importRoster({ files });
		expect(response.body.counts.student).toMatchObject({ updated: 2, unchanged: 2 });
		expect(loadPlan(planIdOf('abe.turner')).info()).toMatchObject({
			studentName: 'Abe “Bear” Turner',
			grade: '10'
		});
		expect(loadPlan(planIdOf('cy.walker')).info()).toMatchObject({
			studentName: 'Cy Walker',
			studentId: 'HV2003',
			grade: '12'
		});
		expect(loadPlan(planIdOf('bea.ortiz')).info().grade).toBe('10');
	});

	it('a file with problems imports nothing, unless the admin chooses only the good rows', async () => {
		const before = snapshot();
		const blocked = await importRoster({ files: oneRosterFixture('unknown-role') });
		expect(blocked.status).toBe(200);
		expect(blocked.body).toMatchObject({
			isApplied: false,
			problems: [
				{
					file: 'orgs.csv',
					line: 4,
					reason:
						'Bayside Middle (fictional) (org-bay) is not your school: only a district admin can create or change other schools',
					why: { code: 'school-not-yours', school: 'Bayside Middle (fictional)', orgId: 'org-bay' }
				},
				{
					file: 'users.csv',
					line: 7,
					reason: 'unknown role "wizard"',
					why: { code: 'role-unknown', value: 'wizard', allowed: [] }
				},
				{
					file: 'users.csv',
					line: 10,
					reason: 'belongs to Bayside Middle (fictional) (org-bay), which this import may not change',
					why: { code: 'org-not-writable', school: 'Bayside Middle (fictional)', orgId: 'org-bay' }
				},
				{
					file: 'users.csv',
					line: 12,
					reason: 'linked to s-bea, whose row was not imported',
					why: { code: 'agent-row-refused', agentId: 's-bea' }
				}
			]
		});
		expect(snapshot()).toEqual(before);

		const good = await importRoster({ files: oneRosterFixture('unknown-role'), onlyGoodRows: true });
		expect(good.body).toMatchObject({
			isApplied: true,
			counts: { student: { created: 3 }, staff: { created: 3 }, guardian: { created: 1 } }
		});
		expect(userByUsername('bea.ortiz')).toBeUndefined();
		expect(userByUsername('abe.turner')).toBeDefined();
	});

	it('a row rejected on a later import keeps its person as they were (not turned off)', async () => {
		await importRoster({ files: oneRosterFixture('harbor-view') });
		const abeBefore = (snapshot() as { id: string }[]).find(
			(row) => row.id === userByUsername('abe.turner')!.id
		);
		// Abe's row is duplicated (both rejected); the duplicate took Cy's line, so Cy is gone from the file.
		const response = await importRoster({ files: oneRosterFixture('duplicate-ids'), onlyGoodRows: true });
		expect(response.body.isApplied).toBe(true);
		expect(response.body.counts.student).toMatchObject({ deactivated: 1, unchanged: 2 });
		expect(response.body.changes).toEqual(['Cy Walker: not in the file any more, turned off']);
		expect(response.body.personChanges).toEqual([{ code: 'person-absent', name: 'Cy Walker' }]);
		const abeAfter = (snapshot() as { id: string }[]).find(
			(row) => row.id === userByUsername('abe.turner')!.id
		);
		expect(abeAfter).toEqual(abeBefore);
		expect(userByUsername('abe.turner')).toMatchObject({ is_active: 1 });
	});

	it('rejects a username already used by an account outside the roster, and a role change', async () => {
		const files = oneRosterFixture('harbor-view');
		// "rivera" is a demo advisor: a student may not take that username.
		files['users.csv'] = files['users.csv']!.replace(',student,abe.turner,', ',student,rivera,');
		const response = await importRoster({ files, dryRun: true });
		expect(response.body.problems).toEqual([
			{
				file: 'users.csv',
				line: 6,
				reason: 'username rivera is already used by another account',
				why: { code: 'username-taken', username: 'rivera' }
			}
		]);

		await importRoster({ files: oneRosterFixture('harbor-view') });
		const changed = oneRosterFixture('harbor-view');
		changed['users.csv'] = changed['users.csv']!.replace(
			't-park,,,true,org-hv,teacher,',
			't-park,,,true,org-hv,student,'
		);
		const roleChange = await importRoster({ files: changed, dryRun: true });
		expect(roleChange.body.problems).toEqual([
			{
				file: 'users.csv',
				line: 3,
				reason: 'Sam Park is a staff in Pathways; a role cannot change by import',
				why: { code: 'role-cannot-change', name: 'Sam Park', role: 'staff' }
			}
		]);
	});

	it('imports the simple CSV format', async () => {
		const text = [
			'role,id,first_name,last_name,username,grade,advisor_id,student_ids',
			'advisor,A1,Ana,Reyes,ana.reyes,,,',
			'student,S1,Tom,Hill,tom.hill,10,A1,',
			'guardian,G1,Vic,Hill,vic.hill,,,S1'
		].join('\n');
		const response = await importRoster({ format: 'simple', files: { 'people.csv': text } });
		expect(response.body).toMatchObject({
			isApplied: true,
			counts: { student: { created: 1 }, staff: { created: 1 }, guardian: { created: 1 } },
			caseloads: { added: 1 },
			guardianLinks: { added: 1 }
		});
		expect(await planNames(await givePassword('ana.reyes'))).toEqual(['Tom Hill']);
	});

	it('only admins import, a malformed request is a readable 400, and an import needs a check of the same files', async () => {
		const rivera = await signIn(server.url, 'rivera');
		const forbidden = await importRoster({ files: oneRosterFixture('harbor-view') }, rivera);
		expect(forbidden.status).toBe(403);
		const bad = await api<ErrorBody>(server.url, 'POST', '/api/roster/import', {
			token: admin,
			body: { format: 'oneroster', files: { '../secrets.txt': 'x' }, dryRun: true }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('invalid-request');
		// A file that is not part of OneRoster is acknowledged, never a reason to refuse the rest.
		const unknown = await importRoster({
			files: { ...oneRosterFixture('harbor-view'), 'notes.txt': 'x' },
			dryRun: true
		});
		expect(unknown.body.files).toContainEqual({ name: 'notes.txt', use: 'unknown' });
		expect(unknown.body.problems).toEqual([]);

		const files = oneRosterFixture('harbor-view');
		const post = (body: Record<string, unknown>) =>
			api<ErrorBody>(server.url, 'POST', '/api/roster/import', {
				token: admin,
				body: { format: 'oneroster', schoolSourcedId: 'org-hv', files, ...body }
			});
		const unchecked = await post({ dryRun: false });
		expect(unchecked.status).toBe(409);
		expect(unchecked.body.error.code).toBe('check-first');
		const check = await importRoster({ files, dryRun: true });
		const token = check.body.checkToken;
		expect(token).toEqual(expect.any(String));
		// The token is bound to the files: one changed byte, and it no longer counts.
		const changed = { ...files, 'users.csv': files['users.csv']!.replace('Abe', 'Abel') };
		const other = await api<ErrorBody>(server.url, 'POST', '/api/roster/import', {
			token: admin,
			body: {
				format: 'oneroster',
				schoolSourcedId: 'org-hv',
				files: changed,
				dryRun: false,
				checkToken: token
			}
		});
		expect(other.body.error.code).toBe('check-first');
		// The check named the changes to the school's own name and identifiers: without the
		// admin's yes to each, nothing happens.
		const school = 'Maple Ridge Demo School (fictional)';
		expect(check.body.confirmations).toEqual([
			{ code: 'school-renamed', school, from: school, to: 'Harbor View High (fictional)' },
			{
				code: 'school-identifiers',
				school,
				rosterId: { from: '', to: 'org-hv' },
				identifier: { from: '', to: 'HV' }
			}
		]);
		const halfConfirmed = await post({ dryRun: false, checkToken: token, confirmed: ['school-renamed'] });
		expect(halfConfirmed.body.error.code).toBe('needs-confirmation');
		const unconfirmed = await post({ dryRun: false, checkToken: token });
		expect(unconfirmed.status).toBe(409);
		expect(unconfirmed.body.error.code).toBe('needs-confirmation');
		expect(userByUsername('abe.turner')).toBeUndefined();
		const confirmed = await post({
			dryRun: false,
			checkToken: token,
			confirmed: ['school-renamed', 'school-identifiers']
		});
		expect(confirmed.status).toBe(200);
		expect(userByUsername('abe.turner')).toBeDefined();
	});
});
