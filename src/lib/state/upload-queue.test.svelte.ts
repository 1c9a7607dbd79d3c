import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { uploadQueue } from './upload-queue.svelte';

describe('the evidence outbox', () => {
	it('started by a component, looks at the outbox once, not again and again', async () => {
		vi.stubGlobal('window', new EventTarget());
		const run = vi.spyOn(uploadQueue, 'run');
		// As EvidenceAttach starts it: from an effect, stopped when the component goes.
		const stop = $effect.root(() => {
			$effect(() => uploadQueue.start());
		});
		flushSync();
		// An empty outbox: each run ends at once (IndexedDB in memory), and would start the next if
		// the effect followed the queue's own state.
		for (let i = 0; i < 20; i++) {
			await new Promise((resolve) => setTimeout(resolve, 5));
			flushSync();
		}
		stop();
		expect(uploadQueue.items).toEqual([]);
		expect(run).toHaveBeenCalledTimes(1);
		vi.unstubAllGlobals();
	});
});
