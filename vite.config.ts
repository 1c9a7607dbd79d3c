import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { precompileMessages } from './src/lib/messages/precompile.ts';
import { chunkModules } from './scripts/chunk-modules.ts';

export default defineConfig({
	plugins: [
		precompileMessages(),
		sveltekit(),
		chunkModules(),
		SvelteKitPWA({
			// We register the worker ourselves with workbox-window (src/lib/pwa/pwa-manager.svelte.ts)
			// so the "new version" prompt is ours and never reloads under someone's fingers.
			registerType: 'prompt',
			injectRegister: false,
			kit: { adapterFallback: 'index.html', spa: true },
			// Colours match the theme tokens in src/app.css.
			manifest: {
				id: '/',
				name: 'Pathways — Personalized Learning Plans',
				short_name: 'Pathways',
				description:
					'Your Personalized Learning Plan: goals, steps, progress and reflections, on and off line.',
				lang: 'en',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				background_color: '#ffffff',
				theme_color: '#1d4e89',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				// Fonts are not precached: a Nepali or Arabic script font (about 50 KB a weight) is
				// fetched only by a person who picks that language, then kept for offline use.
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest}'],
				runtimeCaching: [
					{
						urlPattern: /\/_app\/immutable\/assets\/[^/]+\.woff2$/,
						handler: 'CacheFirst',
						options: { cacheName: 'pathways-fonts', expiration: { maxEntries: 8 } }
					}
				],
				// Must name the precached entry exactly: with '/', createHandlerBoundToURL throws inside
				// the worker's async module loader, the worker still activates, and offline navigation
				// to any route other than '/' silently fails.
				navigateFallback: 'index.html',
				// The relay and the API are never answered from the cache.
				navigateFallbackDenylist: [/^\/api\//, /^\/sync\//],
				cleanupOutdatedCaches: true,
				// On the very first visit the new worker takes the open page at once, so code loaded
				// later (lazy chunks) already comes from the cache when the network drops. Updates
				// still wait for "Reload now": there is no skipWaiting.
				clientsClaim: true
			}
		})
	],
	build: {
		target: 'es2022'
	},
	test: {
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: ['sync-server/test/engines/**']
				}
			},
			{
				// Storage and fan-out against real PostgreSQL and Redis, which its global setup starts
				// (throwaway, on free ports); it runs only when one of its files is selected.
				extends: true,
				test: {
					name: 'engines',
					include: ['sync-server/test/engines/**/*.test.ts'],
					globalSetup: ['sync-server/test/engines/global-setup.ts']
				}
			},
			{
				// Tests of runes (effects, createSubscriber) run Svelte's client runtime, in Node.
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'runes',
					include: ['src/**/*.test.svelte.ts'],
					environment: './tests/unit/client-runtime-environment.ts',
					// Through Vite, so `svelte` resolves to its client build like the compiled code does.
					server: { deps: { inline: [/svelte/] } }
				}
			}
		]
	}
});
