/** Reasons the server sends as codes are worded by the app, in the reader's language. */
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../messages/languages';
import { setLanguage } from '../messages/i18n.svelte';
import type { PersonChange, RowProblem, RowReason } from '../contracts/roster-report';
import { personChangeWords, reasonWords, schoolChangeWords, words } from './row-reason-words';

type Samples = { [C in RowReason['code']]: Extract<RowReason, { code: C }>[] };

/**
 * One reason of every code (the type makes a new code without a sample fail `npm run check`),
 * with parameters that must each show in the words, in every language.
 */
const SAMPLES: Samples = {
	'file-missing': [{ code: 'file-missing' }],
	'csv-unreadable': [{ code: 'csv-unreadable', detail: 'Invalid Closing Quote' }],
	'file-empty': [{ code: 'file-empty' }],
	'columns-missing': [
		{ code: 'columns-missing', columns: ['role'] },
		{ code: 'columns-missing', columns: ['role', 'familyName'] }
	],
	'json-invalid': [{ code: 'json-invalid', detail: 'Unexpected token' }],
	'field-empty': [{ code: 'field-empty', field: 'sourcedId' }],
	'names-empty': [{ code: 'names-empty', given: 'givenName', family: 'familyName' }],
	'id-repeated': [{ code: 'id-repeated', column: 'sourcedId', id: 's-abe', otherLine: 6 }],
	'username-invalid': [{ code: 'username-invalid', value: '@@' }],
	'username-repeated': [{ code: 'username-repeated', username: 'tom.hill', otherLine: 4 }],
	'username-taken': [{ code: 'username-taken', username: 'rivera' }],
	'role-unknown': [
		{ code: 'role-unknown', value: 'wizard', allowed: [] },
		{ code: 'role-unknown', value: 'principal', allowed: ['student', 'advisor', 'guardian'] }
	],
	'role-cannot-change': [{ code: 'role-cannot-change', name: 'Sam Park', role: 'staff' }],
	'grade-invalid': [{ code: 'grade-invalid', value: '1O' }],
	'org-unknown': [{ code: 'org-unknown', orgId: 'org-zz' }],
	'org-not-writable': [{ code: 'org-not-writable', school: 'Bayside Middle', orgId: 'org-bay' }],
	'no-school-written': [{ code: 'no-school-written' }],
	'agent-row-refused': [{ code: 'agent-row-refused', agentId: 's-bea' }],
	'agent-not-found': [
		{ code: 'agent-not-found', agentId: 's-ghost', wanted: 'student' },
		{ code: 'agent-not-found', agentId: 'g-ghost', wanted: 'guardian' }
	],
	'no-child-here': [{ code: 'no-child-here' }],
	'class-unknown': [{ code: 'class-unknown', classId: 'c-9' }],
	'user-unknown': [{ code: 'user-unknown', userId: 's-cy' }],
	'other-school-link': [
		{ code: 'other-school-link', link: 'advisor', student: 'Abe Lin' },
		{ code: 'other-school-link', link: 'guardian', student: 'Abe Lin' }
	],
	'guardian-needs-children': [{ code: 'guardian-needs-children' }],
	'advisor-not-staff': [{ code: 'advisor-not-staff', advisorId: 'A9' }],
	'child-not-student': [{ code: 'child-not-student', studentId: 'S7' }],
	'school-other-district': [
		{ code: 'school-other-district', school: 'Hill View', orgId: 'org-hv', district: 'River District' }
	],
	'school-not-yours': [{ code: 'school-not-yours', school: 'Hill View', orgId: 'org-hv' }],
	'own-school-unknown': [{ code: 'own-school-unknown' }],
	'own-school-is': [{ code: 'own-school-is', rosterId: 'org-hv', chosen: 'org-bay' }],
	'school-not-in-file': [{ code: 'school-not-in-file', orgId: 'org-qq' }],
	'roster-id-taken': [{ code: 'roster-id-taken', orgId: 'org-hv', holder: 'Hill View' }],
	'choose-school': [{ code: 'choose-school', orgIds: ['org-hv', 'org-bay'] }],
	'school-no-name': [{ code: 'school-no-name', orgId: 'org-x' }],
	'not-a-number': [
		{ code: 'not-a-number', field: 'level', value: 'four' },
		{ code: 'not-a-number', field: 'scales[0].levels[1].value', value: '' }
	],
	'not-a-list': [{ code: 'not-a-list', field: 'scales' }],
	'value-not-allowed': [
		{ code: 'value-not-allowed', field: 'kind', value: 'wisdom', allowed: ['graduation', 'transferable'] }
	],
	'level-repeated': [{ code: 'level-repeated', level: 3, scaleId: 'four-step' }],
	'kind-conflict': [{ code: 'kind-conflict', id: 'SCI-1', first: 'graduation', second: 'transferable' }],
	'indicator-repeated': [{ code: 'indicator-repeated', id: 'SCI-1.a' }],
	'no-scales': [{ code: 'no-scales' }],
	'no-proficiencies': [{ code: 'no-proficiencies' }],
	'scale-repeated': [{ code: 'scale-repeated', scaleId: 'four-step' }],
	'scale-too-short': [{ code: 'scale-too-short', scaleId: 'one' }],
	'scale-level-twice': [{ code: 'scale-level-twice', scaleId: 'one' }],
	'proficiency-repeated': [{ code: 'proficiency-repeated', id: 'A' }],
	'scale-unknown': [{ code: 'scale-unknown', id: 'A', scaleId: 'nope' }],
	'too-many': [{ code: 'too-many', field: 'CFItems', count: 9000, limit: 5000 }],
	'case-item-repeated': [{ code: 'case-item-repeated', id: 'c1a0-item' }],
	'case-link-unknown': [{ code: 'case-link-unknown', field: 'CFAssociations[4]', id: 'c1a0-ghost' }],
	'case-item-not-placed': [{ code: 'case-item-not-placed', id: 'c1a0-lone', itemCode: 'COM.9' }],
	'case-association-type-unknown': [
		{ code: 'case-association-type-unknown', field: 'CFAssociations[7]', associationType: 'isCousinOf' }
	],
	'case-association-origin-unknown': [
		{
			code: 'case-association-origin-unknown',
			field: 'CFAssociations[8]',
			associationType: 'isRelatedTo',
			id: 'c1a0-elsewhere'
		}
	],
	'case-association-of-document': [
		{ code: 'case-association-of-document', field: 'CFAssociations[9]', associationType: 'exactMatchOf' }
	],
	'case-item-placed-twice': [{ code: 'case-item-placed-twice', field: 'CFAssociations[10]', item: 'COM.2' }],
	'case-criterion-no-levels': [
		{ code: 'case-criterion-no-levels', field: 'CFRubrics[0].CFRubricCriteria[2]' }
	],
	'case-criterion-no-item': [{ code: 'case-criterion-no-item', field: 'CFRubrics[0].CFRubricCriteria[3]' }],
	'case-criterion-item-unknown': [
		{ code: 'case-criterion-item-unknown', field: 'CFRubrics[1].CFRubricCriteria[0]', id: 'c1a0-gone' }
	],
	'case-criterion-for-indicator': [
		{ code: 'case-criterion-for-indicator', field: 'CFRubrics[0].CFRubricCriteria[4]', item: 'SCI-A.1' }
	],
	'case-criterion-item-has-scale': [
		{ code: 'case-criterion-item-has-scale', field: 'CFRubrics[1].CFRubricCriteria[1]', item: 'COM' }
	],
	'manifest-says-absent': [{ code: 'manifest-says-absent' }],
	'manifest-does-not-list': [{ code: 'manifest-does-not-list' }],
	'manifest-file-missing': [{ code: 'manifest-file-missing', mode: 'bulk' }],
	'manifest-version': [{ code: 'manifest-version', value: '2.0' }],
	'manifest-mode': [{ code: 'manifest-mode', property: 'file.users', value: 'partial' }],
	'no-school-org': [{ code: 'no-school-org' }],
	'org-in-no-school': [
		{ code: 'org-in-no-school', orgs: [{ type: 'department', id: 'org-lone', name: 'Night classes' }] }
	],
	'role-not-used': [{ code: 'role-not-used', role: 'aide' }],
	'no-role-in-roles': [{ code: 'no-role-in-roles' }],
	'no-org-in-roles': [{ code: 'no-org-in-roles' }],
	'roles-file-missing': [{ code: 'roles-file-missing' }],
	'role-deleted': [{ code: 'role-deleted' }],
	'role-of-unknown-user': [
		{ code: 'role-of-unknown-user', userId: 'u-1', isDelta: false },
		{ code: 'role-of-unknown-user', userId: 'u-1', isDelta: true }
	],
	'profile-of-unknown-user': [{ code: 'profile-of-unknown-user', userId: 'u-2' }],
	'birth-date-invalid': [{ code: 'birth-date-invalid', value: '2012-31-01' }],
	'birth-date-not-student': [{ code: 'birth-date-not-student', userId: 't-ben' }],
	'birth-date-row-refused': [{ code: 'birth-date-row-refused', userId: 's-9' }],
	'delta-class-unknown': [{ code: 'delta-class-unknown', classId: 'c-new' }],
	'delta-user-unknown': [{ code: 'delta-user-unknown', userId: 'u-new' }]
};

/** Every text a reason carries (ids, names, values): the reader must see each one. */
function textsOf(why: RowReason): string[] {
	return Object.entries(why).flatMap(([key, value]): string[] => {
		if (key === 'code' || key === 'mode' || key === 'link' || key === 'wanted') return [];
		if (typeof value === 'string') return value ? [value] : [];
		if (Array.isArray(value))
			return value.flatMap((item: unknown) =>
				typeof item === 'string' ? [item] : [(item as { id: string }).id, (item as { name: string }).name]
			);
		return [];
	});
}

const problem = (why: RowReason): RowProblem => ({ file: 'users.csv', line: 3, reason: 'English', why });

describe('row reasons in words', () => {
	afterEach(async () => {
		await setLanguage('en');
	});

	it('words every code in every language, with each of its names and values', async () => {
		const all = Object.values(SAMPLES).flat();
		for (const { code } of LANGUAGES) {
			await setLanguage(code);
			const seen = new Map<string, string>();
			for (const why of all) {
				const text = words(why);
				expect(text, `${code} ${why.code}`).toBeTruthy();
				expect(text, `${code} ${why.code}`).not.toMatch(/[{}]/);
				for (const part of textsOf(why)) expect(text, `${code} ${why.code}`).toContain(part);
				seen.set(JSON.stringify(why), text!);
			}
			// Samples of the same code with other parameters read differently (the parameter is worded).
			expect(new Set(seen.values()).size, code).toBe(all.length);
		}
	});

	it('words a code with its parameters in the reader language, never the English the server sent', async () => {
		const department = problem({
			code: 'org-in-no-school',
			orgs: [{ type: 'department', id: 'org-lone', name: 'Night classes' }]
		});
		expect(reasonWords(department)).toBe('department org-lone (Night classes) is in no school');
		await setLanguage('es');
		expect(reasonWords(problem({ code: 'role-not-used', role: 'aide' }))).toBe(
			'el rol «aide» no tiene cuenta en Pathways'
		);
		expect(reasonWords(department)).toBe('department org-lone (Night classes) no está en ninguna escuela');
		expect(reasonWords(problem({ code: 'columns-missing', columns: ['role', 'familyName'] }))).toBe(
			'faltan las columnas: role y familyName'
		);
		expect(
			reasonWords(problem({ code: 'role-unknown', value: 'x', allowed: ['student', 'advisor', 'guardian'] }))
		).toBe('rol desconocido «x» (usa student, advisor o guardian)');
		await setLanguage('ar');
		expect(reasonWords(problem({ code: 'role-not-used', role: 'aide' }))).toBe(
			'الدور «aide» ليس له حساب في Pathways'
		);
		await setLanguage('ne');
		expect(reasonWords(problem({ code: 'role-not-used', role: 'aide' }))).toBe(
			'भूमिका «aide» को Pathways खाता हुँदैन'
		);
	});

	it('shows the English only for a code this app does not know (a newer server)', () => {
		const newer = { file: 'users.csv', line: 3, reason: 'a reason from later', why: { code: 'later' } };
		expect(reasonWords(newer as unknown as RowProblem)).toBe('a reason from later');
	});

	it('words each kind of change to a person in every language, with the names and values', async () => {
		const changes: { [C in PersonChange['code']]: Extract<PersonChange, { code: C }> } = {
			'person-new': { code: 'person-new', name: 'Maya Lopez', role: 'advisor' },
			'person-adopted': { code: 'person-adopted', name: 'Sam Park', username: 'sam.park' },
			'person-absent': { code: 'person-absent', name: 'Cy Walker' },
			'person-changed': {
				code: 'person-changed',
				name: 'Amara Osei',
				fields: [
					{ field: 'grade', from: '9', to: '10' },
					{ field: 'studentId', from: 'HV1', to: 'HV2' }
				],
				activity: 'back'
			}
		};
		expect(personChangeWords(changes['person-new'])).toBe('Maya Lopez: new (Advisor)');
		expect(personChangeWords(changes['person-changed'])).toBe(
			'Amara Osei: grade 9 → 10, student ID HV1 → HV2, back at school'
		);
		for (const { code } of LANGUAGES) {
			await setLanguage(code);
			for (const change of Object.values(changes)) {
				const text = personChangeWords(change);
				expect(text, code).not.toMatch(/[{}]/);
				expect(text).toContain(change.name);
			}
			expect(personChangeWords(changes['person-changed'])).toMatch(/9.*10.*HV1.*HV2/);
		}
		await setLanguage('es');
		expect(personChangeWords(changes['person-changed'])).toBe(
			'Amara Osei: grado 9 → 10, ID de estudiante HV1 → HV2, de vuelta en la escuela'
		);
	});

	it('words a school’s changes in the reader language', async () => {
		const fields = [
			{ field: 'rosterId', from: '', to: 'org-hv' },
			{ field: 'name', from: 'Maple Ridge', to: 'Harbor View' },
			{ field: 'identifier', from: '—', to: 'HV' }
		] as const;
		expect(fields.map(schoolChangeWords)).toEqual([
			'roster id → org-hv',
			'name Maple Ridge → Harbor View',
			'identifier — → HV'
		]);
		await setLanguage('es');
		expect(fields.map(schoolChangeWords)).toEqual([
			'id de lista → org-hv',
			'nombre Maple Ridge → Harbor View',
			'identificador — → HV'
		]);
		for (const { code } of LANGUAGES) {
			await setLanguage(code);
			for (const field of fields) expect(schoolChangeWords(field)).toContain(field.to);
		}
	});
});
