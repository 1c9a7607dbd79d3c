import { expect, test } from './fixtures';
import { callApi, createGuardian, createStudent } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * "Who can see my plan" in real Chromium against `npm start`: a student of 18 ends her mother's
 * access and gives it back; a student of 17 sees that the choice becomes hers at 18; her advisor
 * sees that it was the student's choice.
 */

async function setBirthDate(baseURL: string, studentId: string, birthDate: string) {
	const admin = await apiToken(baseURL, 'admin');
	const response = await callApi(baseURL, admin, 'PUT', `/api/users/${studentId}/birth-date`, { birthDate });
	expect(response.status).toBe(204);
}

async function plansOf(baseURL: string, username: string): Promise<string[]> {
	const token = await apiToken(baseURL, username);
	const response = await callApi<{ plans: { planId: string }[] }>(baseURL, token, 'GET', '/api/plans');
	return response.json.plans.map((plan) => plan.planId);
}

test('a student of 18 ends a guardian’s access and gives it back; her advisor sees it was her choice', async ({
	device,
	newDevice,
	baseURL
}) => {
	const url = baseURL!;
	const run = Date.now().toString(36);
	const student = await createStudent(url, `adult.${run}`, 'Lena Marsh');
	await createGuardian(url, student, `mother.${run}`, 'Ruth Marsh');
	await setBirthDate(url, student.studentId, '2000-01-15');
	expect(await plansOf(url, `mother.${run}`)).toContain(student.planId);

	const page = await signIn(device, student.username);
	await page.getByRole('link', { name: 'Who can see my plan' }).click();
	await expect(page.getByRole('heading', { name: 'Who can see my plan' })).toBeVisible();
	await expect(page.getByText('You are 18 or older, so you decide')).toBeVisible();
	await expect(page.getByText('Ruth Marsh can read this plan')).toBeVisible();
	await expect(page.getByText('Lucia Rivera (Advisor) can read this plan.')).toBeVisible();
	await expect(page.getByText('Dana Whitfield (School admin) can read this plan.')).toBeVisible();
	await page.getByRole('button', { name: 'End Ruth Marsh’s access' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved. Ruth Marsh sees the change at once.');
	await expect(page.getByText(/Ruth Marsh can no longer read this plan. You ended it on/)).toBeVisible();
	expect(await plansOf(url, `mother.${run}`)).not.toContain(student.planId);

	// Her advisor sees that the student chose this, and has no button to undo it.
	const advisor = await signIn(await newDevice(), 'rivera');
	await advisor.goto(`/readers?plan=${student.planId}`);
	await expect(advisor.getByRole('heading', { name: 'Who can see this plan' })).toBeVisible();
	await expect(
		advisor.getByText(/Ruth Marsh can no longer read this plan: the student chose this on/)
	).toBeVisible();
	await expect(advisor.getByRole('button', { name: /access/ })).toHaveCount(0);

	await page.getByRole('button', { name: 'Give Ruth Marsh access again' }).click();
	await expect(page.getByText('Ruth Marsh can read this plan')).toBeVisible();
	expect(await plansOf(url, `mother.${run}`)).toContain(student.planId);
});

test('a student of 17 sees that the choice becomes hers at 18, with nothing to press', async ({
	device,
	baseURL
}) => {
	const url = baseURL!;
	const run = Date.now().toString(36);
	const student = await createStudent(url, `minor.${run}`, 'Omar Saleh');
	await createGuardian(url, student, `father.${run}`, 'Karim Saleh');
	const seventeen = new Date();
	seventeen.setUTCFullYear(seventeen.getUTCFullYear() - 17);
	await setBirthDate(url, student.studentId, seventeen.toISOString().slice(0, 10));
	const page = await signIn(device, student.username);
	await page.goto('/readers');
	await expect(page.getByText('From your 18th birthday you decide')).toBeVisible();
	await expect(page.getByText('Karim Saleh can read this plan')).toBeVisible();
	await expect(page.getByRole('button', { name: /access/ })).toHaveCount(0);
});
