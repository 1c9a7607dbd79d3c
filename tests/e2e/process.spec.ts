import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlan, signIn } from './pages/session';

/**
 * The PLP process in real Chromium: a student's first full cycle, a live conference with student,
 * guardian and advisor (one of them offline for a while), a revision with its "what changed" view,
 * and a school template change reaching a device that was offline.
 */
test.describe.configure({ mode: 'serial' });

const today = () => new Date().toISOString().slice(0, 10);

function currentStep(page: Page) {
	return page.getByTestId('cycle').locator('[aria-current="step"]');
}

test('a student completes a whole first cycle on a fresh plan', async ({ newDevice }) => {
	const student = await signIn(await newDevice(), 'amara');
	await openPlan(student, 'Amara Okoye');
	await expect(currentStep(student)).toContainText('Get to know yourself');
	await expect(student.getByTestId('gaps')).toContainText('Not answered yet');

	const profile: Record<string, string> = {
		'My strengths, abilities and skills': 'I am good at drawing and at listening.',
		'What matters most to me': 'My family and my friends.',
		'Who and what inspires me': 'My grandmother, who was a teacher.',
		'How I learn best': 'With pictures and by trying things.',
		'My interests': 'Art, science and basketball.'
	};
	for (const [label, words] of Object.entries(profile)) await student.getByLabel(label).fill(words);
	await expect(currentStep(student)).toContainText('Set goals');

	const goals = student.getByRole('region', { name: 'Goals', exact: true });
	const newGoals: Array<[string, string]> = [
		['Raise my science grade to a B', 'My June report card shows a B.'],
		['Make a portfolio of my art', 'I have ten finished pieces.']
	];
	for (const [title, measure] of newGoals) {
		await goals.getByRole('button', { name: 'Add a goal' }).click();
		const goal = goals.getByRole('article').last();
		await goal.getByLabel('Goal', { exact: true }).fill(title);
		await expect(student.getByTestId('gaps')).toContainText(`Goal “${title}”: how will you know`);
		await goal.getByLabel('How I will know I reached it').fill(measure);
		await goal.getByLabel('By when').fill('2027-06-15');
		const steps = goals.getByRole('region', { name: 'Action steps for this goal' }).last();
		await steps.getByRole('button', { name: 'Add an action step' }).click();
		await steps.getByLabel('What I will do').fill(`First step toward: ${title}`);
		await steps.getByLabel('What will show my progress').fill('My notes each week.');
		await steps.getByLabel('Status').selectOption('doing');
	}

	const pathways = student.getByRole('region', { name: 'Flexible pathways', exact: true });
	await pathways.getByRole('button', { name: 'Add a pathway' }).click();
	await expect(student.getByTestId('gaps')).toContainText('is not tied to a goal');
	await pathways.getByLabel('Kind').selectOption('expanded-learning');
	await pathways.getByLabel('Status').selectOption('active');
	await pathways.getByLabel('Make a portfolio of my art').check();
	await expect(currentStep(student)).toContainText('Check your progress');

	const progress = student.getByRole('region', { name: 'Progress', exact: true });
	await progress.getByRole('button', { name: 'Add a progress check' }).click();
	await progress.getByLabel('Date').fill(today());
	await progress.getByLabel('Kind of assessment').selectOption('self');
	await progress.getByLabel('Note').fill('Quiz went from a D to a C.');
	await expect(currentStep(student)).toContainText('Look back');

	const reflections = student.getByRole('region', { name: 'Reflections', exact: true });
	await reflections.getByRole('button', { name: 'Add a reflection' }).click();
	await reflections.getByLabel('Date').fill(today());
	await reflections.getByLabel('Written by (role)').selectOption('student');
	await reflections.getByLabel('Text').fill('Asking questions in class helps me.');
	await expect(currentStep(student)).toContainText('Update your plan');
	await expect(student.getByTestId('gaps')).not.toContainText('Goal');

	await student.getByRole('button', { name: 'Record a revision' }).click();
	const dialog = student.getByRole('dialog');
	await dialog.getByLabel('What changed').fill('My first plan');
	await dialog.getByLabel('Why').fill('Start of grade 9');
	await dialog.getByRole('button', { name: 'Save the revision' }).click();
	// A new round starts with what carries over: the plan is working, the next thing is progress.
	await expect(currentStep(student)).toContainText('Check your progress');
	await expect(student.getByTestId('sync-status')).toContainText('Synced with the school');
});

test('student, guardian and advisor hold a conference; the meeting and a revision are recorded', async ({
	newDevice
}) => {
	// Three devices and an offline gap: about 45 s on a quiet 2-core machine, so the default 60 s is too tight.
	test.setTimeout(150_000);
	const advisor = await signIn(await newDevice(), 'rivera');
	await openPlan(advisor, 'Amara Okoye');
	await advisor.getByRole('button', { name: 'Start a PLP meeting' }).click();
	await expect(advisor.getByTestId('conference')).toBeVisible();

	const student = await signIn(await newDevice(), 'amara');
	await openPlan(student, 'Amara Okoye');
	const guardian = await signIn(await newDevice(), 'grace');
	await openPlan(guardian, 'Amara Okoye');
	for (const page of [advisor, student, guardian]) {
		await expect(page.getByTestId('conference-participants')).toContainText('Lucia Rivera');
		await expect(page.getByTestId('conference-participants')).toContainText('Amara Okoye');
		await expect(page.getByTestId('conference-participants')).toContainText('Grace Okoye');
	}

	// The student drops off the network for part of the meeting and keeps working.
	await student.context().setOffline(true);
	const goals = student.getByRole('region', { name: 'Goals', exact: true });
	const science = goals.getByRole('article').filter({ hasText: 'Raise my science grade' }).first();
	await science.getByLabel('How I will know I reached it').fill('My June report card shows a B+.');
	await goals.getByRole('button', { name: 'Add a goal' }).click();
	await goals
		.getByRole('article')
		.last()
		.getByLabel('Goal', { exact: true })
		.fill('Try out for the basketball team');
	await student.context().setOffline(false);
	await expect(student.getByTestId('sync-status')).toContainText('Synced with the school', {
		timeout: 20_000
	});
	await expect(advisor.getByRole('heading', { name: 'Try out for the basketball team' })).toBeVisible();

	await advisor.getByRole('button', { name: 'End the meeting' }).click();
	const dialog = advisor.getByRole('dialog');
	await dialog.getByLabel('What changed').fill('A higher science target and a new sports goal');
	await dialog.getByLabel('Why').fill('Amara is doing well and wants to join a team');
	await dialog.getByRole('button', { name: 'Save the revision' }).click();
	await expect(advisor.getByTestId('conference')).toHaveCount(0);

	// The meeting is in the plan with all three people, on every device.
	const meetings = student.getByRole('region', { name: 'Meetings', exact: true });
	const meeting = meetings.getByRole('article').filter({ hasText: 'PLP conference' }).last();
	for (const name of ['Lucia Rivera', 'Amara Okoye', 'Grace Okoye'])
		await expect(meeting).toContainText(name);

	// The revision's "what changed" shows exactly the two goal changes and the meeting itself.
	await advisor.getByRole('link', { name: 'See what changed' }).last().click();
	const diff = advisor.getByTestId('diff');
	await expect(diff.getByRole('article')).toHaveCount(3);
	await expect(diff).toContainText('Added · Meetings: PLP conference');
	await expect(diff).toContainText('Changed · Goals: Raise my science grade to a B');
	await expect(diff.getByRole('row', { name: /How I will know/ })).toContainText(
		'My June report card shows a B.'
	);
	await expect(diff.getByRole('row', { name: /How I will know/ }).locator('ins')).toHaveText('+');
	await expect(diff).toContainText('Added · Goals: Try out for the basketball team');
	await expect(
		advisor.getByText(
			'Took part: Lucia Rivera · Advisor, Amara Okoye · Student, Grace Okoye · Parent or guardian'
		)
	).toBeVisible();
});

test('a school admin changes the template; an offline device gets it when it reconnects', async ({
	newDevice
}) => {
	const student = await signIn(await newDevice(), 'dev');
	await openPlan(student, 'Dev Patel');
	await student.context().setOffline(true);

	const admin = await signIn(await newDevice(), 'admin');
	await admin.getByRole('link', { name: 'School template' }).click();
	await admin.getByLabel('Name of the pathway').fill('Farm apprenticeship (fictional)');
	await admin.getByRole('button', { name: 'Add a pathway' }).click();
	await expect(admin.getByTestId('school-pathways')).toContainText('Farm apprenticeship (fictional)');
	await admin.getByLabel('Question', { exact: true }).fill('What would you teach a younger student?');
	await admin.getByLabel('Step').selectOption('profile');
	await admin.getByRole('button', { name: 'Add a question' }).click();

	await student.context().setOffline(false);
	const pathways = student.getByRole('region', { name: 'Flexible pathways', exact: true });
	const kind = pathways.getByRole('article').first().getByLabel('Kind');
	await expect(kind.locator('option', { hasText: 'Farm apprenticeship (fictional)' })).toHaveCount(1, {
		timeout: 20_000
	});
	await student.getByText('Questions to think about').click();
	await expect(student.getByTestId('school-prompt')).toHaveText('What would you teach a younger student?');
});
