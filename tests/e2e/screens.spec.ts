import type { Locator, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ar } from '../../src/lib/messages/ar';
import type { Catalogue } from '../../src/lib/messages/catalogue';
import { en } from '../../src/lib/messages/en';
import { expect, test } from './fixtures';
import { writePlanContent } from './pages/plan-content';
import { createStaff, createStudent } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * The pictures in docs/screens/ (issue #14): the plan, the caseload, "See what changed" and the
 * family's invite letter, on a phone and on a Chromebook, in English and in Arabic. `npm run
 * screens` writes them there; in the test suite they go to the test's own output folder. Either
 * way the test checks each picture is a real PNG of the size asked for, taken once the screen
 * shows what it is named after.
 */
const SIZES = {
	phone: { width: 390, height: 844 },
	chromebook: { width: 1366, height: 768 }
} as const;
const run = Date.now().toString(36);

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): { width: number; height: number } {
	expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

for (const [language, t] of [
	['en', en],
	['ar', ar]
] as [string, Catalogue][]) {
	test(`screens for docs/screens (${language})`, async ({ device, baseURL }, testInfo) => {
		test.setTimeout(120_000);
		const folder = process.env.SCREENS_DIR ?? testInfo.outputPath('screens');
		mkdirSync(folder, { recursive: true });
		const studentName = language === 'ar' ? 'ليلى حداد' : 'Maya Lindqvist';
		const advisorUser = `screens.advisor.${language}.${run}`;
		const staffId = await createStaff(baseURL!, advisorUser, 'Lucia Rivera', 'staff');
		const student = await createStudent(baseURL!, `screens.${language}.${run}`, studentName, [staffId]);
		await writePlanContent(baseURL!, await apiToken(baseURL!, student.username), student.planId);

		const page = await signIn(device, advisorUser);
		await page.getByLabel('Language').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);

		// The advisor's day, the plan, and the letter, at Chromebook size first.
		await page.setViewportSize(SIZES.chromebook);
		const caseloadUrl = page.url();
		await expect(page.getByRole('link', { name: studentName })).toBeVisible();
		await page.getByRole('link', { name: studentName }).click();
		await expect(page.getByTestId('sync-status')).toContainText(t.sync.synced);
		const planUrl = page.url();

		await page.getByRole('button', { name: t.conference.start }).click();
		await page.getByRole('button', { name: t.conference.end }).click();
		const dialog = page.getByRole('dialog');
		await dialog
			.getByLabel(t.revision.whatChanged)
			.fill(language === 'ar' ? 'هدف أول ومسار' : 'A first goal and a pathway');
		await dialog
			.getByLabel(t.revision.why, { exact: true })
			.fill(language === 'ar' ? 'التقينا واتفقنا' : 'We met and agreed on them');
		await dialog.getByRole('button', { name: t.revision.save }).click();
		await expect(dialog).toBeHidden();
		await page.getByRole('link', { name: t.revision.seeChanges }).click();
		await expect(page.getByTestId('diff').getByRole('heading', { level: 3 }).first()).toBeVisible();
		const changesUrl = page.url();

		const shoot = async (name: string, size: keyof typeof SIZES, target: Page | Locator) => {
			const png = await target.screenshot({ animations: 'disabled', caret: 'hide' });
			const { width, height } = pngSize(png);
			if ('goto' in target) expect({ width, height }).toEqual(SIZES[size]);
			else expect(width).toBeLessThanOrEqual(SIZES[size].width);
			expect(png.length).toBeGreaterThan(10_000);
			writeFileSync(join(folder, `${name}-${size}-${language}.png`), png);
		};

		for (const size of ['chromebook', 'phone'] as const) {
			await page.setViewportSize(SIZES[size]);
			await page.goto(caseloadUrl);
			await expect(page.getByRole('link', { name: studentName })).toBeVisible();
			await shoot('caseload', size, page);

			await page.goto(changesUrl);
			await expect(page.getByTestId('diff').getByRole('heading', { level: 3 }).first()).toBeVisible();
			await shoot('what-changed', size, page);

			await page.goto(planUrl);
			await expect(page.getByRole('heading', { name: studentName, level: 1 })).toBeVisible();
			await expect(page.getByTestId('sync-status')).toContainText(t.sync.synced);
			await shoot('plan', size, page);

			const invite = page.getByRole('region', { name: t.invite.title });
			await invite.getByLabel(t.invite.language).selectOption(language);
			await invite.getByRole('button', { name: t.invite.create }).click();
			const letter = invite.locator(`article[lang="${language}"]`);
			await expect(letter.getByRole('img', { name: t.invite.qrLabel })).toBeVisible();
			await shoot('invite-letter', size, letter);
		}
	});
}
