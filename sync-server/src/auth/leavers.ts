/**
 * Students who graduated or left: the roster turned their account off (`users.left_at`), and for a
 * period their district sets (`districts.leaver_access_days`, else LEAVER_ACCESS_DAYS, default two
 * years) they may still sign in to read their own plan and download its archive — nothing else.
 * An account an admin turned off by hand has no `left_at`, so it reads nothing.
 */
import type { Database } from '../db';

const DAY_MS = 86_400_000;

interface LeaverRow {
	role: string;
	is_active: number;
	left_at: number | null;
	days: number | null;
}

export class LeaverAccess {
	constructor(
		private readonly db: Database,
		private readonly defaultDays: number,
		private readonly now: () => number = Date.now
	) {}

	/** Until when (ms since 1970) this person may still read their plan as a leaver; null if they may not. */
	readableUntil(userId: string): number | null {
		const row = this.db
			.prepare(
				`SELECT u.role, u.is_active, u.left_at, d.leaver_access_days AS days FROM users u
				 JOIN schools s ON s.id = u.school_id LEFT JOIN districts d ON d.id = s.district_id WHERE u.id = ?`
			)
			.get(userId) as LeaverRow | undefined;
		if (!row || row.role !== 'student' || row.is_active === 1 || row.left_at === null) return null;
		const until = row.left_at + (row.days ?? this.defaultDays) * DAY_MS;
		return until > this.now() ? until : null;
	}

	/** The district's period in days, and whether it is the server's default (the district set none). */
	periodOf(districtId: string): { days: number; isDefault: boolean } {
		const row = this.db
			.prepare('SELECT leaver_access_days AS days FROM districts WHERE id = ?')
			.get(districtId) as { days: number | null } | undefined;
		const days = row?.days ?? null;
		return { days: days ?? this.defaultDays, isDefault: days === null };
	}

	/** Sets the district's period (null: the server's default). */
	setPeriod(districtId: string, days: number | null): void {
		this.db.prepare('UPDATE districts SET leaver_access_days = ? WHERE id = ?').run(days, districtId);
	}
}
