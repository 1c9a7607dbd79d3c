import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { editPlan } from './pages/plan-content';
import { createStudent } from './pages/school-api';
import { apiToken, openPlan, signIn } from './pages/session';

/**
 * A voice from outside school, in real Chromium against `npm start`: a student makes a one-time
 * link for her employer; the employer, with no account, opens it on a phone-sized page, confirms
 * the piece of evidence, and the student's open plan shows who confirmed it and when. The link's
 * secret is in its fragment, leaves the address bar at once, and works only once.
 */

const EVIDENCE = 'Weekend shifts at the bakery';
const PHONE = { width: 360, height: 740 };

test('an employer confirms a piece of evidence from a phone, once, and the plan shows it', async ({
	device,
	newDevice,
	baseURL
}) => {
	const url = baseURL!;
	const run = Date.now().toString(36);
	const student = await createStudent(url, `voice.${run}`, 'Noor Haddad');
	await editPlan(
		url,
		await apiToken(url, student.username),
		student.planId,
		(plan) => plan.collections.evidence.add({ kind: 'journal', title: EVIDENCE, date: '2026-10-03' }),
		(plan) => plan.collections.evidence.list().some((item) => item.title === EVIDENCE)
	);

	// The student asks her employer, from her plan.
	const page = await signIn(device, student.username);
	await openPlan(page, student.displayName);
	const panel = page.getByRole('region', { name: 'Ask someone from outside school' });
	await panel.getByLabel('Their name').fill('Rosa Díaz');
	await panel.getByLabel('Who they are').selectOption({ label: 'Employer' });
	await panel.getByLabel('To confirm a piece of evidence').check();
	await expect(panel.getByLabel('Which piece of evidence')).toHaveValue(/.+/);
	await panel.getByRole('button', { name: 'Make a one-time link' }).click();
	const linkField = panel.getByTestId('voice-link');
	await expect(linkField).toHaveValue(/\/voice#[A-Za-z0-9_-]{43}$/);
	const link = await linkField.inputValue();
	await expect(
		panel.getByText(/Rosa Díaz \(employer\), to confirm “Weekend shifts at the bakery”: works until/)
	).toBeVisible();

	// The employer opens it on her phone: no account, nothing but this one question.
	const phone = await newDevice();
	const guest = phone.pages()[0] ?? (await phone.newPage());
	await guest.setViewportSize(PHONE);
	await guest.goto(link);
	await expect(guest.getByText('Hello, Rosa Díaz.')).toBeVisible();
	// The secret leaves the address bar (and the history) as soon as the page has read it.
	await expect(guest).toHaveURL(/\/voice$/);
	await expect(
		// The school's name as it stands (roster.spec.ts renames the demo school when run before).
		guest.getByText(/^Noor Haddad \(.+\) asks you, as their employer, to confirm/)
	).toBeVisible();
	await expect(guest.getByText(`${EVIDENCE}, October 3, 2026`)).toBeVisible();
	const axe = await new AxeBuilder({ page: guest })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(axe.violations.map((violation) => violation.id)).toEqual([]);
	// Readable on the phone: nothing wider than the screen.
	expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await expect(guest.locator('a[href*="/plan/"]')).toHaveCount(0); // no way into the plan
	const confirm = guest.getByRole('button', { name: 'Yes, I confirm this' });
	const box = await confirm.boundingBox();
	expect(box!.width).toBeGreaterThanOrEqual(44);
	expect(box!.height).toBeGreaterThanOrEqual(24);
	await confirm.click();
	await expect(guest.getByTestId('voice-done')).toHaveText(
		/Thank you. The plan now says that you confirmed this on/
	);

	// The student's plan, still open, shows who confirmed it and when; her list says the link is used.
	await expect(page.getByTestId('evidence-confirmations')).toHaveText(
		/Confirmed by Rosa Díaz, employer, on \w+ \d+, \d{4}/
	);
	await page.reload();
	await expect(
		page.getByText(/Rosa Díaz \(employer\), to confirm “Weekend shifts at the bakery”: used on/)
	).toBeVisible();

	// Once only: the same link again is refused, in words.
	const again = await phone.newPage();
	await again.setViewportSize(PHONE);
	await again.goto(link);
	await expect(again.getByRole('alert')).toHaveText('This link has been used already. Each link works once.');
	await expect(again.getByRole('button', { name: 'Yes, I confirm this' })).toHaveCount(0);
});
