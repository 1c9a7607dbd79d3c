/**
 * OneRoster 1.1 and 1.2 CSV (the export of most student information systems) → Roster.
 * Read: orgs.csv, users.csv (1.2: with roles.csv and userProfiles.csv), classes.csv and
 * enrollments.csv for advisor assignments, demographics.csv for students' birth dates. Only the
 * columns below are used; every other column is ignored. oneroster-export.ts says which files
 * came and whether each is bulk or delta.
 */
import type { OneRosterVersion, RosterFileMode } from '../../../src/lib/contracts/roster-report';
import { listField, readCsv, type CsvRow, type CsvTable } from './csv-table';
import { readBirthDates } from './oneroster-demographics';
import { readOrgs, type Orgs, type SchoolOrg } from './oneroster-orgs';
import { usersWithRoles } from './oneroster-roles';
import {
	emptyRoster,
	isYes,
	personBase,
	rowIds,
	studentGrade,
	type Roster,
	type RosterPerson,
	type RowProblem
} from './roster-types';
import { rowProblem, type RowReason } from './row-reason';

export type { SchoolOrg };

const REQUIRED: Record<string, readonly string[]> = {
	'orgs.csv': ['sourcedId', 'name', 'type'],
	'users.csv': ['sourcedId', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName'],
	'classes.csv': ['sourcedId', 'title', 'classType', 'schoolSourcedId'],
	'enrollments.csv': ['sourcedId', 'classSourcedId', 'userSourcedId', 'role']
};
/** 1.2 users.csv: role and orgs are in roles.csv; a username may come from userProfiles.csv. */
const REQUIRED_USERS_12 = ['sourcedId', 'givenName', 'familyName'];

/** Roles that Pathways has no account for: left out and listed, not errors (1.2 adds several). */
const UNUSED_ROLES = new Set([
	'administrator',
	'aide',
	'proctor',
	'districtadministrator',
	'principal',
	'siteadministrator',
	'systemadministrator'
]);
const GUARDIAN_ROLES = new Set(['guardian', 'parent', 'relative']);

/**
 * Which school orgs this import may write (by sourcedId), why each other one is refused, and
 * problems with the file as a whole (e.g. "which of these schools is yours?"). Decided by the caller
 * from the admin's rights (school-scope.ts); reading the files knows nothing about rights.
 */
export interface SchoolDecision {
	allowed: Set<string>;
	refused: Map<string, RowReason>;
	problems: RowProblem[];
}

export interface OneRosterInput {
	/** Lower-case file name → text. */
	files: Partial<Record<string, string>>;
	decide: (schools: SchoolOrg[]) => SchoolDecision;
	version?: OneRosterVersion;
	/** Lower-case file name → bulk or delta (bulk when not named). */
	modes?: Map<string, RosterFileMode>;
	/** Schools of earlier imports, for a delta export whose orgs.csv leaves them out. */
	knownSchools?: SchoolOrg[];
	/** A delta: the school org (sourcedId) of someone an earlier import brought in, if any. */
	knownSchoolOf?: (personSourceId: string) => string | undefined;
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
	const version = input.version ?? '1.1';
	const modeOf = (file: string) => input.modes?.get(file) ?? 'bulk';
	const isDeltaExport = [...(input.modes?.values() ?? [])].includes('delta');
	roster.isDelta = modeOf('users.csv') === 'delta';
	const tables = new Map<string, CsvTable>();
	for (const file of ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv']) {
		const text = input.files[file];
		if (text === undefined) {
			// A delta sends only what changed; a bulk export always has its orgs and users.
			const isRequired = (file === 'orgs.csv' || file === 'users.csv') && !isDeltaExport;
			if (isRequired) roster.problems.push(rowProblem(file, 0, { code: 'file-missing' }));
			continue;
		}
		const required = file === 'users.csv' && version === '1.2' ? REQUIRED_USERS_12 : REQUIRED[file]!;
		const { table, problems } = readCsv(file, text, required);
		roster.problems.push(...problems);
		if (problems.length === 0) tables.set(file, table);
	}
	const orgsTable = tables.get('orgs.csv');
	let users = tables.get('users.csv');
	if (users && version === '1.2') {
		users = usersWithRoles(users, input.files, roster.isDelta, roster.problems, roster.skipped);
	}
	const isOrgsPartial = modeOf('orgs.csv') === 'delta' || input.files['orgs.csv'] === undefined;
	const orgs = readOrgs(orgsTable, isOrgsPartial ? (input.knownSchools ?? []) : [], roster.problems);
	if (orgs.schools.length === 0 && orgsTable && roster.problems.every((p) => p.file !== 'orgs.csv')) {
		roster.problems.push(rowProblem('orgs.csv', 0, { code: 'no-school-org' }));
	}
	const decision =
		orgs.schools.length > 0
			? input.decide(orgs.schools)
			: { allowed: new Set<string>(), refused: new Map<string, RowReason>(), problems: [] };
	roster.problems.push(...decision.problems);
	for (const school of orgs.schools) {
		const why = decision.refused.get(school.sourceId);
		if (why !== undefined) roster.problems.push(rowProblem('orgs.csv', school.line, why));
	}
	result.schools = orgs.schools.filter((school) => decision.allowed.has(school.sourceId));
	if (!users) return result;
	const scope: OrgScope = {
		allowed: decision.allowed,
		refused: decision.refused,
		orgs,
		names: new Map(orgs.schools.map((school) => [school.sourceId, school.name])),
		isVersion12: version === '1.2'
	};
	const { accepted, skippedIds } = readUsers(users, scope, roster);
	linkGuardians(accepted, skippedIds, roster, input.knownSchoolOf ?? (() => undefined));
	readBirthDates(input.files['demographics.csv'], roster);
	const classes = tables.get('classes.csv');
	const enrollments = tables.get('enrollments.csv');
	if (enrollments) readAdvisories(classes, enrollments, scope, roster);
	return result;
}

interface OrgScope {
	allowed: Set<string>;
	refused: Map<string, RowReason>;
	orgs: Orgs;
	names: Map<string, string>;
	isVersion12: boolean;
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
	const seenUsernames = new Map<string, number>();
	const accepted = new Map<string, AgentRow>();
	const skippedIds = new Set<string>();
	// A repeated id refuses the earlier row too.
	const identify = rowIds(roster, file, 'sourcedId', (sourceId, firstLine, line) => {
		if (accepted.delete(sourceId)) {
			roster.problems.push(
				rowProblem(file, firstLine, {
					code: 'id-repeated',
					column: 'sourcedId',
					id: sourceId,
					otherLine: line
				})
			);
		}
	});
	for (const row of users.rows) {
		const identified = identify(row);
		if (identified === undefined) continue;
		const { sourceId, reject } = identified;
		const role = row.get('role').toLowerCase();
		if (!role) {
			if (!scope.isVersion12) reject({ code: 'field-empty', field: 'role' });
			else roster.problems.push(rowProblem(file, row.line, { code: 'no-role-in-roles' }));
			roster.rejectedSourceIds.add(sourceId);
			continue;
		}
		if (UNUSED_ROLES.has(role)) {
			roster.skipped.push(rowProblem(file, row.line, { code: 'role-not-used', role }));
			skippedIds.add(sourceId);
			continue;
		}
		const isStudent = role === 'student';
		// 1.2 has counselors too: staff with their own title.
		const isTeacher = role === 'teacher' || role === 'counselor';
		const isGuardian = GUARDIAN_ROLES.has(role);
		if (!isStudent && !isTeacher && !isGuardian) {
			reject({ code: 'role-unknown', value: row.get('role'), allowed: [] });
			continue;
		}
		const userOrgs = listField(row.get('orgSourcedIds'));
		if (userOrgs.length === 0) {
			if (!scope.isVersion12) reject({ code: 'field-empty', field: 'orgSourcedIds' });
			else roster.problems.push(rowProblem(file, row.line, { code: 'no-org-in-roles' }));
			roster.rejectedSourceIds.add(sourceId);
			continue;
		}
		const unknownOrg = userOrgs.find((org) => !scope.orgs.ids.has(org));
		if (unknownOrg) {
			reject({ code: 'org-unknown', orgId: unknownOrg });
			continue;
		}
		// A person lands in the first school that this import writes among their orgs (a
		// department counts as its school). Guardians are often attached to the district, not a
		// school: they come with their children (linkGuardians).
		const userSchools = userOrgs.map((org) => scope.orgs.schoolOf(org));
		const school = userSchools.find((org) => org !== undefined && scope.allowed.has(org));
		if (!isGuardian && school === undefined) {
			const refused = userSchools.find((org) => org !== undefined && scope.refused.has(org));
			if (refused !== undefined) {
				reject({ code: 'org-not-writable', school: scope.names.get(refused) ?? '', orgId: refused });
			} else {
				roster.skipped.push(
					userSchools.every((org) => org === undefined)
						? rowProblem(file, row.line, {
								code: 'org-in-no-school',
								orgs: userOrgs.map(scope.orgs.describe)
							})
						: rowProblem(file, row.line, { code: 'no-school-written' })
				);
				skippedIds.add(sourceId);
			}
			continue;
		}
		const base = personBase(
			row,
			identified,
			{
				file,
				columns: { given: 'givenName', family: 'familyName', username: 'username' },
				isActive: isYes(row.get('enabledUser'), true) && !isDeleted(row),
				school
			},
			seenUsernames
		);
		if (base === undefined) continue;
		// A student's grade now: the last of the grades listed.
		const grade = isStudent
			? studentGrade(row, identified, 'grades', listField(row.get('grades')).at(-1) ?? '')
			: null;
		if (grade === undefined) continue;
		const person: RosterPerson = isStudent
			? { ...base, role: 'student', studentNumber: row.get('identifier') || sourceId, grade }
			: isTeacher
				? { ...base, role: 'staff', title: role === 'counselor' ? 'counselor' : 'teacher' }
				: { ...base, role: 'guardian' };
		accepted.set(sourceId, { person, agentIds: listField(row.get('agentSourcedIds')) });
	}
	for (const { person } of accepted.values()) roster.people.push(person);
	return { accepted, skippedIds };
}

/** Guardian links from either side's agentSourcedIds; a link to someone not in the file rejects the row. */
function linkGuardians(
	agents: Map<string, AgentRow>,
	skippedIds: Set<string>,
	roster: Roster,
	knownSchoolOf: (sourceId: string) => string | undefined
): void {
	const links = new Set<string>();
	const rejected = new Set<string>();
	for (const { person, agentIds } of agents.values()) {
		if (person.role === 'staff') continue;
		for (const agentId of agentIds) {
			// A child at another school of the district: not this import's business.
			if (skippedIds.has(agentId)) continue;
			const other = agents.get(agentId)?.person;
			const wantedRole = person.role === 'guardian' ? 'student' : 'guardian';
			const earlierSchool = other ? undefined : knownSchoolOf(agentId);
			if (roster.isDelta && earlierSchool !== undefined) {
				// Someone of an earlier import that this delta does not name: linked to them there.
				const isGuardian = person.role === 'guardian';
				links.add(isGuardian ? `${person.sourceId}\n${agentId}` : `${agentId}\n${person.sourceId}`);
				if (isGuardian) person.school ??= earlierSchool;
				continue;
			}
			if (!other || other.role !== wantedRole) {
				const why: RowReason = roster.rejectedSourceIds.has(agentId)
					? { code: 'agent-row-refused', agentId }
					: { code: 'agent-not-found', agentId, wanted: wantedRole };
				roster.problems.push(rowProblem(person.file, person.line, why));
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
	// A guardian with no child left in this school's import has nothing to see: leave them out
	// (in a delta, a guardian named alone stays in the school of their earlier import).
	const linkedGuardians = new Set(roster.guardianLinks.map(([guardianId]) => guardianId));
	roster.people = roster.people.filter((person) => {
		if (person.role !== 'guardian' || linkedGuardians.has(person.sourceId)) return true;
		const earlierSchool = roster.isDelta ? knownSchoolOf(person.sourceId) : undefined;
		if (earlierSchool !== undefined) {
			person.school ??= earlierSchool;
			return true;
		}
		roster.skipped.push(rowProblem(person.file, person.line, { code: 'no-child-here' }));
		return false;
	});
}

/**
 * Advisor assignments: every teacher enrolled in an advisory class (classType "homeroom", or a
 * title containing "advis") advises every student enrolled in it, and is an advisor, not a teacher.
 */
function readAdvisories(
	classes: CsvTable | undefined,
	enrollments: CsvTable,
	scope: OrgScope,
	roster: Roster
): void {
	const advisories = new Set<string>();
	const classIds = new Set<string>();
	for (const row of classes?.rows ?? []) {
		const id = row.get('sourcedId');
		classIds.add(id);
		const isAdvisory = row.get('classType').toLowerCase() === 'homeroom' || /advis/i.test(row.get('title'));
		const school = scope.orgs.schoolOf(row.get('schoolSourcedId'));
		if (isAdvisory && !isDeleted(row) && school !== undefined && scope.allowed.has(school))
			advisories.add(id);
	}
	const people = new Map(roster.people.map((person) => [person.sourceId, person]));
	const members = new Map<string, { staff: string[]; students: string[] }>();
	for (const row of enrollments.rows) {
		const classId = row.get('classSourcedId');
		const userId = row.get('userSourcedId');
		const problem = (why: RowReason) => roster.problems.push(rowProblem(enrollments.file, row.line, why));
		if (!classIds.has(classId)) {
			if (roster.isDelta) {
				roster.skipped.push(rowProblem(enrollments.file, row.line, { code: 'delta-class-unknown', classId }));
			} else problem({ code: 'class-unknown', classId });
			continue;
		}
		if (!advisories.has(classId) || isDeleted(row)) continue;
		const person = people.get(userId);
		if (!person) {
			if (roster.isDelta) {
				roster.skipped.push(rowProblem(enrollments.file, row.line, { code: 'delta-user-unknown', userId }));
			} else if (!roster.rejectedSourceIds.has(userId)) problem({ code: 'user-unknown', userId });
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
