/**
 * The relay on a Fastify server: `GET /sync/:docName` upgrades (upgrade.ts, on the HTTP server
 * itself) to a y-websocket connection whose first message carries the session token (never the
 * URL). See README.md for the protocol, close codes and guarantees.
 */
import type { FastifyInstance } from 'fastify';
import type {
	AccessResolver,
	AsyncDocStore,
	AuditLog,
	FanOut,
	FanOutReceiver,
	RelayControl,
	Revocation
} from '../contracts';
import { LocalFanOut } from '../fanout/local-fan-out';
import { AuditThrottle } from './audit-throttle';
import { GroupCommit } from './group-commit';
import { CloseCode } from './close-codes';
import { resolveLimits, type RelayLimits } from './limits';
import { RoomRegistry } from './room-registry';
import { startHeartbeat } from './heartbeat';
import { LiveConnections } from './live-connections';
import { startSessionSweep } from './session-expiry';
import { acceptSocket } from './socket-handler';
import { recheckConnection } from './recheck';
import { CachedAccess } from './cached-access';
import { listenForUpgrades } from './upgrade';

export interface RelayDeps {
	/** Where documents live: SQLite through SyncDocStoreAdapter, or PostgreSQL (storage/). */
	store: AsyncDocStore;
	resolver: AccessResolver;
	audit: AuditLog;
	limits?: Partial<RelayLimits>;
	/** The other relay processes (fanout/redis-fan-out.ts); default: none (LocalFanOut). */
	fanOut?: FanOut;
	/** The clock sessions end by (tests move it). Default Date.now. */
	now?: () => number;
}

export const RELAY_PATH = '/sync';

/** The relay's control, and what it does with what the other processes send (hand it to the fan-out). */
export interface Relay extends RelayControl {
	readonly receiver: FanOutReceiver;
}

/**
 * Adds the relay to `app` (call before `app.listen`/`app.ready`): it takes the HTTP server's
 * WebSocket upgrades for RELAY_PATH, with ws's maxPayload as the hard cap on frame size, and
 * closes every socket from Fastify's preClose, so `app.close()` alone shuts it down.
 */
export function registerRelay(app: FastifyInstance, deps: RelayDeps): Relay {
	const limits = resolveLimits(deps.limits);
	const access = new CachedAccess(deps.resolver);
	const live = new LiveConnections();
	const fanOut = deps.fanOut ?? new LocalFanOut();
	const commits = new GroupCommit(deps.store, app.log);
	const audit = new AuditThrottle(deps.audit, (task) => commits.afterTurn(task));
	const rooms = new RoomRegistry(
		deps.store,
		commits,
		audit,
		{ idleUnloadMs: limits.idleUnloadSeconds * 1000, compactAfterUpdates: limits.compactAfterUpdates },
		app.log,
		fanOut
	);
	let closing: Promise<void> | null = null;
	const now = deps.now ?? Date.now;
	const stopHeartbeat = startHeartbeat(live, limits.heartbeatSeconds * 1000);
	const stopSessionSweep = startSessionSweep(live, limits.heartbeatSeconds * 1000, now);

	/** Acts on a revocation on this process's sockets (made here, or heard from another process). */
	const revokeHere = (revocation: Revocation) => {
		if (revocation.kind === 'user') {
			access.forgetUser(revocation.userId);
			for (const conn of live) {
				if (conn.principal.userId === revocation.userId) recheckConnection(conn, deps.resolver);
			}
		} else {
			access.forgetSession(revocation.sessionId);
			for (const conn of live) {
				if (conn.principal.sessionId === revocation.sessionId)
					conn.close(CloseCode.unauthorized, 'signed out');
			}
		}
	};
	/** Here at once, and on every other process (their sockets of that user or session close too). */
	const revoke = (revocation: Revocation) => {
		revokeHere(revocation);
		fanOut.publishRevocation(revocation).catch((error: unknown) => {
			app.log.error({ err: error }, 'could not tell the other relay processes of a revocation');
		});
	};

	const control: Relay = {
		recheckUser: (userId) => revoke({ kind: 'user', userId }),
		closeSession: (sessionId) => revoke({ kind: 'session', sessionId }),
		receiver: {
			update: (name, update) => rooms.committedUpdate(name, update),
			presence: (name, presence) => rooms.remotePresence(name, presence),
			revocation: revokeHere,
			resumed: () => rooms.reloadAll()
		},
		connectionCount: () => live.size,
		async writeServerUpdates(entries) {
			if (entries.length === 0) return;
			await deps.store.appendUpdates(entries);
			// Committed: now a room here that holds the document sends it to its connections, and the
			// other processes are told, as they are of any committed update. A document nobody has
			// open is not loaded for it (a roster import touches hundreds of plans).
			for (const { docName, update } of entries) {
				rooms.committedUpdate(docName, update);
				fanOut.publishUpdate(docName, update).catch((error: unknown) => {
					// Stored already: other processes get it when their clients sync or the link resumes.
					app.log.warn({ err: error, doc: docName }, 'could not tell the other relay processes of an update');
				});
			}
		},
		close() {
			closing ??= (async () => {
				stopHeartbeat();
				stopSessionSweep();
				// What this turn holds is committed and sent before anyone is told to go.
				await commits.drain();
				for (const conn of live) conn.close(CloseCode.goingAway, 'server shutting down: reconnect shortly');
				await rooms.unloadAll();
				await commits.drain(); // the last audit records
			})();
			return closing;
		}
	};

	// One object shared by every socket: idle connections are many, so each keeps as little as it can.
	const rate = { perSecond: limits.messagesPerSecond, burst: limits.messageBurst };
	const socketDeps = { resolver: access, audit, rooms, limits, log: app.log, live, now, rate };
	const stopUpgrades = listenForUpgrades(
		app.server,
		RELAY_PATH,
		// Frames between the limit and twice the limit get a close reason from us; ws cuts off
		// anything larger while it is still arriving, so a huge frame is never buffered.
		{ maxPayload: limits.maxMessageBytes * 2 },
		(socket, target) => {
			if (closing !== null) {
				socket.close(CloseCode.goingAway, 'server shutting down: reconnect shortly');
				return;
			}
			if (target.hasTokenInUrl) {
				// A token in a URL is a leaked token (logs, history): refused, so no client keeps doing it.
				socket.close(CloseCode.badRequest, 'send the session token in the first message, not in the URL');
				return;
			}
			acceptSocket(socket, target.docName, socketDeps);
		},
		(error, socket) => {
			// ws has already started closing the socket (1009 for an oversized frame).
			app.log.warn({ err: error }, 'websocket error');
			if (socket.readyState === socket.OPEN) socket.close(CloseCode.badRequest, 'malformed frame');
		}
	);
	app.addHook('preClose', async () => {
		await control.close();
		stopUpgrades();
	});
	return control;
}
