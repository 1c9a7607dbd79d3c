/** Starts a server script as a child Node process (no npx wrapper, so a SIGKILL hits the server itself). */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildServer {
	child: ChildProcess;
	/** The first match of `pattern` on stdout, e.g. the address the server printed. */
	printed: string;
	kill(signal: NodeJS.Signals): Promise<void>;
}

export function startChild(
	script: string,
	env: Record<string, string>,
	pattern: RegExp,
	/** How long it may take to print `pattern` (a loaded machine starting several at once is slow). */
	startMs = 20_000
): Promise<ChildServer> {
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const kill = async (signal: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		await exited;
	};
	return new Promise((resolve, reject) => {
		let stdout = '';
		let stderr = '';
		const timer = setTimeout(() => {
			void kill('SIGKILL');
			reject(new Error(`child did not start in time\n${stdout}\n${stderr}`));
		}, startMs);
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const match = pattern.exec(stdout);
			if (match) {
				clearTimeout(timer);
				resolve({ child, printed: match[1] ?? match[0], kill });
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`child exited with ${code}\n${stdout}\n${stderr}`));
		});
	});
}
