/**
 * The database side of roster import: what earlier imports wrote (people by source id, the links
 * the roster made), and the writes of one import. Prepared once per import; nothing here knows HTTP.
 */
import { AccountStore, NO_PASSWORD, type ImportedUser, type StaffTitle } from '../auth/accounts';
import type { Database } from '../db';
import { oneRecord, recordOf, type Row } from '../storage/rows';
import type { Role } from '../../../src/lib/plp/access';

export interface LinkedUser {
	sourceId: string;
	userId: string;
	username: string;
	displayName: string;
	role: Role;
	staffTitle: StaffTitle | null;
	isActive: boolean;
	grade: number | null;
	studentNumber: string | null;
	birthDate: string | null;
}

/** Someone an earlier import brought into another school of the district: a transfer if this file has them. */
export interface LinkedElsewhere extends LinkedUser {
	schoolId: string;
	schoolName: string;
	planId: string | null;
}

export interface ExistingUser {
	id: string;
	schoolId: string;
	role: Role;
	isLinked: boolean;
}

const pairKey = (a: string, b: string) => `${a}\n${b}`;

const LINKED_COLUMNS =
	'u.id AS user_id, u.username, u.display_name, u.role, u.staff_title, u.is_active, s.grade, s.student_number, s.birth_date';

const toLinkedUser = (row: Row) => recordOf<LinkedUser>(row, ['isActive']);

export class RosterStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	/** Everyone an earlier import brought into this school, by source id. */
	linkedUsers(schoolId: string): Map<string, LinkedUser> {
		const rows = this.db
			.prepare(
				`SELECT r.source_id, ${LINKED_COLUMNS}
				 FROM roster_links r JOIN users u ON u.id = r.user_id LEFT JOIN students s ON s.user_id = u.id
				 WHERE r.school_id = ?`
			)
			.all(schoolId) as Row[];
		return new Map(rows.map((row) => [row.source_id as string, toLinkedUser(row)]));
	}

	/** People an earlier import linked to another school of this district, by source id (transfers). */
	linkedInDistrict(
		districtId: string
	): (sourceId: string, exceptSchoolId: string) => LinkedElsewhere | undefined {
		const statement = this.db.prepare(
			`SELECT r.source_id, r.school_id, sc.name AS school_name, s.plan_id, ${LINKED_COLUMNS}
			 FROM roster_links r JOIN schools sc ON sc.id = r.school_id JOIN users u ON u.id = r.user_id
			 LEFT JOIN students s ON s.user_id = u.id
			 WHERE r.source_id = ? AND sc.district_id = ? AND r.school_id != ?`
		);
		return (sourceId, exceptSchoolId) => {
			const read = (row: Row) => recordOf<LinkedElsewhere>(row, ['isActive']);
			return oneRecord(statement, read, sourceId, districtId, exceptSchoolId);
		};
	}

	/** The school org (sourcedId) of the school an earlier import brought this person into. */
	schoolOrgOf(): (sourceId: string) => string | undefined {
		const statement = this.db.prepare(
			'SELECT s.source_id FROM roster_links r JOIN schools s ON s.id = r.school_id WHERE r.source_id = ? AND s.source_id IS NOT NULL'
		);
		return (sourceId) => (statement.get(sourceId) as Row | undefined)?.source_id as string | undefined;
	}

	/** Who has a username already (usernames are unique across the server). */
	userByUsername(): (username: string) => ExistingUser | undefined {
		const statement = this.db.prepare(
			'SELECT u.id, u.school_id, u.role, r.user_id AS linked FROM users u LEFT JOIN roster_links r ON r.user_id = u.id WHERE u.username = ?'
		);
		return (username) => {
			const row = statement.get(username) as Row | undefined;
			return (
				row && {
					id: row.id as string,
					schoolId: row.school_id as string,
					role: row.role as Role,
					isLinked: row.linked !== null
				}
			);
		};
	}

	/** Staff→student pairs (user ids) of this school → whether the roster made the pair. */
	caseloads(schoolId: string): Map<string, boolean> {
		return this.pairs(
			'SELECT c.staff_id AS a, c.student_id AS b, c.from_roster AS r FROM caseloads c JOIN users u ON u.id = c.student_id WHERE u.school_id = ?',
			schoolId
		);
	}

	/** Guardian→student pairs (user ids) of this school → whether the roster made the pair. */
	guardianLinks(schoolId: string): Map<string, boolean> {
		return this.pairs(
			'SELECT g.guardian_id AS a, g.student_id AS b, g.from_roster AS r FROM guardian_links g JOIN users u ON u.id = g.student_id WHERE u.school_id = ?',
			schoolId
		);
	}

	private pairs(sql: string, schoolId: string): Map<string, boolean> {
		const rows = this.db.prepare(sql).all(schoolId) as Row[];
		return new Map(rows.map((row) => [pairKey(row.a as string, row.b as string), row.r === 1]));
	}

	/**
	 * The statements one import writes with, prepared once (10,000 rows run each many times): the
	 * accounts through their one owner (AccountStore), the roster's own links here.
	 */
	writer(schoolId: string) {
		const accounts = new AccountStore(this.db, this.now).importWriter(schoolId);
		const insertLink = this.db.prepare(
			'INSERT INTO roster_links (school_id, source_id, user_id) VALUES (?, ?, ?)'
		);
		const moveLink = this.db.prepare('UPDATE roster_links SET school_id = ? WHERE user_id = ?');
		return {
			...accounts,
			createUser(user: ImportedUser & { sourceId: string }) {
				accounts.createUser(user);
				insertLink.run(schoolId, user.sourceId, user.id);
			},
			/**
			 * A transfer inside the district: the same account (and plan) now belongs to this school.
			 * Returns the staff whose caseload lost the student (their live sockets must be checked again).
			 */
			moveHere(userId: string): string[] {
				const endedFor = accounts.moveHere(userId);
				moveLink.run(schoolId, userId);
				return endedFor;
			},
			/** An account made by hand before the first import: from now on the roster keeps it. */
			adopt(userId: string, sourceId: string) {
				insertLink.run(schoolId, sourceId, userId);
			}
		};
	}

	/** People of this school who have no password yet (imported, not yet given one), by name. */
	withoutPassword(schoolId: string): { userId: string; username: string; displayName: string; role: Role }[] {
		const rows = this.db
			.prepare(
				'SELECT id, username, display_name, role FROM users WHERE school_id = ? AND password_hash = ? AND is_active = 1 ORDER BY role, display_name'
			)
			.all(schoolId, NO_PASSWORD) as Row[];
		return rows.map((row) => ({
			userId: row.id as string,
			username: row.username as string,
			displayName: row.display_name as string,
			role: row.role as Role
		}));
	}
}

export { pairKey };
