import { base } from '$app/paths';

/*
 * Opened at a plan's address (a bookmark, a reload, the start of an offline day), the app starts
 * loading the plan's editor together with its own code. Otherwise that code would wait for the
 * page's code, which only starts it: three waves of loading before the plan shows, not two (decision 0047).
 */
if (new RegExp(`^${base}/plan/[^/]+/?$`).test(location.pathname)) {
	void import('./routes/plan/[id]/PlanEditor.svelte').catch(() => {
		// The page's own import of the same code shows what to do if it cannot load.
	});
}
