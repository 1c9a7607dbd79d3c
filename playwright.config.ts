import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './tests/e2e/chromium';

/**
 * End-to-end tests drive Debian's Chromium (apt-get install chromium) against the real built app
 * served by `npm start`, on a fresh data folder each run.
 */
const port = Number(process.env.E2E_PORT ?? 4317);
const dataDir = mkdtempSync(join(tmpdir(), 'pathways-e2e-'));
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	// One folder per port, so runs on other ports (other checkouts, other engineers) never clear ours.
	outputDir: `test-results/e2e-${port}`,
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunchOptions
	},
	webServer: {
		command: 'npm start',
		url: `${baseURL}/api/health`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SEED_DEMO: '1',
			BACKUP_DIR: join(dataDir, 'backups'),
			// Small, so the import screen's "too large" answer is reached with a 5 MB file (import.spec.ts).
			IMPORT_MAX_BYTES: String(4 * 1024 * 1024)
		}
	}
});
