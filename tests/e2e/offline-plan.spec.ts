import { expect, test } from './fixtures';
import { PlanPage } from './pages/plan-page';

/**
 * The foundation's promise: the app installs, a plan written in every section survives going
 * offline and reloading, and a fresh page opens the app and the plan with no network at all.
 */

const profileAnswers: Record<string, string> = {
	'My strengths, abilities and skills': 'I am patient and good with tools.',
	'What matters most to me': 'Family and being honest.',
	'Who and what inspires me': 'My aunt, who is a nurse.',
	'How I learn best': 'By doing things with my hands.',
	'My interests': 'Bikes, cooking and soccer.',
	'What is hard for me': 'Speaking in front of the class.',
	'Where I see myself in 6 months to 2 years': 'Working part time at the bike shop.',
	'Where I see myself in 5 to 10 years': 'Running my own repair business.'
};

/** One record in each list section: [section, add button, field label, words]. */
const records: Array<[string, string, string, string]> = [
	['Meetings', 'Add a meeting', 'Notes', 'First PLP meeting with my advisor.'],
	[
		'Inventories and baseline assessments',
		'Add an inventory or assessment',
		'Notes',
		'Career survey says mechanic.'
	],
	['Flexible pathways', 'Add a pathway', 'Notes', 'Small engines class at the tech center.'],
	['Progress', 'Add a progress check', 'Note', 'Fixed three bikes on my own.'],
	['Evidence', 'Add evidence', 'Text', 'Photos of the bike I rebuilt.'],
	['Reflections', 'Add a reflection', 'Text', 'I feel more confident now.'],
	['Transition plans', 'Add a transition plan', 'The plan', 'Visit the tech center in spring.']
];

test('installs, keeps every word offline, and opens with no network', async ({ device: context }) => {
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto('/');
	// The service worker installs on the first visit and takes over after a reload.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	const cdp = await context.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);

	const plan = await PlanPage.create(page, 'Jordan Rivers');

	// Plan information
	await page.getByLabel('Student ID').fill('S-2048');
	await page.getByLabel('School').fill('Green Valley High (fictional)');
	await page.getByLabel('Grade', { exact: true }).fill('10');

	// Profile
	for (const [label, words] of Object.entries(profileAnswers)) await page.getByLabel(label).fill(words);

	// A goal with an action step
	const goal = await plan.addRecord('Goals', 'Add a goal');
	await goal.getByLabel('Goal', { exact: true }).fill('Earn a small engine repair certificate');
	await goal.getByLabel('Why it matters to me').fill('I want to fix things for a living.');
	await goal.getByLabel('How I will know I reached it').fill('I pass the final test.');
	await goal.getByLabel('By when').fill('2028-06-01');
	await goal.getByLabel('Status').selectOption('in-progress');
	const steps = plan.section('Action steps for this goal');
	await steps.getByRole('button', { name: 'Add an action step' }).click();
	await steps.getByLabel('What I will do').fill('Sign up for the engines class.');

	for (const [section, button, label, words] of records) {
		const card = await plan.addRecord(section, button);
		await card.getByLabel(label, { exact: true }).fill(words);
	}

	// A revision is recorded through its dialog, and then kept as it was (issue #14, part 4).
	await page.getByRole('button', { name: 'Record a revision' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('What changed').fill('Added a business class goal.');
	await dialog.getByLabel('Why').fill('I want to run my own shop.');
	await dialog.getByRole('button', { name: 'Save the revision' }).click();

	// The family part
	await page.getByLabel('Our hopes for the future').fill('That Jordan finds work he loves.');

	await plan.waitUntilSaved();

	const everyWord = [
		...Object.values(profileAnswers),
		'Earn a small engine repair certificate',
		'I want to fix things for a living.',
		'Sign up for the engines class.',
		...records.map(([, , , words]) => words),
		'That Jordan finds work he loves.'
	];
	const expectEveryWord = async (target = page) => {
		await expect(target.getByLabel('Student ID')).toHaveValue('S-2048');
		await expect(target.getByLabel('By when')).toHaveValue('2028-06-01');
		const values = await target
			.locator('textarea, input')
			.evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
		for (const words of everyWord) expect(values).toContain(words);
		await expect(target.getByRole('region', { name: 'Revisions', exact: true })).toContainText(
			'Added a business class goal.'
		);
	};

	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(plan.saveStatus).toContainText('Saved on this device');
	await expectEveryWord();

	// A brand-new page with no network: the app shell and the plan both come from this device.
	const fresh = await context.newPage();
	const freshResponse = await fresh.goto(`/plan/${plan.planId}`);
	expect(freshResponse?.fromServiceWorker()).toBe(true);
	await expect(fresh.getByTestId('save-status')).toContainText('Saved on this device');
	await expectEveryWord(fresh);
	await fresh.goto('/');
	await expect(fresh.getByRole('link', { name: 'Jordan Rivers' })).toBeVisible();
});
