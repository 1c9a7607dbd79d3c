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
import { Connection } from './connection';
import type { DocRoom } from './doc-room';
import type { RelayLimits } from './limits';
import type { LiveConnections } from './live-connections';
import { decodeClientMessage, MalformedMessageError } from './protocol';
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
}

/** Returns once the socket is either closed or handed to its room. */
export function handleSocket(
	socket: WebSocket,
	rawDocName: string,
	tokenParam: unknown,
	deps: SocketDeps
): void {
	// Checked before the token, so a flood of connections costs no database lookups.
	if (deps.live.size >= deps.limits.maxConnections) {
		socket.close(CloseCode.tryAgainLater, 'the server is busy: it will reconnect shortly');
		return;
	}
	const target = parseDocName(rawDocName);
	if (target === null) {
		socket.close(CloseCode.badRequest, 'bad document name: expected plan.<id> or family.<id>');
		return;
	}
	// `?token=a&token=b` parses to an array: anything but one non-empty string is no token.
	const token = typeof tokenParam === 'string' && tokenParam !== '' ? tokenParam : null;
	const principal = token === null ? null : deps.resolver.authenticate(token);
	if (principal === null || token === null) {
		socket.close(CloseCode.unauthorized, 'not signed in or session expired: sign in again');
		return;
	}
	const access = deps.resolver.accessTo(principal, target.kind, target.planId);
	if (!canRead(access)) {
		deps.audit.record(principal.userId, target.kind, target.planId, 'denied', 'no access to this document');
		socket.close(CloseCode.forbidden, 'you do not have access to this document');
		return;
	}
	if (deps.live.countFor(principal.userId) >= deps.limits.maxConnectionsPerUser) {
		socket.close(
			CloseCode.tooManyConnections,
			'too many open connections: close another tab or device; retrying'
		);
		return;
	}
	deps.audit.record(principal.userId, target.kind, target.planId, 'open', access);

	const conn = new Connection(socket, principal, token, { docName: rawDocName, ...target }, access, {
		perSecond: deps.limits.messagesPerSecond,
		burst: deps.limits.messageBurst
	});
	deps.live.add(conn);
	// Frames that arrive while the document loads wait here, in order.
	let room: DocRoom | null = null;
	let pending: Uint8Array[] | null = [];

	socket.on('message', (data, isBinary) => {
		if (closeIfSessionEnded(conn, deps.now)) return;
		const frame = checkFrame(conn, data, isBinary, deps.limits);
		if (frame === null) return;
		if (room === null) pending?.push(frame);
		else receive(conn, room, frame, deps.log);
	});
	socket.on('close', () => {
		conn.markClosed();
		deps.live.delete(conn);
		if (room !== null) {
			room.remove(conn);
			deps.rooms.releaseIfIdle(room);
		}
	});

	deps.rooms.open(rawDocName).then(
		(loaded) => {
			if (conn.isClosed) {
				deps.rooms.releaseIfIdle(loaded);
				return;
			}
			room = loaded;
			loaded.add(conn);
			const waiting = pending ?? [];
			pending = null;
			for (const frame of waiting) receive(conn, loaded, frame, deps.log);
		},
		(error: unknown) => {
			deps.log.error({ err: error, doc: rawDocName }, 'could not load document');
			conn.close(CloseCode.serverError, 'could not load this document: try again later');
		}
	);
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
	if (!conn.rate.take()) {
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
