/**
 * Import as an attack surface (issue 13, holes 1 and 2): an archive writes only the documents its
 * importer may write, and a hostile archive (a zip bomb, thousands of entries) is refused while
 * the server's memory stays bounded.
 */
import { unzipSync } from 'fflate';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import type { ArchiveManifest } from '../src/export/archive-format';
import type { DemoStudent } from '../src/demo/demo-school';
import { startChild } from './child-process';
import { api, signIn, startServer, tempDir, writeFakeBuild, type TestServer } from './helpers';
import { manyEntries, zipBomb } from './zip-bomb';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;

/** Amara's plan with one goal, and a family document with a guardian's reflection. */
function amaraWithFamily(student: DemoStudent) {
	if (student.planId !== 'demo-amara') return undefined;
	const planDoc = new Y.Doc();
	const plan = Plan.create(planDoc, student.planId, { studentName: 'Amara Okoye', grade: '9' });
	plan.goals.add({ kind: 'secondary', title: 'Read 12 books this year', status: 'in-progress' });
	const familyDoc = new Y.Doc();
	const family = new FamilyPart(familyDoc);
	family.initialize();
	family.reflections.add({ date: '2026-10-02', authorName: 'Grace Okoye', body: 'Words Grace never wrote' });
	return { plan: Y.encodeStateAsUpdate(planDoc), family: Y.encodeStateAsUpdate(familyDoc) };
}

async function post(server: TestServer, token: string, route: string, archive: Uint8Array) {
	const response = await fetch(`${server.url}${route}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
		body: new Uint8Array(archive)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function exportAs(server: TestServer, token: string, planId: string): Promise<Uint8Array> {
	const response = await fetch(`${server.url}/api/plans/${planId}/export`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(response.status).toBe(200);
	return new Uint8Array(await response.arrayBuffer());
}

function manifestOf(archive: Uint8Array): ArchiveManifest {
	return JSON.parse(new TextDecoder().decode(unzipSync(archive)['pathways-plan.json'])) as ArchiveManifest;
}

describe('import writes only what the importer may write', () => {
	const servers: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.close()));
	});

	it("takes a student's plan part and leaves the family part, which only guardians write", async () => {
		const source = await startServer({ options: { seedDemoPlanContent: amaraWithFamily } });
		const target = await startServer();
		servers.push(source, target);
		const archive = await exportAs(source, await signIn(source.url, 'amara'), 'demo-amara');
		expect(manifestOf(archive).family.reflections).toHaveLength(1);

		const amara = await signIn(target.url, 'amara');
		const imported = await post(target, amara, '/api/plans/demo-amara/import', archive);
		expect(imported.status).toBe(200);
		expect(imported.body).toMatchObject({ planId: 'demo-amara', isChanged: true, skipped: ['family'] });
		const after = manifestOf(await exportAs(target, amara, 'demo-amara'));
		expect(after.plan.goals.map((goal) => goal.title)).toEqual(['Read 12 books this year']);
		// The guardian's words did not come in through the student's import.
		expect(after.family.reflections).toEqual([]);
	});

	it('refuses an admin on the import route (admins read plans); the restore route is theirs and audited', async () => {
		const source = await startServer({ options: { seedDemoPlanContent: amaraWithFamily } });
		const target = await startServer();
		servers.push(source, target);
		const archive = await exportAs(source, await signIn(source.url, 'amara'), 'demo-amara');
		const admin = await signIn(target.url, 'admin');
		const refused = await post(target, admin, '/api/plans/demo-amara/import', archive);
		expect(refused.status).toBe(403);
		const amara = await signIn(target.url, 'amara');
		expect(manifestOf(await exportAs(target, amara, 'demo-amara')).plan.goals).toEqual([]);

		// A teacher may not use the admin's restore.
		const rivera = await signIn(target.url, 'rivera');
		expect((await post(target, rivera, '/api/plans/demo-amara/restore', archive)).status).toBe(403);
		const restored = await post(target, admin, '/api/plans/demo-amara/restore', archive);
		expect(restored).toMatchObject({
			status: 200,
			body: { planId: 'demo-amara', isChanged: true, skipped: [] }
		});
		const after = manifestOf(await exportAs(target, amara, 'demo-amara'));
		expect(after.family.reflections.map((r) => r.body)).toEqual(['Words Grace never wrote']);
		const audit = await api<{ entries: { action: string; detail: string | null; userName: string }[] }>(
			target.url,
			'GET',
			`/api/audit?studentId=${encodeURIComponent(await studentIdOf(target, admin, 'demo-amara'))}`,
			{ token: admin }
		);
		const restoreRows = audit.body.entries.filter((entry) => entry.detail === 'restored from an archive');
		expect(restoreRows.map((entry) => entry.userName)).toEqual(['Dana Whitfield', 'Dana Whitfield']);
	});
});

async function studentIdOf(server: TestServer, admin: string, planId: string): Promise<string> {
	const users = await api<{ users: { id: string; planId: string | null }[] }>(
		server.url,
		'GET',
		'/api/users',
		{
			token: admin
		}
	);
	const student = users.body.users.find((user) => user.planId === planId);
	if (!student) throw new Error(`no student with plan ${planId}`);
	return student.id;
}

/** Peak and current resident memory of a process, from Linux's /proc (kB → bytes). */
function memoryOf(pid: number): { peak: number; now: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
	return { peak: field('VmHWM'), now: field('VmRSS') };
}

describe('hostile archives', () => {
	it('refuses a 1 MB archive that inflates to 1 GiB while the server grows by less than 100 MiB', async () => {
		const dir = tempDir();
		const child = await startChild(
			path.join(ROOT, 'sync-server/src/main.ts'),
			{
				HOST: '127.0.0.1',
				PORT: '0',
				DATA_DIR: path.join(dir, 'data'),
				BUILD_DIR: writeFakeBuild(path.join(dir, 'build')),
				BACKUP_ENABLED: '0',
				IMPORT_MAX_FILES: '500'
			},
			/running at (http:\/\/\S+)/
		);
		try {
			const url = child.printed;
			const token = await signIn(url, 'amara');
			const bomb = zipBomb(1024 * MiB);
			expect(bomb.length).toBeLessThan(1.1 * MiB);
			const before = memoryOf(child.child.pid!);
			const server = { url } as TestServer;
			const bombed = await post(server, token, '/api/plans/demo-amara/import', bomb);
			expect(bombed.status).toBe(413);
			expect((bombed.body.error as { code: string }).code).toBe('archive-too-large');
			const crowded = await post(server, token, '/api/plans/demo-amara/import', manyEntries(2_000));
			expect(crowded.status).toBe(413);
			expect((crowded.body.error as { message: string }).message).toMatch(/more than 500 files/);
			const after = memoryOf(child.child.pid!);
			// Today's server (everything unzipped in memory) peaked about 1 GiB above its start.
			expect(after.peak - before.now).toBeLessThan(100 * MiB);
			// Still serving.
			expect((await fetch(`${url}/api/health`)).status).toBe(200);
		} finally {
			await child.kill('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
