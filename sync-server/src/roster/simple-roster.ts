/**
 * The simple roster CSV for schools without OneRoster: one file, `people.csv`, one person a row.
 * Columns (header names in any case; see sync-server/src/roster/README.md):
 *   role        student | advisor | teacher | counselor | guardian
 *   id          the school's ID for the person (unique in the file; a student's is their student ID)
 *   first_name, last_name, username
 *   grade       students: KG or 1–13
 *   advisor_id  students: the id of their advisor's row (optional)
 *   student_ids guardians: the ids of their children, separated by ; (at least one)
 *   active      optional: no / false / 0 marks someone who has left
 */
import { SIMPLE_FILE_NAME } from '../../../src/lib/contracts/roster-report';
import { STAFF_TITLES, type StaffTitle } from '../auth/accounts';
import { listField, readCsv } from './csv-table';
import {
	emptyRoster,
	isYes,
	personBase,
	rowIds,
	studentGrade,
	type Roster,
	type RosterPerson
} from './roster-types';
import { rowProblem } from './row-reason';

export const SIMPLE_FILE = SIMPLE_FILE_NAME;
const REQUIRED = ['role', 'id', 'first_name', 'last_name', 'username'] as const;
const SIMPLE_ROLES = ['student', 'advisor', 'teacher', 'counselor', 'guardian'];

export function readSimpleRoster(text: string | undefined): Roster {
	const roster = emptyRoster();
	const file = SIMPLE_FILE;
	if (text === undefined) {
		roster.problems.push(rowProblem(file, 0, { code: 'file-missing' }));
		return roster;
	}
	const { table, problems } = readCsv(file, text, REQUIRED);
	roster.problems.push(...problems);
	const identify = rowIds(roster, file, 'id');
	const seenUsernames = new Map<string, number>();
	const advisorOf: [line: number, studentId: string, advisorId: string][] = [];
	const childrenOf: [line: number, guardianId: string, studentIds: string[]][] = [];
	for (const row of table.rows) {
		const identified = identify(row);
		if (identified === undefined) continue;
		const { sourceId, reject } = identified;
		const role = row.get('role').toLowerCase();
		const base = personBase(
			row,
			identified,
			{
				file,
				columns: { given: 'first_name', family: 'last_name', username: 'username' },
				isActive: isYes(row.get('active'), true)
			},
			seenUsernames
		);
		if (base === undefined) continue;
		let person: RosterPerson;
		if (role === 'student') {
			const grade = studentGrade(row, identified, 'grade');
			if (grade === undefined) continue;
			person = { ...base, role, studentNumber: sourceId, grade };
			const advisorId = row.get('advisor_id');
			if (advisorId) advisorOf.push([row.line, sourceId, advisorId]);
		} else if ((STAFF_TITLES as readonly string[]).includes(role)) {
			person = { ...base, role: 'staff', title: role as StaffTitle };
		} else if (role === 'guardian' || role === 'parent') {
			const studentIds = listField(row.get('student_ids'));
			if (studentIds.length === 0) {
				reject({ code: 'guardian-needs-children' });
				continue;
			}
			person = { ...base, role: 'guardian' };
			childrenOf.push([row.line, sourceId, studentIds]);
		} else {
			reject({ code: 'role-unknown', value: row.get('role'), allowed: SIMPLE_ROLES });
			continue;
		}
		roster.people.push(person);
	}
	const people = new Map(roster.people.map((person) => [person.sourceId, person]));
	const drop = new Set<string>();
	for (const [line, studentId, advisorId] of advisorOf) {
		if (people.get(advisorId)?.role === 'staff') roster.caseloads.push([advisorId, studentId]);
		else {
			roster.problems.push(rowProblem(file, line, { code: 'advisor-not-staff', advisorId }));
			drop.add(studentId);
		}
	}
	for (const [line, guardianId, studentIds] of childrenOf) {
		const unknown = studentIds.find((id) => people.get(id)?.role !== 'student');
		if (unknown) {
			roster.problems.push(rowProblem(file, line, { code: 'child-not-student', studentId: unknown }));
			drop.add(guardianId);
			continue;
		}
		for (const studentId of studentIds) roster.guardianLinks.push([guardianId, studentId]);
	}
	if (drop.size > 0) {
		for (const id of drop) roster.rejectedSourceIds.add(id);
		roster.people = roster.people.filter((person) => !drop.has(person.sourceId));
		roster.caseloads = roster.caseloads.filter(([a, s]) => !drop.has(a) && !drop.has(s));
		roster.guardianLinks = roster.guardianLinks.filter(([g, s]) => !drop.has(g) && !drop.has(s));
	}
	return roster;
}
