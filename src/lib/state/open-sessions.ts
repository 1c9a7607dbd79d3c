/** Plans open in this tab, so an app update can wait until they have saved, and sign-out can close them. */
export const openSessions = new Set<{ flush(): Promise<void>; close(): Promise<void> }>();

export async function saveAllOpenPlans(): Promise<void> {
	await Promise.all([...openSessions].map((session) => session.flush()));
}

/**
 * Closes every open plan (saved, sync stopped, documents closed) before sign-out removes them from
 * this device: a plan still open could otherwise write itself back after its removal.
 */
export async function closeAllOpenPlans(): Promise<void> {
	await Promise.all([...openSessions].map((session) => session.close()));
}
