/** `npm run serve` as a real process: start-up printout, clean shutdown on signals, readable start-up errors. */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/demo-school';
import { tempDir, writeFakeBuild } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Run {
	stdout: string;
	stderr: string;
	exitCode: Promise<number | null>;
	/** Resolves with the URL once the server says it is running. */
	url: Promise<string>;
	kill(signal: NodeJS.Signals): void;
}

function runMain(env: Record<string, string>): Run {
	const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const run: Run = {
		stdout: '',
		stderr: '',
		exitCode: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
		url: new Promise((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				run.stdout += chunk.toString();
				const match = /running at (http:\/\/\S+)/.exec(run.stdout);
				if (match) resolve(match[1]!);
			});
			child.on('exit', () => reject(new Error(`exited before starting: ${run.stderr}`)));
		}),
		kill: (signal) => child.kill(signal)
	};
	child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
	// Start-up failures are expected in some tests: they await exitCode, not url.
	run.url.catch(() => undefined);
	return run;
}

describe('main.ts', () => {
	const dir = tempDir();
	const env = { DATA_DIR: path.join(dir, 'data'), BUILD_DIR: writeFakeBuild(path.join(dir, 'build')) };
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('prints the address and the demo sign-in once, serves, and stops cleanly on SIGTERM', async () => {
		const run = runMain(env);
		const url = await run.url;
		expect((await fetch(url + '/api/health')).status).toBe(200);
		expect(run.stdout).toContain('Seeded the demo school');
		expect(run.stdout).toContain(DEMO_PASSWORD);
		expect(run.stdout).toMatch(/rivera/);
		run.kill('SIGTERM');
		expect(await run.exitCode).toBe(0);
		expect(run.stdout).toContain('Pathways stopped.');
		// Only node:sqlite's experimental warning is silenced, and nothing else went to stderr.
		expect(run.stderr).not.toContain('ExperimentalWarning');
	});

	it('does not seed or print the demo again on the next start; SIGINT stops it too', async () => {
		const run = runMain(env);
		await run.url;
		expect(run.stdout).not.toContain('Seeded the demo school');
		expect(run.stdout).not.toContain(DEMO_PASSWORD);
		run.kill('SIGINT');
		expect(await run.exitCode).toBe(0);
	});

	it('exits non-zero with a readable message when the port is taken', async () => {
		const blocker = createNetServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		try {
			const port = (blocker.address() as AddressInfo).port;
			const run = runMain({ ...env, PORT: String(port) });
			expect(await run.exitCode).toBe(1);
			expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
			expect(run.stderr).not.toMatch(/\n\s+at /);
		} finally {
			await new Promise((resolve) => blocker.close(resolve));
		}
	});

	it('exits non-zero with a readable message when the data folder cannot be created', async () => {
		const file = path.join(dir, 'a-file');
		writeFileSync(file, 'not a folder');
		const run = runMain({ ...env, DATA_DIR: path.join(file, 'data') });
		expect(await run.exitCode).toBe(1);
		expect(run.stderr).toContain('Cannot create the data folder');
		const badConfig = runMain({ ...env, PORT: 'eighty' });
		expect(await badConfig.exitCode).toBe(1);
		expect(badConfig.stderr).toContain('Configuration problem: PORT must be a whole number');
	});
});
