import { expect, test } from './fixtures';
import { createStudent, readDoc } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * A whole caseload offline (issue 12): the plan list brings every plan of the advisor's caseload
 * onto the device in one request; offline, the advisor opens and edits five plans this device
 * never opened; back online, the edits reach the school, read back through the relay as each
 * student.
 */
test('an advisor edits five never-opened caseload plans offline, and the students get the edits', async ({
	newDevice,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	const students = await Promise.all(
		[1, 2, 3, 4, 5].map((n) => createStudent(baseURL!, `cl${stamp}${n}`, `Caseload ${stamp} ${n}`))
	);
	const device = await newDevice();
	const page = await signIn(device, 'rivera');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
	for (const student of students) {
		await expect(rowOf(student.displayName).getByTestId('device-copy')).toContainText('On this device', {
			timeout: 20_000
		});
	}

	await device.setOffline(true);
	for (const student of students) {
		await rowOf(student.displayName).getByRole('link', { name: student.displayName }).click();
		const interests = page.getByLabel('My interests');
		await expect(interests).toBeEditable();
		await interests.fill(`Written offline by the advisor for ${student.displayName}.`);
		await expect(page.getByTestId('save-status')).toContainText('Saved on this device');
		await page.waitForTimeout(500); // the plan list learns of the change (300 ms after it)
		await page.goBack();
		await expect(rowOf(student.displayName)).toContainText('Not sent to the school yet');
	}

	await device.setOffline(false);
	for (const student of students) {
		await expect(rowOf(student.displayName)).not.toContainText('Not sent to the school yet', {
			timeout: 30_000
		});
		const token = await apiToken(baseURL!, student.username);
		const doc = await readDoc(baseURL!, token, `plan.${student.planId}`);
		expect(doc.getText('profile.interests').toString()).toBe(
			`Written offline by the advisor for ${student.displayName}.`
		);
	}
});
