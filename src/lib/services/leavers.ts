/**
 * The period during which students who graduated or left still read their plan (leaver-routes.ts):
 * the district's (district admins) or, for a school admin, the one their school's students follow.
 */
import type { LeaverPeriodAnswer } from '../contracts/api';
import { auth } from '../state/auth.svelte';
import { request } from '../sync/api';

export type LeaverPeriod = LeaverPeriodAnswer;
export type LeaverScope = 'district' | 'school';

function token(): string {
	const value = auth.token;
	if (!value) throw new Error('not signed in');
	return value;
}

export const leaverPeriod = (scope: LeaverScope = 'district') =>
	request<LeaverPeriod>('GET', `/api/${scope}/leaver-access`, { token: token() });

/** `null` goes back to the server's default. */
export const setLeaverPeriod = (days: number | null, scope: LeaverScope = 'district') =>
	request<LeaverPeriod>('PUT', `/api/${scope}/leaver-access`, { token: token(), body: { days } });
