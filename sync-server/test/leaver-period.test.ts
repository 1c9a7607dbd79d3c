/**
 * The leavers' period for every school (issue 17, part 3; decision 0095): a school of no district
 * sets its own and its leavers follow it; a district's setting applies to its schools, whose admins
 * see it but cannot change it; every change is recorded (who, old value, new value), append-only.
 * A real server on a real SQLite file, real roster imports, a clock moved by hand.
 */
import { describe, expect, it } from 'vitest';
import type { LeaverPeriodAnswer, UserView } from '../../src/lib/contracts/api';
import { serverPerTest } from './server-per-test';
import { api, DEMO_PASSWORD, signIn, type ErrorBody, type TestServer } from './helpers';
import { createSchoolAdmin, givePassword } from './district-people';
import { postRoster } from './roster-api';

let t: TestServer;
serverPerTest((server) => (t = server), []);

const DAY_MS = 86_400_000;

function people(active: boolean): Record<string, string> {
	return {
		'people.csv': [
			'role,id,first_name,last_name,username,grade,active',
			`student,cedar-7,Noor,Haddad,noor.haddad,12,${active ? 'yes' : 'no'}`
		].join('\n')
	};
}

const signInAs = (username: string) =>
	api<{ token: string; user: UserView }>(t.url, 'POST', '/api/session', {
		body: { username, password: DEMO_PASSWORD }
	});

describe('the leavers’ period', () => {
	it('a school of no district sets its own; its leavers follow it; each change is recorded', async () => {
		t.server.db
			.prepare('INSERT INTO schools (id, name, created_at) VALUES (?, ?, ?)')
			.run('cedar', 'Cedar Hollow School', t.clock.ms);
		await createSchoolAdmin(t.server.db, 'cedar', 'cedar.office');
		const office = await signIn(t.url, 'cedar.office');

		const first = await api<LeaverPeriodAnswer>(t.url, 'GET', '/api/school/leaver-access', { token: office });
		expect(first.body).toEqual({
			days: 730,
			isDefault: true,
			setBy: 'school',
			districtName: null,
			changes: []
		});

		const set = await api<LeaverPeriodAnswer>(t.url, 'PUT', '/api/school/leaver-access', {
			token: office,
			body: { days: 90 }
		});
		expect(set.status).toBe(200);
		expect(set.body).toMatchObject({ days: 90, isDefault: false, setBy: 'school' });
		expect(set.body.changes).toEqual([
			{
				at: new Date(t.clock.ms).toISOString(),
				userId: expect.any(String),
				userName: 'Office of cedar.office',
				from: { days: 730, isDefault: true },
				to: { days: 90, isDefault: false }
			}
		]);
		// Saving the same number again changes nothing and records nothing.
		const same = await api<LeaverPeriodAnswer>(t.url, 'PUT', '/api/school/leaver-access', {
			token: office,
			body: { days: 90 }
		});
		expect(same.body.changes).toHaveLength(1);
		expect(
			(await api(t.url, 'PUT', '/api/school/leaver-access', { token: office, body: { days: 4000 } })).status
		).toBe(400);

		// Its student leaves: she reads for the school's 90 days, not the server's 730.
		expect(
			(await postRoster(t.url, office, { format: 'simple', files: people(true), dryRun: false })).status
		).toBe(200);
		await givePassword(t.server.db, 'noor.haddad');
		const gone = await postRoster(t.url, office, { format: 'simple', files: people(false), dryRun: false });
		expect(gone.body.counts.student.deactivated).toBe(1);
		const leaver = await signInAs('noor.haddad');
		expect(leaver.status).toBe(201);
		expect(leaver.body.user.readOnlyUntil).toBe(new Date(t.clock.ms + 90 * DAY_MS).toISOString());
		t.clock.advanceHours(91 * 24);
		expect((await signInAs('noor.haddad')).status).toBe(403);

		// Back to the server's default: recorded too, and she may read again (730 days from leaving).
		const reset = await api<LeaverPeriodAnswer>(t.url, 'PUT', '/api/school/leaver-access', {
			token: await signIn(t.url, 'cedar.office'),
			body: { days: null }
		});
		expect(reset.body).toMatchObject({ days: 730, isDefault: true });
		expect(reset.body.changes.map((change) => [change.from, change.to])).toEqual([
			[
				{ days: 90, isDefault: false },
				{ days: 730, isDefault: true }
			],
			[
				{ days: 730, isDefault: true },
				{ days: 90, isDefault: false }
			]
		]);
		expect((await signInAs('noor.haddad')).status).toBe(201);

		// The record is append-only.
		expect(() => t.server.db.prepare('UPDATE leaver_period_changes SET new_days = 1').run()).toThrow(
			/append-only/
		);
		expect(() => t.server.db.prepare('DELETE FROM leaver_period_changes').run()).toThrow(/append-only/);
	});

	it('a district’s period applies to its schools; their admins see it and its changes but cannot set it', async () => {
		const district = await signIn(t.url, 'district');
		const admin = await signIn(t.url, 'admin');
		const before = await api<LeaverPeriodAnswer>(t.url, 'GET', '/api/school/leaver-access', { token: admin });
		expect(before.body).toMatchObject({
			days: 730,
			isDefault: true,
			setBy: 'district',
			districtName: expect.any(String),
			changes: []
		});

		const set = await api<LeaverPeriodAnswer>(t.url, 'PUT', '/api/district/leaver-access', {
			token: district,
			body: { days: 365 }
		});
		expect(set.body).toMatchObject({ days: 365, isDefault: false, setBy: 'district' });
		expect(set.body.changes).toEqual([
			expect.objectContaining({
				userName: 'Robin Okafor',
				from: { days: 730, isDefault: true },
				to: { days: 365, isDefault: false }
			})
		]);

		// The school's admin sees the district's period and who changed it; setting it is the district's.
		const seen = await api<LeaverPeriodAnswer>(t.url, 'GET', '/api/school/leaver-access', { token: admin });
		expect(seen.body).toMatchObject({ days: 365, isDefault: false, setBy: 'district' });
		expect(seen.body.changes).toEqual(set.body.changes);
		const refused = await api<ErrorBody>(t.url, 'PUT', '/api/school/leaver-access', {
			token: admin,
			body: { days: 10 }
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('set-by-district');
		expect(t.server.db.prepare('SELECT count(*) AS n FROM leaver_period_changes').get()).toEqual({ n: 1 });

		// Only admins: an advisor reads neither; a school admin is no district admin.
		const rivera = await signIn(t.url, 'rivera');
		expect((await api(t.url, 'GET', '/api/school/leaver-access', { token: rivera })).status).toBe(403);
		expect(
			(await api(t.url, 'PUT', '/api/district/leaver-access', { token: admin, body: { days: 1 } })).status
		).toBe(403);
	});
});
