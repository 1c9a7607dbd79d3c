/**
 * The demo school on first start: it ships a small fictional framework and a few progress checks in
 * the plans under way, so a student's growth page shows charts at once. Growth pages name each
 * proficiency and level (its code and name, the scale's label), never an id alone or an ISO date,
 * in English and in Arabic. On its own server: the suite's demo school gets other frameworks
 * uploaded by other specs.
 */
import type { Page } from '@playwright/test';
import { ar } from '../../src/lib/messages/ar';
import type { Catalogue } from '../../src/lib/messages/catalogue';
import { en } from '../../src/lib/messages/en';
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

/** A proficiency id shown without its name after it, or an ISO date. */
function idsIn(text: string): string[] {
	const bareIds = [...text.matchAll(/MR-[A-Z]{3}(?:\.\d)?(?![.\d]| · )/g)].map((match) => match[0]);
	return [...bareIds, ...(text.match(/\b\d{4}-\d{2}-\d{2}/g) ?? [])];
}

/** The words on the screen, far parts included (`content-visibility: auto` leaves them out of innerText). */
async function mainText(page: Page): Promise<string> {
	await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
	return page.locator('main').innerText();
}

async function dateIn(page: Page, language: string, iso: string): Promise<string> {
	return page.evaluate(
		([lang, day]) => {
			const [y, m, d] = day!.split('-').map(Number) as [number, number, number];
			return new Date(y, m - 1, d).toLocaleDateString(lang, { dateStyle: 'long' });
		},
		[language, iso]
	);
}

const fill = (template: string, values: Record<string, string>) =>
	template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

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

for (const [language, t] of [
	['en', en],
	['ar', ar]
] as [string, Catalogue][]) {
	test(`growth pages name proficiencies and levels, never ids or ISO dates (${language})`, async ({
		newDevice
	}) => {
		const student = await signIn(await newDevice(), 'eli');
		await student.getByLabel('Language').selectOption(language);
		await expect(student.locator('html')).toHaveAttribute('lang', language);
		await student.goto('/plan/demo-eli/growth');
		await expect(student.getByTestId('rollup-chart').locator('canvas')).toBeVisible();
		const own = await mainText(student);
		expect(idsIn(own)).toEqual([]);
		expect(own).toContain(`MR-INQ.1 · ${NAMES['MR-INQ.1']}`);
		expect(own).toContain(await dateIn(student, language, '2026-11-10'));

		const admin = await signIn(await newDevice(), 'admin');
		await admin.getByLabel('Language').selectOption(language);
		await expect(admin.locator('html')).toHaveAttribute('lang', language);
		await admin.goto('/growth');
		const levels = admin.getByTestId('levels-by-grade');
		// Eli (grade 10), Carmen (11) and Dev (12): each one's latest levels, named.
		const selfDirection = levels.getByRole('row').filter({ hasText: NAMES['MR-SEL'] });
		await expect(selfDirection).toHaveCount(3);
		await expect(selfDirection.first()).toContainText('3 · Proficient');
		const inquiry = levels.getByRole('row').filter({ hasText: NAMES['MR-INQ.2'] });
		await expect(inquiry.first()).toContainText('2 · Developing');
		const captions = admin.getByTestId('levels-chart').locator('figcaption');
		await expect(captions).toHaveCount(3);
		await expect(captions.first()).toHaveText(
			fill(t.growthGlance.levelsChart, { proficiency: `MR-INQ.1 · ${NAMES['MR-INQ.1']}` })
		);
		await expect(admin.locator('[data-chart="levels-MR-SEL"] canvas')).toBeVisible();
		const glance = await mainText(admin);
		expect(idsIn(glance)).toEqual([]);
	});
}
