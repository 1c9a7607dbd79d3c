/**
 * Opening a socket is cheap and still right: token and rights answers are reused between opens,
 * but every revocation the server reports (recheckUser, closeSession) drops them at once; and a
 * flood of opens writes one audit row per user, document and minute, while other records still
 * appear.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
import {
	connectClient,
	destroyClients,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type TestRelay
} from './harness';

describe('relay: cheap opens that still follow revocations', () => {
	let dir: ReturnType<typeof tempDir>;
	let server: TestRelay;
	let lookups: { authenticate: number; accessTo: number };

	beforeEach(async () => {
		dir = tempDir();
		server = await startRelay(dir.path);
		lookups = { authenticate: 0, accessTo: 0 };
		const { resolver } = server;
		const authenticate = resolver.authenticate.bind(resolver);
		const accessTo = resolver.accessTo.bind(resolver);
		resolver.authenticate = (token) => {
			lookups.authenticate += 1;
			return authenticate(token);
		};
		resolver.accessTo = (principal, kind, planId) => {
			lookups.accessTo += 1;
			return accessTo(principal, kind, planId);
		};
	});
	afterEach(async () => {
		await server.close();
		dir.remove();
	});

	/** Opens one socket, waits for the relay's first word (or its refusal) and closes it: the close code if refused, else null. */
	const openOnce = (doc: string, token: string): Promise<number | null> =>
		new Promise((resolve) => {
			const socket = new (tokenFirstSocket(WebSocket, () => token))(`${server.url}/${doc}`);
			let refusal: number | null = null;
			socket.on('message', () => socket.close());
			socket.on('close', (code) => {
				if (code >= 4000) refusal = code;
				resolve(refusal);
			});
		});

	it('asks the database once for a session opening the same document again and again', async () => {
		for (let i = 0; i < 10; i++) expect(await openOnce('plan.p1', 'tok-advisor')).toBeNull();
		expect(lookups).toEqual({ authenticate: 1, accessTo: 1 });
	});

	it('refuses a new open at once after recheckUser reports a revoked right', async () => {
		expect(await openOnce('plan.p1', 'tok-advisor')).toBeNull();
		server.resolver.unrelate('advisor-1', 'p1');
		server.relay.recheckUser('advisor-1');
		expect(await openOnce('plan.p1', 'tok-advisor')).toBe(4403);
	});

	it('refuses a new open at once after closeSession (signed out) or a deactivation', async () => {
		expect(await openOnce('plan.p1', 'tok-advisor')).toBeNull();
		server.resolver.endSession('tok-advisor');
		server.relay.closeSession('s-tok-advisor');
		expect(await openOnce('plan.p1', 'tok-advisor')).toBe(4401);

		expect(await openOnce('plan.p1', 'tok-student')).toBeNull();
		server.resolver.endSession('tok-student');
		server.relay.recheckUser('student-1');
		expect(await openOnce('plan.p1', 'tok-student')).toBe(4401);
	});

	it('writes one open record per user, document and minute however often a socket reopens', async () => {
		for (let i = 0; i < 20; i++) await openOnce('plan.p1', 'tok-student');
		// Real entries still appear: another document, another person, and a change.
		await openOnce('plan.p3', 'tok-student');
		await openOnce('plan.p1', 'tok-advisor');
		const writer = connectClient(server.url, 'plan.p1', 'tok-student');
		try {
			await synced(writer);
			writer.doc.getMap('info').set('title', 'My plan');
			await waitFor(
				() => server.audit.entries.some((entry) => entry.action === 'change'),
				'the change to be audited'
			);
		} finally {
			destroyClients(writer);
		}
		const opens = server.audit.entries.filter((entry) => entry.action === 'open');
		expect(opens).toEqual([
			{ userId: 'student-1', planId: 'p1', docKind: 'plan', action: 'open', detail: 'write' },
			{ userId: 'student-1', planId: 'p3', docKind: 'plan', action: 'open', detail: 'write' },
			{ userId: 'advisor-1', planId: 'p1', docKind: 'plan', action: 'open', detail: 'write' }
		]);
		expect(server.audit.entries.filter((entry) => entry.action === 'change')).toHaveLength(1);
	});
});
