import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveManifest } from '../src/export/archive-format';
import {
	amaraWithEvidence,
	exportPlan,
	importPlan,
	pdf,
	png,
	restorePlan,
	sha256,
	uploadWhole
} from './archive-fixtures';
import { signIn, startServer, type TestServer } from './helpers';

describe('plan export and import', () => {
	const servers: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.close()));
	});

	it('a plan exported in Nepali carries its script’s font next to index.html; one in English carries none', async () => {
		const server = await startServer();
		servers.push(server);
		const amara = await signIn(server.url, 'amara');
		const exportIn = async (language: string) => {
			const response = await fetch(`${server.url}/api/plans/demo-amara/export`, {
				headers: { authorization: `Bearer ${amara}`, 'accept-language': language }
			});
			expect(response.status).toBe(200);
			return unzipSync(new Uint8Array(await response.arrayBuffer()));
		};
		const english = await exportIn('en');
		expect(Object.keys(english).filter((name) => name.startsWith('fonts/'))).toEqual([]);

		const nepali = await exportIn('ne');
		const fonts = Object.keys(nepali).filter((name) => name.startsWith('fonts/'));
		expect(fonts.sort()).toEqual([
			'fonts/noto-sans-devanagari-devanagari-400-normal.woff2',
			'fonts/noto-sans-devanagari-devanagari-700-normal.woff2'
		]);
		const shipped = readFileSync(
			createRequire(import.meta.url).resolve(
				'@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff2'
			)
		);
		expect(Buffer.from(nepali[fonts[0]!]!).equals(shipped)).toBe(true);
		expect(new TextDecoder().decode(nepali['index.html'])).toContain(`url(${fonts[0]})`);
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
			body: { planId: 'demo-amara', files: 2, isChanged: true, skipped: [], replaced: [] }
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
		expect(second.body).toEqual({
			planId: 'demo-amara',
			files: 2,
			isChanged: false,
			skipped: [],
			replaced: []
		});
		const after = await exportPlan(target, amaraThere, 'demo-amara');
		expect(after.manifest.plan).toEqual(manifest.plan);
		expect(after.manifest.evidence).toHaveLength(2);
	});

	it('merges an archive of the same student kept apart, once, and refuses people without rights', async () => {
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
		// The same student's plan, kept on another server: both sides' goals stay, once.
		const merged = await restorePlan(source, admin, 'demo-amara', unrelated);
		expect(merged).toMatchObject({ status: 200, body: { isChanged: true, replaced: [] } });
		expect((await restorePlan(source, admin, 'demo-amara', unrelated)).body.isChanged).toBe(false);
		const both = await exportPlan(source, rivera, 'demo-amara');
		expect(both.manifest.plan.goals.map((goal) => goal.title)).toEqual([
			'Read 12 books this year',
			'Read 12 books this year'
		]);
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
