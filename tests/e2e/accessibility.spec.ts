import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, test } from './fixtures';
import {
	createGuardian,
	createStaff,
	createStudent,
	setAccountLanguage,
	uploadFramework,
	type NewStudent
} from './pages/school-api';
import { signIn } from './pages/session';

/**
 * axe-core on every screen, for every role, in light and dark, in each language (one of them
 * right-to-left), plus reflow at 320 CSS pixels and reduced motion. Zero violations of WCAG 2.0,
 * 2.1 and 2.2 A/AA. See docs/decisions/0030-accessibility.md for what axe cannot check.
 *
 * The screens are reached by address and by element ids, never by their words, so the same walk
 * works in every language. Content is written once, in English, before the walks.
 */
const LANGUAGES = ['en', 'ar', 'es'] as const;
const RTL_LANGUAGES: readonly string[] = ['ar'];
const COLOR_SCHEMES = ['light', 'dark'] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

/** One line per problem and per element, with axe's own explanation: readable in a test report. */
function describeViolations(violations: Violations): string {
	return violations
		.map((violation) =>
			[
				`${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}`,
				...violation.nodes.map(
					(node) =>
						`    at ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replaceAll('\n', '\n      ')}`
				)
			].join('\n')
		)
		.join('\n');
}

/** Runs axe in both colour schemes; soft, so one run lists every screen's problems at once. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
	for (const colorScheme of COLOR_SCHEMES) {
		await page.emulateMedia({ colorScheme });
		const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
		expect.soft(describeViolations(results.violations), `axe: ${screen}, ${colorScheme}`).toBe('');
	}
	await page.emulateMedia({ colorScheme: null });
}

/** At 320 CSS pixels (a small phone, or 400% zoom) the page reflows: nothing scrolls sideways. */
async function expectReflowAt320(page: Page, screen: string): Promise<void> {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 320, height: 720 });
	// Wider than the window: the widest elements that stick out, to say what to fix.
	const overflow = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return '';
		return [...document.querySelectorAll('body *')]
			.filter((element) => element.getBoundingClientRect().right > width + 1)
			.slice(0, 8)
			.map(
				(element) =>
					`${element.tagName.toLowerCase()}.${element.className} → ${element.getBoundingClientRect().right}px`
			)
			.join('\n');
	});
	expect.soft(overflow, `320 px: ${screen} scrolls sideways`).toBe('');
	if (size) await page.setViewportSize(size);
}

/** Waits until a screen has its heading (and, on a plan, the school's copy and its late parts). */
async function waitForScreen(
	page: Page,
	path: string,
	options: { isPlan?: boolean; hasTools?: boolean } = {}
) {
	await page.goto(path);
	await expect(page.locator('main h1')).toBeVisible();
	if (options.isPlan) await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
	if (options.hasTools) await expect(page.locator('.evidence-attach')).toBeVisible();
}

/** Opens a plan by its address and waits until it is in step with the school. */
async function openPlanById(page: Page, planId: string): Promise<void> {
	await page.goto(`/plan/${planId}`);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
}

/** Signs in through the sign-in page by its field ids, so it works in every language. */
async function signInAs(device: BrowserContext, username: string, language: string): Promise<Page> {
	// The account's language wins at sign-in: make it the one this walk is in.
	await setAccountLanguage(test.info().project.use.baseURL!, username, language);
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/signin');
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(DEMO_PASSWORD);
	await page.locator('#password').press('Enter');
	await expect(page).not.toHaveURL(/\/signin/);
	// A student or guardian lands in their plan; their plan list is still a screen to check.
	if (/\/plan\//.test(page.url())) await page.goto('/');
	await expect(page.locator('[data-testid="caseload"], .plan-list').first()).toBeVisible();
	await expect(page).toHaveURL(/\/$/);
	return page;
}

async function inLanguage(device: BrowserContext, language: string): Promise<void> {
	await device.addInitScript((lang) => localStorage.setItem('pathways.language', lang), language);
}

async function expectLanguage(page: Page, language: string): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', language);
	await expect(page.locator('html')).toHaveAttribute('dir', RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr');
}

let student: NewStudent;
let revisionPath = '';
// Unique per worker: a worker that restarts after a failure sets up a fresh student.
const run = Date.now().toString(36);
const guardianUsername = `a11y.family.${run}`;
// Own staff accounts: signing in keeps the screen's language on the account, and the demo advisor
// and admin must stay in English for the other specs.
const advisorUsername = `a11y.advisor.${run}`;
const adminUsername = `a11y.admin.${run}`;

/** A plan filled in, revised, and in a live PLP meeting, written in English before the walks. */
test.beforeAll(async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const baseURL = testInfo.project.use.baseURL!;
	const devices: BrowserContext[] = [];
	const newDevice = async () => {
		devices.push(await browser.newContext({ baseURL }));
		return devices[devices.length - 1]!;
	};
	await uploadFramework(baseURL);
	const advisorId = await createStaff(baseURL, advisorUsername, 'Omar Farouk', 'staff');
	await createStaff(baseURL, adminUsername, 'Hana Ito', 'admin');
	student = await createStudent(baseURL, `a11y.student.${run}`, 'Noor Haddad', ['demo-rivera', advisorId]);
	await createGuardian(baseURL, student, guardianUsername, 'Layla Haddad');
	const own = await signIn(await newDevice(), student.username);
	await openPlanById(own, student.planId);
	await own.getByLabel('My strengths, abilities and skills').fill('I am patient and I like to build things.');
	const goals = own.getByRole('region', { name: 'Goals', exact: true });
	await goals.getByRole('button', { name: 'Add a goal' }).click();
	await goals.getByRole('article').last().getByLabel('Goal', { exact: true }).fill('Build a small robot');
	const progress = own.getByRole('region', { name: 'Progress', exact: true });
	await progress.getByRole('button', { name: 'Add a progress check' }).click();
	const check = progress.getByRole('article').last();
	await check.getByLabel('Date').fill('2026-10-01');
	// Not SCI-1: the roster spec counts SCI-1 levels across the school.
	await check.getByLabel('Proficiency or skill').selectOption('ELA-2');
	await check.getByLabel('Level').selectOption({ label: '2 · Developing' });
	await expect(own.getByTestId('sync-status')).toContainText('Synced with the school');

	const family = await signIn(await newDevice(), guardianUsername);
	await openPlanById(family, student.planId);
	await family.getByRole('button', { name: 'Add a family reflection' }).click();
	const familyPart = family.getByRole('region', { name: 'From the family' });
	await familyPart
		.getByLabel('Reflection', { exact: true })
		.last()
		.fill('Noor talks about robots at dinner.');
	await expect(family.getByTestId('sync-status')).toContainText('Synced with the school');

	const advisor = await signIn(await newDevice(), advisorUsername);
	await openPlanById(advisor, student.planId);
	await advisor.getByRole('button', { name: 'Start a PLP meeting' }).click();
	await advisor.getByRole('button', { name: 'End the meeting' }).click();
	await advisor.getByRole('dialog').getByLabel('What changed').fill('A first goal and a first check');
	await advisor.getByRole('dialog').getByLabel('Why').fill('Start of the year');
	await advisor.getByRole('dialog').getByRole('button', { name: 'Save the revision' }).click();
	const seeChanges = advisor.getByRole('link', { name: 'See what changed' }).last();
	revisionPath = (await seeChanges.getAttribute('href')) ?? '';
	expect(revisionPath).toMatch(/\/revision\//);
	// A meeting stays open for the walks below: the conference panel is a screen of its own.
	await advisor.getByRole('button', { name: 'Start a PLP meeting' }).click();
	await expect(advisor.getByTestId('conference')).toBeVisible();
	await expect(advisor.getByTestId('sync-status')).toContainText('Synced with the school');
	for (const device of devices) await device.close();
});

for (const language of LANGUAGES) {
	test.describe(`in ${language}`, () => {
		// Each walk runs axe on several screens twice (light and dark): more than a usual test.
		test.describe.configure({ timeout: 120_000 });

		test('signed out: start, sign-in, join and a plan kept on this device', async ({ newDevice }) => {
			const device = await newDevice();
			await inLanguage(device, language);
			const page = device.pages()[0] ?? (await device.newPage());
			for (const path of ['/', '/signin', '/join']) {
				await waitForScreen(page, path);
				await expectLanguage(page, language);
				await expectAccessible(page, path);
				await expectReflowAt320(page, path);
			}
			await page.goto('/');
			await page.locator('#student-name').fill('Sam Park');
			await page.locator('#student-name').press('Enter');
			await expect(page).toHaveURL(/\/plan\/[0-9a-f]{32}$/);
			await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
			await expectAccessible(page, 'plan on this device');
			await expectReflowAt320(page, 'plan on this device');
		});

		test('student: plan list, plan in a meeting, growth', async ({ newDevice }) => {
			const device = await newDevice();
			await inLanguage(device, language);
			const page = await signInAs(device, student.username, language);
			await expectLanguage(page, language);
			await expectAccessible(page, 'student plan list');
			await expectReflowAt320(page, 'student plan list');
			await waitForScreen(page, `/plan/${student.planId}`, { isPlan: true, hasTools: true });
			await expect(page.getByTestId('conference')).toBeVisible();
			await expectAccessible(page, 'student plan');
			await expectReflowAt320(page, 'student plan');
			await waitForScreen(page, `/plan/${student.planId}/growth`, { isPlan: true });
			await expect(page.getByTestId('growth-chart').locator('canvas')).toBeVisible();
			await expectAccessible(page, 'student growth');
			await expectReflowAt320(page, 'student growth');
		});

		test('advisor: caseload, a student’s plan, the meeting’s revision form, growth, the diff view', async ({
			newDevice
		}) => {
			const device = await newDevice();
			await inLanguage(device, language);
			const page = await signInAs(device, advisorUsername, language);
			await expectLanguage(page, language);
			await expectAccessible(page, 'advisor caseload');
			await waitForScreen(page, `/plan/${student.planId}`, { isPlan: true, hasTools: true });
			const conference = page.getByTestId('conference');
			await expect(conference).toBeVisible();
			await expectAccessible(page, 'advisor plan in a meeting');
			// "End the meeting", the panel's one button, opens the revision form.
			await conference.getByRole('button').click();
			await expect(page.getByRole('dialog')).toBeVisible();
			await expectAccessible(page, 'revision form');
			await page.keyboard.press('Escape');
			await expect(page.getByRole('dialog')).toHaveCount(0);
			await waitForScreen(page, `/plan/${student.planId}/growth`, { isPlan: true });
			await expectAccessible(page, 'advisor plan growth');
			await waitForScreen(page, '/growth');
			await expect(page.getByTestId('caseload-glance')).toBeVisible();
			await expectAccessible(page, 'advisor growth at a glance');
			await waitForScreen(page, revisionPath);
			await expect(page.getByTestId('diff').getByRole('article').first()).toBeVisible();
			await expectAccessible(page, 'diff view');
			await expectReflowAt320(page, 'diff view');
		});

		test('guardian: the plan with the family part', async ({ newDevice }) => {
			const device = await newDevice();
			await inLanguage(device, language);
			const page = await signInAs(device, guardianUsername, language);
			await expectLanguage(page, language);
			await expectAccessible(page, 'guardian plan list');
			await expectReflowAt320(page, 'guardian plan list');
			await waitForScreen(page, `/plan/${student.planId}`, { isPlan: true });
			await expect(page.locator('#family-heading')).toBeVisible();
			await expectAccessible(page, 'guardian plan');
			await expectReflowAt320(page, 'guardian plan');
		});

		test('admin: school template, roster, proficiencies, backups, school growth', async ({ newDevice }) => {
			const device = await newDevice();
			await inLanguage(device, language);
			const page = await signInAs(device, adminUsername, language);
			await expectLanguage(page, language);
			await expectAccessible(page, 'admin plan list');
			for (const path of ['/school', '/admin/roster', '/admin/proficiencies', '/admin/backups']) {
				await waitForScreen(page, path);
				await expectAccessible(page, path);
			}
			await waitForScreen(page, '/growth');
			// Counting the whole school can take a while on a busy machine.
			await expect(page.getByTestId('bar-chart').first()).toBeVisible({ timeout: 30_000 });
			await expectAccessible(page, 'admin growth at a glance');
		});
	});
}

test('with reduced motion nothing moves: no transitions, animations or smooth scrolling', async ({
	newDevice
}) => {
	const page = (await newDevice()).pages()[0]!;
	const motion = () =>
		page.evaluate(() => {
			const moving = [...document.querySelectorAll('*')].filter((element) => {
				const style = getComputedStyle(element);
				const seconds = (value: string) => value.split(',').some((part) => parseFloat(part) > 0);
				return seconds(style.transitionDuration) || seconds(style.animationDuration);
			});
			return {
				scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
				moving: moving.map((element) => element.tagName.toLowerCase()),
				animations: document.getAnimations().length
			};
		});
	await page.goto('/');
	await page.locator('#student-name').fill('Motion Test');
	await page.locator('#student-name').press('Enter');
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
	// Without the preference, the table of contents scrolls smoothly…
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	expect((await motion()).scrollBehavior).toBe('smooth');
	// …and with it, it jumps, and nothing else moves either.
	await page.emulateMedia({ reducedMotion: 'reduce' });
	expect(await motion()).toEqual({ scrollBehavior: 'auto', moving: [], animations: 0 });
});
