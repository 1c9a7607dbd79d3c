/**
 * A row problem from its code: the code and parameters for the app to word, and the same reason
 * in English for logs and API clients.
 */
import { orgLabel, type RowReason } from '../../../src/lib/school/roster-report';
import type { RowProblem } from './roster-types';

function english(why: RowReason): string {
	switch (why.code) {
		case 'manifest-says-absent':
			return 'manifest.csv says this file is absent: send the manifest that came with it';
		case 'manifest-does-not-list':
			return 'manifest.csv says this file is not in the export: send the manifest that came with it';
		case 'manifest-file-missing':
			return `manifest.csv lists this file (${why.mode}) but it is not among the files`;
		case 'manifest-version':
			return `OneRoster version "${why.value}": Pathways reads 1.1 and 1.2`;
		case 'manifest-mode':
			return `${why.property} is "${why.value}": it must be bulk, delta or absent`;
		case 'no-school-org':
			return 'no org of type "school"';
		case 'org-in-no-school':
			return `${why.orgs.map(orgLabel).join(', ')} is in no school`;
		case 'role-not-used':
			return `role "${why.role}" has no Pathways account`;
		case 'no-role-in-roles':
			return 'no role for this user in roles.csv';
		case 'no-org-in-roles':
			return 'no org for this user in roles.csv';
		case 'roles-file-missing':
			return 'this file is missing (OneRoster 1.2 keeps roles in it)';
		case 'role-deleted':
			return 'role marked tobedeleted';
		case 'role-of-unknown-user':
			return why.isDelta
				? `user ${why.userId} is not in this delta's users.csv: the role is not changed`
				: `user ${why.userId} is not in users.csv`;
		case 'profile-of-unknown-user':
			return `user ${why.userId} is not in users.csv`;
		case 'birth-date-invalid':
			return `birthDate "${why.value}" is not a date (YYYY-MM-DD)`;
		case 'birth-date-not-student':
			return `${why.userId} is not a student imported here: only students' birth dates are kept`;
		case 'birth-date-row-refused':
			return `${why.userId}'s row in users.csv was not imported`;
		case 'delta-class-unknown':
			return `class ${why.classId} is not in this delta's classes.csv: advisor links come from a bulk export`;
		case 'delta-user-unknown':
			return `user ${why.userId} is not in this delta's users.csv: advisor links come from a bulk export`;
	}
}

export function rowProblem(file: string, line: number, why: RowReason): RowProblem {
	return { file, line, reason: english(why), why };
}
