/**
 * What a roster import answers (POST /api/roster/import), shared by the server and the admin screen.
 * A dry run answers the same report with `isApplied: false`, so the admin sees exactly what would change.
 */

export type RosterFormat = 'oneroster' | 'simple';

export interface RosterImportRequest {
	format: RosterFormat;
	/** File name → file contents (OneRoster: orgs.csv, users.csv, classes.csv, enrollments.csv; simple: people.csv). */
	files: Record<string, string>;
	/** True: report what would change, change nothing. */
	dryRun: boolean;
	/** Import the good rows even when some rows have problems (otherwise a file with problems imports nothing). */
	onlyGoodRows?: boolean;
	/**
	 * OneRoster: the sourcedId of the admin's own school org, on the first import of a file that
	 * lists several schools (later imports know it). A district admin imports every school instead.
	 */
	schoolSourcedId?: string;
}

/** A row that was not imported (line 0: the file as a whole; line 1: its header). */
export interface RowProblem {
	file: string;
	line: number;
	reason: string;
}

export interface PeopleCounts {
	created: number;
	updated: number;
	reactivated: number;
	deactivated: number;
	unchanged: number;
}

export type RosterRole = 'student' | 'staff' | 'guardian';

export interface RosterReport {
	isDryRun: boolean;
	/** False on a dry run, and when problems stopped the import (nothing was changed). */
	isApplied: boolean;
	problems: RowProblem[];
	/** Rows left out on purpose: another school, a role without a Pathways account. */
	skipped: RowProblem[];
	counts: Record<RosterRole, PeopleCounts>;
	caseloads: { added: number; removed: number };
	guardianLinks: { added: number; removed: number };
	/** OneRoster: each school org the import writes, and what happens to it (empty for the simple format). */
	schools: SchoolChange[];
	/** Each change in words ("Amara Osei: grade 9 → 10"), the first 500. */
	changes: string[];
}

export interface SchoolChange {
	/** The org's sourcedId. */
	sourceId: string;
	name: string;
	identifier: string;
	action: 'created' | 'updated' | 'unchanged';
	/** For an update, each change in words ("name A → B"). */
	changes: string[];
}

export function emptyCounts(): Record<RosterRole, PeopleCounts> {
	const counts = () => ({ created: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 0 });
	return { student: counts(), staff: counts(), guardian: counts() };
}

/** GET /api/roster/without-password: people the roster brought in who cannot sign in yet. */
export interface PersonWithoutPassword {
	userId: string;
	username: string;
	displayName: string;
	role: 'student' | 'guardian' | 'staff' | 'admin';
}

/** The files each format reads (names in lower case). */
export const ONEROSTER_FILE_NAMES = ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv'] as const;
export const SIMPLE_FILE_NAME = 'people.csv';
