/**
 * A OneRoster import that creates and updates schools, through the API on a real server and real
 * SQLite files: a district admin creates every school of the file and each person lands in their
 * school; importing again changes nothing; a school left out is kept; a single-school admin's file
 * naming another school is refused row by row; a school of another district is refused; every
 * school created, changed or refused is recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchoolStore } from '../src/auth/school-store';
import { postRoster } from './roster-api';
import { signIn, startServer, type TestServer } from './helpers';
import { oneRosterFixture } from './roster-district';

let server: TestServer;

beforeEach(async () => {
	server = await startServer();
});
afterEach(async () => {
	await server.close();
});

async function importAs(username: string, body: Record<string, unknown>) {
	const token = await signIn(server.url, username);
	return postRoster(server.url, token, { format: 'oneroster', dryRun: false, ...body });
}

const db = () => server.server.db;
const rows = (sql: string, ...params: string[]) =>
	db()
		.prepare(sql)
		.all(...params) as Record<string, unknown>[];

/** The school (by org sourcedId) each username is in. */
function schoolOf(username: string): string | null {
	const row = db()
		.prepare('SELECT s.source_id FROM users u JOIN schools s ON s.id = u.school_id WHERE u.username = ?')
		.get(username) as { source_id: string | null } | undefined;
	return row?.source_id ?? null;
}

function snapshot(): unknown[] {
	return rows(
		`SELECT u.id, u.school_id, u.username, u.display_name, u.is_active, s.grade,
		 (SELECT group_concat(staff_id) FROM caseloads c WHERE c.student_id = u.id) AS advisors,
		 (SELECT group_concat(guardian_id) FROM guardian_links g WHERE g.student_id = u.id) AS guardians
		 FROM users u LEFT JOIN students s ON s.user_id = u.id ORDER BY u.id`
	).concat(rows('SELECT id, name, source_id, identifier, district_id FROM schools ORDER BY id'));
}

const changes = () => new SchoolStore(db()).changes();

describe('a district admin', () => {
	it('creates every school of the file, puts each person in their school, and re-imports without a change', async () => {
		const files = oneRosterFixture('harbor-district');
		const dry = await importAs('district', { files, dryRun: true });
		expect(dry.status).toBe(200);
		expect(dry.body).toMatchObject({ isApplied: false, problems: [] });
		expect(dry.body.schools).toEqual([
			{
				sourceId: 'org-hv',
				name: 'Harbor View High (fictional)',
				identifier: 'HV',
				action: 'created',
				changes: [],
				fields: []
			},
			{
				sourceId: 'org-bay',
				name: 'Bayside Middle (fictional)',
				identifier: 'BM',
				action: 'created',
				changes: [],
				fields: []
			}
		]);
		expect(rows('SELECT id FROM schools WHERE source_id IS NOT NULL')).toEqual([]);

		const first = await importAs('district', { files });
		expect(first.body).toMatchObject({
			isApplied: true,
			problems: [],
			counts: { student: { created: 6 }, staff: { created: 4 }, guardian: { created: 3 } },
			caseloads: { added: 6 },
			guardianLinks: { added: 3 }
		});
		const schools = rows('SELECT name, source_id, identifier, district_id FROM schools ORDER BY name');
		expect(schools).toEqual([
			{
				name: 'Bayside Middle (fictional)',
				source_id: 'org-bay',
				identifier: 'BM',
				district_id: 'demo-district'
			},
			{
				name: 'Harbor View High (fictional)',
				source_id: 'org-hv',
				identifier: 'HV',
				district_id: 'demo-district'
			},
			{
				name: 'Maple Ridge Demo School (fictional)',
				source_id: null,
				identifier: null,
				district_id: 'demo-district'
			}
		]);
		expect(schoolOf('abe.turner')).toBe('org-hv');
		expect(schoolOf('maya.lopez')).toBe('org-hv');
		expect(schoolOf('rosa.turner')).toBe('org-hv');
		expect(schoolOf('eli.bay')).toBe('org-bay');
		expect(schoolOf('jo.reed')).toBe('org-bay');
		// A guardian attached to the district lands in their child's school.
		expect(schoolOf('kim.marsh')).toBe('org-bay');
		expect(changes().map((change) => [change.action, change.sourceId, change.detail])).toEqual([
			['created', 'org-bay', 'Bayside Middle (fictional) (BM)'],
			['created', 'org-hv', 'Harbor View High (fictional) (HV)']
		]);

		const before = snapshot();
		const again = await importAs('district', { files });
		expect(again.body).toMatchObject({
			isApplied: true,
			changes: [],
			counts: { student: { created: 0, updated: 0, deactivated: 0, unchanged: 6 } },
			caseloads: { added: 0, removed: 0 }
		});
		expect(again.body.schools.map((school) => school.action)).toEqual(['unchanged', 'unchanged']);
		expect(snapshot()).toEqual(before);
		expect(changes()).toHaveLength(2);
	});

	it('updates a school whose name or identifier changed (a dry run first shows it), and keeps a school left out', async () => {
		const files = oneRosterFixture('harbor-district');
		await importAs('district', { files });
		const renamed = {
			...files,
			'orgs.csv': files['orgs.csv']!.replace(
				'Bayside Middle (fictional),school,BM',
				'Bayside Academy (fictional),school,BA'
			)
		};
		const dry = await importAs('district', { files: renamed, dryRun: true });
		expect(dry.body.schools[1]).toEqual({
			sourceId: 'org-bay',
			name: 'Bayside Academy (fictional)',
			identifier: 'BA',
			action: 'updated',
			changes: ['name Bayside Middle (fictional) → Bayside Academy (fictional)', 'identifier BM → BA'],
			fields: [
				{ field: 'name', from: 'Bayside Middle (fictional)', to: 'Bayside Academy (fictional)' },
				{ field: 'identifier', from: 'BM', to: 'BA' }
			]
		});
		expect(rows("SELECT name FROM schools WHERE source_id = 'org-bay'")).toEqual([
			{ name: 'Bayside Middle (fictional)' }
		]);
		await importAs('district', { files: renamed });
		expect(rows("SELECT name, identifier FROM schools WHERE source_id = 'org-bay'")).toEqual([
			{ name: 'Bayside Academy (fictional)', identifier: 'BA' }
		]);
		expect(changes()[0]).toMatchObject({ action: 'updated', sourceId: 'org-bay' });

		// Harbor View only: Bayside stays, and so do its people.
		const harborOnly = oneRosterFixture('harbor-view');
		const onlyOne = await importAs('district', { files: harborOnly });
		expect(onlyOne.body).toMatchObject({ isApplied: true, problems: [] });
		expect(onlyOne.body.schools.map((school) => school.sourceId)).toEqual(['org-hv']);
		expect(rows("SELECT count(*) AS n FROM schools WHERE source_id = 'org-bay'")).toEqual([{ n: 1 }]);
		expect(rows("SELECT is_active FROM users WHERE username IN ('eli.bay', 'finn.bay', 'jo.reed')")).toEqual([
			{ is_active: 1 },
			{ is_active: 1 },
			{ is_active: 1 }
		]);
		expect(onlyOne.body.counts.student.deactivated).toBe(0);
	});

	it('cannot change a school of another district: its rows are refused and recorded', async () => {
		const store = new SchoolStore(db());
		store.createDistrict('other-district', 'Other District (fictional)');
		store.createSchool({
			id: 'other-bay',
			name: 'Bayside elsewhere',
			sourceId: 'org-bay',
			identifier: null,
			districtId: 'other-district'
		});
		const response = await importAs('district', { files: oneRosterFixture('harbor-district') });
		expect(response.body.isApplied).toBe(false);
		expect(response.body.problems).toContainEqual({
			file: 'orgs.csv',
			line: 4,
			reason:
				'Bayside Middle (fictional) (org-bay) is a school of another district: it cannot be changed from Maple Ridge Demo District (fictional)',
			why: {
				code: 'school-other-district',
				school: 'Bayside Middle (fictional)',
				orgId: 'org-bay',
				district: 'Maple Ridge Demo District (fictional)'
			}
		});
		expect(rows("SELECT name FROM schools WHERE id = 'other-bay'")).toEqual([{ name: 'Bayside elsewhere' }]);
		expect(rows("SELECT count(*) AS n FROM users WHERE school_id = 'other-bay'")).toEqual([{ n: 0 }]);
		expect(changes()[0]).toMatchObject({ action: 'refused', sourceId: 'org-bay', schoolId: null });
	});
});

describe('a single-school admin', () => {
	it('imports only their own school: another school in the file is refused row by row', async () => {
		const files = oneRosterFixture('harbor-district');
		const before = snapshot();
		const blocked = await importAs('admin', { files, schoolSourcedId: 'org-hv' });
		expect(blocked.body.isApplied).toBe(false);
		const refusedLines = blocked.body.problems.map((problem) => `${problem.file}:${problem.line}`);
		// Bayside's org row, its three people, and the parent of a Bayside student.
		expect(refusedLines).toEqual([
			'orgs.csv:4',
			'users.csv:10',
			'users.csv:13',
			'users.csv:14',
			'users.csv:15'
		]);
		expect(blocked.body.problems[0]!.reason).toBe(
			'Bayside Middle (fictional) (org-bay) is not your school: only a district admin can create or change other schools'
		);
		expect(snapshot()).toEqual(before);
		expect(changes().map((change) => [change.action, change.sourceId])).toEqual([['refused', 'org-bay']]);

		const good = await importAs('admin', { files, schoolSourcedId: 'org-hv', onlyGoodRows: true });
		expect(good.body).toMatchObject({ isApplied: true, counts: { student: { created: 4 } } });
		expect(good.body.schools).toEqual([
			{
				sourceId: 'org-hv',
				name: 'Harbor View High (fictional)',
				identifier: 'HV',
				action: 'updated',
				changes: [
					'roster id → org-hv',
					'name Maple Ridge Demo School (fictional) → Harbor View High (fictional)',
					'identifier — → HV'
				],
				fields: [
					{ field: 'rosterId', from: '', to: 'org-hv' },
					{ field: 'name', from: 'Maple Ridge Demo School (fictional)', to: 'Harbor View High (fictional)' },
					{ field: 'identifier', from: '—', to: 'HV' }
				]
			}
		]);
		// Their own school now carries the org; nobody went to Bayside, which was not created.
		expect(rows("SELECT id FROM schools WHERE source_id = 'org-hv'")).toEqual([{ id: 'demo-maple-ridge' }]);
		expect(rows("SELECT count(*) AS n FROM schools WHERE source_id = 'org-bay'")).toEqual([{ n: 0 }]);
		expect(
			rows(
				"SELECT count(*) AS n FROM users WHERE username IN ('eli.bay', 'finn.bay', 'jo.reed', 'kim.marsh')"
			)
		).toEqual([{ n: 0 }]);
		expect(schoolOf('abe.turner')).toBe('org-hv');

		// From now on the school is known: naming another one as theirs is refused for the whole file.
		const other = await importAs('admin', { files, schoolSourcedId: 'org-bay' });
		expect(other.body).toMatchObject({
			isApplied: false,
			problems: [
				{
					file: 'orgs.csv',
					line: 0,
					reason: 'your school is org-hv in the roster, not org-bay',
					why: { code: 'own-school-is', rosterId: 'org-hv', chosen: 'org-bay' }
				}
			]
		});
		// And the same single-school file again changes nothing, without naming the school.
		const again = await importAs('admin', { files: oneRosterFixture('harbor-view') });
		expect(again.body).toMatchObject({ isApplied: true, problems: [], changes: [] });
		expect(again.body.schools.map((school) => school.action)).toEqual(['unchanged']);
	});

	it('is asked which school is theirs when a first file lists several', async () => {
		const response = await importAs('admin', { files: oneRosterFixture('harbor-district'), dryRun: true });
		expect(response.body.problems).toEqual([
			{
				file: 'orgs.csv',
				line: 0,
				reason: '2 schools: choose which one is yours (org-hv, org-bay)',
				why: { code: 'choose-school', orgIds: ['org-hv', 'org-bay'] }
			}
		]);
	});
});
