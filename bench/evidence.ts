/**
 * Evidence figures (printed, never asserted), on a real server on 127.0.0.1 port 0 with its data in
 * a temp folder that is removed afterwards:
 * - a 200 MB video uploaded in 4 MiB chunks while the connection is cut twice in the middle of a
 *   chunk: bytes sent in total and bytes sent again (target: at most one chunk per interruption);
 * - the export (.zip) time of a plan holding 500 MB of evidence (five 100 MB videos).
 */
import { createHash } from 'node:crypto';
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { Plan } from '../src/lib/plp/plan';
import { uploadFile } from '../src/lib/sync/uploader';
import { configWith } from '../sync-server/src/config';
import type { DemoStudent } from '../sync-server/src/demo/demo-school';
import { createServer, type PathwaysServer } from '../sync-server/src/server';
import { printTable } from './report';

const MB = 1024 * 1024;
const CHUNK = 4 * MB;

/** A fake MP4 of `size` bytes: an `ftyp` box, then a fill that differs per file. */
function fakeVideo(size: number, seed: number): Buffer<ArrayBuffer> {
	const file = Buffer.alloc(size, `clip-${seed}-`);
	Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]).copy(file, 0);
	return file;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function start(dir: string, seed?: (student: DemoStudent) => { plan?: Uint8Array } | undefined) {
	const config = configWith({
		host: '127.0.0.1',
		port: 0,
		dataDir: path.join(dir, 'data'),
		buildDir: path.join(dir, 'no-build'),
		logLevel: 'silent',
		blobs: { maxBytes: 1024 * MB, maxChunkBytes: 8 * MB, acceptedCategories: ['video', 'pdf'] },
		backup: { isEnabled: false, timeUtc: '02:30', keep: 1, dir: path.join(dir, 'backups') }
	});
	const server = await createServer(config, { seedDemoPlanContent: seed });
	await server.app.listen({ host: '127.0.0.1', port: 0 });
	const address = server.app.server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return { server, url: `http://127.0.0.1:${address.port}` };
}

async function signIn(url: string, username: string): Promise<string> {
	const response = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: 'maple-ridge-demo' })
	});
	return ((await response.json()) as { token: string }).token;
}

/**
 * fetch that cuts the connection half-way through the body of the given PUTs (counted from 1),
 * counting every body byte that left the client.
 */
function cuttingFetch(cutOn: number[], sent: { bytes: number }): typeof fetch {
	let puts = 0;
	return async (input, init) => {
		if (init?.method !== 'PUT') return fetch(input, init);
		puts += 1;
		const body = new Uint8Array(await (init.body as Blob).arrayBuffer());
		if (!cutOn.includes(puts)) {
			sent.bytes += body.length;
			return fetch(input, init);
		}
		const half = body.subarray(0, body.length >> 1);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(half);
				sent.bytes += half.length;
			},
			pull(controller) {
				controller.error(new Error('connection lost'));
			}
		});
		return fetch(input, { ...init, body: stream, duplex: 'half' } as RequestInit);
	};
}

async function interruptedUpload(dir: string): Promise<Array<[string, string]>> {
	const { server, url } = await start(dir);
	try {
		const token = await signIn(url, 'amara');
		const video = fakeVideo(200 * MB, 1);
		const target = {
			planId: 'demo-amara',
			hash: sha256(video),
			data: new Blob([video]),
			mimeType: 'video/mp4'
		};
		const sent = { bytes: 0 };
		const options = { token, baseUrl: url, chunkBytes: CHUNK, fetch: cuttingFetch([11, 31], sent) };
		const started = performance.now();
		const outcomes: string[] = [];
		for (let attempt = 0; attempt < 5; attempt++) {
			const result = await uploadFile(target, options);
			outcomes.push(result.outcome);
			if (result.outcome === 'done') break;
		}
		const seconds = (performance.now() - started) / 1000;
		const resent = sent.bytes - video.length;
		return [
			['file', `${video.length / MB} MB in ${CHUNK / MB} MiB chunks, cut twice mid-chunk`],
			['attempts', outcomes.join(' → ')],
			['bytes sent in total', `${sent.bytes.toLocaleString('en')} (${(sent.bytes / MB).toFixed(1)} MB)`],
			[
				'bytes re-sent',
				`${resent.toLocaleString('en')} (${(resent / MB).toFixed(1)} MB; ${(resent / CHUNK).toFixed(2)} chunks)`
			],
			['time (loopback)', `${seconds.toFixed(1)} s (${(video.length / MB / seconds).toFixed(0)} MB/s)`]
		];
	} finally {
		await server.close();
	}
}

async function exportTime(dir: string): Promise<Array<[string, string]>> {
	const videos = [0, 1, 2, 3, 4].map((i) => ({ seed: 10 + i, hash: sha256(fakeVideo(100 * MB, 10 + i)) }));
	const seed = (student: DemoStudent) => {
		if (student.planId !== 'demo-amara') return undefined;
		const doc = new Y.Doc();
		const plan = Plan.create(doc, student.planId, { studentName: 'Amara Okoye' });
		for (const [i, video] of videos.entries()) {
			plan.collections.evidence.add({
				kind: 'file',
				title: `Video ${i + 1}`,
				fileHash: video.hash,
				mimeType: 'video/mp4'
			});
		}
		return { plan: Y.encodeStateAsUpdate(doc) };
	};
	const { server, url }: { server: PathwaysServer; url: string } = await start(dir, seed);
	try {
		const token = await signIn(url, 'amara');
		for (const video of videos) {
			const data = fakeVideo(100 * MB, video.seed);
			const result = await uploadFile(
				{ planId: 'demo-amara', hash: video.hash, data: new Blob([data]), mimeType: 'video/mp4' },
				{ token, baseUrl: url, chunkBytes: 8 * MB }
			);
			if (result.outcome !== 'done') throw new Error(`upload failed: ${result.outcome}`);
		}
		const started = performance.now();
		const response = await fetch(`${url}/api/plans/demo-amara/export`, {
			headers: { authorization: `Bearer ${token}` }
		});
		let bytes = 0;
		for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
		const seconds = (performance.now() - started) / 1000;
		return [
			['plan', '5 evidence videos of 100 MB (500 MB)'],
			['archive size', `${(bytes / MB).toFixed(1)} MB`],
			['export time', `${seconds.toFixed(2)} s (${(bytes / MB / seconds).toFixed(0)} MB/s, streamed)`]
		];
	} finally {
		await server.close();
	}
}

export async function runEvidenceBench(): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'pathways-bench-evidence-'));
	try {
		printTable(
			'Evidence upload: 200 MB, connection cut twice',
			await interruptedUpload(path.join(dir, 'upload'))
		);
		printTable('Export of a plan with 500 MB of evidence', await exportTime(path.join(dir, 'export')));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
