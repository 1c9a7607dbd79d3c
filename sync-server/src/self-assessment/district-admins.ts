/**
 * District admins, named and removed on a screen (before, only in the database): an admin whose
 * account carries a district reads every school of it. Every change is recorded, append-only.
 */
import type { DistrictPerson } from '../../../src/lib/contracts/self-assessment';
import { AccountStore } from '../auth/accounts';
import { transaction, type Database } from '../db';

type PersonRow = { id: string; display_name: string; school_name: string };

const toPerson = (row: PersonRow): DistrictPerson => ({
	userId: row.id,
	name: row.display_name,
	schoolName: row.school_name
});

export class DistrictAdmins {
	/** users.district_id has one writer: the account store. */
	private readonly accounts: AccountStore;

	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {
		this.accounts = new AccountStore(db, now);
	}

	/** The district's admins, by name. */
	of(districtId: string): DistrictPerson[] {
		const rows = this.db
			.prepare(
				`SELECT u.id, u.display_name, s.name AS school_name FROM users u JOIN schools s ON s.id = u.school_id
				 WHERE u.district_id = ? AND u.role = 'admin' AND u.is_active = 1 ORDER BY u.display_name`
			)
			.all(districtId) as PersonRow[];
		return rows.map(toPerson);
	}

	/** Active admins of the district's schools who are not district admins. */
	candidates(districtId: string): DistrictPerson[] {
		const rows = this.db
			.prepare(
				`SELECT u.id, u.display_name, s.name AS school_name FROM users u JOIN schools s ON s.id = u.school_id
				 WHERE s.district_id = ? AND u.role = 'admin' AND u.is_active = 1
				   AND (u.district_id IS NULL OR u.district_id <> ?) ORDER BY u.display_name`
			)
			.all(districtId, districtId) as PersonRow[];
		return rows.map(toPerson);
	}

	/** Names a candidate; false when they are not one (not an active admin of a school of the district). */
	name(districtId: string, targetId: string, byUserId: string): boolean {
		if (!this.candidates(districtId).some((person) => person.userId === targetId)) return false;
		this.appoint(districtId, targetId, byUserId);
		return true;
	}

	/** Makes an admin a district admin and records who did (first-district-admin.ts checks them itself). */
	appoint(districtId: string, targetId: string, byUserId: string): void {
		transaction(this.db, () => {
			this.makeDistrictAdmin(targetId, districtId);
			this.record(byUserId, districtId, targetId, 'named');
		});
	}

	/**
	 * Gives an admin the rights of a whole district (importing creates and updates its schools),
	 * unrecorded: for seeding the demo and tests only; people are named through appoint().
	 */
	makeDistrictAdmin(userId: string, districtId: string): void {
		this.accounts.setDistrict(userId, districtId);
	}

	/** Removes a district admin of this district; false when they were not one. */
	remove(districtId: string, targetId: string, byUserId: string): boolean {
		return transaction(this.db, () => {
			if (!this.accounts.clearDistrict(targetId, districtId)) return false;
			this.record(byUserId, districtId, targetId, 'removed');
			return true;
		});
	}

	changes(districtId: string): { userId: string; targetId: string; action: string }[] {
		const rows = this.db
			.prepare(
				'SELECT user_id, target_id, action FROM district_admin_changes WHERE district_id = ? ORDER BY id DESC'
			)
			.all(districtId) as { user_id: string; target_id: string; action: string }[];
		return rows.map((row) => ({ userId: row.user_id, targetId: row.target_id, action: row.action }));
	}

	private record(userId: string, districtId: string, targetId: string, action: 'named' | 'removed'): void {
		this.db
			.prepare(
				'INSERT INTO district_admin_changes (at, user_id, district_id, target_id, action) VALUES (?, ?, ?, ?, ?)'
			)
			.run(this.now(), userId, districtId, targetId, action);
	}
}
