/**
 * The life of one socket: authenticate, authorize, wait for the document to load, then feed each
 * frame through the limits and into the room. Any failure closes this one socket with a code the
 * client can act on; nothing thrown here reaches the process.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { canRead, parseDocName } from '../../../src/lib/plp/access';
import type { AccessResolver } from '../contracts';
import type { AuditThrottle } from './audit-throttle';
import { CloseCode } from './close-codes';
import { decodeAuthToken } from '../../../src/lib/plp/relay-auth';
import { Connection, type MessageRate } from './connection';
import type { DocRoom } from './doc-room';
import type { RelayLimits } from './limits';
import type { LiveConnections } from './live-connections';
import { decodeClientMessage, looksLikeSyncStep1, MalformedMessageError } from './protocol';
import type { RoomRegistry } from './room-registry';
import { closeIfSessionEnded } from './session-expiry';

export interface SocketDeps {
	resolver: AccessResolver;
	/** Audit records, at most one per user, document and minute, written at the end of the turn. */
	audit: AuditThrottle;
	rooms: RoomRegistry;
	limits: RelayLimits;
	log: FastifyBaseLogger;
	/** Every live connection, for RelayControl and the connection limits. */
	live: LiveConnections;
	/** The clock sessions end by. */
	now: () => number;
	/** The message rate of every connection (from limits), shared. */
	rate: MessageRate;
}

/**
 * Takes a new socket: its first message must be the session token (src/lib/plp/relay-auth.ts)
 * within `limits.authTimeoutSeconds`, then it is checked, and then every frame goes to its room.
 * One 'message' and one 'close' listener serve the socket's whole life and are never removed
 * (removing a listener turns ws's listener table into a slow dictionary, for good), and the
 * timeout is let go once the token came; an idle connection keeps only what it needs.
 */
export function acceptSocket(socket: WebSocket, rawDocName: string, deps: SocketDeps): void {
	let conn: Connection | null = null;
	// Frames that arrive while the document loads wait here, in order; null once it is loaded.
	let pending: Uint8Array[] | null = null;
	let room: DocRoom | null = null;
	let authTimer: NodeJS.Timeout | null = setTimeout(() => {
		authTimer = null;
		closeUnauthorized(socket);
	}, deps.limits.authTimeoutSeconds * 1000);
	authTimer.unref();

	socket.on('message', (data, isBinary) => {
		if (authTimer !== null) {
			clearTimeout(authTimer);
			authTimer = null;
			conn = openConnection(socket, rawDocName, isBinary ? decodeAuthToken(toBytes(data)) : null, deps);
			if (conn === null) return;
			const opened = conn;
			pending = [];
			deps.rooms.open(rawDocName).then(
				(loaded) => {
					if (opened.isClosed) {
						deps.rooms.releaseIfIdle(loaded);
						return;
					}
					room = loaded;
					const waiting = pending ?? [];
					pending = null;
					// The greeting and the answers to what waited leave in one socket write.
					opened.corked(() => {
						loaded.add(opened, waiting.some(looksLikeSyncStep1));
						for (const frame of waiting) receive(opened, loaded, frame, deps.log);
					});
				},
				(error: unknown) => {
					deps.log.error({ err: error, doc: rawDocName }, 'could not load document');
					opened.close(CloseCode.serverError, 'could not load this document: try again later');
				}
			);
			return;
		}
		if (conn === null) return; // refused: closing
		if (closeIfSessionEnded(conn, deps.now)) return;
		const frame = checkFrame(conn, data, isBinary, deps.limits);
		if (frame === null) return;
		if (room === null) pending?.push(frame);
		else receive(conn, room, frame, deps.log);
	});
	socket.on('close', () => {
		if (authTimer !== null) clearTimeout(authTimer);
		authTimer = null;
		if (conn === null) return;
		conn.markClosed();
		deps.live.delete(conn);
		if (room !== null) {
			room.remove(conn);
			deps.rooms.releaseIfIdle(room);
		}
	});
}

function closeUnauthorized(socket: WebSocket): void {
	socket.close(CloseCode.unauthorized, 'not signed in or session expired: sign in again');
}

/** The checks of an open, in order; the live connection, or null once the socket is being closed. */
function openConnection(
	socket: WebSocket,
	rawDocName: string,
	token: string | null,
	deps: SocketDeps
): Connection | null {
	// Checked before the token, so a flood of connections costs no database lookups.
	if (deps.live.size >= deps.limits.maxConnections) {
		socket.close(CloseCode.tryAgainLater, 'the server is busy: it will reconnect shortly');
		return null;
	}
	const target = parseDocName(rawDocName);
	if (target === null) {
		socket.close(CloseCode.badRequest, 'bad document name: expected plan.<id> or family.<id>');
		return null;
	}
	const principal = token === null ? null : deps.resolver.authenticate(token);
	if (principal === null || token === null) {
		closeUnauthorized(socket);
		return null;
	}
	const access = deps.resolver.accessTo(principal, target.kind, target.planId);
	if (!canRead(access)) {
		deps.audit.record(principal.userId, target.kind, target.planId, 'denied', 'no access to this document');
		socket.close(CloseCode.forbidden, 'you do not have access to this document');
		return null;
	}
	if (deps.live.countFor(principal.userId) >= deps.limits.maxConnectionsPerUser) {
		socket.close(
			CloseCode.tooManyConnections,
			'too many open connections: close another tab or device; retrying'
		);
		return null;
	}
	deps.audit.record(principal.userId, target.kind, target.planId, 'open', access);
	const conn = new Connection(
		socket,
		principal,
		token,
		{ docName: rawDocName, kind: target.kind, planId: target.planId },
		access,
		deps.rate
	);
	deps.live.add(conn);
	return conn;
}

/** Size, type and rate checks that apply before a frame is even decoded. */
function checkFrame(
	conn: Connection,
	data: RawData,
	isBinary: boolean,
	limits: RelayLimits
): Uint8Array | null {
	if (conn.isClosed) return null;
	conn.isAlive = true;
	const frame = toBytes(data);
	if (frame.length > limits.maxMessageBytes) {
		conn.close(CloseCode.messageTooBig, `message too large: the limit is ${limits.maxMessageBytes} bytes`);
		return null;
	}
	if (!conn.takeMessage()) {
		conn.close(CloseCode.tooManyMessages, 'too many messages: slow down and reconnect');
		return null;
	}
	if (!isBinary) {
		conn.close(CloseCode.badRequest, 'malformed message: expected a binary frame');
		return null;
	}
	return frame;
}

function receive(conn: Connection, room: DocRoom, frame: Uint8Array, log: FastifyBaseLogger): void {
	if (conn.isClosed) return;
	try {
		room.receive(conn, decodeClientMessage(frame));
	} catch (error) {
		if (!(error instanceof MalformedMessageError)) {
			log.warn({ err: error, doc: room.name }, 'message rejected');
		}
		conn.close(CloseCode.badRequest, 'malformed message');
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}
