/**
 * Whole OneRoster exports through the real API on a fresh server, on fixtures built from the
 * OneRoster 1.1 and 1.2 CSV column lists (test/fixtures/oneroster/export-11, export-12, delta-11):
 * the .zip with its manifest, a delta, 1.2 roles and user profiles, classes without enrollments,
 * department and district org chains, demographics. Each asserts exactly who was created, every
 * row left out or refused (file, line, reason), and that importing the same export again changes
 * nothing.
 */
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, signIn, type TestServer } from './helpers';
import { postRoster, type RosterBody } from './roster-api';
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

const importRoster = (body: RosterBody) => postRoster(server.url, admin, { dryRun: false, ...body });

/** The export as a school sends it: every file in one .zip, inside a folder, as base64. */
function zipOf(files: Record<string, string>, folder = 'export/'): string {
	const entries = Object.fromEntries(
		Object.entries(files).map(([name, text]) => [folder + name, strToU8(text)])
	);
	return Buffer.from(zipSync(entries)).toString('base64');
}

/** Everyone the roster brought in, with what it set: to prove exactly who changed and who did not. */
function people(): Record<string, unknown>[] {
	return server.server.db
		.prepare(
			`SELECT r.source_id, u.username, u.display_name, u.role, u.staff_title, u.is_active, s.grade, s.student_number, s.birth_date,
			 (SELECT group_concat(rs.source_id) FROM caseloads c JOIN roster_links rs ON rs.user_id = c.staff_id WHERE c.student_id = u.id) AS advisors,
			 (SELECT group_concat(rg.source_id) FROM guardian_links g JOIN roster_links rg ON rg.user_id = g.guardian_id WHERE g.student_id = u.id) AS guardians
			 FROM roster_links r JOIN users u ON u.id = r.user_id LEFT JOIN students s ON s.user_id = u.id ORDER BY r.source_id`
		)
		.all() as Record<string, unknown>[];
}

const student = (fields: Record<string, unknown>) => ({
	role: 'student',
	staff_title: null,
	is_active: 1,
	...fields
});
const staff = (fields: Record<string, unknown>) => ({
	role: 'staff',
	is_active: 1,
	grade: null,
	student_number: null,
	birth_date: null,
	advisors: null,
	guardians: null,
	...fields
});
const guardian = (fields: Record<string, unknown>) => ({
	...staff(fields),
	role: 'guardian',
	staff_title: null
});

const EXPORT_11_PEOPLE = [
	guardian({ source_id: 'g-1', username: 'gil.diaz', display_name: 'Gil Diaz' }),
	student({
		source_id: 's-1',
		username: 'cleo.diaz',
		display_name: 'Cleo Diaz',
		grade: 9,
		student_number: 'RH100',
		birth_date: '2011-04-02',
		advisors: 't-ada',
		guardians: 'g-1'
	}),
	student({
		source_id: 's-2',
		username: 'dev.ito',
		display_name: 'Dev Ito',
		grade: 10,
		student_number: 'RH101',
		birth_date: '2010-11-30',
		advisors: 't-ada',
		guardians: null
	}),
	student({
		source_id: 's-3',
		username: 'eve.fox',
		display_name: 'Eve Fox',
		grade: 11,
		student_number: 'RH102',
		birth_date: null,
		advisors: null,
		guardians: null,
		is_active: 0
	}),
	// Ada is in the Science department: she lands in its school, and homeroom makes her an advisor.
	staff({ source_id: 't-ada', username: 'ada.park', display_name: 'Ada Park', staff_title: 'advisor' }),
	staff({ source_id: 't-ben', username: 'ben.cho', display_name: 'Ben Cho', staff_title: 'teacher' })
];

const EXPORT_11_SKIPPED = [
	{
		file: 'users.csv',
		line: 8,
		reason: 'role "aide" has no Pathways account',
		why: { code: 'role-not-used', role: 'aide' }
	},
	{
		file: 'users.csv',
		line: 9,
		reason: 'role "administrator" has no Pathways account',
		why: { code: 'role-not-used', role: 'administrator' }
	},
	{
		file: 'users.csv',
		line: 10,
		reason: 'department org-lone (Night classes) is in no school',
		why: { code: 'org-in-no-school', orgs: [{ type: 'department', id: 'org-lone', name: 'Night classes' }] }
	},
	{
		file: 'users.csv',
		line: 11,
		reason: 'district org-d (River District (fictional)) is in no school',
		why: {
			code: 'org-in-no-school',
			orgs: [{ type: 'district', id: 'org-d', name: 'River District (fictional)' }]
		}
	},
	{
		file: 'demographics.csv',
		line: 4,
		reason: "t-ben is not a student imported here: only students' birth dates are kept",
		why: { code: 'birth-date-not-student', userId: 't-ben' }
	},
	{
		file: 'demographics.csv',
		line: 5,
		reason: "s-9 is not a student imported here: only students' birth dates are kept",
		why: { code: 'birth-date-not-student', userId: 's-9' }
	}
];

describe('a whole OneRoster 1.1 export', () => {
	it('imports from its .zip: every file acknowledged, the org chain followed, birth dates kept; again changes nothing', async () => {
		const archive = zipOf({ ...oneRosterFixture('export-11'), 'readme.txt': 'exported by a fictional SIS' });
		const first = await importRoster({ archive });
		expect(first.status).toBe(200);
		expect(first.body.isApplied).toBe(true);
		expect(first.body.version).toBe('1.1');
		expect(first.body.problems).toEqual([]);
		expect(first.body.skipped).toEqual(EXPORT_11_SKIPPED);
		expect([...first.body.files].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			{ name: 'academicSessions.csv', use: 'not-used' },
			{ name: 'classes.csv', use: 'used', mode: 'bulk' },
			{ name: 'courses.csv', use: 'not-used' },
			{ name: 'demographics.csv', use: 'used', mode: 'bulk' },
			{ name: 'enrollments.csv', use: 'used', mode: 'bulk' },
			{ name: 'manifest.csv', use: 'used' },
			{ name: 'orgs.csv', use: 'used', mode: 'bulk' },
			{ name: 'readme.txt', use: 'unknown' },
			{ name: 'users.csv', use: 'used', mode: 'bulk' }
		]);
		expect(first.body.counts).toMatchObject({
			student: { created: 3 },
			staff: { created: 2 },
			guardian: { created: 1 }
		});
		expect(people()).toEqual(EXPORT_11_PEOPLE);
		// Each birth date it brought is marked as the roster's (the admin's screen says where it came from).
		expect(
			server.server.db
				.prepare('SELECT DISTINCT birth_date_source AS source FROM students WHERE birth_date IS NOT NULL')
				.all()
		).toEqual([{ source: 'roster' }]);

		const again = await importRoster({ archive });
		expect(again.body).toMatchObject({ isApplied: true, changes: [], problems: [] });
		expect(again.body.skipped).toEqual(EXPORT_11_SKIPPED);
		expect(people()).toEqual(EXPORT_11_PEOPLE);
	});

	it('imports the same export sent as all its files at once, with the same result', async () => {
		const report = await importRoster({ files: oneRosterFixture('export-11') });
		expect(report.body).toMatchObject({ isApplied: true, problems: [] });
		expect(report.body.skipped).toEqual(EXPORT_11_SKIPPED);
		expect(people()).toEqual(EXPORT_11_PEOPLE);
	});

	it('a delta naming two users changes those two and no one else; the same delta again changes nothing', async () => {
		await importRoster({ archive: zipOf(oneRosterFixture('export-11')) });
		const before = people();
		const delta = zipOf(oneRosterFixture('delta-11'));
		const report = await importRoster({ archive: delta });
		expect(report.body).toMatchObject({ isApplied: true, problems: [], skipped: [] });
		expect(report.body.files).toEqual([
			{ name: 'manifest.csv', use: 'used' },
			{ name: 'users.csv', use: 'used', mode: 'delta' }
		]);
		expect(report.body.changes).toEqual([
			'Cleo Diaz-Ruiz: name Cleo Diaz → Cleo Diaz-Ruiz, grade 9 → 10',
			'Dev Ito: left'
		]);
		expect(report.body.personChanges).toEqual([
			{
				code: 'person-changed',
				name: 'Cleo Diaz-Ruiz',
				fields: [
					{ field: 'name', from: 'Cleo Diaz', to: 'Cleo Diaz-Ruiz' },
					{ field: 'grade', from: '9', to: '10' }
				]
			},
			{ code: 'person-changed', name: 'Dev Ito', fields: [], activity: 'left' }
		]);
		const after = people();
		const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]));
		expect(changed).toEqual([
			{ ...EXPORT_11_PEOPLE[1], display_name: 'Cleo Diaz-Ruiz', grade: 10 },
			{ ...EXPORT_11_PEOPLE[2], is_active: 0 }
		]);
		// Everyone the delta does not name (Eve, Gil, Ada, Ben) is exactly as before, not turned off.
		expect(after.length).toBe(before.length);

		const again = await importRoster({ archive: delta });
		expect(again.body).toMatchObject({ isApplied: true, changes: [], problems: [] });
		expect(people()).toEqual(after);
	});

	it('refuses a file the manifest does not list, and names a listed file that is missing', async () => {
		const files = oneRosterFixture('export-11');
		const manifest = files['manifest.csv']!.replace('file.enrollments,bulk', 'file.enrollments,absent');
		const { 'demographics.csv': _left, ...rest } = files;
		const report = await importRoster({ files: { ...rest, 'manifest.csv': manifest } });
		expect(report.body.isApplied).toBe(false);
		expect(report.body.problems).toEqual([
			{
				file: 'enrollments.csv',
				line: 0,
				reason: 'manifest.csv says this file is absent: send the manifest that came with it',
				why: { code: 'manifest-says-absent' }
			},
			{
				file: 'demographics.csv',
				line: 0,
				reason: 'manifest.csv lists this file (bulk) but it is not among the files',
				why: { code: 'manifest-file-missing', mode: 'bulk' }
			}
		]);
		expect(people()).toEqual([]);
	});
});

describe('safe by default', () => {
	it('turning off more than 10 % of the students needs the admin to confirm it, by number', async () => {
		const files = oneRosterFixture('export-11');
		await importRoster({ files });
		// The next export has lost both active students and Gil (a broken export, not a school that emptied).
		const users = files['users.csv']!.split('\n')
			.filter((line) => !/^(s-[12]|g-1),/.test(line))
			.join('\n');
		const broken = { 'orgs.csv': files['orgs.csv']!, 'users.csv': users };
		const check = await postRoster(server.url, admin, { files: broken, dryRun: true });
		expect(check.body.confirmations).toEqual([
			{ code: 'students-off', school: 'River High (fictional)', count: 2, of: 2, limitPercent: 10 }
		]);
		const refused = await importRoster({ files: broken, confirmed: [] });
		expect(refused.status).toBe(409);
		expect(JSON.stringify(refused.body)).toContain('turns off 2 of 2 students of River High (fictional)');
		expect(people().filter((row) => row.is_active === 1).length).toBe(5);
		const confirmed = await importRoster({ files: broken, confirmed: ['students-off'] });
		expect(confirmed.body.isApplied).toBe(true);
		expect(people().filter((row) => row.role === 'student' && row.is_active === 1)).toEqual([]);
	});
});

describe('a OneRoster 1.2 export', () => {
	it('reads roles and user profiles, counselors and departments; classes without enrollments are fine', async () => {
		const archive = zipOf(oneRosterFixture('export-12'), '');
		const check = await postRoster(server.url, admin, { archive, dryRun: true });
		expect(check.body.version).toBe('1.2');
		const problems = [
			{
				file: 'users.csv',
				line: 8,
				reason: 'no role for this user in roles.csv',
				why: { code: 'no-role-in-roles' }
			},
			{
				file: 'demographics.csv',
				line: 3,
				reason: 'birthDate "2012-31-01" is not a date (YYYY-MM-DD)',
				why: { code: 'birth-date-invalid', value: '2012-31-01' }
			}
		];
		expect(check.body.problems).toEqual(problems);
		expect(check.body.skipped).toEqual([
			{
				file: 'users.csv',
				line: 7,
				reason: 'role "principal" has no Pathways account',
				why: { code: 'role-not-used', role: 'principal' }
			}
		]);
		expect(people()).toEqual([]);

		const expected = [
			staff({
				source_id: 'u-coun',
				username: 'noor.haddad',
				display_name: 'Noor Haddad',
				staff_title: 'counselor'
			}),
			guardian({ source_id: 'u-par', username: 'rosa.reyes', display_name: 'Rosa Reyes' }),
			student({
				source_id: 'u-stu1',
				// users.csv has no username for Omar: his user profile's is used.
				username: 'omar.reyes',
				display_name: 'Omar Reyes',
				grade: 7,
				student_number: 'LM200',
				birth_date: '2013-02-14',
				advisors: null,
				guardians: 'u-par'
			}),
			student({
				source_id: 'u-stu2',
				username: 'pia.lind',
				display_name: 'Pia Lind',
				grade: 8,
				student_number: 'LM201',
				birth_date: null,
				advisors: null,
				guardians: null
			}),
			staff({
				source_id: 'u-teach',
				username: 'mia.stone',
				display_name: 'Mia Stone',
				staff_title: 'teacher'
			})
		];
		const report = await importRoster({ archive, onlyGoodRows: true });
		expect(report.body).toMatchObject({ isApplied: true, problems });
		expect(people()).toEqual(expected);
		const again = await importRoster({ archive, onlyGoodRows: true });
		expect(again.body).toMatchObject({ isApplied: true, changes: [], problems });
		expect(people()).toEqual(expected);
	});
});

describe('CSV as exports really write it', () => {
	const header =
		'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
	const orgs =
		'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg-s,,,Mixed High (fictional),school,MH,\r\n';

	it('a BOM, mixed line endings and a quoted line break: every row is read, each on its own line', async () => {
		const users =
			'\uFEFF' +
			header +
			'\r\n' +
			// A "\n" line ending inside a "\r\n" file must not swallow the next row.
			's-1,,,true,org-s,student,una.bell,,Una,Bell,,MH1,,,,,09,\n' +
			's-2,,,true,org-s,student,vic.hart,,Vic,Hart,,MH2,,,,,09,\r\n' +
			// A quoted line break inside a name: the row starts on line 4 and goes on to line 5.
			's-3,,,true,org-s,student,wren.ash,,"Wren\r\nMae",Ash,,MH3,,,,,10,\r' +
			's-4,,,true,org-s,student,xan.lee,,Xan,Lee,,MH4,,,,,1O,\r\n' +
			's-5,,,true,org-s,student,yara.kim,,Yara,Kim,,MH5,,,,,11,';
		const files = { 'orgs.csv': orgs, 'users.csv': users };
		const check = await postRoster(server.url, admin, { files, dryRun: true });
		// Line 6 is Xan's (grade "1O" with a letter O): the one row refused, by the line it is on.
		const problems = [
			{
				file: 'users.csv',
				line: 6,
				reason: 'grade "1O" is not a grade from KG to 13',
				why: { code: 'grade-invalid', value: '1O' }
			}
		];
		expect(check.body.problems).toEqual(problems);
		const report = await importRoster({ files, onlyGoodRows: true });
		expect(report.body).toMatchObject({ isApplied: true, problems });
		const names = () => people().map((row) => `${row.source_id}:${row.display_name as string}`);
		expect(names()).toEqual(['s-1:Una Bell', 's-2:Vic Hart', 's-3:Wren Mae Ash', 's-5:Yara Kim']);
		const again = await importRoster({ files, onlyGoodRows: true });
		expect(again.body).toMatchObject({ isApplied: true, changes: [] });
		expect(names()).toEqual(['s-1:Una Bell', 's-2:Vic Hart', 's-3:Wren Mae Ash', 's-5:Yara Kim']);
	});

	it('a file whose only org is a department names every person it leaves out', async () => {
		const departmentOnly = 'sourcedId,name,type,parentSourcedId\norg-dep,Music,department,\n';
		const users = `${header}\ns-1,,,true,org-dep,student,zed.ray,,Zed,Ray,,Z1,,,,,09,\nt-1,,,true,org-dep,teacher,amy.fry,,Amy,Fry,,,,,,,,\n`;
		const report = await postRoster(server.url, admin, {
			files: { 'orgs.csv': departmentOnly, 'users.csv': users },
			dryRun: true
		});
		expect(report.body.problems).toEqual([
			{ file: 'orgs.csv', line: 0, reason: 'no org of type "school"', why: { code: 'no-school-org' } }
		]);
		expect(report.body.skipped).toEqual([
			{
				file: 'users.csv',
				line: 2,
				reason: 'department org-dep (Music) is in no school',
				why: { code: 'org-in-no-school', orgs: [{ type: 'department', id: 'org-dep', name: 'Music' }] }
			},
			{
				file: 'users.csv',
				line: 3,
				reason: 'department org-dep (Music) is in no school',
				why: { code: 'org-in-no-school', orgs: [{ type: 'department', id: 'org-dep', name: 'Music' }] }
			}
		]);
		// Importing only the good rows anyway: there are none, so no one is created and nothing changes.
		const anyway = await importRoster({
			files: { 'orgs.csv': departmentOnly, 'users.csv': users },
			onlyGoodRows: true
		});
		expect(anyway.body).toMatchObject({ changes: [], skipped: report.body.skipped });
		expect(people()).toEqual([]);
	});

	it('follows an org chain of any depth and type up to its school; a chain with no school, or a loop, is named', async () => {
		const chain =
			'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n' +
			'org-st,,,North State (fictional),state,NS,\n' +
			'org-d,,,Fir District (fictional),district,FD,org-st\n' +
			'org-s,,,Fir High (fictional),school,FH,org-d\n' +
			'org-dep,,,Languages,department,,org-s\n' +
			'org-sub,,,Spanish,department,,org-dep\n' +
			'org-x,,,Loop A,department,,org-y\n' +
			'org-y,,,Loop B,department,,org-x\n';
		const users =
			`${header}\n` +
			's-1,,,true,org-sub,student,ana.sol,,Ana,Sol,,FH1,,,,,09,\n' +
			't-1,,,true,org-dep,teacher,bo.lund,,Bo,Lund,,,,,,,,\n' +
			't-2,,,true,org-st,teacher,cy.moss,,Cy,Moss,,,,,,,,\n' +
			't-3,,,true,org-x,teacher,di.fenn,,Di,Fenn,,,,,,,,\n';
		const files = { 'orgs.csv': chain, 'users.csv': users };
		const skipped = [
			{
				file: 'users.csv',
				line: 4,
				reason: 'state org-st (North State (fictional)) is in no school',
				why: {
					code: 'org-in-no-school',
					orgs: [{ type: 'state', id: 'org-st', name: 'North State (fictional)' }]
				}
			},
			{
				file: 'users.csv',
				line: 5,
				reason: 'department org-x (Loop A) is in no school',
				why: { code: 'org-in-no-school', orgs: [{ type: 'department', id: 'org-x', name: 'Loop A' }] }
			}
		];
		const expected = [
			student({
				source_id: 's-1',
				username: 'ana.sol',
				display_name: 'Ana Sol',
				grade: 9,
				student_number: 'FH1',
				birth_date: null,
				advisors: null,
				guardians: null
			}),
			staff({ source_id: 't-1', username: 'bo.lund', display_name: 'Bo Lund', staff_title: 'teacher' })
		];
		const report = await importRoster({ files });
		expect(report.body).toMatchObject({ isApplied: true, problems: [] });
		expect(report.body.skipped).toEqual(skipped);
		expect(people()).toEqual(expected);
		const again = await importRoster({ files });
		expect(again.body).toMatchObject({ isApplied: true, changes: [], problems: [], skipped });
		expect(people()).toEqual(expected);
	});
});
