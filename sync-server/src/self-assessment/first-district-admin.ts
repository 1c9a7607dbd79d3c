/**
 * Naming a district admin from the server itself (`npm run district-admin`), for the first one of a
 * district: on /district only a district admin names others, so someone must be first. Refuses
 * anyone who is not an active school admin; recorded in district_admin_changes like a change made
 * on the screen, by "command-line".
 */
import { randomUUID } from 'node:crypto';
import type { AccountStore } from '../auth/accounts';
import { transaction, type Database } from '../db';
import { SchoolStore } from '../auth/school-store';
import { DistrictAdmins } from './district-admins';

export const COMMAND_LINE = 'command-line';

export class DistrictAdminError extends Error {
	override name = 'DistrictAdminError';
}

export interface NamedDistrictAdmin {
	displayName: string;
	districtName: string;
	isNewDistrict: boolean;
	wasAlready: boolean;
}

/**
 * Makes the admin `username` a district admin of their school's district. A school not in a district
 * yet joins a new one named `newDistrictName` (without it, the error says how).
 */
export function nameDistrictAdmin(
	db: Database,
	accounts: AccountStore,
	username: string,
	options: { newDistrictName?: string; now?: () => number } = {}
): NamedDistrictAdmin {
	const now = options.now ?? Date.now;
	const schools = new SchoolStore(db, now);
	const user = accounts.findByUsername(username);
	if (!user) throw new DistrictAdminError(`There is no account with the username "${username}".`);
	if (user.role !== 'admin' || !user.isActive) {
		throw new DistrictAdminError(
			`${user.displayName} (${user.username}) is not an active school admin: only a school admin can be a district admin.`
		);
	}
	const school = schools.school(user.schoolId);
	if (!school) throw new DistrictAdminError(`The school of ${user.displayName} was not found.`);
	return transaction(db, () => {
		let districtId = school.districtId;
		let isNewDistrict = false;
		if (!districtId) {
			const name = options.newDistrictName?.trim();
			if (!name) {
				throw new DistrictAdminError(
					`${school.name} is not in a district yet. Name one to create it: npm run district-admin -- ${user.username} --new-district "District name"`
				);
			}
			districtId = `district-${randomUUID()}`;
			schools.createDistrict(districtId, name);
			schools.joinDistrict(school.id, districtId);
			isNewDistrict = true;
		}
		const district = db.prepare('SELECT name FROM districts WHERE id = ?').get(districtId) as {
			name: string;
		};
		const wasAlready = schools.districtOf(user.id)?.id === districtId;
		if (!wasAlready) new DistrictAdmins(db, now).appoint(districtId, user.id, COMMAND_LINE);
		return { displayName: user.displayName, districtName: district.name, isNewDistrict, wasAlready };
	});
}
