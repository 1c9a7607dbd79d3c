/**
 * Real server processes (`src/main.ts`, each on its own port) sharing one data folder and one
 * Redis, as several relay processes run on one host (decision 0113). Each test file makes one
 * group; `stop` kills every process (kill -9: nothing is flushed on the way out) and removes the
 * folder.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { startChild, type ChildServer } from '../child-process';
import { tempDir } from '../harness';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface ServerProcesses {
	/** Every process started, in order (a test may kill one itself). */
	readonly children: ChildServer[];
	/**
	 * One more process; returns its http origin. The first one seeds the demo school into the
	 * shared folder (`seed`); `env` adds to or overrides the shared settings.
	 */
	start(seed: boolean, env?: Record<string, string>): Promise<string>;
	stop(): Promise<void>;
}

export function serverProcesses(): ServerProcesses {
	const children: ChildServer[] = [];
	const dir = tempDir();
	// This group's own Redis channels, so parallel test files on one Redis never hear each other.
	const prefix = `test-${randomUUID()}:`;
	return {
		children,
		async start(seed, env = {}) {
			const child = await startChild(
				MAIN,
				{
					PORT: '0',
					HOST: '127.0.0.1',
					DATA_DIR: dir.path,
					SEED_DEMO: seed ? '1' : '0',
					BUILD_DIR: join(dir.path, 'no-build'),
					BACKUP_ENABLED: '0',
					REDIS_URL: inject('redisUrl'),
					REDIS_CHANNEL_PREFIX: prefix,
					...env
				},
				/running at (http:\/\/\S+)/,
				60_000
			);
			children.push(child);
			return child.printed;
		},
		async stop() {
			for (const child of children.splice(0)) await child.kill('SIGKILL');
			dir.remove();
		}
	};
}
