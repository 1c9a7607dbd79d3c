/**
 * Who may do what with a school's self-assessment, decided on the server on every request:
 *   read         the school's admins and team; a district admin, for every school of their district
 *   rate / save  the school's admins and team (a district admin reads other schools, never rates them)
 *   manage team  the school's admins
 */
import type { User } from '../auth/accounts';
import type { SchoolStore } from '../auth/school-store';
import type { TeamStore } from './team-store';

export interface SchoolRights {
	canRead: boolean;
	canEdit: boolean;
	canManageTeam: boolean;
}

export class AssessmentRights {
	constructor(
		private readonly schools: SchoolStore,
		private readonly team: TeamStore
	) {}

	of(user: User, schoolId: string): SchoolRights {
		const isOwnAdmin = user.role === 'admin' && user.schoolId === schoolId;
		const isTeam =
			user.role === 'staff' && user.schoolId === schoolId && this.team.isMember(schoolId, user.id);
		const canEdit = user.isActive && (isOwnAdmin || isTeam);
		return {
			canRead: canEdit || (user.isActive && this.isDistrictSchool(user, schoolId)),
			canEdit,
			canManageTeam: user.isActive && isOwnAdmin
		};
	}

	/** The schools a person may read, their own first. */
	schoolsOf(user: User): { id: string; name: string }[] {
		const own = this.schools.school(user.schoolId);
		const district = this.schools.districtOf(user.id);
		const others = district
			? this.schools
					.ofDistrict(district.id)
					.filter((school) => school.id !== user.schoolId)
					.sort((a, b) => a.name.localeCompare(b.name))
			: [];
		const ownList = own && this.of(user, own.id).canRead ? [own] : [];
		return [...ownList, ...others].map(({ id, name }) => ({ id, name }));
	}

	private isDistrictSchool(user: User, schoolId: string): boolean {
		const district = this.schools.districtOf(user.id);
		return !!district && this.schools.school(schoolId)?.districtId === district.id;
	}
}
