/**
 * A flood of audit entries cannot push real ones out of the admin's view (issue 13, hole 9): the
 * audit view pages through everything, by entry id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, signIn, startServer, type TestServer } from './helpers';

interface AuditPage {
	entries: { action: string; detail: string | null; userName: string | null }[];
	nextBefore: number | null;
}

describe('the audit view', () => {
	let server: TestServer;
	afterEach(async () => server.close());

	it('pages through every entry of a plan, so a flood hides nothing', async () => {
		server = await startServer();
		const db = server.server.db;
		const userId = (username: string) =>
			(db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
		const insert = db.prepare(
			'INSERT INTO audit_log (at, user_id, plan_id, doc_kind, action, detail) VALUES (?, ?, ?, ?, ?, ?)'
		);
		const at = server.clock.ms;
		insert.run(at, userId('rivera'), 'demo-amara', 'plan', 'change', 'the real entry');
		// Someone opens the plan over and over: 1,500 rows in the same millisecond.
		for (let i = 0; i < 1500; i++) insert.run(at, userId('ben'), 'demo-amara', 'plan', 'open', 'read');

		const admin = await signIn(server.url, 'admin');
		const amaraId = userId('amara');
		const pages: AuditPage[] = [];
		let before: number | null = null;
		do {
			const query: string = `studentId=${amaraId}&limit=1000${before === null ? '' : `&before=${before}`}`;
			const page = await api<AuditPage>(server.url, 'GET', `/api/audit?${query}`, { token: admin });
			expect(page.status).toBe(200);
			pages.push(page.body);
			before = page.body.nextBefore;
		} while (before !== null && pages.length < 10);

		expect(pages.map((page) => page.entries.length)).toEqual([1000, 501]);
		const all = pages.flatMap((page) => page.entries);
		expect(all.at(-1)).toMatchObject({
			action: 'change',
			detail: 'the real entry',
			userName: 'Lucia Rivera'
		});
		expect(all.filter((entry) => entry.action === 'open')).toHaveLength(1500);
	});
});
