/**
 * The JSON the server's API answers with. Shared by the app and the server (sync-server/src/api),
 * so the two can never disagree about a field.
 */
import type { ApiErrorCode } from './errors';
import type { Access, DocKind, Role } from '../plp/access';
import type { InfoChange } from '../plp/merge';
import type { GuestRelation } from '../plp/confirmations';
import type { PlanSummary } from '../plp/plan-summary';

/** A staff member's title: the one list, used by the server's accounts and the app's words. */
export const STAFF_TITLES = ['advisor', 'teacher', 'counselor'] as const;
export type StaffTitle = (typeof STAFF_TITLES)[number];

export interface UserView {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	staffTitle: StaffTitle | null;
	isActive: boolean;
	schoolId: string;
	schoolName: string;
	/** The person's chosen language (a code from src/lib/messages/languages.ts), or null. */
	language: string | null;
	/**
	 * A student who graduated or left (the roster turned them off): until this moment (ISO) they may
	 * read their plan and download it, nothing else. Null (or missing, from an older server) otherwise.
	 */
	readOnlyUntil?: string | null;
}

export interface PlanView {
	planId: string;
	studentId: string;
	studentName: string;
	grade: number | null;
	/** What the caller may do with each document of the plan. */
	access: { plan: Access; family: Access };
	/** When the plan's next revision is due (from its revisions and the school's template). */
	review?: PlanReview;
	/** What a caseload shows of the plan, from the server's stored copy. */
	summary?: PlanSummary;
	/** ISO time of the newest change by anyone to the plan or its family part; '' when never. */
	lastChangeAt?: string;
}

export interface PlanReview {
	dueOn: string;
	state: 'overdue' | 'due-soon' | 'on-track' | 'unknown';
	lastRevisedOn: string;
}

export interface SignInResponse {
	token: string;
	expiresAt: string;
	user: UserView;
}

/** Every error the API answers has this body; `message` is written for the person, not for developers. */
export interface ErrorBody {
	error: { code: ApiErrorCode; message: string };
}

/** What `POST /api/plans/:planId/import` (and the admin's `/restore`) answers. */
export interface ArchiveImportResult {
	planId: string;
	/** Evidence files brought in (each checked against its SHA-256). */
	files: number;
	/** False when the plan already held everything in the archive (an import done before). */
	isChanged: boolean;
	/** Parts of the archive left out because the importer may not write them. */
	skipped: DocKind[];
	/** Plan information where this plan's value was kept over the archive's (school, grade…). */
	replaced: InfoChange[];
}

/** `GET /api/archive-limits`: the largest archive this server takes, so the screen can say so before sending. */
export interface ArchiveLimits {
	maxBytes: number;
}

/** `GET /api/plans/:planId/readers`: each linked guardian, and whether the student (18+) decides. */
export interface PlanReaders {
	/** The student is 18 or over (by the birth date the school holds) and decides for themself. */
	isStudentDeciding: boolean;
	guardians: { id: string; name: string; hasAccess: boolean; endedByStudentAt: string | null }[];
	/**
	 * People at school who read the plan: staff with the student in their caseload (they write it
	 * too), the school's admins, and the district's admins when the district lets them read its plans.
	 */
	school: { name: string; role: 'advisor' | 'teacher' | 'counselor' | 'admin' | 'district-admin' }[];
	/** Only for an admin of the student's school: the birth date held and where it came from. */
	birthDate?: BirthDateRecord;
}

/** A student's birth date as the school holds it (`PUT /api/users/:userId/birth-date` sets it). */
export interface BirthDateRecord {
	studentId: string;
	/** YYYY-MM-DD, or null when the school holds none. */
	date: string | null;
	source: 'roster' | 'admin' | null;
}

/** Voices from outside school (sync-server/src/voices/): what a one-time link lets its guest do. */
export type VoiceAction = 'reflect' | 'confirm';
export type VoiceLinkState = 'open' | 'used' | 'expired' | 'revoked';

/** A one-time link as the plan's student and staff see it (never its secret). */
export interface VoiceLinkView {
	id: string;
	action: VoiceAction;
	guestName: string;
	guestRelation: GuestRelation;
	evidenceId: string | null;
	/** The evidence's title now (empty when it was removed from the plan). */
	evidenceTitle: string;
	createdByName: string;
	createdAt: string;
	expiresAt: string;
	usedAt: string | null;
	revokedAt: string | null;
	state: VoiceLinkState;
}

/** `POST /api/plans/:planId/voices`: the link, and its secret — shown once, put in the link's fragment. */
export interface NewVoiceLink {
	link: VoiceLinkView;
	token: string;
}

/** What the guest sees when they open the link (`POST /api/voices/open`). */
export interface VoiceInvitation {
	studentName: string;
	schoolName: string;
	guestName: string;
	guestRelation: GuestRelation;
	action: VoiceAction;
	/** The piece of evidence to confirm (confirm links only). */
	evidence: { title: string; date: string; kind: string } | null;
	expiresAt: string;
}

/** One run of the daily backup, as `GET /api/admin/backup` answers it. */
export interface BackupRun {
	startedAt: string;
	finishedAt: string | null;
	isOk: boolean | null;
	location: string | null;
	detail: string | null;
}

/** What `GET` and `POST /api/admin/backup` answer (the schedule only with GET). */
export interface BackupStatus {
	last: BackupRun | null;
	lastSuccess: BackupRun | null;
	schedule?: { isEnabled: boolean; timeUtc: string; keep: number };
}

/** A leavers' period (sync-server/src/auth/leavers.ts): days, or the server's default. */
export interface LeaverPeriodValue {
	days: number;
	/** Nobody set one: the server's default (LEAVER_ACCESS_DAYS, two years) applies. */
	isDefault: boolean;
}

/** One recorded change of a district's or a school's leavers' period. */
export interface LeaverPeriodChange {
	/** ISO moment. */
	at: string;
	userId: string;
	/** The person's name now; null if the account is gone. */
	userName: string | null;
	from: LeaverPeriodValue;
	to: LeaverPeriodValue;
}

/** The period a school's students follow: the district's when the school belongs to one, else its own. */
export interface SchoolLeaverPeriod extends LeaverPeriodValue {
	setBy: 'district' | 'school';
	districtName: string | null;
}

/** GET/PUT /api/district/leaver-access and /api/school/leaver-access. */
export interface LeaverPeriodAnswer extends LeaverPeriodValue {
	setBy: 'district' | 'school';
	districtName: string | null;
	/** Who changed it, from what to what; the newest first. */
	changes: LeaverPeriodChange[];
}
