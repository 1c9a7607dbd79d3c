import { test as base, chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A device: a persistent Chromium profile, like a real Chromebook's. Playwright's usual contexts
 * are incognito, where Chromium refuses to install apps; a profile on disk also keeps IndexedDB
 * and the service worker the way a real browser does.
 */
export const test = base.extend<{ device: BrowserContext }>({
	device: async ({ launchOptions, baseURL }, use) => {
		const profile = mkdtempSync(join(tmpdir(), 'pathways-device-'));
		const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
		await use(context);
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

export { expect } from '@playwright/test';
