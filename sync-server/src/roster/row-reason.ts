/**
 * A row problem from its code: the code and parameters for the app to word, and the same reason
 * in English for logs and API clients.
 */
import {
	orgLabel,
	type PersonChange,
	type PersonField,
	type RowReason,
	type SchoolFieldChange
} from '../../../src/lib/contracts/roster-report';
import type { RowProblem } from './roster-types';

export type { RowReason };

const orList = (items: string[]) =>
	items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : (items[0] ?? '');

/** The one place the server's English for a reason is made (logs, API clients, the school_changes detail). */
export function english(why: RowReason): string {
	switch (why.code) {
		case 'file-missing':
			return 'this file is missing';
		case 'csv-unreadable':
			return `the file could not be read as CSV (${why.detail})`;
		case 'file-empty':
			return 'the file is empty';
		case 'columns-missing':
			return `missing column${why.columns.length > 1 ? 's' : ''}: ${why.columns.join(', ')}`;
		case 'json-invalid':
			return `not valid JSON (${why.detail})`;
		case 'field-empty':
			return `${why.field} is empty`;
		case 'names-empty':
			return `${why.given} and ${why.family} are empty`;
		case 'id-repeated':
			return `${why.column} ${why.id} is also on line ${why.otherLine}`;
		case 'username-invalid':
			return `username "${why.value}" cannot be used (3–40 letters, digits, dots, dashes)`;
		case 'username-repeated':
			return `username ${why.username} is also on line ${why.otherLine}`;
		case 'username-taken':
			return `username ${why.username} is already used by another account`;
		case 'role-unknown':
			return why.allowed.length > 0
				? `unknown role "${why.value}" (use ${orList(why.allowed)})`
				: `unknown role "${why.value}"`;
		case 'role-cannot-change':
			return `${why.name} is a ${why.role} in Pathways; a role cannot change by import`;
		case 'grade-invalid':
			return `grade "${why.value}" is not a grade from KG to 13`;
		case 'org-unknown':
			return `org ${why.orgId} is not in orgs.csv`;
		case 'org-not-writable':
			return `belongs to ${why.school} (${why.orgId}), which this import may not change`;
		case 'no-school-written':
			return 'belongs to no school this import writes';
		case 'agent-row-refused':
			return `linked to ${why.agentId}, whose row was not imported`;
		case 'agent-not-found':
			return `linked to ${why.agentId}, who is not ${why.wanted === 'student' ? 'a student' : 'a guardian or parent'} in users.csv`;
		case 'no-child-here':
			return 'no child in this school';
		case 'class-unknown':
			return `class ${why.classId} is not in classes.csv`;
		case 'user-unknown':
			return `user ${why.userId} is not in users.csv for the schools imported`;
		case 'other-school-link':
			return `${why.link === 'advisor' ? 'advises' : 'guardian of'} ${why.student} is at another school: link them by hand`;
		case 'guardian-needs-children':
			return 'a guardian needs student_ids (the ids of their children)';
		case 'advisor-not-staff':
			return `advisor_id ${why.advisorId} is not a staff row in this file`;
		case 'child-not-student':
			return `linked to ${why.studentId}, who is not a student in this file`;
		case 'school-other-district':
			return `${why.school} (${why.orgId}) is a school of another district: it cannot be changed from ${why.district}`;
		case 'school-not-yours':
			return `${why.school} (${why.orgId}) is not your school: only a district admin can create or change other schools`;
		case 'own-school-unknown':
			return 'your school is not known';
		case 'own-school-is':
			return `your school is ${why.rosterId} in the roster, not ${why.chosen}`;
		case 'school-not-in-file':
			return `no school with sourcedId ${why.orgId}`;
		case 'roster-id-taken':
			return `${why.orgId} is already the roster id of ${why.holder}`;
		case 'choose-school':
			return `${why.orgIds.length} schools: choose which one is yours (${why.orgIds.join(', ')})`;
		case 'school-no-name':
			return `school ${why.orgId} has no name`;
		case 'not-a-number':
			return why.value ? `${why.field} "${why.value}" is not a number` : `${why.field} is not a number`;
		case 'not-a-list':
			return `${why.field} must be a list`;
		case 'value-not-allowed':
			return `${why.field} "${why.value}" is not one of: ${why.allowed.join(', ')}`;
		case 'level-repeated':
			return `level ${why.level} of scale ${why.scaleId} is listed twice`;
		case 'kind-conflict':
			return `proficiency ${why.id} is listed as both ${why.first} and ${why.second}`;
		case 'indicator-repeated':
			return `indicator ${why.id} is listed twice`;
		case 'no-scales':
			return 'there is no assessment scale';
		case 'no-proficiencies':
			return 'there are no proficiencies';
		case 'scale-repeated':
			return `scale ${why.scaleId} is listed twice`;
		case 'scale-too-short':
			return `scale ${why.scaleId} needs at least two levels`;
		case 'scale-level-twice':
			return `scale ${why.scaleId} lists a level twice`;
		case 'proficiency-repeated':
			return `proficiency ${why.id} is listed twice`;
		case 'too-many':
			return `${why.field} has ${why.count} entries: at most ${why.limit} are read`;
		case 'case-item-repeated':
			return `CFItem ${why.id} is listed twice`;
		case 'case-link-unknown':
			return `${why.field} names ${why.id}, which is not among the CFItems`;
		case 'case-item-not-placed':
			return `CFItem ${why.itemCode ? `${why.itemCode} (${why.id})` : why.id} is under neither the document nor another item (no isChildOf)`;
		case 'case-association-type-unknown':
			return `${why.field}: ${why.associationType} is not a CASE 1.0 association type, so it is not used`;
		case 'case-association-origin-unknown':
			return `${why.field} (${why.associationType}) starts from ${why.id}, which is not among the CFItems, so it is not used`;
		case 'case-association-of-document':
			return `${why.field} (${why.associationType}) is about the CFDocument as a whole, not one of its items, so it is not used`;
		case 'case-item-placed-twice':
			return `${why.field}: ${why.item} already has a parent earlier in CFAssociations; only its first place is used`;
		case 'case-criterion-no-levels':
			return `${why.field} has no CFRubricCriterionLevels, so it is not used`;
		case 'case-criterion-no-item':
			return `${why.field} has levels of its own but names no CFItem, so it is not used`;
		case 'case-criterion-item-unknown':
			return `${why.field} is for ${why.id}, which is not among the CFItems, so it is not used`;
		case 'case-criterion-for-indicator':
			return `${why.field} is for the indicator ${why.item}; an indicator is assessed on its proficiency's scale, so it is not used`;
		case 'case-criterion-item-has-scale':
			return `${why.field}: ${why.item} already has its scale from an earlier criterion, so this one is not used`;
		case 'scale-unknown':
			return `proficiency ${why.id} uses scale ${why.scaleId}, which is not in the scales`;
		case 'manifest-says-absent':
			return 'manifest.csv says this file is absent: send the manifest that came with it';
		case 'manifest-does-not-list':
			return 'manifest.csv says this file is not in the export: send the manifest that came with it';
		case 'manifest-file-missing':
			return `manifest.csv lists this file (${why.mode}) but it is not among the files`;
		case 'manifest-version':
			return `OneRoster version "${why.value}": Pathways reads 1.1 and 1.2`;
		case 'manifest-mode':
			return `${why.property} is "${why.value}": it must be bulk, delta or absent`;
		case 'no-school-org':
			return 'no org of type "school"';
		case 'org-in-no-school':
			return `${why.orgs.map(orgLabel).join(', ')} is in no school`;
		case 'role-not-used':
			return `role "${why.role}" has no Pathways account`;
		case 'no-role-in-roles':
			return 'no role for this user in roles.csv';
		case 'no-org-in-roles':
			return 'no org for this user in roles.csv';
		case 'roles-file-missing':
			return 'this file is missing (OneRoster 1.2 keeps roles in it)';
		case 'role-deleted':
			return 'role marked tobedeleted';
		case 'role-of-unknown-user':
			return why.isDelta
				? `user ${why.userId} is not in this delta's users.csv: the role is not changed`
				: `user ${why.userId} is not in users.csv`;
		case 'profile-of-unknown-user':
			return `user ${why.userId} is not in users.csv`;
		case 'birth-date-invalid':
			return `birthDate "${why.value}" is not a date (YYYY-MM-DD)`;
		case 'birth-date-not-student':
			return `${why.userId} is not a student imported here: only students' birth dates are kept`;
		case 'birth-date-row-refused':
			return `${why.userId}'s row in users.csv was not imported`;
		case 'delta-class-unknown':
			return `class ${why.classId} is not in this delta's classes.csv: advisor links come from a bulk export`;
		case 'delta-user-unknown':
			return `user ${why.userId} is not in this delta's users.csv: advisor links come from a bulk export`;
	}
}

const FIELD_ENGLISH: Record<PersonField, string> = {
	name: 'name',
	username: 'username',
	title: 'title',
	grade: 'grade',
	studentId: 'student ID',
	birthDate: 'birth date',
	school: 'school'
};

/** A person's change in English ("Amara Osei: grade 9 → 10"), for the report's `changes`. */
export function personChangeEnglish(change: PersonChange): string {
	switch (change.code) {
		case 'person-new':
			return `${change.name}: new ${change.role}`;
		case 'person-adopted':
			return `${change.name}: existing account ${change.username} now kept by the roster`;
		case 'person-absent':
			return `${change.name}: not in the file any more, turned off`;
		case 'person-changed': {
			const parts = change.fields.map(({ field, from, to }) => `${FIELD_ENGLISH[field]} ${from} → ${to}`);
			if (change.activity) parts.push(change.activity === 'back' ? 'back at school' : 'left');
			return `${change.name}: ${parts.join(', ')}`;
		}
	}
}

/** A school's change in English ("name A → B"), for the report and the school_changes record. */
export function schoolChangeEnglish({ field, from, to }: SchoolFieldChange): string {
	return field === 'rosterId' ? `roster id → ${to}` : `${field} ${from} → ${to}`;
}

export function rowProblem(file: string, line: number, why: RowReason): RowProblem {
	return { file, line, reason: english(why), why };
}
