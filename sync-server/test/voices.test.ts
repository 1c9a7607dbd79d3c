/**
 * Voices from outside school (issue 17, part 5): a one-time link, made by the student or their
 * advisor for one named guest, lets that guest (no account) confirm one piece of evidence or add
 * one reflection in one plan — once, before it expires, unless revoked — and nothing else. Every
 * step is audited; the secret is never in a URL the server sees. A real server, real SQLite, a
 * real socket watching the plan.
 */
import { describe, expect, it } from 'vitest';
import type { NewVoiceLink, VoiceInvitation, VoiceLinkView } from '../../src/lib/contracts/api';
import { confirmationList, confirmationsOf } from '../../src/lib/plp/confirmations';
import { Plan } from '../../src/lib/plp/plan';
import { unzipSync } from 'fflate';
import type { ArchiveManifest } from '../src/export/archive-format';
import { serverPerTest } from './server-per-test';
import { connectClient, synced, waitFor, type Client } from './harness';
import { api, signIn, type ErrorBody, type TestServer } from './helpers';

let t: TestServer;
const clients: Client[] = [];
serverPerTest((server) => (t = server), clients);

const PLAN = 'demo-ben';
const wsUrl = () => `${t.url.replace('http', 'ws')}/sync`;
const makeLink = (token: string, body: Record<string, unknown>, planId = PLAN) =>
	api<NewVoiceLink & ErrorBody>(t.url, 'POST', `/api/plans/${planId}/voices`, { token, body });
const open = (token: string) =>
	api<VoiceInvitation & ErrorBody>(t.url, 'POST', '/api/voices/open', { body: { token } });
const use = (token: string, body?: string) =>
	api<{ action: string; date: string } & ErrorBody>(t.url, 'POST', '/api/voices/use', {
		body: body === undefined ? { token } : { token, body }
	});
const auditOf = (planId: string) =>
	t.server.db
		.prepare(
			"SELECT user_id, action, detail FROM audit_log WHERE plan_id = ? AND (detail LIKE '%one-time link%') ORDER BY id"
		)
		.all(planId) as { user_id: string; action: string; detail: string }[];

/** Ben's plan, live over the relay as Ben sees it, with one piece of evidence added by him. */
async function bensPlanWithEvidence(): Promise<{
	ben: string;
	client: Client;
	plan: Plan;
	evidenceId: string;
}> {
	const ben = await signIn(t.url, 'ben');
	const client = connectClient(wsUrl(), `plan.${PLAN}`, ben);
	clients.push(client);
	await synced(client);
	const plan = Plan.open(client.doc).plan;
	const evidenceId = plan.collections.evidence.add({
		kind: 'journal',
		title: 'Summer job at the bike shop',
		date: '2026-07-30'
	});
	await waitFor(
		() =>
			(
				t.server.db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ?').get(`plan.${PLAN}`) as {
					n: number;
				}
			).n > 0,
		'the evidence to be stored'
	);
	// Stored before the link is made (the relay commits each turn before it answers).
	await new Promise((resolve) => setTimeout(resolve, 100));
	return { ben, client, plan, evidenceId };
}

describe('a one-time link for someone outside school', () => {
	it('confirms one piece of evidence once; the plan shows who and when; every step is audited', async () => {
		const { ben, client, plan, evidenceId } = await bensPlanWithEvidence();
		const made = await makeLink(ben, {
			action: 'confirm',
			evidenceId,
			guestName: 'Rosa Díaz',
			guestRelation: 'employer'
		});
		expect(made.status).toBe(201);
		expect(made.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(made.body.link).toMatchObject({
			state: 'open',
			evidenceTitle: 'Summer job at the bike shop',
			createdByName: 'Ben Larsen'
		});
		// The secret is kept only as its hash.
		const stored = JSON.stringify(t.server.db.prepare('SELECT * FROM voice_links').all());
		expect(stored).not.toContain(made.body.token);

		const invitation = await open(made.body.token);
		expect(invitation.body).toEqual({
			studentName: 'Ben Larsen',
			schoolName: 'Maple Ridge Demo School (fictional)',
			guestName: 'Rosa Díaz',
			guestRelation: 'employer',
			action: 'confirm',
			evidence: { title: 'Summer job at the bike shop', date: '2026-07-30', kind: 'journal' },
			expiresAt: '2026-09-08T08:00:00.000Z'
		});
		// Only its one action: no words on a confirm link.
		expect((await use(made.body.token, 'I also want to say…')).body.error.code).toBe('confirm-only');

		const done = await use(made.body.token);
		expect(done.body).toEqual({ action: 'confirm', date: '2026-09-01' });
		// Ben's open plan shows the confirmation at once.
		await waitFor(
			() => confirmationsOf(confirmationList(plan.doc).toArray(), evidenceId).length === 1,
			'the confirmation to reach Ben'
		);
		expect(confirmationsOf(confirmationList(client.doc).toArray(), evidenceId)).toEqual([
			{ evidenceId, name: 'Rosa Díaz', relation: 'employer', date: '2026-09-01', linkId: made.body.link.id }
		]);

		// Once only.
		const twice = await use(made.body.token);
		expect(twice.status).toBe(410);
		expect(twice.body.error.code).toBe('voice-link-used');
		expect((await open(made.body.token)).body.error.code).toBe('voice-link-used');
		expect(confirmationList(client.doc).length).toBe(1);

		const list = await api<{ links: VoiceLinkView[] }>(t.url, 'GET', `/api/plans/${PLAN}/voices`, {
			token: ben
		});
		expect(list.body.links).toEqual([
			expect.objectContaining({ state: 'used', usedAt: '2026-09-01T08:00:00.000Z' })
		]);
		const benId = (t.server.db.prepare("SELECT id FROM users WHERE username = 'ben'").get() as { id: string })
			.id;
		const guest = `voice:${made.body.link.id}`;
		expect(auditOf(PLAN)).toEqual([
			{
				user_id: benId,
				action: 'change',
				detail:
					'made a one-time link for Rosa Díaz (employer) to confirm evidence “Summer job at the bike shop”'
			},
			{ user_id: guest, action: 'open', detail: 'Rosa Díaz (employer) opened a one-time link' },
			{
				user_id: guest,
				action: 'change',
				detail:
					'Rosa Díaz (employer) confirmed evidence “Summer job at the bike shop” through a one-time link'
			}
		]);
	});

	it('adds one reflection, as the named guest; expired and revoked links are closed', async () => {
		const rivera = await signIn(t.url, 'rivera');
		const made = await makeLink(rivera, {
			action: 'reflect',
			guestName: 'Sam Ortiz',
			guestRelation: 'mentor'
		});
		expect(made.status).toBe(201);
		expect((await use(made.body.token, '   ')).body.error.code).toBe('empty-reflection');
		expect((await use(made.body.token, 'Ben led the robotics club’s outreach day with care.')).status).toBe(
			200
		);
		const ben = await signIn(t.url, 'ben');
		const client = connectClient(wsUrl(), `plan.${PLAN}`, ben);
		clients.push(client);
		await synced(client);
		const reflections = Plan.open(client.doc).plan.collections.reflections.list();
		expect(reflections.filter((r) => r.authorName === 'Sam Ortiz')).toEqual([
			expect.objectContaining({
				authorRole: 'mentor',
				date: '2026-09-01',
				body: 'Ben led the robotics club’s outreach day with care.'
			})
		]);

		// Revoked before use: closed, and audited.
		const second = await makeLink(rivera, {
			action: 'reflect',
			guestName: 'Lee Park',
			guestRelation: 'community'
		});
		const revoked = await api<{ link: VoiceLinkView }>(
			t.url,
			'DELETE',
			`/api/plans/${PLAN}/voices/${second.body.link.id}`,
			{ token: rivera }
		);
		expect(revoked.body.link.state).toBe('revoked');
		expect((await use(second.body.token, 'Hello')).body.error.code).toBe('voice-link-revoked');
		expect(auditOf(PLAN).map((entry) => entry.detail)).toContain(
			'closed the one-time link for Lee Park (community)'
		);

		// Expired after seven days (VOICE_LINK_TTL_HOURS).
		const third = await makeLink(rivera, {
			action: 'reflect',
			guestName: 'Ana Ruiz',
			guestRelation: 'mentor'
		});
		t.clock.advanceHours(7 * 24);
		expect((await open(third.body.token)).body.error.code).toBe('voice-link-expired');
		expect((await use(third.body.token, 'Late words')).body.error.code).toBe('voice-link-expired');
	});

	it('travels in the archive: who confirmed, and the guest who wrote a reflection, in its JSON and page', async () => {
		const { ben, evidenceId } = await bensPlanWithEvidence();
		const confirm = await makeLink(ben, {
			action: 'confirm',
			evidenceId,
			guestName: 'Rosa Díaz',
			guestRelation: 'employer'
		});
		expect((await use(confirm.body.token)).status).toBe(200);
		const reflect = await makeLink(ben, {
			action: 'reflect',
			guestName: 'Sam Ortiz',
			guestRelation: 'mentor'
		});
		expect((await use(reflect.body.token, 'Ben fixed every bike with patience.')).status).toBe(200);

		const exportAs = async (language: string) => {
			const response = await fetch(`${t.url}/api/plans/${PLAN}/export`, {
				headers: { authorization: `Bearer ${ben}`, 'accept-language': language }
			});
			expect(response.status).toBe(200);
			const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
			return {
				manifest: JSON.parse(new TextDecoder().decode(files['pathways-plan.json'])) as ArchiveManifest,
				html: new TextDecoder().decode(files['index.html'])
			};
		};
		const english = await exportAs('en-US');
		expect(english.manifest.confirmations).toEqual([
			{
				evidenceId,
				evidenceTitle: 'Summer job at the bike shop',
				name: 'Rosa Díaz',
				relation: 'employer',
				date: '2026-09-01'
			}
		]);
		expect(english.manifest.plan.reflections.filter((r) => r.authorName === 'Sam Ortiz')).toEqual([
			expect.objectContaining({ authorRole: 'mentor', body: 'Ben fixed every bike with patience.' })
		]);
		// The confirmation sits inside the evidence's own section of the page.
		const evidenceSection = english.html.slice(english.html.indexOf('Summer job at the bike shop'));
		expect(evidenceSection.slice(0, evidenceSection.indexOf('</section>'))).toContain(
			'Confirmed by Rosa Díaz, employer, on September 1, 2026'
		);
		expect(english.html).toContain('Sam Ortiz');
		expect(english.html).toMatch(/<dd dir="auto">Mentor<\/dd>/);

		const spanish = await exportAs('es');
		expect(spanish.html).toContain('Confirmado por Rosa Díaz, empleador, el 1 de septiembre de 2026');
		expect(spanish.html).toMatch(/<dd dir="auto">Mentor<\/dd>/);
		expect(spanish.manifest.confirmations).toEqual(english.manifest.confirmations);
	});

	it('is made only by someone who writes the plan, for evidence of that plan; its secret opens nothing else', async () => {
		const { ben, evidenceId } = await bensPlanWithEvidence();
		const amara = await signIn(t.url, 'amara');
		const grace = await signIn(t.url, 'grace');
		const admin = await signIn(t.url, 'admin');
		const body = { action: 'confirm', evidenceId, guestName: 'Rosa Díaz', guestRelation: 'employer' };
		expect((await makeLink(amara, body)).status).toBe(404); // another student's plan
		expect((await makeLink(grace, body)).status).toBe(404); // not her child's plan
		expect((await makeLink(admin, body)).status).toBe(403); // admins read plans, they do not write them
		expect((await makeLink(ben, { ...body, evidenceId: 'not-in-this-plan' })).body.error.code).toBe(
			'no-such-evidence'
		);
		expect((await makeLink(ben, { ...body, guestRelation: 'friend' })).status).toBe(400);
		expect((await api(t.url, 'GET', `/api/plans/${PLAN}/voices`, { token: grace })).status).toBe(404);

		const made = await makeLink(ben, body);
		const secret = made.body.token;
		// The secret is no session: it opens no route and no socket.
		expect((await api(t.url, 'GET', '/api/plans', { token: secret })).status).toBe(401);
		expect((await api(t.url, 'GET', `/api/plans/${PLAN}/export`, { token: secret })).status).toBe(401);
		const socket = connectClient(wsUrl(), `plan.${PLAN}`, secret);
		clients.push(socket);
		await waitFor(() => socket.closes.length > 0, 'the relay to refuse the secret');
		expect(socket.provider.synced).toBe(false);
		// Another plan's link cannot be closed through this plan.
		expect(
			(await api(t.url, 'DELETE', `/api/plans/demo-amara/voices/${made.body.link.id}`, { token: amara }))
				.status
		).toBe(404);
		// Unknown secrets: refused, and counted per address.
		const unknown = await open('x'.repeat(43));
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.code).toBe('voice-link-unknown');
		expect((await open(secret)).status).toBe(200);
	});
});
