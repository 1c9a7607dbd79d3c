/**
 * A refused or left-out row's reason, or a framework's problem, in the reader's language: from its
 * code and parameters (RowReason). Every reason the server writes has one; the English `reason` is
 * shown only for a code this version of the app does not know yet (a newer server).
 */
import { format, language, optionLabel, t } from '../messages';
import {
	orgLabel,
	type PersonChange,
	type PersonField,
	type RowProblem,
	type RowReason,
	type SchoolFieldChange
} from '../contracts/roster-report';

export function reasonWords(problem: RowProblem): string {
	return words(problem.why) ?? problem.reason;
}

/** "a, b and c" / "a, b y c" / …: a list in the reader's language. */
const list = (items: string[], type: 'conjunction' | 'disjunction' = 'conjunction') =>
	new Intl.ListFormat(language(), { type }).format(items);

export function words(why: RowReason): string | undefined {
	const w = t.rowReasons;
	switch (why.code) {
		case 'file-missing':
			return w.fileMissing;
		case 'csv-unreadable':
			return format(w.csvUnreadable, { detail: why.detail });
		case 'file-empty':
			return w.fileEmpty;
		case 'columns-missing':
			return format(w.columnsMissing, { count: why.columns.length, columns: list(why.columns) });
		case 'json-invalid':
			return format(w.jsonInvalid, { detail: why.detail });
		case 'field-empty':
			return format(w.fieldEmpty, { field: why.field });
		case 'names-empty':
			return format(w.namesEmpty, { given: why.given, family: why.family });
		case 'id-repeated':
			return format(w.idRepeated, { column: why.column, id: why.id, line: why.otherLine });
		case 'username-invalid':
			return format(w.usernameInvalid, { value: why.value });
		case 'username-repeated':
			return format(w.usernameRepeated, { username: why.username, line: why.otherLine });
		case 'username-taken':
			return format(w.usernameTaken, { username: why.username });
		case 'role-unknown':
			return why.allowed.length > 0
				? format(w.roleUnknownUse, { value: why.value, allowed: list(why.allowed, 'disjunction') })
				: format(w.roleUnknown, { value: why.value });
		case 'role-cannot-change':
			return format(w.roleCannotChange, { name: why.name, role: why.role });
		case 'grade-invalid':
			return format(w.gradeInvalid, { value: why.value });
		case 'org-unknown':
			return format(w.orgUnknown, { orgId: why.orgId });
		case 'org-not-writable':
			return format(w.orgNotWritable, { school: why.school, orgId: why.orgId });
		case 'no-school-written':
			return w.noSchoolWritten;
		case 'agent-row-refused':
			return format(w.agentRowRefused, { agentId: why.agentId });
		case 'agent-not-found':
			return format(why.wanted === 'student' ? w.agentNotStudent : w.agentNotGuardian, {
				agentId: why.agentId
			});
		case 'no-child-here':
			return w.noChildHere;
		case 'class-unknown':
			return format(w.classUnknown, { classId: why.classId });
		case 'user-unknown':
			return format(w.userUnknown, { userId: why.userId });
		case 'other-school-link':
			return format(why.link === 'advisor' ? w.advisorOtherSchool : w.guardianOtherSchool, {
				student: why.student
			});
		case 'guardian-needs-children':
			return w.guardianNeedsChildren;
		case 'advisor-not-staff':
			return format(w.advisorNotStaff, { advisorId: why.advisorId });
		case 'child-not-student':
			return format(w.childNotStudent, { studentId: why.studentId });
		case 'school-other-district':
			return format(w.schoolOtherDistrict, { school: why.school, orgId: why.orgId, district: why.district });
		case 'school-not-yours':
			return format(w.schoolNotYours, { school: why.school, orgId: why.orgId });
		case 'own-school-unknown':
			return w.ownSchoolUnknown;
		case 'own-school-is':
			return format(w.ownSchoolIs, { rosterId: why.rosterId, chosen: why.chosen });
		case 'school-not-in-file':
			return format(w.schoolNotInFile, { orgId: why.orgId });
		case 'roster-id-taken':
			return format(w.rosterIdTaken, { orgId: why.orgId, holder: why.holder });
		case 'choose-school':
			return format(w.chooseSchool, { count: why.orgIds.length, orgIds: list(why.orgIds) });
		case 'school-no-name':
			return format(w.schoolNoName, { orgId: why.orgId });
		case 'not-a-number':
			return why.value
				? format(w.notANumberValue, { field: why.field, value: why.value })
				: format(w.notANumber, { field: why.field });
		case 'not-a-list':
			return format(w.notAList, { field: why.field });
		case 'value-not-allowed':
			return format(w.valueNotAllowed, {
				field: why.field,
				value: why.value,
				allowed: list(why.allowed, 'disjunction')
			});
		case 'level-repeated':
			return format(w.levelRepeated, { level: why.level, scaleId: why.scaleId });
		case 'kind-conflict':
			return format(w.kindConflict, { id: why.id, first: why.first, second: why.second });
		case 'indicator-repeated':
			return format(w.indicatorRepeated, { id: why.id });
		case 'no-scales':
			return w.noScales;
		case 'no-proficiencies':
			return w.noProficiencies;
		case 'scale-repeated':
			return format(w.scaleRepeated, { scaleId: why.scaleId });
		case 'scale-too-short':
			return format(w.scaleTooShort, { scaleId: why.scaleId });
		case 'scale-level-twice':
			return format(w.scaleLevelTwice, { scaleId: why.scaleId });
		case 'proficiency-repeated':
			return format(w.proficiencyRepeated, { id: why.id });
		case 'too-many':
			return format(w.tooMany, { field: why.field, count: why.count, limit: why.limit });
		case 'case-item-repeated':
			return format(w.caseItemRepeated, { id: why.id });
		case 'case-link-unknown':
			return format(w.caseLinkUnknown, { field: why.field, id: why.id });
		case 'case-item-not-placed':
			return format(w.caseItemNotPlaced, { item: why.itemCode ? `${why.itemCode} (${why.id})` : why.id });
		case 'case-association-type-unknown':
			return format(w.caseAssociationTypeUnknown, { field: why.field, type: why.associationType });
		case 'case-association-origin-unknown':
			return format(w.caseAssociationOriginUnknown, {
				field: why.field,
				type: why.associationType,
				id: why.id
			});
		case 'case-association-of-document':
			return format(w.caseAssociationOfDocument, { field: why.field, type: why.associationType });
		case 'case-item-placed-twice':
			return format(w.caseItemPlacedTwice, { field: why.field, item: why.item });
		case 'case-criterion-no-levels':
			return format(w.caseCriterionNoLevels, { field: why.field });
		case 'case-criterion-no-item':
			return format(w.caseCriterionNoItem, { field: why.field });
		case 'case-criterion-item-unknown':
			return format(w.caseCriterionItemUnknown, { field: why.field, id: why.id });
		case 'case-criterion-for-indicator':
			return format(w.caseCriterionForIndicator, { field: why.field, item: why.item });
		case 'case-criterion-item-has-scale':
			return format(w.caseCriterionItemHasScale, { field: why.field, item: why.item });
		case 'scale-unknown':
			return format(w.scaleUnknown, { id: why.id, scaleId: why.scaleId });
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
		default:
			return unknown(why);
	}
}

/** One person's change in an import ("Amara Osei: grade 9 → 10"), in the reader's language. */
export function personChangeWords(change: PersonChange): string {
	const w = t.rowReasons;
	switch (change.code) {
		case 'person-new':
			return format(w.personNew, { name: change.name, role: optionLabel(change.role) });
		case 'person-adopted':
			return format(w.personAdopted, { name: change.name, username: change.username });
		case 'person-absent':
			return format(w.personAbsent, { name: change.name });
		case 'person-changed': {
			const fieldWords: Record<PersonField, string> = {
				name: w.fieldName,
				username: w.fieldUsername,
				title: w.fieldTitle,
				grade: w.fieldGrade,
				studentId: w.fieldStudentId,
				birthDate: w.fieldBirthDate,
				school: w.fieldSchool
			};
			const value = (field: PersonField, text: string) => (field === 'title' ? optionLabel(text) : text);
			const parts = change.fields.map(({ field, from, to }) =>
				format(w.fieldChange, { field: fieldWords[field], from: value(field, from), to: value(field, to) })
			);
			if (change.activity) parts.push(change.activity === 'back' ? w.backAtSchool : w.left);
			return format(w.personChanged, { name: change.name, changes: parts.join(', ') });
		}
	}
}

/** A school's change ("name A → B"), in the reader's language. */
export function schoolChangeWords({ field, from, to }: SchoolFieldChange): string {
	const w = t.rowReasons;
	if (field === 'rosterId') return format(w.schoolRosterId, { to });
	return format(w.fieldChange, { field: field === 'name' ? w.fieldName : w.fieldIdentifier, from, to });
}

/** A code from a newer server than this app (its English is shown); every known code is worded above. */
function unknown(why: never): undefined {
	void why;
	return undefined;
}
