/**
 * WebSocket upgrades for `/sync/<docName>`, taken straight from the HTTP server's
 * 'upgrade' event with ws in noServer mode. Routing an upgrade through Fastify (as
 * @fastify/websocket does) builds a request, a reply and a fake ServerResponse, runs the hooks,
 * and keeps some of that alive as long as the socket: about half of an idle connection's memory
 * and of the CPU to open one. Nothing of the request is kept here beyond the name.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface UpgradeTarget {
	/** The document name as sent (percent-decoded), or null when the path is not a relay path. */
	docName: string;
	/** A `token` query parameter is there: the token belongs in the first message, never a URL. */
	hasTokenInUrl: boolean;
}

/** Splits `/sync/<name>?query` without building a URL object (this runs for every connection). */
export function parseUpgradePath(url: string, prefix: string): UpgradeTarget | null {
	const queryAt = url.indexOf('?');
	const path = queryAt === -1 ? url : url.slice(0, queryAt);
	if (!path.startsWith(`${prefix}/`)) return null;
	let docName: string;
	try {
		docName = decodeURIComponent(path.slice(prefix.length + 1));
	} catch {
		docName = ''; // malformed percent-encoding: a bad name, refused with 4400 after the upgrade
	}
	const hasTokenInUrl = queryAt !== -1 && new URLSearchParams(url.slice(queryAt + 1)).has('token');
	return { docName, hasTokenInUrl };
}

/**
 * Upgrades relay paths on `server`; any other upgrade is refused with 404. `onSocket` gets each
 * open socket; `onError` gets ws protocol errors (ws has already begun closing the socket).
 */
export function listenForUpgrades(
	server: Server,
	prefix: string,
	options: { maxPayload: number },
	onSocket: (socket: WebSocket, target: UpgradeTarget) => void,
	onError: (error: Error, socket: WebSocket) => void
): () => void {
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: options.maxPayload,
		perMessageDeflate: false,
		// The relay keeps its own set of live connections.
		clientTracking: false
	});
	// One error listener for every socket (ws calls it with the socket as `this`): a closure per
	// socket would also keep this upgrade's request data alive as long as the socket.
	function onSocketError(this: WebSocket, error: Error): void {
		onError(error, this);
	}
	const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		const target = parseUpgradePath(request.url ?? '', prefix);
		if (target === null) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		wss.handleUpgrade(request, socket, head, (ws) => {
			ws.on('error', onSocketError);
			onSocket(ws, target);
		});
	};
	server.on('upgrade', onUpgrade);
	return () => {
		server.off('upgrade', onUpgrade);
		wss.close();
	};
}
