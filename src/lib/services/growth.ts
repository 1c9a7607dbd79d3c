/**
 * The caseload and school views: asked from the server (which reads every plan), and kept on the
 * device so the last answer can be read offline, with the time it was fetched.
 */
import { localDb } from '../local/db';
import type { CaseloadRow, SchoolCounts } from '../contracts/growth-api';
import { request } from '../sync/api';
import { auth } from '../state/auth.svelte';

export interface Fetched<T> {
	value: T;
	fetchedAt: number;
	/** False when the server could not be reached and this is the device's last copy. */
	isFresh: boolean;
}

async function fetchOrCached<T>(name: string, route: string): Promise<Fetched<T> | null> {
	const user = auth.user;
	const token = auth.token;
	if (!user || !token) return null;
	const key = `growth:${name}:${user.id}`;
	try {
		const value = await request<T>('GET', route, { token });
		const fetched = { value, fetchedAt: Date.now() };
		await localDb().settings.put({ key, value: fetched });
		return { ...fetched, isFresh: true };
	} catch (error) {
		const stored = (await localDb().settings.get(key))?.value as { value: T; fetchedAt: number } | undefined;
		if (!stored) throw error;
		return { ...stored, isFresh: false };
	}
}

export const caseloadAtAGlance = () =>
	fetchOrCached<{ rows: CaseloadRow[] }>('caseload', '/api/growth/caseload');
export const schoolCounts = () => fetchOrCached<SchoolCounts>('school', '/api/growth/school');

/** Removes the device's copies of the caseload and school views (sign-out on a shared device). */
export async function forgetGrowthCopies(userId: string): Promise<void> {
	await localDb().settings.bulkDelete(['caseload', 'school'].map((name) => `growth:${name}:${userId}`));
}
