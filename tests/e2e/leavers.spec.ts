import { unzipSync } from 'fflate';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { es } from '../../src/lib/messages/es';
import { Plan } from '../../src/lib/plp/plan';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
import { DEMO_PASSWORD, expect, test } from './fixtures';
import { callApi, readDoc, setAccountLanguage } from './pages/school-api';
import { apiToken, openPlan, signIn } from './pages/session';

/**
 * A student who left keeps their plan (issue 17, part 3), end to end in real Chromium: the school's
 * roster brings her in, she writes in her plan, the next roster marks her as gone. She signs in
 * again, in her own language: every page says until when she may read and why she can no longer
 * change anything, the plan offers no box to type in and no button that changes it, and
 * "Download everything" gives her the whole plan. A write forced past the screen — over the relay
 * or the API — is refused and stored nowhere.
 */

const run = Date.now().toString(36);
const username = `leaver.${run}`;
const displayName = 'Lucía Morales';
const interests = `Marine biology and sailing ${run}`;

/** The school's simple roster with one student, present or gone. */
function people(active: boolean): string {
	return [
		'role,id,first_name,last_name,username,grade,active',
		`student,sis-${run},Lucía,Morales,${username},12,${active ? 'yes' : 'no'}`
	].join('\n');
}

/** An admin's roster import the way the roster screen does it: a check, then the same files for real. */
async function importRoster(baseURL: string, admin: string, active: boolean): Promise<void> {
	const files = { 'people.csv': people(active) };
	const check = await callApi<{ checkToken: string; confirmations: { code: string }[] }>(
		baseURL,
		admin,
		'POST',
		'/api/roster/import',
		{ format: 'simple', files, dryRun: true }
	);
	expect(check.status).toBe(200);
	const applied = await callApi<{ isApplied: boolean }>(baseURL, admin, 'POST', '/api/roster/import', {
		format: 'simple',
		files,
		dryRun: false,
		checkToken: check.json.checkToken,
		confirmed: check.json.confirmations.map((confirmation) => confirmation.code)
	});
	expect(applied.status).toBe(200);
	expect(applied.json.isApplied).toBe(true);
}

/**
 * Sends one change to a document over the relay as this person, the way a modified app would, and
 * resolves with what the relay answered: a permission-denied reason, or the socket's close code.
 */
async function forceRelayWrite(
	baseURL: string,
	token: string,
	name: string,
	change: (doc: Y.Doc) => void
): Promise<string> {
	const doc = new Y.Doc();
	const socket = new (tokenFirstSocket(WebSocket, () => token))(
		`${baseURL.replace(/^http/, 'ws')}/sync/${name}`
	);
	return new Promise<string>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`the relay said nothing to the write on ${name}`)),
			10_000
		);
		const done = (answer: string) => {
			clearTimeout(timer);
			socket.close();
			resolve(answer);
		};
		socket.on('error', reject);
		socket.on('close', (code) => done(`closed ${code}`));
		socket.on('open', () => {
			const step1 = encoding.createEncoder();
			encoding.writeVarUint(step1, 0);
			syncProtocol.writeSyncStep1(step1, doc);
			socket.send(encoding.toUint8Array(step1));
		});
		socket.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			const type = decoding.readVarUint(decoder);
			if (type === 2 && decoding.readVarUint(decoder) === 0) {
				done(`denied: ${decoding.readVarString(decoder)}`);
				return;
			}
			if (type !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
			const before = Y.encodeStateVector(doc);
			change(doc);
			const update = encoding.createEncoder();
			encoding.writeVarUint(update, 0);
			syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(doc, before));
			socket.send(encoding.toUint8Array(update));
		});
	});
}

test('a student the roster turned off reads and downloads her plan in her language, and can change nothing', async ({
	newDevice,
	baseURL
}) => {
	const url = baseURL!;
	const admin = await apiToken(url, 'admin');
	await importRoster(url, admin, true);
	const waiting = await callApi<{ people: { userId: string; username: string }[] }>(
		url,
		admin,
		'GET',
		'/api/roster/without-password'
	);
	const student = waiting.json.people.find((person) => person.username === username)!;
	expect(student).toBeDefined();
	const first = await callApi(url, admin, 'POST', '/api/roster/first-password', {
		userId: student.userId,
		password: DEMO_PASSWORD
	});
	expect(first.status).toBe(200);

	// At school, she writes in her plan.
	const atSchool = await signIn(await newDevice(), username);
	await openPlan(atSchool, displayName);
	const planId = /\/plan\/([^/?#]+)/.exec(atSchool.url())![1]!;
	await atSchool
		.getByRole('region', { name: 'About me', exact: true })
		.getByLabel('My interests')
		.fill(interests);
	await expect(atSchool.getByTestId('sync-status')).toContainText('Synced with the school');
	await expect
		.poll(async () =>
			Plan.open(await readDoc(url, await apiToken(url, username), `plan.${planId}`))
				.plan.profileText('interests')
				.toString()
		)
		.toBe(interests);

	// Her account's language is Spanish (she chose it at school). She graduates: the next roster
	// marks her as gone.
	await setAccountLanguage(url, username, 'es');
	await importRoster(url, admin, false);
	const leaverToken = await apiToken(url, username);
	// A new device, in English until she signs in: the account's language wins.
	const device = await newDevice();
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/signin');
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(DEMO_PASSWORD);
	await page.locator('#password').press('Enter');
	await expect(page).not.toHaveURL(/\/signin/);

	// Every page says why, in Spanish, with the date she may read until.
	const notice = page.getByTestId('leaver-notice');
	await expect(notice).toContainText('Ya no estás en');
	await expect(notice).toContainText(`«${es.exporting.download}»`);
	await expect(notice).toContainText(/Hasta el \d{1,2} de [a-z]+ de \d{4}/);
	await expect(notice).not.toContainText(/\d{4}-\d{2}-\d{2}/);

	// Her plan opens read only, and says why.
	if (!/\/plan\//.test(page.url())) await page.locator(`a[href="/plan/${planId}"]`).click();
	await expect(page.getByRole('heading', { name: displayName, level: 1 })).toBeVisible();
	await expect(page.getByTestId('sync-status')).toContainText(es.sync.synced);
	await expect(page.getByTestId('read-only-reason').first()).toHaveText(es.leaver.readOnly);
	await expect(page.getByText(interests)).toBeVisible();
	const main = page.locator('main');
	// No box to type in, no button that changes the plan: what is left reads, prints or downloads.
	await expect(
		main.locator('textarea, [contenteditable="true"], input:not([type="hidden"]), select')
	).toHaveCount(0);
	const buttons = await main.getByRole('button').allTextContents();
	expect(
		buttons
			.map((text) => text.trim())
			.filter(Boolean)
			.sort()
	).toEqual([es.exporting.download, es.exporting.print].sort());

	// The complete archive arrives and holds her plan.
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: es.exporting.download }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/\.zip$/);
	const archive = unzipSync(readFileSync(await download.path()));
	const manifest = JSON.parse(new TextDecoder().decode(archive['pathways-plan.json'])) as unknown;
	expect(JSON.stringify(manifest)).toContain(interests);
	expect(JSON.stringify(manifest)).toContain(displayName);
	expect(new TextDecoder().decode(archive['index.html'])).toContain(interests);

	// A write forced past the screen: the relay refuses it and the API refuses every change.
	const relayAnswer = await forceRelayWrite(url, leaverToken, `plan.${planId}`, (doc) =>
		Plan.open(doc).plan.profileText('interests').insert(0, 'NOT SAVED ')
	);
	expect(relayAnswer).toMatch(/^denied|^closed 4403/);
	const stored = Plan.open(await readDoc(url, leaverToken, `plan.${planId}`)).plan;
	expect(stored.profileText('interests').toString()).toBe(interests);
	for (const [method, route, body] of [
		['POST', `/api/plans/${planId}/import`, {}],
		['POST', `/api/plans/${planId}/voices`, { action: 'reflect', guestName: 'Ana', relation: 'mentor' }],
		['PUT', `/api/blobs/${'0'.repeat(64)}`, {}],
		['PUT', '/api/me/language', { language: 'en' }]
	] as const) {
		const answer = await callApi<{ error: { code: string } }>(url, leaverToken, method, route, body);
		expect({ route, status: answer.status, code: answer.json.error.code }).toEqual({
			route,
			status: 403,
			code: 'archive-only'
		});
	}
});
