/**
 * Security headers on every answer (docs/security.md):
 * - Content-Security-Policy: the app's own policy, read from the built index.html, where
 *   SvelteKit wrote it with the hashes of its inline start-up script (svelte.config.js `kit.csp`),
 *   plus `frame-ancestors 'none'`, which only a header can carry. API answers get a policy that
 *   allows nothing. An answer that set its own policy (evidence downloads) keeps it.
 * - X-Content-Type-Options: nosniff; Referrer-Policy: no-referrer; X-Frame-Options: DENY (for
 *   browsers without frame-ancestors); Cross-Origin-Opener-Policy: same-origin.
 * - Permissions-Policy: camera and microphone for the app itself (evidence recordings), nothing
 *   else, and nothing at all for other origins.
 * Kept apart from static.ts (which serves the files) so each has one job.
 */
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Used when there is no build to read the policy from: no inline script may run. */
const DEFAULT_APP_POLICY =
	"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'";
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

export const PERMISSIONS_POLICY =
	'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()';

const FIXED_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': PERMISSIONS_POLICY
};

/** The policy SvelteKit wrote into the built page, or null when there is none. */
export function builtPolicy(buildDir: string): string | null {
	const index = path.join(buildDir, 'index.html');
	if (!existsSync(index)) return null;
	const html = readFileSync(index, 'utf8');
	const match = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
	return match?.[1]?.replaceAll('&#39;', "'").replaceAll('&quot;', '"') ?? null;
}

export function appPolicy(buildDir: string): string {
	return `${builtPolicy(buildDir) ?? DEFAULT_APP_POLICY}; frame-ancestors 'none'`;
}

export function registerSecurityHeaders(app: FastifyInstance, buildDir: string): void {
	const forApp = appPolicy(buildDir);
	app.addHook('onSend', async (request, reply) => {
		for (const [name, value] of Object.entries(FIXED_HEADERS)) {
			if (!reply.hasHeader(name)) reply.header(name, value);
		}
		if (!reply.hasHeader('content-security-policy')) {
			const isApi = request.url === '/api' || request.url.startsWith('/api/');
			reply.header('content-security-policy', isApi ? API_POLICY : forApp);
		}
	});
}
