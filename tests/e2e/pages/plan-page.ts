import { expect } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

/** The plan editor, as a person uses it: by headings, labels and buttons. */
export class PlanPage {
	constructor(readonly page: Page) {}

	static async create(page: Page, studentName: string): Promise<PlanPage> {
		await page.goto('/');
		await page.getByLabel('Student’s name').fill(studentName);
		await page.getByRole('button', { name: 'Create plan' }).click();
		await expect(page).toHaveURL(/\/plan\/[0-9a-f]{32}$/);
		const plan = new PlanPage(page);
		await expect(plan.saveStatus).toContainText('Saved on this device');
		return plan;
	}

	get saveStatus(): Locator {
		return this.page.getByTestId('save-status');
	}

	get planId(): string {
		return new URL(this.page.url()).pathname.split('/').pop() ?? '';
	}

	section(name: string): Locator {
		return this.page.getByRole('region', { name, exact: true });
	}

	/** Adds a record with a section's add button and returns the new record's card. */
	async addRecord(sectionName: string, buttonName: string): Promise<Locator> {
		const section = this.section(sectionName);
		const before = await section.getByRole('article').count();
		await section.getByRole('button', { name: buttonName }).click();
		const card = section.getByRole('article').nth(before);
		await expect(card).toBeVisible();
		return card;
	}

	async waitUntilSaved(): Promise<void> {
		await expect(this.saveStatus).toContainText(/Saved on this device · \d/);
	}
}
