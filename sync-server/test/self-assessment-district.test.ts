/**
 * The district view on a real server: a district admin sees every school of their district side by
 * side (levels, change, figures with small groups hidden) and names or removes district admins; a
 * school admin, staff and a district admin of another district cannot; changes are recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { today } from '../../src/lib/plp/ids';
import { schoolYearOf, type DistrictView } from '../../src/lib/contracts/self-assessment';
import { DistrictAdmins } from '../src/self-assessment/district-admins';
import { api, signIn, startServer, type TestServer } from './helpers';
import { addTwoSchools } from './self-assessment-seed';

let server: TestServer;
const year = schoolYearOf(today());
let birchAdminId = '';

beforeEach(async () => {
	server = await startServer();
	birchAdminId = (await addTwoSchools(server.server.db)).birchAdminId;
});
afterEach(async () => {
	await server.close();
});

const rate = (attribute: string, level: string) => ({ attribute, level, notes: '', nextSteps: '' });

describe('the district view', () => {
	it('lists each school of the district side by side with its levels, change and figures', async () => {
		const admin = await signIn(server.url, 'admin');
		const birch = await signIn(server.url, 'birch-admin');
		await api(server.url, 'PUT', `/api/self-assessment/demo-maple-ridge/years/${year - 1}`, {
			token: admin,
			body: { ratings: [rate('agency', 'initiating')] }
		});
		await api(server.url, 'PUT', `/api/self-assessment/demo-maple-ridge/years/${year}`, {
			token: admin,
			body: { ratings: [rate('agency', 'developing')] }
		});
		await api(server.url, 'PUT', `/api/self-assessment/birch/years/${year}`, {
			token: birch,
			body: { ratings: [rate('flexibility', 'performing')] }
		});
		const district = await signIn(server.url, 'district');
		const view = await api<DistrictView>(server.url, 'GET', '/api/district', { token: district });
		expect(view.status).toBe(200);
		expect(view.body.district).toEqual({
			id: 'demo-district',
			name: 'Maple Ridge Demo District (fictional)'
		});
		expect(view.body.schoolYear).toBe(year);
		expect(view.body.schools.map((school) => school.name)).toEqual([
			'Birch Hill (fictional)',
			'Maple Ridge Demo School (fictional)'
		]);
		const [birchColumn, maple] = view.body.schools;
		expect(birchColumn!.levels.flexibility).toBe('performing');
		expect(birchColumn!.levels.agency).toBeNull();
		expect(maple!.levels.agency).toBe('developing');
		expect(maple!.previousLevels.agency).toBe('initiating');
		expect(maple!.figures.map((one) => one.indicator)).toEqual([
			'revised',
			'family-reflection',
			'goals-linked',
			'recent-progress',
			'family-meeting'
		]);
		// Five demo students, none at Birch Hill: no exact count anywhere.
		expect(JSON.stringify(view.body.schools).match(/"students":\d/g)).toBeNull();
		expect(view.body.admins.map((person) => person.name)).toEqual(['Robin Okafor']);
		expect(view.body.candidates.map((person) => person.name)).toEqual(['Bo Admin', 'Dana Whitfield']);
	});

	it('only a district admin sees it, and only their own district', async () => {
		for (const username of ['admin', 'birch-admin', 'rivera', 'grace']) {
			const token = await signIn(server.url, username);
			expect((await api(server.url, 'GET', '/api/district', { token })).status).toBe(403);
		}
		const far = await signIn(server.url, 'far-admin');
		const farView = await api<DistrictView>(server.url, 'GET', '/api/district', { token: far });
		expect(farView.body.schools.map((school) => school.id)).toEqual(['far']);
		expect(
			(await api(server.url, 'PUT', `/api/district/admins/${birchAdminId}`, { token: far })).status
		).toBe(400);
	});

	it('names and removes district admins on the server, recorded; the removed one loses the view at once', async () => {
		const district = await signIn(server.url, 'district');
		const named = await api(server.url, 'PUT', `/api/district/admins/${birchAdminId}`, { token: district });
		expect(named.body).toEqual({ isNamed: true });
		const birch = await signIn(server.url, 'birch-admin');
		const birchView = await api<DistrictView>(server.url, 'GET', '/api/district', { token: birch });
		expect(birchView.status).toBe(200);
		// Named, Bo reads the other school's self-assessment too.
		expect(
			(await api(server.url, 'GET', `/api/self-assessment/demo-maple-ridge/years/${year}`, { token: birch }))
				.status
		).toBe(200);
		// Nobody removes themselves: the district always keeps someone.
		const self = await api(server.url, 'DELETE', '/api/district/admins/demo-district-admin', {
			token: district
		});
		expect(self.status).toBe(409);
		const removed = await api(server.url, 'DELETE', `/api/district/admins/${birchAdminId}`, {
			token: district
		});
		expect(removed.body).toEqual({ isRemoved: true });
		expect((await api(server.url, 'GET', '/api/district', { token: birch })).status).toBe(403);
		expect(
			(await api(server.url, 'GET', `/api/self-assessment/demo-maple-ridge/years/${year}`, { token: birch }))
				.status
		).toBe(403);
		// A staff member cannot be named.
		expect(
			(await api(server.url, 'PUT', '/api/district/admins/demo-rivera', { token: district })).status
		).toBe(400);
		expect(new DistrictAdmins(server.server.db).changes('demo-district')).toEqual([
			{ userId: 'demo-district-admin', targetId: birchAdminId, action: 'removed' },
			{ userId: 'demo-district-admin', targetId: birchAdminId, action: 'named' }
		]);
	});
});
