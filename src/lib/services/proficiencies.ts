/** The school's proficiency framework: keep the device's copy fresh, and the admin's uploads. */
import type { FrameworkVersion } from '../contracts/framework';
import type { FrameworkFormat, FrameworkUploadReport } from '../contracts/framework-api';
import { cachedAnswer, cacheFramework } from '../proficiencies/framework-cache';
import { frameworkState } from '../state/framework.svelte';
import { request } from '../sync/api';
import { auth } from '../state/auth.svelte';

/**
 * Shows the device's copy at once, then asks the server for the latest (offline, the copy stays).
 * Safe to call often: one request at a time per school.
 */
let refreshing: Promise<void> | null = null;
let askedAt = 0;
const ASK_AGAIN_MS = 30_000;

export function loadFramework(options: { isForced?: boolean } = {}): Promise<void> {
	const user = auth.user;
	const token = auth.token;
	if (!user || !token) return Promise.resolve();
	const isFresh = frameworkState.schoolId === user.schoolId && Date.now() - askedAt < ASK_AGAIN_MS;
	if (isFresh && !refreshing && !options.isForced) return Promise.resolve();
	// A forced ask waits for one under way, then asks again (it may have started before the change).
	if (options.isForced && refreshing) return refreshing.then(() => loadFramework(options));
	refreshing ??= (async () => {
		askedAt = Date.now();
		try {
			if (frameworkState.schoolId !== user.schoolId) {
				// What the school said last time, "it has none" included; never asked: not on the device yet.
				const cached = await cachedAnswer(user.schoolId);
				frameworkState.show(user.schoolId, cached.framework, cached.isAnswered);
			}
			const answer = await request<{ framework: FrameworkVersion | null }>('GET', '/api/proficiencies', {
				token
			});
			await cacheFramework(user.schoolId, answer.framework);
			frameworkState.show(user.schoolId, answer.framework, true);
		} catch {
			// Offline or signed out: the device's copy is what there is.
		} finally {
			refreshing = null;
		}
	})();
	return refreshing;
}

export function uploadFramework(input: {
	format: FrameworkFormat;
	files: Record<string, string>;
	dryRun: boolean;
}): Promise<FrameworkUploadReport> {
	if (!auth.token) throw new Error('not signed in');
	return request<FrameworkUploadReport>('POST', '/api/proficiencies', { token: auth.token, body: input });
}
