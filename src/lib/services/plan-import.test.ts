import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { summarizeArchive, type ArchiveManifest } from '../plp/archive';
import { Plan } from '../plp/plan';
import * as Y from 'yjs';
import { readManifest } from './plan-import';

function manifestOf(plan: Plan, overrides: Partial<ArchiveManifest> = {}): ArchiveManifest {
	return {
		format: 'pathways-plan',
		formatVersion: 1,
		exportedAt: '2026-11-22T18:00:00.000Z',
		planId: plan.planId,
		plan: plan.snapshot(),
		family: { view: { strengths: '', hopes: 'Keep reading' }, reflections: [], comments: [] },
		evidence: [{ hash: 'a'.repeat(64), size: 3_000_000, mimeType: 'video/mp4', path: 'evidence/a.mp4' }],
		...overrides
	};
}

function amara(): Plan {
	const plan = Plan.create(new Y.Doc(), 'p1', {
		studentName: 'Amara Okoye',
		school: 'Cedar Falls',
		grade: '8'
	});
	plan.goals.add({ title: 'Read 12 books' });
	plan.goals.add({ title: 'Join a club' });
	plan.profileText('strengths').insert(0, 'Kind');
	return plan;
}

const archive = (files: Record<string, Uint8Array>) =>
	new Blob([new Uint8Array(zipSync(files, { level: 0 }))]);

describe('reading an archive on the device before it is sent', () => {
	it('finds the manifest at the start and sums up what the plan holds', async () => {
		const manifest = manifestOf(amara());
		const file = archive({
			'pathways-plan.json': strToU8(JSON.stringify(manifest)),
			'evidence/a.mp4': new Uint8Array(3_000_000)
		});
		const summary = summarizeArchive(await readManifest(file));
		expect(summary).toMatchObject({
			studentName: 'Amara Okoye',
			school: 'Cedar Falls',
			grade: '8',
			profileAnswers: 1,
			files: 1,
			fileBytes: 3_000_000,
			familyEntries: 1
		});
		expect(summary.sections.find((s) => s.name === 'goals')?.count).toBe(2);
		expect(summary.sections.find((s) => s.name === 'evidence')?.count).toBe(0);
	});

	it('says which files are not a plan archive, and which come from a newer Pathways', async () => {
		await expect(readManifest(new Blob(['name,grade\nTom,9']))).rejects.toMatchObject({
			code: 'not-archive'
		});
		await expect(readManifest(archive({ 'notes.txt': strToU8('hello') }))).rejects.toMatchObject({
			code: 'not-archive'
		});
		const other = archive({ 'pathways-plan.json': strToU8(JSON.stringify({ format: 'something-else' })) });
		await expect(readManifest(other)).rejects.toMatchObject({ code: 'not-archive' });
		const newer = archive({
			'pathways-plan.json': strToU8(JSON.stringify(manifestOf(amara(), { formatVersion: 99 })))
		});
		await expect(readManifest(newer)).rejects.toMatchObject({ code: 'too-new' });
	});
});
