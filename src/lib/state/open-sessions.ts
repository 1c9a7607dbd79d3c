/** Plans open in this tab, so an app update can wait until they have saved. */
export const openSessions = new Set<{ flush(): Promise<void> }>();

export async function saveAllOpenPlans(): Promise<void> {
	await Promise.all([...openSessions].map((session) => session.flush()));
}
