/**
 * Finds connections whose device vanished without closing (lid shut, Wi-Fi gone): every interval
 * each socket is pinged, and one that has not answered (pong or any message) since the previous
 * ping is terminated, which frees its presence and lets its document unload. One timer for all
 * sockets, not one per socket, to keep idle connections cheap.
 */
import type { LiveConnections } from './live-connections';

export function startHeartbeat(live: LiveConnections, intervalMs: number): () => void {
	const timer = setInterval(() => {
		for (const conn of live) {
			if (!conn.isAlive) {
				conn.socket.terminate();
				continue;
			}
			conn.isAlive = false;
			if (!conn.isClosed) conn.socket.ping();
		}
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
