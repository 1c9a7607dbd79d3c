/**
 * A refused or left-out row's reason in the reader's language: from its code and parameters when
 * the server sent one (RowReason), else the server's English words.
 */
import { format, t } from '../messages';
import { orgLabel, type RowProblem, type RowReason } from './roster-report';

export function reasonWords(problem: RowProblem): string {
	return problem.why ? words(problem.why) : problem.reason;
}

function words(why: RowReason): string {
	const w = t.rowReasons;
	switch (why.code) {
		case 'manifest-says-absent':
			return w.manifestSaysAbsent;
		case 'manifest-does-not-list':
			return w.manifestDoesNotList;
		case 'manifest-file-missing':
			return format(w.manifestFileMissing, { mode: why.mode });
		case 'manifest-version':
			return format(w.manifestVersion, { value: why.value });
		case 'manifest-mode':
			return format(w.manifestMode, { property: why.property, value: why.value });
		case 'no-school-org':
			return w.noSchoolOrg;
		case 'org-in-no-school':
			return format(w.orgInNoSchool, { orgs: why.orgs.map(orgLabel).join(', ') });
		case 'role-not-used':
			return format(w.roleNotUsed, { role: why.role });
		case 'no-role-in-roles':
			return w.noRoleInRoles;
		case 'no-org-in-roles':
			return w.noOrgInRoles;
		case 'roles-file-missing':
			return w.rolesFileMissing;
		case 'role-deleted':
			return w.roleDeleted;
		case 'role-of-unknown-user':
			return format(why.isDelta ? w.roleOfUnknownUserDelta : w.roleOfUnknownUser, { userId: why.userId });
		case 'profile-of-unknown-user':
			return format(w.profileOfUnknownUser, { userId: why.userId });
		case 'birth-date-invalid':
			return format(w.birthDateInvalid, { value: why.value });
		case 'birth-date-not-student':
			return format(w.birthDateNotStudent, { userId: why.userId });
		case 'birth-date-row-refused':
			return format(w.birthDateRowRefused, { userId: why.userId });
		case 'delta-class-unknown':
			return format(w.deltaClassUnknown, { classId: why.classId });
		case 'delta-user-unknown':
			return format(w.deltaUserUnknown, { userId: why.userId });
	}
}
