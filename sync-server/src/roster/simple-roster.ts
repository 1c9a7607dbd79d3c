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
	nameAndUsername,
	emptyRoster,
	isYes,
	parseGrade,
	type Roster,
	type RosterPerson
} from './roster-types';
import { rowProblem, type RowReason } from './row-reason';

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
	const seenIds = new Map<string, number>();
	const seenUsernames = new Map<string, number>();
	const advisorOf: [line: number, studentId: string, advisorId: string][] = [];
	const childrenOf: [line: number, guardianId: string, studentIds: string[]][] = [];
	for (const row of table.rows) {
		const sourceId = row.get('id');
		const role = row.get('role').toLowerCase();
		const reject = (why: RowReason) => {
			roster.problems.push(rowProblem(file, row.line, why));
			if (sourceId) roster.rejectedSourceIds.add(sourceId);
		};
		if (!sourceId) {
			reject({ code: 'field-empty', field: 'id' });
			continue;
		}
		const firstLine = seenIds.get(sourceId);
		if (firstLine !== undefined) {
			reject({ code: 'id-repeated', column: 'id', id: sourceId, otherLine: firstLine });
			continue;
		}
		seenIds.set(sourceId, row.line);
		const named = nameAndUsername(
			row,
			{ given: 'first_name', family: 'last_name', username: 'username' },
			seenUsernames
		);
		if (named.problem !== undefined) {
			reject(named.problem);
			continue;
		}
		const { displayName, username } = named;
		const base = {
			sourceId,
			file,
			line: row.line,
			username,
			displayName,
			isActive: isYes(row.get('active'), true)
		};
		let person: RosterPerson;
		if (role === 'student') {
			const grade = parseGrade(row.get('grade'));
			if (grade === undefined) {
				reject({ code: 'grade-invalid', value: row.get('grade') });
				continue;
			}
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
