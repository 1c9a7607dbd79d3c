/**
 * What a roster import answers (POST /api/roster/import), shared by the server and the admin screen.
 * A dry run answers the same report with `isApplied: false`, so the admin sees exactly what would change.
 */

export type RosterFormat = 'oneroster' | 'simple';

export interface RosterImportRequest {
	format: RosterFormat;
	/**
	 * File name → file contents. OneRoster: every file of the export (manifest.csv, orgs.csv,
	 * users.csv, …; the ones Pathways does not use are acknowledged in the report); simple: people.csv.
	 */
	files: Record<string, string>;
	/** OneRoster: the whole export as its .zip, base64-encoded (instead of `files`). */
	archive?: string;
	/**
	 * Import for real: the `checkToken` of a check ("Check the files") of exactly these files.
	 * The server refuses an import without one (409 `check-first`).
	 */
	checkToken?: string;
	/** Import for real: the codes of the report's `confirmations` the admin agreed to. */
	confirmed?: RosterConfirmationCode[];
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
	/** The reason in English (logs, API clients), made from `why` (sync-server/src/roster/row-reason.ts). */
	reason: string;
	/** The reason as a code with parameters, which the app words in the reader's language. */
	why: RowReason;
}

/** An org as a reason names it: its OneRoster type (school, department, district…), id and name. */
export interface OrgRef {
	type: string;
	id: string;
	name: string;
}

/** "department org-lone (Night classes)": an org as the report names it, in any language. */
export const orgLabel = (ref: OrgRef) => `${ref.type || 'org'} ${ref.id}${ref.name ? ` (${ref.name})` : ''}`;

/**
 * Reasons for rows left out or refused, and for a framework's problems, as codes with parameters:
 * every reason the server writes is one of these. The app words them (src/lib/school/row-reason-words.ts);
 * the server's English for logs and API clients comes from the same code (sync-server/src/roster/row-reason.ts).
 */
export type RowReason =
	// Any file (CSV or JSON)
	| { code: 'file-missing' }
	| { code: 'csv-unreadable'; detail: string }
	| { code: 'file-empty' }
	| { code: 'columns-missing'; columns: string[] }
	| { code: 'json-invalid'; detail: string }
	/** A column (CSV) or a place (JSON, e.g. `scales[0].id`) with nothing in it. */
	| { code: 'field-empty'; field: string }
	| { code: 'names-empty'; given: string; family: string }
	| { code: 'id-repeated'; column: string; id: string; otherLine: number }
	// People
	| { code: 'username-invalid'; value: string }
	| { code: 'username-repeated'; username: string; otherLine: number }
	| { code: 'username-taken'; username: string }
	| { code: 'role-unknown'; value: string; allowed: string[] }
	| { code: 'role-cannot-change'; name: string; role: string }
	| { code: 'grade-invalid'; value: string }
	| { code: 'org-unknown'; orgId: string }
	| { code: 'org-not-writable'; school: string; orgId: string }
	| { code: 'no-school-written' }
	| { code: 'agent-row-refused'; agentId: string }
	| { code: 'agent-not-found'; agentId: string; wanted: 'student' | 'guardian' }
	| { code: 'no-child-here' }
	| { code: 'class-unknown'; classId: string }
	| { code: 'user-unknown'; userId: string }
	| { code: 'other-school-link'; link: 'advisor' | 'guardian'; student: string }
	| { code: 'guardian-needs-children' }
	| { code: 'advisor-not-staff'; advisorId: string }
	| { code: 'child-not-student'; studentId: string }
	// Schools (who may write which)
	| { code: 'school-other-district'; school: string; orgId: string; district: string }
	| { code: 'school-not-yours'; school: string; orgId: string }
	| { code: 'own-school-unknown' }
	| { code: 'own-school-is'; rosterId: string; chosen: string }
	| { code: 'school-not-in-file'; orgId: string }
	| { code: 'roster-id-taken'; orgId: string; holder: string }
	| { code: 'choose-school'; orgIds: string[] }
	| { code: 'school-no-name'; orgId: string }
	// Proficiency frameworks
	| { code: 'not-a-number'; field: string; value: string }
	| { code: 'not-a-list'; field: string }
	| { code: 'value-not-allowed'; field: string; value: string; allowed: string[] }
	| { code: 'level-repeated'; level: number; scaleId: string }
	| { code: 'kind-conflict'; id: string; first: string; second: string }
	| { code: 'indicator-repeated'; id: string }
	| { code: 'no-scales' }
	| { code: 'no-proficiencies' }
	| { code: 'scale-repeated'; scaleId: string }
	| { code: 'scale-too-short'; scaleId: string }
	| { code: 'scale-level-twice'; scaleId: string }
	| { code: 'proficiency-repeated'; id: string }
	| { code: 'scale-unknown'; id: string; scaleId: string }
	// CASE 1.0 packages
	| { code: 'too-many'; field: string; count: number; limit: number }
	| { code: 'case-item-repeated'; id: string }
	| { code: 'case-link-unknown'; field: string; id: string }
	| { code: 'case-item-not-placed'; id: string; itemCode: string }
	| { code: 'case-association-type-unknown'; field: string; associationType: string }
	| { code: 'case-association-origin-unknown'; field: string; associationType: string; id: string }
	| { code: 'case-association-of-document'; field: string; associationType: string }
	| { code: 'case-item-placed-twice'; field: string; item: string }
	| { code: 'case-criterion-no-levels'; field: string }
	| { code: 'case-criterion-no-item'; field: string }
	| { code: 'case-criterion-item-unknown'; field: string; id: string }
	| { code: 'case-criterion-for-indicator'; field: string; item: string }
	| { code: 'case-criterion-item-has-scale'; field: string; item: string }
	// A whole OneRoster export
	| { code: 'manifest-says-absent' }
	| { code: 'manifest-does-not-list' }
	| { code: 'manifest-file-missing'; mode: RosterFileMode }
	| { code: 'manifest-version'; value: string }
	| { code: 'manifest-mode'; property: string; value: string }
	| { code: 'no-school-org' }
	| { code: 'org-in-no-school'; orgs: OrgRef[] }
	| { code: 'role-not-used'; role: string }
	| { code: 'no-role-in-roles' }
	| { code: 'no-org-in-roles' }
	| { code: 'roles-file-missing' }
	| { code: 'role-deleted' }
	| { code: 'role-of-unknown-user'; userId: string; isDelta: boolean }
	| { code: 'profile-of-unknown-user'; userId: string }
	| { code: 'birth-date-invalid'; value: string }
	| { code: 'birth-date-not-student'; userId: string }
	| { code: 'birth-date-row-refused'; userId: string }
	| { code: 'delta-class-unknown'; classId: string }
	| { code: 'delta-user-unknown'; userId: string };

/** What an import changes about one person, as a code (the English is in RosterReport.changes). */
export type PersonChange =
	| { code: 'person-new'; name: string; role: string }
	| { code: 'person-adopted'; name: string; username: string }
	| {
			code: 'person-changed';
			name: string;
			fields: { field: PersonField; from: string; to: string }[];
			/** back: turned on again; left: turned off (the file marks them gone). */
			activity?: 'back' | 'left';
	  }
	| { code: 'person-absent'; name: string };
export type PersonField = 'name' | 'username' | 'title' | 'grade' | 'studentId' | 'birthDate' | 'school';

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
	/** Each change in English ("Amara Osei: grade 9 → 10"), the first 500 (logs, API clients). */
	changes: string[];
	/** The same changes as codes with parameters, which the app words in the reader's language. */
	personChanges: PersonChange[];
	/** OneRoster: every file received, and whether it is used (empty for the simple format). */
	files: RosterFileUse[];
	/** OneRoster: the version the export says it is (manifest.csv, else told from the files). */
	version?: OneRosterVersion;
	/** What the admin must agree to, by name, before this import may run (a check lists them). */
	confirmations: RosterConfirmation[];
	/** A check's answer: send it back with the same files to import them (bound to the files). */
	checkToken?: string;
}

export type OneRosterVersion = '1.1' | '1.2';
/** manifest.csv: `bulk` is the whole of a file's data; `delta` only the rows that changed. */
export type RosterFileMode = 'bulk' | 'delta';

export interface RosterFileUse {
	/** The file name as the specification spells it (e.g. `academicSessions.csv`). */
	name: string;
	/** used: read; not-used: a OneRoster file Pathways has no use for; unknown: not a OneRoster file. */
	use: 'used' | 'not-used' | 'unknown';
	mode?: RosterFileMode;
}

/** Changes an import makes only when the admin names them: their own school, or many students off. */
export type RosterConfirmation =
	| { code: 'school-renamed'; school: string; from: string; to: string }
	| {
			code: 'school-identifiers';
			school: string;
			/** The school's org sourcedId in the roster ('' when it had none), and its own code. */
			rosterId: { from: string; to: string } | null;
			identifier: { from: string; to: string } | null;
	  }
	| { code: 'students-off'; school: string; count: number; of: number; limitPercent: number };

export type RosterConfirmationCode = RosterConfirmation['code'];
export const ROSTER_CONFIRMATION_CODES: readonly RosterConfirmationCode[] = [
	'school-renamed',
	'school-identifiers',
	'students-off'
];

export interface SchoolChange {
	/** The org's sourcedId. */
	sourceId: string;
	name: string;
	identifier: string;
	action: 'created' | 'updated' | 'unchanged';
	/** For an update, each change in English ("name A → B"; logs, API clients). */
	changes: string[];
	/** The same changes as codes, which the app words (a roster id has no `from` worth showing). */
	fields: SchoolFieldChange[];
}

export interface SchoolFieldChange {
	field: 'rosterId' | 'name' | 'identifier';
	from: string;
	to: string;
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

/**
 * The files of a OneRoster 1.1 or 1.2 CSV export, as the specifications spell them. Pathways reads
 * those in ONEROSTER_USED_FILES and acknowledges the others.
 */
export const ONEROSTER_SPEC_FILES = [
	'manifest.csv',
	'academicSessions.csv',
	'categories.csv',
	'classes.csv',
	'classResources.csv',
	'courses.csv',
	'courseResources.csv',
	'demographics.csv',
	'enrollments.csv',
	'lineItems.csv',
	'orgs.csv',
	'resources.csv',
	'results.csv',
	'users.csv',
	// 1.2
	'roles.csv',
	'userProfiles.csv',
	'userResources.csv',
	'lineItemLearningObjectiveIds.csv',
	'lineItemScoreScales.csv',
	'resultLearningObjectiveIds.csv',
	'resultScoreScales.csv',
	'scoreScales.csv'
] as const;
export const ONEROSTER_USED_FILES: readonly string[] = [
	'manifest.csv',
	'orgs.csv',
	'users.csv',
	'classes.csv',
	'enrollments.csv',
	'demographics.csv',
	'roles.csv',
	'userProfiles.csv'
];
/** The files a person may choose for the OneRoster format (lower case, as file names arrive). */
export const ONEROSTER_FILE_NAMES: readonly string[] = ONEROSTER_SPEC_FILES.map((name) => name.toLowerCase());
export const SIMPLE_FILE_NAME = 'people.csv';
