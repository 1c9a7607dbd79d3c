import { language, setLanguage, type Language } from '../messages';
import { isLanguage } from '../messages/languages';
import { api } from '../sync/api';
import { auth } from '../state/auth.svelte';

/**
 * Each person's language lives on their account, so a parent who chose Nepali on their phone sees
 * Nepali on the school's Chromebook too. The device remembers the last choice for before sign-in.
 */
const PENDING_KEY = 'pathways.language.unsaved';

/** The person picked a language: switch now, and keep it on their account (later, if offline). */
export async function chooseLanguage(code: Language): Promise<void> {
	await setLanguage(code);
	const user = auth.user;
	if (!user || user.language === code) return;
	await auth.updateUser({ ...user, language: code });
	markPending(true);
	await saveLanguageIfPending();
}

/** After signing in: the account's language wins; an account without one takes the device's. */
export async function adoptAccountLanguage(): Promise<void> {
	const user = auth.user;
	if (!user) return;
	if (isLanguage(user.language)) {
		if (user.language !== language()) await setLanguage(user.language).catch(() => undefined);
		markPending(false);
		return;
	}
	await auth.updateUser({ ...user, language: language() });
	markPending(true);
	await saveLanguageIfPending();
}

/** Sends a choice made offline. Quietly waits for the next time online if it still fails. */
export async function saveLanguageIfPending(): Promise<void> {
	const token = auth.token;
	const chosen = auth.user?.language;
	if (!token || !isLanguage(chosen) || !isPending()) return;
	try {
		await api.setLanguage(token, chosen);
		markPending(false);
	} catch {
		// Kept: refreshSchoolPlans() tries again when the device is next online.
	}
}

function isPending(): boolean {
	try {
		return localStorage.getItem(PENDING_KEY) === '1';
	} catch {
		return false;
	}
}

function markPending(pending: boolean): void {
	try {
		if (pending) localStorage.setItem(PENDING_KEY, '1');
		else localStorage.removeItem(PENDING_KEY);
	} catch {
		// Without storage the choice is still on the account copy in this session.
	}
}
