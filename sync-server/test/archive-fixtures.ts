/**
 * A plan worth moving between servers, and the archive calls the tests make: Amara's plan with
 * goals, evidence pointing at two real files, revisions and a family reflection.
 */
import { unzipSync } from 'fflate';
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import type { ArchiveManifest } from '../src/export/archive-format';
import type { DemoStudent } from '../src/demo/demo-school';
import type { TestServer } from './helpers';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(150_000)]);
export const png = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	randomBytes(40_000)
]);

/** Amara's plan with goals, evidence pointing at two files, revisions and a family reflection. */
export function amaraWithEvidence(student: DemoStudent) {
	if (student.planId !== 'demo-amara') return undefined;
	const planDoc = new Y.Doc();
	const plan = Plan.create(planDoc, student.planId, {
		studentName: 'Amara Okoye',
		grade: '9',
		school: 'Cedar Falls Middle School',
		studentId: 'CF-0042',
		startDate: '2025-09-02'
	});
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

export async function uploadWhole(server: TestServer, token: string, planId: string, file: Buffer) {
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

export async function exportPlan(server: TestServer, token: string, planId: string) {
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

export async function importPlan(server: TestServer, token: string, planId: string, archive: Uint8Array) {
	return postArchive(server, token, `/api/plans/${planId}/import`, archive);
}

/** An admin's restore: both parts of the plan (admins may not use the import route). */
export async function restorePlan(server: TestServer, token: string, planId: string, archive: Uint8Array) {
	return postArchive(server, token, `/api/plans/${planId}/restore`, archive);
}

export async function postArchive(server: TestServer, token: string, route: string, archive: Uint8Array) {
	const response = await fetch(`${server.url}${route}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
		body: new Uint8Array(archive)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
