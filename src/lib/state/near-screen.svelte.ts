import { flushSync, getContext, setContext } from 'svelte';

const KEY = Symbol('near-screen');

/**
 * Which records of a big plan are drawn as full editors. Making the editor of every record of a
 * five-year plan (hundreds of records, thousands of fields) takes seconds on a slow Chromebook,
 * so the first `eager` records get theirs at once (a usual plan is all drawn at once) and the rest
 * show their words in a light preview — in the page from the start, so find-in-page, screen
 * readers and the keyboard reach them — that becomes the editor when it comes near the screen or
 * gets the focus. Once an editor, a record stays one.
 */
export class RecordDrawing {
	#started = 0;

	constructor(readonly eager = 30) {}

	/** Whether the next record (in page order) is drawn as an editor at once. */
	isEager(): boolean {
		return this.#started++ < this.eager;
	}

	/** Starts over for another plan (the page stays, its records are new). */
	reset(): void {
		this.#started = 0;
	}
}

export function provideRecordDrawing(drawing: RecordDrawing): void {
	setContext(KEY, drawing);
}

/** The page's record drawing, or undefined where every record is an editor at once. */
export function recordDrawing(): RecordDrawing | undefined {
	return getContext<RecordDrawing | undefined>(KEY);
}

/** What to call when each watched element comes near the screen. */
const nearScreen = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | undefined;

/**
 * Calls `show` once the element is within about a screen of the viewport. One observer for every
 * record of the page (a five-year plan has hundreds), not one each.
 */
export function whenNearScreen(node: HTMLElement, show: () => void) {
	observer ??= new IntersectionObserver(
		(entries) => {
			for (const entry of entries) {
				if (!entry.isIntersecting) continue;
				const onNear = nearScreen.get(entry.target);
				nearScreen.delete(entry.target);
				observer?.unobserve(entry.target);
				onNear?.();
			}
		},
		{ rootMargin: '100% 0px' }
	);
	nearScreen.set(node, show);
	observer.observe(node);
	return {
		destroy: () => {
			nearScreen.delete(node);
			observer?.unobserve(node);
		}
	};
}

/**
 * Turns a preview into its editor when something in it gets the focus (Tab, a link to a field),
 * then gives the focus to the same field in the editor (the preview's parts carry its ids).
 */
export function editOnFocus(show: () => void) {
	return (event: FocusEvent) => {
		const target = event.target instanceof HTMLElement ? event.target : null;
		const id = target?.id;
		show();
		flushSync();
		const field = id ? document.getElementById(id) : null;
		field?.focus();
	};
}
