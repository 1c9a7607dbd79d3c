import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { apiToken, openPlan, signIn } from './pages/session';

/**
 * Evidence files in real Chromium against `npm start`: a student attaches a PDF and records a
 * sound clip with no network, the files wait on the device, go up when the device is back online,
 * an advisor on another device opens both, and a guardian of another student can not fetch them.
 */

// Chromium's fake microphone (a beep) instead of a real one, and no permission prompt.
test.use({
	launchOptions: async ({ launchOptions }, use) => {
		await use({
			...launchOptions,
			args: [
				...(launchOptions.args ?? []),
				'--use-fake-device-for-media-stream',
				'--use-fake-ui-for-media-stream'
			]
		});
	}
});

const pdf = Buffer.concat([
	Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
	Buffer.alloc(300_000, 'evidence ')
]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a PDF and a recording made offline reach the school and an advisor opens both', async ({
	newDevice,
	baseURL
}) => {
	const studentDevice = await newDevice();
	await studentDevice.grantPermissions(['microphone'], { origin: baseURL });
	const student = await signIn(studentDevice, 'ben');
	await openPlan(student, 'Ben Larsen');
	// Offline work starts once the app is installed on the device (its service worker is ready).
	await student.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});

	await studentDevice.setOffline(true);
	await expect(student.getByTestId('sync-status')).toContainText('Offline');
	await student.getByLabel('Add a file').setInputFiles({
		name: 'my-essay.pdf',
		mimeType: 'application/pdf',
		buffer: pdf
	});
	const previews = student.getByTestId('evidence-preview');
	await expect(previews).toHaveCount(1);
	await expect(student.getByRole('link', { name: 'Open the file: my-essay.pdf' })).toBeVisible();

	await student.getByRole('button', { name: 'Record sound' }).click();
	await expect(student.getByText(/Recording… [1-9]/)).toBeVisible();
	await student.getByRole('button', { name: 'Stop and keep the recording' }).click();
	await expect(previews).toHaveCount(2);
	await expect(student.locator('[data-testid="evidence-preview"] audio')).toHaveCount(1);

	// Both wait on the device while there is no network.
	const queue = student.getByTestId('upload-queue');
	await expect(queue.getByRole('listitem')).toHaveCount(2);
	await expect(queue).toContainText('Waiting to send');

	await studentDevice.setOffline(false);
	await expect(queue).toContainText('All files have reached the school.', { timeout: 30_000 });
	await expect(student.getByTestId('sync-status')).toContainText('Synced with the school');
	await expect(student.getByTestId('evidence-storage')).toContainText('already at the school');
	const hashes = await previews.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-hash') ?? ''));
	expect(hashes).toContain(sha256(pdf));
	const recordingHash = hashes.find((hash) => hash !== sha256(pdf))!;

	// On paper: the plan without buttons or status bars.
	await student.emulateMedia({ media: 'print' });
	await expect(student.getByRole('heading', { name: 'Ben Larsen', level: 1 })).toBeVisible();
	await expect(student.getByRole('button', { name: 'Print this plan' })).toBeHidden();
	await expect(student.getByTestId('sync-status')).toBeHidden();
	await student.emulateMedia({ media: 'screen' });

	// The archive the student downloads holds both files, byte for byte, and a page to read them.
	const downloading = student.waitForEvent('download');
	await student.getByRole('button', { name: 'Download everything (.zip)' }).click();
	const archive = unzipSync(readFileSync(await (await downloading).path()));
	expect(Buffer.from(archive[`evidence/${sha256(pdf)}.pdf`]!).equals(pdf)).toBe(true);
	expect(archive[`evidence/${recordingHash}.webm`]).toBeDefined();
	expect(new TextDecoder().decode(archive['index.html'])).toContain(
		`<audio controls src="evidence/${recordingHash}.webm">`
	);

	// The advisor, on another device, opens both from the school.
	const advisor = await signIn(await newDevice(), 'rivera');
	// By its address: import.spec.ts may have made a second student of the same name in this caseload.
	await advisor.locator('a[href="/plan/demo-ben"]').click();
	await expect(advisor.getByTestId('sync-status')).toContainText('Synced with the school');
	await expect(advisor.getByRole('link', { name: 'Open the file: my-essay.pdf' })).toBeVisible();
	const audio = advisor.locator('[data-testid="evidence-preview"] audio');
	await expect(audio).toHaveCount(1);
	await expect
		.poll(() => audio.evaluate((el: HTMLAudioElement) => el.readyState >= HTMLMediaElement.HAVE_METADATA))
		.toBe(true);
	const advisorBytes = await advisor.evaluate(async (hash) => {
		const link = document.querySelector<HTMLAnchorElement>(`[data-hash="${hash}"] a`)!;
		return [...new Uint8Array(await (await fetch(link.href)).arrayBuffer())];
	}, sha256(pdf));
	expect(Buffer.from(advisorBytes).equals(pdf)).toBe(true);

	// Grace is Amara's guardian, not Ben's: the files' addresses give her nothing.
	const grace = await apiToken(baseURL!, 'grace');
	for (const hash of [sha256(pdf), recordingHash]) {
		const asGrace = await fetch(`${baseURL}/api/blobs/${hash}`, {
			headers: { authorization: `Bearer ${grace}` }
		});
		expect(asGrace.status).toBe(404);
		expect((await fetch(`${baseURL}/api/blobs/${hash}`)).status).toBe(401);
	}
	const asAdvisor = await fetch(`${baseURL}/api/blobs/${recordingHash}`, {
		headers: { authorization: `Bearer ${await apiToken(baseURL!, 'rivera')}` }
	});
	expect(asAdvisor.status).toBe(200);
	expect(asAdvisor.headers.get('content-type')).toBe('audio/webm');
});

test('an admin sees the last backup, makes one now and downloads the whole school', async ({ newDevice }) => {
	const admin = await signIn(await newDevice(), 'admin');
	await admin.getByRole('link', { name: 'Backups' }).click();
	await expect(admin.getByRole('heading', { name: 'Backups' })).toBeVisible();
	await expect(admin.getByText('Every day at 02:30 (UTC). The last 14 backups are kept.')).toBeVisible();
	await admin.getByRole('button', { name: 'Back up now' }).click();
	await expect(admin.getByTestId('backup-status')).toContainText('It worked.');

	const downloading = admin.waitForEvent('download');
	await admin.getByRole('button', { name: 'Download every plan of the school (.zip)' }).click();
	const school = unzipSync(readFileSync(await (await downloading).path()));
	const index = JSON.parse(new TextDecoder().decode(school['school.json'])) as {
		plans: { planId: string }[];
	};
	expect(index.plans.map((plan) => plan.planId)).toContain('demo-ben');
	expect(school['plans/demo-ben.zip']).toBeDefined();
});
