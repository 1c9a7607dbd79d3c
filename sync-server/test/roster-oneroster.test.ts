/** Reading OneRoster 1.1 and simple CSV files into a roster: what is accepted, skipped and rejected, by file and line. */
import { describe, expect, it } from 'vitest';
import { readOneRoster } from '../src/roster/oneroster';
import { splitBySchool } from '../src/roster/roster-types';
import { readSimpleRoster } from '../src/roster/simple-roster';
import { oneRosterFixture } from './roster-district';

/** Reads a fixture as if the admin may write org-hv only (other schools neither allowed nor refused). */
const allowOnly =
	(...allowed: string[]) =>
	(files: Record<string, string>) =>
		readOneRoster({
			files,
			decide: () => ({ allowed: new Set(allowed), refused: new Map(), problems: [] })
		}).roster;
const read = (name: string) => allowOnly('org-hv')(oneRosterFixture(name));

describe('OneRoster 1.1 CSV', () => {
	it('reads students, staff, guardians, advisories and guardian links of the chosen school', () => {
		const roster = read('harbor-view');
		expect(roster.problems).toEqual([]);
		const bySource = new Map(roster.people.map((person) => [person.sourceId, person]));
		expect([...bySource.keys()].sort()).toEqual(
			['g-turner', 'p-ortiz', 's-abe', 's-bea', 's-cy', 's-dana', 't-lopez', 't-nguyen', 't-park'].sort()
		);
		expect(bySource.get('s-abe')).toMatchObject({
			role: 'student',
			displayName: 'Abe Turner',
			username: 'abe.turner',
			studentNumber: 'HV1001',
			grade: 9,
			isActive: true
		});
		// E-mail usernames become their part before the @; homeroom teachers become advisors.
		expect(bySource.get('t-lopez')).toMatchObject({
			role: 'staff',
			title: 'advisor',
			username: 'maya.lopez'
		});
		expect(bySource.get('t-park')).toMatchObject({ role: 'staff', title: 'teacher' });
		expect(bySource.get('p-ortiz')).toMatchObject({ role: 'guardian', username: 'luis.ortiz' });
		expect(roster.caseloads.sort()).toEqual(
			[
				['t-lopez', 's-abe'],
				['t-lopez', 's-bea'],
				['t-nguyen', 's-cy'],
				['t-nguyen', 's-dana']
			].sort()
		);
		expect(roster.guardianLinks.sort()).toEqual([
			['g-turner', 's-abe'],
			['p-ortiz', 's-bea']
		]);
		expect(roster.skipped).toEqual([
			{
				file: 'users.csv',
				line: 5,
				reason: 'role "administrator" has no Pathways account',
				why: { code: 'role-not-used', role: 'administrator' }
			}
		]);
		expect(bySource.get('s-abe')?.school).toBe('org-hv');
		// A guardian attached to the district lands in their child's school.
		expect(bySource.get('g-turner')?.school).toBe('org-hv');
	});

	it('passes every school org to the decision; refused schools reject their rows, undecided ones leave them out', () => {
		const seen: string[] = [];
		const { roster, schools } = readOneRoster({
			files: oneRosterFixture('harbor-district'),
			decide: (orgs) => {
				seen.push(...orgs.map((org) => `${org.sourceId}:${org.name}:${org.identifier}:${org.line}`));
				return {
					allowed: new Set(['org-hv']),
					refused: new Map([
						['org-bay', { code: 'school-not-yours', school: 'Bayside', orgId: 'org-bay' } as const]
					]),
					problems: []
				};
			}
		});
		expect(seen).toEqual([
			'org-hv:Harbor View High (fictional):HV:3',
			'org-bay:Bayside Middle (fictional):BM:4'
		]);
		expect(schools.map((school) => school.sourceId)).toEqual(['org-hv']);
		expect(roster.problems).toEqual([
			{
				file: 'orgs.csv',
				line: 4,
				reason:
					'Bayside (org-bay) is not your school: only a district admin can create or change other schools',
				why: { code: 'school-not-yours', school: 'Bayside', orgId: 'org-bay' }
			},
			{
				file: 'users.csv',
				line: 10,
				reason: 'belongs to Bayside Middle (fictional) (org-bay), which this import may not change',
				why: { code: 'org-not-writable', school: 'Bayside Middle (fictional)', orgId: 'org-bay' }
			},
			{
				file: 'users.csv',
				line: 13,
				reason: 'belongs to Bayside Middle (fictional) (org-bay), which this import may not change',
				why: { code: 'org-not-writable', school: 'Bayside Middle (fictional)', orgId: 'org-bay' }
			},
			{
				file: 'users.csv',
				line: 14,
				reason: 'belongs to Bayside Middle (fictional) (org-bay), which this import may not change',
				why: { code: 'org-not-writable', school: 'Bayside Middle (fictional)', orgId: 'org-bay' }
			},
			{
				file: 'users.csv',
				line: 15,
				reason: 'linked to s-finn, whose row was not imported',
				why: { code: 'agent-row-refused', agentId: 's-finn' }
			}
		]);
		expect(roster.people.map((person) => person.sourceId)).not.toContain('g-marsh');

		const undecided = allowOnly('org-hv')(oneRosterFixture('harbor-district'));
		expect(undecided.problems).toEqual([]);
		expect(undecided.skipped).toContainEqual({
			file: 'users.csv',
			line: 10,
			reason: 'belongs to no school this import writes',
			why: { code: 'no-school-written' }
		});
	});

	it('reads several schools at once, each person in their school, and splits them', () => {
		const roster = allowOnly('org-hv', 'org-bay')(oneRosterFixture('harbor-district'));
		expect(roster.problems).toEqual([]);
		const parts = splitBySchool(roster, ['org-hv', 'org-bay']);
		const ids = (school: string) =>
			parts
				.get(school)!
				.people.map((person) => person.sourceId)
				.sort();
		expect(ids('org-bay')).toEqual(['g-marsh', 's-bay', 's-finn', 't-reed']);
		expect(ids('org-hv')).toContain('s-abe');
		expect(ids('org-hv')).not.toContain('s-finn');
		expect(parts.get('org-bay')!.caseloads.sort()).toEqual([
			['t-reed', 's-bay'],
			['t-reed', 's-finn']
		]);
		expect(parts.get('org-bay')!.guardianLinks).toEqual([['g-marsh', 's-finn']]);
		expect(parts.get('org-hv')!.guardianLinks).toHaveLength(2);
	});

	it('reports a school org without a name or with a duplicated sourcedId', () => {
		const files = {
			...oneRosterFixture('harbor-view'),
			'orgs.csv':
				'sourcedId,name,type,identifier\norg-district,Harbor,district,HD\norg-hv,Harbor View,school,HV\norg-x,,school,X\norg-hv,Again,school,HV2\n'
		};
		const { roster, schools } = readOneRoster({
			files,
			decide: (orgs) => ({
				allowed: new Set(orgs.map((org) => org.sourceId)),
				refused: new Map(),
				problems: []
			})
		});
		expect(schools.map((school) => school.sourceId)).toEqual(['org-hv']);
		expect(roster.problems).toEqual([
			{
				file: 'orgs.csv',
				line: 4,
				reason: 'school org-x has no name',
				why: { code: 'school-no-name', orgId: 'org-x' }
			},
			{
				file: 'orgs.csv',
				line: 5,
				reason: 'sourcedId org-hv is also on line 3',
				why: { code: 'id-repeated', column: 'sourcedId', id: 'org-hv', otherLine: 3 }
			}
		]);
	});

	it('reports every missing column on the header line and reads nothing from that file', () => {
		const roster = read('missing-columns');
		expect(roster.people).toEqual([]);
		expect(roster.problems).toEqual([
			{
				file: 'users.csv',
				line: 1,
				reason: 'missing columns: role, familyName',
				why: { code: 'columns-missing', columns: ['role', 'familyName'] }
			}
		]);
	});

	it('rejects an unknown role, and a parent linked to that rejected student', () => {
		const roster = read('unknown-role');
		expect(roster.problems).toEqual([
			{
				file: 'users.csv',
				line: 7,
				reason: 'unknown role "wizard"',
				why: { code: 'role-unknown', value: 'wizard', allowed: [] }
			},
			{
				file: 'users.csv',
				line: 12,
				reason: 'linked to s-bea, whose row was not imported',
				why: { code: 'agent-row-refused', agentId: 's-bea' }
			}
		]);
		expect(roster.people.map((person) => person.sourceId)).not.toContain('s-bea');
		expect(roster.people.map((person) => person.sourceId)).not.toContain('p-ortiz');
		expect(roster.rejectedSourceIds).toEqual(new Set(['s-bea', 'p-ortiz']));
	});

	it('rejects a guardian linked to a student who is not in the file', () => {
		const roster = read('unknown-student');
		expect(roster.problems).toEqual([
			{
				file: 'users.csv',
				line: 11,
				reason: 'linked to s-ghost, who is not a student in users.csv',
				why: { code: 'agent-not-found', agentId: 's-ghost', wanted: 'student' }
			}
		]);
		expect(roster.guardianLinks).toEqual([['p-ortiz', 's-bea']]);
	});

	it('rejects both rows of a duplicated sourcedId, and what depends on them', () => {
		const roster = read('duplicate-ids');
		expect(roster.problems).toEqual([
			{
				file: 'users.csv',
				line: 8,
				reason: 'sourcedId s-abe is also on line 6',
				why: { code: 'id-repeated', column: 'sourcedId', id: 's-abe', otherLine: 6 }
			},
			{
				file: 'users.csv',
				line: 6,
				reason: 'sourcedId s-abe is also on line 8',
				why: { code: 'id-repeated', column: 'sourcedId', id: 's-abe', otherLine: 8 }
			},
			{
				file: 'users.csv',
				line: 11,
				reason: 'linked to s-abe, whose row was not imported',
				why: { code: 'agent-row-refused', agentId: 's-abe' }
			},
			// The duplicate replaced Cy's row, so Cy's advisory enrollment points at nobody.
			{
				file: 'enrollments.csv',
				line: 6,
				reason: 'user s-cy is not in users.csv for the schools imported',
				why: { code: 'user-unknown', userId: 's-cy' }
			}
		]);
		const ids = roster.people.map((person) => person.sourceId);
		expect(ids).not.toContain('s-abe');
		expect(ids).toContain('s-bea');
	});

	it('reports a file that is not CSV and a missing users.csv', () => {
		const files = {
			...oneRosterFixture('harbor-view'),
			'orgs.csv': 'sourcedId,name,type\n"org-hv,Unclosed,school\n'
		};
		delete (files as Record<string, string | undefined>)['users.csv'];
		const roster = allowOnly('org-hv')(files);
		expect(roster.problems.map((problem) => problem.file)).toEqual(['orgs.csv', 'users.csv']);
		expect(roster.problems[0]!.reason).toMatch(/could not be read as CSV/);
		expect(roster.problems[1]).toEqual({
			file: 'users.csv',
			line: 0,
			reason: 'this file is missing',
			why: { code: 'file-missing' }
		});
	});
});

describe('simple roster CSV', () => {
	const header = 'role,id,first_name,last_name,username,grade,advisor_id,student_ids,active';

	it('reads people, advisors from advisor_id and guardians from student_ids', () => {
		const roster = readSimpleRoster(
			[
				header,
				'advisor,A1,Ana,Reyes,ana.reyes,,,,',
				'student,S1,Tom,Hill,tom.hill,KG,A1,,',
				'student,S2,Uma,Bell,uma.bell,Grade 10,,,no',
				'guardian,G1,Vic,Hill,vic.hill,,,S1;S2,'
			].join('\n')
		);
		expect(roster.problems).toEqual([]);
		expect(roster.people).toMatchObject([
			{ sourceId: 'A1', role: 'staff', title: 'advisor' },
			{ sourceId: 'S1', role: 'student', grade: 0, studentNumber: 'S1', isActive: true },
			{ sourceId: 'S2', role: 'student', grade: 10, isActive: false },
			{ sourceId: 'G1', role: 'guardian' }
		]);
		expect(roster.caseloads).toEqual([['A1', 'S1']]);
		expect(roster.guardianLinks).toEqual([
			['G1', 'S1'],
			['G1', 'S2']
		]);
	});

	it('writes a name on one line, as the OneRoster reader does, and refuses a row with no name', () => {
		const roster = readSimpleRoster(
			[header, 'student,S1,"Tom\nJunior", Hill ,tom.hill,9,,,', 'student,S2,,,nobody,9,,,'].join('\n')
		);
		expect(roster.people).toMatchObject([{ sourceId: 'S1', displayName: 'Tom Junior Hill' }]);
		expect(roster.problems).toMatchObject([
			{ line: 4, why: { code: 'names-empty', given: 'first_name', family: 'last_name' } }
		]);
	});

	it('reports bad rows by line: unknown role, bad grade, unknown advisor, unknown child, duplicate id', () => {
		const roster = readSimpleRoster(
			[
				header,
				'principal,P1,Pat,Lee,pat.lee,,,,',
				'student,S1,Tom,Hill,tom.hill,fifth,,,',
				'student,S2,Uma,Bell,uma.bell,9,A9,,',
				'guardian,G1,Vic,Hill,vic.hill,,,S7,',
				'student,S2,Uma,Bell,uma.bell2,9,,,'
			].join('\n')
		);
		expect(roster.problems).toEqual([
			{
				file: 'people.csv',
				line: 2,
				reason: expect.stringContaining('unknown role "principal"'),
				why: {
					code: 'role-unknown',
					value: 'principal',
					allowed: ['student', 'advisor', 'teacher', 'counselor', 'guardian']
				}
			},
			{
				file: 'people.csv',
				line: 3,
				reason: 'grade "fifth" is not a grade from KG to 13',
				why: { code: 'grade-invalid', value: 'fifth' }
			},
			{
				file: 'people.csv',
				line: 6,
				reason: 'id S2 is also on line 4',
				why: { code: 'id-repeated', column: 'id', id: 'S2', otherLine: 4 }
			},
			{
				file: 'people.csv',
				line: 4,
				reason: 'advisor_id A9 is not a staff row in this file',
				why: { code: 'advisor-not-staff', advisorId: 'A9' }
			},
			{
				file: 'people.csv',
				line: 5,
				reason: 'linked to S7, who is not a student in this file',
				why: { code: 'child-not-student', studentId: 'S7' }
			}
		]);
		expect(roster.people).toEqual([]);
	});
});
