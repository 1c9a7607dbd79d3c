import { strToU8, unzipSync, zipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import type { ArchiveManifest } from '../../src/lib/plp/archive';
import { expect, test } from './fixtures';
import { callApi, createStudent, readDoc } from './pages/school-api';
import { apiToken, signIn } from './pages/session';
import { Plan } from '../../src/lib/plp/plan';

/**
 * "Bring in a plan from another school" in real Chromium against `npm start`: an advisor picks the
 * student's new, pre-filled plan and the archive the old school sent, sees what it holds before
 * anything is sent, watches it go up, and finds the old school's work in the plan; then the errors
 * a person meets — a wrong file, one too large, someone who may not bring a plan in.
 */

async function exportArchive(
	baseURL: string,
	planId: string
): Promise<{ bytes: Buffer; manifest: ArchiveManifest }> {
	const token = await apiToken(baseURL, 'rivera');
	const response = await fetch(`${baseURL}/api/plans/${planId}/export`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(response.status).toBe(200);
	const bytes = Buffer.from(await response.arrayBuffer());
	const manifest = JSON.parse(
		new TextDecoder().decode(unzipSync(bytes)['pathways-plan.json'])
	) as ArchiveManifest;
	return { bytes, manifest };
}

/** The first of Rivera's demo plans that has goals in it (the demo students are at different stages). */
async function archiveWithGoals(baseURL: string) {
	const token = await apiToken(baseURL, 'rivera');
	const plans = await callApi<{ plans: { planId: string }[] }>(baseURL, token, 'GET', '/api/plans');
	for (const { planId } of plans.json.plans.filter((plan) => plan.planId.startsWith('demo-'))) {
		const archive = await exportArchive(baseURL, planId);
		if (archive.manifest.plan.goals.length > 0) return archive;
	}
	throw new Error('no demo plan with goals');
}

test('an advisor brings a plan from another school into the student’s new plan, seeing it first', async ({
	device,
	baseURL
}) => {
	const url = baseURL!;
	// The old school's archive: a demo student's plan with goals written in it.
	const { bytes, manifest } = await archiveWithGoals(url);
	const goals = manifest.plan.goals.map((goal) => goal.title);
	// At the new school an admin made her account, so her plan is pre-filled and in Rivera's caseload.
	const run = Date.now().toString(36);
	const newPlan = await createStudent(url, `moved.amara.${run}`, manifest.plan.info.studentName);

	const page = await signIn(device, 'rivera');
	await page.getByRole('link', { name: 'Bring in a plan from another school' }).click();
	await expect(page.getByRole('heading', { name: 'Bring in a plan from another school' })).toBeVisible();
	await page.getByLabel('Whose plan does it go into?').selectOption(newPlan.planId);
	await page.getByLabel('The archive (.zip)').setInputFiles({
		name: 'pathways-plan-demo-amara.zip',
		mimeType: 'application/zip',
		buffer: bytes
	});

	// What the archive holds, before anything is sent.
	const holds = page.getByRole('region', { name: 'What the archive holds' });
	await expect(holds.getByTestId('archive-student')).toHaveText(manifest.plan.info.studentName);
	await expect(holds.getByRole('row', { name: /^Goals/ })).toContainText(String(goals.length));
	await expect(holds.getByRole('row', { name: /^Reflections/ })).toContainText(
		String(manifest.plan.reflections.length)
	);
	await expect(holds.getByRole('row', { name: /^Family part/ })).toContainText('0');
	await expect(holds).toContainText('Nothing in the plan is removed.');
	await expect(holds.getByRole('alert')).toHaveCount(0);

	// A slow school connection: the upload shows how far it has got.
	const cdp = await device.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: Math.max(4096, Math.floor(bytes.length / 4))
	});
	// The throttle does not always hold (a request the service worker passes on is not the page's),
	// so the page itself notes every moment the progress was on the screen, however short.
	await page.evaluate(() => {
		const seen = ((window as unknown as { progressSeen: string[] }).progressSeen = [] as string[]);
		new MutationObserver(() => {
			const bar = document.querySelector('progress, [role="progressbar"]');
			const status = [...document.querySelectorAll('[role="status"]')].find((el) =>
				/Sending the archive: \d+%/.test(el.textContent ?? '')
			);
			if (bar && status) seen.push(status.textContent ?? '');
		}).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
	});
	await page.getByRole('button', { name: 'Bring in the plan' }).click();
	await expect(page.getByText('The plan is in. Everything from the archive was added')).toBeVisible({
		timeout: 30_000
	});
	const progressSeen = await page.evaluate(
		() => (window as unknown as { progressSeen: string[] }).progressSeen
	);
	expect(progressSeen.length, 'the progress bar and "Sending the archive: n%" were shown').toBeGreaterThan(0);
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});

	// Every goal of the archive is in the new plan, as the relay stored it.
	const token = await apiToken(url, 'rivera');
	const stored = Plan.open(await readDoc(url, token, `plan.${newPlan.planId}`)).plan;
	expect(
		stored.goals
			.list()
			.map((goal) => goal.title)
			.sort()
	).toEqual([...goals].sort());
	expect(stored.collections.revisions.list().map((r) => r.whatChanged)).toContain(
		'Plan brought in from another school'
	);
	await page.getByRole('link', { name: 'Open the plan' }).click();
	await expect(page).toHaveURL(new RegExp(`/plan/${newPlan.planId}`));
	await expect(page.getByText(goals[0]!).first()).toBeVisible();

	// The same archive again changes nothing, and says so.
	await page.goto('/import');
	await page.getByLabel('Whose plan does it go into?').selectOption(newPlan.planId);
	await page.getByLabel('The archive (.zip)').setInputFiles({
		name: 'pathways-plan-demo-amara.zip',
		mimeType: 'application/zip',
		buffer: bytes
	});
	await page.getByRole('button', { name: 'Bring in the plan' }).click();
	await expect(
		page.getByText('This plan already had everything in this archive. Nothing changed.')
	).toBeVisible();
});

test('the import screen says clearly what is wrong: another student, a wrong file, too large, not permitted', async ({
	device,
	baseURL,
	newDevice
}) => {
	const url = baseURL!;
	const { bytes } = await exportArchive(url, 'demo-amara');
	const run = Date.now().toString(36);
	const tom = await createStudent(url, `tom.hill.${run}`, 'Tom Hill');
	const page = await signIn(device, 'rivera');
	await page.goto('/import');
	const file = page.getByLabel('The archive (.zip)');
	const apply = page.getByRole('button', { name: 'Bring in the plan' });

	// Another student's archive: a warning, and nothing is sent until the advisor says it is the same student.
	await page.getByLabel('Whose plan does it go into?').selectOption(tom.planId);
	await file.setInputFiles({ name: 'amara.zip', mimeType: 'application/zip', buffer: bytes });
	await expect(page.getByRole('alert')).toContainText('but you chose the plan of Tom Hill');
	await expect(apply).toBeDisabled();
	await page.getByLabel('Yes, this is the same student').check();
	await expect(apply).toBeEnabled();

	// A roster file instead of an archive.
	await file.setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('role,id\nstudent,S1')
	});
	await expect(page.getByRole('alert')).toHaveText(/This file is not a Pathways plan archive/);
	await expect(apply).toHaveCount(0);

	// An archive larger than this server takes (4 MB in the test server): said before it is sent.
	const big = zipSync(
		{
			'pathways-plan.json': strToU8(
				JSON.stringify({ format: 'pathways-plan', formatVersion: 1, plan: { info: {} }, evidence: [] })
			),
			'evidence/big.bin': new Uint8Array(randomBytes(5 * 1024 * 1024))
		},
		{ level: 0 }
	);
	await file.setInputFiles({ name: 'big.zip', mimeType: 'application/zip', buffer: Buffer.from(big) });
	await expect(page.getByRole('alert')).toHaveText(/This archive is too large for this server/);
	await expect(apply).toHaveCount(0);

	// A guardian may not bring a plan into any plan.
	const family = await newDevice();
	const guardian = await signIn(family, 'grace');
	await guardian.goto('/import');
	await expect(guardian.getByText('There is no plan here that you may bring a plan into.')).toBeVisible();
	await expect(guardian.getByLabel('The archive (.zip)')).toHaveCount(0);
});
