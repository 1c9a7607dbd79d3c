/**
 * Throwaway PostgreSQL and Redis servers for tests: each in its own temp folder, on a free port,
 * listening on 127.0.0.1 only, stopped (and its folder removed) by `stop()` — and, should the test
 * process exit without calling it, by an exit hook. Never the system's own services.
 *
 * PostgreSQL refuses to run as root, so as root (CI, this machine) the cluster belongs to the
 * `postgres` user and its commands run through `runuser`.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const INSTALL_HINT =
	'The storage tests need PostgreSQL (15 or newer) and Redis: apt-get install -y postgresql redis-server';

export interface Service {
	url: string;
	stop(): Promise<void>;
}

export interface RedisService extends Service {
	port: number;
	/** Stops Redis and starts it again on the same port (its clients see a dropped connection). */
	restart(): Promise<void>;
	/** Stops Redis and keeps its port, for start(). */
	halt(): Promise<void>;
	/** Starts a halted Redis again on the same port. */
	start(): Promise<void>;
	/** Freezes the server (SIGSTOP): connections stay open and nothing answers, like a hung Redis. */
	freeze(): void;
	thaw(): void;
}

export interface PostgresService extends Service {
	/** Stops the server (fast shutdown) and keeps its data and port, for start(). */
	halt(): void;
	/** Starts a halted server again on the same port with the same data. */
	start(): void;
}

/** Where initdb and pg_ctl are: Debian keeps them under /usr/lib/postgresql/<major>/bin, off PATH. */
export function findPostgresBin(): string | null {
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const majors = readdirSync(debian)
			.map(Number)
			.filter((major) => major >= 15)
			.sort((a, b) => b - a);
		for (const major of majors) {
			const bin = join(debian, String(major), 'bin');
			if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
		}
	}
	const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	const initdb = onPath.stdout.trim();
	return onPath.status === 0 && initdb !== '' ? join(initdb, '..') : null;
}

export function hasRedisServer(): boolean {
	return spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
}

/** A port nothing listens on now (the OS picks it); the server binds it a moment later. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => {
				if (address === null || typeof address === 'string') reject(new Error('no TCP port'));
				else resolve(address.port);
			});
		});
	});
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL command as its owner: the `postgres` user when we are root. */
function runPostgres(bin: string, command: string, args: string[]): void {
	const file = join(bin, command);
	const [program, programArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
	execFileSync(program, programArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Stops whatever is still running if the process exits, or is told to stop (Ctrl-C, a CI's
 * SIGTERM), without the test calling stop(). Set up with the first service started.
 */
const exitHooks = new Set<() => void>();
let areHooksInstalled = false;

function runExitHooks(): void {
	for (const hook of exitHooks) {
		try {
			hook();
		} catch {
			// Best effort: the process is going away; the next hook still runs.
		}
	}
	exitHooks.clear();
}

function onExit(hook: () => void): void {
	exitHooks.add(hook);
	if (areHooksInstalled) return;
	areHooksInstalled = true;
	process.once('exit', runExitHooks);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			runExitHooks();
			// Our listener is gone now: the signal does what it would have done without us.
			process.kill(process.pid, signal);
		});
	}
}

export async function startPostgres(): Promise<PostgresService> {
	const bin = findPostgresBin();
	if (bin === null) throw new Error(INSTALL_HINT);
	const dir = mkdtempSync(join(tmpdir(), 'pathways-pg-'));
	if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), -1);
	const data = join(dir, 'data');
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	try {
		runPostgres(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'pathways', '-E', 'UTF8', '--no-sync']);
	} catch (error) {
		removeDir();
		throw new Error(`initdb failed: ${stderrOf(error)}`, { cause: error });
	}
	// The port is free when we ask; another process may take it before PostgreSQL binds: retry.
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		// fsync off: a throwaway cluster's disk is not what the tests check (commit semantics are
		// unchanged: a COMMIT still returns only once the transaction is committed).
		const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
		let isHalted = false;
		const start = () => {
			runPostgres(bin, 'pg_ctl', [
				'-D',
				data,
				'-o',
				options,
				'-l',
				join(dir, 'log'),
				'-w',
				'-t',
				'30',
				'start'
			]);
			isHalted = false;
		};
		try {
			start();
		} catch (error) {
			if (attempt < 3) continue;
			removeDir();
			throw new Error(`PostgreSQL did not start: ${stderrOf(error)}`, { cause: error });
		}
		const stopNow = () => {
			try {
				if (!isHalted) runPostgres(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				removeDir();
			}
		};
		onExit(stopNow);
		return {
			url: `postgres://pathways@127.0.0.1:${port}/postgres`,
			halt() {
				runPostgres(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
				isHalted = true;
			},
			start,
			async stop() {
				if (!exitHooks.delete(stopNow)) return;
				stopNow();
			}
		};
	}
}

export async function startRedis(): Promise<RedisService> {
	if (!hasRedisServer()) throw new Error(INSTALL_HINT);
	const dir = mkdtempSync(join(tmpdir(), 'pathways-redis-'));
	const port = await freePort();
	let child: ChildProcess | null = await spawnRedis(port, dir);
	const killNow = () => {
		child?.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	};
	onExit(killNow);
	const stopChild = async () => {
		const running = child;
		child = null;
		if (running === null || running.exitCode !== null || running.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
		running.kill('SIGTERM');
		await exited;
	};
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async restart() {
			await stopChild();
			child = await spawnRedis(port, dir);
		},
		halt: stopChild,
		async start() {
			child = await spawnRedis(port, dir);
		},
		freeze: () => child?.kill('SIGSTOP'),
		thaw: () => child?.kill('SIGCONT'),
		async stop() {
			if (!exitHooks.delete(killNow)) return;
			await stopChild();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Starts redis-server in the foreground as our child and waits until it accepts connections. */
function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no'
	];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`redis-server did not start in time:\n${output}`));
		}, 10_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				child.stdout?.off('data', onData);
				// Keep draining its output so a full pipe never blocks it.
				child.stdout?.resume();
				resolve(child);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited with ${code}:\n${output}`));
		});
	});
}

function stderrOf(error: unknown): string {
	const stderr = (error as { stderr?: Buffer }).stderr;
	return stderr === undefined ? String(error) : stderr.toString().trim();
}

/** A new, empty database in the cluster at `adminUrl` (named `<prefix>_<random>`); its URL. */
export async function createDatabase(adminUrl: string, prefix: string): Promise<string> {
	const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}
