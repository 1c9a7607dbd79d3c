import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { localDb } from './db';
import {
	EvidenceFileError,
	evidenceFile,
	evidenceStorage,
	freeUploadedFiles,
	pendingUploads,
	recordUploaded,
	storeEvidenceFile
} from './evidence-store';

const pdf = (text: string) => new Blob([`%PDF-1.7\n${text}`], { type: 'application/pdf' });

beforeEach(async () => {
	await localDb().evidenceFiles.clear();
	await localDb().uploads.clear();
});

describe('evidence files on the device', () => {
	it('keeps a file once by its SHA-256 and queues it once per plan', async () => {
		const first = await storeEvidenceFile('p1', pdf('essay'), 'essay.pdf', { queueUpload: true, now: 1 });
		const again = await storeEvidenceFile('p1', pdf('essay'), 'copy.pdf', { queueUpload: true, now: 2 });
		await storeEvidenceFile('p2', pdf('essay'), 'essay.pdf', { queueUpload: true, now: 3 });
		expect(again.hash).toBe(first.hash);
		expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(first.mimeType).toBe('application/pdf');
		expect((await pendingUploads()).map((u) => u.planId)).toEqual(['p1', 'p2']);
		expect(await evidenceStorage()).toEqual({ files: 1, bytes: first.size, freeableBytes: 0 });
		expect(await (await evidenceFile(first.hash))!.data.text()).toBe('%PDF-1.7\nessay');
	});

	it('refuses empty files, files over the limit and files that are not what they claim', async () => {
		const refuse = (file: Blob, maxBytes?: number) =>
			storeEvidenceFile('p1', file, 'x', { queueUpload: true, maxBytes }).then(
				() => 'kept',
				(error: EvidenceFileError) => error.problem
			);
		expect(await refuse(new Blob([]))).toBe('empty');
		expect(await refuse(pdf('x'.repeat(100)), 50)).toBe('too-large');
		expect(await refuse(new Blob(['MZ not a pdf'], { type: 'application/pdf' }))).toBe('type');
		expect(await pendingUploads()).toEqual([]);
	});

	it('frees only files the school already has, for every plan that uses them', async () => {
		const shared = await storeEvidenceFile('p1', pdf('shared'), 'a.pdf', { queueUpload: true });
		await storeEvidenceFile('p2', pdf('shared'), 'a.pdf', { queueUpload: true });
		const waiting = await storeEvidenceFile('p1', pdf('waiting'), 'b.pdf', { queueUpload: true });
		const uploadOf = async (planId: string) =>
			(await pendingUploads()).find((u) => u.planId === planId && u.hash === shared.hash)!;
		await recordUploaded(await uploadOf('p1'));
		// Still queued for p2: not yet freeable.
		expect((await evidenceStorage()).freeableBytes).toBe(0);
		await recordUploaded(await uploadOf('p2'));
		expect((await evidenceStorage()).freeableBytes).toBe(shared.size);
		expect(await freeUploadedFiles()).toBe(shared.size);
		expect(await evidenceFile(shared.hash)).toBeUndefined();
		expect(await evidenceFile(waiting.hash)).toBeDefined();
	});
});
