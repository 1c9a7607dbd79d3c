/**
 * A school that has not added its proficiencies: the plan's proficiency pickers and the growth page
 * say so (not "not on this device yet"), while a device that never heard the school's answer
 * still says the list is not on the device. The suite's demo school ships a small framework, so
 * this spec runs against its own server, whose demo school is seeded without one
 * (SEED_DEMO_FRAMEWORK=0).
 */
import { expect } from './fixtures';
import { testOnOwnServer } from './pages/own-server';
import { apiToken, openPlan, signIn } from './pages/session';

const test = testOnOwnServer({ SEED_DEMO_FRAMEWORK: '0' });

const SCHOOL_HAS_NONE = 'Your school has not added its proficiencies yet.';
const NOT_ON_DEVICE = 'The school’s list of proficiencies is not on this device yet.';

test('a school without proficiencies says so in the plan and on the growth page', async ({
	newDevice,
	baseURL
}) => {
	const answer = await fetch(`${baseURL}/api/proficiencies`, {
		headers: { authorization: `Bearer ${await apiToken(baseURL!, 'eli')}` }
	}).then((response) => response.json() as Promise<{ framework: unknown }>);
	expect(answer.framework, 'this demo school was seeded without a framework').toBeNull();

	const student = await signIn(await newDevice(), 'eli');
	await openPlan(student, 'Eli Brooks');
	const progress = student.getByRole('region', { name: 'Progress', exact: true });
	await expect(progress.getByTestId('no-proficiencies').first()).toHaveText(SCHOOL_HAS_NONE);
	await expect(student.getByText(NOT_ON_DEVICE, { exact: false })).toHaveCount(0);
	await student.getByRole('link', { name: 'See growth over time' }).click();
	await expect(student.getByTestId('no-proficiencies')).toHaveText(SCHOOL_HAS_NONE);
	await expect(student.getByTestId('growth-empty')).toBeVisible();
});

test('a device that never got the school’s answer says the list is not on it yet', async ({ newDevice }) => {
	const device = await newDevice();
	// The proficiency list never arrives on this device (as when it is offline from the start).
	await device.route('**/api/proficiencies', (route) => route.abort('internetdisconnected'));
	const student = await signIn(device, 'eli');
	await openPlan(student, 'Eli Brooks');
	const progress = student.getByRole('region', { name: 'Progress', exact: true });
	await expect(progress.getByTestId('no-proficiencies').first()).toContainText(NOT_ON_DEVICE);
	await expect(student.getByText(SCHOOL_HAS_NONE)).toHaveCount(0);
});
