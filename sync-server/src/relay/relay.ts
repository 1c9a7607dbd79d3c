/**
 * The relay as a Fastify plugin: `GET /sync/:docName` upgrades to a y-websocket connection whose
 * first message carries the session token (never the URL). See README.md for the protocol, close
 * codes and guarantees.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { AccessResolver, AuditLog, DocStore, RelayControl } from '../contracts';
import { AuditThrottle } from './audit-throttle';
import { CloseCode } from './close-codes';
import { resolveLimits, type RelayLimits } from './limits';
import { RoomRegistry } from './room-registry';
import { startHeartbeat } from './heartbeat';
import { LiveConnections } from './live-connections';
import { afterFirstMessageToken } from './first-message-auth';
import { startSessionSweep } from './session-expiry';
import { handleSocket } from './socket-handler';
import { recheckConnection } from './recheck';

export interface RelayDeps {
	store: DocStore;
	resolver: AccessResolver;
	audit: AuditLog;
	limits?: Partial<RelayLimits>;
	/** The clock sessions end by (tests move it). Default Date.now. */
	now?: () => number;
}

export const RELAY_PATH = '/sync';

/**
 * Adds the relay route to `app` (call before `app.listen`/`app.ready`). Registers @fastify/websocket
 * itself, in its own scope, with ws's maxPayload as the hard cap on frame size: the server must not
 * register @fastify/websocket again.
 */
export function registerRelay(app: FastifyInstance, deps: RelayDeps): RelayControl {
	const limits = resolveLimits(deps.limits);
	const live = new LiveConnections();
	const rooms = new RoomRegistry(
		deps.store,
		new AuditThrottle(deps.audit),
		{ idleUnloadMs: limits.idleUnloadSeconds * 1000, compactAfterUpdates: limits.compactAfterUpdates },
		app.log
	);
	let closing: Promise<void> | null = null;
	const now = deps.now ?? Date.now;
	const stopHeartbeat = startHeartbeat(live, limits.heartbeatSeconds * 1000);
	const stopSessionSweep = startSessionSweep(live, limits.heartbeatSeconds * 1000, now);

	const control: RelayControl = {
		recheckUser(userId) {
			for (const conn of live) {
				if (conn.principal.userId === userId) recheckConnection(conn, deps.resolver);
			}
		},
		closeSession(sessionId) {
			for (const conn of live) {
				if (conn.principal.sessionId === sessionId) conn.close(CloseCode.unauthorized, 'signed out');
			}
		},
		connectionCount: () => live.size,
		async applyServerUpdate(name, update) {
			const room = await rooms.open(name);
			room.applyServerUpdate(update);
			rooms.releaseIfIdle(room);
		},
		close() {
			closing ??= (async () => {
				stopHeartbeat();
				stopSessionSweep();
				for (const conn of live) conn.close(CloseCode.goingAway, 'server shutting down: reconnect shortly');
				await rooms.unloadAll();
			})();
			return closing;
		}
	};

	app.register(async (scope) => {
		// One object shared by every socket: idle connections are many, so each keeps as little as it can.
		const socketDeps = {
			resolver: deps.resolver,
			audit: deps.audit,
			rooms,
			limits,
			log: scope.log,
			live,
			now
		};
		// Runs before @fastify/websocket's own pre-close (which closes sockets without a code).
		scope.addHook('preClose', () => control.close());
		await scope.register(websocket, {
			// Frames between the limit and twice the limit get a close reason from us; ws cuts off
			// anything larger while it is still arriving, so a huge frame is never buffered.
			options: { maxPayload: limits.maxMessageBytes * 2 },
			errorHandler(error, socket) {
				// ws has already started closing the socket (1009 for an oversized frame).
				scope.log.warn({ err: error }, 'websocket error');
				if (socket.readyState === socket.OPEN) socket.close(CloseCode.badRequest, 'malformed frame');
			}
		});
		scope.get<{ Params: { docName: string }; Querystring: Record<string, unknown> }>(
			`${RELAY_PATH}/:docName`,
			// 'warn' keeps the per-request info log (which would print the URL and its token) quiet.
			{ websocket: true, logLevel: 'warn' },
			(socket, request) => {
				if (closing !== null) {
					socket.close(CloseCode.goingAway, 'server shutting down: reconnect shortly');
					return;
				}
				if ('token' in request.query) {
					// A token in a URL is a leaked token (logs, history): refused, so no client keeps doing it.
					socket.close(CloseCode.badRequest, 'send the session token in the first message, not in the URL');
					return;
				}
				afterFirstMessageToken(socket, limits.authTimeoutSeconds * 1000, (token) =>
					handleSocket(socket, request.params.docName, token, socketDeps)
				);
			}
		);
	});
	return control;
}
