import { localDb } from '../local/db';
import type { SignInResponse, UserView } from '../contracts/api';

const SESSION_KEY = 'session';

export interface StoredSession {
	token: string;
	expiresAt: string;
	user: UserView;
}

/**
 * Who is signed in on this device. The session is kept in IndexedDB so the app opens and edits
 * offline after one sign-in; the server decides whether the token is still good.
 */
class Auth {
	session = $state<StoredSession | null>(null);
	isLoaded = $state(false);
	/** The server said the sign-in ended (expired or signed out elsewhere). Local work is kept. */
	hasExpired = $state(false);

	get user(): UserView | null {
		return this.session?.user ?? null;
	}

	get token(): string | null {
		return this.session?.token ?? null;
	}

	async load(): Promise<void> {
		const stored = await localDb().settings.get(SESSION_KEY);
		this.session = (stored?.value as StoredSession | undefined) ?? null;
		this.isLoaded = true;
	}

	async remember(response: SignInResponse): Promise<void> {
		const session: StoredSession = {
			token: response.token,
			expiresAt: response.expiresAt,
			user: response.user
		};
		await localDb().settings.put({ key: SESSION_KEY, value: session });
		this.session = session;
		this.hasExpired = false;
	}

	/** Keeps a changed account (e.g. a new language) in the stored session. */
	async updateUser(user: UserView): Promise<void> {
		if (!this.session) return;
		const session = { ...this.session, user };
		await localDb().settings.put({ key: SESSION_KEY, value: session });
		this.session = session;
	}

	markExpired(): void {
		this.hasExpired = true;
	}

	async forget(): Promise<void> {
		await localDb().settings.delete(SESSION_KEY);
		this.session = null;
		this.hasExpired = false;
	}
}

export const auth = new Auth();
