/**
 * demographics.csv → students' birth dates (needed later: a student who turns 18 decides who sees
 * their plan). Only `sourcedId` (the user's) and `birthDate` are read; every other column of the
 * file (sex, ethnicity…) is left unread on purpose: Pathways has no use for it.
 */
import { readCsv } from './csv-table';
import type { Roster } from './roster-types';
import { rowProblem } from './row-reason';

const FILE = 'demographics.csv';

/** Sets `birthDate` on the roster's students; rows of anyone else are listed as skipped. */
export function readBirthDates(text: string | undefined, roster: Roster): void {
	if (text === undefined) return;
	const { table, problems } = readCsv(FILE, text, ['sourcedId', 'birthDate']);
	roster.problems.push(...problems);
	const students = new Map(
		roster.people.flatMap((person) => (person.role === 'student' ? [[person.sourceId, person] as const] : []))
	);
	for (const row of table.rows) {
		const sourceId = row.get('sourcedId');
		const student = students.get(sourceId);
		if (!student) {
			const code = roster.rejectedSourceIds.has(sourceId)
				? 'birth-date-row-refused'
				: 'birth-date-not-student';
			roster.skipped.push(rowProblem(FILE, row.line, { code, userId: sourceId }));
			continue;
		}
		const value = row.get('birthDate');
		if (value === '') {
			student.birthDate = null;
			continue;
		}
		if (!isDate(value)) {
			roster.problems.push(rowProblem(FILE, row.line, { code: 'birth-date-invalid', value }));
			continue;
		}
		student.birthDate = value;
	}
}

function isDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
