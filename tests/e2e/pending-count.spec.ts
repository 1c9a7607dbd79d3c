import { expect, test } from './fixtures';
import { createStudent } from './pages/school-api';
import { openPlan, signIn } from './pages/session';

/**
 * Families on phones (issue #14, part 8): "3 changes waiting to be sent" still says 3 after a
 * reload with no network, and clears once the school has them.
 */
const run = Date.now().toString(36);

test('the count of changes waiting to be sent survives a reload offline', async ({ device, baseURL }) => {
	const student = await createStudent(baseURL!, `pending.${run}`, 'Tomás Vega');
	const page = await signIn(device, student.username);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await openPlan(page, student.displayName);

	await device.setOffline(true);
	await page.getByLabel('My interests').fill('Drawing comics.');
	await page.getByLabel('How I learn best').fill('By doing.');
	await page.getByLabel('What is hard for me').fill('Mornings.');
	const status = page.getByTestId('sync-status');
	await expect(status).toContainText('3 changes waiting to be sent');
	await expect(page.getByTestId('save-status')).toContainText('Saved on this device');

	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByLabel('My interests')).toHaveValue('Drawing comics.');
	await expect(status).not.toContainText('Synced');
	await expect(status).toContainText('3 changes waiting to be sent');

	await device.setOffline(false);
	await expect(status).toContainText('Synced with the school', { timeout: 20_000 });
	await expect(status).not.toContainText('waiting');
});
