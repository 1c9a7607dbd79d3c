/** The admin's roster actions: read the chosen files, check or import them, give first passwords. */
import type {
	PersonWithoutPassword,
	RosterFormat,
	RosterImportRequest,
	RosterReport
} from '../school/roster-report';
import { request } from '../sync/api';
import { auth } from '../sync/auth.svelte';

function token(): string {
	if (!auth.token) throw new Error('not signed in');
	return auth.token;
}

/** File name (lower case, as the formats name them) → contents. */
export async function readRosterFiles(files: Iterable<File>): Promise<Record<string, string>> {
	const entries = await Promise.all(
		[...files].map(async (file) => [file.name.toLowerCase(), await file.text()])
	);
	return Object.fromEntries(entries) as Record<string, string>;
}

export function importRoster(input: {
	format: RosterFormat;
	files: Record<string, string>;
	dryRun: boolean;
	onlyGoodRows: boolean;
	schoolSourcedId: string;
}): Promise<RosterReport> {
	const body: RosterImportRequest = {
		format: input.format,
		files: input.files,
		dryRun: input.dryRun,
		onlyGoodRows: input.onlyGoodRows
	};
	if (input.schoolSourcedId.trim()) body.schoolSourcedId = input.schoolSourcedId.trim();
	return request<RosterReport>('POST', '/api/roster/import', { token: token(), body });
}

export async function peopleWithoutPassword(): Promise<PersonWithoutPassword[]> {
	const answer = await request<{ people: PersonWithoutPassword[] }>('GET', '/api/roster/without-password', {
		token: token()
	});
	return answer.people;
}

export function setFirstPassword(userId: string, password: string): Promise<unknown> {
	return request('POST', '/api/roster/first-password', { token: token(), body: { userId, password } });
}
