import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, createStudent } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * The screens for what was API-only (issue 17): a school admin sets and removes a student's birth
 * date on the plan's "who can see this plan" page, seeing where it came from; a district admin sets
 * how long students who left may still sign in. Keyboard only, checked by axe, in real Chromium.
 */

async function expectNoViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

test('a school admin sets and removes a birth date by keyboard; the page says it came from an admin', async ({
	device,
	newDevice,
	baseURL
}) => {
	const url = baseURL!;
	const run = Date.now().toString(36);
	const student = await createStudent(url, `born.${run}`, 'Ines Duarte');
	const page = await signIn(device, 'admin');
	await page.goto(`/readers?plan=${student.planId}`);
	const section = page.getByTestId('birth-date');
	await expect(section.getByRole('heading', { name: 'Birth date' })).toBeVisible();
	await expect(section.getByText('The school holds no birth date for this student.')).toBeVisible();
	await expectNoViolations(page);

	const input = section.getByLabel('Birth date');
	await input.focus();
	await input.fill('2008-03-15');
	await input.press('Enter');
	await expect(section.getByRole('status')).toHaveText('Birth date saved.');
	await expect(section.getByText('Birth date: March 15, 2008, set by a school admin.')).toBeVisible();
	await expectNoViolations(page);

	await section.getByRole('button', { name: 'Remove the birth date' }).focus();
	await page.keyboard.press('Enter');
	await expect(section.getByRole('status')).toHaveText('Birth date removed.');
	await expect(section.getByText('The school holds no birth date for this student.')).toBeVisible();

	// The student's own page has no birth-date form.
	const own = await signIn(await newDevice(), student.username);
	await own.goto('/readers');
	await expect(own.getByRole('heading', { name: 'Who can see my plan' })).toBeVisible();
	await expect(own.getByTestId('birth-date')).toHaveCount(0);
});

test('a district admin sets how long students who left may sign in, in Spanish, by keyboard, then the default again', async ({
	newDevice,
	baseURL
}) => {
	const device = await newDevice();
	await device.addInitScript(() => localStorage.setItem('pathways.language', 'es'));
	// The sign-in page is in Spanish too: its fields by id.
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/signin');
	await page.locator('#username').fill('district');
	await page.locator('#password').fill('maple-ridge-demo');
	await page.locator('#password').press('Enter');
	await expect(page.locator('[data-testid="caseload"], .plan-list').first()).toBeVisible();
	await page.goto('/district');
	await expect(page.getByRole('heading', { name: 'Estudiantes que se graduaron o se fueron' })).toBeVisible();
	await expect(page.getByTestId('leaver-period')).toHaveText(
		'Ahora: 730 días (lo predeterminado del servidor).'
	);
	const days = page.getByLabel('Días en que todavía puede entrar');
	await days.focus();
	await days.fill('365');
	await days.press('Enter');
	await expect(
		page.getByText('Guardado. Los estudiantes que se fueron pueden entrar durante 365 días.')
	).toBeVisible();
	await expect(page.getByTestId('leaver-period')).toHaveText('Ahora: 365 días.');
	await expectNoViolations(page);

	await days.fill('99999');
	await days.press('Enter');
	await expect(page.getByRole('alert')).toHaveText('Escriba un número entero de días entre 0 y 3660.');

	await page.getByRole('button', { name: 'Usar lo predeterminado del servidor' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('leaver-period')).toHaveText(
		'Ahora: 730 días (lo predeterminado del servidor).'
	);
	// Signing in on a Spanish device chose Spanish for the account: give the other specs English back.
	const token = await apiToken(baseURL!, 'district');
	expect((await callApi(baseURL!, token, 'PUT', '/api/me/language', { language: 'en' })).status).toBe(204);
});

test('a school admin of a district school sees the district’s period for leavers and who changed it, in words', async ({
	device
}) => {
	// The district admin changed it to 365 days and back in the test above.
	const page = await signIn(device, 'admin');
	await page.goto('/school');
	const section = page.getByRole('region', { name: 'Students who graduated or left' });
	await expect(section.getByTestId('leaver-period')).toHaveText('Now: 730 days (the server’s default).');
	await expect(section.getByTestId('leaver-set-by-district')).toContainText(
		'sets this period for all its schools. A district admin changes it on the district page.'
	);
	// The school follows the district's period: nothing to type in here.
	await expect(section.getByLabel('Days they may still sign in')).toHaveCount(0);
	const changes = section.getByTestId('leaver-changes').getByRole('listitem');
	await expect(changes).toHaveText([
		/^[A-Z][a-z]+ \d{1,2}, \d{4}: Robin Okafor changed it from 365 days to 730 days \(the server’s default\)\.$/,
		/^[A-Z][a-z]+ \d{1,2}, \d{4}: Robin Okafor changed it from 730 days \(the server’s default\) to 365 days\.$/
	]);
	await expectNoViolations(page);
});
