import {
	evidenceFile,
	evidenceStorage,
	freeUploadedFiles,
	pendingUploads,
	recordProgress,
	recordRefusal,
	recordUploaded,
	type EvidenceStorage
} from '../local/evidence-store';
import { untrack } from 'svelte';
import type { EvidenceUpload } from '../local/evidence-types';
import { auth } from './auth.svelte';
import { uploadFile } from '../sync/uploader';

const RETRY_MS = 10_000;

/**
 * The outbox of evidence files as the page shows it: what waits, how far each upload got, and the
 * device's evidence storage. The source of truth is Dexie (`uploads`, `evidenceFiles`); this class
 * mirrors it and runs one upload at a time whenever the device is online and someone is signed in.
 */
class UploadQueue {
	items = $state<EvidenceUpload[]>([]);
	storage = $state<EvidenceStorage | null>(null);
	isSending = $state(false);
	#isRunRequested = false;

	async refresh(): Promise<void> {
		const [items, storage] = await Promise.all([pendingUploads(), evidenceStorage()]);
		this.items = items;
		this.storage = storage;
	}

	/** Sends everything waiting, oldest first; stops quietly when offline (a later run continues). */
	async run(): Promise<void> {
		if (this.isSending) {
			this.#isRunRequested = true;
			return;
		}
		this.isSending = true;
		try {
			do {
				this.#isRunRequested = false;
				await this.#sendAll();
			} while (this.#isRunRequested);
		} finally {
			this.isSending = false;
			await this.refresh();
		}
	}

	async #sendAll(): Promise<void> {
		for (const upload of await pendingUploads()) {
			const token = auth.token;
			if (!token || (typeof navigator !== 'undefined' && !navigator.onLine)) return;
			if (upload.error) continue;
			const file = await evidenceFile(upload.hash);
			if (!file) continue;
			const result = await uploadFile(
				{ planId: upload.planId, hash: upload.hash, data: file.data, mimeType: file.mimeType },
				{
					token,
					onProgress: (sentBytes) => {
						this.items = this.items.map((item) => (item.key === upload.key ? { ...item, sentBytes } : item));
						void recordProgress(upload.key, sentBytes);
					}
				}
			);
			if (result.outcome === 'done') await recordUploaded(upload);
			else if (result.outcome === 'refused') await recordRefusal(upload.key, result.message);
			else if (result.outcome === 'signed-out') auth.markExpired();
			if (result.outcome === 'offline' || result.outcome === 'signed-out') return;
			await this.refresh();
		}
	}

	async freeSpace(): Promise<number> {
		const freed = await freeUploadedFiles();
		await this.refresh();
		return freed;
	}

	/**
	 * Runs now, when the device comes online, and every few seconds while there is work. Called from
	 * an effect: the run reads the queue's own state, which the effect must not follow (each run
	 * would start the effect, and so the next run, again, for as long as the page is open).
	 */
	start(): () => void {
		const kick = () => void untrack(() => this.run());
		kick();
		window.addEventListener('online', kick);
		const timer = setInterval(() => {
			if (this.items.some((item) => !item.error)) kick();
		}, RETRY_MS);
		return () => {
			window.removeEventListener('online', kick);
			clearInterval(timer);
		};
	}
}

export const uploadQueue = new UploadQueue();
