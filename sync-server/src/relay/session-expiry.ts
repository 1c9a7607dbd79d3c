/**
 * A socket lives no longer than the session that opened it. Every frame is checked against the
 * session's end before it is read (so an expired session never writes again, even between
 * sweeps), and a sweep closes quiet sockets whose session has ended (so they stop receiving
 * the plan too). One timer for all sockets, like the heartbeat.
 */
import { CloseCode } from './close-codes';
import type { Connection } from './connection';
import type { LiveConnections } from './live-connections';

const ENDED = 'your session ended: sign in again';

/** Closes the connection (4401) when its session has ended; true when it did. */
export function closeIfSessionEnded(conn: Connection, now: () => number): boolean {
	if (conn.principal.expiresAt > now()) return false;
	conn.close(CloseCode.unauthorized, ENDED);
	return true;
}

export function startSessionSweep(live: LiveConnections, intervalMs: number, now: () => number): () => void {
	const timer = setInterval(() => {
		for (const conn of live) closeIfSessionEnded(conn, now);
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
