import type { Locator, Page } from '@playwright/test';
import { addMonths } from '../../src/lib/plp/cycle';
import { today } from '../../src/lib/plp/ids';
import { expect, test } from './fixtures';
import { editPlan } from './pages/plan-content';
import { createStaff, createStudent } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * The advisor's caseload as a working dashboard (issue #14, part 2): one row per student with
 * where the plan stands and when its next update is due, found by name, filtered and sorted by any
 * column — and right the moment a revision moves a review date, online or offline.
 */
const run = Date.now().toString(36);
const advisor = `caseload.advisor.${run}`;
const names = { overdue: 'Olu Adeyemi', soon: 'Chen Wei', fresh: 'Beatriz Castro' };

/** The long date the app writes, as this browser writes it. */
function longDate(page: Page, iso: string): Promise<string> {
	return page.evaluate((day) => {
		const [y, m, d] = day.split('-').map(Number) as [number, number, number];
		return new Date(y, m - 1, d).toLocaleDateString('en', { dateStyle: 'medium' });
	}, iso);
}

const table = (page: Page) => page.getByTestId('caseload');
const rowNames = (page: Page) => table(page).locator('tbody th[scope="row"] a').allInnerTexts();
const rowOf = (page: Page, name: string): Locator => table(page).getByRole('row').filter({ hasText: name });

async function recordRevision(page: Page, name: string): Promise<void> {
	await page.getByRole('link', { name }).click();
	await page.getByRole('button', { name: 'Record a revision' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('What changed').fill('New goals for the spring');
	await dialog.getByLabel('Why').fill('Talked it over at the conference');
	await dialog.getByRole('button', { name: 'Save the revision' }).click();
	await expect(dialog).toBeHidden();
	await page.getByRole('link', { name: 'All plans' }).click();
	await expect(table(page)).toBeVisible();
}

test.beforeAll(async ({ baseURL }) => {
	const staffId = await createStaff(baseURL!, advisor, 'Dana Advisor', 'staff');
	// Plans started 13 months ago (overdue), 11 months and 10 days ago (due within 30 days) and today.
	const tenDaysAgo = new Date();
	tenDaysAgo.setDate(tenDaysAgo.getDate() - 10);
	const starts = { overdue: addMonths(today(), -13), soon: addMonths(today(tenDaysAgo), -11), fresh: '' };
	for (const [key, name] of Object.entries(names) as [keyof typeof names, string][]) {
		const username = `caseload.${key}.${run}`;
		const student = await createStudent(baseURL!, username, name, [staffId]);
		const start = starts[key];
		if (!start) continue;
		await editPlan(
			baseURL!,
			await apiToken(baseURL!, username),
			student.planId,
			(plan) => plan.setInfo('startDate', start),
			(plan) => plan.info().startDate === start
		);
	}
});

test('the caseload finds, filters and sorts, and follows a revision at once, online and offline', async ({
	device
}) => {
	test.setTimeout(90_000);
	const page = await signIn(device, advisor);
	await expect(table(page)).toBeVisible();
	// Most urgent first.
	await expect.poll(() => rowNames(page)).toEqual([names.overdue, names.soon, names.fresh]);
	await expect(rowOf(page, names.overdue).getByTestId('review-badge')).toContainText('Overdue');
	// Where each plan stands, and what is missing, in words.
	await expect(rowOf(page, names.fresh)).toContainText('Get to know yourself');
	await expect(rowOf(page, names.fresh)).toContainText('“About me” questions unanswered');

	// Sort by any column, by keyboard, with the order told to a screen reader.
	const studentHeader = table(page).getByRole('columnheader', { name: 'Student' });
	await studentHeader.getByRole('button').focus();
	await page.keyboard.press('Enter');
	await expect(studentHeader).toHaveAttribute('aria-sort', 'ascending');
	await expect(table(page).getByRole('columnheader', { name: 'Next update' })).not.toHaveAttribute(
		'aria-sort'
	);
	await expect.poll(() => rowNames(page)).toEqual([names.fresh, names.soon, names.overdue]);
	await page.keyboard.press('Enter');
	await expect(studentHeader).toHaveAttribute('aria-sort', 'descending');
	await expect.poll(() => rowNames(page)).toEqual([names.overdue, names.soon, names.fresh]);
	const dueHeader = table(page).getByRole('columnheader', { name: 'Next update' });
	await dueHeader.getByRole('button').click();
	await dueHeader.getByRole('button').click();
	await expect(dueHeader).toHaveAttribute('aria-sort', 'descending');
	await expect.poll(() => rowNames(page)).toEqual([names.fresh, names.soon, names.overdue]);
	await dueHeader.getByRole('button').click();
	await expect(dueHeader).toHaveAttribute('aria-sort', 'ascending');

	// Search by name (no accents needed) and filter; nothing found says so.
	const search = page.getByLabel('Find a student by name');
	await search.fill('beatriz');
	await expect.poll(() => rowNames(page)).toEqual([names.fresh]);
	await search.fill('nobody at all');
	await expect(page.getByTestId('caseload-count')).toHaveText('No plans match.');
	await expect(table(page)).toBeHidden();
	await search.fill('');
	const show = page.getByLabel('Show');
	await show.selectOption('overdue');
	await expect.poll(() => rowNames(page)).toEqual([names.overdue]);
	await expect(page.getByTestId('caseload-count')).toHaveText('1 of 3 plans shown');

	// A revision moves the next update a year on: the filters and the order follow at once.
	await show.selectOption('all');
	await recordRevision(page, names.overdue);
	const nextYear = await longDate(page, addMonths(today(), 12));
	await expect(rowOf(page, names.overdue).getByTestId('review-badge')).toHaveText(nextYear);
	await expect.poll(() => rowNames(page)).toEqual([names.soon, names.fresh, names.overdue]);
	await show.selectOption('overdue');
	await expect(page.getByTestId('caseload-count')).toHaveText('No plans match.');
	await show.selectOption('revised');
	await expect.poll(() => rowNames(page)).toEqual([names.overdue]);

	// The school's list says the same after a reload (the server's summary of the stored plan).
	await page.reload();
	await page.getByLabel('Show').selectOption('revised');
	await expect.poll(() => rowNames(page)).toEqual([names.overdue]);
	await expect(rowOf(page, names.overdue).getByTestId('review-badge')).toHaveText(nextYear);

	// Offline, from this device's own copy: a revision of the plan due soon takes it off "due soon".
	await page.getByLabel('Show').selectOption('due-soon');
	await expect.poll(() => rowNames(page)).toEqual([names.soon]);
	await expect(rowOf(page, names.soon).getByTestId('device-copy')).toContainText('On this device', {
		timeout: 20_000
	});
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await device.setOffline(true);
	await recordRevision(page, names.soon);
	await page.getByLabel('Show').selectOption('due-soon');
	await expect(page.getByTestId('caseload-count')).toHaveText('No plans match.');
	await page.getByLabel('Show').selectOption('all');
	await expect(rowOf(page, names.soon).getByTestId('review-badge')).toHaveText(nextYear);
	await device.setOffline(false);
});
