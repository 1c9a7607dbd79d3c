import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static SPA: the service worker can serve every route offline from one fallback page.
		adapter: adapter({ fallback: 'index.html' }),
		// The PWA plugin builds and registers its own service worker (see src/lib/pwa).
		serviceWorker: { register: false },
		// A strict Content-Security-Policy: only the app's own scripts run, plus the one inline
		// start-up script, allowed by its hash. Kit writes it into the built page as a <meta> tag;
		// the server sends the same policy as a header, with frame-ancestors, which a <meta> tag
		// cannot carry (sync-server/src/security-headers.ts, docs/security.md).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte sets some styles as attributes (style:…, transitions): allowed, scripts are not.
				'style-src': ['self', 'unsafe-inline'],
				// Evidence previews and recordings are blob: URLs; icons may be data: URLs.
				'img-src': ['self', 'blob:', 'data:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				// The API and the relay (same origin: ws/wss included by 'self'); blob: for reading evidence the app holds.
				'connect-src': ['self', 'blob:'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
