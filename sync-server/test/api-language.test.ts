import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, startServer, type ErrorBody, type TestServer } from './helpers';

interface MeBody {
	user: { username: string; language: string | null };
}

describe('each person’s language', () => {
	let t: TestServer;
	let rivera: string;
	beforeAll(async () => {
		t = await startServer();
		rivera = await signIn(t.url, 'rivera');
	});
	afterAll(async () => {
		await t.close();
	});

	const me = (token: string) => api<MeBody>(t.url, 'GET', '/api/me', { token });

	it('is unset at first, then kept on the account and returned at the next sign-in', async () => {
		const amara = await signIn(t.url, 'amara');
		expect((await me(amara)).body.user.language).toBeNull();

		const set = await api(t.url, 'PUT', '/api/me/language', { token: amara, body: { language: 'ne' } });
		expect(set.status).toBe(204);
		expect((await me(amara)).body.user.language).toBe('ne');

		// A second device: the sign-in answer already carries the choice.
		const again = await api<{ user: { language: string } }>(t.url, 'POST', '/api/session', {
			body: { username: 'amara', password: 'maple-ridge-demo' }
		});
		expect(again.body.user.language).toBe('ne');
		// Nobody else's account changed.
		expect((await me(rivera)).body.user.language).toBeNull();
	});

	it('refuses a language Pathways does not have, and a caller who is not signed in', async () => {
		const bad = await api<ErrorBody>(t.url, 'PUT', '/api/me/language', {
			token: rivera,
			body: { language: 'xx' }
		});
		expect(bad.status).toBe(400);
		const anonymous = await api<ErrorBody>(t.url, 'PUT', '/api/me/language', { body: { language: 'es' } });
		expect(anonymous.status).toBe(401);
		expect((await me(rivera)).body.user.language).toBeNull();
		// Naming someone else changes nothing but the caller's own language.
		const other = await api<ErrorBody>(t.url, 'PUT', '/api/me/language', {
			token: rivera,
			body: { language: 'es', userId: 'demo-amara' }
		});
		expect(other.status).toBe(204);
		expect((await me(rivera)).body.user.language).toBe('es');
		expect((await me(await signIn(t.url, 'amara'))).body.user.language).toBe('ne');
	});

	it('a family joins in the language of their invite, made from the plan the advisor has open', async () => {
		const invite = await api<{ code: string; studentName: string } & ErrorBody>(
			t.url,
			'POST',
			'/api/invites',
			{
				token: rivera,
				body: { planId: 'demo-ben' }
			}
		);
		expect(invite.status).toBe(201);
		expect(invite.body.studentName).toBe('Ben Larsen');
		const joined = await api<{ token: string; user: { language: string } }>(
			t.url,
			'POST',
			'/api/invites/redeem',
			{
				body: {
					code: invite.body.code,
					username: 'layla.larsen',
					password: 'a long family password',
					displayName: 'Layla Larsen',
					language: 'ar'
				}
			}
		);
		expect(joined.status).toBe(201);
		expect(joined.body.user.language).toBe('ar');
		expect((await me(joined.body.token)).body.user.language).toBe('ar');
	});

	it('an invite by plan id follows the same rights as by student id', async () => {
		// Chen is staff, but Ben is not in Chen's caseload.
		const chen = await signIn(t.url, 'chen');
		const refused = await api<ErrorBody>(t.url, 'POST', '/api/invites', {
			token: chen,
			body: { planId: 'demo-ben' }
		});
		expect(refused.status).toBe(403);
		const unknown = await api<ErrorBody>(t.url, 'POST', '/api/invites', {
			token: rivera,
			body: { planId: 'no-such-plan' }
		});
		expect(unknown.status).toBe(404);
		const both = await api<ErrorBody>(t.url, 'POST', '/api/invites', {
			token: rivera,
			body: { planId: 'demo-ben', studentId: 'demo-ben' }
		});
		expect(both.status).toBe(400);
	});
});
