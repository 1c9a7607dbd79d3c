import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { expect, test } from './fixtures';
import { apiToken, openPlan, signIn } from './pages/session';
import { encodeAuthToken } from '../../src/lib/plp/relay-auth';

/**
 * The relay in real Chromium against `npm start`: offline edits by a student and an advisor merge,
 * a guardian can write only the family part (even by hand-made messages), and an advisor whose
 * right is removed loses the plan at once.
 */

test('a student and an advisor edit offline, reconnect, and both see the merged plan', async ({
	newDevice
}) => {
	const student = await signIn(await newDevice(), 'carmen');
	const advisor = await signIn(await newDevice(), 'rivera');
	await openPlan(student, 'Carmen Diaz');
	await openPlan(advisor, 'Carmen Diaz');
	await expect(student.getByTestId('presence')).toContainText('Lucia Rivera');

	const strengthsOf = (page: typeof student) => page.getByLabel('My strengths, abilities and skills');
	await expect(strengthsOf(advisor)).toHaveValue('Carmen is curious and works well in a team.');

	await student.context().setOffline(true);
	await advisor.context().setOffline(true);
	await expect(student.getByTestId('sync-status')).toContainText('Offline');

	// The same field, different places: both edits survive, merged by character.
	const studentField = strengthsOf(student);
	await studentField.focus();
	await studentField.press('End');
	await studentField.pressSequentially(' I also draw well.');
	const advisorField = strengthsOf(advisor);
	await advisorField.focus();
	await advisorField.press('Home');
	await advisorField.pressSequentially('Kind to others. ');
	await advisor.getByLabel('What is hard for me').fill('Asking for help in big classes.');
	await expect(student.getByTestId('sync-status')).toContainText('waiting to be sent');

	await student.context().setOffline(false);
	await advisor.context().setOffline(false);

	const merged = 'Kind to others. Carmen is curious and works well in a team. I also draw well.';
	for (const page of [student, advisor]) {
		await expect(strengthsOf(page)).toHaveValue(merged, { timeout: 20_000 });
		await expect(page.getByLabel('What is hard for me')).toHaveValue('Asking for help in big classes.');
		await expect(page.getByTestId('sync-status')).toContainText('Synced with the school', {
			timeout: 20_000
		});
	}
});

test('a guardian adds a family reflection but can not change a goal, even by hand', async ({
	newDevice,
	baseURL
}) => {
	const guardian = await signIn(await newDevice(), 'grace');
	await openPlan(guardian, 'Amara Okoye');
	// The plan itself is read-only for a guardian; the family part is theirs.
	await expect(guardian.getByRole('button', { name: 'Add a goal' })).toHaveCount(0);
	await guardian.getByRole('button', { name: 'Add a family reflection' }).click();
	await guardian
		.getByLabel('Reflection', { exact: true })
		.fill('Amara talks about science at dinner every night.');
	await expect(guardian.getByTestId('sync-status')).toContainText('Synced with the school');

	// The advisor sees the reflection.
	const advisor = await signIn(await newDevice(), 'rivera');
	await openPlan(advisor, 'Amara Okoye');
	// The family part is the family's to write: the advisor reads it as text.
	await expect(advisor.getByRole('group', { name: 'Reflection', exact: true })).toHaveText(
		/Amara talks about science at dinner every night\./
	);

	const goals = advisor.getByRole('region', { name: 'Goals', exact: true }).getByRole('article');
	const goalsBefore = await goals.count();

	// A hand-made update adding a goal, sent with the guardian's own token: refused, not stored.
	const token = await apiToken(baseURL!, 'grace');
	const forged = new Y.Doc();
	forged.getArray('goals').push([new Y.Map([['id', 'forged-goal']])]);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forged));
	const reply = await guardian.evaluate(
		async ({ auth, bytes }) => {
			const socket = new WebSocket(`ws://${location.host}/sync/plan.demo-amara`);
			socket.binaryType = 'arraybuffer';
			return new Promise<string>((resolve) => {
				socket.onopen = () => {
					socket.send(new Uint8Array(auth)); // the token, as the first message
					socket.send(new Uint8Array(bytes));
				};
				socket.onmessage = (event) => {
					const data = new Uint8Array(event.data as ArrayBuffer);
					if (data[0] === 2) resolve(new TextDecoder().decode(data.slice(3))); // permission denied
				};
				setTimeout(() => resolve('no answer'), 5000);
			});
		},
		{ auth: Array.from(encodeAuthToken(token)), bytes: Array.from(encoding.toUint8Array(encoder)) }
	);
	expect(reply).toContain('read-only');
	await advisor.reload();
	await expect(advisor.getByTestId('sync-status')).toContainText('Synced with the school');
	await expect(goals).toHaveCount(goalsBefore);
});

test('an advisor whose right is removed loses the plan while it is open', async ({ newDevice, baseURL }) => {
	const advisor = await signIn(await newDevice(), 'chen');
	await openPlan(advisor, 'Eli Brooks');
	const adminToken = await apiToken(baseURL!, 'admin');
	const response = await fetch(`${baseURL}/api/caseloads`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ staffId: 'demo-chen', studentId: 'demo-eli' })
	});
	expect(response.status).toBe(200);
	await expect(advisor.getByTestId('sync-status')).toContainText('can no longer open this plan', {
		timeout: 5000
	});
});
