import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressBuild } from '../../scripts/precompress';
import { BUILD_MISSING_MESSAGE } from '../src/static';
import { startServer, writeFakeBuild, type TestServer } from './helpers';

describe('serving the built app', () => {
	let t: TestServer;
	beforeAll(async () => {
		t = await startServer({ config: { seedDemo: false } });
	});
	afterAll(async () => {
		await t.close();
	});

	const get = (route: string, init?: RequestInit) => fetch(t.url + route, init);

	it('never caches the service worker, its registration, the manifest or index.html', async () => {
		for (const route of ['/sw.js', '/registerSW.js', '/manifest.webmanifest', '/', '/index.html']) {
			const response = await get(route);
			expect(response.status, route).toBe(200);
			expect(response.headers.get('cache-control'), route).toBe('no-cache');
			await response.arrayBuffer();
		}
		expect(await (await get('/')).text()).toContain('Pathways test shell');
		expect((await get('/sw.js')).headers.get('content-type')).toMatch(/javascript/);
	});

	it('caches hashed /_app/immutable files for a year, other files for an hour', async () => {
		const immutable = await get('/_app/immutable/entry/start.abc123.js');
		expect(immutable.status).toBe(200);
		expect(immutable.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const icon = await get('/icons/icon-192.png');
		expect(icon.status).toBe(200);
		expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
		const version = await get('/_app/version.json');
		expect(version.headers.get('cache-control')).toBe('public, max-age=3600');
	});

	it('answers app routes with index.html (SPA fallback), uncached', async () => {
		for (const route of ['/plans/demo-amara', '/signin?next=/plans', '/deep/link/here']) {
			const response = await get(route);
			expect(response.status, route).toBe(200);
			expect(response.headers.get('cache-control'), route).toBe('no-cache');
			expect(response.headers.get('content-type'), route).toMatch(/text\/html/);
			expect(await response.text()).toContain('Pathways test shell');
		}
	});

	it('does not answer the API, the relay path, missing assets or non-GET requests with the app', async () => {
		const apiMissing = await get('/api/nothing-here');
		expect(apiMissing.status).toBe(404);
		expect(((await apiMissing.json()) as { error: { code: string } }).error.code).toBe('not-found');
		for (const route of [
			'/sync/plan.demo-amara',
			'/sync/',
			'/_app/immutable/missing.js',
			'/favicon-missing.ico'
		]) {
			const response = await get(route);
			expect(response.status, route).toBe(404);
			expect(response.headers.get('content-type') ?? '', route).not.toMatch(/html/);
			expect(await response.text(), route).not.toContain('Pathways test shell');
		}
		const post = await get('/plans/x', { method: 'POST' });
		expect(post.status).toBe(404);
		await post.arrayBuffer();
	});

	it('refuses paths that climb out of the build folder', async () => {
		const response = await get('/..%2f..%2fdata%2fpathways.db');
		expect(response.status).not.toBe(200);
		await response.arrayBuffer();
	});

	it('health and metrics answer', async () => {
		const health = (await (await get('/api/health')).json()) as { status: string; hasRelay: boolean };
		expect(health).toMatchObject({ status: 'ok', hasRelay: true });
		const metrics = (await (await get('/api/metrics')).json()) as {
			connections: number;
			uptimeSeconds: number;
		};
		expect(metrics.connections).toBe(0);
		expect(metrics.uptimeSeconds).toBeGreaterThanOrEqual(0);
	});
});

describe('without a build', () => {
	it('says to run npm run build instead of failing', async () => {
		const t = await startServer({ config: { seedDemo: false } });
		await t.close();
		// A server on a folder with no build: the API still works, pages explain what to do.
		const bare = await startServer({
			config: { seedDemo: false, buildDir: path.join(t.dir, 'no-build-here') }
		});
		try {
			const page = await fetch(bare.url + '/');
			expect(page.status).toBe(503);
			expect(await page.text()).toBe(BUILD_MISSING_MESSAGE);
			expect(BUILD_MISSING_MESSAGE).toContain('npm run build');
			expect((await fetch(bare.url + '/api/health')).status).toBe(200);
		} finally {
			await bare.close();
			rmSync(t.dir, { recursive: true, force: true });
		}
	});
});

describe('precompressed assets', () => {
	let t: TestServer;
	const script = `export const words = ${JSON.stringify('a plan for the year ahead '.repeat(200))};`;
	beforeAll(async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pathways-precompressed-'));
		const buildDir = writeFakeBuild(path.join(dir, 'build'));
		writeFileSync(path.join(buildDir, '_app/immutable/entry/big.abc123.js'), script);
		writeFileSync(path.join(buildDir, 'sw.js'), `/* worker */ ${script}`);
		precompressBuild(buildDir);
		t = await startServer({ dir, config: { seedDemo: false, buildDir } });
	});
	afterAll(async () => {
		await t.close();
	});

	/** A raw GET (fetch would decompress and hide what crossed the wire). */
	const rawGet = (route: string, acceptEncoding?: string) =>
		new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
			(resolve, reject) => {
				const request = httpGet(
					t.url + route,
					{ headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
					(response) => {
						const chunks: Buffer[] = [];
						response.on('data', (chunk: Buffer) => chunks.push(chunk));
						response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
					}
				);
				request.on('error', reject);
			}
		);

	it('sends the brotli or gzip copy the browser accepts, and says it varies on Accept-Encoding', async () => {
		const route = '/_app/immutable/entry/big.abc123.js';
		const br = await rawGet(route, 'gzip, deflate, br');
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toMatch(/accept-encoding/i);
		expect(br.headers['content-type']).toMatch(/javascript/);
		expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(brotliDecompressSync(br.body).toString()).toBe(script);
		expect(br.body.byteLength).toBeLessThan(script.length / 5);

		const gz = await rawGet(route, 'gzip');
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(script);

		const plain = await rawGet(route);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers.vary).toMatch(/accept-encoding/i);
		expect(plain.body.toString()).toBe(script);
	});

	it('keeps each file’s caching rule when it sends a compressed copy (the worker is never cached)', async () => {
		const worker = await rawGet('/sw.js', 'br');
		expect(worker.headers['content-encoding']).toBe('br');
		expect(worker.headers['cache-control']).toBe('no-cache');
		const fallback = await rawGet('/plans/demo-amara', 'br');
		expect(fallback.headers['cache-control']).toBe('no-cache');
		expect(fallback.headers['content-type']).toMatch(/text\/html/);
	});
});
