import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * A cheap Chromebook or an old phone may have no font for Devanagari or Arabic (this test
 * machine has neither). The app brings its own, fetched only by a person who picks that language,
 * and keeps it for offline use.
 */

/** The fonts Chromium actually drew `selector`'s text with (DevTools' "Rendered fonts"). */
async function renderedFonts(device: BrowserContext, page: Page, selector: string) {
	const cdp = await device.newCDPSession(page);
	try {
		await cdp.send('DOM.enable');
		await cdp.send('CSS.enable');
		const { root } = await cdp.send('DOM.getDocument');
		const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
		return fonts.filter((font) => font.glyphCount > 0);
	} finally {
		await cdp.detach();
	}
}

test('Nepali and Arabic draw with the app’s own script fonts, fetched only for that language, and offline', async ({
	device
}) => {
	const page = device.pages()[0] ?? (await device.newPage());
	const fetched: string[] = [];
	device.on('request', (request) => {
		if (request.url().endsWith('.woff2')) fetched.push(new URL(request.url()).pathname);
	});

	await page.goto('/signin');
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	// The worker has installed (and precached the app) without fetching any font.
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	expect(fetched).toEqual([]);
	expect(await page.evaluate(() => [...document.fonts].map((face) => face.family))).toEqual([]);

	await page.getByLabel('Language').selectOption('ne');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
	await expect
		.poll(async () =>
			(await renderedFonts(device, page, 'h1')).map((font) => [font.familyName, font.isCustomFont])
		)
		.toContainEqual(['Noto Sans Devanagari', true]);
	expect(fetched.some((path) => path.includes('noto-sans-devanagari'))).toBe(true);
	expect(fetched.some((path) => path.includes('noto-sans-arabic'))).toBe(false);

	await page.getByRole('combobox').first().selectOption('ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect
		.poll(async () =>
			(await renderedFonts(device, page, 'h1')).map((font) => [font.familyName, font.isCustomFont])
		)
		.toContainEqual(['Noto Sans Arabic', true]);

	// Offline, on a fresh load of the page: the kept copy still draws Nepali.
	await page.getByRole('combobox').first().selectOption('ne');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
	await device.setOffline(true);
	try {
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
		await expect
			.poll(async () =>
				(await renderedFonts(device, page, 'h1')).map((font) => [font.familyName, font.isCustomFont])
			)
			.toContainEqual(['Noto Sans Devanagari', true]);
	} finally {
		await device.setOffline(false);
	}
});
