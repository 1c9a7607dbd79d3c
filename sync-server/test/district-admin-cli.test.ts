/**
 * The first district admin is named from the server (`npm run district-admin`), not only in the
 * database: the real command on a real SQLite file, then the named admin's rights on a real server.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/auth/accounts';
import { openDatabase } from '../src/db';
import { seedDemoSchool } from '../src/demo/demo-school';
import { DistrictAdmins } from '../src/self-assessment/district-admins';
import {
	COMMAND_LINE,
	DistrictAdminError,
	nameDistrictAdmin
} from '../src/self-assessment/first-district-admin';
import { SchoolStore } from '../src/auth/school-store';
import { api, signIn, startServer, tempDir } from './helpers';

const CLI = path.resolve(import.meta.dirname, '../src/self-assessment/district-admin-cli.ts');

function run(dataDir: string, ...args: string[]) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
		env: { ...process.env, DATA_DIR: dataDir },
		encoding: 'utf8'
	});
	return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

let dir = '';
beforeEach(() => {
	dir = tempDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seeded(dataDir: string): Promise<void> {
	const db = openDatabase(dataDir);
	const accounts = new AccountStore(db);
	await seedDemoSchool(db, accounts);
	new SchoolStore(db).createSchool({ id: 'lone', name: 'Lone Pine (fictional)' });
	accounts.createUser({
		schoolId: 'lone',
		username: 'lone-admin',
		displayName: 'Lee Admin',
		role: 'admin',
		passwordHash: 'x'
	});
	db.close();
}

describe('naming the first district admin from the server', () => {
	it('names a school admin district admin of their school’s district, recorded as done on the command line', async () => {
		const dataDir = path.join(dir, 'data');
		await seeded(dataDir);
		const named = run(dataDir, 'admin');
		expect(named).toMatchObject({ code: 0, err: '' });
		expect(named.out).toBe(
			'Dana Whitfield is now a district admin of Maple Ridge Demo District (fictional). They name and remove others on /district.'
		);
		expect(run(dataDir, 'admin').out).toBe(
			'Dana Whitfield is already a district admin of Maple Ridge Demo District (fictional).'
		);
		const db = openDatabase(dataDir);
		try {
			expect(new SchoolStore(db).districtOf('demo-admin')?.id).toBe('demo-district');
			expect(new DistrictAdmins(db).changes('demo-district')).toEqual([
				{ userId: COMMAND_LINE, targetId: 'demo-admin', action: 'named' }
			]);
		} finally {
			db.close();
		}
	});

	it('refuses anyone but an active school admin, and says how to make a district for a school without one', async () => {
		const dataDir = path.join(dir, 'data');
		await seeded(dataDir);
		expect(run(dataDir, 'rivera')).toMatchObject({
			code: 1,
			err: 'Lucia Rivera (rivera) is not an active school admin: only a school admin can be a district admin.'
		});
		expect(run(dataDir, 'nobody')).toMatchObject({
			code: 1,
			err: 'There is no account with the username "nobody".'
		});
		expect(run(dataDir)).toMatchObject({ code: 2 });
		const lone = run(dataDir, 'lone-admin');
		expect(lone.code).toBe(1);
		expect(lone.err).toBe(
			'Lone Pine (fictional) is not in a district yet. Name one to create it: npm run district-admin -- lone-admin --new-district "District name"'
		);
		const made = run(dataDir, 'lone-admin', '--new-district', 'Pine County (fictional)');
		expect(made.code).toBe(0);
		expect(made.out.split('\n')).toEqual([
			'District created: Pine County (fictional).',
			'Lee Admin is now a district admin of Pine County (fictional). They name and remove others on /district.'
		]);
	});

	it('gives the named admin the district view on the server at once', async () => {
		const t = await startServer();
		try {
			const accounts = new AccountStore(t.server.db);
			expect((await api(t.url, 'GET', '/api/district', { token: await signIn(t.url, 'admin') })).status).toBe(
				403
			);
			nameDistrictAdmin(t.server.db, accounts, 'admin');
			const view = await api<{ admins: { name: string }[] }>(t.url, 'GET', '/api/district', {
				token: await signIn(t.url, 'admin')
			});
			expect(view.status).toBe(200);
			expect(view.body.admins.map((person) => person.name)).toEqual(['Dana Whitfield', 'Robin Okafor']);
			expect(() => nameDistrictAdmin(t.server.db, accounts, 'amara')).toThrow(DistrictAdminError);
		} finally {
			await t.close();
		}
	});
});
