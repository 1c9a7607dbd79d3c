/** The fan-out between real OS processes (fan-out-child.ts), each with its own Redis connections. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { waitFor } from '../harness';

const SCRIPT = fileURLToPath(new URL('./fan-out-child.ts', import.meta.url));

interface Heard {
	kind: string;
	docName?: string;
	update?: string;
	revocation?: { kind: string; sessionId?: string };
	command?: string;
}

interface FanOutChild {
	child: ChildProcess;
	heard: Heard[];
	send(line: string): void;
	kill(): Promise<void>;
}

const children: FanOutChild[] = [];

function startFanOutChild(prefix: string, doc: string): Promise<FanOutChild> {
	const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
		env: { ...process.env, REDIS_URL: inject('redisUrl'), CHANNEL_PREFIX: prefix, DOC: doc },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const handle: FanOutChild = {
		child,
		heard: [],
		send: (line) => child.stdin!.write(`${line}\n`),
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
	children.push(handle);
	return new Promise((resolve, reject) => {
		let buffered = '';
		let stderr = '';
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('exit', (code) => reject(new Error(`fan-out child exited with ${code}: ${stderr}`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			let newline: number;
			while ((newline = buffered.indexOf('\n')) >= 0) {
				const line = buffered.slice(0, newline);
				buffered = buffered.slice(newline + 1);
				if (line.startsWith('ready ')) resolve(handle);
				else handle.heard.push(JSON.parse(line) as Heard);
			}
		});
	});
}

describe('RedisFanOut between OS processes', () => {
	afterEach(async () => {
		for (const child of children.splice(0)) await child.kill();
	});

	it('an update from one process reaches the other byte for byte, and never comes back to itself', async () => {
		const prefix = `test-${randomUUID()}:`;
		const [a, b] = await Promise.all([
			startFanOutChild(prefix, 'plan.p'),
			startFanOutChild(prefix, 'plan.p')
		]);
		a.send('update 00ff7f80');
		await waitFor(() => b.heard.some((h) => h.kind === 'update'), 'the update at B', 10_000);
		b.send('update aa');
		await waitFor(() => a.heard.some((h) => h.kind === 'update'), 'the answer at A', 10_000);
		const updates = (heard: Heard[]) => heard.filter((h) => h.kind === 'update').map((h) => h.update);
		expect(updates(b.heard)).toEqual(['00ff7f80']);
		expect(updates(a.heard)).toEqual(['aa']);
	});

	it('with one process killed -9, a revocation still reaches the others within 1 s', async () => {
		const prefix = `test-${randomUUID()}:`;
		const [a, b, c] = await Promise.all([
			startFanOutChild(prefix, 'plan.p'),
			startFanOutChild(prefix, 'plan.p'),
			startFanOutChild(prefix, 'plan.q')
		]);
		await b.kill();
		a.send('revoke-session session-9');
		await waitFor(() => a.heard.some((h) => h.kind === 'sent'), 'A to publish', 10_000);
		await waitFor(() => c.heard.some((h) => h.kind === 'revocation'), 'the revocation at C', 1_000);
		expect(c.heard.filter((h) => h.kind === 'revocation')).toEqual([
			{ kind: 'revocation', revocation: { kind: 'session', sessionId: 'session-9' } }
		]);
		expect(a.heard.filter((h) => h.kind === 'revocation')).toEqual([]);
	});
});
