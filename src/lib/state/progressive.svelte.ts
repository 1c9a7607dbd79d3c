import { flushSync, getContext, setContext } from 'svelte';

const KEY = Symbol('progressive');

/**
 * Draws a big plan a little at a time: the first records at once (a usual plan is all drawn at
 * once, as before), the rest in slices of a few milliseconds in page order, so a five-year plan on
 * a slow Chromebook can be read and typed in while the rest appears, instead of after seconds of
 * frozen page. Once everything is drawn, new records appear at once.
 */
export class ProgressiveDraw {
	#started = 0;
	#hasDrained = false;
	#queue: Array<{ shown: boolean }> = [];
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		readonly eager = 30,
		readonly sliceMs = 8
	) {}

	/** A flag for one record: `shown` turns true when its turn comes. */
	slot(): { shown: boolean } {
		const isNow = this.#hasDrained || this.#started++ < this.eager;
		const slot = $state({ shown: isNow });
		if (!isNow) this.#queue.push(slot);
		if (!this.#hasDrained) this.#timer ??= setTimeout(this.#drawSome, 0);
		return slot;
	}

	/** Draws everything now (before moving the keyboard to a record that may not be drawn yet). */
	showAll(): void {
		for (const slot of this.#queue.splice(0)) slot.shown = true;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#hasDrained = true;
		flushSync();
	}

	/** Starts over for another plan (the page stays, its records are new), or stops on leaving. */
	reset(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#queue.length = 0;
		this.#started = 0;
		this.#hasDrained = false;
	}

	#drawSome = () => {
		this.#timer = undefined;
		const start = performance.now();
		while (this.#queue.length > 0 && performance.now() - start < this.sliceMs) {
			const slot = this.#queue.shift();
			if (slot) slot.shown = true;
			flushSync();
		}
		if (this.#queue.length > 0) this.#timer = setTimeout(this.#drawSome, 0);
		else this.#hasDrained = true;
	};
}

export function provideProgressiveDraw(draw: ProgressiveDraw): void {
	setContext(KEY, draw);
}

/** The page's progressive drawing, or undefined where everything is drawn at once. */
export function progressiveDraw(): ProgressiveDraw | undefined {
	return getContext<ProgressiveDraw | undefined>(KEY);
}
