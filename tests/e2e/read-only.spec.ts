import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlan, signIn } from './pages/session';

/**
 * Read-only looks read-only (issue #14, part 5): the parts of a plan a person may only read are
 * words on the page, not boxes to type in, and each such part says once why.
 */
const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
const inputsIn = (part: Locator): Locator => part.locator('input, textarea, select');

test('a guardian reads the plan as text and writes only the family part', async ({ device }) => {
	const page = await signIn(device, 'grace');
	await openPlan(page, 'Amara Okoye');
	for (const part of ['Plan information', 'Meetings', 'About me', 'Goals', 'Reflections']) {
		await expect(region(page, part)).toBeVisible();
		await expect(inputsIn(region(page, part))).toHaveCount(0);
	}
	// The student's words, as text under their label.
	await expect(region(page, 'About me').getByRole('group', { name: 'My interests' })).toBeVisible();
	await expect(region(page, 'Plan information').getByRole('group', { name: 'Student’s name' })).toHaveText(
		/Amara Okoye/
	);
	await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
	// The reason, once for the plan; the family part is hers to write.
	const reasons = page.getByTestId('read-only-reason');
	await expect(reasons).toHaveCount(1);
	await expect(reasons).toHaveText(/The student and the school write the plan/);
	await expect(inputsIn(region(page, 'From the family')).first()).toBeEditable();
});

test('an advisor reads the family part as text, with its reason once', async ({ device }) => {
	const page = await signIn(device, 'rivera');
	await openPlan(page, 'Amara Okoye');
	const family = region(page, 'From the family');
	await expect(family).toBeVisible();
	await expect(inputsIn(family)).toHaveCount(0);
	await expect(family.getByRole('group', { name: 'Strengths our family sees' })).toBeVisible();
	await expect(page.getByTestId('read-only-reason')).toHaveCount(1);
	await expect(family.getByTestId('read-only-reason')).toHaveText(
		'Only the family writes here. You can read it.'
	);
	// The plan itself is the advisor's to change.
	await expect(region(page, 'About me').getByLabel('My interests')).toBeEditable();
});
