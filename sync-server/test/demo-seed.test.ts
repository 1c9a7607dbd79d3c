import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { FrameworkVersion } from '../../src/lib/contracts/framework';
import { AccountStore } from '../src/auth/accounts';
import { DEMO_FRAMEWORK } from '../src/demo/demo-framework';
import { checkFramework } from '../src/proficiencies/framework-input';
import { DEMO_PASSWORD, DEMO_SCHOOL_NAME, formatDemoSignIn } from '../src/demo/demo-school';
import { api, signIn, startServer, tempDir } from './helpers';

describe('the demo school', () => {
	const dir = tempDir();
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('is seeded into an empty database: an admin, two advisors with caseloads, five students, a guardian', async () => {
		const t = await startServer({ dir });
		try {
			const demo = t.server.demo!;
			expect(demo.schoolName).toBe(DEMO_SCHOOL_NAME);
			expect(demo.schoolName).toMatch(/fictional/);
			const byRole = (role: string) => demo.accounts.filter((a) => a.role === role).map((a) => a.username);
			expect(byRole('admin')).toEqual(['admin', 'district']);
			expect(byRole('staff')).toEqual(['rivera', 'chen']);
			expect(byRole('student')).toHaveLength(5);
			expect(byRole('guardian')).toEqual(['grace']);
			expect(new Set(demo.students.map((s) => s.stage)).size).toBeGreaterThan(2);
			// Every printed account signs in with the printed password.
			for (const account of demo.accounts)
				expect(await signIn(t.url, account.username, demo.password)).toBeTruthy();
			const chen = await api<{ plans: unknown[] }>(t.url, 'GET', '/api/plans', {
				token: await signIn(t.url, 'chen')
			});
			expect(chen.body.plans).toHaveLength(2);

			const printout = formatDemoSignIn(demo, t.url);
			expect(printout).toContain(t.url);
			expect(printout).toContain(DEMO_PASSWORD);
			for (const account of demo.accounts) expect(printout).toContain(account.username);
			expect(printout).toContain('SEED_DEMO=0');
		} finally {
			await t.close();
		}
	});

	it('is not seeded again on a database that has users', async () => {
		const t = await startServer({ dir });
		try {
			expect(t.server.demo).toBeNull();
			expect(new AccountStore(t.server.db).countUsers()).toBe(10);
		} finally {
			await t.close();
		}
	});

	it('is not seeded with SEED_DEMO=0', async () => {
		const t = await startServer({ config: { seedDemo: false } });
		try {
			expect(t.server.demo).toBeNull();
			expect(new AccountStore(t.server.db).countUsers()).toBe(0);
			expect(
				(await api(t.url, 'POST', '/api/session', { body: { username: 'admin', password: DEMO_PASSWORD } }))
					.status
			).toBe(401);
		} finally {
			await t.close();
		}
	});

	it('writes plan content through the seedDemoPlanContent hook, stored for the relay', async () => {
		const seen: string[] = [];
		const t = await startServer({
			options: {
				seedDemoPlanContent: (student) => {
					seen.push(student.planId);
					const doc = new Y.Doc();
					doc.getMap('info').set('stage', student.stage);
					return { plan: Y.encodeStateAsUpdate(doc) };
				}
			}
		});
		try {
			expect(seen).toHaveLength(5);
			const rows = t.server.db
				.prepare("SELECT doc FROM doc_updates WHERE doc LIKE 'plan.demo-%' ORDER BY doc")
				.all() as { doc: string }[];
			expect(rows.map((r) => r.doc)).toEqual([
				'plan.demo-amara',
				'plan.demo-ben',
				'plan.demo-carmen',
				'plan.demo-dev',
				'plan.demo-eli'
			]);
		} finally {
			await t.close();
		}
	});

	it('has the demo framework as its first version when the server is given it, and none otherwise', async () => {
		expect(checkFramework(DEMO_FRAMEWORK, 'demo')).toEqual([]);
		const withFramework = await startServer({ options: { seedDemoFramework: DEMO_FRAMEWORK } });
		const without = await startServer();
		try {
			const read = async (t: typeof without) =>
				(
					await api<{ framework: FrameworkVersion | null }>(t.url, 'GET', '/api/proficiencies', {
						token: await signIn(t.url, 'carmen')
					})
				).body.framework;
			const framework = (await read(withFramework))!;
			expect(framework.version).toBe(1);
			expect(framework.proficiencies.map((p) => [p.id, p.kind, p.indicators.length])).toEqual([
				['MR-INQ', 'graduation', 3],
				['MR-WRI', 'graduation', 2],
				['MR-COL', 'transferable', 2],
				['MR-SEL', 'transferable', 3]
			]);
			for (const proficiency of framework.proficiencies) expect(proficiency.title).toMatch(/fictional/);
			expect(framework.scales[0]!.levels.map((level) => level.label)).toEqual([
				'Beginning',
				'Developing',
				'Proficient',
				'Extending'
			]);
			expect(await read(without)).toBeNull();
		} finally {
			await withFramework.close();
			await without.close();
		}
	});
});
