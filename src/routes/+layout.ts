// A static single-page app: everything renders in the browser, so the service worker can serve it offline.
export const ssr = false;
export const prerender = false;
