/**
 * The one writer of the `schools` and `districts` tables: a school's OneRoster org (sourcedId,
 * identifier), the district an admin acts for, the writes of an import that creates or updates
 * schools and the append-only record of those changes (and of refused ones), and the settings
 * kept on a school or district row (the leavers' period, reading plans across a district; their
 * records of change stay with leavers.ts and district-settings.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db';

export interface SchoolRecord {
	id: string;
	name: string;
	/** The OneRoster org sourcedId, null until the first import names it. */
	sourceId: string | null;
	identifier: string | null;
	districtId: string | null;
}

export interface District {
	id: string;
	name: string;
}

export type SchoolChangeAction = 'created' | 'updated' | 'refused';

type Row = Record<string, unknown>;
const SCHOOL_COLUMNS = 'id, name, source_id, identifier, district_id';

function toSchool(row: Row): SchoolRecord {
	return {
		id: row.id as string,
		name: row.name as string,
		sourceId: (row.source_id as string | null) ?? null,
		identifier: (row.identifier as string | null) ?? null,
		districtId: (row.district_id as string | null) ?? null
	};
}

export class SchoolStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	school(id: string): SchoolRecord | undefined {
		const row = this.db.prepare(`SELECT ${SCHOOL_COLUMNS} FROM schools WHERE id = ?`).get(id) as
			Row | undefined;
		return row && toSchool(row);
	}

	/** The schools of a district. */
	ofDistrict(districtId: string): SchoolRecord[] {
		const rows = this.db
			.prepare(`SELECT ${SCHOOL_COLUMNS} FROM schools WHERE district_id = ?`)
			.all(districtId) as Row[];
		return rows.map(toSchool);
	}

	bySourceId(sourceId: string): SchoolRecord | undefined {
		const row = this.db.prepare(`SELECT ${SCHOOL_COLUMNS} FROM schools WHERE source_id = ?`).get(sourceId) as
			Row | undefined;
		return row && toSchool(row);
	}

	/** The district an admin acts for (their rights cover every school of it), if any. */
	districtOf(userId: string): District | undefined {
		const row = this.db
			.prepare(
				"SELECT d.id, d.name FROM users u JOIN districts d ON d.id = u.district_id WHERE u.id = ? AND u.role = 'admin'"
			)
			.get(userId) as Row | undefined;
		return row && { id: row.id as string, name: row.name as string };
	}

	createDistrict(id: string, name: string): void {
		this.db
			.prepare('INSERT INTO districts (id, name, created_at) VALUES (?, ?, ?)')
			.run(id, name, this.now());
	}

	joinDistrict(schoolId: string, districtId: string): void {
		this.db.prepare('UPDATE schools SET district_id = ? WHERE id = ?').run(districtId, schoolId);
	}

	/** A new school (a fresh id unless one is given); what the roster says of it may come later. */
	createSchool(school: Partial<SchoolRecord> & { name: string }): SchoolRecord {
		const record: SchoolRecord = {
			id: school.id ?? randomUUID(),
			name: school.name,
			sourceId: school.sourceId ?? null,
			identifier: school.identifier ?? null,
			districtId: school.districtId ?? null
		};
		this.db
			.prepare(
				'INSERT INTO schools (id, name, source_id, identifier, district_id, created_at) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(record.id, record.name, record.sourceId, record.identifier, record.districtId, this.now());
		return record;
	}

	/** A school's own leavers' period in days; null for the server's default (leavers.ts). */
	leaverDays(schoolId: string): number | null {
		const row = this.db
			.prepare('SELECT leaver_access_days AS days FROM schools WHERE id = ?')
			.get(schoolId) as { days: number | null } | undefined;
		return row?.days ?? null;
	}

	setLeaverDays(schoolId: string, days: number | null): void {
		this.db.prepare('UPDATE schools SET leaver_access_days = ? WHERE id = ?').run(days, schoolId);
	}

	/** A district's leavers' period in days; null for the server's default (leavers.ts). */
	districtLeaverDays(districtId: string): number | null {
		const row = this.db
			.prepare('SELECT leaver_access_days AS days FROM districts WHERE id = ?')
			.get(districtId) as { days: number | null } | undefined;
		return row?.days ?? null;
	}

	setDistrictLeaverDays(districtId: string, days: number | null): void {
		this.db.prepare('UPDATE districts SET leaver_access_days = ? WHERE id = ?').run(days, districtId);
	}

	/** Whether the district's admins may read its schools' plans (district-settings.ts); false when it already was so. */
	setPlansReadable(districtId: string, isReadable: boolean): boolean {
		const value = isReadable ? 1 : 0;
		return (
			this.db
				.prepare('UPDATE districts SET plans_readable = ? WHERE id = ? AND plans_readable <> ?')
				.run(value, districtId, value).changes > 0
		);
	}

	updateSchool(id: string, fields: { name: string; sourceId: string; identifier: string | null }): void {
		this.db
			.prepare('UPDATE schools SET name = ?, source_id = ?, identifier = ? WHERE id = ?')
			.run(fields.name, fields.sourceId, fields.identifier, id);
	}

	recordChange(change: {
		userId: string;
		schoolId: string | null;
		sourceId: string;
		action: SchoolChangeAction;
		detail: string;
	}): void {
		this.db
			.prepare(
				'INSERT INTO school_changes (at, user_id, school_id, source_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(this.now(), change.userId, change.schoolId, change.sourceId, change.action, change.detail);
	}

	/** The newest changes first (for the tests and for an admin screen to come). */
	changes(
		limit = 100
	): { userId: string; schoolId: string | null; sourceId: string; action: string; detail: string }[] {
		const rows = this.db
			.prepare(
				'SELECT user_id, school_id, source_id, action, detail FROM school_changes ORDER BY id DESC LIMIT ?'
			)
			.all(limit) as Row[];
		return rows.map((row) => ({
			userId: row.user_id as string,
			schoolId: (row.school_id as string | null) ?? null,
			sourceId: row.source_id as string,
			action: row.action as string,
			detail: row.detail as string
		}));
	}
}
