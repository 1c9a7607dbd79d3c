/** Reasons the server sends as codes are worded by the app, in the reader's language. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../messages/i18n.svelte';
import type { RowProblem } from './roster-report';
import { reasonWords } from './row-reason-words';

const department: RowProblem = {
	file: 'users.csv',
	line: 10,
	reason: 'department org-lone (Night classes) is in no school',
	why: { code: 'org-in-no-school', orgs: [{ type: 'department', id: 'org-lone', name: 'Night classes' }] }
};
const role: RowProblem = {
	file: 'users.csv',
	line: 8,
	reason: 'role "aide" has no Pathways account',
	why: { code: 'role-not-used', role: 'aide' }
};

describe('row reasons in words', () => {
	afterEach(async () => {
		await setLanguage('en');
	});

	it('words a code with its parameters in each language, and falls back to the words the server sent', async () => {
		expect(reasonWords(department)).toBe('department org-lone (Night classes) is in no school');
		await setLanguage('es');
		expect(reasonWords(role)).toBe('el rol «aide» no tiene cuenta en Pathways');
		expect(reasonWords(department)).toBe('department org-lone (Night classes) no está en ninguna escuela');
		await setLanguage('ar');
		expect(reasonWords(role)).toBe('الدور «aide» ليس له حساب في Pathways');
		await setLanguage('ne');
		expect(reasonWords(role)).toBe('भूमिका «aide» को Pathways खाता हुँदैन');
		// A reason the server sends only in words (no code yet) is shown as it came.
		expect(reasonWords({ file: 'users.csv', line: 3, reason: 'sourcedId is empty' })).toBe(
			'sourcedId is empty'
		);
	});
});
