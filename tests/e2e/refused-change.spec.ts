/**
 * A device holding a change the school refuses for good (an edit of a recorded revision, 4409,
 * docs/decisions/0084-a-refused-change-kept-as-a-copy.md) is not stuck: the plan says what
 * happened and offers to keep a copy of this device's version and load the school's. The copy
 * has every word this device had, the words written offline too; the plan then is the school's
 * and syncs again. The device gets its bad change as an old app would have written it: straight
 * into the plan's store on the device (y-indexeddb), made from the school's own copy.
 */
import * as Y from 'yjs';
import { Plan } from '../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../../src/lib/plp/revisions';
import { recordRevision } from '../../src/lib/plp/revisions';
import { expect, test } from './fixtures';
import { editPlan } from './pages/plan-content';
import { createStudent, readDoc } from './pages/school-api';
import { apiToken, signIn } from './pages/session';

const run = Date.now().toString(36);
const OFFLINE_WORDS = 'Words I wrote on the bus';

test('a device holding a refused change keeps a copy and loads the school’s plan', async ({
	newDevice,
	baseURL
}) => {
	const student = await createStudent(baseURL!, `refused.${run}`, 'Rosa Almeida');
	const token = await apiToken(baseURL!, student.username);
	await editPlan(
		baseURL!,
		token,
		student.planId,
		(plan) => {
			plan.goals.add({ title: 'Read one book a month' });
			recordRevision(plan, { whatChanged: 'A first goal', why: 'Start of the year' });
		},
		(plan) => plan.collections.revisions.list().length === 1
	);

	const device = await newDevice();
	const page = await signIn(device, student.username);
	await page.goto(`/plan/${student.planId}`);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');

	// The app is installed on the device (so it opens offline).
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	// Offline, the student writes a goal: words the school does not have yet.
	await device.setOffline(true);
	const goals = page.getByRole('region', { name: 'Goals', exact: true });
	await goals.getByRole('button', { name: 'Add a goal' }).click();
	await goals.getByRole('article').last().getByLabel('Goal', { exact: true }).fill(OFFLINE_WORDS);
	await expect(page.getByTestId('save-status')).toContainText('Saved on this device');

	// An old app on this device rewrites the recorded revision's reason.
	const school = await readDoc(baseURL!, token, `plan.${student.planId}`);
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(school));
	const before = Y.encodeStateVector(doc);
	const { plan } = Plan.open(doc);
	const revisionId = plan.collections.revisions.ids()[0]!;
	plan.collections.revisions.text(revisionId, 'why').insert(0, 'Rewritten: ');
	const badChange = Array.from(Y.encodeStateAsUpdate(doc, before));
	await page.evaluate(
		async ([name, bytes]) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name as string);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('updates', 'readwrite');
				tx.objectStore('updates').add(new Uint8Array(bytes as number[]));
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		[`plan.${student.planId}`, badChange] as const
	);

	// The plan opens again with the change (still offline, so the goal alone is never sent);
	// back online, the school refuses the change, and with it the goal in the same answer.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Rosa Almeida', level: 1 })).toBeVisible();
	await device.setOffline(false);
	const refused = page.getByTestId('refused-change');
	await expect(refused).toBeVisible({ timeout: 20_000 });
	await expect(refused.getByRole('heading', { level: 2 })).toHaveText(
		'This device holds a change the school will not take'
	);
	await expect(refused.getByRole('alert')).toContainText('A recorded revision cannot be changed');

	// From the keyboard: the button, then Enter.
	const keep = refused.getByRole('button', { name: 'Keep a copy and load the school’s plan' });
	await keep.focus();
	await page.keyboard.press('Enter');
	const kept = page.getByTestId('copy-kept');
	await expect(kept).toContainText('this device’s version');
	await expect(page.getByTestId('refused-change')).toHaveCount(0);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
	// The plan is the school's: the first goal, not the words the school never took.
	await expect(goals.getByRole('article')).toHaveCount(1);
	await expect(goals.getByRole('article').first().getByLabel('Goal', { exact: true })).toHaveValue(
		'Read one book a month'
	);
	const stored = Plan.open(await readDoc(baseURL!, token, `plan.${student.planId}`)).plan;
	expect(stored.collections.revisions.get(revisionId)?.why).toBe('Start of the year');

	// The copy, on this device only, has every word this device had.
	await kept.getByRole('link', { name: 'Open the copy' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Rosa Almeida — this device’s version, /);
	const copyGoals = page.getByRole('region', { name: 'Goals', exact: true });
	await expect(copyGoals.getByRole('article')).toHaveCount(2);
	await expect(copyGoals.getByRole('article').last().getByLabel('Goal', { exact: true })).toHaveValue(
		OFFLINE_WORDS
	);
	await expect(page.getByTestId('sync-status')).toContainText('Only on this device');
	await page.getByRole('link', { name: 'All plans' }).click();
	await expect(page.getByRole('link', { name: /Rosa Almeida — this device’s version/ })).toBeVisible();
});
