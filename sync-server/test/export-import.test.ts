import { unzipSync } from 'fflate';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import type { ArchiveManifest } from '../src/export/archive-format';
import type { DemoStudent } from '../src/demo/demo-school';
import { signIn, startServer, type TestServer } from './helpers';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(150_000)]);
const png = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	randomBytes(40_000)
]);

/** Amara's plan with goals, evidence pointing at two files, revisions and a family reflection. */
function amaraWithEvidence(student: DemoStudent) {
	if (student.planId !== 'demo-amara') return undefined;
	const planDoc = new Y.Doc();
	const plan = Plan.create(planDoc, student.planId, { studentName: 'Amara Okoye', grade: '9' });
	const goal = plan.goals.add({ kind: 'secondary', title: 'Read 12 books this year', status: 'in-progress' });
	plan.steps.add({ goalId: goal, what: 'One book a month', status: 'doing' });
	plan.profileText('strengths').insert(0, 'Curious, kind, good at drawing');
	const evidence = plan.collections.evidence;
	evidence.add({
		kind: 'file',
		title: 'Book report',
		fileHash: sha256(pdf),
		fileName: 'report.pdf',
		mimeType: 'application/pdf',
		goalIds: [goal]
	});
	evidence.add({
		kind: 'file',
		title: 'My poster',
		fileHash: sha256(png),
		fileName: 'poster.png',
		mimeType: 'image/png'
	});
	evidence.add({ kind: 'link', title: 'Class blog', url: 'https://example.org/blog' });
	plan.collections.revisions.add({
		date: '2026-10-01',
		whatChanged: 'Added a reading goal',
		why: 'I like stories'
	});
	const revision = plan.collections.revisions.list()[0]!.id;
	plan.collections.revisions.text(revision, 'why').insert(0, 'Edited later: ');
	const familyDoc = new Y.Doc();
	const family = new FamilyPart(familyDoc);
	family.initialize();
	family.viewText('hopes').insert(0, 'That she keeps reading');
	family.reflections.add({ date: '2026-10-02', authorName: 'Grace Okoye', body: 'Proud of her' });
	return { plan: Y.encodeStateAsUpdate(planDoc), family: Y.encodeStateAsUpdate(familyDoc) };
}

async function uploadWhole(server: TestServer, token: string, planId: string, file: Buffer) {
	const response = await fetch(
		`${server.url}/api/blobs/${sha256(file)}?planId=${planId}&offset=0&total=${file.length}`,
		{
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
			body: new Uint8Array(file)
		}
	);
	expect(response.status).toBe(200);
}

async function exportPlan(server: TestServer, token: string, planId: string) {
	const response = await fetch(`${server.url}/api/plans/${planId}/export`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('application/zip');
	const bytes = new Uint8Array(await response.arrayBuffer());
	const files = unzipSync(bytes);
	const manifest = JSON.parse(new TextDecoder().decode(files['pathways-plan.json'])) as ArchiveManifest;
	return { bytes, files, manifest };
}

async function importPlan(server: TestServer, token: string, planId: string, archive: Uint8Array) {
	return postArchive(server, token, `/api/plans/${planId}/import`, archive);
}

/** An admin's restore: both parts of the plan (admins may not use the import route). */
async function restorePlan(server: TestServer, token: string, planId: string, archive: Uint8Array) {
	return postArchive(server, token, `/api/plans/${planId}/restore`, archive);
}

async function postArchive(server: TestServer, token: string, route: string, archive: Uint8Array) {
	const response = await fetch(`${server.url}${route}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
		body: new Uint8Array(archive)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('plan export and import', () => {
	const servers: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.close()));
	});

	it('round-trips a plan with evidence and revisions into a fresh server, every field and byte', async () => {
		const source = await startServer({ options: { seedDemoPlanContent: amaraWithEvidence } });
		servers.push(source);
		const amara = await signIn(source.url, 'amara');
		await uploadWhole(source, amara, 'demo-amara', pdf);
		await uploadWhole(source, amara, 'demo-amara', png);

		const exported = await exportPlan(source, amara, 'demo-amara');
		const { manifest, files } = exported;
		expect(manifest.format).toBe('pathways-plan');
		expect(manifest.formatVersion).toBe(1);
		expect(manifest.plan.revisions[0]!.why).toBe('Edited later: I like stories');
		expect(manifest.family.reflections[0]!.body).toBe('Proud of her');
		expect(manifest.evidence.map((e) => e.hash).sort()).toEqual([sha256(pdf), sha256(png)].sort());
		const html = new TextDecoder().decode(files['index.html']);
		expect(html).toContain('Read 12 books this year');
		expect(html).toContain(`<img src="evidence/${sha256(png)}.png"`);
		expect(Buffer.from(files[`evidence/${sha256(pdf)}.pdf`]!).equals(pdf)).toBe(true);

		// Another installation: the same demo school, but Amara's plan is empty there.
		const target = await startServer();
		servers.push(target);
		const admin = await signIn(target.url, 'admin');
		const first = await restorePlan(target, admin, 'demo-amara', exported.bytes);
		expect(first).toEqual({
			status: 200,
			body: { planId: 'demo-amara', files: 2, isChanged: true, skipped: [] }
		});

		const amaraThere = await signIn(target.url, 'amara');
		const back = await exportPlan(target, amaraThere, 'demo-amara');
		expect(back.manifest.plan).toEqual(manifest.plan);
		expect(back.manifest.family).toEqual(manifest.family);
		expect(back.files['yjs/plan.bin']).toEqual(files['yjs/plan.bin']);
		for (const file of [pdf, png]) {
			const response = await fetch(`${target.url}/api/blobs/${sha256(file)}`, {
				headers: { authorization: `Bearer ${amaraThere}` }
			});
			expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);
		}

		// Importing again changes nothing: no second copy of any goal, revision or file.
		const second = await restorePlan(target, admin, 'demo-amara', exported.bytes);
		expect(second.body).toEqual({ planId: 'demo-amara', files: 2, isChanged: false, skipped: [] });
		const after = await exportPlan(target, amaraThere, 'demo-amara');
		expect(after.manifest.plan).toEqual(manifest.plan);
		expect(after.manifest.evidence).toHaveLength(2);
	});

	it('refuses to merge an archive into an unrelated plan, and refuses people without rights', async () => {
		const source = await startServer({ options: { seedDemoPlanContent: amaraWithEvidence } });
		servers.push(source);
		const rivera = await signIn(source.url, 'rivera');
		const { bytes } = await exportPlan(source, rivera, 'demo-amara');
		const admin = await signIn(source.url, 'admin');
		// Ben's plan is empty here, so it takes the archive; then a different plan's archive is refused.
		expect((await restorePlan(source, admin, 'demo-ben', bytes)).status).toBe(200);
		const grace = await signIn(source.url, 'grace');
		expect((await importPlan(source, grace, 'demo-amara', bytes)).status).toBe(403);
		const ben = await signIn(source.url, 'ben');
		expect(
			(
				await fetch(`${source.url}/api/plans/demo-amara/export`, {
					headers: { authorization: `Bearer ${ben}` }
				})
			).status
		).toBe(404);
		const chen = await signIn(source.url, 'chen');
		expect(
			(
				await fetch(`${source.url}/api/plans/demo-amara/export`, {
					headers: { authorization: `Bearer ${chen}` }
				})
			).status
		).toBe(404);
		expect(
			(
				await fetch(`${source.url}/api/plans/demo-amara/export`, {
					headers: { authorization: `Bearer ${grace}` }
				})
			).status
		).toBe(403);

		const other = await startServer({ options: { seedDemoPlanContent: amaraWithEvidence } });
		servers.push(other);
		const { bytes: unrelated } = await exportPlan(other, await signIn(other.url, 'amara'), 'demo-amara');
		const refused = await restorePlan(source, admin, 'demo-amara', unrelated);
		expect(refused.status).toBe(409);
		expect((refused.body.error as { code: string }).code).toBe('plan-not-empty');
		const broken = await restorePlan(source, admin, 'demo-amara', new Uint8Array([1, 2, 3]));
		expect(broken.status).toBe(400);
	});

	it('gives an admin the whole school in one archive, one plan archive each', async () => {
		const server = await startServer({ options: { seedDemoPlanContent: amaraWithEvidence } });
		servers.push(server);
		await uploadWhole(server, await signIn(server.url, 'amara'), 'demo-amara', pdf);
		const admin = await signIn(server.url, 'admin');
		const response = await fetch(`${server.url}/api/school/export`, {
			headers: { authorization: `Bearer ${admin}` }
		});
		expect(response.status).toBe(200);
		const outer = unzipSync(new Uint8Array(await response.arrayBuffer()));
		const index = JSON.parse(new TextDecoder().decode(outer['school.json'])) as {
			plans: { planId: string; path: string }[];
		};
		expect(index.plans.map((p) => p.planId).sort()).toEqual([
			'demo-amara',
			'demo-ben',
			'demo-carmen',
			'demo-dev',
			'demo-eli'
		]);
		const amara = unzipSync(outer['plans/demo-amara.zip']!);
		const manifest = JSON.parse(new TextDecoder().decode(amara['pathways-plan.json'])) as ArchiveManifest;
		expect(manifest.plan.goals[0]!.title).toBe('Read 12 books this year');
		expect(Buffer.from(amara[`evidence/${sha256(pdf)}.pdf`]!).equals(pdf)).toBe(true);
		const rivera = await signIn(server.url, 'rivera');
		expect(
			(await fetch(`${server.url}/api/school/export`, { headers: { authorization: `Bearer ${rivera}` } }))
				.status
		).toBe(403);
	});
});
