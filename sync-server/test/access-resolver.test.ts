import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocKind } from '../../src/lib/plp/access';
import { SqliteAccessResolver } from '../src/auth/access-resolver';
import { AccountStore } from '../src/auth/accounts';
import { SchoolStore } from '../src/auth/school-store';
import { SessionStore } from '../src/auth/sessions';
import type { Principal } from '../src/contracts';
import { openDatabase, type Database } from '../src/db';
import { seedDemoSchool } from '../src/demo/demo-school';
import { FakeClock, tempDir } from './helpers';

describe('SqliteAccessResolver against the database', () => {
	const dir = tempDir();
	const clock = new FakeClock();
	let db: Database;
	let accounts: AccountStore;
	let sessions: SessionStore;
	let resolver: SqliteAccessResolver;
	const tokens = new Map<string, string>();

	const principal = (username: string): Principal => {
		const found = resolver.authenticate(tokens.get(username)!);
		if (!found) throw new Error(`${username} is not signed in`);
		return found;
	};
	const access = (username: string, kind: DocKind, planId: string) =>
		resolver.accessTo(principal(username), kind, planId);

	beforeAll(async () => {
		db = openDatabase(dir);
		accounts = new AccountStore(db, clock.now);
		await seedDemoSchool(db, accounts);
		new SchoolStore(db, clock.now).createSchool({ id: 'birch', name: 'Birch Valley (fictional)' });
		accounts.createUser({
			id: 'birch-admin',
			schoolId: 'birch',
			username: 'birch.admin',
			displayName: 'B',
			role: 'admin',
			passwordHash: 'x'
		});
		sessions = new SessionStore(db, 3_600_000, clock.now);
		resolver = new SqliteAccessResolver(accounts, sessions);
		for (const username of ['amara', 'ben', 'rivera', 'chen', 'grace', 'admin', 'birch.admin']) {
			tokens.set(username, sessions.create(accounts.findByUsername(username)!.id).token);
		}
	});
	afterAll(() => {
		db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('authenticates a token to its principal, without the token in it', () => {
		const amara = principal('amara');
		expect(amara).toMatchObject({
			userId: 'demo-amara',
			displayName: 'Amara Okoye',
			role: 'student',
			schoolId: 'demo-maple-ridge'
		});
		expect(JSON.stringify(amara)).not.toContain(tokens.get('amara'));
		expect(resolver.authenticate('not-a-token')).toBeNull();
	});

	it('decides each role and document as access.ts says, from the rows in the database', () => {
		const table: [string, string, DocKind, string][] = [
			['amara', 'demo-amara', 'plan', 'write'],
			['amara', 'demo-amara', 'family', 'read'],
			['amara', 'demo-ben', 'plan', 'none'],
			['rivera', 'demo-ben', 'plan', 'write'],
			['rivera', 'demo-ben', 'family', 'read'],
			['rivera', 'demo-dev', 'plan', 'none'],
			['chen', 'demo-dev', 'plan', 'write'],
			['grace', 'demo-amara', 'plan', 'read'],
			['grace', 'demo-amara', 'family', 'write'],
			['grace', 'demo-ben', 'family', 'none'],
			['admin', 'demo-eli', 'plan', 'read'],
			['admin', 'demo-eli', 'family', 'read'],
			['birch.admin', 'demo-eli', 'plan', 'none'],
			['admin', 'no-such-plan', 'plan', 'none'],
			['admin', '../etc/passwd', 'plan', 'none']
		];
		const actual = table.map(([user, plan, kind]) => [user, plan, kind, access(user, kind, plan)]);
		expect(actual).toEqual(table);
	});

	it('follows caseload changes at once', () => {
		expect(access('chen', 'plan', 'demo-ben')).toBe('none');
		accounts.assignCaseload('demo-chen', 'demo-ben');
		expect(access('chen', 'plan', 'demo-ben')).toBe('write');
		accounts.unassignCaseload('demo-chen', 'demo-ben');
		expect(access('chen', 'plan', 'demo-ben')).toBe('none');
	});

	it('gives nothing to a deactivated user, a signed-out session or an expired one', () => {
		const ben = principal('ben');
		accounts.setActive('demo-ben', false);
		expect(resolver.authenticate(tokens.get('ben')!)).toBeNull();
		expect(resolver.accessTo(ben, 'plan', 'demo-ben')).toBe('none');
		accounts.setActive('demo-ben', true);
		expect(resolver.accessTo(ben, 'plan', 'demo-ben')).toBe('write');

		const rivera = principal('rivera');
		sessions.delete(rivera.sessionId);
		expect(resolver.accessTo(rivera, 'plan', 'demo-ben')).toBe('none');

		const amara = principal('amara');
		clock.advanceHours(1.01);
		expect(resolver.authenticate(tokens.get('amara')!)).toBeNull();
		expect(resolver.accessTo(amara, 'plan', 'demo-amara')).toBe('none');
	});
});
