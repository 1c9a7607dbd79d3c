/**
 * The disk blob store (blob-store.ts) seen through the asynchronous contract, so one set of blob
 * routes and one conformance suite serve every engine. Each call runs the store's own method; the
 * check of a chunk's offset and its write happen in one synchronous step, so two requests racing
 * with the same chunk cannot both be taken (one process owns the data folder).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AsyncBlobStore, StoredBlobInfo } from '../contracts';
import type { BlobStore } from './blob-store';

export class DiskBlobStoreAdapter implements AsyncBlobStore {
	constructor(private readonly blobs: BlobStore) {}

	async info(hash: string): Promise<StoredBlobInfo | undefined> {
		return this.blobs.info(hash);
	}

	async receivedBytes(planId: string, hash: string): Promise<number> {
		return this.blobs.receivedBytes(planId, hash);
	}

	async appendChunk(
		planId: string,
		hash: string,
		offset: number,
		chunk: Uint8Array
	): Promise<{ isAccepted: boolean; received: number }> {
		const received = this.blobs.receivedBytes(planId, hash);
		if (this.blobs.isFinishing(planId, hash) || offset !== received) return { isAccepted: false, received };
		return { isAccepted: true, received: this.blobs.appendChunk(planId, hash, offset, chunk) };
	}

	async readPartialHead(planId: string, hash: string, bytes: number): Promise<Uint8Array> {
		let file;
		try {
			file = await open(this.blobs.partialPath(planId, hash), 'r');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array();
			throw error;
		}
		try {
			const head = Buffer.alloc(bytes);
			const { bytesRead } = await file.read(head, 0, bytes, 0);
			return head.subarray(0, bytesRead);
		} finally {
			await file.close();
		}
	}

	finish(planId: string, hash: string, mimeType: string): Promise<boolean> {
		return this.blobs.finish(planId, hash, mimeType);
	}

	async linkToPlan(planId: string, hash: string, userId: string): Promise<void> {
		this.blobs.linkToPlan(planId, hash, userId);
	}

	async isLinked(planId: string, hash: string): Promise<boolean> {
		return this.blobs.isLinked(planId, hash);
	}

	async plansOf(hash: string): Promise<string[]> {
		return this.blobs.plansOf(hash).sort();
	}

	async blobsOf(planId: string): Promise<StoredBlobInfo[]> {
		return this.blobs.blobsOf(planId);
	}

	async *read(hash: string): AsyncIterable<Uint8Array> {
		for await (const chunk of createReadStream(this.blobs.pathOf(hash))) yield chunk as Buffer;
	}
}
