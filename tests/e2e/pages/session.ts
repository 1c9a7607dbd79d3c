import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect } from '../fixtures';

/** Signs in through the app's own sign-in page and waits for the person's plan list. */
export async function signIn(device: BrowserContext, username: string): Promise<Page> {
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/signin');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/signin/);
	// A student or guardian with one plan lands in it (landing.spec.ts); the list is one link away.
	if (/\/plan\//.test(page.url())) await page.getByRole('link', { name: 'All plans' }).click();
	await expect(page.getByRole('heading', { name: 'Your plans at school' })).toBeVisible();
	return page;
}

/**
 * Opens a plan from the list (unless signing in already landed in it) and waits until it is in
 * step with the school.
 */
export async function openPlan(page: Page, studentName: string): Promise<void> {
	await expect(page).not.toHaveURL(/\/signin/);
	if (/\/plan\//.test(page.url()))
		await expect(page.getByRole('heading', { name: studentName, level: 1 })).toBeVisible();
	else await page.getByRole('link', { name: studentName }).click();
	await expect(page.getByTestId('sync-status')).toContainText('Synced with the school');
}

/** Signs in through the API (for a test's own requests, as a person's device would). */
export async function apiToken(baseURL: string, username: string): Promise<string> {
	const response = await fetch(`${baseURL}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: DEMO_PASSWORD })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { token: string }).token;
}
