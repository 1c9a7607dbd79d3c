/** Shared set-up for the server tests: a real server on 127.0.0.1 port 0, real SQLite files in a temp dir. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configWith, type ServerConfig } from '../src/config';
import { DEMO_PASSWORD } from '../src/demo/demo-school';
import { createServer, type PathwaysServer, type ServerOptions } from '../src/server';

export { DEMO_PASSWORD };

export function tempDir(prefix = 'pathways-test-'): string {
	return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A clock the test moves by hand (sessions, invites and throttling read it). */
export class FakeClock {
	constructor(public ms = Date.UTC(2026, 8, 1, 8, 0, 0)) {}
	readonly now = () => this.ms;
	advanceHours(hours: number): void {
		this.ms += hours * 3_600_000;
	}
	advanceMinutes(minutes: number): void {
		this.ms += minutes * 60_000;
	}
}

/** A tiny stand-in for `build/`: the files whose caching rules matter. */
export function writeFakeBuild(dir: string): string {
	const file = (relative: string, content: string) => {
		const full = path.join(dir, relative);
		mkdirSync(path.dirname(full), { recursive: true });
		writeFileSync(full, content);
	};
	file('index.html', '<!doctype html><title>Pathways test shell</title>');
	file('sw.js', 'self.addEventListener("install", () => {});');
	file('registerSW.js', '/* register */');
	file('manifest.webmanifest', '{"name":"Pathways"}');
	file('_app/immutable/entry/start.abc123.js', 'export const start = 1;');
	file('_app/version.json', '{"version":"1"}');
	file('icons/icon-192.png', 'not really a png');
	return dir;
}

export interface TestServer {
	server: PathwaysServer;
	url: string;
	dir: string;
	config: ServerConfig;
	clock: FakeClock;
	close(): Promise<void>;
}

export interface StartOptions {
	config?: Partial<ServerConfig>;
	options?: ServerOptions;
	/** Reuse a data folder (restart); a fresh temp dir otherwise. */
	dir?: string;
	clock?: FakeClock;
	/** Keep the temp dir after close (to restart on it). */
	keepDir?: boolean;
}

export async function startServer(start: StartOptions = {}): Promise<TestServer> {
	const dir = start.dir ?? tempDir();
	const clock = start.clock ?? new FakeClock();
	const config = configWith({
		host: '127.0.0.1',
		port: 0,
		dataDir: path.join(dir, 'data'),
		buildDir: writeFakeBuild(path.join(dir, 'build')),
		logLevel: 'silent',
		...start.config
	});
	const server = await createServer(config, { now: clock.now, ...start.options });
	await server.app.listen({ host: '127.0.0.1', port: 0 });
	const address = server.app.server.address();
	if (!address || typeof address === 'string') throw new Error('server has no port');
	return {
		server,
		url: `http://127.0.0.1:${address.port}`,
		dir,
		config,
		clock,
		async close() {
			await server.close();
			if (!start.keepDir && !start.dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface ApiResponse<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

/** A JSON call to the API with an optional bearer token. */
export async function api<T = Record<string, unknown>>(
	url: string,
	method: string,
	route: string,
	options: { token?: string; body?: unknown } = {}
): Promise<ApiResponse<T>> {
	const headers: Record<string, string> = {};
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(url + route, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body)
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
}

/** Signs in and returns the token (fails the test when sign-in does not succeed). */
export async function signIn(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await api<{ token: string }>(url, 'POST', '/api/session', {
		body: { username, password }
	});
	if (response.status !== 201)
		throw new Error(`sign-in as ${username} failed: ${JSON.stringify(response.body)}`);
	return response.body.token;
}

export interface ErrorBody {
	error: { code: string; message: string };
}
