import { unzipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoPlanContent } from '../src/demo/demo-plans';
import { msUntil } from '../src/backup/backup-schedule';
import { connectClient, destroyClients, synced } from './harness';
import { api, signIn, startServer, tempDir, type TestServer } from './helpers';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PLANS = ['demo-amara', 'demo-ben', 'demo-carmen', 'demo-dev', 'demo-eli'];

/** The server's stored state of a plan document, through the export (what the server really has). */
async function storedPlan(server: TestServer, token: string, planId: string): Promise<Uint8Array> {
	const response = await fetch(`${server.url}/api/plans/${planId}/export`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(response.status).toBe(200);
	return unzipSync(new Uint8Array(await response.arrayBuffer()))['yjs/plan.bin']!;
}

const docOf = (update: Uint8Array) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
};

describe('backups', () => {
	const servers: TestServer[] = [];
	const dirs: string[] = [];
	const newDir = (prefix: string) => {
		const dir = tempDir(prefix);
		dirs.push(dir);
		return dir;
	};
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.close()));
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	it('backs up while people edit, restores into an empty folder, and a server on it has every plan and file', async () => {
		const backupDir = path.join(newDir('pathways-backups-'), 'backups');
		const source = await startServer({
			options: { seedDemoPlanContent: demoPlanContent },
			config: { backup: { isEnabled: false, timeUtc: '02:30', keep: 2, dir: backupDir } }
		});
		servers.push(source);
		const amara = await signIn(source.url, 'amara');
		const rivera = await signIn(source.url, 'rivera');
		const admin = await signIn(source.url, 'admin');
		const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100_000)]);
		const put = await fetch(
			`${source.url}/api/blobs/${sha256(file)}?planId=demo-amara&offset=0&total=${file.length}`,
			{
				method: 'PUT',
				headers: { authorization: `Bearer ${amara}`, 'content-type': 'application/octet-stream' },
				body: file
			}
		);
		expect(put.status).toBe(200);

		// Two people typing into Amara's plan, without pause, while the backups run.
		const wsUrl = source.url.replace('http', 'ws') + '/sync';
		const clients = [
			connectClient(wsUrl, 'plan.demo-amara', amara),
			connectClient(wsUrl, 'plan.demo-amara', rivera)
		];
		await Promise.all(clients.map(synced));
		let isTyping = true;
		const typing = clients.map(async (client, i) => {
			let n = 0;
			while (isTyping) {
				client.doc.getText('profile.interests').insert(0, `${i}:${n++} `);
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		const before = await storedPlan(source, admin, 'demo-amara');
		const made = await api<{ last: { isOk: boolean; location: string } }>(
			source.url,
			'POST',
			'/api/admin/backup',
			{ token: admin }
		);
		expect(made.status).toBe(201);
		expect(made.body.last.isOk).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 50));
		source.clock.advanceMinutes(1);
		const second = await api(source.url, 'POST', '/api/admin/backup', { token: admin });
		expect(second.status).toBe(201);
		isTyping = false;
		await Promise.all(typing);
		const after = await storedPlan(source, admin, 'demo-amara');
		destroyClients(...clients);

		const status = await api<{ last: { isOk: boolean; location: string }; lastSuccess: unknown }>(
			source.url,
			'GET',
			'/api/admin/backup',
			{ token: admin }
		);
		expect(status.body.last.isOk).toBe(true);
		expect((await api(source.url, 'GET', '/api/admin/backup', { token: rivera })).status).toBe(403);
		const backup = status.body.last.location;
		expect(readdirSync(backupDir).filter((name) => !name.endsWith('.partial'))).toHaveLength(2);

		// npm run restore, into an empty folder, then a server on it.
		const restoredRoot = newDir('pathways-restored-');
		const dataDir = path.join(restoredRoot, 'data');
		const cli = path.resolve('sync-server/src/backup/cli.ts');
		const { stdout } = await run('npx', ['tsx', cli, 'restore', backup], {
			env: { ...process.env, DATA_DIR: dataDir }
		});
		expect(stdout).toContain('1 evidence files');
		await expect(
			run('npx', ['tsx', cli, 'restore', backup], { env: { ...process.env, DATA_DIR: dataDir } })
		).rejects.toThrow(/empty folder/);

		const restored = await startServer({ dir: restoredRoot, config: { seedDemo: true } });
		servers.push(restored);
		expect(restored.server.demo).toBeNull(); // accounts came from the backup, nothing was seeded
		const adminThere = await signIn(restored.url, 'admin');
		for (const planId of PLANS) {
			const original = docOf(await storedPlan(source, admin, planId));
			const copy = docOf(await storedPlan(restored, adminThere, planId));
			if (planId !== 'demo-amara') {
				expect(copy.getMap('info').toJSON(), planId).toEqual(original.getMap('info').toJSON());
				expect(Y.encodeStateVector(copy), planId).toEqual(Y.encodeStateVector(original));
			}
		}
		// Amara's plan in the backup is one real moment of its history: everything stored before the
		// backup began, nothing that was never there.
		const copy = docOf(await storedPlan(restored, adminThere, 'demo-amara'));
		expect(Y.snapshotContainsUpdate(Y.snapshot(copy), before)).toBe(true);
		expect(Y.snapshotContainsUpdate(Y.snapshot(docOf(after)), Y.encodeStateAsUpdate(copy))).toBe(true);
		const amaraThere = await signIn(restored.url, 'amara');
		const back = await fetch(`${restored.url}/api/blobs/${sha256(file)}`, {
			headers: { authorization: `Bearer ${amaraThere}` }
		});
		expect(Buffer.from(await back.arrayBuffer()).equals(file)).toBe(true);
		expect(existsSync(path.join(dataDir, 'pathways.db'))).toBe(true);
	}, 60_000);

	it('keeps only the newest backups and schedules the next one at the configured time', async () => {
		const backupDir = path.join(newDir('pathways-backups-'), 'backups');
		const server = await startServer({
			config: { backup: { isEnabled: false, timeUtc: '02:30', keep: 1, dir: backupDir } }
		});
		servers.push(server);
		const admin = await signIn(server.url, 'admin');
		await api(server.url, 'POST', '/api/admin/backup', { token: admin });
		server.clock.advanceHours(24);
		await api(server.url, 'POST', '/api/admin/backup', { token: admin });
		expect(readdirSync(backupDir)).toHaveLength(1);
		expect(msUntil('02:30', Date.UTC(2026, 0, 1, 1, 0))).toBe(90 * 60_000);
		expect(msUntil('02:30', Date.UTC(2026, 0, 1, 3, 0))).toBe(23.5 * 3_600_000);
	});
});
