import { pauseDeviceCopies, resumeDeviceCopies } from './device-copies';
import { localDb, type PlanEntry } from '../local/db';
import { docName } from '../plp/access';
import { requestPersistence } from '../local/device-storage';
import { api, ApiError, NetworkError } from '../sync/api';
import { auth } from '../state/auth.svelte';
import { language } from '../messages';
import { closeAllOpenPlans } from '../state/open-sessions';
import { forgetGrowthCopies } from './growth';
import { adoptAccountLanguage, saveLanguageIfPending } from './language';
import { loadFramework } from './proficiencies';

/** Signs in, remembers the session on this device, and lists the person's plans. */
export async function signIn(username: string, password: string): Promise<void> {
	const response = await api.signIn(username, password);
	await auth.remember(response);
	await adoptAccountLanguage();
	await refreshSchoolPlans();
	await requestPersistence().catch(() => false);
}

/** Signs in a family member with an invite code (creates their account). */
export async function redeemInvite(body: {
	code: string;
	username: string;
	password: string;
	displayName: string;
}) {
	// The family's account keeps the language they joined in.
	const response = await api.redeemInvite({ ...body, language: language() });
	await auth.remember(response);
	await refreshSchoolPlans();
}

/**
 * Updates the list of school plans on this device from the server. Offline, the list saved on
 * the device stays as it is. Returns false when the server could not be asked.
 */
export async function refreshSchoolPlans(): Promise<boolean> {
	const token = auth.token;
	const user = auth.user;
	if (!token || !user) return false;
	let plans;
	try {
		({ plans } = await api.plans(token));
	} catch (error) {
		if (error instanceof ApiError && error.status === 401) auth.markExpired();
		if (error instanceof NetworkError || error instanceof ApiError) return false;
		throw error;
	}
	void saveLanguageIfPending();
	// The school's proficiencies come with the plan list, so progress entries can use them offline.
	void loadFramework();
	const db = localDb();
	await db.transaction('rw', db.plans, async () => {
		const known = new Map(
			(await db.plans.where('ownerUserId').equals(user.id).toArray()).map((p) => [p.id, p])
		);
		const now = Date.now();
		for (const plan of plans) {
			const existing = known.get(plan.planId);
			known.delete(plan.planId);
			const entry: PlanEntry = {
				id: plan.planId,
				studentName: plan.studentName,
				createdAt: existing?.createdAt ?? now,
				lastEditedAt: existing?.lastEditedAt ?? 0,
				hasUnsyncedChanges: existing?.hasUnsyncedChanges ?? false,
				source: 'school',
				ownerUserId: user.id,
				access: plan.access,
				// Unsent changes here make this device's summary the newer one; else the server has all it has.
				summary:
					existing?.hasUnsyncedChanges && existing.summary
						? existing.summary
						: (plan.summary ?? existing?.summary),
				grade: plan.grade,
				lastChangeAt: plan.lastChangeAt ? Date.parse(plan.lastChangeAt) : 0,
				deviceCopyAt: existing?.deviceCopyAt
			};
			await db.plans.put(entry);
		}
		// Plans no longer listed keep their local copy only while they hold unsent changes.
		// A plan opened from the district view is not on this list by design: it stays until sign-out.
		for (const gone of known.values())
			if (!gone.hasUnsyncedChanges && !gone.isDistrictRead) await db.plans.delete(gone.id);
	});
	return true;
}

/** How many of the signed-in person's plans hold changes the school has not confirmed. */
export async function countUnsyncedPlans(): Promise<number> {
	const user = auth.user;
	if (!user) return 0;
	return localDb()
		.plans.where('ownerUserId')
		.equals(user.id)
		.filter((p) => p.hasUnsyncedChanges)
		.count();
}

/**
 * Signs out and removes this person's school plans from the device (a shared Chromebook must not
 * keep them). The caller warns first when `countUnsyncedPlans()` is not zero.
 */
export async function signOut(): Promise<void> {
	await pauseDeviceCopies();
	try {
		await signOutNow();
	} finally {
		resumeDeviceCopies();
	}
}

async function signOutNow(): Promise<void> {
	const token = auth.token;
	const user = auth.user;
	if (token) await api.signOut(token).catch(() => undefined); // offline: the token simply expires
	// Every open plan is saved and closed first, so none can write itself back after its removal.
	await closeAllOpenPlans();
	if (user) {
		// Loaded here, not at the top: the start screen must not pull in Yjs for a rare action.
		const [{ school }, { clearLocalDoc, clearLocalPlan }] = await Promise.all([
			import('../state/school-session.svelte'),
			import('../local/plan-storage')
		]);
		await school.close();
		await clearLocalDoc(docName('school', user.schoolId));
		const plans = await localDb().plans.where('ownerUserId').equals(user.id).toArray();
		for (const plan of plans) await clearLocalPlan(plan.id);
		await localDb().plans.where('ownerUserId').equals(user.id).delete();
		await forgetGrowthCopies(user.id);
	}
	await auth.forget();
}
