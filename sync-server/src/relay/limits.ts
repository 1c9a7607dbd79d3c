/** Tunables of the relay. Every field has a default that works for one school on one machine. */
export interface RelayLimits {
	/** Largest message a client may send, in bytes (a whole plan with history fits easily). */
	maxMessageBytes: number;
	/** Sustained messages per second per connection (a fast typist sends about 10). */
	messagesPerSecond: number;
	/** Messages a connection may send at once, e.g. on reconnect (sync step 1, step 2, awareness). */
	messageBurst: number;
	/** Seconds a document stays in memory with no connection before it is compacted and unloaded. */
	idleUnloadSeconds: number;
	/** Stored updates of one document above which its log is compacted into one. */
	compactAfterUpdates: number;
	/** Seconds between pings; a socket silent for two of them is dropped as dead. */
	heartbeatSeconds: number;
	/** Open connections the whole relay accepts; more are told to try again later (1013). */
	maxConnections: number;
	/** Open connections one person may hold (tabs × devices × 2 documents per plan). */
	maxConnectionsPerUser: number;
	/** Seconds a new socket has to send its session token (its first message). */
	authTimeoutSeconds: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
	maxMessageBytes: 1024 * 1024,
	messagesPerSecond: 100,
	messageBurst: 200,
	idleUnloadSeconds: 30,
	compactAfterUpdates: 500,
	heartbeatSeconds: 30,
	maxConnections: 20_000,
	maxConnectionsPerUser: 50,
	authTimeoutSeconds: 10
};

export function resolveLimits(partial: Partial<RelayLimits> = {}): RelayLimits {
	const limits = { ...DEFAULT_LIMITS, ...partial };
	for (const [key, value] of Object.entries(limits)) {
		if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
			throw new Error(`relay limit ${key} must be a positive number, got ${String(value)}`);
		}
	}
	return limits;
}
