import { startLanguage } from '$lib/messages';

// A static single-page app: everything renders in the browser, so the service worker can serve it offline.
export const ssr = false;
export const prerender = false;

// The first screen already speaks the person's language: no flash of English.
export const load = async () => {
	await startLanguage();
};
