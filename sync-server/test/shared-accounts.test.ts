/**
 * Several relay processes on one host share the accounts' SQLite file (decision 0113): processes
 * opening a new file at the same moment migrate it exactly once, and a session made through one
 * process is honoured by another.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/db';
import { tempDir } from './harness';
import { api, signIn, startServer, type TestServer } from './helpers';

const CHILD = fileURLToPath(new URL('./open-database-child.ts', import.meta.url));

function openInChild(dataDir: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
			env: { ...process.env, DATA_DIR: dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.once('exit', (code) =>
			code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${err}`))
		);
	});
}

describe('one accounts file, several processes', { timeout: 60_000 }, () => {
	const servers: TestServer[] = [];
	afterEach(async () => {
		for (const server of servers.splice(0)) await server.close();
	});

	it('four processes opening a new file at once apply every migration exactly once', async () => {
		const dir = tempDir();
		try {
			const results = await Promise.all([1, 2, 3, 4].map(() => openInChild(dir.path)));
			expect(results).toEqual(Array(4).fill(`ok ${MIGRATIONS.length} 0`));
		} finally {
			dir.remove();
		}
	});

	it('a session made through one process is honoured by another, and signing out there ends it everywhere', async () => {
		const dir = tempDir();
		const first = await startServer({ dir: dir.path });
		servers.push(first);
		const second = await startServer({ dir: dir.path, config: { seedDemo: false } });
		servers.push(second);
		const token = await signIn(first.url, 'rivera');
		expect((await api(second.url, 'GET', '/api/me', { token })).status).toBe(200);
		expect((await api(second.url, 'DELETE', '/api/session', { token })).status).toBeLessThan(300);
		expect((await api(first.url, 'GET', '/api/me', { token })).status).toBe(401);
	});
});
