import type { Page } from '@playwright/test';
import { FamilyPart } from '../../src/lib/plp/family';
import { docName } from '../../src/lib/plp/access';
import { expect, test } from './fixtures';
import { createInvite, createStudent, readDoc } from './pages/school-api';
import { apiToken } from './pages/session';

/**
 * A guardian who uses only the keyboard: signs up with an invite code, reads the plan and writes a
 * family reflection. No click, fill or focus: only Tab, Shift+Tab, Enter, Space and typing, and
 * every step checks where the focus is, so a broken focus order fails the journey.
 */

const focused = (page: Page) => page.locator(':focus');

/** Presses a key and checks the focus landed on the control with this name. */
async function press(page: Page, key: string, name: string | RegExp): Promise<void> {
	await page.keyboard.press(key);
	await expect(focused(page)).toHaveAccessibleName(name);
}

/**
 * Tabs forward until the control with this name has the focus, at most `max` times: for parts of a
 * page whose length depends on its content (a plan's fields). Each step is checked to be visible.
 */
async function tabTo(page: Page, name: string | RegExp, max: number): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		await expect(focused(page)).toBeVisible();
		const accessibleName = await focused(page).evaluate(
			(element) => element.getAttribute('aria-label') ?? element.textContent ?? ''
		);
		if (typeof name === 'string' ? accessibleName.trim() === name : name.test(accessibleName)) break;
	}
	await expect(focused(page)).toHaveAccessibleName(name);
}

/** From anywhere on a page: the skip link first, then into the main content. */
async function skipToMain(page: Page): Promise<void> {
	// A person waits for the page to show before pressing keys; so does the test (a Tab pressed
	// before the app has drawn lands nowhere).
	await expect(page.locator('#main h1')).toBeVisible();
	await press(page, 'Tab', 'Skip to the main content');
	await page.keyboard.press('Enter');
	await expect(focused(page)).toHaveAttribute('id', 'main');
}

test('a guardian joins with an invite code, reads the plan and writes a reflection with the keyboard alone', async ({
	newDevice,
	baseURL
}) => {
	const student = await createStudent(baseURL!, `kb.student.${Date.now().toString(36)}`, 'Tariq Haddad');
	const code = await createInvite(baseURL!, student.studentId);
	const page = (await newDevice()).pages()[0]!;

	await page.goto('/signin');
	await skipToMain(page);
	await press(page, 'Tab', 'Username');
	await press(page, 'Tab', 'Password');
	await press(page, 'Tab', 'Sign in');
	await press(page, 'Tab', 'Family member with an invite code?');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/join$/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	await skipToMain(page);
	await press(page, 'Tab', 'Invite code');
	await page.keyboard.type(code);
	await press(page, 'Tab', 'Your name');
	await page.keyboard.type('Samira Haddad');
	await press(page, 'Tab', 'Choose a username');
	await page.keyboard.type(`kb.family.${Date.now().toString(36)}`);
	await press(page, 'Tab', 'Choose a password');
	await page.keyboard.type('a long family password');
	await press(page, 'Tab', 'Join');
	await page.keyboard.press('Enter');
	// A family with one child at the school lands in the child's plan.
	await expect(page.getByRole('heading', { level: 1, name: 'Tariq Haddad' })).toBeVisible();
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');

	// Reading: the plan's parts are listed at the top; the family part is one of them.
	await skipToMain(page);
	await press(page, 'Tab', '← All plans');
	await tabTo(page, 'Plan information', 6);
	await tabTo(page, 'From the family', 14);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'From the family' })).toBeInViewport();
	// The next Tab continues from the family part, not from the top of the page.
	await press(page, 'Tab', 'Strengths our family sees');
	await press(page, 'Tab', 'Our hopes for the future');
	await press(page, 'Tab', 'Add a family reflection');
	// Shift+Tab goes back the same way.
	await press(page, 'Shift+Tab', 'Our hopes for the future');
	await press(page, 'Tab', 'Add a family reflection');
	await page.keyboard.press('Space');
	// The new reflection's first field takes the keyboard.
	await expect(focused(page)).toHaveAccessibleName('Written by (name)');
	await page.keyboard.type('Samira Haddad');
	await press(page, 'Tab', 'Reflection');
	await page.keyboard.type('Tariq reads to his sister every evening.');
	await expect(page.getByTestId('save-status')).toContainText('Saved on this device');
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');

	// The school has it: the advisor reads the family part from the relay.
	const family = new FamilyPart(
		await readDoc(baseURL!, await apiToken(baseURL!, 'rivera'), docName('family', student.planId))
	);
	const reflections = family.reflections.list();
	expect(reflections.map((r) => [r.authorName, r.body])).toEqual([
		['Samira Haddad', 'Tariq reads to his sister every evening.']
	]);
});
