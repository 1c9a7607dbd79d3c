/**
 * Writes one plan as a .zip archive (see archive-format.ts) to a stream, file by file, waiting for
 * the stream to drain so a plan with hundreds of megabytes of video never sits in memory.
 * Evidence is stored uncompressed (it is already compressed media); JSON and HTML are deflated.
 */
import { ZipDeflate, ZipPassThrough } from 'fflate';
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import * as Y from 'yjs';
import { docName } from '../../../src/lib/plp/access';
import { confirmationList, wellFormedConfirmations } from '../../../src/lib/plp/confirmations';
import { FamilyPart } from '../../../src/lib/plp/family';
import { Plan } from '../../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import type { AsyncBlobStore, AsyncDocStore } from '../contracts';
import {
	ARCHIVE_FORMAT,
	ARCHIVE_FORMAT_VERSION,
	FAMILY_STATE_PATH,
	MANIFEST_PATH,
	PLAN_STATE_PATH,
	evidencePath,
	type ArchiveManifest
} from './archive-format';
import { fontFiles, fontsFor } from './page-fonts';
import { planHtml, type PageWording } from './plan-html';
import { zipInto } from './zip-stream';

export interface ArchiveSource {
	/** The documents where the relay stores them (server.ts: ctx.docs). */
	store: AsyncDocStore;
	/** The evidence files where the server keeps them (ctx.blobs). */
	blobs: AsyncBlobStore;
	planId: string;
	now: () => number;
	/** Who the archive's index.html is written for (English when not said). */
	wording?: PageWording;
}

/**
 * A document as the server has stored it (the relay stores every update before applying it), with
 * its deleted content kept: the revisions' snapshots need it, in an archive too.
 */
export async function loadStoredDoc(store: AsyncDocStore, name: string): Promise<Y.Doc> {
	const updates = await store.loadUpdates(name);
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.transact(doc, () => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

export async function planManifest(
	source: ArchiveSource,
	planDoc: Y.Doc,
	familyDoc: Y.Doc
): Promise<ArchiveManifest> {
	const plan = Plan.open(planDoc).plan;
	const referenced = new Set(plan.collections.evidence.list().map((e) => e.fileHash));
	const evidence = (await source.blobs.blobsOf(source.planId))
		.filter((blob) => referenced.has(blob.hash))
		.map((blob) => ({ ...blob, path: evidencePath(blob.hash, blob.mimeType) }));
	const confirmations = wellFormedConfirmations(confirmationList(planDoc).toArray()).map((c) => ({
		evidenceId: c.evidenceId,
		evidenceTitle: plan.collections.evidence.get(c.evidenceId)?.title ?? '',
		name: c.name,
		relation: c.relation,
		date: c.date
	}));
	return {
		format: ARCHIVE_FORMAT,
		formatVersion: ARCHIVE_FORMAT_VERSION,
		exportedAt: new Date(source.now()).toISOString(),
		planId: source.planId,
		plan: plan.snapshot(),
		family: new FamilyPart(familyDoc).snapshot(),
		evidence,
		confirmations
	};
}

export async function writePlanArchive(out: Writable, source: ArchiveSource): Promise<void> {
	// Read both documents first: the manifest and the Yjs states then describe one moment.
	const [planDoc, familyDoc] = await Promise.all([
		loadStoredDoc(source.store, docName('plan', source.planId)),
		loadStoredDoc(source.store, docName('family', source.planId))
	]);
	// The states as stored, before opening the plan (which would migrate an old one in place).
	const planState = Y.encodeStateAsUpdate(planDoc);
	const familyState = Y.encodeStateAsUpdate(familyDoc);
	const manifest = await planManifest(source, planDoc, familyDoc);
	planDoc.destroy();
	familyDoc.destroy();

	const { zip, drained } = zipInto(out);
	const addWhole = async (name: string, bytes: Uint8Array) => {
		const file = new ZipDeflate(name, { level: 6 });
		zip.add(file);
		file.push(bytes, true);
		await drained();
	};

	const encoder = new TextEncoder();
	await addWhole(MANIFEST_PATH, encoder.encode(JSON.stringify(manifest, null, '\t')));
	await addWhole(PLAN_STATE_PATH, planState);
	await addWhole(FAMILY_STATE_PATH, familyState);
	const html = planHtml(manifest, source.wording);
	await addWhole('index.html', encoder.encode(html));
	// Already compressed files, copied as they are: the page's fonts, then the evidence.
	const addFile = async (name: string, chunks: AsyncIterable<Uint8Array>) => {
		const file = new ZipPassThrough(name);
		zip.add(file);
		for await (const chunk of chunks) {
			file.push(chunk);
			await drained();
		}
		file.push(new Uint8Array(0), true);
	};
	for (const font of fontFiles(fontsFor(html))) {
		await addFile(font.path, createReadStream(font.source, { highWaterMark: 1 << 20 }));
	}
	for (const entry of manifest.evidence) await addFile(entry.path, source.blobs.read(entry.hash));
	zip.end();
	await drained();
}
