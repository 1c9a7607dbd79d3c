import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

/**
 * A new version of the app waits for the person: the prompt appears, nothing reloads while they
 * type, and "Reload now" switches to the new version.
 */
test('a new version waits until the person chooses to reload', async ({ device }) => {
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload(); // now controlled by the installed worker
	await page.getByLabel('Student’s name').fill('Rae');
	await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

	// Publish a "new version": the server serves build/sw.js (or the .br/.gz copies the build writes
	// beside it, as a deploy would), so a changed byte is a new worker.
	const swPath = 'build/sw.js';
	const original = readFileSync(swPath, 'utf8');
	const publish = (text: string) => {
		writeFileSync(swPath, text);
		writeFileSync(`${swPath}.br`, brotliCompressSync(text));
		writeFileSync(`${swPath}.gz`, gzipSync(text));
	};
	try {
		publish(`${original}\n// a new version ${Date.now()}\n`);
		// Ask the browser to look for a new worker now (it also does so on its own, later).
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())?.update();
		});
		await expect(page.getByText('A new version of Pathways is ready.')).toBeVisible();

		// The person keeps typing: the page is not reloaded under their fingers.
		await page.getByLabel('Student’s name').pressSequentially(' Kim');
		await expect(page.getByLabel('Student’s name')).toHaveValue('Rae Kim');
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');

		await page.getByRole('button', { name: 'Reload now' }).click();
		await expect
			.poll(
				() => page.evaluate(() => (window as unknown as { marker?: string }).marker).catch(() => 'navigating') // the reload is under way
			)
			.toBeUndefined();
		await page.waitForLoadState('load');
		await expect(page.getByText('A new version of Pathways is ready.')).toHaveCount(0);
		const scriptUrl = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
		expect(scriptUrl).toMatch(/\/sw\.js$/);
	} finally {
		publish(original);
	}
});
