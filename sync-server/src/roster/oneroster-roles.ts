/**
 * OneRoster 1.2 moved a user's role and orgs out of users.csv into roles.csv (one row per role at
 * an org, `primary` or `secondary`), and usernames for other systems into userProfiles.csv. This
 * gives each 1.2 users.csv row the 1.1 columns the reader knows (`role`, `orgSourcedIds`, and
 * `username` from a profile when users.csv has none), so one reader serves both versions.
 */
import { readCsv, type CsvRow, type CsvTable } from './csv-table';
import type { RowProblem } from './roster-types';
import { rowProblem } from './row-reason';

interface UserRoles {
	role: string;
	orgs: string[];
}

/** The 1.2 users table seen with 1.1 columns; problems of roles.csv and userProfiles.csv rows. */
export function usersWithRoles(
	users: CsvTable,
	files: Partial<Record<string, string>>,
	isDelta: boolean,
	problems: RowProblem[],
	skipped: RowProblem[]
): CsvTable {
	const userIds = new Set(users.rows.map((row) => row.get('sourcedId')));
	const roles = readRoles(files['roles.csv'], userIds, isDelta, problems, skipped);
	const usernames = readProfiles(files['userprofiles.csv'], userIds, problems, skipped);
	const rows = users.rows.map((row): CsvRow => {
		const id = row.get('sourcedId');
		const own = roles.get(id);
		return {
			line: row.line,
			get(column: string) {
				const key = column.toLowerCase();
				if (key === 'role') return own?.role ?? '';
				if (key === 'orgsourcedids') return own?.orgs.join(',') ?? '';
				if (key === 'username') return row.get('username') || (usernames.get(id) ?? '');
				return row.get(column);
			}
		};
	});
	return { file: users.file, rows };
}

function readRoles(
	text: string | undefined,
	userIds: Set<string>,
	isDelta: boolean,
	problems: RowProblem[],
	skipped: RowProblem[]
): Map<string, UserRoles> {
	const file = 'roles.csv';
	if (text === undefined) {
		if (!isDelta) problems.push(rowProblem(file, 0, { code: 'roles-file-missing' }));
		return new Map();
	}
	const { table, problems: unreadable } = readCsv(file, text, [
		'userSourcedId',
		'roleType',
		'role',
		'orgSourcedId'
	]);
	problems.push(...unreadable);
	const byUser = new Map<string, { primary?: string; rows: { role: string; org: string }[] }>();
	for (const row of table.rows) {
		const userId = row.get('userSourcedId');
		if (row.get('status').toLowerCase() === 'tobedeleted') {
			skipped.push(rowProblem(file, row.line, { code: 'role-deleted' }));
			continue;
		}
		if (!userIds.has(userId)) {
			const problem = rowProblem(file, row.line, { code: 'role-of-unknown-user', userId, isDelta });
			(isDelta ? skipped : problems).push(problem);
			continue;
		}
		const entry = byUser.get(userId) ?? { rows: [] };
		byUser.set(userId, entry);
		const role = row.get('role').toLowerCase();
		entry.rows.push({ role, org: row.get('orgSourcedId') });
		if (row.get('roleType').toLowerCase() === 'primary') entry.primary ??= role;
	}
	const result = new Map<string, UserRoles>();
	for (const [userId, entry] of byUser) {
		// The primary role decides what the person is; their orgs are those of that role.
		const role = entry.primary ?? entry.rows[0]!.role;
		const orgs = entry.rows.filter((one) => one.role === role).map((one) => one.org);
		result.set(userId, { role, orgs });
	}
	return result;
}

function readProfiles(
	text: string | undefined,
	userIds: Set<string>,
	problems: RowProblem[],
	skipped: RowProblem[]
): Map<string, string> {
	const file = 'userProfiles.csv';
	const usernames = new Map<string, string>();
	if (text === undefined) return usernames;
	const { table, problems: unreadable } = readCsv(file, text, ['userSourcedId', 'username']);
	problems.push(...unreadable);
	for (const row of table.rows) {
		const userId = row.get('userSourcedId');
		if (!userIds.has(userId)) {
			skipped.push(rowProblem(file, row.line, { code: 'profile-of-unknown-user', userId }));
			continue;
		}
		if (row.get('username') && !usernames.has(userId)) usernames.set(userId, row.get('username'));
	}
	return usernames;
}
