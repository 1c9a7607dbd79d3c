import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { RecordDrawing } from './near-screen.svelte';

/**
 * Which records of a big plan are editors, in Svelte's real (client) runtime: the mark is taken in
 * a derived (as the section's `{@const}` does) and read in an effect (as its `{#if}` does).
 */
describe('the records drawn as editors', () => {
	it('makes the first ones editors, the rest previews, and a shown preview its editor', () => {
		const drawing = new RecordDrawing(2);
		const records = [{}, {}, {}, {}];
		const seen: boolean[] = [];
		const runs = [0, 0, 0, 0];
		const stop = $effect.root(() => {
			records.forEach((record, i) => {
				const mark = $derived(drawing.markOf(record));
				$effect(() => {
					seen[i] = mark.isEditor;
					runs[i]!++;
				});
			});
		});
		flushSync();
		expect(seen).toEqual([true, true, false, false]);

		drawing.show(records[3]!);
		flushSync();
		expect(seen).toEqual([true, true, false, true]);
		// Only the record shown was drawn again.
		expect(runs).toEqual([1, 1, 1, 2]);
		stop();
	});

	it('counts again for another plan', () => {
		const drawing = new RecordDrawing(1);
		expect(drawing.markOf({}).isEditor).toBe(true);
		expect(drawing.markOf({}).isEditor).toBe(false);
		drawing.reset();
		expect(drawing.markOf({}).isEditor).toBe(true);
	});
});
