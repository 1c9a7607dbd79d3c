/**
 * A generated 10,000-student district export (plus 400 advisors and 10,000 guardians) through the
 * API: every student gets an account, a plan and an advisor; importing it again changes nothing;
 * an export where 25 students moved up a grade updates exactly those 25. Times are printed by
 * bench/roster.ts, never asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRoster } from './roster-api';
import { signIn, startServer, type TestServer } from './helpers';
import { generateDistrict } from './roster-district';

const STUDENTS = 10_000;
let server: TestServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server.url, 'admin');
});
afterAll(async () => {
	await server.close();
});

const importDistrict = (files: Record<string, string>) =>
	postRoster(server.url, admin, { format: 'oneroster', files, dryRun: false });

const count = (sql: string) => (server.server.db.prepare(sql).get() as { n: number }).n;

describe('a 10,000-student district file', () => {
	it(
		'imports, re-imports without a change, and applies a 25-student change',
		{ timeout: 120_000 },
		async () => {
			const first = await importDistrict(generateDistrict({ students: STUDENTS }));
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({
				isApplied: true,
				problems: [],
				counts: {
					student: { created: STUDENTS },
					staff: { created: STUDENTS / 25 },
					guardian: { created: STUDENTS }
				},
				caseloads: { added: STUDENTS },
				guardianLinks: { added: STUDENTS }
			});
			expect(count('SELECT count(*) AS n FROM students s JOIN roster_links r ON r.user_id = s.user_id')).toBe(
				STUDENTS
			);
			expect(
				count("SELECT count(DISTINCT doc) AS n FROM doc_updates WHERE doc LIKE 'plan.%'")
			).toBeGreaterThanOrEqual(STUDENTS);

			const again = await importDistrict(generateDistrict({ students: STUDENTS }));
			expect(again.body).toMatchObject({
				isApplied: true,
				changes: [],
				counts: { student: { created: 0, updated: 0, deactivated: 0, unchanged: STUDENTS } },
				caseloads: { added: 0, removed: 0 },
				guardianLinks: { added: 0, removed: 0 }
			});

			const moved = await importDistrict(
				generateDistrict({ students: STUDENTS, gradeOf: (i) => (i < 25 ? 12 : 9 + (i % 4)) })
			);
			// Students 0–24 had grades 9, 10, 11, 12, …: those not already in grade 12 moved up.
			const changedGrades = Array.from({ length: 25 }, (_, i) => 9 + (i % 4)).filter(
				(grade) => grade !== 12
			).length;
			expect(moved.body.counts.student).toMatchObject({
				updated: changedGrades,
				unchanged: STUDENTS - changedGrades
			});
			expect(moved.body.changes).toHaveLength(changedGrades);
			expect(
				count(
					'SELECT count(*) AS n FROM students s JOIN roster_links r ON r.user_id = s.user_id WHERE s.grade = 12'
				)
			).toBe(STUDENTS / 4 + changedGrades);
		}
	);
});
