/** The district's period during which students who graduated or left still read their plan (leaver-routes.ts). */
import { auth } from '../state/auth.svelte';
import { request } from '../sync/api';

export interface LeaverPeriod {
	days: number;
	/** The district set none: the server's default (LEAVER_ACCESS_DAYS, two years) applies. */
	isDefault: boolean;
}

function token(): string {
	const value = auth.token;
	if (!value) throw new Error('not signed in');
	return value;
}

export const leaverPeriod = () =>
	request<LeaverPeriod>('GET', '/api/district/leaver-access', { token: token() });

/** `null` goes back to the server's default. */
export const setLeaverPeriod = (days: number | null) =>
	request<LeaverPeriod>('PUT', '/api/district/leaver-access', { token: token(), body: { days } });
