/**
 * WebSocket close codes the relay uses. 4400–4499 mirror HTTP 4xx and tell the y-websocket provider
 * (v3) not to reconnect: reconnecting cannot fix them. Everything else is retried with back-off.
 */
export const CloseCode = {
	/** Server shutting down (SIGTERM); the provider reconnects to the next process. */
	goingAway: 1001,
	/** A frame larger than the configured limit. */
	messageTooBig: 1009,
	/** The server could not save; the provider reconnects and resends. */
	serverError: 1011,
	/** The relay holds its maximum number of connections; the provider retries with back-off. */
	tryAgainLater: 1013,
	/** Malformed document name or malformed message. */
	badRequest: 4400,
	/** Missing, unknown or expired session token, or signed out. */
	unauthorized: 4401,
	/** The signed-in person may not see this document (or no longer may). */
	forbidden: 4403,
	/**
	 * The update changes or removes a recorded revision (a correction is a new revision). Nothing of
	 * it is stored; sending it again cannot help, so the provider does not reconnect.
	 */
	revisionKept: 4409,
	/** Too many messages too fast: a client this broken should not come straight back. */
	tooManyMessages: 4429,
	/**
	 * One person holds the most connections allowed (tabs × devices). Outside 4400–4499 on
	 * purpose: the provider retries with back-off, and gets in once another tab closes.
	 */
	tooManyConnections: 4529
} as const;

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
export function closeReason(text: string): string {
	const bytes = Buffer.from(text, 'utf8');
	return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8') + '...';
}
