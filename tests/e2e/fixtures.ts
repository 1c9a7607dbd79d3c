import { test as base, chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Devices: each a persistent Chromium profile, like a real Chromebook or phone. Playwright's usual
 * contexts are incognito, where Chromium refuses to install apps; a profile on disk also keeps
 * IndexedDB and the service worker the way a real browser does.
 */
export const test = base.extend<{ device: BrowserContext; newDevice: () => Promise<BrowserContext> }>({
	newDevice: async ({ launchOptions, baseURL }, use) => {
		const opened: Array<{ context: BrowserContext; profile: string }> = [];
		await use(async () => {
			const profile = mkdtempSync(join(tmpdir(), 'pathways-device-'));
			const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
			opened.push({ context, profile });
			return context;
		});
		for (const { context, profile } of opened) {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	},
	device: async ({ newDevice }, use) => {
		await use(await newDevice());
	}
});

export { expect } from '@playwright/test';

export const DEMO_PASSWORD = 'maple-ridge-demo';
