import { DEMO_PASSWORD, expect, test } from './fixtures';
import { createInvite, createStudent } from './pages/school-api';

/**
 * Each person lands where they work: a student or a guardian with one plan opens it after
 * signing in or joining, and is not offered device-only plans or the school template; a plan
 * link on a device without the plan offers to sign in, and signing in opens that plan.
 */
const run = Date.now().toString(36);

test('a student lands on her plan after sign-in and is not offered a device-only plan', async ({
	device
}) => {
	const student = await createStudent(test.info().project.use.baseURL!, `land.student.${run}`, 'Ines Moreau');
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/signin');
	await page.getByLabel('Username').fill(student.username);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`/plan/${student.planId}$`));
	await expect(page.getByRole('heading', { name: 'Ines Moreau', level: 1 })).toBeVisible();
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');

	// Her list: her plan, no "Start a new plan", no school template.
	await page.getByRole('link', { name: 'All plans' }).click();
	await expect(page.getByRole('link', { name: 'Ines Moreau' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Start a new plan' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'School template' })).toHaveCount(0);
});

test('a guardian lands on the child’s plan after joining with an invite code', async ({
	device,
	baseURL
}) => {
	const student = await createStudent(baseURL!, `land.child.${run}`, 'Omar Haddad');
	const code = await createInvite(baseURL!, student.studentId);
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/join');
	await page.getByLabel('Invite code').fill(code);
	await page.getByLabel('Your name').fill('Rania Haddad');
	await page.getByLabel('Choose a username').fill(`land.family.${run}`);
	await page.getByLabel('Choose a password').fill('a long family password');
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page).toHaveURL(new RegExp(`/plan/${student.planId}$`));
	await expect(page.getByRole('heading', { name: 'Omar Haddad', level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'From the family' })).toBeVisible();
	await page.getByRole('link', { name: 'All plans' }).click();
	await expect(page.getByRole('heading', { name: 'Start a new plan' })).toHaveCount(0);
});

test('a plan link on a device without the plan offers sign-in, which opens that plan', async ({
	device,
	baseURL
}) => {
	const student = await createStudent(baseURL!, `land.link.${run}`, 'Lena Park');
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto(`/plan/${student.planId}`);
	const offer = page.getByTestId('sign-in-to-open');
	await expect(offer).toContainText('sign in to open it on this device');
	await offer.getByRole('link', { name: 'Sign in' }).click();
	await page.getByLabel('Username').fill('rivera');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	// An advisor has a whole caseload, yet the link brought her to this one plan.
	await expect(page).toHaveURL(new RegExp(`/plan/${student.planId}$`));
	await expect(page.getByRole('heading', { name: 'Lena Park', level: 1 })).toBeVisible();
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');
});
