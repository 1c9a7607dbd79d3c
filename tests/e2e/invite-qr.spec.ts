import jsQR from 'jsqr';
import { expect, test } from './fixtures';
import { createStudent } from './pages/school-api';
import { openPlan, signIn } from './pages/session';

/**
 * Families on phones (issue #14, part 8): the invite letter carries a QR code of the join address
 * and the short code to type. The test reads the code the way a phone's camera would, from the
 * pixels on the screen, with a decoder of its own (jsQR), not from the app's data.
 */
const run = Date.now().toString(36);

test('the invite letter’s QR code decodes to the join address, which opens the join page with the code', async ({
	device,
	newDevice,
	baseURL
}) => {
	const student = await createStudent(baseURL!, `qr.student.${run}`, 'Noa Peretz');
	const advisor = await signIn(device, 'rivera');
	await openPlan(advisor, student.displayName);
	const invite = advisor.getByRole('region', { name: 'Invite the family' });
	await invite.getByLabel('The family’s language').selectOption('es');
	await invite.getByRole('button', { name: 'Make an invite code' }).click();
	const letter = invite.locator('article[lang="es"]');
	await expect(letter).toBeVisible();
	const address = (await letter.locator('.address').innerText()).trim();
	const code = (await letter.locator('.code').innerText()).trim();
	expect(code).toMatch(/^[A-Z0-9]{4}(?:-[A-Z0-9]{4})+$/);
	expect(address).toBe(`${baseURL}/join#code=${code}&lang=es`);

	// The QR code as the screen shows it, turned into pixels the decoder reads.
	const qr = letter.getByRole('img', { name: 'Código QR de la dirección para unirse' });
	await expect(qr).toBeVisible();
	const png = await qr.screenshot();
	const pixels = await advisor.evaluate(async (base64) => {
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const context = canvas.getContext('2d')!;
		context.drawImage(bitmap, 0, 0);
		const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
		return { width: image.width, height: image.height, data: Array.from(image.data) };
	}, png.toString('base64'));
	const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
	expect(decoded?.data).toBe(address);

	// A phone that scans it lands on the join page in Spanish, the code already filled in.
	const phone = await newDevice();
	const page = phone.pages()[0] ?? (await phone.newPage());
	await page.goto(decoded!.data);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.locator('#code')).toHaveValue(code);
});
