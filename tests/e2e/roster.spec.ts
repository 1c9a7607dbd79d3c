/**
 * School data in real Chromium: an admin checks and imports a OneRoster export on the roster
 * screen, gives the new advisor a first password, and the advisor then sees their new caseload;
 * an admin uploads a proficiency framework, a student records progress against a proficiency
 * offline, and after sync their advisor's growth chart shows it.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, expect, test } from './fixtures';
import { apiToken, openPlan, signIn } from './pages/session';

const FIXTURE = path.join(
	import.meta.dirname,
	'..',
	'..',
	'sync-server',
	'test',
	'fixtures',
	'oneroster',
	'harbor-view'
);
const FILES = ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv'].map((name) =>
	path.join(FIXTURE, name)
);

test('an admin imports a roster and the new advisor sees their caseload', async ({ newDevice }) => {
	const adminDevice = await newDevice();
	const admin = await signIn(adminDevice, 'admin');
	await admin.getByRole('link', { name: 'Import the roster' }).click();
	await expect(admin.getByRole('heading', { name: 'Import the school roster' })).toBeVisible();

	await admin.getByLabel('Files', { exact: true }).setInputFiles(FILES);
	await admin.getByLabel('School ID in orgs.csv').fill('org-hv');
	// "Import" waits for "Check the files" on these very files.
	const importButton = admin.getByRole('button', { name: 'Import', exact: true });
	await expect(importButton).toBeDisabled();
	await admin.getByRole('button', { name: 'Check the files' }).click();
	const report = admin.getByTestId('roster-report');
	await expect(report.getByRole('heading', { name: 'Checked. Nothing has changed yet.' })).toBeVisible();
	await expect(report.getByTestId('roster-counts').getByRole('row', { name: /Students/ })).toContainText('4');
	await expect(report.getByTestId('roster-changes')).toContainText('Maya Lopez: new (Advisor)');
	// The admin's school takes its org from orgs.csv: the check shows how the school changes.
	await expect(
		report.getByTestId('roster-schools').getByRole('row', { name: /Harbor View High \(fictional\)/ })
	).toContainText('Changed: roster id → org-hv');
	await expect(admin.getByTestId('without-password')).toHaveCount(0);

	// Renaming and re-identifying the admin's own school waits for their explicit yes, by name.
	await expect(importButton).toBeDisabled();
	const confirmations = admin.getByTestId('roster-confirmations');
	await confirmations
		.getByLabel('Rename the school “Maple Ridge Demo School (fictional)” to “Harbor View High (fictional)”')
		.check();
	await expect(importButton).toBeDisabled();
	await confirmations.getByLabel(/the roster ID org-hv \(now: none\)/).check();
	await expect(importButton).toBeEnabled();
	// Choosing other files forgets the check: Import waits for a new one (what is imported is always
	// exactly what was checked: the page sends the checked files, with the check's token).
	await admin.getByLabel('Files', { exact: true }).setInputFiles(FILES.slice(0, 2));
	await expect(importButton).toBeDisabled();
	await expect(report).toHaveCount(0);
	await admin.getByLabel('Files', { exact: true }).setInputFiles(FILES);
	await expect(importButton).toBeDisabled();
	await admin.getByRole('button', { name: 'Check the files' }).click();
	await confirmations
		.getByLabel('Rename the school “Maple Ridge Demo School (fictional)” to “Harbor View High (fictional)”')
		.check();
	await confirmations.getByLabel(/the roster ID org-hv \(now: none\)/).check();
	await importButton.click();
	await expect(report.getByRole('heading', { name: 'Imported. These changes were made.' })).toBeVisible();
	await expect(report).toHaveAttribute('data-applied', 'true');
	await admin.getByLabel(/First password for Maya Lopez/).fill(DEMO_PASSWORD);
	await admin
		.getByRole('listitem')
		.filter({ hasText: 'Maya Lopez' })
		.getByRole('button', { name: 'Set password' })
		.click();
	await expect(admin.getByText('Password set for Maya Lopez.')).toBeVisible();
	await expect(admin.getByTestId('without-password')).not.toContainText('Maya Lopez');

	// The same files again: nothing to change.
	await admin.getByRole('button', { name: 'Check the files' }).click();
	await expect(report.getByText('Nothing to change: the roster is up to date.')).toBeVisible();

	const advisor = await signIn(await newDevice(), 'maya.lopez');
	await expect(advisor.getByRole('link', { name: 'Abe Turner' })).toBeVisible();
	await expect(advisor.getByRole('link', { name: 'Bea Ortiz' })).toBeVisible();
	await expect(advisor.getByRole('link', { name: 'Cy Walker' })).toHaveCount(0);
});

const FRAMEWORK_DIR = path.join(FIXTURE, '..', '..', 'proficiencies');

/** The roster of the first test, through the API (importing again changes nothing), with first passwords. */
async function importRosterByApi(baseURL: string, usernames: string[]): Promise<void> {
	const token = await apiToken(baseURL, 'admin');
	const call = async (method: string, route: string, body?: unknown) => {
		const response = await fetch(baseURL + route, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		return (await response.json()) as Record<string, unknown>;
	};
	const files = Object.fromEntries(FILES.map((file) => [path.basename(file), readFileSync(file, 'utf8')]));
	const body = { format: 'oneroster', files, schoolSourcedId: 'org-hv' };
	// An import comes after a check of the same files, with the confirmations the check asked for.
	const check = (await call('POST', '/api/roster/import', { ...body, dryRun: true })) as {
		checkToken: string;
		confirmations: { code: string }[];
	};
	const report = await call('POST', '/api/roster/import', {
		...body,
		dryRun: false,
		checkToken: check.checkToken,
		confirmed: check.confirmations.map((confirmation) => confirmation.code)
	});
	expect(report.isApplied).toBe(true);
	const { people } = (await call('GET', '/api/roster/without-password')) as {
		people: { userId: string; username: string }[];
	};
	for (const person of people.filter((p) => usernames.includes(p.username))) {
		await call('POST', '/api/roster/first-password', { userId: person.userId, password: DEMO_PASSWORD });
	}
}

test('a student records progress on a proficiency offline; the advisor sees the growth chart change', async ({
	newDevice,
	baseURL
}) => {
	// Four devices, an offline round trip and two charts: about a minute on an idle machine.
	test.setTimeout(150_000);
	await importRosterByApi(baseURL!, ['maya.lopez', 'abe.turner']);

	const admin = await signIn(await newDevice(), 'admin');
	await admin.getByRole('link', { name: 'Proficiencies' }).click();
	await admin
		.getByLabel('Files', { exact: true })
		.setInputFiles(['proficiencies.csv', 'scales.csv'].map((name) => path.join(FRAMEWORK_DIR, name)));
	await admin.getByRole('button', { name: 'Check the files' }).click();
	const report = admin.getByTestId('framework-report');
	await expect(report).toContainText('Checked. Nothing is saved yet.');
	await expect(report).toContainText(
		'2 graduation requirements, 1 transferable skills, 6 performance indicators'
	);
	await admin.getByRole('button', { name: 'Save as a new version' }).click();
	await expect(report).toContainText(/Saved as version \d+\.|This is the same as version/);
	await expect(admin.getByTestId('framework-list')).toContainText(
		'SCI-1 · Design and carry out an investigation'
	);

	const advisor = await signIn(await newDevice(), 'maya.lopez');
	await openPlan(advisor, 'Abe Turner');
	await advisor.getByRole('link', { name: 'See growth over time' }).click();
	await expect(advisor.getByTestId('growth-empty')).toBeVisible();

	const student = await signIn(await newDevice(), 'abe.turner');
	await openPlan(student, 'Abe Turner');
	// The service worker has the app cached before the network goes.
	await student.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await student.context().setOffline(true);
	// Reloaded with no network: the app, the plan and the school's proficiencies all come from the device.
	await student.reload();
	await expect(student.getByRole('heading', { level: 1, name: 'Abe Turner' })).toBeVisible();
	// Not in step with the school. (Chromium 156's offline emulation leaves navigator.onLine true in a
	// page reloaded offline, so the app says "Connecting to the school…" there rather than "Offline".)
	await expect(student.getByTestId('sync-status')).toHaveAttribute('data-state', /^(offline|connecting)$/);
	const progress = student.getByRole('region', { name: 'Progress' });
	await progress.getByRole('button', { name: 'Add a progress check' }).click();
	const entry = progress.getByRole('article').last();
	await entry.getByLabel('Date').fill('2026-11-20');
	await entry.getByLabel('Proficiency or skill').selectOption('SCI-1');
	await entry.getByLabel('Kind of assessment').selectOption('benchmark');
	await expect(entry.getByLabel('Proficiency or skill')).toContainText(
		'SCI-1 · Design and carry out an investigation'
	);
	await entry.getByLabel('Level').selectOption({ label: '3 · Proficient' });
	// A goal that works toward two proficiencies, and a pathway with dates, also written offline.
	const goals = student.getByRole('region', { name: 'Goals', exact: true });
	await goals.getByRole('button', { name: 'Add a goal' }).click();
	const goal = goals.getByRole('article').last();
	await goal.getByLabel('Goal', { exact: true }).fill('Present my river study');
	const links = goal.getByRole('group', { name: 'Proficiencies and skills' });
	await links.getByRole('checkbox', { name: /SCI-1 · Design and carry out an investigation/ }).check();
	// The group works from the keyboard: Tab to the next box and tick it with the space bar.
	await links.getByRole('checkbox', { name: /SCI-1/ }).focus();
	await student.keyboard.press('Tab');
	await expect(links.getByRole('checkbox', { name: /ELA-2/ })).toBeFocused();
	await student.keyboard.press('Tab');
	await expect(links.getByRole('checkbox', { name: /TS-COM/ })).toBeFocused();
	await student.keyboard.press('Space');
	await expect(links.getByRole('checkbox', { name: /TS-COM/ })).toBeChecked();
	const pathwaysSection = student.getByRole('region', { name: 'Flexible pathways', exact: true });
	await pathwaysSection.getByRole('button', { name: 'Add a pathway' }).click();
	const pathway = pathwaysSection.getByRole('article').last();
	await pathway.getByLabel('Kind').selectOption('work-based');
	await pathway.getByLabel('Status').selectOption('active');
	await pathway.getByLabel('Start date').fill('2026-09-01');
	await pathway.getByLabel('End date').fill('2027-01-15');
	await expect(student.getByTestId('sync-status')).toContainText('waiting to be sent');
	await student.context().setOffline(false);
	await expect(student.getByTestId('sync-status')).toContainText('Synced with the school', {
		timeout: 20_000
	});

	// The advisor's growth screen follows the plan live: the chart and its table now show the check.
	const chart = advisor.getByTestId('growth-chart');
	await expect(chart).toHaveAttribute('data-proficiency', 'SCI-1', { timeout: 20_000 });
	await expect(chart).toHaveAttribute('data-points', '1');
	await expect(chart.locator('canvas')).toBeVisible();
	await expect(chart.getByRole('table')).toContainText('3 · Proficient');
	await expect(chart.getByRole('table')).toContainText('November 20, 2026');
	// The goal shows under both of its proficiencies; the pathway is a bar on the timeline and a table row.
	const byProficiency = advisor.getByTestId('goals-by-proficiency');
	await expect(byProficiency.getByRole('row', { name: /SCI-1/ })).toContainText('Present my river study');
	await expect(byProficiency.getByRole('row', { name: /TS-COM/ })).toContainText('Present my river study');
	await expect(advisor.getByTestId('pathway-chart')).toHaveAttribute('data-bars', '1');
	await expect(advisor.getByTestId('pathway-chart').locator('canvas')).toBeVisible();
	await expect(advisor.getByTestId('pathway-table')).toContainText('January 15, 2027');

	// At a glance: the advisor's caseload shows Abe's last change; the admin's counts show his level.
	await advisor.goto('/growth');
	const abe = advisor.getByTestId('caseload-glance').getByRole('row', { name: /Abe Turner/ });
	await expect(abe).toBeVisible();
	await expect(abe.getByRole('cell').nth(1)).not.toHaveText('never');
	await admin.goto('/growth');
	await expect(admin.getByTestId('levels-by-grade').getByRole('row', { name: /SCI-1/ })).toContainText('3');
	// Each count is a chart with a table beside it.
	await expect(admin.locator('[data-chart="revised"] canvas')).toBeVisible();
	await expect(admin.locator('[data-chart="pathways"] canvas')).toBeVisible();
	await expect(admin.locator('[data-chart="levels-SCI-1"] canvas')).toBeVisible();
	await expect(admin.getByTestId('revised-table')).toBeVisible();
	await expect(admin.getByRole('table', { name: 'Students in each kind of pathway' })).toContainText(
		'Work-based learning'
	);
	// Each name in the caseload table leads to that student's growth screen.
	await expect(advisor.getByRole('link', { name: 'Abe Turner' })).toBeVisible();
});

test('an admin uploads a CASE 1.0 package, then its next version shows what changed', async ({
	newDevice
}) => {
	const caseDir = path.join(import.meta.dirname, '..', '..', 'sync-server', 'test', 'fixtures', 'case');
	const admin = await signIn(await newDevice(), 'admin');
	await admin.getByRole('link', { name: 'Proficiencies' }).click();
	await admin.getByLabel(/CASE 1\.0 package/).check();
	const files = admin.getByLabel('Files', { exact: true });
	const report = admin.getByTestId('framework-report');
	await files.setInputFiles(path.join(caseDir, 'graduate-profile-v1.json'));
	await admin.getByRole('button', { name: 'Check the files' }).click();
	await expect(report).toContainText(
		'1 graduation requirements, 1 transferable skills, 5 performance indicators'
	);
	await admin.getByRole('button', { name: 'Save as a new version' }).click();
	await expect(report).toContainText(/Saved as version \d+\./);
	// People read the standard's own code, not its CASE identifier.
	await expect(admin.getByTestId('framework-list')).toContainText('SCI · Scientific investigation');

	await files.setInputFiles(path.join(caseDir, 'graduate-profile-v2.json'));
	await admin.getByRole('button', { name: 'Check the files' }).click();
	const changes = admin.getByTestId('framework-changes');
	await expect(changes.getByRole('row')).toHaveCount(4);
	await expect(changes.getByRole('row', { name: /COM\.2/ })).toContainText('reworded');
	await expect(changes.getByRole('row', { name: /SCI-A\.3/ })).toContainText('added');
	await expect(changes.getByRole('row', { name: /COM\.3/ })).toContainText('removed');
	// Associations other than parent and child are kept; what is not used is listed, each with why.
	await expect(report).toContainText('3 links between standards kept (besides parent and child)');
	const notUsed = report.getByTestId('framework-not-used');
	await expect(notUsed.getByRole('row')).toHaveCount(4);
	await expect(notUsed).toContainText('CFAssociations[11] (isPartOf) is about the CFDocument as a whole');
	await expect(notUsed).toContainText('CFRubrics[0].CFRubricCriteria[2] is for the indicator SCI-A.1');
	await admin.getByRole('button', { name: 'Save as a new version' }).click();
	await expect(report).toContainText(/Saved as version \d+\./);
	await expect(admin.getByTestId('framework-list')).toContainText('SCI-A · Scientific investigation');
	const links = admin.getByTestId('framework-links');
	await expect(links.getByRole('listitem')).toHaveText([
		'COM.2 is related to SCI-A.3 · Communicates findings and their limits',
		'SCI-A is the same as State standard HS-SCI-1 (fictional) (https://standards.example.org/ims/case/v1p0/CFItems/5e1f0000-0000-4000-8000-000000000001)',
		'SCI-A.1 comes before SCI-A.2 · Analyses data and explains what it shows'
	]);
});

test('progress on a skill’s indicators is rolled up to the skill on the growth screen', async ({
	newDevice
}) => {
	// The framework in use is the CASE package's second version (the test above): COM has COM.1 and COM.2.
	const advisor = await signIn(await newDevice(), 'maya.lopez');
	await openPlan(advisor, 'Abe Turner');
	const progress = advisor.getByRole('region', { name: 'Progress' });
	const record = async (indicator: string, date: string, level: string) => {
		await progress.getByRole('button', { name: 'Add a progress check' }).click();
		const entry = progress.getByRole('article').last();
		await entry.getByLabel('Date').fill(date);
		await entry.getByLabel('Proficiency or skill').selectOption({ label: indicator });
		await entry.getByLabel('Level').selectOption({ label: level });
	};
	await record(
		'COM.1 · Adapts spoken and written language to the audience and purpose (indicator of COM)',
		'2026-10-01',
		'4 · Distinguished'
	);
	await record(
		'COM.2 · Listens actively, asks questions and builds on the ideas of others (indicator of COM)',
		'2026-10-15',
		'2 · Developing'
	);
	await expect(advisor.getByTestId('sync-status')).toContainText('Synced with the school', {
		timeout: 20_000
	});

	await advisor.getByRole('link', { name: 'See growth over time' }).click();
	const rollup = advisor.getByTestId('rollup-chart');
	await expect(rollup).toHaveAttribute('data-proficiency', '0f6a1c00-0000-4000-8000-000000000101');
	await expect(rollup.locator('canvas')).toBeVisible();
	const table = rollup.getByTestId('rollup-table');
	// The skill's own row: the lower middle of its indicators' latest levels 4 and 2, in words.
	await expect(table.getByTestId('rollup-row')).toHaveText(
		/COM · Clear and effective communication, rolled up \(median of 2 of 2 indicators\)\s*2 · Developing\s*October 15, 2026/
	);
	await expect(table.getByRole('row', { name: /COM\.1/ })).toContainText('4 · Distinguished');
	await expect(table.getByRole('row', { name: /COM\.2/ })).toContainText('2 · Developing');
	// Over time: COM.1 alone on October 1, then both.
	const history = rollup.getByTestId('rollup-history');
	await expect(history.getByRole('row')).toHaveCount(3);
	await expect(history.getByRole('row', { name: /October 1, 2026/ })).toContainText('4 · Distinguished');
	await expect(history.getByRole('row', { name: /October 15, 2026/ })).toContainText('2 of 2');
	// Each indicator keeps its own chart and table.
	const skill = advisor.locator(
		'[data-testid="proficiency-growth"][data-proficiency="0f6a1c00-0000-4000-8000-000000000101"]'
	);
	await expect(skill.getByTestId('growth-chart')).toHaveCount(2);
	const axe = await new AxeBuilder({ page: advisor })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.length}`)).toEqual([]);
});
