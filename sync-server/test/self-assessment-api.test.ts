/**
 * The self-assessment API on a real server and a real SQLite file: who may read, rate and manage the
 * team of which school (a school admin only their school, a district admin their district's schools),
 * past years kept, bad input refused with nothing stored, every read, save and refusal logged, and
 * the figures answered with small groups hidden.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { today } from '../../src/lib/plp/ids';
import {
	schoolYearOf,
	type AssessableSchool,
	type AssessmentView,
	type AttributeRating,
	type SchoolEvidence,
	type TeamView
} from '../../src/lib/contracts/self-assessment';
import { AccountStore } from '../src/auth/accounts';
import { AssessmentStore } from '../src/self-assessment/assessment-store';
import { api, signIn, startServer, type TestServer } from './helpers';
import { addSeededStudents, addTwoSchools, seededSchoolPlans } from './self-assessment-seed';

let server: TestServer;
const year = schoolYearOf(today());
const DEMO = 'demo-maple-ridge';

const rating = (attribute: string, level: string | null, notes = ''): AttributeRating =>
	({ attribute, level, notes, nextSteps: '' }) as AttributeRating;

const route = (school: string, y = year) => `/api/self-assessment/${school}/years/${y}`;

beforeEach(async () => {
	server = await startServer();
	await addTwoSchools(server.server.db);
});
afterEach(async () => {
	await server.close();
});

describe('the self-assessment API', () => {
	it('a school admin rates this year and last; next year shows the change beside last year', async () => {
		const admin = await signIn(server.url, 'admin');
		const first = await api(server.url, 'PUT', route(DEMO, year - 1), {
			token: admin,
			body: {
				ratings: [
					rating('relationships', 'initiating', 'Advisories run announcements.'),
					rating('agency', 'developing')
				]
			}
		});
		expect(first.status).toBe(200);
		const second = await api(server.url, 'PUT', route(DEMO), {
			token: admin,
			body: { ratings: [rating('relationships', 'developing'), rating('agency', 'developing')] }
		});
		expect(second.status).toBe(200);
		const view = await api<AssessmentView>(server.url, 'GET', route(DEMO), { token: admin });
		expect(view.status).toBe(200);
		expect(view.body.school).toEqual({ id: DEMO, name: 'Maple Ridge Demo School (fictional)' });
		expect(view.body.canEdit).toBe(true);
		expect(view.body.savedYears).toEqual([year, year - 1]);
		expect(view.body.assessment!.ratings.map((r) => [r.attribute, r.level])).toEqual([
			['relationships', 'developing'],
			['flexibility', null],
			['learner-profiles', null],
			['proficiency', null],
			['agency', 'developing']
		]);
		expect(view.body.assessment!.savedBy).toEqual({ id: 'demo-admin', name: 'Dana Whitfield' });
		expect(view.body.previous!.ratings[0]).toEqual(
			rating('relationships', 'initiating', 'Advisories run announcements.')
		);
		// Years before last stay as saved: they can be read, not changed.
		const closed = await api(server.url, 'PUT', route(DEMO, year - 2), {
			token: admin,
			body: { ratings: [rating('agency', 'performing')] }
		});
		expect(closed.status).toBe(409);
		expect((closed.body as { error: { code: string } }).error.code).toBe('year-closed');
	});

	it('staff rate only once an admin adds them to the team; students and families never', async () => {
		const admin = await signIn(server.url, 'admin');
		const rivera = await signIn(server.url, 'rivera');
		const body = { ratings: [rating('flexibility', 'performing')] };
		expect((await api(server.url, 'PUT', route(DEMO), { token: rivera, body })).status).toBe(403);
		expect((await api(server.url, 'GET', route(DEMO), { token: rivera })).status).toBe(403);

		const team = await api<TeamView>(server.url, 'GET', `/api/self-assessment/${DEMO}/team`, {
			token: admin
		});
		expect(team.body.candidates.map((c) => c.name).sort()).toEqual(['Lucia Rivera', 'Sam Chen']);
		const riveraId = team.body.candidates.find((c) => c.name === 'Lucia Rivera')!.userId;
		// Staff cannot add themselves.
		expect(
			(await api(server.url, 'PUT', `/api/self-assessment/${DEMO}/team/${riveraId}`, { token: rivera }))
				.status
		).toBe(403);
		const added = await api(server.url, 'PUT', `/api/self-assessment/${DEMO}/team/${riveraId}`, {
			token: admin
		});
		expect(added.body).toEqual({ isAdded: true });
		expect((await api(server.url, 'PUT', route(DEMO), { token: rivera, body })).status).toBe(200);
		const view = await api<AssessmentView>(server.url, 'GET', route(DEMO), { token: rivera });
		expect(view.body.canManageTeam).toBe(false);
		expect(view.body.assessment!.savedBy.name).toBe('Lucia Rivera');

		const removed = await api(server.url, 'DELETE', `/api/self-assessment/${DEMO}/team/${riveraId}`, {
			token: admin
		});
		expect(removed.body).toEqual({ isRemoved: true });
		expect((await api(server.url, 'PUT', route(DEMO), { token: rivera, body })).status).toBe(403);

		for (const username of ['amara', 'grace']) {
			const token = await signIn(server.url, username);
			expect((await api(server.url, 'GET', route(DEMO), { token })).status).toBe(403);
			expect((await api(server.url, 'GET', `/api/self-assessment/${DEMO}/evidence`, { token })).status).toBe(
				403
			);
		}
		// A person of another school cannot be put on this team.
		const far = new AccountStore(server.server.db).findByUsername('far-admin')!;
		const wrong = await api(server.url, 'PUT', `/api/self-assessment/${DEMO}/team/${far.id}`, {
			token: admin
		});
		expect(wrong.status).toBe(400);
	});

	it('a school admin sees only their school; a district admin every school of their district, read only', async () => {
		const birch = await signIn(server.url, 'birch-admin');
		const district = await signIn(server.url, 'district');
		const far = await signIn(server.url, 'far-admin');
		await api(server.url, 'PUT', route('birch'), {
			token: birch,
			body: { ratings: [rating('proficiency', 'initiating')] }
		});

		const birchList = await api<{ schools: AssessableSchool[] }>(
			server.url,
			'GET',
			'/api/self-assessment/schools',
			{ token: birch }
		);
		expect(birchList.body.schools).toEqual([{ id: 'birch', name: 'Birch Hill (fictional)', canEdit: true }]);
		expect((await api(server.url, 'GET', route(DEMO), { token: birch })).status).toBe(403);
		expect(
			(await api(server.url, 'GET', `/api/self-assessment/${DEMO}/evidence`, { token: birch })).status
		).toBe(403);

		const districtList = await api<{ schools: AssessableSchool[] }>(
			server.url,
			'GET',
			'/api/self-assessment/schools',
			{ token: district }
		);
		expect(districtList.body.schools).toEqual([
			{ id: DEMO, name: 'Maple Ridge Demo School (fictional)', canEdit: true },
			{ id: 'birch', name: 'Birch Hill (fictional)', canEdit: false }
		]);
		const birchView = await api<AssessmentView>(server.url, 'GET', route('birch'), { token: district });
		expect(birchView.status).toBe(200);
		expect(birchView.body.canEdit).toBe(false);
		expect(birchView.body.assessment!.ratings[3]!.level).toBe('initiating');
		expect(
			(await api(server.url, 'GET', `/api/self-assessment/birch/evidence`, { token: district })).status
		).toBe(200);
		expect(
			(
				await api(server.url, 'PUT', route('birch'), {
					token: district,
					body: { ratings: [rating('agency', 'performing')] }
				})
			).status
		).toBe(403);

		// Another district's school is out of reach, for reading and for its figures.
		expect((await api(server.url, 'GET', route('far'), { token: district })).status).toBe(403);
		expect(
			(await api(server.url, 'GET', '/api/self-assessment/far/evidence', { token: district })).status
		).toBe(403);
		const farList = await api<{ schools: AssessableSchool[] }>(
			server.url,
			'GET',
			'/api/self-assessment/schools',
			{ token: far }
		);
		expect(farList.body.schools.map((s) => s.id)).toEqual(['far']);
	});

	it('refuses bad input with a clear error and keeps what was saved', async () => {
		const admin = await signIn(server.url, 'admin');
		await api(server.url, 'PUT', route(DEMO), {
			token: admin,
			body: { ratings: [rating('agency', 'developing', 'Kept.')] }
		});
		for (const ratings of [
			[rating('agency', 'excellent')],
			[rating('kindness', 'developing')],
			[rating('agency', 'performing'), rating('agency', 'initiating')],
			[rating('agency', 'performing', 'x'.repeat(4001))]
		]) {
			const response = await api<{ error: { code: string; message: string } }>(
				server.url,
				'PUT',
				route(DEMO),
				{
					token: admin,
					body: { ratings }
				}
			);
			expect(response.status).toBe(400);
			expect(response.body.error.message.length).toBeGreaterThan(20);
		}
		const view = await api<AssessmentView>(server.url, 'GET', route(DEMO), { token: admin });
		expect(view.body.assessment!.ratings[4]).toEqual(rating('agency', 'developing', 'Kept.'));
	});

	it('logs reads, saves, team changes and refusals, append-only', async () => {
		const admin = await signIn(server.url, 'admin');
		const birch = await signIn(server.url, 'birch-admin');
		await api(server.url, 'PUT', route(DEMO), {
			token: admin,
			body: { ratings: [rating('agency', 'developing')] }
		});
		await api(server.url, 'GET', route(DEMO), { token: admin });
		await api(server.url, 'GET', route(DEMO), { token: birch });
		const log = new AssessmentStore(server.server.db).logOf(DEMO);
		expect(log.map((entry) => [entry.action, entry.userId, entry.detail])).toEqual([
			['denied', new AccountStore(server.server.db).findByUsername('birch-admin')!.id, 'canRead'],
			['read', 'demo-admin', null],
			['saved', 'demo-admin', 'agency=developing']
		]);
		expect(() => server.server.db.exec('DELETE FROM self_assessment_log')).toThrow(/append-only/);
	});

	it('answers the figures of the school plans, with groups under 10 never counted exactly', async () => {
		const admin = await signIn(server.url, 'admin');
		const small = await api<SchoolEvidence>(server.url, 'GET', `/api/self-assessment/${DEMO}/evidence`, {
			token: admin
		});
		expect(small.status).toBe(200);
		expect(JSON.stringify(small.body).match(/"students":\d/g)).toBeNull();

		// Twelve more students, with the seeded plans (started 2024-09-01; 11 revised 2026-10-01).
		addSeededStudents(server.server.db, DEMO, seededSchoolPlans(12));
		const big = await api<SchoolEvidence>(server.url, 'GET', `/api/self-assessment/${DEMO}/evidence`, {
			token: admin
		});
		const revised = big.body.series.find((one) => one.indicator === 'revised')!;
		const current = revised.years.find((y) => y.schoolYear === year)!;
		// The five demo plans are empty (no date): they count only in the year under way.
		expect(current.of).toEqual({ students: 17 });
		expect(revised.years.find((y) => y.schoolYear === year - 1)!.of).toEqual({ students: 12 });
		// 11 of 17: six have no revision, too few to tell, so the count is a bound and no share is given.
		expect(current.count).toEqual({ moreThan: 7 });
		expect(current.percent).toBeNull();
		const linked = big.body.series.find((one) => one.indicator === 'goals-linked')!;
		expect(linked.years.find((y) => y.schoolYear === year - 1)).toMatchObject({
			of: { students: 12 },
			count: { moreThan: 2 }
		});
	});
});
