/**
 * The school document's session against the real server (src/lib/testing/real-server.ts): the
 * template comes from the school, stays on the device for offline use, and keeps syncing after the
 * person signs in again. IndexedDB is fake-indexeddb; the WebSocket class is `ws`.
 */
import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../plp/access';
import { SchoolTemplate } from '../plp/template';
import { DocSync } from '../sync/doc-sync';
import { countedWebSocket, RealServer, until } from '../testing/real-server';
import { school } from './school-session.svelte';

const SCHOOL_ID = 'demo-maple-ridge';
const ws = countedWebSocket();
const page = { window: new EventTarget(), navigator: { onLine: true } };
let server: RealServer;

const pathways = () => school.template?.pathwayOptions().map((option) => option.label) ?? [];

/** What a view reading the template saw, each time it ran: it must re-run when the school changes. */
function watchPathways(): { seen: Array<Array<string | undefined>>; stop: () => void } {
	const seen: Array<Array<string | undefined>> = [];
	const stop = $effect.root(() => {
		$effect(() => {
			seen.push(pathways());
		});
	});
	return { seen, stop };
}

beforeAll(async () => {
	server = await RealServer.start();
	vi.stubGlobal('WebSocket', ws.WebSocket);
	// What Node lacks of a page: the online and offline events, and `navigator.onLine`.
	vi.stubGlobal('window', page.window);
	vi.stubGlobal('navigator', page.navigator);
});

afterAll(async () => {
	await school.close();
	await server.remove();
	vi.unstubAllGlobals();
});

describe('the school document as a session', () => {
	it('syncs the template, resumes after signing in again, and opens offline from the device', async () => {
		// The school's admin edits the template from another device.
		const admin = await server.signIn('admin');
		vi.stubGlobal('location', { protocol: 'http:', host: server.host(2) });
		const adminDoc = new Y.Doc();
		const adminSync = new DocSync(adminDoc, docName('school', SCHOOL_ID), admin.token, {
			onChange: () => undefined,
			onClosed: () => undefined,
			onRefused: () => undefined,
			onTooManyConnections: () => undefined
		});
		const adminTemplate = new SchoolTemplate(adminDoc);
		try {
			await until(() => adminSync.isSynced, 'the admin synced');
			adminTemplate.addOption('pathway', 'Welding');

			const first = await server.signIn('amara');
			vi.stubGlobal('location', { protocol: 'http:', host: server.host(1) });
			await school.open(SCHOOL_ID, first.token);
			const view = watchPathways();
			await until(() => pathways().includes('Welding'), 'the student to get the template');
			await until(() => school.sync?.state === 'synced', 'the school document to say synced');
			expect(school.sync?.lastSyncedAt).toEqual(expect.any(Number));
			// An effect that read the template ran again when the school's words arrived: no counter to read.
			flushSync();
			expect(view.seen.at(-1)).toContain('Welding');

			// Her session ends (signed out elsewhere): the relay closes the socket for good (4401).
			await server.call('DELETE', '/api/session', first.token);
			await until(() => ws.open() === 1, "the student's socket to be closed");
			await until(() => school.sync?.state === 'signed-out', 'the status to say the sign-in ended');
			adminTemplate.addOption('pathway', 'Nursing');

			// Signing in again opens the same school with a new token: the sync starts again.
			const second = await server.signIn('amara');
			await school.open(SCHOOL_ID, second.token);
			await until(() => pathways().includes('Nursing'), 'the change made while signed out');
			await until(() => school.sync?.state === 'synced', 'synced again after signing in');
			flushSync();
			expect(view.seen.at(-1)).toEqual(expect.arrayContaining(['Welding', 'Nursing']));
			const runs = view.seen.length;
			view.stop();

			// The device goes offline: the status says so at once, without waiting for the socket.
			page.navigator.onLine = false;
			page.window.dispatchEvent(new Event('offline'));
			expect(school.sync?.state).toBe('offline');
			page.navigator.onLine = true;
			page.window.dispatchEvent(new Event('online'));
			await until(() => school.sync?.state === 'synced', 'synced when back online');

			// Offline: closed and opened again with no server, the template is still on the device.
			await school.close();
			await server.stop('SIGKILL');
			await school.open(SCHOOL_ID, second.token);
			await until(() => school.template !== null, 'the template from the device');
			expect(pathways()).toEqual(expect.arrayContaining(['Welding', 'Nursing']));
			// No server: the status never claims the school has this device's changes.
			expect(['connecting', 'offline']).toContain(school.sync?.state);
			expect(view.seen.length).toBe(runs); // a stopped view is not run again
		} finally {
			adminSync.destroy();
		}
	}, 60_000);
});
