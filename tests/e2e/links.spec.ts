import { Plan } from '../../src/lib/plp/plan';
import { expect, test } from './fixtures';
import { editPlan } from './pages/plan-content';
import { createStudent, readDoc } from './pages/school-api';
import { apiToken, openPlan, signIn } from './pages/session';

/**
 * A long list of links (here a pathway and fifteen goals) draws the linked choices and a button
 * for the rest, which the keyboard reaches and opens; a short list is drawn whole at once.
 */
const goalTitle = (n: number) => `Goal number ${n}`;

test('a long link list shows the linked goal, and the keyboard opens the rest and links another', async ({
	device,
	baseURL
}) => {
	const url = baseURL as string;
	const student = await createStudent(url, 'lina-links', 'Lina Links');
	const token = await apiToken(url, student.username);
	let pathwayId = '';
	const goalIds: string[] = [];
	await editPlan(
		url,
		token,
		student.planId,
		(plan) => {
			for (let n = 1; n <= 15; n++)
				goalIds.push(plan.goals.add({ title: goalTitle(n), status: 'in-progress' }));
			pathwayId = plan.collections.pathways.add({ kind: 'work-based', provider: 'Clinic', status: 'active' });
			plan.collections.pathways.link(pathwayId, 'goalIds', goalIds[2] as string, true);
		},
		(plan) => plan.goals.list().length === 15
	);

	const page = await signIn(device, student.username);
	await openPlan(page, student.displayName);
	const links = page
		.locator('article.record', { has: page.locator(`[id^="pathways-${pathwayId}-"]`) })
		.getByRole('group', {
			name: 'Goals'
		});
	// Only the linked goal is drawn, and a button says how many there are.
	await expect(links.getByRole('checkbox')).toHaveCount(1);
	await expect(links.getByRole('checkbox', { name: goalTitle(3) })).toBeChecked();
	const showAll = links.getByRole('button', { name: 'Show all 15 choices' });

	// Keyboard only: from the linked goal, Tab to the button and open the list.
	await links.getByRole('checkbox', { name: goalTitle(3) }).focus();
	await page.keyboard.press('Tab');
	await expect(showAll).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(links.getByRole('checkbox')).toHaveCount(15);
	await expect(showAll).toHaveCount(0);
	// The focus went on to the first goal not linked yet; Space links it.
	await expect(links.getByRole('checkbox', { name: goalTitle(1), exact: true })).toBeFocused();
	await page.keyboard.press('Space');
	await expect(links.getByRole('checkbox', { name: goalTitle(1), exact: true })).toBeChecked();
	await expect(links.getByRole('checkbox', { name: goalTitle(3) })).toBeChecked();

	// It reached the school.
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');
	await expect
		.poll(async () => {
			const stored = Plan.open(await readDoc(url, token, `plan.${student.planId}`)).plan;
			return [...(stored.collections.pathways.get(pathwayId)?.goalIds ?? [])].sort();
		})
		.toEqual([goalIds[0], goalIds[2]].sort());
});
