/**
 * What a district allows, changed by its district admins on /district: for now one setting, whether
 * its district admins may read (never write) the plans of its schools. Off until someone turns it on;
 * every change is recorded, append-only. The relay reads the setting itself (accounts.ts
 * isDistrictReader), fresh on every check.
 */
import { SchoolStore } from '../auth/school-store';
import { transaction, type Database } from '../db';

export interface DistrictSettingChange {
	at: number;
	userId: string;
	setting: 'plans-readable';
	value: string;
}

export class DistrictSettings {
	private readonly schools: SchoolStore;

	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {
		this.schools = new SchoolStore(db, now);
	}

	arePlansReadable(districtId: string): boolean {
		const row = this.db.prepare('SELECT plans_readable FROM districts WHERE id = ?').get(districtId) as
			{ plans_readable: number } | undefined;
		return row?.plans_readable === 1;
	}

	/** Turns reading plans across the district on or off; false when it already was so (nothing recorded). */
	setPlansReadable(districtId: string, isReadable: boolean, byUserId: string): boolean {
		return transaction(this.db, () => {
			if (!this.schools.setPlansReadable(districtId, isReadable)) return false;
			this.db
				.prepare(
					'INSERT INTO district_setting_changes (at, user_id, district_id, setting, value) VALUES (?, ?, ?, ?, ?)'
				)
				.run(this.now(), byUserId, districtId, 'plans-readable', isReadable ? 'on' : 'off');
			return true;
		});
	}

	/** The newest change first. */
	changes(districtId: string): DistrictSettingChange[] {
		const rows = this.db
			.prepare(
				'SELECT at, user_id, setting, value FROM district_setting_changes WHERE district_id = ? ORDER BY id DESC'
			)
			.all(districtId) as { at: number; user_id: string; setting: 'plans-readable'; value: string }[];
		return rows.map((row) => ({ at: row.at, userId: row.user_id, setting: row.setting, value: row.value }));
	}
}
