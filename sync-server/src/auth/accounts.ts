/**
 * People, schools and who is linked to whom: the tables the access rules are decided from.
 * Every query is a prepared statement; nothing here knows HTTP.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isLanguage, type Language } from '../../../src/lib/messages/languages';
import { isPlanId, type Role } from '../../../src/lib/plp/access';
import { transaction, type Database } from '../db';
import { allRecords, oneRecord, recordOf, type Row } from '../storage/rows';

import { STAFF_TITLES, type StaffTitle, type UserView } from '../../../src/lib/contracts/api';

export { STAFF_TITLES, type StaffTitle };

/** Lower-case letters, digits, dot, dash, underscore; 3–40 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{2,39}$';
const USERNAME = new RegExp(USERNAME_PATTERN);

export function normalizeUsername(username: string): string {
	return username.trim().toLowerCase();
}

export function isValidUsername(username: string): boolean {
	return USERNAME.test(username);
}

export interface School {
	id: string;
	name: string;
}

export interface User {
	id: string;
	schoolId: string;
	username: string;
	displayName: string;
	role: Role;
	staffTitle: StaffTitle | null;
	isActive: boolean;
	/** The language the person chose; null until they choose (the device's choice applies). */
	language?: Language | null;
}

export interface UserWithPassword extends User {
	passwordHash: string;
}

/** A student and their one plan. */
export interface StudentPlan {
	studentId: string;
	planId: string;
	studentName: string;
	grade: number | null;
	schoolId: string;
	isActive: boolean;
}

export interface NewUser {
	schoolId: string;
	username: string;
	displayName: string;
	role: Role;
	staffTitle?: StaffTitle | null;
	passwordHash: string;
	/** Students only. */
	grade?: number | null;
	/** Students only; a random id when left out. */
	planId?: string;
	id?: string;
}

/** Accounts can be created without a password: this value never verifies (not a scrypt hash). */
export const NO_PASSWORD = '!';

/** One account a roster import creates (no password yet). */
export type ImportedUser = Pick<
	UserView,
	'id' | 'username' | 'displayName' | 'role' | 'staffTitle' | 'isActive'
>;

export class UsernameTakenError extends Error {
	override name = 'UsernameTakenError';
}

const USER_COLUMNS =
	'id, school_id, username, display_name, role, staff_title, is_active, password_hash, language';
const PLAN_COLUMNS =
	's.user_id AS student_id, s.plan_id, s.grade, u.display_name AS student_name, u.school_id, u.is_active FROM students s JOIN users u ON u.id = s.user_id';

function toUser(row: Row): UserWithPassword {
	const user = recordOf<UserWithPassword>(row, ['isActive']);
	return { ...user, language: isLanguage(user.language) ? user.language : null };
}

/** The public view of a user: never the password hash. */
export function publicUser(user: User): User {
	const { id, schoolId, username, displayName, role, staffTitle, isActive, language } = user;
	return { id, schoolId, username, displayName, role, staffTitle, isActive, language };
}

const toPlan = (row: Row) => recordOf<StudentPlan>(row, ['isActive']);

/** A fresh plan id: 12 url-safe characters, valid for isPlanId. */
export function newPlanId(): string {
	return randomBytes(9).toString('base64url');
}

export class AccountStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	countUsers(): number {
		return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
	}

	setLanguage(userId: string, language: Language | null): void {
		this.db.prepare('UPDATE users SET language = ? WHERE id = ?').run(language, userId);
	}

	/** Creates a user (and, for a student, their plan). Throws UsernameTakenError when the name is in use. */
	createUser(input: NewUser): User {
		const username = normalizeUsername(input.username);
		if (!isValidUsername(username)) throw new Error(`Not a valid username: ${JSON.stringify(username)}`);
		const staffTitle = input.role === 'staff' ? (input.staffTitle ?? 'advisor') : null;
		const planId = input.role === 'student' ? (input.planId ?? newPlanId()) : null;
		if (planId !== null && !isPlanId(planId)) throw new Error(`Not a plan id: ${JSON.stringify(planId)}`);
		const id = input.id ?? randomUUID();
		if (this.findByUsername(username)) throw new UsernameTakenError(username);
		transaction(this.db, () => {
			this.db
				.prepare(
					'INSERT INTO users (id, school_id, username, display_name, role, staff_title, password_hash, is_active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)'
				)
				.run(
					id,
					input.schoolId,
					username,
					input.displayName,
					input.role,
					staffTitle,
					input.passwordHash,
					this.now()
				);
			if (planId !== null) {
				this.db
					.prepare('INSERT INTO students (user_id, plan_id, grade) VALUES (?, ?, ?)')
					.run(id, planId, input.grade ?? null);
			}
		});
		return publicUser(this.getUser(id)!);
	}

	getUser(id: string): UserWithPassword | undefined {
		return oneRecord(this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`), toUser, id);
	}

	findByUsername(username: string): UserWithPassword | undefined {
		const statement = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`);
		return oneRecord(statement, toUser, normalizeUsername(username));
	}

	listUsers(schoolId: string): User[] {
		const statement = this.db.prepare(
			`SELECT ${USER_COLUMNS} FROM users WHERE school_id = ? ORDER BY role, display_name`
		);
		return allRecords(statement, (row) => publicUser(toUser(row)), schoolId);
	}

	setActive(userId: string, isActive: boolean): void {
		// By hand, not by the roster: a student turned off here keeps no reading access (src/auth/leavers.ts).
		this.db
			.prepare('UPDATE users SET is_active = ?, left_at = NULL WHERE id = ?')
			.run(isActive ? 1 : 0, userId);
	}

	studentPlan(studentId: string): StudentPlan | undefined {
		return oneRecord(this.db.prepare(`SELECT ${PLAN_COLUMNS} WHERE s.user_id = ?`), toPlan, studentId);
	}

	planById(planId: string): StudentPlan | undefined {
		return oneRecord(this.db.prepare(`SELECT ${PLAN_COLUMNS} WHERE s.plan_id = ?`), toPlan, planId);
	}

	/** The plans a person may open: their own, their caseload, their children, or their whole school (admin). */
	plansVisibleTo(user: User): StudentPlan[] {
		const order = ' ORDER BY u.display_name';
		let rows: Row[];
		switch (user.role) {
			case 'student':
				rows = this.db.prepare(`SELECT ${PLAN_COLUMNS} WHERE s.user_id = ?${order}`).all(user.id) as Row[];
				break;
			case 'staff':
				rows = this.db
					.prepare(
						`SELECT ${PLAN_COLUMNS} JOIN caseloads c ON c.student_id = s.user_id WHERE c.staff_id = ?${order}`
					)
					.all(user.id) as Row[];
				break;
			case 'guardian':
				rows = this.db
					.prepare(
						`SELECT ${PLAN_COLUMNS} JOIN guardian_links g ON g.student_id = s.user_id WHERE g.guardian_id = ? AND g.ended_by_student_at IS NULL${order}`
					)
					.all(user.id) as Row[];
				break;
			case 'admin':
				return this.plansOfSchool(user.schoolId);
		}
		return rows.map(toPlan);
	}

	/** Every student plan of one school (an admin's view of it; callers check the right first). */
	plansOfSchool(schoolId: string): StudentPlan[] {
		const statement = this.db.prepare(`SELECT ${PLAN_COLUMNS} WHERE u.school_id = ? ORDER BY u.display_name`);
		return allRecords(statement, toPlan, schoolId);
	}

	/**
	 * The person is an active district admin of the school's district, the district lets its admins
	 * read its schools' plans, and the school is not their own (there they are its admin).
	 */
	isDistrictReader(userId: string, schoolId: string): boolean {
		return !!this.db
			.prepare(
				`SELECT 1 FROM users u JOIN districts d ON d.id = u.district_id
				 JOIN schools s ON s.district_id = d.id
				 WHERE u.id = ? AND u.role = 'admin' AND u.is_active = 1 AND d.plans_readable = 1
				   AND s.id = ? AND s.id <> u.school_id`
			)
			.get(userId, schoolId);
	}

	/** Who at school reads a student's plan: staff with them in their caseload, then the school's admins (active only). */
	schoolReadersOf(
		studentId: string
	): { name: string; role: 'advisor' | 'teacher' | 'counselor' | 'admin' | 'district-admin' }[] {
		const rows = this.db
			.prepare(
				`SELECT u.display_name AS name, u.staff_title AS role, 0 AS rank FROM caseloads c JOIN users u ON u.id = c.staff_id
				 WHERE c.student_id = ?1 AND u.is_active = 1
				 UNION ALL SELECT u.display_name, 'admin', 1 FROM users u JOIN users s ON s.id = ?1
				 WHERE u.school_id = s.school_id AND u.role = 'admin' AND u.is_active = 1
				 UNION ALL SELECT u.display_name, 'district-admin', 2 FROM users s
				   JOIN schools sc ON sc.id = s.school_id JOIN districts d ON d.id = sc.district_id
				   JOIN users u ON u.district_id = d.id
				 WHERE s.id = ?1 AND d.plans_readable = 1 AND u.role = 'admin' AND u.is_active = 1
				   AND u.school_id <> s.school_id
				 ORDER BY rank, name`
			)
			.all(studentId) as {
			name: string;
			role: 'advisor' | 'teacher' | 'counselor' | 'admin' | 'district-admin';
		}[];
		return rows.map((row) => ({ name: row.name, role: row.role }));
	}

	/** The ids of a school's admins (their right to read follows the school's students). */
	adminsOf(schoolId: string): string[] {
		const rows = this.db
			.prepare("SELECT id FROM users WHERE school_id = ? AND role = 'admin'")
			.all(schoolId) as { id: string }[];
		return rows.map((row) => row.id);
	}

	isInCaseload(staffId: string, studentId: string): boolean {
		return !!this.db
			.prepare('SELECT 1 FROM caseloads WHERE staff_id = ? AND student_id = ?')
			.get(staffId, studentId);
	}

	isLinkedGuardian(guardianId: string, studentId: string): boolean {
		return !!this.db
			.prepare(
				'SELECT 1 FROM guardian_links WHERE guardian_id = ? AND student_id = ? AND ended_by_student_at IS NULL'
			)
			.get(guardianId, studentId);
	}

	/** Every guardian linked to a student, with when the student (18 or over) ended their access. */
	guardiansOf(studentId: string): { id: string; displayName: string; endedByStudentAt: number | null }[] {
		const rows = this.db
			.prepare(
				`SELECT u.id, u.display_name, g.ended_by_student_at FROM guardian_links g JOIN users u ON u.id = g.guardian_id
				 WHERE g.student_id = ? AND u.is_active = 1 ORDER BY u.display_name`
			)
			.all(studentId) as { id: string; display_name: string; ended_by_student_at: number | null }[];
		return rows.map((row) => ({
			id: row.id,
			displayName: row.display_name,
			endedByStudentAt: row.ended_by_student_at ?? null
		}));
	}

	/** The student ends (or gives back) one guardian's access. False when they are not linked. */
	setGuardianAccess(guardianId: string, studentId: string, hasAccess: boolean): boolean {
		const result = this.db
			.prepare('UPDATE guardian_links SET ended_by_student_at = ? WHERE guardian_id = ? AND student_id = ?')
			.run(hasAccess ? null : this.now(), guardianId, studentId);
		return result.changes > 0;
	}

	birthDateOf(studentId: string): string | null {
		const row = this.db.prepare('SELECT birth_date FROM students WHERE user_id = ?').get(studentId) as
			{ birth_date: string | null } | undefined;
		return row?.birth_date ?? null;
	}

	/** The birth date the school holds and where it came from (the roster or an admin). */
	birthDateRecordOf(studentId: string): { date: string | null; source: 'roster' | 'admin' | null } {
		const row = this.db
			.prepare('SELECT birth_date, birth_date_source FROM students WHERE user_id = ?')
			.get(studentId) as
			{ birth_date: string | null; birth_date_source: 'roster' | 'admin' | null } | undefined;
		const date = row?.birth_date ?? null;
		return { date, source: date === null ? null : (row?.birth_date_source ?? 'roster') };
	}

	/** An admin sets (or clears) a birth date: it is then the admin's, until a roster sends another. */
	setBirthDate(studentId: string, birthDate: string | null): boolean {
		const result = this.db
			.prepare('UPDATE students SET birth_date = ?, birth_date_source = ? WHERE user_id = ?')
			.run(birthDate, birthDate === null ? null : 'admin', studentId);
		return result.changes > 0;
	}

	/** Today as `YYYY-MM-DD` (UTC) on this server's clock. */
	today(): string {
		return new Date(this.now()).toISOString().slice(0, 10);
	}

	/** Adds a student to a staff member's caseload. False when it was already there. */
	assignCaseload(staffId: string, studentId: string): boolean {
		const result = this.db
			.prepare('INSERT OR IGNORE INTO caseloads (staff_id, student_id) VALUES (?, ?)')
			.run(staffId, studentId);
		return result.changes > 0;
	}

	/** Removes a student from a caseload. False when they were not in it. */
	unassignCaseload(staffId: string, studentId: string): boolean {
		const result = this.db
			.prepare('DELETE FROM caseloads WHERE staff_id = ? AND student_id = ?')
			.run(staffId, studentId);
		return result.changes > 0;
	}

	linkGuardian(guardianId: string, studentId: string): void {
		this.db
			.prepare('INSERT OR IGNORE INTO guardian_links (guardian_id, student_id) VALUES (?, ?)')
			.run(guardianId, studentId);
	}

	/**
	 * The account writes of one roster import into one school, prepared once (10,000 rows run each
	 * many times); the caller runs them inside the import's one transaction.
	 */
	importWriter(schoolId: string) {
		const db = this.db;
		const at = this.now();
		const insertUser = db.prepare(
			'INSERT INTO users (id, school_id, username, display_name, role, staff_title, password_hash, is_active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
		);
		const insertStudent = db.prepare(
			`INSERT INTO students (user_id, plan_id, grade, student_number, birth_date, birth_date_source)
			 VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?5 IS NULL THEN NULL ELSE 'roster' END)`
		);
		const updateUser = db.prepare(
			// left_at: when the roster turned the account off (kept while it stays off; src/auth/leavers.ts).
			`UPDATE users SET username = ?1, display_name = ?2, staff_title = ?3, is_active = ?4,
			 left_at = CASE WHEN ?4 = 1 THEN NULL WHEN is_active = 0 THEN left_at ELSE ?6 END WHERE id = ?5`
		);
		const updateStudent = db.prepare(
			// A birth date the roster did not change keeps its source (an admin's stays an admin's).
			`UPDATE students SET grade = ?1, student_number = ?2,
			 birth_date_source = CASE WHEN ?3 IS NULL THEN NULL WHEN birth_date IS ?3 THEN birth_date_source ELSE 'roster' END,
			 birth_date = ?3 WHERE user_id = ?4`
		);
		const moveUser = db.prepare('UPDATE users SET school_id = ? WHERE id = ?');
		// An account belongs to one school: links to the old school's staff or students end with the move.
		const endOldCaseloads = db.prepare(
			`DELETE FROM caseloads WHERE (student_id = ?1 AND staff_id IN (SELECT id FROM users WHERE school_id != ?2))
			 OR (staff_id = ?1 AND student_id IN (SELECT id FROM users WHERE school_id != ?2)) RETURNING staff_id`
		);
		const addCaseload = db.prepare(
			'INSERT INTO caseloads (staff_id, student_id, from_roster) VALUES (?, ?, 1) ON CONFLICT DO NOTHING'
		);
		const removeCaseload = db.prepare(
			'DELETE FROM caseloads WHERE staff_id = ? AND student_id = ? AND from_roster = 1'
		);
		const addGuardian = db.prepare(
			'INSERT INTO guardian_links (guardian_id, student_id, from_roster) VALUES (?, ?, 1) ON CONFLICT DO NOTHING'
		);
		const removeGuardian = db.prepare(
			'DELETE FROM guardian_links WHERE guardian_id = ? AND student_id = ? AND from_roster = 1'
		);
		return {
			createUser(user: ImportedUser) {
				insertUser.run(
					user.id,
					schoolId,
					user.username,
					user.displayName,
					user.role,
					user.staffTitle,
					NO_PASSWORD,
					user.isActive ? 1 : 0,
					at
				);
			},
			createStudent(student: {
				userId: string;
				planId: string;
				grade: number | null;
				studentNumber: string;
				birthDate: string | null;
			}) {
				insertStudent.run(
					student.userId,
					student.planId,
					student.grade,
					student.studentNumber,
					student.birthDate
				);
			},
			/** Moves the account to this school; returns the staff whose caseload lost them. */
			moveHere(userId: string): string[] {
				moveUser.run(schoolId, userId);
				const ended = endOldCaseloads.all(userId, schoolId) as { staff_id: string }[];
				return ended.map((row) => row.staff_id);
			},
			updateUser(
				userId: string,
				fields: { username: string; displayName: string; staffTitle: StaffTitle | null; isActive: boolean }
			) {
				updateUser.run(
					fields.username,
					fields.displayName,
					fields.staffTitle,
					fields.isActive ? 1 : 0,
					userId,
					at
				);
			},
			updateStudent(userId: string, grade: number | null, studentNumber: string, birthDate: string | null) {
				updateStudent.run(grade, studentNumber, birthDate, userId);
			},
			addCaseload: (staffId: string, studentId: string) => addCaseload.run(staffId, studentId),
			removeCaseload: (staffId: string, studentId: string) => removeCaseload.run(staffId, studentId),
			addGuardian: (guardianId: string, studentId: string) => addGuardian.run(guardianId, studentId),
			removeGuardian: (guardianId: string, studentId: string) => removeGuardian.run(guardianId, studentId)
		};
	}

	/** Sets the first password of someone who has none (imported people). False when they already have one. */
	setFirstPassword(userId: string, passwordHash: string): boolean {
		const result = this.db
			.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?')
			.run(passwordHash, userId, NO_PASSWORD);
		return result.changes > 0;
	}

	/** Makes an admin a district admin (their rights then reach the district's schools). */
	setDistrict(userId: string, districtId: string): void {
		this.db
			.prepare("UPDATE users SET district_id = ? WHERE id = ? AND role = 'admin'")
			.run(districtId, userId);
	}

	/** Ends someone's district admin rights in this district; false when they had none there. */
	clearDistrict(userId: string, districtId: string): boolean {
		const result = this.db
			.prepare('UPDATE users SET district_id = NULL WHERE id = ? AND district_id = ?')
			.run(userId, districtId);
		return result.changes > 0;
	}
}
