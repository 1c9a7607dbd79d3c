import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addFiveYearsOfActivity } from '../../bench/five-year-plan';
import { docName } from '../../src/lib/plp/access';
import { Plan } from '../../src/lib/plp/plan';
import { tokenFirstSocket } from '../../src/lib/plp/relay-auth';
import { expect, test } from './fixtures';
import { createStudent, readDoc } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

/**
 * A five-year plan (40 goals, 250 steps, 300 progress checks, 80 reflections) with a transition
 * plan as its last record. Records far from the screen are not laid out (content-visibility), but
 * every one is in the page from the start: the last record's words are in the accessibility tree
 * as soon as the plan shows, and the keyboard alone reaches that record and edits it.
 */
const LAST_WORDS = 'Apprenticeship with the county electricians';

/** Sends one update to a document through the relay, as a device coming back online would. */
async function sendUpdate(baseURL: string, token: string, name: string, update: Uint8Array): Promise<void> {
	const url = `${baseURL.replace(/^http/, 'ws')}/sync/${name}`;
	// The session token goes in the first message, never the URL (src/lib/plp/relay-auth.ts).
	const socket = new (tokenFirstSocket(WebSocket, () => token))(url);
	await new Promise<void>((resolve, reject) => {
		socket.on('error', reject);
		// A refusal fails the test at once instead of waiting out its time.
		socket.on('close', (code, reason) =>
			reject(new Error(`relay closed the socket: ${code} ${reason.toString()}`))
		);
		socket.on('open', () => {
			const message = encoding.createEncoder();
			encoding.writeVarUint(message, 0);
			syncProtocol.writeUpdate(message, update);
			socket.send(encoding.toUint8Array(message), (error) => (error ? reject(error) : resolve()));
		});
	});
	// The relay stores an update before it answers anything after it: a sync step 1 now is
	// answered only once the update is stored.
	await new Promise<void>((resolve) => {
		socket.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (
				decoding.readVarUint(decoder) === 0 &&
				decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
			)
				resolve();
		});
		const step1 = encoding.createEncoder();
		encoding.writeVarUint(step1, 0);
		syncProtocol.writeSyncStep1(step1, new Y.Doc());
		socket.send(encoding.toUint8Array(step1));
	});
	socket.close();
}

test('a five-year plan: the last record is in the accessibility tree at once and the keyboard reaches and edits it', async ({
	device,
	baseURL
}) => {
	test.setTimeout(180_000);
	const url = baseURL as string;
	const student = await createStudent(url, 'fiona-five', 'Fiona Five');
	const token = await apiToken(url, student.username);
	const name = docName('plan', student.planId);

	const doc = await readDoc(url, token, name);
	const before = Y.encodeStateVector(doc);
	const { plan } = Plan.open(doc);
	addFiveYearsOfActivity(doc, plan);
	const transitionId = plan.collections.transitions.add({ kind: 'high-to-after', plan: LAST_WORDS });
	await sendUpdate(url, token, name, Y.encodeStateAsUpdate(doc, before));
	expect(Plan.open(await readDoc(url, token, name)).plan.collections.transitions.has(transitionId)).toBe(
		true
	);

	const page = await signIn(device, student.username);
	// The first download of a five-year plan takes longer than a usual plan's.
	await page.getByRole('link', { name: student.displayName }).click();
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school', { timeout: 60_000 });

	// Open it again: right after the first goal shows, the last record is already there for assistive tech.
	await page.reload();
	await expect(page.getByRole('textbox', { name: 'Goal', exact: true }).first()).toBeVisible({
		timeout: 30_000
	});
	// (Playwright's role query reads the accessibility tree as a screen reader gets it.)
	await expect(page.getByRole('button', { name: new RegExp(LAST_WORDS) })).toHaveCount(1, { timeout: 1 });

	// Keyboard only: Tab to the contents' "Transition plans" link, follow it, Tab into the record.
	await page.keyboard.press('Tab');
	const focused = page.locator(':focus');
	for (
		let i = 0;
		i < 40 && !(await focused.evaluate((el) => el.textContent?.trim() === 'Transition plans'));
		i++
	)
		await page.keyboard.press('Tab');
	await expect(focused).toHaveText('Transition plans');
	await page.keyboard.press('Enter');
	const field = `transitions-${transitionId}-plan`;
	const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
	for (let i = 0; i < 10 && (await focusedId()) !== field; i++) await page.keyboard.press('Tab');
	await expect(focused).toHaveId(field);
	await page.keyboard.press('End');
	await page.keyboard.type(' and the union hall');
	await expect(page.locator(`#${field}`)).toHaveValue(`${LAST_WORDS} and the union hall`);

	// It reached the school.
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');
	await expect
		.poll(
			async () =>
				Plan.open(await readDoc(url, token, name)).plan.collections.transitions.get(transitionId)?.plan
		)
		.toBe(`${LAST_WORDS} and the union hall`);
});
