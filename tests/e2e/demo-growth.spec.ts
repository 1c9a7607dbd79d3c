/**
 * The demo school on first start: it ships a small fictional framework and a few progress checks in
 * the plans under way, so a student's growth page shows charts at once. On its own server: the suite's demo school gets other frameworks
 * uploaded by other specs.
 */
import { expect } from './fixtures';
import { testOnOwnServer } from './pages/own-server';
import { openPlan, signIn } from './pages/session';

const test = testOnOwnServer({});

const NAMES = {
	'MR-INQ': 'Ask questions and look for answers (fictional)',
	'MR-INQ.1': 'Asks a question that can be tested',
	'MR-INQ.2': 'Gathers information and notes where it came from',
	'MR-SEL': 'Plan and manage my own learning (fictional)'
};

test('a student of the demo school sees her growth charts on first start', async ({ newDevice }) => {
	const student = await signIn(await newDevice(), 'carmen');
	await openPlan(student, 'Carmen Diaz');
	const progress = student.getByRole('region', { name: 'Progress', exact: true });
	await expect(progress.getByLabel('Proficiency or skill').first().locator('option:checked')).toHaveText(
		/Asks a question that can be tested/
	);
	await student.getByRole('link', { name: 'See growth over time' }).click();

	// Inquiry, rolled up from two of its three indicators (latest levels 3 and 2: the lower middle).
	const rollup = student.getByTestId('rollup-chart');
	await expect(rollup).toHaveAttribute('data-proficiency', 'MR-INQ');
	await expect(rollup.getByRole('heading', { level: 3 })).toContainText(NAMES['MR-INQ']);
	await expect(rollup.locator('canvas')).toBeVisible();
	await expect(rollup.getByTestId('rollup-row')).toContainText('2 · Developing');

	// Self-direction's own checks: a line of three points, and the same as a table.
	const selfDirection = student.locator('[data-testid="growth-chart"][data-proficiency="MR-SEL"]');
	await expect(selfDirection).toHaveAttribute('data-points', '3');
	await expect(selfDirection.getByRole('heading', { level: 3 })).toContainText(NAMES['MR-SEL']);
	await expect(selfDirection.locator('canvas')).toBeVisible();
	const rows = selfDirection.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(4);
	await expect(rows.nth(1)).toContainText('September 20, 2026');
	await expect(rows.nth(3)).toContainText('3 · Proficient');
	await expect(student.getByTestId('growth-empty')).toHaveCount(0);
});
