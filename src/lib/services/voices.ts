/**
 * Voices from outside school (sync-server/src/voices/): one-time links a student or advisor makes
 * for a mentor, employer or community member, and the guest's side of them. The link's secret
 * travels in its fragment (`/voice#…`): browsers never send a fragment to a server, so it is in
 * no request line and no log; the guest's page sends it in a request body.
 */
import type { GuestRelation } from '../plp/confirmations';
import type { NewVoiceLink, VoiceAction, VoiceInvitation, VoiceLinkView } from '../contracts/api';
import { request } from '../sync/api';

const voicesOf = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/voices`;

export const makeVoiceLink = (
	token: string,
	planId: string,
	body: { action: VoiceAction; evidenceId?: string; guestName: string; guestRelation: GuestRelation }
) => request<NewVoiceLink>('POST', voicesOf(planId), { token, body });

export const voiceLinks = (token: string, planId: string) =>
	request<{ links: VoiceLinkView[] }>('GET', voicesOf(planId), { token });

export const closeVoiceLink = (token: string, planId: string, linkId: string) =>
	request<{ link: VoiceLinkView }>('DELETE', `${voicesOf(planId)}/${encodeURIComponent(linkId)}`, { token });

export const openVoiceLink = (secret: string) =>
	request<VoiceInvitation>('POST', '/api/voices/open', { body: { token: secret } });

export const answerVoiceLink = (secret: string, body?: string) =>
	request<{ action: VoiceAction; date: string }>('POST', '/api/voices/use', {
		body: body === undefined ? { token: secret } : { token: secret, body }
	});

/** The address the guest opens: the secret in the fragment only. */
export function voiceAddress(origin: string, path: string, secret: string): string {
	return `${origin}${path}#${secret}`;
}
