/**
 * The roster as this server understands it, whatever file format it came from: people with the
 * student information system's ids (`sourceId`), and who advises and who is the guardian of whom.
 */
import type { RowProblem } from '../../../src/lib/contracts/roster-report';
import { isValidUsername, type StaffTitle } from '../auth/accounts';
import type { CsvRow } from './csv-table';
import { rowProblem, type RowReason } from './row-reason';

export type { RowProblem };

export interface RosterPersonBase {
	/** The id in the student information system: stable across exports, the key of re-imports. */
	sourceId: string;
	file: string;
	line: number;
	username: string;
	displayName: string;
	/** False when the file marks the person as no longer enrolled or employed. */
	isActive: boolean;
	/** OneRoster: the sourcedId of the school org the person lands in (unset: the admin's own school). */
	school?: string;
}

export interface RosterStudent extends RosterPersonBase {
	role: 'student';
	/** The school's student ID, shown on the plan. */
	studentNumber: string;
	grade: number | null;
	/** YYYY-MM-DD from demographics.csv; null when it says none; undefined when not sent (kept as it is). */
	birthDate?: string | null;
}

export interface RosterStaff extends RosterPersonBase {
	role: 'staff';
	title: StaffTitle;
}

export interface RosterGuardian extends RosterPersonBase {
	role: 'guardian';
}

export type RosterPerson = RosterStudent | RosterStaff | RosterGuardian;

export interface Roster {
	people: RosterPerson[];
	/** Pairs of source ids: staff → student (advisor assignments). */
	caseloads: [staffSourceId: string, studentSourceId: string][];
	/** Pairs of source ids: guardian → student. */
	guardianLinks: [guardianSourceId: string, studentSourceId: string][];
	/** Rows that cannot be imported, by file and line. */
	problems: RowProblem[];
	/** Rows left out on purpose (another school, a role Pathways does not use), for the report. */
	skipped: RowProblem[];
	/** Source ids of rejected rows: their people must not be deactivated for being "absent". */
	rejectedSourceIds: Set<string>;
	/**
	 * A delta (OneRoster manifest): the file names only the people who changed. No one is turned
	 * off for being absent, and links may name people of earlier imports.
	 */
	isDelta: boolean;
}

export function emptyRoster(): Roster {
	return {
		people: [],
		caseloads: [],
		guardianLinks: [],
		problems: [],
		skipped: [],
		rejectedSourceIds: new Set(),
		isDelta: false
	};
}

/**
 * One roster per school org (OneRoster files of a district). Links across two schools are left
 * out and listed: an account belongs to one school, so such a link is made by hand.
 * Problems and skipped rows stay with the whole file, not with one school.
 */
export function splitBySchool(roster: Roster, schools: string[]): Map<string, Roster> {
	const parts = new Map(
		schools.map((school) => [
			school,
			{
				...emptyRoster(),
				rejectedSourceIds: roster.rejectedSourceIds,
				isDelta: roster.isDelta
			} satisfies Roster
		])
	);
	const people = new Map(roster.people.map((person) => [person.sourceId, person]));
	for (const person of roster.people) if (person.school) parts.get(person.school)?.people.push(person);
	const pairs = (
		list: [string, string][],
		pick: (part: Roster) => [string, string][],
		what: 'advisor' | 'guardian'
	) => {
		for (const [a, b] of list) {
			const first = people.get(a);
			const student = people.get(b);
			// A delta may link someone of the file to someone of an earlier import: the one in the
			// file says which school (the import then finds the other there, or reports it).
			const known = first ?? student;
			if (roster.isDelta && known && (!first || !student)) {
				const part = known.school ? parts.get(known.school) : undefined;
				if (part) pick(part).push([a, b]);
				continue;
			}
			if (!first || !student) continue;
			if (first.school !== student.school) {
				roster.skipped.push(
					rowProblem(first.file, first.line, {
						code: 'other-school-link',
						link: what,
						student: student.displayName
					})
				);
				continue;
			}
			const part = student.school ? parts.get(student.school) : undefined;
			if (part) pick(part).push([a, b]);
		}
	};
	pairs(roster.caseloads, (part) => part.caseloads, 'advisor');
	pairs(roster.guardianLinks, (part) => part.guardianLinks, 'guardian');
	return parts;
}

/** "Grade 9", "09", "9" → 9; "KG"/"K" → 0; "13" is the top (post-graduate year); anything else → null. */
export function parseGrade(value: string): number | null | undefined {
	const text = value.trim();
	if (text === '') return null;
	if (/^(kg|k)$/i.test(text)) return 0;
	const match = /^(?:grade\s*)?0*(\d{1,2})$/i.exec(text);
	if (!match) return undefined;
	const grade = Number(match[1]);
	return grade <= 13 ? grade : undefined;
}

/**
 * A username the accounts table accepts, from whatever the file has: lower case, an e-mail address
 * becomes its part before the @, other characters become dots. Undefined when nothing usable remains.
 */
/**
 * A row's username, claimed for this file: or why it can not be used (not a valid username, or
 * already taken by an earlier line of the same file).
 */
export function claimUsername(
	raw: string,
	line: number,
	seen: Map<string, number>
): { username: string; problem?: undefined } | { username?: undefined; problem: RowReason } {
	const username = usernameFrom(raw);
	if (!username) return { problem: { code: 'username-invalid', value: raw } };
	const earlier = seen.get(username);
	if (earlier !== undefined) return { problem: { code: 'username-repeated', username, otherLine: earlier } };
	seen.set(username, line);
	return { username };
}

/**
 * A person's name (given and family name, on one line: a quoted line break is a space) and their
 * username claimed for this file, from the row's columns; or why the row can not be used.
 */
/** A person row whose id was read: the rest of the row is checked with `reject` at hand. */
export interface IdentifiedRow {
	sourceId: string;
	/** Notes the row's problem and leaves the person out of the import. */
	reject(why: RowReason): void;
}

/**
 * Reads each row's id from `idColumn`. Undefined, with the row's problem noted, when the id is
 * empty or an earlier row of the file has it (`onRepeat` is told that earlier row's line).
 */
export function rowIds(
	roster: Roster,
	file: string,
	idColumn: string,
	onRepeat?: (sourceId: string, firstLine: number, line: number) => void
): (row: CsvRow) => IdentifiedRow | undefined {
	const seenIds = new Map<string, number>();
	return (row) => {
		const sourceId = row.get(idColumn);
		const reject = (why: RowReason) => {
			roster.problems.push(rowProblem(file, row.line, why));
			if (sourceId) roster.rejectedSourceIds.add(sourceId);
		};
		if (!sourceId) {
			reject({ code: 'field-empty', field: idColumn });
			return undefined;
		}
		const firstLine = seenIds.get(sourceId);
		if (firstLine !== undefined) {
			reject({ code: 'id-repeated', column: idColumn, id: sourceId, otherLine: firstLine });
			onRepeat?.(sourceId, firstLine, row.line);
			return undefined;
		}
		seenIds.set(sourceId, row.line);
		return { sourceId, reject };
	};
}

/**
 * What every person row has, whatever the format: the name from two columns and a username not
 * used by an earlier row of the file. Undefined, with the row rejected, when either is missing.
 */
export function personBase(
	row: CsvRow,
	identified: IdentifiedRow,
	fields: {
		file: string;
		columns: { given: string; family: string; username: string };
		isActive: boolean;
		school?: string;
	},
	seenUsernames: Map<string, number>
): RosterPersonBase | undefined {
	const { columns } = fields;
	const displayName = [row.get(columns.given), row.get(columns.family)]
		.map((part) => part.trim())
		.filter(Boolean)
		.join(' ')
		.replace(/\s+/g, ' ');
	if (!displayName) {
		identified.reject({ code: 'names-empty', given: columns.given, family: columns.family });
		return undefined;
	}
	const { username, problem } = claimUsername(row.get(columns.username), row.line, seenUsernames);
	if (problem !== undefined) {
		identified.reject(problem);
		return undefined;
	}
	const { file, isActive, school } = fields;
	return { sourceId: identified.sourceId, file, line: row.line, username, displayName, isActive, school };
}

/**
 * A student's grade (KG or 1–13, or none) from `text`, the last grade of `column`'s value.
 * Undefined, with the row rejected, when it is not a grade.
 */
export function studentGrade(
	row: CsvRow,
	identified: IdentifiedRow,
	column: string,
	text = row.get(column)
): number | null | undefined {
	const grade = parseGrade(text);
	if (grade === undefined) identified.reject({ code: 'grade-invalid', value: row.get(column) });
	return grade;
}

export function usernameFrom(value: string): string | undefined {
	const local = value.trim().toLowerCase().split('@')[0] ?? '';
	const cleaned = local
		.replace(/[^a-z0-9._-]+/g, '.')
		.replace(/^[._-]+/, '')
		.slice(0, 40);
	return isValidUsername(cleaned) ? cleaned : undefined;
}

export function isYes(value: string, fallback: boolean): boolean {
	const text = value.trim().toLowerCase();
	if (text === '') return fallback;
	return !['false', 'no', 'n', '0', 'inactive'].includes(text);
}
