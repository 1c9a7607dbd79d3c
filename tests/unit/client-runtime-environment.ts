/**
 * Node, with the test files compiled and resolved as for the browser (Vite's client environment),
 * so runes tests run Svelte's real client runtime: effects, deriveds, createSubscriber. No DOM.
 */
const environment = {
	name: 'client-runtime',
	viteEnvironment: 'client',
	setup: () => ({ teardown: () => undefined })
};
// (Vitest's Environment type is not exported in a public entry point; this is its documented shape.)
export default environment;
