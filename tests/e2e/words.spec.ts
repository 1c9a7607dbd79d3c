import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ar } from '../../src/lib/messages/ar';
import type { Catalogue } from '../../src/lib/messages/catalogue';
import { en } from '../../src/lib/messages/en';
import { expect, test } from './fixtures';
import { CONTENT, writePlanContent } from './pages/plan-content';
import { createStaff, createStudent } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * Words, not codes: every screen a person reads a plan on — the plan, its print view, the end of
 * a meeting, "See what changed", the exported page and the caseload — shows the school's labels
 * in the reader's language, the linked record's name and dates as the language writes them,
 * never what the program stores (`in-progress`, `work-based`, a role's code, a record's id, an
 * ISO date). Once in English and once in Arabic (right to left, its own month names).
 */
const run = Date.now().toString(36);

/** Every stored value, id or ISO timestamp found in a person's text. */
function codesIn(text: string): string[] {
	const patterns = [
		/\b(?:in-progress|not-started|work-based|post-secondary|two-year-college|dual-enrollment)\b/g,
		/\bsecondary\b/g,
		/[·(,]\s?(?:advisor|student|guardian)\b/g,
		/\b[0-9a-f]{32}\b/g,
		/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/g,
		/\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?/g,
		/\bGoals \d/g
	];
	return patterns.flatMap((pattern) => text.match(pattern) ?? []);
}

/** A date as the app writes it in this language, computed by the same browser. */
async function dateIn(page: Page, language: string, iso: string): Promise<string> {
	return page.evaluate(
		([lang, day]) => {
			const [y, m, d] = day!.split('-').map(Number) as [number, number, number];
			return new Date(y, m - 1, d).toLocaleDateString(lang, { dateStyle: 'long' });
		},
		[language, iso]
	);
}

/**
 * The words on the screen, far parts included: far records skip their rendering
 * (`content-visibility: auto`), which would leave them out of `innerText`.
 */
async function mainText(page: Page): Promise<string> {
	await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
	return page.locator('main').innerText();
}

for (const [language, t] of [
	['en', en],
	['ar', ar]
] as [string, Catalogue][]) {
	test.describe(`words, not codes (${language})`, () => {
		const username = `words.${language}.${run}`;
		const advisorName = `words.advisor.${language}.${run}`;
		const studentName = language === 'ar' ? 'ليلى حداد' : 'Maya Lindqvist';

		test.beforeAll(async ({ baseURL }) => {
			const staffId = await createStaff(baseURL!, advisorName, 'Noor Advisor', 'staff');
			const student = await createStudent(baseURL!, username, studentName, [staffId]);
			await writePlanContent(baseURL!, await apiToken(baseURL!, username), student.planId);
		});

		test('plan, print view, meeting dialog, what changed and the exported page show words', async ({
			device
		}) => {
			const page = await signIn(device, username);
			await page.getByLabel('Language').selectOption(language);
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await page.getByRole('link', { name: studentName }).click();
			await expect(page.getByRole('heading', { name: CONTENT.goal, level: 3 })).toBeVisible();
			const meetingDay = await dateIn(page, language, CONTENT.meetingDate);
			const byWhen = await dateIn(page, language, CONTENT.byWhen);

			// The plan: a meeting without words is named by its kind, number and date.
			const plan = await mainText(page);
			expect(codesIn(plan)).toEqual([]);
			expect(plan).toContain(`${t.options.conference} 1 · ${meetingDay}`);
			expect(plan).toContain(byWhen);

			// The print view: dates on paper in the reader's language.
			await page.emulateMedia({ media: 'print' });
			const printed = await mainText(page);
			expect(codesIn(printed)).toEqual([]);
			expect(printed).toContain(byWhen);
			await page.emulateMedia({ media: 'screen' });

			// The end-of-meeting dialog: reflections by date and role, in words.
			await page.getByRole('button', { name: t.conference.start }).click();
			await page.getByRole('button', { name: t.conference.end }).click();
			const dialog = page.getByRole('dialog');
			await expect(dialog).toBeVisible();
			const dialogText = await dialog.innerText();
			expect(codesIn(dialogText)).toEqual([]);
			const reflectionDay = await dateIn(page, language, CONTENT.reflectionDate);
			expect(dialogText).toContain(`${reflectionDay} · ${t.options.student} · ${CONTENT.reflection}`);
			await dialog.getByLabel(t.revision.whatChanged).fill('A first goal and a pathway');
			await dialog.getByLabel(t.revision.why, { exact: true }).fill('We met and agreed on them');
			await dialog.getByRole('button', { name: t.revision.save }).click();

			// What changed: every part, with labels and the linked goal's name.
			await page.getByRole('link', { name: t.revision.seeChanges }).click();
			const diff = page.getByTestId('diff');
			await expect(diff.getByRole('heading', { level: 3 }).first()).toBeVisible();
			const changed = await diff.innerText();
			expect(codesIn(changed)).toEqual([]);
			for (const words of [
				t.options['in-progress'],
				t.options['work-based'],
				t.options.secondary,
				byWhen,
				`${CONTENT.step}`,
				`Lucia Rivera · ${t.options.advisor}`,
				CONTENT.reflection
			])
				expect(changed).toContain(words);
			// The step's goal is named by its title, in the step's row.
			const stepChange = diff.getByRole('article').filter({ hasText: CONTENT.step });
			const goalRow = stepChange
				.getByRole('row')
				.filter({ has: page.getByRole('rowheader', { name: t.fields.goalId, exact: true }) });
			await expect(goalRow).toContainText(CONTENT.goal);
			const whole = await mainText(page);
			expect(codesIn(whole)).toEqual([]);
			// The plan as it stood shows every part, reflections and meetings too.
			for (const section of [t.sections.reflections, t.sections.meetings, t.sections.progress])
				await expect(page.getByRole('heading', { name: section, exact: true, level: 2 })).toHaveCount(1);

			// The exported page, in the exporter's language.
			await page.goBack();
			const downloading = page.waitForEvent('download');
			await page.getByRole('button', { name: t.exporting.download }).click();
			const archive = unzipSync(readFileSync(await (await downloading).path()));
			const html = new TextDecoder().decode(archive['index.html']);
			const reader = await device.newPage();
			await reader.setContent(html);
			await expect(reader.locator('html')).toHaveAttribute('lang', language);
			const exported = await reader.locator('body').innerText();
			expect(codesIn(exported)).toEqual([]);
			for (const words of [t.options['in-progress'], t.options['work-based'], byWhen, CONTENT.goal])
				expect(exported).toContain(words);
			await expect(reader.locator('section').filter({ hasText: CONTENT.step })).toContainText(CONTENT.goal);
			await reader.close();
		});

		test('the caseload shows dates and labels, not codes', async ({ device }) => {
			const page = await signIn(device, advisorName);
			await page.getByLabel('Language').selectOption(language);
			await expect(page.getByRole('link', { name: studentName })).toBeVisible();
			const list = await mainText(page);
			expect(codesIn(list)).toEqual([]);

			await page.getByRole('link', { name: t.growthGlance.link }).click();
			const row = page.getByRole('row').filter({ hasText: studentName });
			await expect(row).toBeVisible();
			const glance = await mainText(page);
			expect(codesIn(glance)).toEqual([]);
			// The review is due a year after the plan started (today, for a new student's plan).
			const due = await page.evaluate((lang) => {
				const day = new Date();
				day.setFullYear(day.getFullYear() + 1);
				return day.toLocaleDateString(lang, { dateStyle: 'long' });
			}, language);
			await expect(row).toContainText(due);
		});
	});
}
