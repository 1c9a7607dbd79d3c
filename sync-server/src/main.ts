/**
 * `npm run serve`: starts Pathways on HOST:PORT, prints where, and how to sign in to the demo
 * school when it was just seeded. SIGTERM / SIGINT close cleanly (relay flushed, database closed).
 */
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { formatDemoSignIn } from './demo/demo-school';
import { DEMO_FRAMEWORK } from './demo/demo-framework';
import { demoPlanContent } from './demo/demo-plans';
import { createServer, type PathwaysServer } from './server';
import { BUILD_MISSING_MESSAGE, hasBuild } from './static';

function describeStartupError(error: unknown, config: ServerConfig | undefined): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (error instanceof ConfigError) return `Configuration problem: ${error.message}`;
	if (code === 'EADDRINUSE' && config) {
		return `Port ${config.port} on ${config.host} is already in use — is Pathways already running? Stop the other program or start with another PORT, e.g. PORT=3001 npm start.`;
	}
	if (code === 'EACCES' && config) {
		return `Not allowed to listen on ${config.host}:${config.port}. Ports below 1024 need extra rights; try PORT=3000.`;
	}
	if (code === 'EADDRNOTAVAIL' && config) return `This machine has no address ${config.host}. Check HOST.`;
	const message = error instanceof Error ? error.message : String(error);
	return `Pathways could not start: ${message}${config ? `\n(data folder: ${config.dataDir})` : ''}`;
}

/** Closes the server on SIGTERM / SIGINT. Installed before listening, so an early signal is not lost. */
function closeOnSignals(getServer: () => PathwaysServer | undefined): void {
	let isStopping = false;
	const stop = (signal: string) => {
		if (isStopping) return;
		isStopping = true;
		console.log(`${signal} received: closing connections and saving…`);
		const server = getServer();
		(server ? server.close() : Promise.resolve()).then(
			() => {
				console.log('Pathways stopped.');
				process.exit(0);
			},
			(error: unknown) => {
				console.error('Pathways did not shut down cleanly:', error);
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
	let config: ServerConfig | undefined;
	let server: PathwaysServer | undefined;
	closeOnSignals(() => server);
	try {
		config = loadConfig();
		const withFramework = config.seedDemoFramework;
		server = await createServer(config, {
			seedDemoPlanContent: (student) => demoPlanContent(student, { withProgress: withFramework }),
			seedDemoFramework: withFramework ? DEMO_FRAMEWORK : undefined
		});
		await server.app.listen({ host: config.host, port: config.port });
	} catch (error) {
		console.error(describeStartupError(error, config));
		await server?.close().catch(() => undefined);
		process.exit(1);
	}

	const address = server.app.server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
	if (!hasBuild(config.buildDir)) console.warn(`Note: ${BUILD_MISSING_MESSAGE}`);
	if (server.demo) console.log(formatDemoSignIn(server.demo, url));
	console.log(`Pathways is running at ${url}`);
}

await main();
