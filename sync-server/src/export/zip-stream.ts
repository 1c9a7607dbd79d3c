import { Zip } from 'fflate';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A streaming zip written into a Node stream, with back-pressure: after pushing a piece, await
 * `drained()`, which also rethrows any error the zip reported.
 */
export function zipInto(out: Writable): { zip: Zip; drained: () => Promise<void> } {
	let failure: Error | null = null;
	let isFull = false;
	const zip = new Zip((error, chunk, isFinal) => {
		if (error) {
			failure = error;
			return;
		}
		if (!out.write(chunk)) isFull = true;
		if (isFinal) out.end();
	});
	const drained = async () => {
		if (failure) throw failure;
		if (isFull) {
			isFull = false;
			await once(out, 'drain');
		}
	};
	return { zip, drained };
}
