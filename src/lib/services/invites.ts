/** A family invite code for one plan, made by staff (online only). */
import { t } from '../messages';
import { api, NetworkError } from '../sync/api';
import { auth } from '../state/auth.svelte';

export async function createFamilyInvite(planId: string) {
	const token = auth.token;
	if (!token) throw new Error(t.auth.signInAgain);
	try {
		return await api.createInvite(token, planId);
	} catch (error) {
		throw error instanceof NetworkError ? new Error(t.invite.needOnline) : error;
	}
}
