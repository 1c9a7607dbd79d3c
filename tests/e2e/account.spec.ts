import { expect, test } from './fixtures';
import { openPlan, signIn } from './pages/session';

/** Sessions on shared and personal devices: nothing typed is ever lost to a sign-in problem. */

async function storedToken(page: import('@playwright/test').Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('pathways');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('settings').objectStore('settings').get('session');
					get.onsuccess = () => resolve((get.result as { value: { token: string } }).value.token);
				};
			})
	);
}

test('an ended sign-in asks to sign in again and loses nothing', async ({ newDevice, baseURL }) => {
	const student = await signIn(await newDevice(), 'ben');
	await openPlan(student, 'Ben Larsen');

	// The session ends on the server (as when it expires or is signed out elsewhere).
	const token = await storedToken(student);
	const ended = await fetch(`${baseURL}/api/session`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${token}` }
	});
	expect(ended.status).toBe(204);
	await expect(student.getByTestId('sync-status')).toContainText('Your sign-in has ended');

	// Typing goes on; it is saved on the device.
	await student.getByLabel('What matters most to me').fill('My little sister and my friends.');
	await expect(student.getByTestId('save-status')).toContainText('Saved on this device');

	await student.getByRole('link', { name: 'Sign in again' }).click();
	await student.getByLabel('Username').fill('ben');
	await student.getByLabel('Password').fill('maple-ridge-demo');
	await student.getByRole('button', { name: 'Sign in' }).click();
	await openPlan(student, 'Ben Larsen');
	await expect(student.getByLabel('What matters most to me')).toHaveValue('My little sister and my friends.');

	const advisor = await signIn(await newDevice(), 'rivera');
	await openPlan(advisor, 'Ben Larsen');
	await expect(advisor.getByLabel('What matters most to me')).toHaveValue('My little sister and my friends.');
});

test('signing out of a shared device warns about unsent changes, then removes the plans', async ({
	newDevice
}) => {
	const student = await signIn(await newDevice(), 'eli');
	await openPlan(student, 'Eli Brooks');
	await student.context().setOffline(true);
	await student.getByLabel('My interests').fill('Skateboarding and chemistry.');
	await expect(student.getByTestId('sync-status')).toContainText('waiting to be sent');
	await expect(student.getByTestId('save-status')).toContainText('Saved on this device');

	// First answer "no": the warning names the unsent changes, and nothing is removed.
	let question = '';
	student.once('dialog', (dialog) => {
		question = dialog.message();
		void dialog.dismiss();
	});
	await student.getByRole('button', { name: 'Sign out' }).click();
	await expect.poll(() => question).toContain('have not reached the school yet');
	await expect(student.getByLabel('My interests')).toHaveValue('Skateboarding and chemistry.');

	await student.context().setOffline(false);
	await expect(student.getByTestId('sync-status')).toContainText('Synced with the school', {
		timeout: 20_000
	});
	student.once('dialog', (dialog) => void dialog.accept());
	await student.getByRole('button', { name: 'Sign out' }).click();
	await expect(student.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
	const names = await student.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(names).not.toContain('plan.demo-eli');
	expect(names).not.toContain('family.demo-eli');
});
