/**
 * Security headers (issue 13, hole 6) on the app, its files and the API. The browser side (the
 * service worker, charts and evidence previews still work under the policy) is shown by the e2e
 * suite, tests/e2e/security.spec.ts among others.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, writeFakeBuild, type TestServer } from './helpers';

const KIT_POLICY =
	"default-src 'self'; script-src 'self' 'sha256-JsTyzu+tBUhPLxpwHdwx59E379WAJeNonwRR8lGVClM='; style-src 'self' 'unsafe-inline'";

describe('security headers', () => {
	let server: TestServer;
	const dir = tempDir();
	beforeAll(async () => {
		const build = writeFakeBuild(path.join(dir, 'kit-build'));
		// The page as SvelteKit writes it with kit.csp: the policy in a meta tag.
		writeFileSync(
			path.join(build, 'index.html'),
			`<!doctype html><meta http-equiv="content-security-policy" content="${KIT_POLICY.replaceAll("'", '&#39;')}"><title>Pathways</title>`
		);
		server = await startServer({ config: { buildDir: build } });
	});
	afterAll(async () => {
		await server.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it("sends the app's own policy with frame-ancestors 'none' on pages, and the other headers everywhere", async () => {
		for (const route of ['/', '/plans/demo-amara', '/sw.js', '/_app/immutable/entry/start.abc123.js']) {
			const response = await fetch(server.url + route);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-security-policy')).toBe(`${KIT_POLICY}; frame-ancestors 'none'`);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('no-referrer');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			const permissions = response.headers.get('permissions-policy') ?? '';
			expect(permissions).toContain('camera=(self)');
			expect(permissions).toContain('microphone=(self)');
			expect(permissions).toContain('geolocation=()');
		}
	});

	it('gives API answers a policy that allows nothing', async () => {
		const response = await fetch(server.url + '/api/health');
		expect(response.headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'none'"
		);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		const missing = await fetch(server.url + '/api/nothing-here');
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
	});
});
