import { today } from '../../src/lib/plp/ids';
import { expect, test } from './fixtures';
import { createStudent } from './pages/school-api';
import { openPlan, signIn } from './pages/session';

/**
 * Fill in what the app knows (issue #14, part 4): a new reflection has its date, author and role;
 * the revision dialog opens with a draft of what changed since the last revision, which the
 * person edits; a recorded revision can not be removed or changed.
 */
const run = Date.now().toString(36);

test('a reflection, a drafted revision, and a revision that stays as it was', async ({ device, baseURL }) => {
	const student = await createStudent(baseURL!, `fill.${run}`, 'Ines Moreau');
	const page = await signIn(device, student.username);
	await openPlan(page, student.displayName);

	const reflections = page.getByRole('region', { name: 'Reflections', exact: true });
	await reflections.getByRole('button', { name: 'Add a reflection' }).click();
	const reflection = reflections.getByRole('article').last();
	await expect(reflection.getByLabel('Date')).toHaveValue(today());
	await expect(reflection.getByLabel('Written by (name)')).toHaveValue('Ines Moreau');
	await expect(reflection.getByLabel('Written by (role)')).toHaveValue('student');
	await reflection.getByLabel('Text').fill('Swimming twice a week is working.');

	const goals = page.getByRole('region', { name: 'Goals', exact: true });
	await goals.getByRole('button', { name: 'Add a goal' }).click();
	await goals
		.getByRole('article')
		.last()
		.getByLabel('Goal', { exact: true })
		.fill('Swim 1 km without stopping');

	// The draft names what changed, in words; the person makes it their own.
	await page.getByRole('button', { name: 'Record a revision' }).click();
	const dialog = page.getByRole('dialog');
	const what = dialog.getByLabel('What changed');
	await expect(what).toHaveValue(/Added: Goals: Swim 1 km without stopping/);
	await expect(what).toHaveValue(/Added: Reflections: Swimming twice a week is working\./);
	await what.fill(`${await what.inputValue()}\nI want to join the swim team.`);
	await dialog.getByLabel('Why').fill('Swimming is going well');
	await dialog.getByRole('button', { name: 'Save the revision' }).click();
	await expect(dialog).toBeHidden();

	// Recorded: kept as it was, with no way to remove or change it.
	const revisions = page.getByRole('region', { name: 'Revisions', exact: true });
	const revision = revisions.getByRole('article').last();
	await expect(revision).toContainText('I want to join the swim team.');
	await expect(revision.getByRole('button', { name: 'Remove' })).toHaveCount(0);
	await expect(revision.locator('input, textarea, select')).toHaveCount(0);
	await expect(page.getByTestId('revisions-kept')).toHaveText(
		'A recorded revision stays as it was. To correct one, record a new revision.'
	);

	// The next draft starts from that revision: only what changed since.
	await goals
		.getByRole('article')
		.last()
		.getByLabel('How I will know I reached it')
		.fill('My coach times me.');
	await page.getByRole('button', { name: 'Record a revision' }).click();
	await expect(what).toHaveValue('Changed: Goals: Swim 1 km without stopping');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
});
