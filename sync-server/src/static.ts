/**
 * Serves the built app (`build/`, the SvelteKit static SPA) with caching that keeps updates
 * reaching people: the service worker, its registration, the manifest and index.html are
 * revalidated every time; hashed files under /_app/immutable are cached for a year; anything else
 * for an hour. Any other GET that is not a file, /api or /sync answers index.html (the SPA
 * fallback), so a reload on /plans/abc works.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { errorBody } from './api/errors';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';
const ALWAYS_REVALIDATE = new Set(['/sw.js', '/registerSW.js', '/manifest.webmanifest', '/index.html']);

export const BUILD_MISSING_MESSAGE =
	'The app has not been built yet, so there is nothing to show here. Run `npm run build` (or `npm start`, which builds first), then reload.';

export function cacheControlFor(urlPath: string): string {
	if (ALWAYS_REVALIDATE.has(urlPath) || urlPath.endsWith('.html')) return NO_CACHE;
	if (urlPath.startsWith('/_app/immutable/')) return IMMUTABLE;
	return SHORT;
}

export function hasBuild(buildDir: string): boolean {
	return existsSync(path.join(buildDir, 'index.html'));
}

/** Paths the fallback must never answer with the app: the API, the relay, and missing assets. */
function isFallbackPath(urlPath: string): boolean {
	if (
		urlPath.startsWith('/api/') ||
		urlPath === '/api' ||
		urlPath.startsWith('/sync/') ||
		urlPath === '/sync'
	)
		return false;
	// A missing script or image must be a 404, not HTML the browser would try to run as JavaScript.
	if (urlPath.startsWith('/_app/')) return false;
	const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
	return !lastSegment.includes('.');
}

export async function registerStatic(app: FastifyInstance, buildDir: string): Promise<void> {
	const isBuilt = hasBuild(buildDir);
	if (isBuilt) {
		await app.register(fastifyStatic, {
			root: buildDir,
			// We set Cache-Control ourselves per file; @fastify/send would add max-age=0 otherwise.
			cacheControl: false,
			// The .br and .gz copies written at build time (scripts/precompress.ts), picked by the
			// request's Accept-Encoding, with `Vary: accept-encoding` (set by @fastify/static).
			preCompressed: true,
			setHeaders: (reply, filePath) => {
				const servedPath = '/' + path.relative(buildDir, filePath).split(path.sep).join('/');
				const urlPath = servedPath.replace(/\.(br|gz)$/, '');
				reply.header('cache-control', cacheControlFor(urlPath));
			}
		});
	}

	app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
		const urlPath = request.url.split('?')[0] ?? '/';
		const isPageRequest = (request.method === 'GET' || request.method === 'HEAD') && isFallbackPath(urlPath);
		if (!isPageRequest) {
			return reply
				.code(404)
				.send(
					errorBody(
						'not-found',
						'There is nothing at this address. Check the link, or go back to the start page.'
					)
				);
		}
		if (!isBuilt) {
			return reply
				.code(503)
				.header('cache-control', NO_CACHE)
				.type('text/plain; charset=utf-8')
				.send(BUILD_MISSING_MESSAGE);
		}
		return reply.sendFile('index.html');
	});
}
