/** The admin's roster actions: read the chosen files, check or import them, give first passwords. */
import type {
	PersonWithoutPassword,
	RosterConfirmationCode,
	RosterFormat,
	RosterImportRequest,
	RosterReport
} from '../contracts/roster-report';
import { request } from '../sync/api';
import { auth } from '../state/auth.svelte';

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

/** What the admin chose, read once: CSV files as text, a OneRoster .zip as base64 (the server unpacks it). */
export interface RosterUpload {
	files: Record<string, string>;
	archive?: string;
}

export async function readRosterUpload(chosen: File[]): Promise<RosterUpload> {
	const zip = chosen.find((file) => file.name.toLowerCase().endsWith('.zip'));
	if (!zip) return { files: await readRosterFiles(chosen) };
	return { files: {}, archive: await base64(zip) };
}

async function base64(file: File): Promise<string> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	let binary = '';
	// In slices: String.fromCharCode with a whole large file as arguments overflows the stack.
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}

/**
 * A check (`dryRun`), or an import of the same upload with the check's token and the
 * confirmations the admin ticked.
 */
export function importRoster(input: {
	format: RosterFormat;
	upload: RosterUpload;
	dryRun: boolean;
	onlyGoodRows: boolean;
	schoolSourcedId: string;
	checkToken?: string;
	confirmed?: RosterConfirmationCode[];
}): Promise<RosterReport> {
	const body: RosterImportRequest = {
		format: input.format,
		files: input.upload.files,
		dryRun: input.dryRun,
		onlyGoodRows: input.onlyGoodRows
	};
	if (input.upload.archive !== undefined) body.archive = input.upload.archive;
	if (input.checkToken) body.checkToken = input.checkToken;
	if (input.confirmed) body.confirmed = input.confirmed;
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
