/**
 * The JavaScript a first visit downloads, gzipped, per route: Chromium loads the built app (from
 * build/, answered by Playwright's router, no server needed) and we gzip each script it fetched.
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { printTable } from './report';

const BUILD = 'build';
const ORIGIN = 'http://pathways.bench';

function fileFor(pathname: string): string {
	const file = join(BUILD, pathname);
	return existsSync(file) && !pathname.endsWith('/') ? file : join(BUILD, 'index.html');
}

export async function runFirstLoadBench(routes = ['/', '/plan/bench']): Promise<void> {
	if (!existsSync(join(BUILD, 'index.html'))) throw new Error('No build/ yet: run `npm run build` first.');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const rows: Array<[string, string]> = [];
	try {
		for (const route of routes) {
			const context = await browser.newContext({ serviceWorkers: 'block' });
			const page = await context.newPage();
			const scripts = new Set<string>();
			await page.route(`${ORIGIN}/**`, async (r) => {
				const { pathname } = new URL(r.request().url());
				const file = fileFor(pathname);
				if (file.endsWith('.js')) scripts.add(file);
				await r.fulfill({ path: file });
			});
			await page.goto(`${ORIGIN}${route}`, { waitUntil: 'networkidle' });
			let raw = 0;
			let gzipped = 0;
			for (const file of scripts) {
				const bytes = readFileSync(file);
				raw += bytes.byteLength;
				gzipped += gzipSync(bytes).byteLength;
			}
			rows.push([
				route,
				`${(gzipped / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw, ${scripts.size} files)`
			]);
			await context.close();
		}
	} finally {
		await browser.close();
	}
	printTable('First-load JavaScript per route (target ≤ 120 KB gzipped)', rows);
}
