/**
 * The real server for the app's component tests (runes project): `npm run serve`'s main.ts in a
 * child process on 127.0.0.1 with the demo school seeded into a temp folder, and the WebSocket
 * class the sync layer uses there. `ws`, as in the relay tests: Node 22's own WebSocket fires
 * `error` but never `close` when a connection is refused and stays CONNECTING, so y-websocket
 * never tries again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type NodeWebSocket from 'ws';
import type { SignInResponse } from '../contracts/api';
import { startChild, type ChildServer } from '../../../sync-server/test/child-process';

const MAIN = join(import.meta.dirname, '../../../sync-server/src/main.ts');
const DEMO_PASSWORD = 'maple-ridge-demo';

// Node's require: the runes project resolves imports for the browser, where `ws` is a stub that throws.
const WsWebSocket = createRequire(import.meta.url)('ws') as typeof NodeWebSocket;

/** `ws`'s WebSocket class, keeping every socket made so a test can see what is still open. */
export function countedWebSocket(): {
	WebSocket: typeof NodeWebSocket;
	sockets: NodeWebSocket[];
	open(): number;
} {
	const sockets: NodeWebSocket[] = [];
	const WebSocket = new Proxy(WsWebSocket, {
		construct(target, args: ConstructorParameters<typeof NodeWebSocket>) {
			const socket = new target(...args);
			sockets.push(socket);
			return socket;
		}
	});
	return {
		WebSocket,
		sockets,
		open: () => sockets.filter((s) => s.readyState !== WsWebSocket.CLOSED).length
	};
}

export class RealServer {
	origin = '';
	#child: ChildServer | undefined;

	private constructor(readonly dataDir: string) {}

	static async start(): Promise<RealServer> {
		const server = new RealServer(mkdtempSync(join(tmpdir(), 'pathways-app-test-')));
		await server.restart(0);
		return server;
	}

	/**
	 * The host a "device" connects to (for `location`). y-websocket links every provider of one
	 * document in a page through its BroadcastChannel (called in-process, with or without a
	 * browser), so two parties in one test would reach each other past the relay. Providers with
	 * another server URL are not linked: the second device uses `localhost` for the same server.
	 */
	host(device: 1 | 2 = 1): string {
		const { port } = new URL(this.origin);
		return device === 1 ? `127.0.0.1:${port}` : `localhost:${port}`;
	}

	/** Starts it (again) on the same data folder; `port` 0 picks a free one. */
	async restart(port = Number(new URL(this.origin).port)): Promise<void> {
		const env = {
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: this.dataDir,
			SEED_DEMO: '1',
			BUILD_DIR: join(this.dataDir, 'no-build')
		};
		this.#child = await startChild(MAIN, env, /running at (http:\/\/\S+)/);
		this.origin = this.#child.printed;
	}

	/** Stops the process; SIGKILL is a lost network, SIGTERM a clean shutdown. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		await this.#child?.kill(signal);
		this.#child = undefined;
	}

	async remove(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}

	async signIn(username: string): Promise<SignInResponse> {
		const response = await fetch(`${this.origin}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password: DEMO_PASSWORD })
		});
		if (response.status !== 201) throw new Error(`sign-in as ${username}: ${await response.text()}`);
		return (await response.json()) as SignInResponse;
	}

	/** An API call that must succeed. */
	async call(method: string, route: string, token: string, body?: unknown): Promise<void> {
		const response = await fetch(this.origin + route, {
			method,
			headers: {
				authorization: `Bearer ${token}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		if (response.status >= 300)
			throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
	}
}

export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
