import { localDb } from '../local/db';
import type { PlanSummary } from '../plp/plan-summary';
import { auth } from '../state/auth.svelte';
import { ApiError, NetworkError } from '../sync/api';
import { recordSent } from '../sync/unsent';

/**
 * Sends what was changed offline in plans that are not open, then brings every school plan
 * listed for the signed-in person up to date on this device in one request (an advisor's whole
 * caseload), so each opens offline, and records when. Run when the plan list loads and when the
 * device comes back online. Returns false when the server could not
 * be asked; the copies already on the device stay as they are.
 */
export function keepSchoolPlansOnDevice(): Promise<boolean> {
	if (isPaused) return Promise.resolve(false);
	// One run at a time, and none while signing out (which must not have plans written back).
	const run = running.then(() => (isPaused ? false : keepOnce()));
	running = run.catch(() => undefined);
	return run;
}

let running: Promise<unknown> = Promise.resolve();
let isPaused = false;

/** Stops new runs and waits for the one under way: sign-out calls it before removing the plans. */
export async function pauseDeviceCopies(): Promise<void> {
	isPaused = true;
	await running;
}

export function resumeDeviceCopies(): void {
	isPaused = false;
}

async function keepOnce(): Promise<boolean> {
	const token = auth.token;
	const user = auth.user;
	if (!token || !user) return false;
	const entries = await localDb().plans.where('ownerUserId').equals(user.id).toArray();
	const plans = entries.flatMap((entry) =>
		entry.source === 'school' && entry.access ? [{ planId: entry.id, access: entry.access }] : []
	);
	if (plans.length === 0) return true;
	// Yjs and y-indexeddb load only now: the start screen stays light.
	const [{ catchUpPlans }, { sendWaitingChanges }, { deviceSummary }] = await Promise.all([
		import('../sync/catch-up'),
		import('../sync/send-waiting'),
		import('./plan-summary')
	]);
	const summaries = new Map<string, PlanSummary | undefined>();
	const waiting = new Set(entries.filter((entry) => entry.hasUnsyncedChanges).map((entry) => entry.id));
	let done: Set<string>;
	let sent: string[];
	try {
		// Changes made offline in plans no longer open go up first (a socket for those few only).
		sent = await sendWaitingChanges(
			token,
			plans.filter((plan) => waiting.has(plan.planId))
		);
		done = await catchUpPlans(token, plans, (planId, docs) => {
			if (docs.plan) summaries.set(planId, deviceSummary(docs.plan, docs.family));
		});
	} catch (error) {
		if (error instanceof ApiError && error.status === 401) auth.markExpired();
		if (error instanceof NetworkError || error instanceof ApiError) return false;
		throw error;
	}
	const now = Date.now();
	const db = localDb();
	await db.transaction('rw', db.plans, async () => {
		for (const planId of done) {
			const summary = summaries.get(planId);
			await db.plans.update(planId, summary ? { deviceCopyAt: now, summary } : { deviceCopyAt: now });
		}
		for (const planId of sent) await recordSent(planId);
	});
	return true;
}
