import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static SPA: the service worker can serve every route offline from one fallback page.
		adapter: adapter({ fallback: 'index.html' }),
		// The PWA plugin builds and registers its own service worker (see src/lib/pwa).
		serviceWorker: { register: false }
	}
};

export default config;
