/**
 * OneRoster 1.1 CSV (the bulk export of most student information systems) → Roster.
 * Read: orgs.csv, users.csv, and optionally classes.csv + enrollments.csv for advisor assignments.
 * Only the columns below are used; every other column is ignored.
 */
import { ONEROSTER_FILE_NAMES } from '../../../src/lib/school/roster-report';
import { listField, readCsv, type CsvRow, type CsvTable } from './csv-table';
import {
	emptyRoster,
	isYes,
	parseGrade,
	claimUsername,
	type Roster,
	type RosterPerson,
	type RowProblem
} from './roster-types';

export const ONEROSTER_FILES = ONEROSTER_FILE_NAMES;

const REQUIRED = {
	'orgs.csv': ['sourcedId', 'name', 'type'],
	'users.csv': ['sourcedId', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName'],
	'classes.csv': ['sourcedId', 'title', 'classType', 'schoolSourcedId'],
	'enrollments.csv': ['sourcedId', 'classSourcedId', 'userSourcedId', 'role']
} as const;

/** OneRoster 1.1 roles that Pathways has no account for: left out and listed, not errors. */
const UNUSED_ROLES = new Set(['administrator', 'aide', 'proctor']);
const GUARDIAN_ROLES = new Set(['guardian', 'parent', 'relative']);

/** A row of orgs.csv of type `school`. */
export interface SchoolOrg {
	sourceId: string;
	name: string;
	/** The school's own code (OneRoster `identifier`), '' when the file has none. */
	identifier: string;
	line: number;
}

/**
 * Which school orgs this import may write (by sourcedId), why each other one is refused, and
 * problems with the file as a whole (e.g. "which of these schools is yours?"). Decided by the caller
 * from the admin's rights (school-scope.ts); reading the files knows nothing about rights.
 */
export interface SchoolDecision {
	allowed: Set<string>;
	refused: Map<string, string>;
	problems: RowProblem[];
}

export interface OneRosterInput {
	files: Partial<Record<string, string>>;
	decide: (schools: SchoolOrg[]) => SchoolDecision;
}

export interface OneRosterResult {
	roster: Roster;
	/** The school orgs of the file that this import writes, in file order. */
	schools: SchoolOrg[];
}

const isDeleted = (row: CsvRow) => row.get('status').toLowerCase() === 'tobedeleted';

export function readOneRoster(input: OneRosterInput): OneRosterResult {
	const roster = emptyRoster();
	const result = { roster, schools: [] as SchoolOrg[] };
	const tables = new Map<string, CsvTable>();
	for (const file of ONEROSTER_FILES) {
		const text = input.files[file];
		const isOptional = file === 'classes.csv' || file === 'enrollments.csv';
		if (text === undefined) {
			if (!isOptional) roster.problems.push({ file, line: 0, reason: 'this file is missing' });
			continue;
		}
		const { table, problems } = readCsv(file, text, REQUIRED[file]);
		roster.problems.push(...problems);
		if (problems.length === 0) tables.set(file, table);
	}
	if ((input.files['classes.csv'] === undefined) !== (input.files['enrollments.csv'] === undefined)) {
		const file = input.files['classes.csv'] === undefined ? 'classes.csv' : 'enrollments.csv';
		roster.problems.push({ file, line: 0, reason: 'classes.csv and enrollments.csv come together' });
	}
	const orgs = tables.get('orgs.csv');
	const users = tables.get('users.csv');
	if (!orgs || !users) return result;
	const schools = readSchoolOrgs(orgs, roster.problems);
	const decision = input.decide(schools);
	roster.problems.push(...decision.problems);
	for (const school of schools) {
		const reason = decision.refused.get(school.sourceId);
		if (reason !== undefined) roster.problems.push({ file: orgs.file, line: school.line, reason });
	}
	result.schools = schools.filter((school) => decision.allowed.has(school.sourceId));
	if (result.schools.length === 0) return result;
	const scope: OrgScope = {
		allowed: decision.allowed,
		refused: decision.refused,
		orgIds: new Set(orgs.rows.map((row) => row.get('sourcedId'))),
		names: new Map(schools.map((school) => [school.sourceId, school.name]))
	};
	const { accepted, skippedIds } = readUsers(users, scope, roster);
	linkGuardians(accepted, skippedIds, roster);
	const classes = tables.get('classes.csv');
	const enrollments = tables.get('enrollments.csv');
	if (classes && enrollments) readAdvisories(classes, enrollments, scope.allowed, roster);
	return result;
}

/**
 * The orgs of type `school`, each once. A school marked `tobedeleted` is not read (and never
 * deleted in Pathways: its people stay as they are). Other org types (district, department…) are
 * only there to be named by users.
 */
function readSchoolOrgs(orgs: CsvTable, problems: RowProblem[]): SchoolOrg[] {
	const schools = new Map<string, SchoolOrg>();
	for (const row of orgs.rows) {
		if (row.get('type').toLowerCase() !== 'school' || isDeleted(row)) continue;
		const sourceId = row.get('sourcedId');
		const name = row.get('name');
		const problem = (reason: string) => problems.push({ file: orgs.file, line: row.line, reason });
		if (!sourceId) problem('sourcedId is empty');
		else if (!name) problem(`school ${sourceId} has no name`);
		else if (schools.has(sourceId))
			problem(`sourcedId ${sourceId} is also on line ${schools.get(sourceId)!.line}`);
		else schools.set(sourceId, { sourceId, name, identifier: row.get('identifier'), line: row.line });
	}
	if (schools.size === 0 && problems.every((problem) => problem.file !== orgs.file)) {
		problems.push({ file: orgs.file, line: 0, reason: 'no org of type "school"' });
	}
	return [...schools.values()];
}

interface OrgScope {
	allowed: Set<string>;
	refused: Map<string, string>;
	orgIds: Set<string>;
	names: Map<string, string>;
}

interface AgentRow {
	person: RosterPerson;
	agentIds: string[];
}

function readUsers(
	users: CsvTable,
	scope: OrgScope,
	roster: Roster
): { accepted: Map<string, AgentRow>; skippedIds: Set<string> } {
	const file = users.file;
	const seenIds = new Map<string, number>();
	const seenUsernames = new Map<string, number>();
	const accepted = new Map<string, AgentRow>();
	const skippedIds = new Set<string>();
	for (const row of users.rows) {
		const sourceId = row.get('sourcedId');
		const role = row.get('role').toLowerCase();
		const reject = (reason: string) => {
			roster.problems.push({ file, line: row.line, reason });
			if (sourceId) roster.rejectedSourceIds.add(sourceId);
		};
		if (!sourceId) {
			reject('sourcedId is empty');
			continue;
		}
		const firstLine = seenIds.get(sourceId);
		if (firstLine !== undefined) {
			reject(`sourcedId ${sourceId} is also on line ${firstLine}`);
			if (accepted.delete(sourceId)) {
				roster.problems.push({
					file,
					line: firstLine,
					reason: `sourcedId ${sourceId} is also on line ${row.line}`
				});
			}
			continue;
		}
		seenIds.set(sourceId, row.line);
		if (UNUSED_ROLES.has(role)) {
			roster.skipped.push({ file, line: row.line, reason: `role "${role}" has no Pathways account` });
			skippedIds.add(sourceId);
			continue;
		}
		const isStudent = role === 'student';
		const isTeacher = role === 'teacher';
		const isGuardian = GUARDIAN_ROLES.has(role);
		if (!isStudent && !isTeacher && !isGuardian) {
			reject(`unknown role "${row.get('role')}"`);
			continue;
		}
		const userOrgs = listField(row.get('orgSourcedIds'));
		const unknownOrg = userOrgs.find((org) => !scope.orgIds.has(org));
		if (unknownOrg) {
			reject(`org ${unknownOrg} is not in orgs.csv`);
			continue;
		}
		// A person lands in the first of their orgs that this import writes. Guardians are often
		// attached to the district, not a school: they come with their children (linkGuardians).
		const school = userOrgs.find((org) => scope.allowed.has(org));
		if (!isGuardian && school === undefined) {
			const refused = userOrgs.find((org) => scope.refused.has(org));
			if (refused !== undefined) {
				reject(`belongs to ${scope.names.get(refused)} (${refused}), which this import may not change`);
			} else {
				roster.skipped.push({ file, line: row.line, reason: 'belongs to no school this import writes' });
				skippedIds.add(sourceId);
			}
			continue;
		}
		const displayName = [row.get('givenName'), row.get('familyName')].filter(Boolean).join(' ');
		if (!displayName) {
			reject('givenName and familyName are empty');
			continue;
		}
		const { username, problem } = claimUsername(row.get('username'), row.line, seenUsernames);
		if (problem !== undefined) {
			reject(problem);
			continue;
		}
		const base = {
			sourceId,
			file,
			line: row.line,
			username,
			displayName,
			isActive: isYes(row.get('enabledUser'), true) && !isDeleted(row),
			school
		};
		let person: RosterPerson;
		if (isStudent) {
			const grades = listField(row.get('grades'));
			const grade = parseGrade(grades[grades.length - 1] ?? '');
			if (grade === undefined) {
				reject(`grade "${row.get('grades')}" is not a grade from KG to 13`);
				continue;
			}
			person = { ...base, role: 'student', studentNumber: row.get('identifier') || sourceId, grade };
		} else if (isTeacher) {
			person = { ...base, role: 'staff', title: 'teacher' };
		} else {
			person = { ...base, role: 'guardian' };
		}
		accepted.set(sourceId, { person, agentIds: listField(row.get('agentSourcedIds')) });
	}
	for (const { person } of accepted.values()) roster.people.push(person);
	return { accepted, skippedIds };
}

/** Guardian links from either side's agentSourcedIds; a link to someone not in the file rejects the row. */
function linkGuardians(agents: Map<string, AgentRow>, skippedIds: Set<string>, roster: Roster): void {
	const links = new Set<string>();
	const rejected = new Set<string>();
	for (const { person, agentIds } of agents.values()) {
		if (person.role === 'staff') continue;
		for (const agentId of agentIds) {
			// A child at another school of the district: not this import's business.
			if (skippedIds.has(agentId)) continue;
			const other = agents.get(agentId)?.person;
			const wantedRole = person.role === 'guardian' ? 'student' : 'guardian';
			if (!other || other.role !== wantedRole) {
				const what = person.role === 'guardian' ? 'a student' : 'a guardian or parent';
				const reason = roster.rejectedSourceIds.has(agentId)
					? `linked to ${agentId}, whose row was not imported`
					: `linked to ${agentId}, who is not ${what} in users.csv`;
				roster.problems.push({ file: person.file, line: person.line, reason });
				rejected.add(person.sourceId);
				continue;
			}
			const [guardian, student] = person.role === 'guardian' ? [person, other] : [other, person];
			links.add(`${guardian.sourceId}\n${student.sourceId}`);
			// A guardian belongs to the school of their first child in the file.
			guardian.school ??= student.school;
		}
	}
	for (const sourceId of rejected) roster.rejectedSourceIds.add(sourceId);
	roster.people = roster.people.filter((person) => !rejected.has(person.sourceId));
	const isKept = (sourceId: string) => !rejected.has(sourceId);
	for (const link of links) {
		const [guardianId, studentId] = link.split('\n') as [string, string];
		if (isKept(guardianId) && isKept(studentId)) roster.guardianLinks.push([guardianId, studentId]);
	}
	// A guardian with no child left in this school's import has nothing to see: leave them out.
	const linkedGuardians = new Set(roster.guardianLinks.map(([guardianId]) => guardianId));
	roster.people = roster.people.filter((person) => {
		if (person.role !== 'guardian' || linkedGuardians.has(person.sourceId)) return true;
		roster.skipped.push({ file: person.file, line: person.line, reason: 'no child in this school' });
		return false;
	});
}

/**
 * Advisor assignments: every teacher enrolled in an advisory class (classType "homeroom", or a
 * title containing "advis") advises every student enrolled in it, and is an advisor, not a teacher.
 */
function readAdvisories(
	classes: CsvTable,
	enrollments: CsvTable,
	schools: Set<string>,
	roster: Roster
): void {
	const advisories = new Set<string>();
	const classIds = new Set<string>();
	for (const row of classes.rows) {
		const id = row.get('sourcedId');
		classIds.add(id);
		const isAdvisory = row.get('classType').toLowerCase() === 'homeroom' || /advis/i.test(row.get('title'));
		if (isAdvisory && !isDeleted(row) && schools.has(row.get('schoolSourcedId'))) advisories.add(id);
	}
	const people = new Map(roster.people.map((person) => [person.sourceId, person]));
	const members = new Map<string, { staff: string[]; students: string[] }>();
	for (const row of enrollments.rows) {
		const classId = row.get('classSourcedId');
		const userId = row.get('userSourcedId');
		const problem = (reason: string) =>
			roster.problems.push({ file: enrollments.file, line: row.line, reason });
		if (!classIds.has(classId)) {
			problem(`class ${classId} is not in classes.csv`);
			continue;
		}
		if (!advisories.has(classId) || isDeleted(row)) continue;
		const person = people.get(userId);
		if (!person) {
			if (!roster.rejectedSourceIds.has(userId))
				problem(`user ${userId} is not in users.csv for the schools imported`);
			continue;
		}
		const group = members.get(classId) ?? { staff: [], students: [] };
		members.set(classId, group);
		if (person.role === 'staff') {
			person.title = 'advisor';
			group.staff.push(person.sourceId);
		} else if (person.role === 'student') {
			group.students.push(person.sourceId);
		}
	}
	const pairs = new Set<string>();
	for (const { staff, students } of members.values()) {
		for (const staffId of staff) for (const studentId of students) pairs.add(`${staffId}\n${studentId}`);
	}
	for (const pair of pairs) roster.caseloads.push(pair.split('\n') as [string, string]);
}
