/**
 * Students who graduated or left: the roster turned their account off (`users.left_at`), and for a
 * period their district sets (`districts.leaver_access_days`; a school of no district sets its own,
 * `schools.leaver_access_days`; else LEAVER_ACCESS_DAYS, default two years) they may still sign in
 * to read their own plan and download its archive — nothing else. An account an admin turned off
 * by hand has no `left_at`, so it reads nothing. Every change of a period is recorded, append-only
 * (`leaver_period_changes`: who, the old and the new days; null is the server's default).
 */
import { transaction, type Database } from '../db';
import { SchoolStore } from './school-store';

import type { LeaverPeriodChange, SchoolLeaverPeriod } from '../../../src/lib/contracts/api';

const DAY_MS = 86_400_000;

interface LeaverRow {
	role: string;
	is_active: number;
	left_at: number | null;
	days: number | null;
}

export class LeaverAccess {
	/** The periods live on the school and district rows, which SchoolStore alone writes. */
	private readonly schools: SchoolStore;

	constructor(
		private readonly db: Database,
		private readonly defaultDays: number,
		private readonly now: () => number = Date.now
	) {
		this.schools = new SchoolStore(db, now);
	}

	/** Until when (ms since 1970) this person may still read their plan as a leaver; null if they may not. */
	readableUntil(userId: string): number | null {
		const row = this.db
			.prepare(
				`SELECT u.role, u.is_active, u.left_at,
				 CASE WHEN s.district_id IS NULL THEN s.leaver_access_days ELSE d.leaver_access_days END AS days
				 FROM users u
				 JOIN schools s ON s.id = u.school_id LEFT JOIN districts d ON d.id = s.district_id WHERE u.id = ?`
			)
			.get(userId) as LeaverRow | undefined;
		if (!row || row.role !== 'student' || row.is_active === 1 || row.left_at === null) return null;
		const until = row.left_at + (row.days ?? this.defaultDays) * DAY_MS;
		return until > this.now() ? until : null;
	}

	/** The district's period in days, and whether it is the server's default (the district set none). */
	periodOf(districtId: string): { days: number; isDefault: boolean } {
		return this.period(this.schools.districtLeaverDays(districtId));
	}

	/**
	 * The period that applies to a school's students: its district's when it belongs to one (the
	 * school cannot change it then), else its own; either may be the server's default.
	 */
	periodOfSchool(schoolId: string): SchoolLeaverPeriod {
		const row = this.db
			.prepare(
				`SELECT s.leaver_access_days AS own, s.district_id, d.name AS district_name, d.leaver_access_days AS district_days
				 FROM schools s LEFT JOIN districts d ON d.id = s.district_id WHERE s.id = ?`
			)
			.get(schoolId) as
			| {
					own: number | null;
					district_id: string | null;
					district_name: string | null;
					district_days: number | null;
			  }
			| undefined;
		if (row?.district_id) {
			return {
				...this.period(row.district_days),
				setBy: 'district',
				districtName: row.district_name
			};
		}
		return { ...this.period(row?.own ?? null), setBy: 'school', districtName: null };
	}

	/** Sets the district's period (null: the server's default); recorded when it changed. */
	setPeriod(districtId: string, days: number | null, byUserId: string): void {
		transaction(this.db, () => {
			const old = this.schools.districtLeaverDays(districtId);
			if (old === days) return;
			this.schools.setDistrictLeaverDays(districtId, days);
			this.record(byUserId, { districtId }, old, days);
		});
	}

	/** Sets the period of a school of no district (null: the server's default); recorded when it changed. */
	setSchoolPeriod(schoolId: string, days: number | null, byUserId: string): void {
		transaction(this.db, () => {
			const old = this.schools.leaverDays(schoolId);
			if (old === days) return;
			this.schools.setLeaverDays(schoolId, days);
			this.record(byUserId, { schoolId }, old, days);
		});
	}

	/** Who changed a district's or a school's period, from what to what; the newest first. */
	changes(of: { districtId: string } | { schoolId: string }, limit = 50): LeaverPeriodChange[] {
		const [column, id] = 'districtId' in of ? ['district_id', of.districtId] : ['school_id', of.schoolId];
		const rows = this.db
			.prepare(
				`SELECT c.at, c.user_id, u.display_name, c.old_days, c.new_days FROM leaver_period_changes c
				 LEFT JOIN users u ON u.id = c.user_id WHERE c.${column} = ? ORDER BY c.id DESC LIMIT ?`
			)
			.all(id, limit) as {
			at: number;
			user_id: string;
			display_name: string | null;
			old_days: number | null;
			new_days: number | null;
		}[];
		return rows.map((row) => ({
			at: new Date(row.at).toISOString(),
			userId: row.user_id,
			userName: row.display_name,
			from: this.period(row.old_days),
			to: this.period(row.new_days)
		}));
	}

	/** The changes of the period a school's students follow: its district's, or its own. */
	changesForSchool(schoolId: string): LeaverPeriodChange[] {
		const row = this.db.prepare('SELECT district_id FROM schools WHERE id = ?').get(schoolId) as
			{ district_id: string | null } | undefined;
		return row?.district_id ? this.changes({ districtId: row.district_id }) : this.changes({ schoolId });
	}

	private period(days: number | null): { days: number; isDefault: boolean } {
		return { days: days ?? this.defaultDays, isDefault: days === null };
	}

	private record(
		userId: string,
		of: { districtId?: string; schoolId?: string },
		oldDays: number | null,
		newDays: number | null
	): void {
		this.db
			.prepare(
				'INSERT INTO leaver_period_changes (at, user_id, district_id, school_id, old_days, new_days) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(this.now(), userId, of.districtId ?? null, of.schoolId ?? null, oldDays, newDays);
	}
}
