/** A fresh real server for each test of a file, with the sockets the test opened closed after it. */
import { afterEach, beforeEach } from 'vitest';
import { destroyClients, type Client } from './harness';
import { startServer, type TestServer } from './helpers';

export function serverPerTest(started: (server: TestServer) => void, clients: Client[]): void {
	let server: TestServer | undefined;
	beforeEach(async () => {
		server = await startServer();
		started(server);
	});
	afterEach(async () => {
		destroyClients(...clients.splice(0));
		await server?.close();
	});
}
