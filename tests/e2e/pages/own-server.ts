/**
 * A second Pathways server for one spec, on a free port and a fresh data folder, serving the app
 * the suite's own server already built. For a school set up differently from the suite's demo
 * school (e.g. SEED_DEMO_FRAMEWORK=0: a school that has not added its proficiencies).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '../fixtures';

export interface OwnServer {
	baseURL: string;
	close(): Promise<void>;
}

const ROOT = path.join(import.meta.dirname, '..', '..', '..');

export async function startOwnServer(env: Record<string, string>): Promise<OwnServer> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'pathways-e2e-own-'));
	const child = spawn(
		process.execPath,
		['--import', 'tsx', path.join(ROOT, 'sync-server', 'src', 'main.ts')],
		{
			cwd: ROOT,
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: '0',
				DATA_DIR: path.join(dataDir, 'data'),
				BUILD_DIR: path.join(ROOT, 'build'),
				BACKUP_DIR: path.join(dataDir, 'backups'),
				SEED_DEMO: '1',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const close = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	};
	const baseURL = await new Promise<string>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`the server did not start\n${output}`)), 60_000);
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /Pathways is running at (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]!);
			}
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the server stopped (${code})\n${output}`));
		});
	}).catch(async (error: unknown) => {
		await close();
		throw error;
	});
	return { baseURL, close };
}

/**
 * The suite's `test`, with every test of the spec on one own server (started once per worker) as
 * its baseURL, so `newDevice` and `baseURL` point there.
 */
export function testOnOwnServer(env: Record<string, string>) {
	return base.extend<object, { ownServer: OwnServer }>({
		ownServer: [
			// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture asks for
			async ({}, use) => {
				const server = await startOwnServer(env);
				await use(server);
				await server.close();
			},
			{ scope: 'worker', timeout: 90_000 }
		],
		baseURL: async ({ ownServer }, use) => {
			await use(ownServer.baseURL);
		}
	});
}
