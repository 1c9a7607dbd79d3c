import { expect, test } from './fixtures';
import { apiToken, openPlan, signIn } from './pages/session';

/**
 * Languages: the picker switches every screen in place (right-to-left for Arabic), the choice
 * follows the person to another device, and a family invite is written and opened in the family's
 * language whatever language the advisor uses.
 */
test('the picker switches the screen in place, Arabic right to left, and the choice survives a reload', async ({
	device
}) => {
	const page = device.pages()[0] ?? (await device.newPage());
	await page.goto('/signin');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.getByLabel('Language').selectOption('es');
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Sign in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	const spanishHeading = await page.getByRole('heading', { level: 1 }).innerText();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(spanishHeading);

	await page.getByRole('combobox').first().selectOption('ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	// Laid out right to left: the brand sits at the right edge of the header.
	const brand = await page.locator('.brand').boundingBox();
	const viewport = page.viewportSize();
	expect(brand && viewport && brand.x > viewport.width / 2).toBe(true);

	await page.getByRole('combobox').first().selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('a person’s language follows them to another device', async ({ newDevice, baseURL }) => {
	const token = await apiToken(baseURL!, 'eli');
	try {
		const phone = await newDevice();
		const page = await signIn(phone, 'eli');
		await page.getByLabel('Language').selectOption('ne');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
		await expect
			.poll(async () => {
				const me = await fetch(`${baseURL}/api/me`, { headers: { authorization: `Bearer ${token}` } });
				return ((await me.json()) as { user: { language: string | null } }).user.language;
			})
			.toBe('ne');

		// A school Chromebook that has never seen Eli: English until he signs in, then Nepali.
		const chromebook = await newDevice();
		const other = chromebook.pages()[0] ?? (await chromebook.newPage());
		await other.goto('/signin');
		await expect(other.locator('html')).toHaveAttribute('lang', 'en');
		await other.getByLabel('Username').fill('eli');
		await other.getByLabel('Password').fill('maple-ridge-demo');
		await other.getByRole('button', { name: 'Sign in' }).click();
		await expect(other.locator('html')).toHaveAttribute('lang', 'ne');
		// A student with one plan lands in it.
		await expect(other.getByRole('heading', { name: 'Eli Brooks', level: 1 })).toBeVisible();
		await expect(other.getByRole('heading', { name: 'Your plans at school' })).toHaveCount(0);
	} finally {
		// Other specs sign in as Eli and read English.
		await fetch(`${baseURL}/api/me/language`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ language: 'en' })
		});
	}
});

test('an advisor working in English makes an invite letter in Nepali; the family joins in Nepali', async ({
	newDevice
}) => {
	const advisor = await signIn(await newDevice(), 'rivera');
	await openPlan(advisor, 'Carmen');
	const invite = advisor.getByRole('region', { name: 'Invite the family' });
	await invite.getByLabel('The family’s language').selectOption('ne');
	await invite.getByRole('button', { name: 'Make an invite code' }).click();

	const letter = invite.locator('article[lang="ne"]');
	await expect(letter).toBeVisible();
	// The letter is in Nepali (Devanagari), the advisor's screen stays English.
	await expect(letter.getByRole('heading')).toHaveText(/[\u0900-\u097F]/);
	await expect(advisor.locator('html')).toHaveAttribute('lang', 'en');
	const address = (await letter.locator('.address').innerText()).trim();
	const code = (await letter.locator('.code').innerText()).trim();
	expect(address).toContain(`code=${code}`);
	expect(address).toContain('lang=ne');

	// The family's phone opens the address from the letter.
	const phone = await newDevice();
	const page = phone.pages()[0] ?? (await phone.newPage());
	await page.goto(address);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
	await expect(page.locator('#code')).toHaveValue(code);
	await page.locator('#display-name').fill('Rosa Diaz');
	await page.locator('#new-username').fill('rosa.diaz');
	await page.locator('#new-password').fill('a long family password');
	await page.locator('form button[type="submit"]').click();
	// The family lands in Carmen's plan, which opens in Nepali; what people wrote stays as they wrote it.
	await expect(page.getByRole('heading', { name: /Carmen/, level: 1 })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
	await expect(page.locator('#main h2').first()).toHaveText(/[\u0900-\u097F]/);
});
